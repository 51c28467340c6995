// One sheet's XML with a command's changes, streamed: the part is read in pieces and written in
// pieces, row by row, so a sheet of a million rows is never one string. A row the command does not
// touch goes out as the exact text it came in; in a row it does touch, only the cells it writes
// change. What sits before the rows (views, columns) and after them (merges, conditional formats,
// validations, page setup) is small and edited as text, every other element kept where it was.
import { Block, Region, SpecValue, a1, columnLetter, isFormula, subtract } from '../../../shared/sheet-spec';
import { PackageError } from './errors';
import { joined } from './sheet-scan';
import { LIMITS } from './zip-file';
import { Element, Tag, attr, attributeOf, children, elementAt, escapeXml, nextTag, prefixOf, removeAttr, setAttr, splice, Splice, withoutAttribute } from './xml-edit';

export interface ConditionalRule {
  type: 'cellIs' | 'expression';
  dxfId: number;
  /** Formula text without "=". */
  formula: string;
}

export interface ValidationRule {
  region: Region;
  type: 'list' | 'whole' | 'decimal' | 'date';
  operator?: 'between' | 'greaterThan';
  formula1: string;
  formula2?: string;
  message: string;
}

/** Everything a write does to one sheet, in the terms of its XML. */
export interface SheetChanges {
  blocks: Block[];
  clears: Region[];
  /** Applied in order: each maps a cell's format number to its new one. */
  styles: { region: Region; restyle: (xf: number) => number }[];
  /** Heights in points. */
  rowHeights: { row: number; rows: number; points: number }[];
  /** Widths in characters. */
  columnWidths: { col: number; width: number }[];
  freezeRows?: number;
  fitToPage: boolean;
  /** With fitToPage: a landscape page instead of portrait. */
  landscape?: boolean;
  merges: Region[];
  conditional: { region: Region; rules: ConditionalRule[] }[];
  validations: ValidationRule[];
  protect: boolean;
  /** The number a cell of this format stores for a value (dates differ in a 1904 workbook). */
  stored?: (value: number, xf: number) => number;
  /** The relationship id of a new drawing (a chart) to refer to. */
  drawing?: string;
  /** A copied sheet is not selected with its original (two selected tabs open as a group). */
  unselect?: boolean;
  /** A copied sheet's shape ids as its copied drawings number them (its controls refer to them). */
  shapeIds?: (id: number) => number;
}

export const noSheetChanges = (): SheetChanges => ({
  blocks: [],
  clears: [],
  styles: [],
  rowHeights: [],
  columnWidths: [],
  fitToPage: false,
  merges: [],
  conditional: [],
  validations: [],
  protect: false,
});

/** A new, empty sheet in the workbook's own namespace. */
export const emptySheet = (ns: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${ns}"><${prefix}sheetData/></${prefix}worksheet>`;

/** The order of a worksheet's elements (CT_Worksheet): new ones go in their place. */
const ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];

/** Where a new element goes among existing ones: after the last one that comes before it. */
function insertionPoint(elements: Element[], local: string, fallback: number): number {
  const order = ORDER.indexOf(local);
  let at = fallback;
  for (const el of elements) {
    const k = ORDER.indexOf(el.local);
    if (k >= 0 && k <= order) at = el.end;
  }
  return at;
}

