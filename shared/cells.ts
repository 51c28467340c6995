// What a cell value can be once a host has normalised it, and the one error type of the core.
// Dates are serial day numbers of the 1900 date system; a blank cell is `null`.

export type ErrorCode = '#VALUE!' | '#NUM!' | '#DIV/0!' | '#N/A' | '#REF!' | '#NAME?' | '#NULL!';

/** A spreadsheet error with a message that says what is wrong and where. */
export class FormulaError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.code} ${this.message}`;
  }
}

export type Blank = null;
export type Cell = number | string | boolean | Blank | FormulaError;
/** A block of cells, row by row. A single cell is a 1×1 matrix. */
export type Matrix = Cell[][];
/** What a function returns: a block to spill, or one error for the whole call. */
export type Result = Matrix | FormulaError;

export const ERROR_CODES: readonly ErrorCode[] = ['#VALUE!', '#NUM!', '#DIV/0!', '#N/A', '#REF!', '#NAME?', '#NULL!'];

export const isBlank = (cell: Cell | undefined): cell is Blank | undefined => cell === null || cell === undefined;
/** A cell that shows nothing: blank, or text of spaces only. */
export const isEmptyCell = (cell: Cell | undefined): boolean => isBlank(cell) || (typeof cell === 'string' && cell.trim() === '');
export const isError = (value: unknown): value is FormulaError => value instanceof FormulaError;

export const valueError = (message: string) => new FormulaError('#VALUE!', message);
export const numError = (message: string) => new FormulaError('#NUM!', message);
export const divError = (message: string) => new FormulaError('#DIV/0!', message);
export const naError = (message: string) => new FormulaError('#N/A', message);

/** How a cell reads in a message: text quoted, numbers as written, errors by code. */
export function describeCell(cell: Cell): string {
  if (cell === null) return 'blank';
  if (isError(cell)) return cell.code;
  if (typeof cell === 'string') return `'${cell.length > 40 ? cell.slice(0, 37) + '...' : cell}'`;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/**
 * Results the core vouches for: every cell a finite number, text or TRUE/FALSE, so a host has
 * nothing to turn into its own blanks or errors and can hand the block on without walking it.
 * The Pareto family and element-wise functions without a bad row answer such blocks; a million
 * rows then cross the host layer without one more pass over them.
 */
const plainResults = new WeakSet<Matrix>();
export const markPlain = (m: Matrix): Matrix => (plainResults.add(m), m);
export const isPlain = (m: Matrix): boolean => plainResults.has(m);

/**
 * The c-th cell of a row of a host's range, read without changing the row. A host hands a column
 * as one small array per row, each of its own kind: a whole number, a fraction, a blank or a text.
 * V8's optimised code reading `row[c]` across rows of mixed kinds first converts every row it
 * meets to the most general kind, so the first read of a million amounts made a new array and a
 * boxed number per row (40 MB, and 10× the time of the read itself, measured). Array.prototype.at
 * reads each row as it is. A runtime without it (Safari before 15.4) reads `row[c]`.
 */
export const cellAt: (row: readonly unknown[], c: number) => unknown =
  typeof (Array.prototype as { at?: unknown }).at === 'function'
    ? (row, c) => (row as unknown as { at(i: number): unknown }).at(c)
    : (row, c) => row[c];

export const shapeOf = (m: Matrix): string => `${m.length}×${m[0]?.length ?? 0}`;
