// The cells of one sheet, streamed from its part: each cell's position and its value as the core
// reads values (shared/cells): text, numbers, booleans, FormulaError, null for blanks; dates as
// serial numbers of the 1900 system. Formulas are read by their cached values. What real files
// do is all read: cells and rows without a reference (they follow the previous one), inline and
// rich-text strings, ISO dates (t="d"), shared formulas, no styles or shared strings part.
import { Cell, ERROR_CODES, ErrorCode, FormulaError } from '../../../shared/cells';
import { serialOfTime } from '../../../shared/dates';
import { XlsxPackage } from './read-package';
import { PackageError } from './errors';
import { SheetScanner, isDamaged } from './sheet-scan';
import { Attributes, decoderFor } from './xml-stream';

/** Days from 1 Jan 1904 (serial 0 of the 1904 system) back to the 1900 system's serial 0. */
export const DAYS_1904 = 1462;

/** Built-in number formats that show a date (not only a time of day): ECMA-376 §18.8.30 and the
 * East Asian ones. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number format shows a calendar date: a d or y, or an m that is no minute (not next to h or s). */
export function showsDate(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    // Colours, conditions and locales go; elapsed time ([h] [mm] [ss]) is kept as h: its m is minutes.
    .replace(/\[([hms]+|[^\]]*)\]/gi, (_, time: string | undefined) => (time && /^[hms]+$/i.test(time) ? 'h' : ''))
    .replace(/_.|\*./g, '')
    .toLowerCase();
  return /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
}

/**
 * Per cell style (index into cellXfs): its number format's id and, when the styles part defines
 * that id itself, the code it gives (null when the definition has no code; undefined for a
 * built-in format). The one reader of styles.xml's formats, for dates here and codes in read-format.
 */
export function styleNumberFormats(pkg: XlsxPackage): { id: number; code: string | null | undefined }[] {
  const stylesPart = pkg.relatedPart(pkg.workbookPart, 'styles');
  if (!stylesPart) return [];
  const custom = new Map<number, string | null>();
  const styles: { id: number; code: string | null | undefined }[] = [];
  let inCellXfs = false;
  pkg.readXml(stylesPart, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? null);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        styles.push({ id, code: custom.get(id) });
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  }, true);
  return styles;
}

/** Per cell style (index into cellXfs): whether its number format shows a date. */
export function dateStyles(pkg: XlsxPackage): boolean[] {
  return styleNumberFormats(pkg).map(({ id, code }) => (code !== undefined ? showsDate(code ?? '') : BUILT_IN_DATES.has(id)));
}

