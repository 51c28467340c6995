// Column widths and row heights from what the cells will show, so that nobody reading a generated
// sheet meets ### or a cut header. Widths are estimated from character counts: a spreadsheet's
// default font (Calibri / Arial 10–11 pt) averages about 7 px a character, which is also the
// unit an .xlsx column width is counted in.
export const CHAR_PX = 7;
/** Room a cell keeps beside its text (margins, and a little slack for wide letters). */
const PAD_CHARS = 2;
/** One line of 11-point text, and the margin of a row around its lines (px). */
const LINE_PX = 15;
const ROW_MARGIN_PX = 5;
/** Bold and larger text run wider than the average. */
const BOLD = 1.1;

/** The px width that shows `chars` characters (bold ones a little wider) without cutting them. */
export const pxFor = (chars: number, bold = false): number => Math.ceil((chars * (bold ? BOLD : 1) + PAD_CHARS) * CHAR_PX);

/** The px height of a row of `lines` lines of text. */
export const rowPx = (lines: number): number => Math.max(1, lines) * LINE_PX + ROW_MARGIN_PX;

/** The characters of a text as a reader counts them (an emoji is one, not two UTF-16 units). */
export const charCount = (text: string): number => Array.from(text).length;

/** How many lines a text wraps into in a column of `px` (words kept whole where they fit). */
export function linesIn(text: string, px: number, bold = false): number {
  const perLine = Math.max(1, Math.floor(px / (CHAR_PX * (bold ? BOLD : 1))) - PAD_CHARS);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      const n = charCount(word);
      if (used === 0) used = n;
      else if (used + 1 + n <= perLine) used += 1 + n;
      else {
        lines++;
        used = n;
      }
      // A word longer than the line breaks inside itself.
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
  }
  return lines;
}

/** The text of a number format code without its quoted text, escapes and [..] blocks, except currency symbols. */
function formatPattern(format: string): { literal: number; pattern: string } {
  const section = format.split(';')[0];
  let literal = 0;
  const pattern = section
    .replace(/"([^"]*)"/g, (_, text: string) => ((literal += charCount(text)), ''))
    .replace(/\[\$([^\]-]*)(-[^\]]*)?\]/g, (_, symbol: string) => ((literal += charCount(symbol)), ''))
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\(.)/g, () => ((literal += 1), ''))
    .replace(/_./g, () => ((literal += 1), ''))
    .replace(/\*./g, '');
  return { literal, pattern };
}

const isDateFormat = (pattern: string) => /[dmyhs]/i.test(pattern.replace(/General/gi, ''));

/**
 * How many characters a number shows in a format code: "#,##0.00" shows 1234567.891 as
 * "1,234,567.89" (12), "[$€-413] #,##0" as "€ 1,234,568", "0.0%" 0.123 as "12.3%",
 * "dd-mm-yyyy" a date as 10.
 */
export function shownLength(value: number, format = 'General'): number {
  const { literal, pattern } = formatPattern(format);
  if (/^\s*(General|@)?\s*$/i.test(pattern)) return literal + String(Math.round(value * 1e9) / 1e9).length;
  if (isDateFormat(pattern)) return literal + pattern.replace(/mmmm/gi, 'September').replace(/mmm/gi, 'Sep').replace(/dddd/gi, 'Wednesday').replace(/ddd/gi, 'Wed').length;
  const percent = pattern.includes('%');
  const [whole, fraction = ''] = pattern.split('.');
  const decimals = (fraction.match(/[0#?]/g) ?? []).length;
  const shown = Math.abs(value) * (percent ? 100 : 1);
  const digits = Math.max(1, Math.floor(Number(shown.toFixed(decimals))).toString().length);
  const grouping = whole.includes(',') ? Math.floor((digits - 1) / 3) : 0;
  const spaces = (pattern.match(/ /g) ?? []).length;
  return literal + spaces + (value < 0 ? 1 : 0) + digits + grouping + (decimals ? decimals + 1 : 0) + (percent ? 1 : 0);
}

/** The largest amount a generated sheet sizes its money columns for (formulas whose results are not known yet). */
export const LARGE_AMOUNT = 12_345_678.9;

/** A cell's shown length: text as it is, numbers through their format. */
export const cellLength = (value: unknown, format?: string): number =>
  typeof value === 'number' ? shownLength(value, format) : value === null || value === undefined ? 0 : charCount(String(value));

/**
 * A column's width in px: wide enough for its longest value, at least `min`, and at most `max`
 * (longer text wraps there instead).
 */
export function columnPx(lengths: number[], options: { min?: number; max?: number; bold?: boolean } = {}): number {
  const longest = largest(lengths);
  return Math.min(options.max ?? Infinity, Math.max(options.min ?? 0, pxFor(longest, options.bold)));
}

/**
 * The largest of many lengths, 0 for none. A loop, not Math.max(...xs): spreading 130,000
 * accounts' lengths as arguments overflows the call stack.
 */
function largest(xs: readonly number[]): number {
  let most = 0;
  for (const x of xs) if (x > most) most = x;
  return most;
}

/** The money format for generated sheets: the source amount column's own (currency and all), unless it has none. */
export const moneyFormat = (source: string | null | undefined): string =>
  source && !GENERAL.test(source) && !isDateFormat(formatPattern(source).pattern) ? source : '#,##0';

/**
 * Formats that mean "no format": General, text, and Google Sheets' answer for a cell nobody
 * formatted (getNumberFormat() gives "0.###############"), which shows no thousands separators.
 */
const GENERAL = /^\s*(General|@|0\.#+)?\s*$/i;

export interface ColumnNeeds {
  header: string;
  /** Shown lengths of the column's values (see cellLength). */
  lengths: number[];
  min?: number; // px
  max?: number; // px; longer values wrap
}

/**
 * Widths of a table's columns and the height of its header row: each column as wide as its
 * values, and its header wrapped onto at most about two lines (never narrower than its longest
 * word), the header row as tall as its most-wrapped header.
 */
export function tableLayout(columns: ColumnNeeds[]): { widths: number[]; headerPx: number } {
  const widths = columns.map((c) => {
    const words = c.header.split(/\s+/).map(charCount);
    const headerChars = Math.max(...words, Math.ceil(charCount(c.header) / 2));
    return Math.min(c.max ?? Infinity, Math.max(c.min ?? 0, pxFor(largest(c.lengths)), pxFor(headerChars, true)));
  });
  const lines = Math.max(1, ...columns.map((c, i) => linesIn(c.header, widths[i], true)));
  return { widths, headerPx: rowPx(lines) };
}

/** Row numbers as a reader scans them: "127, 326, 904–906". */
export function rowRanges(rows: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    out.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j + 1;
  }
  return out;
}
