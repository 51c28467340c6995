// Pareto (ABC) analysis on plain values: which accounts bring which share of revenue.
// The rule, from FUNCTIONS.md: an account's tier is the first tier whose cutoff is greater than
// the share of total revenue held by accounts strictly larger than it; ties share a tier;
// totals <= 0 sit in the last tier and do not count towards the total.
import { Cell, FormulaError, Matrix, divError, isBlank, isError, numError, valueError } from '../cells';
import { Language, t } from '../i18n/strings';
import {
  Vector,
  describePlace,
  numberAt,
  placeInVector,
  propagated,
  sameShape,
  toNumber,
  vectorOf,
} from './args';

export const DEFAULT_CUTOFFS: readonly number[] = [0.8, 0.95];

/** Default tier names: A, B, C, ... Z, then T27, T28, ... */
export const defaultLabel = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : `T${i + 1}`);

/** Accounts found in a values column, and which account each row belongs to. */
export interface Accounts {
  /** Account index per row; -1 for a row that belongs to no account. */
  rowAccount: Int32Array;
  /** Sum of amounts per account. */
  totals: Float64Array;
  /** Whether any row of the account carried an amount. */
  hasAmount: Uint8Array;
  /** The key as first written, per account (the row's own value when there are no keys). */
  names: Cell[];
}

/** Compares keys the way SUMIF does: trimmed, case-insensitive. */
export function accountKey(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  const key = (typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell)).trim().toLowerCase();
  return key === '' ? null : key;
}

// Totals are sums of floats: 0.1 + 0.2 must tie with 0.3, so totals keep 12 significant digits.
function clean(total: number): number {
  if (total === 0 || !Number.isFinite(total)) return total;
  const scale = 10 ** (11 - Math.floor(Math.log10(Math.abs(total))));
  const cleaned = Math.round(total * scale) / scale;
  // Amounts near the ends of the float range have no room to scale: keep them as they are.
  return Number.isFinite(cleaned) ? cleaned : total;
}

function blankKey(keys: Vector, values: Vector, i: number): FormulaError {
  return valueError(`${describePlace(placeInVector(keys, i))} is blank but ${describePlace(placeInVector(values, i))} has an amount`);
}

function firstRowWithAmount(rowGroup: Int32Array, group: number, values: Vector): number {
  for (let i = 0; i < rowGroup.length; i++) if (rowGroup[i] === group && numberAt(values, i) !== null) return i;
  return 0;
}

function grown<T extends Float64Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/** Groups rows into accounts: by key when keys are given, otherwise one account per amount. */
export function groupAccounts(values: Vector, keys?: Vector): Accounts {
  if (keys) sameShape(values, keys);
  const n = values.length;
  const rowAccount = new Int32Array(n).fill(-1);
  const totals: number[] = [];
  const hasAmount: number[] = [];
  const names: Cell[] = [];
  if (!keys) {
    for (let i = 0; i < n; i++) {
      const amount = numberAt(values, i);
      if (amount === null) continue;
      rowAccount[i] = totals.length;
      totals.push(amount);
      hasAmount.push(1);
      names.push(amount);
    }
  } else {
    // Two passes, measured faster than normalising as we go (and twice as fast on fresh strings):
    // 1. group the rows by their key cell exactly as written — invoice sheets repeat the same
    //    text thousands of times, and a Map lookup of it is the cheapest step there is;
    // 2. merge those groups whose keys are the same once trimmed and lower-cased, like SUMIF.
    const byCell = new Map<Cell, number>();
    const cells: Cell[] = [];
    // Rows hold their group first, then (rewritten in place) their account: one array, not two.
    const rowGroup = rowAccount;
    let groupTotals = new Float64Array(1024);
    let groupHas = new Uint8Array(1024);
    for (let i = 0; i < n; i++) {
      const raw = keys.at(i);
      const amount = numberAt(values, i);
      let g = byCell.get(raw);
      if (g === undefined) {
        if (isError(raw)) throw propagated(raw, placeInVector(keys, i));
        if (isBlank(raw)) {
          if (amount !== null) throw blankKey(keys, values, i);
          continue;
        }
        g = cells.length;
        byCell.set(raw, g);
        cells.push(raw);
        if (g === groupTotals.length) {
          groupTotals = grown(groupTotals, new Float64Array(g * 2));
          groupHas = grown(groupHas, new Uint8Array(g * 2));
        }
      }
      rowGroup[i] = g;
      if (amount !== null) {
        groupTotals[g] += amount;
        groupHas[g] = 1;
      }
    }
    const byKey = new Map<string, number>();
    const accountOfGroup = new Int32Array(cells.length);
    for (let g = 0; g < cells.length; g++) {
      const key = accountKey(cells[g]);
      if (key === null) {
        // A key of spaces only: blank, which is wrong only where the row has an amount.
        accountOfGroup[g] = -1;
        if (groupHas[g]) throw blankKey(keys, values, firstRowWithAmount(rowGroup, g, values));
        continue;
      }
      let account = byKey.get(key);
      if (account === undefined) {
        account = totals.length;
        byKey.set(key, account);
        totals.push(0);
        hasAmount.push(0);
        names.push(cells[g]);
      }
      accountOfGroup[g] = account;
      totals[account] += groupTotals[g];
      if (groupHas[g]) hasAmount[account] = 1;
    }
    for (let i = 0; i < n; i++) {
      const g = rowGroup[i];
      if (g >= 0) rowAccount[i] = accountOfGroup[g];
    }
  }
  return {
    rowAccount,
    totals: Float64Array.from(totals, clean),
    hasAmount: Uint8Array.from(hasAmount),
    names,
  };
}

