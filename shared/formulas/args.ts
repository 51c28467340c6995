// Reading arguments once, for every function: shapes, positions for messages, and coercion of
// a cell to what a parameter needs. Problems are thrown as FormulaError and turned into the
// function's result by the runner (shared/run.ts); nothing else is ever thrown on purpose.
import { Cell, FormulaError, Matrix, cellAt, describeCell, isBlank, isError, numError, shapeOf, valueError } from '../cells';

/** Where a cell sits, in words a spreadsheet user reads: "row 7 of values". */
export interface Place {
  arg: string;
  row: number; // 0-based
  col: number; // 0-based
  rows: number;
  cols: number;
}

export function describePlace(p: Place): string {
  if (p.rows === 1 && p.cols === 1) return p.arg;
  if (p.cols === 1) return `row ${p.row + 1} of ${p.arg}`;
  if (p.rows === 1) return `column ${p.col + 1} of ${p.arg}`;
  return `row ${p.row + 1}, column ${p.col + 1} of ${p.arg}`;
}

/** A range that must be one column or one row, read in order. */
export interface Vector {
  arg: string;
  length: number;
  /** The i-th cell. A column is read in place: copying a million-row range costs as much as tiering it. */
  at(i: number): Cell;
  orientation: 'column' | 'row';
}

export function vectorOf(m: Matrix, arg: string): Vector {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  if (rows === 0 || cols === 0) throw valueError(`${arg} is an empty range`);
  if (cols === 1) return { arg, length: rows, at: (i) => cellAt(m[i], 0) as Cell, orientation: 'column' };
  if (rows === 1) return vectorFrom(m[0], arg, 'row');
  throw valueError(`${arg} must be one column or one row, not a block of ${shapeOf(m)}`);
}

/** A vector over a plain list of cells. */
export const vectorFrom = (cells: readonly Cell[], arg: string, orientation: Vector['orientation'] = 'column'): Vector => ({
  arg,
  length: cells.length,
  at: (i) => cells[i],
  orientation,
});

export function placeInVector(v: Vector, i: number): Place {
  const n = v.length;
  return v.orientation === 'column'
    ? { arg: v.arg, row: i, col: 0, rows: n, cols: 1 }
    : { arg: v.arg, row: 0, col: i, rows: 1, cols: n };
}

/** Lays values out in the orientation of `like`: a column stays a column, a row a row. */
export function shapeLike(values: Cell[], like: Pick<Vector, 'orientation'>): Matrix {
  return like.orientation === 'row' ? [values] : values.map((v) => [v]);
}

export function sameShape(a: Vector, b: Vector): void {
  if (a.length !== b.length || (a.length > 1 && a.orientation !== b.orientation)) {
    const size = (v: Vector) => (v.orientation === 'column' ? `${v.length}×1` : `1×${v.length}`);
    throw valueError(`${b.arg} (${size(b)}) must have the same shape as ${a.arg} (${size(a)})`);
  }
}

/** Error codes a function may receive but Excel cannot show as its result (CustomFunctions.ErrorCode). */
const INPUT_ONLY_CODES: ReadonlySet<string> = new Set(['#NAME?', '#REF!']);

/**
 * An error value found in an input range travels on with its code, and says where it was.
 * #NAME? and #REF! travel on as #VALUE!, naming the original error.
 */
export function propagated(cell: FormulaError, at: Place): FormulaError {
  const detail = cell.message ? `: ${cell.message}` : '';
  const code = INPUT_ONLY_CODES.has(cell.code) ? '#VALUE!' : cell.code;
  return new FormulaError(code, `${describePlace(at)} is ${cell.code}${detail}`);
}

// "1,234", "€ 1.234,50", "12%", "(300)": things people type that look like numbers but are text.
const NUMBER_AS_TEXT = /^\s*[-+(]?\s*[€$£]?\s*[-+]?\d[\d.,' \u00a0]*\s*%?\s*[)]?\s*$/;

export function toNumber(cell: Cell, at: Place): number | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw numError(`${describePlace(at)} is not a finite number`);
    return cell;
  }
  // An empty text ("" from =IF(...,"",...)) counts as a blank cell, as SUM and SUMIF see it.
  if (isBlank(cell) || cell === '') return null;
  if (isError(cell)) throw propagated(cell, at);
  if (typeof cell === 'string') {
    if (NUMBER_AS_TEXT.test(cell)) {
      throw valueError(`${describePlace(at)} is the text ${describeCell(cell)}: a number stored as text; convert it to a number in the sheet`);
    }
    throw valueError(`${describePlace(at)} is ${describeCell(cell)}, not a number`);
  }
  throw valueError(`${describePlace(at)} is ${describeCell(cell)}, not a number`);
}

// Excel's date system ends on 31 Dec 9999 (serial 2958465).
export const LAST_SERIAL = 2958465;

export function toDate(cell: Cell, at: Place): number | null {
  if (typeof cell === 'string' && cell !== '') {
    throw valueError(`${describePlace(at)} is the text ${describeCell(cell)}, not a date: enter it as a date`);
  }
  if (typeof cell === 'boolean') throw valueError(`${describePlace(at)} is ${describeCell(cell)}, not a date`);
  const n = toNumber(cell, at);
  if (n === null) return null;
  if (n < 0 || n > LAST_SERIAL) throw numError(`${describePlace(at)} (${n}) is not a date between 1900 and 9999`);
  return n;
}

const TRUE_WORDS = new Set(['true', 'waar', 'yes', 'ja']);
const FALSE_WORDS = new Set(['false', 'onwaar', 'no', 'nee']);

/** TRUE/FALSE as a boolean, 1/0, or the words true/false, waar/onwaar, yes/no, ja/nee; else null. */
export function flagWord(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (cell === 1 || cell === 0) return cell === 1;
  if (typeof cell === 'string') {
    const word = cell.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return null;
}

export function toFlag(cell: Cell, at: Place): boolean | null {
  if (isBlank(cell) || cell === '') return null;
  if (isError(cell)) throw propagated(cell, at);
  const flag = flagWord(cell);
  if (flag !== null) return flag;
  throw valueError(`${describePlace(at)} is ${describeCell(cell)}, not TRUE or FALSE`);
}

export function toText(cell: Cell, at: Place): string | null {
  if (isBlank(cell)) return null;
  if (isError(cell)) throw propagated(cell, at);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const text = String(cell);
  return text.trim() === '' ? null : text;
}

/** The i-th number of a vector; blanks are null. */
export function numberAt(v: Vector, i: number): number | null {
  const c = v.at(i);
  // The common case first: a million plain numbers should not cost a million Place objects.
  return typeof c === 'number' && Number.isFinite(c) ? c : toNumber(c, placeInVector(v, i));
}

/** Reads a vector of numbers; blanks stay null. */
export function numbersOf(v: Vector): (number | null)[] {
  return Array.from({ length: v.length }, (_, i) => numberAt(v, i));
}

/** One cell where one value is expected; a range of more cells is a #VALUE! naming the argument. */
export function single(m: Matrix, arg: string): Cell {
  if (m.length !== 1 || m[0].length !== 1) throw valueError(`${arg} must be a single value, not a range of ${shapeOf(m)}`);
  return m[0][0];
}

/** Rounds up, forgiving the binary noise of divisions such as 7 / 0.7 = 10.000000000000002. */
export function ceilClean(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
}
