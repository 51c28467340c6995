// Element-wise functions (the plan family, ACCOUNT_CATEGORY) are written on single values; this
// runs them over same-shaped ranges, where a single cell applies to every row. Coercion by the
// parameter's kind and the row in every message happen here, once for all of them.
import { Cell, FormulaError, Matrix, isError, shapeOf, valueError } from '../cells';
import { Place, describePlace, propagated, toDate, toFlag, toNumber, toText } from './args';

export type Kind = 'number' | 'date' | 'flag' | 'text' | 'any' | 'range';
export type Value = number | boolean | string | undefined;

export interface ElementParam {
  name: string;
  kind: Kind;
  optional?: boolean;
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
      return cell === null || cell === '' ? null : (cell as Value);
  }
}

/** The common shape of the arguments that are not single cells. */
function outputShape(params: readonly ElementParam[], args: readonly (Matrix | undefined)[]): [number, number] {
  let shape: [number, number] | undefined;
  let first = '';
  params.forEach((p, i) => {
    const m = args[i];
    if (!m || p.kind === 'range' || (m.length === 1 && m[0].length === 1)) return;
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

/**
 * Runs `each` on every position. A blank in a required parameter makes that position "" (a row
 * not filled in yet); a blank optional one arrives as undefined, so the function's default applies.
 */
export function elementwise(
  params: readonly ElementParam[],
  args: readonly (Matrix | undefined)[],
  each: (values: Value[]) => Cell,
): Matrix {
  const [rows, cols] = outputShape(params, args);
  const out: Matrix = [];
  for (let r = 0; r < rows; r++) {
    const line: Cell[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const values: Value[] = new Array(params.length);
      let incomplete = false;
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const m = args[i];
        if (p.kind === 'range' || !m) continue;
        const single = m.length === 1 && m[0].length === 1;
        const at: Place = single
          ? { arg: p.name, row: 0, col: 0, rows: 1, cols: 1 }
          : { arg: p.name, row: r, col: c, rows, cols };
        const v = coerce(p.kind, single ? m[0][0] : m[r][c], at);
        if (v === null) {
          if (!p.optional) incomplete = true;
        } else values[i] = v;
      }
      line[c] = incomplete ? '' : atPosition(() => each(values), { arg: '', row: r, col: c, rows, cols });
    }
    out.push(line);
  }
  return out;
}

/** A problem found by the function itself gets the position in front: "row 3: target is 0, ...". */
function atPosition(run: () => Cell, at: Place): Cell {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof FormulaError) || (at.rows === 1 && at.cols === 1)) throw e;
    const where = describePlace(at).replace(/ of $/, '');
    throw new FormulaError(e.code, `${where}: ${e.message}`);
  }
}
