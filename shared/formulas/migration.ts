// Who moved tier: the same accounts tiered over two periods of their own lines. The lines dated
// from `from` up to the day before the split make the first period, those from the split to `to`
// the second; each period is tiered on its own by PARETO_TIER's rule (its own total, its own
// cutoffs' shares). An account without a line with an amount in a period has no tier there ("").
import { Cell, Matrix, markPlain, numError, valueError } from '../cells';
import { isoDate } from '../dates';
import { LAST_SERIAL, Vector, describePlace, placeInVector, sameShape, single, toDate, vectorOf } from './args';
import { Accounts, accountTiers, clean, groupAccounts, readCutoffs, readLabels } from './pareto';

/** One period's accounts: totals and which accounts have a line in it. */
export interface Period {
  accounts: Accounts;
  /** Tier index per account; -1 where the account has no line in the period. */
  tiers: Int32Array;
}

export interface Migration {
  before: Period;
  after: Period;
}

/** A date argument that must be one cell. */
function oneDate(m: Matrix | undefined, arg: string): number | null {
  if (!m) return null;
  return toDate(single(m, arg), { arg, row: 0, col: 0, rows: 1, cols: 1 });
}

/** Tiers of a period's accounts; when no account has revenue in it, all its accounts are in the last tier. */
function periodTiers(accounts: Accounts, cutoffs: readonly number[], values: Vector): Int32Array {
  const { totals, hasAmount } = accounts;
  let revenue = false;
  for (let a = 0; a < totals.length; a++) if (hasAmount[a] && totals[a] > 0) revenue = true;
  const tiers = revenue ? accountTiers(accounts, cutoffs, values) : new Int32Array(totals.length).fill(cutoffs.length);
  for (let a = 0; a < tiers.length; a++) if (!hasAmount[a]) tiers[a] = -1;
  return tiers;
}

/**
 * Splits every account's lines at `split` and tiers both periods. Lines before `from` or after
 * `to` count in neither; a line with an amount needs a date.
 */
export function tierMigration(
  values: Vector,
  keys: Vector,
  dates: Vector,
  split: number,
  from: number | null,
  to: number | null,
  cutoffs: readonly number[],
): Migration {
  sameShape(values, dates);
  // Checks the keys and amounts, numbers the accounts once, and keeps each row's amount: the split
  // below reads them from one typed array, not from a million rows of the host's again.
  const all = groupAccounts(values, keys, true);
  const rowAmount = all.rowAmount!;
  const n = all.totals.length;
  const totals = [new Float64Array(n), new Float64Array(n)];
  const has = [new Uint8Array(n), new Uint8Array(n)];
  for (let i = 0; i < values.length; i++) {
    const a = all.rowAccount[i];
    const amount = rowAmount[i];
    // A line without an amount counts nowhere, whatever its date cell holds (a totals row's label).
    if (a < 0 || amount !== amount) continue; // NaN: no amount
    const raw = dates.at(i);
    // The common case first: a plain serial needs no Place object for a message.
    const date = typeof raw === 'number' && raw >= 0 && raw <= LAST_SERIAL ? raw : toDate(raw, placeInVector(dates, i));
    if (date === null) {
      throw valueError(`${describePlace(placeInVector(dates, i))} is blank but ${describePlace(placeInVector(values, i))} has an amount: each line needs its date`);
    }
    // `to` is a day: a line at any time of that day counts.
    if ((from !== null && date < from) || (to !== null && date >= Math.floor(to) + 1)) continue;
    const p = date < split ? 0 : 1;
    totals[p][a] += amount;
    has[p][a] = 1;
  }
  const period = (p: number): Period => {
    for (let a = 0; a < n; a++) totals[p][a] = clean(totals[p][a]);
    const accounts: Accounts = { rowAccount: all.rowAccount, totals: totals[p], hasAmount: has[p], names: all.names };
    return { accounts, tiers: periodTiers(accounts, cutoffs, values) };
  };
  return { before: period(0), after: period(1) };
}

export function paretoMigration(
  valuesArg: Matrix,
  keysArg: Matrix,
  datesArg: Matrix,
  splitArg: Matrix,
  fromArg?: Matrix,
  toArg?: Matrix,
  cutoffsArg?: Matrix,
  labelsArg?: Matrix,
): Matrix {
  const cutoffs = readCutoffs(cutoffsArg);
  const labels = readLabels(labelsArg, cutoffs);
  const split = oneDate(splitArg, 'split_date');
  if (split === null) throw valueError('split_date is blank: give the first day of the second period');
  const from = oneDate(fromArg, 'from');
  const to = oneDate(toArg, 'to');
  if (from !== null && from >= split) throw numError(`from (${isoDate(from)}) must be before split_date (${isoDate(split)}), or the first period is empty`);
  if (to !== null && to < split) throw numError(`to (${isoDate(to)}) must be on or after split_date (${isoDate(split)}), or the second period is empty`);
  const values = vectorOf(valuesArg, 'values');
  const keys = vectorOf(keysArg, 'keys');
  const dates = vectorOf(datesArg, 'dates');
  const { before, after } = tierMigration(values, keys, dates, split, from, to, cutoffs);
  const label = (tier: number): Cell => (tier < 0 ? '' : labels[tier]);
  const rowAccount = before.accounts.rowAccount;
  // A row's pair depends only on its account's two tiers, so rows share one array per pair of
  // tiers (no tier counts as one more): a million lines cost a few dozen small arrays, and the row
  // loop only reads a number per account. (One array per account, made as the rows met it, was
  // about a tenth of a million-line call.)
  const kinds = labels.length + 1;
  const pairs: Cell[][] = [];
  for (let b = 0; b < kinds; b++) for (let a = 0; a < kinds; a++) pairs.push([label(b - 1), label(a - 1)]);
  const accounts = before.tiers.length;
  const pairOfAccount = new Int32Array(accounts);
  for (let a = 0; a < accounts; a++) pairOfAccount[a] = (before.tiers[a] + 1) * kinds + after.tiers[a] + 1;
  const none: Cell[] = ['', ''];
  const pairAt = (i: number): Cell[] => (rowAccount[i] < 0 ? none : pairs[pairOfAccount[rowAccount[i]]]);
  if (values.orientation === 'row') {
    const rowPairs = Array.from({ length: values.length }, (_, i) => pairAt(i));
    return markPlain([rowPairs.map((p) => p[0]), rowPairs.map((p) => p[1])]);
  }
  const out: Matrix = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = pairAt(i);
  // Tier labels (never blank: readLabels) and "": nothing for a host to change.
  return markPlain(out);
}
