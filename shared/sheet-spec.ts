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
  /** Rows of values; text is always written as text, never read as a formula (see literalText). */
  values: SpecValue[][];
}

export interface Styling {
  sheet: string;
  region: Region;
  numberFormat?: string; // Excel-style codes: "0.0%", "#,##0", "yyyy-mm-dd", "@"
  bold?: boolean;
  fill?: string; // "#RRGGBB"
  fontColor?: string;
  wrap?: boolean;
}

/** Colour cells whose text equals a value: the tier column's A, B, C. */
export interface ConditionalColours {
  sheet: string;
  region: Region;
  rules: { equals: string; fill: string; fontColor: string }[];
}

/** A Pareto chart: accounts as columns, cumulative share as a line on a 0–100% axis. */
export interface ParetoChart {
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

export interface NamedRegion {
  name: string;
  sheet: string;
  region: Region;
}

export interface SheetSpec {
  /** Sheets to create first (at the end of the workbook), if they do not exist. */
  addSheets: string[];
  /** Regions of the add-in's own earlier output to empty (values and formats) before writing. */
  clear: { sheet: string; region: Region }[];
  blocks: Block[];
  styles: Styling[];
  conditionalColours: ConditionalColours[];
  charts: ParetoChart[];
  /** Workbook-level names, created or moved. */
  names: NamedRegion[];
  columnWidths: { sheet: string; col: number; width: number }[]; // px
  freezeRows: { sheet: string; rows: number }[];
}

export const emptySpec = (): SheetSpec => ({
  addSheets: [],
  clear: [],
  blocks: [],
  styles: [],
  conditionalColours: [],
  charts: [],
  names: [],
  columnWidths: [],
  freezeRows: [],
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