/** Per distinct positive total, largest first: the revenue held by strictly larger accounts. */
interface Curve {
  /** Distinct positive totals, descending. */
  levels: Float64Array;
  /** Sum of the totals strictly larger than each level. */
  larger: Float64Array;
  /** Sum of all positive totals. */
  positiveTotal: number;
}

function paretoCurve(totals: Float64Array): Curve {
  const positive = totals.filter((x) => x > 0).sort(); // typed-array sort: numeric, ascending
  const levels: number[] = [];
  const larger: number[] = [];
  let sum = 0;
  for (let i = positive.length - 1; i >= 0; ) {
    const level = positive[i];
    levels.push(level);
    larger.push(sum);
    while (i >= 0 && positive[i] === level) sum += positive[i--];
  }
  return { levels: Float64Array.from(levels), larger: Float64Array.from(larger), positiveTotal: sum };
}

/** Index of `total` in the descending `levels` (binary search). */
function levelIndex(levels: Float64Array, total: number): number {
  let lo = 0;
  let hi = levels.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid] > total) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function requirePositive(curve: Curve, values: Vector): void {
  if (curve.positiveTotal <= 0) {
    throw divError(`no account in ${values.arg} has a total above zero, so there is no revenue to share`);
  }
}

// A share a hair below a cutoff through float noise still counts as reaching it.
const SHARE_TOLERANCE = 1e-12;

/** Tier index (0-based) of every account. */
export function accountTiers(accounts: Accounts, cutoffs: readonly number[], values: Vector): Int32Array {
  const curve = paretoCurve(accounts.totals);
  requirePositive(curve, values);
  const tierOfLevel = Int32Array.from(curve.larger, (larger) => {
    const share = larger / curve.positiveTotal;
    let tier = 0;
    while (tier < cutoffs.length && !(cutoffs[tier] > share + SHARE_TOLERANCE)) tier++;
    return tier;
  });
  return Int32Array.from(accounts.totals, (total) =>
    total > 0 ? tierOfLevel[levelIndex(curve.levels, total)] : cutoffs.length,
  );
}

/** Cumulative share (0–1) held by each account and all larger ones; 1 for totals <= 0. */
export function accountShares(accounts: Accounts, values: Vector): Float64Array {
  const curve = paretoCurve(accounts.totals);
  requirePositive(curve, values);
  return Float64Array.from(accounts.totals, (total) =>
    total > 0 ? Math.min(1, (curve.larger[levelIndex(curve.levels, total)] + total) / curve.positiveTotal) : 1,
  );
}

/** Cutoffs: optional, one number or a range of strictly increasing fractions in (0, 1). */
export function readCutoffs(m: Matrix | undefined): number[] {
  if (!m) return [...DEFAULT_CUTOFFS];
  const cells = m.flat();
  const cutoffs: number[] = [];
  cells.forEach((cell, i) => {
    const at = { arg: 'cutoffs', row: Math.floor(i / m[0].length), col: i % m[0].length, rows: m.length, cols: m[0].length };
    const x = toNumber(cell, at);
    if (x === null) return;
    if (!(x > 0 && x < 1)) {
      const hint = x >= 1 && x < 100 ? `; write ${x / 100} or ${x}%` : '';
      throw numError(`${describePlace(at)} is ${x}: each cutoff must be a fraction between 0 and 1${hint}`);
    }
    const previous = cutoffs[cutoffs.length - 1];
    if (previous !== undefined && x <= previous) {
      throw numError(`cutoffs must be strictly increasing, but ${x} follows ${previous}`);
    }
    cutoffs.push(x);
  });
  return cutoffs.length ? cutoffs : [...DEFAULT_CUTOFFS];
}

/** Labels: optional, exactly one more than cutoffs, all different. */
export function readLabels(m: Matrix | undefined, cutoffs: readonly number[]): Cell[] {
  const needed = cutoffs.length + 1;
  if (!m) return Array.from({ length: needed }, (_, i) => defaultLabel(i));
  const labels = m.flat().filter((c) => !isBlank(c) && c !== '');
  const bad = labels.find(isError);
  if (bad) throw propagated(bad, { arg: 'labels', row: 0, col: 0, rows: 1, cols: 1 });
  if (labels.length !== needed) {
    throw valueError(`labels has ${labels.length} label${labels.length === 1 ? '' : 's'} for ${cutoffs.length} cutoff${cutoffs.length === 1 ? '' : 's'}: give ${needed}, one more than the cutoffs`);
  }
  const seen = new Set<string>();
  for (const label of labels) {
    const key = accountKey(label) ?? '';
    if (seen.has(key)) throw valueError(`labels must all differ, but '${String(label)}' appears twice`);
    seen.add(key);
  }
  return labels;
}