const inRegion = (r: Region, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
const coversRow = (r: { row: number; rows: number }, row: number) => row >= r.row && row < r.row + r.rows;

/** Column letters by 0-based column, made once each (every row asks for the same few). */
const LETTERS: string[] = [];
const letters = (col: number) => (LETTERS[col] ??= columnLetter(col));

/** 0-based column of "AB12" (its first three letters, after an optional "$"), or -1. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  const from = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let col = 0;
  let i = from;
  for (; i < from + 3 && i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return i > from ? col - 1 : -1;
}

/** A number as a cell value: shortest exact form, never NaN or Infinity (those never reach here). */
const numberText = (n: number) => (Object.is(n, -0) ? '0' : String(n));

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** A new cell's XML. */
function cellXml(p: string, ref: string, value: SpecValue, xf: number): string {
  const s = xf ? ` s="${xf}"` : '';
  if (value === null || value === undefined) return `<${p}c r="${ref}"${s}/>`;
  if (isFormula(value)) return `<${p}c r="${ref}"${s}><${p}f>${escapeXml(value.formula.replace(/^=/, ''))}</${p}f></${p}c>`;
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${numberText(value)}</${p}v></${p}c>`;
  if (typeof value === 'boolean') return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  // Inline text: the shared strings part stays as it was. Spaces at either end are kept only
  // when the text says so (tabs and line breaks are character references, kept anyway).
  const space = value && (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1))) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

/** A column of new cells in the rows a layout covers: where its values come from and its format. */
interface NewColumn {
  col: number;
  letters: string;
  block?: Block;
  xf: number;
}

/** An element's text with an attribute of its start tag set. */
function setStartAttr(element: string, name: string, value: string | number): string {
  const end = nextTag(element, 0)!.end;
  return setAttr(element.slice(0, end), name, value) + element.slice(end);
}

/** The sheet's rows and columns the changes reach, for the dimension. */
function reach(changes: SheetChanges): Region | null {
  const regions = [
    ...changes.blocks.map((b) => ({ row: b.row, col: b.col, rows: b.values.length, cols: b.values[0]?.length ?? 0 })),
    ...changes.styles.map((s) => s.region),
  ].filter((r) => r.rows > 0 && r.cols > 0);
  if (!regions.length) return null;
  const top = Math.min(...regions.map((r) => r.row));
  const left = Math.min(...regions.map((r) => r.col));
  const bottom = Math.max(...regions.map((r) => r.row + r.rows));
  const right = Math.max(...regions.map((r) => r.col + r.cols));
  return { row: top, col: left, rows: bottom - top, cols: right - left };
}

function parseA1Range(ref: string): Region | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const [r1, c1] = [Number(m[2]) - 1, columnOf(m[1])];
  const [r2, c2] = m[3] ? [Number(m[4]) - 1, columnOf(m[3])] : [r1, c1];
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

function union(a: Region, b: Region): Region {
  const top = Math.min(a.row, b.row);
  const left = Math.min(a.col, b.col);
  return { row: top, col: left, rows: Math.max(a.row + a.rows, b.row + b.rows) - top, cols: Math.max(a.col + a.cols, b.col + b.cols) - left };
}

/** Rewrites a sheet streaming: push the part's text in pieces, the edited text goes to `out`. */
export class SheetEditor {
  private buffer = '';
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private p = '';
  private rows!: RowWriter;
  private rowClose = '';
  private out: string[] = [];
  private outSize = 0;

  constructor(
    private readonly changes: SheetChanges,
    private readonly sink: (text: string) => void,
    /** The file and the part, for messages. */
    private readonly label = '',
    private readonly part = '',
  ) {}

  private emit(text: string): void {
    if (!text) return;
    this.out.push(text);
    this.outSize += text.length;
    if (this.outSize > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.out.length) this.sink(this.out.join(''));
    this.out = [];
    this.outSize = 0;
  }

  push(text: string): void {
    // A head, a row or a tail this long is no sheet a program wrote: stop before the text outgrows
    // what one string can hold.
    if (this.buffer.length + text.length > LIMITS.wholePart) throw new PackageError('sectionTooLarge', { name: this.label, part: this.part, size: Math.round(LIMITS.wholePart / 1024 ** 2) });
    this.buffer = this.buffer ? joined(this.buffer, text) : text;
    if (this.phase === 'head') this.head();
    if (this.phase === 'rows') this.rowsInBuffer();
  }

  end(): void {
    if (this.phase !== 'tail') throw new Error('sheet rows not closed');
    this.emit(editTail(this.buffer, this.changes, this.p));
    this.buffer = '';
    this.flush();
  }

  /** Waits for the whole <sheetData> start tag, then writes the edited head. */
  private head(): void {
    const m = /<([\w.-]+:)?sheetData[\s/>]/.exec(this.buffer);
    const dataTag = m && nextTag(this.buffer, m.index);
    if (!dataTag) return;
    const rootTag = nextTag(this.buffer, 0)!;
    this.p = prefixOf(rootTag.qname);
    this.rows = new RowWriter(this.changes, this.p);
    this.rowClose = `</${this.p}row>`;
    this.emit(editHead(this.buffer.slice(0, dataTag.start), rootTag, this.changes, this.p));
    if (dataTag.kind === 'empty') {
      this.emit(`<${dataTag.qname}>${this.rows.rest()}</${dataTag.qname}>`);
      this.phase = 'tail';
    } else {
      this.emit(this.buffer.slice(dataTag.start, dataTag.end));
      this.phase = 'rows';
    }
    this.buffer = this.buffer.slice(dataTag.end);
  }

  /** Every complete row in the buffer, written; what is left waits for the next piece. */
  private rowsInBuffer(): void {
    const buffer = this.buffer;
    let at = 0;
    for (;;) {
      const tag = nextTag(buffer, at);
      if (!tag) break;
      if (tag.kind === 'close') {
        this.emit(buffer.slice(at, tag.start));
        this.emit(this.rows.rest());
        this.emit(buffer.slice(tag.start, tag.end));
        this.buffer = buffer.slice(tag.end);
        this.phase = 'tail';
        return;
      }
      let end: number;
      if (tag.local === 'row') {
        // The row's end tag as its start tag spells it (its prefix may differ from the root's).
        const rowClose = tag.qname === `${this.p}row` ? this.rowClose : `</${tag.qname}>`;
        end = tag.kind === 'empty' ? tag.end : buffer.indexOf(rowClose, tag.end);
        if (end < 0) break;
        if (tag.kind !== 'empty') end += rowClose.length;
        this.emit(buffer.slice(at, tag.start));
        this.emit(this.rows.row(buffer.slice(tag.start, end), tag));
      } else {
        const el = elementAt(buffer, tag);
        if (!el) break;
        end = el.end;
        this.emit(buffer.slice(at, end));
      }
      at = end;
    }
    this.buffer = buffer.slice(at);
  }
}

/** A whole sheet's text edited at once (small sheets, tests). */
export function editSheetText(xml: string, changes: SheetChanges): string {
  const out: string[] = [];
  const editor = new SheetEditor(changes, (t) => out.push(t));
  editor.push(xml);
  editor.end();
  return out.join('');
}

/** Writes rows: passes untouched ones through, edits touched ones, adds new ones in order. */
class RowWriter {
  private last = -1;
  /** Rows reached by the changes, from the first not yet written. */
  private readonly spans: { row: number; rows: number }[];

  /** The row's end tag and a cell's start in the sheet's own prefix. */
  private readonly rowClose: string;
  private readonly cellOpen: string;

  constructor(private readonly changes: SheetChanges, private readonly p: string) {
    this.rowClose = `</${p}row>`;
    this.cellOpen = `<${p}c`;
    this.spans = [
      ...changes.blocks.map((b) => ({ row: b.row, rows: b.values.length })),
      ...changes.styles.map((s) => s.region),
      ...changes.rowHeights,
    ].filter((s) => s.rows > 0);
  }

  private touches(row: number): boolean {
    return this.spans.some((s) => coversRow(s, row)) || this.changes.clears.some((c) => coversRow(c, row));
  }

  /** The next row from `from` on that the changes create cells or a height in, or Infinity. */
  private nextReached(from: number): number {
    let best = Infinity;
    for (const s of this.spans) {
      if (coversRow(s, from)) return from;
      if (s.row > from && s.row < best) best = s.row;
    }
    return best;
  }

  /** New rows between the last written and `before` (exclusive). */
  private newRows(before: number): string {
    const out: string[] = [];
    for (let r = this.nextReached(this.last + 1); r < before; r = this.nextReached(r + 1)) {
      const cells = this.newCells(r);
      const tag = this.rowTag(`<${this.p}row r="${r + 1}">`, r);
      out.push(cells ? `${tag}${cells}</${this.p}row>` : `${tag.slice(0, -1)}/>`);
    }
    return out.join('');
  }

  rest(): string {
    return this.newRows(Infinity);
  }

  row(xml: string, tag: Tag): string {
    const startTag = xml.slice(0, tag.end - tag.start);
    const given = attributeOf(startTag, 'r');
    const index = given ? Number(given) - 1 : this.last + 1;
    const before = index > this.last + 1 ? this.newRows(index) : '';
    this.last = Math.max(this.last, index);
    if (!this.touches(index)) return before + xml;
    const appended = this.appended(xml, startTag, given, tag, index);
    if (appended !== null) return `${before}${appended}`;
    const existing: { col: number; xml: string; hasRef: boolean }[] = [];
    const others: string[] = [];
    if (tag.kind !== 'empty') {
      let col = -1;
      for (const el of children(xml, startTag.length, xml.length - `</${tag.qname}>`.length)) {
        const text = xml.slice(el.start, el.end);
        if (el.local !== 'c') {
          others.push(text);
          continue;
        }
        const ref = attr(text.slice(0, el.open - el.start), 'r');
        col = ref ? columnOf(ref) : col + 1;
        existing.push({ col, xml: text, hasRef: Boolean(ref) });
      }
    }
    const cells = this.cells(index, existing);
    let open = this.rowTag(startTag.endsWith('/>') ? `${startTag.slice(0, -2).replace(/\s+$/, '')}>` : startTag, index);
    // The row's span hint would no longer cover its cells: it is optional, so it goes.
    open = removeAttr(open, 'spans');
    if (!given) open = setAttr(open, 'r', index + 1);
    return `${before}${open}${cells.join('')}${others.join('')}</${tag.qname}>`;
  }

  /**
   * The common case, without taking the row apart: the changes only add cells right of the row's
   * last cell (new columns beside a table). The row's text stays as it is with the new cells after
   * it; null when the row needs the full edit (cells changed, cleared or restyled, a last cell
   * without a reference, comments or other elements in the row).
   */
  private appended(xml: string, startTag: string, given: string | undefined, tag: Tag, row: number): string | null {
    const { blocks, clears, styles } = this.changes;
    if (clears.some((c) => coversRow(c, row))) return null;
    let first = Infinity;
    for (const b of blocks) if (b.col < first && coversRow({ row: b.row, rows: b.values.length }, row)) first = b.col;
    for (const st of styles) if (st.region.col < first && coversRow(st.region, row)) first = st.region.col;
    const close = tag.qname === `${this.p}row` ? this.rowClose : `</${tag.qname}>`;
    let inner = '';
    if (tag.kind !== 'empty') {
      inner = xml.slice(startTag.length, xml.length - close.length);
      if (/<[!?]|extLst/.test(inner)) return null;
      const cell = tag.qname === `${this.p}row` ? this.cellOpen : `<${prefixOf(tag.qname)}c`;
      const last = inner.lastIndexOf(cell);
      if (last >= 0) {
        // The last cell's start tag (not an element whose name only starts with c).
        const after = inner.charCodeAt(last + cell.length);
        const ref = isSpace(after) || after === 47 || after === 62 ? attributeOf(inner, 'r', last) : undefined;
        if (!ref || columnOf(ref) >= first) return null;
      } else if (/<[\w.-]*:?c[\s/>]/.test(inner)) return null;
    }
    let open = this.rowTag(startTag.endsWith('/>') ? `${startTag.slice(0, -2).replace(/\s+$/, '')}>` : startTag, row);
    open = withoutAttribute(open, 'spans');
    if (given === undefined) open = setAttr(open, 'r', row + 1);
    return `${open}${inner}${this.newCells(row)}${close}`;
  }

  private rowTag(tag: string, row: number): string {
    const heights = this.changes.rowHeights;
    if (!heights.length) return tag;
    const height = [...heights].reverse().find((h) => coversRow(h, row));
    return height ? setAttr(setAttr(tag, 'ht', height.points), 'customHeight', 1) : tag;
  }

  /** The new cells' columns over the rows from `from` up to `to` (the same blocks and styles
   * reach each of them: every row of a new column), made when a row outside is reached. */
  private layout: { from: number; to: number; columns: NewColumn[] } | null = null;

  /** The new cells' columns of a row, in order, each with the block giving its value (the last one
   * over it) and its format. */
  private columnsAt(row: number): NewColumn[] {
    if (this.layout && row >= this.layout.from && row < this.layout.to) return this.layout.columns;
    const { blocks: all, styles: allStyles } = this.changes;
    const blocks = all.filter((b) => row >= b.row && row < b.row + b.values.length);
    const styles = allStyles.filter((s) => coversRow(s.region, row));
    // The rows around this one that the same blocks and styles reach.
    let [from, to] = [0, Infinity];
    for (const [start, end] of [...all.map((b) => [b.row, b.row + b.values.length]), ...allStyles.map((s) => [s.region.row, s.region.row + s.region.rows])]) {
      for (const edge of [start, end]) {
        if (edge <= row) from = Math.max(from, edge);
        else to = Math.min(to, edge);
      }
    }
    const columns = new Set<number>();
    for (const b of blocks) for (let c = 0; c < b.values[0].length; c++) columns.add(b.col + c);
    for (const s of styles) for (let c = 0; c < s.region.cols; c++) columns.add(s.region.col + c);
    const cells = [...columns]
      .sort((x, y) => x - y)
      .map((col): NewColumn => {
        let block: Block | undefined;
        for (const b of blocks) if (col >= b.col && col < b.col + b.values[0].length) block = b;
        let xf = 0;
        for (const s of styles) if (col >= s.region.col && col < s.region.col + s.region.cols) xf = s.restyle(xf);
        return { col, letters: letters(col), block, xf };
      });
    this.layout = { from, to, columns: cells };
    return cells;
  }

  /** The cells the changes make in a row that has none of its own (or none where they go), in
   * column order: the same as cells(row, []), without its bookkeeping for existing cells. */
  private newCells(row: number): string {
    const { stored } = this.changes;
    const number = row + 1;
    let out = '';
    for (const { col, letters: column, block, xf } of this.columnsAt(row)) {
      let value = block?.values[row - block.row][col - block.col];
      if (typeof value === 'number' && stored) value = stored(value, xf);
      if (value !== undefined) out += cellXml(this.p, `${column}${number}`, value, xf);
      else if (xf) out += cellXml(this.p, `${column}${number}`, null, xf);
    }
    return out;
  }

  /** The row's cells after the changes, in column order. */
  private cells(row: number, existing: { col: number; xml: string; hasRef: boolean }[]): string[] {
    const { blocks, clears, styles } = this.changes;
    const columns = new Set<number>();
    for (const b of blocks) if (coversRow({ row: b.row, rows: b.values.length }, row)) for (let c = 0; c < b.values[0].length; c++) columns.add(b.col + c);
    for (const s of styles) if (coversRow(s.region, row)) for (let c = 0; c < s.region.cols; c++) columns.add(s.region.col + c);
    const cleared = (col: number) => clears.some((r) => inRegion(r, row, col));
    const byCol = new Map(existing.map((e) => [e.col, e]));
    const p = this.p;
    const out = new Map<number, string>();
    for (const e of existing) if (!cleared(e.col) && !columns.has(e.col)) out.set(e.col, e.hasRef ? e.xml : setStartAttr(e.xml, 'r', `${columnLetter(e.col)}${row + 1}`));
    // The blocks and styles over this row, found once for all its columns.
    const rowBlocks = blocks.filter((b) => row >= b.row && row < b.row + b.values.length);
    const rowStyles = styles.filter((s) => coversRow(s.region, row));
    for (const col of columns) {
      const old = cleared(col) ? undefined : byCol.get(col);
      const oldTag = old ? old.xml.slice(0, old.xml.indexOf('>') + 1) : '';
      let xf = old ? Number(attr(oldTag, 's') ?? 0) : 0;
      let value: SpecValue | undefined;
      for (const b of rowBlocks) if (col >= b.col && col < b.col + b.values[0].length) value = b.values[row - b.row][col - b.col];
      const before = xf;
      for (const s of rowStyles) if (col >= s.region.col && col < s.region.col + s.region.cols) xf = s.restyle(xf);
      const ref = `${columnLetter(col)}${row + 1}`;
      if (typeof value === 'number' && this.changes.stored) value = this.changes.stored(value, xf);
      if (value !== undefined) out.set(col, cellXml(p, ref, value, xf));
      else if (old) {
        let text = old.hasRef ? old.xml : setStartAttr(old.xml, 'r', ref);
        if (xf !== before) text = setStartAttr(text, 's', xf);
        out.set(col, text);
      } else if (xf) out.set(col, cellXml(p, ref, null, xf));
    }
    return out.size === 1 ? [...out.values()] : [...out].sort((a, b) => a[0] - b[0]).map(([, xml]) => xml);
  }
}

/** The part before the rows: sheet properties (fit to page), dimension, frozen rows, widths. */
function editHead(original: string, rootTag: Tag, changes: SheetChanges, p: string): string {
  const head = changes.unselect ? original.replace(/<(?:[\w.-]+:)?sheetView\b[^>]*>/g, (tag) => removeAttr(tag, 'tabSelected')) : original;
  const elements = children(head, rootTag.end, head.length);
  const find = (local: string) => elements.find((e) => e.local === local);
  const edits: Splice[] = [];
  const insert = (local: string, xml: string) => {
    const at = insertionPoint(elements, local, rootTag.end);
    edits.push({ start: at, end: at, text: xml });
  };

  if (changes.fitToPage) {
    const sheetPr = find('sheetPr');
    const fit = `<${p}pageSetUpPr fitToPage="1"/>`;
    if (!sheetPr) insert('sheetPr', `<${p}sheetPr>${fit}</${p}sheetPr>`);
    else {
      const setUp = children(head, sheetPr.open, sheetPr.inner).find((c) => c.local === 'pageSetUpPr');
      if (setUp) edits.push({ start: setUp.start, end: setUp.open, text: setAttr(head.slice(setUp.start, setUp.open), 'fitToPage', 1) });
      else if (sheetPr.open === sheetPr.end) edits.push({ start: sheetPr.start, end: sheetPr.end, text: `${head.slice(sheetPr.start, sheetPr.end - 2).replace(/\s+$/, '')}>${fit}</${sheetPr.qname}>` });
      else {
        // pageSetUpPr comes after tabColor and outlinePr.
        const kids = children(head, sheetPr.open, sheetPr.inner);
        const after = kids.filter((k) => k.local === 'tabColor' || k.local === 'outlinePr').pop();
        const at = after ? after.end : sheetPr.open;
        edits.push({ start: at, end: at, text: fit });
      }
    }
  }

  const reached = reach(changes);
  const dimension = find('dimension');
  if (reached && dimension) {
    const tag = head.slice(dimension.start, dimension.open);
    const was = parseA1Range(attr(tag, 'ref') ?? '');
    const isEmptyA1 = was && was.rows === 1 && was.cols === 1 && was.row === 0 && was.col === 0;
    edits.push({ start: dimension.start, end: dimension.open, text: setAttr(tag, 'ref', a1(was && !isEmptyA1 ? union(was, reached) : reached)) });
  }

  if (changes.freezeRows) {
    const n = changes.freezeRows;
    const pane = `<${p}pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/>`;
    const views = find('sheetViews');
    const view = views && children(head, views.open, views.inner).find((v) => v.local === 'sheetView');
    if (!views || !view) {
      const xml = `<${p}sheetView workbookViewId="0">${pane}</${p}sheetView>`;
      if (views) edits.push({ start: views.start, end: views.end, text: `<${views.qname}>${xml}</${views.qname}>` });
      else insert('sheetViews', `<${p}sheetViews>${xml}</${p}sheetViews>`);
    } else {
      const old = children(head, view.open, view.inner).find((c) => c.local === 'pane');
      if (old) edits.push({ start: old.start, end: old.end, text: pane });
      else if (view.open === view.end) edits.push({ start: view.start, end: view.end, text: `${head.slice(view.start, view.end - 2).replace(/\s+$/, '')}>${pane}</${view.qname}>` });
      else edits.push({ start: view.open, end: view.open, text: pane });
    }
  }

  if (changes.columnWidths.length) {
    const cols = find('cols');
    const ranges: { min: number; max: number; tag: string }[] = cols
      ? children(head, cols.open, cols.inner).map((c) => {
          const tag = head.slice(c.start, c.end);
          return { min: Number(attr(tag, 'min')), max: Number(attr(tag, 'max')), tag };
        })
      : [];
    for (const w of changes.columnWidths) {
      const n = w.col + 1;
      const at = ranges.findIndex((r) => r.min <= n && n <= r.max);
      const set = (tag: string) => setAttr(setAttr(tag, 'width', w.width), 'customWidth', 1);
      if (at < 0) ranges.push({ min: n, max: n, tag: `<${p}col min="${n}" max="${n}" width="${w.width}" customWidth="1"/>` });
      else {
        // Split the range so only this column changes width.
        const r = ranges[at];
        const pieces = [
          r.min < n ? { min: r.min, max: n - 1, tag: setAttr(r.tag, 'max', n - 1) } : null,
          { min: n, max: n, tag: set(setAttr(setAttr(r.tag, 'min', n), 'max', n)) },
          n < r.max ? { min: n + 1, max: r.max, tag: setAttr(r.tag, 'min', n + 1) } : null,
        ].filter((x): x is { min: number; max: number; tag: string } => x !== null);
        ranges.splice(at, 1, ...pieces);
      }
    }
    ranges.sort((a, b) => a.min - b.min);
    const xml = ranges.map((r) => r.tag).join('');
    if (cols) edits.push({ start: cols.open === cols.end ? cols.start : cols.open, end: cols.open === cols.end ? cols.end : cols.inner, text: cols.open === cols.end ? `<${cols.qname}>${xml}</${cols.qname}>` : xml });
    else insert('cols', `<${p}cols>${xml}</${p}cols>`);
  }
  return splice(head, edits);
}

/** The cells of a list of ranges ("A1:B4 D2"), null when one of them is not a plain range. */
function regionsOf(sqref: string | undefined): Region[] | null {
  const refs = (sqref ?? '').trim().split(/\s+/).filter(Boolean);
  const regions = refs.map(parseA1Range);
  return regions.length && regions.every((r) => r !== null) ? (regions as Region[]) : null;
}

const inside = (r: Region, outer: Region) => r.row >= outer.row && r.col >= outer.col && r.row + r.rows <= outer.row + outer.rows && r.col + r.cols <= outer.col + outer.cols;

/**
 * Whether a conditional format or validation is the product's own earlier output, replaced now:
 * every cell it reaches lies in a region the command empties (or, for a validation, sets its own
 * rule on), as Excel's clear and Google Sheets' host drop them. One reaching any other cell is
 * someone's own and stays.
 */
function replaced(sqref: string | undefined, regions: Region[]): boolean {
  if (!regions.length) return false;
  const own = regionsOf(sqref);
  return own !== null && own.every((r) => regions.some((region) => inside(r, region)));
}


/**
 * A user's validation over some of the cells the command gives a rule of its own: those cells
 * leave its range (a cell holds one rule; Excel's dataValidation.clear() does the same). The new
 * range as text, or null to keep the validation as it is: when it reaches none of those cells,
 * or when the cut would take its first cell, from which relative references in its formulas are
 * read (kept whole rather than have them point elsewhere).
 */
function trimmedRanges(sqref: string | undefined, cuts: Region[]): string | null {
  const ranges = regionsOf(sqref);
  if (!ranges || !cuts.length) return null;
  let pieces = ranges;
  for (const cut of cuts) pieces = pieces.flatMap((r) => subtract(r, cut));
  if (pieces.length === ranges.length && pieces.every((r, i) => r === ranges[i])) return null;
  if (!pieces.length || pieces[0].row !== ranges[0].row || pieces[0].col !== ranges[0].col) return null;
  return pieces.map(a1).join(' ');
}

/** The part after the rows: protection, merges, conditional formats, validations, page setup. */
function editTail(tail: string, changes: SheetChanges, p: string): string {
  const close = tail.lastIndexOf('</');
  const elements = children(tail, 0, close);
  const find = (local: string) => elements.find((e) => e.local === local);
  const edits: Splice[] = [];
  // New elements, put in the schema's order where several land at one point (a new sheet's
  // pageSetup before its drawing): a strict reader refuses them in any other.
  const inserts: { rank: number; edit: Splice }[] = [];
  const insert = (local: string, xml: string) => {
    const at = insertionPoint(elements, local, 0);
    inserts.push({ rank: ORDER.indexOf(local), edit: { start: at, end: at, text: xml } });
  };
  /** Children added to a list element with a count (mergeCells, dataValidations), less the ones
   * `drop` names; a list left empty goes (an empty one is not allowed). */
  const addToList = (local: string, items: string[], drop: (tag: string) => boolean = () => false, retag: (tag: string) => string = (t) => t) => {
    const list = find(local);
    if (!list) {
      if (items.length) insert(local, `<${p}${local} count="${items.length}">${items.join('')}</${p}${local}>`);
      return;
    }
    const tag = tail.slice(list.start, list.open);
    const old = children(tail, list.open, list.inner);
    const gone = old.filter((c) => drop(tail.slice(c.start, c.open)));
    // A kept child whose start tag changes (a validation's range trimmed).
    for (const c of old) {
      const childTag = tail.slice(c.start, c.open);
      const changed = gone.includes(c) ? childTag : retag(childTag);
      if (changed !== childTag) edits.push({ start: c.start, end: c.open, text: changed });
    }
    if (!items.length && !gone.length) return;
    const count = old.length - gone.length + items.length;
    if (!count) return void edits.push({ start: list.start, end: list.end, text: '' });
    if (list.open === list.end) return void edits.push({ start: list.start, end: list.end, text: `${setAttr(tag, 'count', count).slice(0, -2).replace(/\s+$/, '')}>${items.join('')}</${list.qname}>` });
    edits.push({ start: list.start, end: list.open, text: setAttr(tag, 'count', count) }, ...gone.map((c) => ({ start: c.start, end: c.end, text: '' })), { start: list.inner, end: list.inner, text: items.join('') });
  };

  // A sheet the user protected keeps their protection (and password) as it is.
  if (changes.protect && !find('sheetProtection')) insert('sheetProtection', `<${p}sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>`);
  addToList('mergeCells', changes.merges.map((m) => `<${p}mergeCell ref="${a1(m)}"/>`));

  // The product's earlier conditional formats in the regions it rewrites go, or each run adds more.
  const earlier = elements.filter((e) => e.local === 'conditionalFormatting' && replaced(attr(tail.slice(e.start, e.open), 'sqref'), changes.clears));
  for (const e of earlier) edits.push({ start: e.start, end: e.end, text: '' });
  if (changes.conditional.length) {
    // Priorities are unique in a sheet: the new rules come after every one that stays.
    let priority = 0;
    const kept = earlier.length ? splice(tail, earlier.map((e) => ({ start: e.start, end: e.end, text: '' }))) : tail;
    for (const m of kept.matchAll(/\spriority\s*=\s*["'](\d+)["']/g)) priority = Math.max(priority, Number(m[1]));
    const xml = changes.conditional
      .map(({ region, rules }) => {
        const ruleXml = rules.map((r) => {
          const operator = r.type === 'cellIs' ? ' operator="equal"' : '';
          return `<${p}cfRule type="${r.type}" dxfId="${r.dxfId}" priority="${++priority}"${operator}><${p}formula>${escapeXml(r.formula)}</${p}formula></${p}cfRule>`;
        });
        return `<${p}conditionalFormatting sqref="${a1(region)}">${ruleXml.join('')}</${p}conditionalFormatting>`;
      })
      .join('');
    insert('conditionalFormatting', xml);
  }

  // A validation where the command empties cells or sets its own rule goes, as in Excel (a cell
  // holds one rule; two over the same cells is a damaged sheet to a strict reader).
  const validated = [...changes.clears, ...changes.validations.map((v) => v.region)];
  addToList(
    'dataValidations',
    changes.validations.map((v) => {
      const operator = v.operator ? ` operator="${v.operator}"` : '';
      const f2 = v.formula2 !== undefined ? `<${p}formula2>${escapeXml(v.formula2)}</${p}formula2>` : '';
      return `<${p}dataValidation type="${v.type}"${operator} allowBlank="1" showErrorMessage="1" error="${escapeXml(v.message)}" sqref="${a1(v.region)}"><${p}formula1>${escapeXml(v.formula1)}</${p}formula1>${f2}</${p}dataValidation>`;
    }),
    (tag) => replaced(attr(tag, 'sqref'), validated),
    (tag) => {
      const sqref = attr(tag, 'sqref');
      const trimmed = trimmedRanges(sqref, changes.validations.map((v) => v.region));
      return trimmed === null ? tag : setAttr(tag, 'sqref', trimmed);
    },
  );

  if (changes.drawing) insert('drawing', `<${p}drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${changes.drawing}"/>`);

  if (changes.shapeIds) {
    const renumber = changes.shapeIds;
    // A form control or an embedded object names its shape in the sheet's drawings.
    const owners = elements.filter((e) => e.local === 'controls' || e.local === 'oleObjects' || e.local === 'AlternateContent');
    for (const e of owners) {
      const xml = tail.slice(e.start, e.end);
      const renumbered = xml.replace(/(<(?:[\w.-]+:)?(?:control|oleObject)\b[^>]*?\sshapeId\s*=\s*["'])(\d+)/g, (_, before: string, id: string) => `${before}${renumber(Number(id))}`);
      if (renumbered !== xml) edits.push({ start: e.start, end: e.end, text: renumbered });
    }
  }

  if (changes.fitToPage) {
    const setup = find('pageSetup');
    const fit = (tag: string) => setAttr(setAttr(setAttr(tag, 'orientation', changes.landscape ? 'landscape' : 'portrait'), 'fitToWidth', 1), 'fitToHeight', 0);
    if (setup) edits.push({ start: setup.start, end: setup.open, text: fit(tail.slice(setup.start, setup.open)) });
    else insert('pageSetup', fit(`<${p}pageSetup/>`));
  }
  // splice keeps the order given among inserts at one point.
  return splice(tail, [...edits, ...inserts.sort((a, b) => a.rank - b.rank).map((i) => i.edit)]);
}
