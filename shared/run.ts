// Calls a catalog function the way a host does: arguments as blocks of cells, a result block or
// one FormulaError back. Argument count and left-out arguments are handled here, once.
import { FormulaError, Matrix, Result, numError, valueError } from './cells';
import { Arg, FunctionSpec, functionNamed } from './catalog';

const isLeftEmpty = (m: Matrix): boolean =>
  m.length === 0 || (m.length === 1 && m[0].length <= 1 && (m[0][0] === null || m[0][0] === undefined || m[0][0] === ''));

/**
 * `reuseInputs`: the host hands over arrays that belong to this call (Excel and Sheets do), so
 * results may be written over them instead of into new ones.
 */
export function callFunction(spec: FunctionSpec, args: readonly (Matrix | null | undefined)[], reuseInputs = false): Result {
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
    const result = finite(spec.run(given, reuseInputs), spec.name);
    // One cell with an error is the call's error: the same in every host.
    return result instanceof FormulaError || result.length !== 1 || result[0].length !== 1 || !(result[0][0] instanceof FormulaError)
      ? result
      : result[0][0];
  } catch (e) {
    // Only the core's own FormulaErrors become results; anything else is a bug and must surface.
    if (e instanceof FormulaError) return e;
    throw e;
  }
}

/** A result too large (or too small) for a number, such as 1e300 / 5e-324, is #NUM!, never Infinity. */
function finite(result: Matrix, name: string): Result {
  // Indexed loops: a million-row spill is checked in a few milliseconds.
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && !Number.isFinite(v)) return numError(`${name}: the result is too large to show as a number`);
    }
  }
  return result;
}

/**
 * The first error inside a result, row by row, or undefined. Element-wise functions give a bad row
 * its own error; a host that cannot show an error inside a result (Google Sheets) reports this one
 * for the whole call, and its message names the row.
 */
export function firstError(result: Matrix): FormulaError | undefined {
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    for (let c = 0; c < row.length; c++) if (row[c] instanceof FormulaError) return row[c] as FormulaError;
  }
  return undefined;
}

export function callByName(name: string, args: readonly (Matrix | null | undefined)[]): Result {
  const spec = functionNamed(name);
  if (!spec) return new FormulaError('#NAME?', `there is no function ${name}`);
  return callFunction(spec, args);
}
