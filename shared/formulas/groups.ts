// Tiers within groups (a region, a rep's book, a segment): PARETO_TIER, PARETO_SHARE and
// PARETO_SUMMARY with their optional last argument `groups`, same shape as values. Each group is
// analysed on its own — its own accounts, its own total — so the same key in two regions is two
// accounts, and can be A in one and C in the other. Groups are compared as keys are (trimmed,
// case-insensitive); rows with a blank group form a group of their own. A group without revenue
// puts its accounts in the last tier (share 1), instead of spoiling every other group's result.
import { Cell, Matrix, isError } from '../cells';
import { cellWords } from '../i18n/cell-strings';
import { Vector, placeInVector, propagated, sameShape, vectorOf } from './args';
import {
  Accounts,
  accountKey,
  accountShares,
  accountTiers,
  clean,
  groupAccounts,
  readCutoffs,
  readLabels,
  readLanguage,
  summariseTiers,
} from './pareto';

/** One group's rows (indexes into the full range) and its name as first written. */
interface Group {
  name: Cell;
  rows: number[];
}

/** The rows of each group, groups in order of first appearance. */
function rowsByGroup(groups: Vector): Group[] {
  const byKey = new Map<string, Group>();
  for (let i = 0; i < groups.length; i++) {
    const cell = groups.at(i);
    if (isError(cell)) throw propagated(cell, placeInVector(groups, i));
    const key = accountKey(cell) ?? '';
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { name: key === '' ? '' : cell, rows: [] }));
    group.rows.push(i);
  }
  return [...byKey.values()];
}

/** A vector over some rows of another: same argument name, read in place. */
const rowsOf = (v: Vector, rows: number[]): Vector => ({ arg: v.arg, length: rows.length, at: (i) => v.at(rows[i]), orientation: 'column' });

const hasRevenue = (accounts: Accounts): boolean => accounts.totals.some((total, a) => accounts.hasAmount[a] === 1 && total > 0);

interface GroupAnalysis {
  group: Group;
  values: Vector;
  accounts: Accounts;
}

/**
 * Reads values, keys and groups, checks them over the whole range first (so a message names the
 * row as the user sees it), then groups the accounts of every group on its own.
 */
function analyseGroups(valuesArg: Matrix, keysArg: Matrix | undefined, groupsArg: Matrix): { values: Vector; parts: GroupAnalysis[] } {
  const values = vectorOf(valuesArg, 'values');
  const keys = keysArg ? vectorOf(keysArg, 'keys') : undefined;
  const groups = vectorOf(groupsArg, 'groups');
  sameShape(values, groups);
  groupAccounts(values, keys);
  const parts = rowsByGroup(groups).map((group) => {
    const part = rowsOf(values, group.rows);
    return { group, values: part, accounts: groupAccounts(part, keys && rowsOf(keys, group.rows)) };
  });
  return { values, parts };
}

/** Every row's result, computed per account of its group; "" for rows without an account or an amount. */
function perRowInGroups(values: Vector, parts: GroupAnalysis[], result: (part: GroupAnalysis) => (account: number) => Cell): Matrix {
  const out: Cell[] = new Array(values.length).fill('');
  for (const part of parts) {
    const of = result(part);
    const { rowAccount, hasAmount } = part.accounts;
    part.group.rows.forEach((row, i) => {
      const a = rowAccount[i];
      if (a >= 0 && hasAmount[a]) out[row] = of(a);
    });
  }
  return values.orientation === 'row' ? [out] : out.map((c) => [c]);
}

function tiersOf(part: GroupAnalysis, cutoffs: readonly number[]): Int32Array {
  return hasRevenue(part.accounts)
    ? accountTiers(part.accounts, cutoffs, part.values)
    : new Int32Array(part.accounts.totals.length).fill(cutoffs.length);
}

export function paretoTierWithin(valuesArg: Matrix, keysArg: Matrix | undefined, cutoffsArg: Matrix | undefined, labelsArg: Matrix | undefined, groupsArg: Matrix): Matrix {
  const cutoffs = readCutoffs(cutoffsArg);
  const labels = readLabels(labelsArg, cutoffs);
  const { values, parts } = analyseGroups(valuesArg, keysArg, groupsArg);
  return perRowInGroups(values, parts, (part) => {
    const tiers = tiersOf(part, cutoffs);
    return (a) => labels[tiers[a]];
  });
}

export function paretoShareWithin(valuesArg: Matrix, keysArg: Matrix | undefined, groupsArg: Matrix): Matrix {
  const { values, parts } = analyseGroups(valuesArg, keysArg, groupsArg);
  return perRowInGroups(values, parts, (part) => {
    if (!hasRevenue(part.accounts)) return () => 1;
    const shares = accountShares(part.accounts, part.values);
    return (a) => shares[a];
  });
}

/**
 * One table: `Group | Tier | Accounts | Share of accounts | Revenue | Share of revenue`, then per
 * group a line per tier and the group's total line. A group without revenue shows its revenue
 * shares as "" (there is no revenue to share).
 */
export function paretoSummaryWithin(
  valuesArg: Matrix,
  keysArg: Matrix | undefined,
  cutoffsArg: Matrix | undefined,
  labelsArg: Matrix | undefined,
  languageArg: Matrix | undefined,
  groupsArg: Matrix,
): Matrix {
  const s = cellWords(readLanguage(languageArg)).summary;
  const cutoffs = readCutoffs(cutoffsArg);
  const labels = readLabels(labelsArg, cutoffs);
  const { parts } = analyseGroups(valuesArg, keysArg, groupsArg);
  const table: Matrix = [[s.group, s.tier, s.accounts, s.accountShare, s.revenue, s.revenueShare]];
  // A group whose rows have no amount at all (the blank rows below the data, mostly) has no block.
  for (const part of parts.filter((p) => p.accounts.hasAmount.includes(1))) {
    const name = part.group.name;
    const tiers = tiersOf(part, cutoffs);
    if (hasRevenue(part.accounts)) {
      const lines = summariseTiers(part.accounts, tiers, labels, part.values);
      const count = lines.reduce((sum, l) => sum + l.accounts, 0);
      const revenue = clean(lines.reduce((sum, l) => sum + l.revenue, 0));
      for (const l of lines) table.push([name, l.label, l.accounts, l.accountShare, l.revenue, l.revenueShare]);
      table.push([name, s.total, count, 1, revenue, 1]);
    } else {
      let count = 0;
      for (let a = 0; a < tiers.length; a++) count += part.accounts.hasAmount[a];
      labels.forEach((label, i) => table.push([name, label, i === cutoffs.length ? count : 0, i === cutoffs.length ? 1 : 0, 0, '']));
      table.push([name, s.total, count, 1, 0, '']);
    }
  }
  return table;
}
