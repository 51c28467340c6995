// A declarative description of what a command writes into a workbook. Commands build one; each
// host renders it in as few round-trips as it can (Excel: one batch per chunk; Apps Script: one
// setValues per block). Positions are 0-based; a Region never spans more than one sheet.

export interface Region {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A value to write, or a native formula (English function names, comma separators: "=SUM(A1:A3)"). */
export type SpecValue = string | number | boolean | null | { formula: string };

export interface Block {
  sheet: string;
  row: number;
  col: number;
  /**
   * Rows of values, all of the same length (hosts write rectangles; see `rectangle`). Text is
   * always written as text, never read as a formula (see literalText); null makes a cell blank.
   */
  values: SpecValue[][];
}

/** Pads rows with blanks to the longest row's length, as a block needs. */
export const rectangle = (rows: SpecValue[][]): SpecValue[][] => {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length === width ? r : [...r, ...new Array<SpecValue>(width - r.length).fill(null)]));
};

export interface Styling {
  sheet: string;
  region: Region;
  numberFormat?: string; // Excel-style codes: "0.0%", "#,##0", "yyyy-mm-dd", "@"
  bold?: boolean;
  fill?: string; // "#RRGGBB"
  fontColor?: string;
  wrap?: boolean;
  fontSize?: number; // points
  italic?: boolean;
  verticalAlign?: 'top' | 'middle';
  /**
   * Thin lines of this colour ("#RRGGBB") around and between every cell of the region, so a block
   * of input rows shows how many rows it has (a plain fill reads as one area).
   */
  gridLines?: string;
}

/** Colour cells whose text equals a value: the tier column's A, B, C. */
export interface ConditionalColours {
  sheet: string;
  region: Region;
  rules: { equals: string; fill: string; fontColor: string }[];
}

/** A Pareto chart: accounts as columns, cumulative share as a line on a 0–100% axis. */
export interface ParetoChart {
  kind?: 'pareto';
  sheet: string;
  title: string;
  /** Account names, one column. */
  categories: Region;
  /** Revenue per account, one column, same rows. */
  columns: Region;
  /** Cumulative share 0–1, one column, same rows. */
  line: Region;
  columnsLabel: string;
  lineLabel: string;
  anchor: { row: number; col: number };
  width: number; // px
  height: number; // px
}

/**
 * A Lorenz curve: an XY chart with straight lines, the cumulative share of accounts (0–1) across,
 * the cumulative share of revenue (0–1) up, and the line of equality; both axes 0–100%.
 */
export interface LorenzChart {
  kind: 'lorenz';
  sheet: string;
  title: string;
  /** Cumulative share of accounts, one column (the x values of both lines). */
  accounts: Region;
  /** Cumulative share of revenue, one column, same rows. */
  curve: Region;
  /** The line of equality (y = x), one column, same rows. */
  equality: Region;
  curveLabel: string;
  equalityLabel: string;
  /** Axis titles: across (accounts) and up (revenue). */
  accountsTitle: string;
  revenueTitle: string;
  anchor: { row: number; col: number };
  width: number; // px
  height: number; // px
}

/** The add-in's native charts; each host keeps one of each kind per sheet and replaces it on a re-run. */
export type Chart = ParetoChart | LorenzChart;

/** The regions a chart reads. */
export const chartRegions = (c: Chart): Region[] => (c.kind === 'lorenz' ? [c.accounts, c.curve, c.equality] : [c.categories, c.columns, c.line]);

/**
 * Colour cells where a native formula is TRUE. The formula is written for the region's top-left
 * cell with relative references ("=AND($I5<>\"\",$I5<TODAY())"), as both hosts expect.
 */
export interface ConditionalFormula {
  sheet: string;
  region: Region;
  formula: string;
  fill: string;
  fontColor: string;
}

/** A dropdown (list of choices) or a number/date range a cell must stay within. */
export interface Validation {
  sheet: string;
  region: Region;
  list?: string[];
  whole?: { min: number; max: number };
  decimal?: { min: number; max: number };
  date?: boolean;
  /** Shown to the user when the input does not fit. */
  message: string;
}