/** The shared strings, rich text joined, phonetic guides (rPh) left out. */
export function sharedStrings(pkg: XlsxPackage): string[] {
  const part = pkg.relatedPart(pkg.workbookPart, 'sharedStrings');
  if (!part) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  pkg.readXml(part, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text: (t) => {
      if (inText && current !== null) current += t;
    },
    close: (name) => {
      if (name === 'si') {
        strings.push(unescapeText(current ?? ''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
  }, true);
  return strings;
}

/** Characters XML cannot hold are written _xHHHH_ (ECMA-376 ST_Xstring): "_x000D_" is a carriage
 * return, and "_x005F_" a "_" that starts such a text literally. */
export const unescapeText = (text: string): string =>
  text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

/** "AB12" → column 27 (0-based), row 11 (0-based); -1 for what is not a reference. */
export function parseCellReference(ref: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  const row = i < ref.length ? Number(ref.slice(i).replace(/^\$/, '')) : NaN;
  return { col: i > 0 ? col - 1 : -1, row: Number.isInteger(row) && row > 0 ? row - 1 : -1 };
}

/** An ISO 8601 date and time (t="d") as a 1900-system serial; no time zone means the sheet's own clock. */
export function serialOfIso(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  const time = /^T?(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(text.trim());
  if (time) return (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0) + Number(time[4] ?? 0)) / 86400;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) + Math.round(Number(m[7] ?? 0) * 1000);
  return Number.isFinite(ms) ? serialOfTime(ms) : null;
}

/** What the reader needs besides the sheet: shared strings, date styles, the date system. */
export interface CellContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

export function cellContext(pkg: XlsxPackage): CellContext {
  return { strings: sharedStrings(pkg), dates: dateStyles(pkg), date1904: pkg.date1904 };
}

/** A cell's value from its type attribute, its value text and its style. */
export function cellValue(type: string | undefined, text: string | null, style: number, context: CellContext): Cell {
  switch (type) {
    case 's': {
      const s = text === null || text.trim() === '' ? undefined : context.strings[Number(text)];
      return s === undefined || s === '' ? null : s;
    }
    case 'str':
    case 'inlineStr':
      return text === null || text === '' ? null : unescapeText(text);
    case 'b':
      return text === null ? null : text.trim() === '1' || text.trim() === 'true';
    case 'e': {
      if (text === null) return null;
      const code = ERROR_CODES.includes(text.trim() as ErrorCode) ? (text.trim() as ErrorCode) : '#VALUE!';
      return new FormulaError(code, '');
    }
    case 'd': {
      if (text === null || text.trim() === '') return null;
      return serialOfIso(text) ?? text;
    }
    default: {
      if (text === null || text.trim() === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return text;
      // A 1904 workbook's date is 1,462 days less than the same date in the 1900 system; its
      // serial 0 is 1 January 1904, a real date (a time of day alone has no date format). A
      // negative serial is no date there (Excel shows ####): it stays the number it is.
      return context.date1904 && context.dates[style] && n >= 0 ? n + DAYS_1904 : n;
    }
  }
}

/** Streams a sheet's cells with a value (blanks skipped) to onCell; answering false stops. The
 * sheet's text goes through the light scanner of sheet-scan.ts, not the general XML reader. */
export function eachCell(pkg: XlsxPackage, part: string, context: CellContext, onCell: (row: number, col: number, value: Cell) => boolean | void): void {
  const scanner = new SheetScanner((row, col, type, style, text) => {
    const value = cellValue(type, text, style, context);
    return value === null ? undefined : onCell(row, col, value);
  });
  let decoder: TextDecoder | null = null;
  try {
    pkg.inflate(part, (chunk) => {
      decoder ??= decoderFor(chunk);
      return scanner.push(decoder.decode(chunk, { stream: true }));
    }, true);
    const rest = (decoder as TextDecoder | null)?.decode() ?? '';
    if (!rest || scanner.push(rest)) scanner.end();
  } catch (e) {
    // Text no XML reader would accept: the same sentence the XML reader gives.
    if (isDamaged(e)) throw new PackageError('damagedPart', { name: pkg.label, part });
    throw e;
  }
}

/** The active cell of a sheet ("B3" in its first sheet view's selection), read from the top of the
 * part only. */
export function activeCell(pkg: XlsxPackage, part: string): { row: number; col: number } {
  // A part as in the file never changes: its answer is kept (commands ask for it more than once).
  const asInFile = pkg.overlay?.has(part) === undefined;
  const known = asInFile ? activeCells.get(pkg)?.get(part) : undefined;
  if (known) return { ...known };
  let found = { row: 0, col: 0 };
  let views = 0;
  pkg.readXml(part, {
    open: (name, a: Attributes) => {
      if (name === 'sheetView') views++;
      if (name === 'selection' && views === 1 && a.activeCell) {
        const at = parseCellReference(a.activeCell);
        if (at.row >= 0 && at.col >= 0) found = at;
        return false;
      }
      return name !== 'sheetData';
    },
    close: (name) => name !== 'sheetViews',
  });
  if (asInFile) {
    if (!activeCells.has(pkg)) activeCells.set(pkg, new Map());
    activeCells.get(pkg)!.set(part, found);
  }
  return { ...found };
}

const activeCells = new WeakMap<XlsxPackage, Map<string, { row: number; col: number }>>();
