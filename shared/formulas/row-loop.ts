// The hot loop of the element-wise functions (./elementwise.ts), in a module of its own so that
// the bundles can hold one copy of it per function (./row-loops.ts says why): the loop and the
// stores of results, whose feedback differs from function to function. Kept short, with what is
// rare (a cell that is not plain, a problem) in ./elementwise.ts, shared: the bundles that run in
// cells stay under 100 KB with a copy per function.
import { Cell, cellAt } from '../cells';
import { Pass, Value, checkedResult, keepsRowKind, plainValue, problemAt, valueOfCell } from './elementwise';

/** Writes one result. */
function place(pass: Pass, r: number, c: number, v: Cell): void {
  const { out, target } = pass;
  if (pass.cols > 1) out[r][c] = v;
  else if (target && keepsRowKind(cellAt(target[r], 0), v)) (out[r] = target[r])[0] = v;
  else out[r] = [v];
}

/** Rows from..to-1 of a call. */
export function computeRows(pass: Pass, from: number, to: number): void {
  const { scalar, call, values, cols, allIncomplete, ranged, kinds, required, matrices } = pass;
  const n = ranged.length;
  let r = from;
  let c = 0;
  let inFunction = false;
  // One try/catch for the whole loop; after a bad cell the loop resumes at the next one.
  while (r < to) {
    try {
      for (; r < to; r++, c = 0) {
        for (; c < cols; c++) {
          // A blank single cell that is required leaves every row incomplete; the rows' own cells
          // are still read, so a bad one shows as it would beside any other blank.
          let incomplete = allIncomplete;
          for (let k = 0; k < n; k++) {
            const cell = cellAt(matrices[k][r], c) as Cell;
            let v: Value | null = plainValue(kinds[k], cell);
            if (v === undefined) v = valueOfCell(pass, k, cell, r, c);
            if (v === null) {
              if (required[k]) incomplete = true;
              values[ranged[k]] = undefined;
            } else values[ranged[k]] = v;
          }
          // inFunction stays set through checkedResult and place; neither throws a FormulaError.
          inFunction = !incomplete;
          place(pass, r, c, incomplete ? '' : checkedResult(pass, scalar(values, call), r, c));
          inFunction = false;
        }
      }
    } catch (e) {
      place(pass, r, c, problemAt(pass, e, inFunction, r, c));
      inFunction = false;
      if (++c === cols) {
        c = 0;
        r++;
      }
    }
  }
}
