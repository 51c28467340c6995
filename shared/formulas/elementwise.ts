// Element-wise functions (the plan family, ACCOUNT_CATEGORY) are written on single values; this
// runs them over same-shaped ranges, where a single cell applies to every row. Coercion by the
// parameter's kind and the row in every message happen here, once for all of them.
//
// One bad row spoils one row, as =B2:B20/C2:C20 does in a spreadsheet: a row whose inputs are bad,
// or for which the function finds a problem, gets its own FormulaError in the result and the other
// rows still compute. Problems with an argument as a whole (shapes, a bad single-cell argument)
// are thrown: one error for the call. Hosts that cannot show an error inside a result (Google
// Sheets) report the first bad row for the whole call (shared/run.ts, callForHost).
//
// The loop itself, the hot path of a million-row call, is in ./row-loop.ts (one copy per function
// in the bundles): per cell it reads, takes plain values as they are and calls the function. What
// is rare stays here, shared: places and messages are built only when a cell is not a plain value
// or the function finds a problem, and one try/catch around the loop resumes after a bad cell.
import { Cell, FormulaError, Matrix, isError, markPlain, numError, shapeOf, valueError } from '../cells';
import { LAST_SERIAL, Place, describePlace, propagated, toDate, toFlag, toNumber, toText } from './args';

export type Kind = 'number' | 'date' | 'flag' | 'text' | 'any' | 'range';
export type Value = number | boolean | string | undefined;

export interface ElementParam {
  name: string;
  kind: Kind;
  optional?: boolean;
  /**
   * Checks a value given once for all rows (a single cell), so that a bad one is the call's one
   * error rather than the same error on every row. Rows of a range are checked by the function.
   */
  check?: (value: Value) => void;
}

function coerce(kind: Kind, cell: Cell, at: Place): Value | null {
  switch (kind) {
    case 'number':
      return toNumber(cell, at);
    case 'date':
      return toDate(cell, at);
    case 'flag':
      return toFlag(cell, at);
    case 'text':
      return toText(cell, at);
    default:
      if (isError(cell)) throw propagated(cell, at);
      return cell === null || cell === undefined || cell === '' ? null : (cell as Value);
  }
}

/**
 * The value of a plain cell of a parameter's kind, without building anything; undefined when the
 * cell needs a closer look (blank, error, text for a number...), which `coerce` then gives.
 */
export function plainValue(kind: Kind, cell: Cell): Value {
  switch (kind) {
    case 'number':
      // x - x is 0 only when x is finite.
      return typeof cell === 'number' && cell - cell === 0 ? cell : undefined;
    case 'date':
      return typeof cell === 'number' && cell >= 0 && cell <= LAST_SERIAL ? cell : undefined;
    case 'flag':
      return typeof cell === 'boolean' ? cell : undefined;
    case 'text':
      return typeof cell === 'string' && cell.length > 0 && cell.charCodeAt(0) > 32 ? cell : undefined;
    default:
      return typeof cell === 'number' || typeof cell === 'boolean' || (typeof cell === 'string' && cell !== '') ? cell : undefined;
  }
}

const isSingle = (m: Matrix): boolean => m.length === 1 && m[0].length === 1;

/** The common shape of the arguments that are not single cells. */
function outputShape(params: readonly ElementParam[], args: readonly (Matrix | undefined)[]): [number, number] {
  let shape: [number, number] | undefined;
  let first = '';
  params.forEach((p, i) => {
    const m = args[i];
    if (!m || p.kind === 'range' || isSingle(m)) return;
    const s: [number, number] = [m.length, m[0]?.length ?? 0];
    if (s[1] === 0) throw valueError(`${p.name} is an empty range`);
    if (!shape) {
      shape = s;
      first = p.name;
    } else if (shape[0] !== s[0] || shape[1] !== s[1]) {
      throw valueError(`${p.name} (${shapeOf(m)}) must have the same shape as ${first} (${shape[0]}×${shape[1]}), or be a single cell`);
    }
  });
  return shape ?? [1, 1];
}

/** A problem the function found at a position gets the position in front: "row 3: target is 0". */
function atPosition(e: FormulaError, row: number, col: number, rows: number, cols: number): FormulaError {
  const where = describePlace({ arg: '', row, col, rows, cols }).replace(/ of $/, '');
  return new FormulaError(e.code, `${where}: ${e.message}`);
}

function tooLarge(row: number, col: number, rows: number, cols: number): FormulaError {
  const e = numError('the result is too large to show as a number');
  return rows === 1 && cols === 1 ? e : atPosition(e, row, col, rows, cols);
}

/** Whole numbers V8 keeps untagged in a row of their own kind (31 bits, as in Chromium). */
const isSmallInteger = (x: number): boolean => (x | 0) === x && x >= -0x40000000 && x < 0x40000000;

/**
 * Whether a host's one-cell row holding `old` takes `v` as it is. A row is made of the kind of
 * its value: whole numbers, fractions, or anything (texts, blanks). A fraction or a text written
 * into a row of whole numbers, or a text into a row of fractions, makes V8 convert the row first,
 * which costs more than making a new row (measured: 0.6–1.2× a sort of the same rows against
 * 0.4–0.75×). A row of anything takes any value, so ACCOUNT_CATEGORY's texts over the tier
 * column's texts make no new rows at all.
 */
