// Calls a catalog function the way a host does: arguments as blocks of cells, a result block or
// one FormulaError back. Argument count and left-out arguments are handled here, once.
import { FormulaError, Matrix, Result, isPlain, numError, valueError } from './cells';
import { Arg, FunctionSpec, functionNamed } from './catalog';

const isLeftEmpty = (m: Matrix): boolean =>
  m.length === 0 || (m.length === 1 && m[0].length <= 1 && (m[0][0] === null || m[0][0] === undefined || m[0][0] === ''));

/**
 * `reuseInputs`: the host hands over arrays that belong to this call (Excel and Sheets do), so
 * results may be written over them instead of into new ones.
 */
export function callFunction(spec: FunctionSpec, args: readonly (Matrix | null | undefined)[], reuseInputs = false): Result {
  const result = computed(spec, args, reuseInputs);
  return result instanceof FormulaError ? result : finite(result, spec.name);
}

/** The function's result before any check of its numbers: a block, or the call's one error. */
function computed(spec: FunctionSpec, args: readonly (Matrix | null | undefined)[], reuseInputs: boolean): Result {
  if (args.length > spec.params.length) {
    return valueError(`${spec.name} takes at most ${spec.params.length} arguments, not ${args.length}`);
  }
  const given: Arg[] = spec.params.map((p, i) => {
    const m = args[i];
    // An optional argument left empty (=F(A1:A9,,0.7)) means its default.
    if (m === null || m === undefined || (p.optional && isLeftEmpty(m))) return undefined;
    return m.length === 0 ? [[null]] : m;
  });
  const missing = spec.params.find((p, i) => !p.optional && given[i] === undefined);
  if (missing) return valueError(`${missing.name} is required`);
  try {
    const result = spec.run(given, reuseInputs);
    // One cell with an error is the call's error: the same in every host.
    return result.length === 1 && result[0].length === 1 && result[0][0] instanceof FormulaError ? result[0][0] : result;
  } catch (e) {
    // Only the core's own FormulaErrors become results; anything else is a bug and must surface.
    if (e instanceof FormulaError) return e;
    throw e;
  }
}

/** How a host writes what the core answers: a blank, an error inside a result, a date. */
export interface HostCells {
  blank: unknown;
  /** An error in one cell of the result (it may throw, for a host that fails the whole call). */
  error(e: FormulaError): unknown;
  /** A date serial, for functions that return dates; left out, a date stays its serial. */
  date?(serial: number): unknown;
}

/**
 * Calls a function for a host whose argument arrays belong to this call (Excel, Sheets): results
 * may be written over the inputs, and the result becomes the host's cells in place, in the same
 * single pass that checks every number is finite. A million-row answer is walked once, not twice.
 * Rows of one account may be one shared array: each change is the same whichever row comes first.
 */
export function callForHost(spec: FunctionSpec, args: readonly (Matrix | null | undefined)[], host: HostCells): unknown[][] | FormulaError {
  const result = computed(spec, args, true);
  if (result instanceof FormulaError) return result;
  const date = spec.returns === 'dates' ? host.date : undefined;
  if (!date && isPlain(result)) return result;
  for (let r = 0; r < result.length; r++) {
    const row = result[r] as unknown[];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number') {
        if (v - v !== 0) return tooLarge(spec.name); // x - x is 0 only for a finite x
        if (date) row[c] = date(v);
      } else if (v === null) row[c] = host.blank;
      else if (v instanceof FormulaError) row[c] = host.error(v);
    }
  }
  return result;
}

const tooLarge = (name: string) => numError(`${name}: the result is too large to show as a number`);

/** A result too large (or too small) for a number, such as 1e300 / 5e-324, is #NUM!, never Infinity. */
function finite(result: Matrix, name: string): Result {
  // Indexed loops: a million-row spill is checked in a few milliseconds.
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && !Number.isFinite(v)) return tooLarge(name);
    }
  }
  return result;
}

export function callByName(name: string, args: readonly (Matrix | null | undefined)[]): Result {
  const spec = functionNamed(name);
  if (!spec) return new FormulaError('#NAME?', `there is no function ${name}`);
  return callFunction(spec, args);
}