/**
 * Sheet protection WITHOUT a password: the labels and formulas stay as they are, reps type only
 * into the unlocked input regions. Anyone can lift it (Review › Unprotect) — it guards against
 * accidents, not people.
 */
export interface Protection {
  sheet: string;
  unlocked: Region[];
}

export interface NamedRegion {
  name: string;
  sheet: string;
  region: Region;
}

export interface SheetSpec {
  /** Sheets to create first (at the end of the workbook), if they do not exist. */
  addSheets: string[];
  /** Copies of existing sheets, made by the host's own copy (formats, validations, formulas kept). */
  copySheets: { from: string; to: string }[];
  /** Regions of the add-in's own earlier output to empty (values and formats) before writing. */
  clear: { sheet: string; region: Region }[];
  blocks: Block[];
  styles: Styling[];
  conditionalColours: ConditionalColours[];
  conditionalFormulas: ConditionalFormula[];
  validations: Validation[];
  charts: Chart[];
  /** Workbook-level names, created or moved. */
  names: NamedRegion[];
  /** Workbook-level names of the add-in's to delete (ones `info()` listed). */
  removeNames: string[];
  /** Cells merged into one (a long-text input across the page width). */
  merges: { sheet: string; region: Region }[];
  columnWidths: { sheet: string; col: number; width: number }[]; // px
  /** Heights of row runs, for wrapped text that needs more than one line. */
  rowHeights: { sheet: string; row: number; rows: number; height: number }[]; // px
  freezeRows: { sheet: string; rows: number }[];
  protections: Protection[];
  /** Print each sheet one page wide (portrait, unless also in landscape). */
  fitToPageWidth: string[];
  /** Sheets too wide for a portrait page (also in fitToPageWidth): printed landscape. */
  landscape: string[];
}

export const emptySpec = (): SheetSpec => ({
  addSheets: [],
  copySheets: [],
  clear: [],
  blocks: [],
  styles: [],
  conditionalColours: [],
  conditionalFormulas: [],
  validations: [],
  charts: [],
  names: [],
  removeNames: [],
  merges: [],
  columnWidths: [],
  rowHeights: [],
  freezeRows: [],
  protections: [],
  fitToPageWidth: [],
  landscape: [],
});

export const isFormula = (v: SpecValue): v is { formula: string } => typeof v === 'object' && v !== null;

/**
 * Text a host must not read as a formula. Excel and Sheets both treat a written string that
 * starts with =, +, - or @ as a formula; a leading apostrophe makes them keep it as text (the
 * apostrophe itself is not part of the value).
 */
export const needsTextPrefix = (text: string): boolean => /^[=+\-@]/.test(text);
export const literalText = (text: string): string => (needsTextPrefix(text) ? `'${text}` : text);

/** "A", "B", ... "Z", "AA": the column letters of a 0-based column index. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A rectangle less another: the pieces above, left, right and below it, in that order (so the
 * first piece keeps the rectangle's top-left cell whenever the cut leaves it). */
export function subtract(r: Region, cut: Region): Region[] {
  const top = Math.max(r.row, cut.row);
  const bottom = Math.min(r.row + r.rows, cut.row + cut.rows);
  const left = Math.max(r.col, cut.col);
  const right = Math.min(r.col + r.cols, cut.col + cut.cols);
  if (top >= bottom || left >= right) return [r];
  return [
    { row: r.row, col: r.col, rows: top - r.row, cols: r.cols },
    { row: top, col: r.col, rows: bottom - top, cols: left - r.col },
    { row: top, col: right, rows: bottom - top, cols: r.col + r.cols - right },
    { row: bottom, col: r.col, rows: r.row + r.rows - bottom, cols: r.cols },
  ].filter((p) => p.rows > 0 && p.cols > 0);
}

/** A1 notation of a region, "B2:D9" (or "B2" for one cell), without the sheet. */
export function a1(region: Region): string {
  const start = `${columnLetter(region.col)}${region.row + 1}`;
  if (region.rows === 1 && region.cols === 1) return start;
  return `${start}:${columnLetter(region.col + region.cols - 1)}${region.row + region.rows}`;
}

/** A sheet name as a formula reference: 'Sales 2026'!B2:B9 (quoted when needed). */
export function sheetRef(sheet: string, region: Region): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${a1(region)}`;
}