export function keepsRowKind(old: unknown, v: Cell): boolean {
  if (typeof old !== 'number') return true;
  return typeof v === 'number' && (!isSmallInteger(old) || isSmallInteger(v));
}

/** A cell that is not plain (blank, error, text for a number...) as its parameter reads it. */
export function valueOfCell(pass: Pass, k: number, cell: Cell, row: number, col: number): Value | null {
  const { params, ranged, kinds, rows, cols } = pass;
  return coerce(kinds[k], cell, { arg: params[ranged[k]].name, row, col, rows, cols });
}

/** The function's result as the cell shows it: a number too large to show is #NUM!. */
export function checkedResult(pass: Pass, v: Cell, row: number, col: number): Cell {
  if (typeof v === 'number') {
    if (v - v === 0) return v;
    pass.plain = false;
    return tooLarge(row, col, pass.rows, pass.cols);
  }
  if (v === null || v instanceof FormulaError) pass.plain = false;
  return v;
}

/**
 * What a position shows after a problem: the error, with the position in front when the function
 * found it. A single position throws it as the call's one error; anything that is not a
 * FormulaError is a bug, thrown on.
 */
export function problemAt(pass: Pass, e: unknown, inFunction: boolean, row: number, col: number): FormulaError {
  if (!(e instanceof FormulaError)) throw e;
  // A single position: the function's message as it is, as the call's one error.
  if (pass.single) throw e;
  pass.plain = false;
  return inFunction ? atPosition(e, row, col, pass.rows, pass.cols) : e;
}

/**
 * Runs `scalar` on every position, with `call` beside the values. A blank in a required parameter
 * makes that position "" (a row not filled in yet); a blank optional one arrives as undefined, so
 * the function's default applies. `scalar` receives one array reused for every position: it must
 * not keep it.
 *
 * With `reuseInputs` (a host whose argument arrays belong to this call, as Excel's and Sheets'
 * do), a one-column result is written over the first range argument's row where that row takes
 * it as it is (see keepsRowKind), else into a new row; a wider one over that argument's cells.
 */
export function elementwise(
  params: readonly ElementParam[],
  args: readonly (Matrix | undefined)[],
  scalar: (values: Value[], call: unknown) => Cell,
  rowLoop: RowLoop,
  call: unknown = undefined,
  reuseInputs = false,
): Matrix {
  const [rows, cols] = outputShape(params, args);
  const single = rows === 1 && cols === 1;
  const values: Value[] = new Array(params.length).fill(undefined);
  // Single cells are read once, before any row: a bad one is the call's error.
  let allIncomplete = false;
  const ranged: number[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const m = args[i];
    if (p.kind === 'range' || !m) continue;
    if (!single && !isSingle(m)) {
      ranged.push(i);
      continue;
    }
    const v = coerce(p.kind, m[0][0], { arg: p.name, row: 0, col: 0, rows: 1, cols: 1 });
    if (v === null) {
      if (!p.optional) allIncomplete = true;
    } else {
      if (!single) p.check?.(v);
      values[i] = v;
    }
  }
  const target = reuseInputs && ranged.length ? args[ranged[0]]! : undefined;
  const wide = cols > 1;
  const out: Matrix = wide && target ? target : new Array(rows);
  if (wide && !target) for (let r = 0; r < rows; r++) out[r] = new Array(cols);
  const pass: Pass = {
    params,
    scalar,
    call,
    values,
    out,
    target,
    rows,
    cols,
    single,
    allIncomplete,
    ranged,
    kinds: ranged.map((i) => params[i].kind),
    required: ranged.map((i) => !params[i].optional),
    matrices: ranged.map((i) => args[i]!),
    plain: true,
  };
  for (let from = 0; from < rows; from += ROWS_PER_PIECE) rowLoop(pass, from, Math.min(rows, from + ROWS_PER_PIECE));
  return pass.plain ? markPlain(out) : out;
}

/**
 * Rows are computed in pieces: V8 optimises a function called often as a whole and keeps that
 * code from call to call, where a million-row loop run once was compiled anew mid-loop each call.
 */
export const ROWS_PER_PIECE = 4096;

/** Computes rows from..to-1 of a call: ./row-loop.ts, one copy per function (./row-loops.ts). */
export type RowLoop = (pass: Pass, from: number, to: number) => void;

/** One call's state, the same shape at every call. */
export interface Pass {
  params: readonly ElementParam[];
  scalar: (values: Value[], call: unknown) => Cell;
  call: unknown;
  values: Value[];
  out: Matrix;
  target: Matrix | undefined;
  rows: number;
  cols: number;
  single: boolean;
  allIncomplete: boolean;
  ranged: number[];
  kinds: Kind[];
  required: boolean[];
  matrices: Matrix[];
  /** Whether every cell written is a finite number, text or TRUE/FALSE (see markPlain). */
  plain: boolean;
}
