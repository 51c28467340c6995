// The grouping rule of the Pareto family read straight, row after row: a key's account is its
// trimmed, lower-cased text (accountKey), accounts numbered as they first appear and named by
// their first key as written; an error key is its code, a blank key beside an amount #VALUE!.
// Tests compare shared/formulas/pareto.ts groupAccounts, built for speed, with it.
import { Cell, FormulaError } from '../../shared/cells';
import { numberAt, vectorFrom } from '../../shared/formulas/args';
import { accountKey, clean } from '../../shared/formulas/pareto';

export function straight(amounts: Cell[], keys: Cell[]) {
  const values = vectorFrom(amounts, 'values');
  const byKey = new Map<string, number>();
  const rowAccount: number[] = [];
  const totals: number[] = [];
  const names: Cell[] = [];
  for (let i = 0; i < keys.length; i++) {
    const amount = numberAt(values, i);
    const cell = keys[i];
    if (cell instanceof FormulaError) return cell.code;
    const k = accountKey(cell);
    if (k === null) {
      if (amount !== null) return '#VALUE!';
      rowAccount.push(-1);
      continue;
    }
    let a = byKey.get(k);
    if (a === undefined) {
      byKey.set(k, (a = names.length));
      names.push(cell);
      totals.push(0);
    }
    rowAccount.push(a);
    if (amount !== null) totals[a] += amount;
  }
  return { rowAccount, totals: totals.map(clean), names };
}