function readValuesAndKeys(valuesArg: Matrix, keysArg: Matrix | undefined) {
  const values = vectorOf(valuesArg, 'values');
  const keys = keysArg ? vectorOf(keysArg, 'keys') : undefined;
  return { values, accounts: groupAccounts(values, keys) };
}

/**
 * Gives every row its account's result, or "" for a row with no account or no amounts. Rows of
 * one account share one (read-only) row array: a million invoice lines then cost as many arrays
 * as there are accounts, not a million.
 */
function perRow(accounts: Accounts, values: Vector, result: (account: number) => Cell): Matrix {
  const byAccount: Cell[] = Array.from(accounts.totals, (_, a) => (accounts.hasAmount[a] ? result(a) : ''));
  const { rowAccount } = accounts;
  const n = rowAccount.length;
  if (values.orientation === 'row') return [Array.from(rowAccount, (a) => (a >= 0 ? byAccount[a] : ''))];
  const rows: Cell[][] = byAccount.map((v) => [v]);
  const blank: Cell[] = [''];
  const out: Matrix = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = rowAccount[i];
    out[i] = a >= 0 ? rows[a] : blank;
  }
  return out;
}

export function paretoTier(valuesArg: Matrix, keysArg?: Matrix, cutoffsArg?: Matrix, labelsArg?: Matrix): Matrix {
  const cutoffs = readCutoffs(cutoffsArg);
  const labels = readLabels(labelsArg, cutoffs);
  const { values, accounts } = readValuesAndKeys(valuesArg, keysArg);
  const tiers = accountTiers(accounts, cutoffs, values);
  return perRow(accounts, values, (a) => labels[tiers[a]]);
}

export function paretoShare(valuesArg: Matrix, keysArg?: Matrix): Matrix {
  const { values, accounts } = readValuesAndKeys(valuesArg, keysArg);
  const shares = accountShares(accounts, values);
  return perRow(accounts, values, (a) => shares[a]);
}

/** One line of the tier summary. */
export interface TierSummary {
  label: Cell;
  accounts: number;
  accountShare: number;
  revenue: number;
  revenueShare: number;
}

/**
 * Accounts and revenue per tier (every tier, also empty ones). Shares are of the revenue that the
 * tiers are cut from: the positive account totals. An account whose credit notes exceed its sales
 * counts as an account of the last tier but adds no revenue, so the shares add up to 100%.
 */
export function summariseTiers(accounts: Accounts, tiers: Int32Array, labels: readonly Cell[], values: Vector): TierSummary[] {
  const count = new Array<number>(labels.length).fill(0);
  const revenue = new Array<number>(labels.length).fill(0);
  let accountCount = 0;
  let positiveTotal = 0;
  for (let a = 0; a < accounts.totals.length; a++) {
    if (!accounts.hasAmount[a]) continue;
    const total = accounts.totals[a];
    count[tiers[a]]++;
    accountCount++;
    if (total > 0) {
      revenue[tiers[a]] += total;
      positiveTotal += total;
    }
  }
  if (!(positiveTotal > 0)) throw divError(`no account in ${values.arg} has a total above zero, so there is no revenue to share`);
  return labels.map((label, i) => ({
    label,
    accounts: count[i],
    accountShare: count[i] / accountCount,
    revenue: clean(revenue[i]),
    revenueShare: revenue[i] / positiveTotal,
  }));
}

export function readLanguage(m: Matrix | undefined): Language {
  if (!m) return 'en';
  const cell = m.flat().find((c) => !isBlank(c));
  if (cell === undefined) return 'en';
  const code = String(cell).trim().toLowerCase();
  if (/^(en|english|engels)(-.*)?$/.test(code)) return 'en';
  if (/^(nl|dutch|nederlands)(-.*)?$/.test(code)) return 'nl';
  throw valueError(`language is '${String(cell)}': use "en" for English or "nl" for Dutch`);
}

export function paretoSummary(
  valuesArg: Matrix,
  keysArg?: Matrix,
  cutoffsArg?: Matrix,
  labelsArg?: Matrix,
  languageArg?: Matrix,
): Matrix {
  const language = readLanguage(languageArg);
  const cutoffs = readCutoffs(cutoffsArg);
  const labels = readLabels(labelsArg, cutoffs);
  const { values, accounts } = readValuesAndKeys(valuesArg, keysArg);
  const tiers = accountTiers(accounts, cutoffs, values);
  const lines = summariseTiers(accounts, tiers, labels, values);
  const s = t(language).summary;
  const accountsTotal = lines.reduce((sum, l) => sum + l.accounts, 0);
  const revenueTotal = clean(lines.reduce((sum, l) => sum + l.revenue, 0));
  return [
    [s.tier, s.accounts, s.accountShare, s.revenue, s.revenueShare],
    ...lines.map((l) => [l.label, l.accounts, l.accountShare, l.revenue, l.revenueShare]),
    [s.total, accountsTotal, 1, revenueTotal, 1],
  ];
}
