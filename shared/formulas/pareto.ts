// Pareto (ABC) analysis on plain values: which accounts bring which share of revenue.
// The rule, from FUNCTIONS.md: an account's tier is the first tier whose cutoff is greater than
// the share of total revenue held by accounts strictly larger than it; ties share a tier;
// totals <= 0 sit in the last tier and do not count towards the total.
import { Cell, FormulaError, Matrix, divError, isBlank, isEmptyCell, isError, markPlain, numError, valueError } from '../cells';
import { cellWords } from '../i18n/cell-strings';
import type { Language } from '../i18n/strings';
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
import { TextIndex, hashEnd, hashOf, hashStep } from './text-index';

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
  /** Each row's amount, NaN for none: only when asked for (groupAccounts' `keepAmounts`). */
  rowAmount?: Float64Array;
}

/** Compares keys the way SUMIF does: trimmed, case-insensitive. */
export function accountKey(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  const key = (typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell)).trim().toLowerCase();
  return key === '' ? null : key;
}

// Totals are sums of floats: 0.1 + 0.2 must tie with 0.3, so totals keep 12 significant digits.
export function clean(total: number): number {
  if (total === 0 || !Number.isFinite(total)) return total;
  const scale = powerOfTen(11 - Math.floor(Math.log10(Math.abs(total))));
  const cleaned = Math.round(total * scale) / scale;
  // Amounts near the ends of the float range have no room to scale: keep them as they are.
  return Number.isFinite(cleaned) ? cleaned : total;
}

// 10 ** e for every e a finite total can need (11 - floor(log10) runs from -297 to 335), worked
// out once: a hundred thousand account totals each asked Math.pow again. Same expression, same bits.
const LOWEST_POWER = -300;
const POWERS_OF_TEN = Float64Array.from({ length: 640 }, (_, i) => 10 ** (i + LOWEST_POWER));
const powerOfTen = (e: number): number => POWERS_OF_TEN[e - LOWEST_POWER];

/** The totals, each cleaned, in place. */
function cleaned(totals: Float64Array): Float64Array {
  for (let a = 0; a < totals.length; a++) totals[a] = clean(totals[a]);
  return totals;
}

function blankKey(keys: Vector, values: Vector, i: number): FormulaError {
  return valueError(`${describePlace(placeInVector(keys, i))} is blank but ${describePlace(placeInVector(values, i))} has an amount`);
}


/** One account per row with an amount: PARETO_TIER without keys. */
function accountPerRow(values: Vector, keepAmounts: boolean): Accounts {
  const rowAccount = new Int32Array(values.length).fill(-1);
  const rowAmount = keepAmounts ? new Float64Array(values.length).fill(NaN) : undefined;
  const totals: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const amount = numberAt(values, i);
    if (amount === null) continue;
    rowAccount[i] = totals.length;
    if (rowAmount) rowAmount[i] = amount;
    totals.push(amount);
  }
  return { rowAccount, totals: cleaned(Float64Array.from(totals)), hasAmount: new Uint8Array(totals.length).fill(1), names: totals, rowAmount };
}

/**
 * Numbers the distinct key cells exactly as written, writing each row's number into `rowGroup`;
 * returns the cells, and the first row whose key is an error or blank beside an amount (-1 when
 * there is none). Invoice sheets repeat the same text thousands of times, and a Map lookup of it
 * is the cheapest step there is. The loop stays this small on purpose: checking the amounts of
 * earlier rows in here (to report problems in row order) made its Map lookups twice as slow.
 */
function groupByKeyCell(keys: Vector, values: Vector, rowGroup: Int32Array): { cells: Cell[]; badRow: number } {
  const last = lastGrouping?.deref()?.grouping;
  const agreeing = last ? agreeingRows(last, keys, values) : { rows: 0, groups: 0 };
  if (last && agreeing.rows === keys.length) {
    rowGroup.set(last.rowGroup.subarray(0, keys.length));
    groupings.recalled++;
    return { cells: last.cells.slice(0, agreeing.groups), badRow: -1 };
  }
  const grouped = numberKeyCells(keys, values, rowGroup, last && agreeing.rows > 0 ? { last, ...agreeing } : undefined);
  if (grouped.badRow < 0 && grouped.snapshot) remember(grouped.cells, rowGroup, grouped.snapshot);
  return grouped;
}

/**
 * Whether a numbering is kept for the next call (see Grouping). Google Sheets runs every cell call
 * in a fresh load of the script (docs/hosts.md), so there no call can find the last one's: the
 * copy of the keys would cost every call (a paired run of a cold PARETO_TIER: 3–5%, within this
 * machine's noise; about 12 MB per million rows) and help none.
 * src/sheets/functions.ts turns it off.
 */
let keepingNumberings = true;
export function keepNumberings(keep: boolean): void {
  keepingNumberings = keep;
  forgetGroupings();
}

/**
 * The last key column numbered, while it lives. Several functions of the family often read the
 * same keys one after the other (PARETO_TIER, PARETO_SHARE and PARETO_SUMMARY over one table, or
 * the same formula again after an amount changed or a line was added): comparing a million keys
 * with the last call's one by one costs a fraction of numbering them again, and where the keys
 * part ways only the rows from there on are numbered. The keys are kept as a copy of the cells
 * (whoever owns the arrays may change them afterwards), and only weakly: the first garbage
 * collection after the calculation lets them go, so the add-in never holds a workbook's keys.
 */
interface Grouping {
  keys: Cell[];
  rowGroup: Int32Array;
  cells: Cell[];
}

/**
 * The weak reference holds a small box, and the box the numbering. A WeakRef keeps its target
 * alive at least to the end of the JavaScript job that made it, and Excel may run many calls of a
 * calculation in one job: a WeakRef straight to each numbering kept every call's copy of its keys
 * to the end of the job (eight calls over 200,000 keys in one job: 80 MB). The next numbering
 * empties the last box, so a job holds one copy at most.
 */
interface Held {
  grouping?: Grouping;
}
let lastGrouping: { deref(): Held | undefined } | undefined;
/** How many key columns were numbered (not recalled) and recalled whole: for the tests. */
export const groupings = { numbered: 0, recalled: 0 };

interface WeakRefConstructor {
  new (target: Held): { deref(): Held | undefined };
}
const Weak = (globalThis as { WeakRef?: WeakRefConstructor }).WeakRef;

/** Lets the last numbering go, its box emptied (and tests compare a recalled numbering with a fresh one). */
export function forgetGroupings(): void {
  const last = lastGrouping?.deref();
  if (last) last.grouping = undefined;
  lastGrouping = undefined;
}

function remember(cells: Cell[], rowGroup: Int32Array, keys: Cell[]): void {
  forgetGroupings();
  lastGrouping = Weak ? new Weak({ grouping: { keys, rowGroup: rowGroup.slice(), cells } }) : undefined;
}

/** A row with a blank key is skipped when its amount is blank too; with an amount it is a problem. */
const skipsRow = (amount: Cell): boolean => isBlank(amount) || amount === '';

/**
 * How many rows from the top hold the same key cells as the last call's, none of them a row that
 * call skipped (a blank key with a blank amount) with an amount now; and how many groups those
 * rows hold. Groups are numbered in the order they first appear, so the rows that agree hold
 * exactly the groups numbered below that count, and a fresh numbering would number them alike.
 */
function agreeingRows(last: Grouping, keys: Vector, values: Vector): { rows: number; groups: number } {
  const before = last.keys;
  const groupOf = last.rowGroup;
  const n = Math.min(before.length, keys.length);
  let groups = 0;
  let i = 0;
  for (; i < n; i++) {
    if (keys.at(i) !== before[i]) break;
    const g = groupOf[i];
    if (g < 0) {
      if (!skipsRow(values.at(i))) break;
    } else if (g >= groups) groups = g + 1;
  }
  return { rows: i, groups };
}

/**
 * Numbers the key cells, writing each row's group into `rowGroup`. With a head start, the rows
 * that agree with the last call keep its groups, and numbering goes on from the first that does not.
 * (Exported for bench h, which times this step alone as the floor of the family.)
 */
export function numberKeyCells(
  keys: Vector,
  values: Vector,
  rowGroup: Int32Array,
  head?: { last: Grouping; rows: number; groups: number },
): { cells: Cell[]; badRow: number; snapshot?: Cell[] } {
  groupings.numbered++;
  // The cells as they are now, for the next call to compare its keys with (when kept).
  const snapshot: Cell[] | undefined = keepingNumberings ? new Array(keys.length) : undefined;
  // Texts (nearly every key) in a TextIndex, numbers and the rest in a Map: both hold group
  // numbers from one count, `cells`'s length.
  const texts = new TextIndex(keys.length);
  const others = new Map<Cell, number>();
  const cells: Cell[] = [];
  const start = head ? head.rows : 0;
  if (head) {
    if (snapshot) for (let i = 0; i < start; i++) snapshot[i] = head.last.keys[i];
    rowGroup.set(head.last.rowGroup.subarray(0, start));
    for (let g = 0; g < head.groups; g++) {
      const cell = head.last.cells[g];
      if (typeof cell === 'string') texts.add(cell, g);
      else others.set(cell, g);
      cells.push(cell);
    }
  }
  // A piece of rows at a time: their texts hashed and their slots read ahead (TextIndex.warm),
  // then looked up one by one.
  const hashes = new Int32Array(KEYS_PER_PIECE);
  const piece: Cell[] = new Array(KEYS_PER_PIECE).fill(null);
  for (let from = start; from < keys.length; from += KEYS_PER_PIECE) {
    const to = Math.min(keys.length, from + KEYS_PER_PIECE);
    for (let i = from; i < to; i++) {
      const raw = keys.at(i);
      piece[i - from] = raw;
      if (snapshot) snapshot[i] = raw;
      hashes[i - from] = typeof raw === 'string' ? hashOf(raw) : 0;
    }
    warmed += texts.warm(hashes, to - from);
    for (let i = from; i < to; i++) {
      const raw = piece[i - from];
      let g: number | undefined;
      if (typeof raw === 'string') {
        const known = texts.numberOfHashed(raw, hashes[i - from]);
        if (known >= 0) {
          rowGroup[i] = known;
          continue;
        }
      } else g = others.get(raw);
      if (g === undefined) {
        if (isError(raw)) return { cells, badRow: i, snapshot };
        if (isEmptyCell(raw)) {
          if (!skipsRow(values.at(i))) return { cells, badRow: i, snapshot };
          continue;
        }
        g = cells.length;
        if (typeof raw === 'string') texts.addHashed(raw, hashes[i - from], g);
        else others.set(raw, g);
        cells.push(raw);
      }
      rowGroup[i] = g;
    }
  }
  return { cells, badRow: -1, snapshot };
}

/** Rows whose keys are hashed and read ahead together: a few kilobytes of slots and texts. */
export const KEYS_PER_PIECE = 256;
/** What TextIndex.warm read, kept where the optimiser cannot prove it unused. */
let warmed = 0;

/**
 * Adds up the amounts of each group over the first `rows` rows, noting which groups have any; and
 * writes each row's amount (NaN for none) into `rowAmount` when given.
 */
function addUpGroups(values: Vector, rowGroup: Int32Array, groups: number, rows: number, rowAmount?: Float64Array): { totals: Float64Array; has: Uint8Array } {
  const totals = new Float64Array(groups);
  const has = new Uint8Array(groups);
  for (let i = 0; i < rows; i++) {
    const amount = numberAt(values, i);
    if (rowAmount) rowAmount[i] = amount === null ? NaN : amount;
    const g = rowGroup[i];
    if (amount === null || g < 0) continue;
    totals[g] += amount;
    has[g] = 1;
  }
  return { totals, has };
}

/** What is wrong with the key on a bad row: an error value, or a blank beside an amount. */
function keyProblem(keys: Vector, values: Vector, row: number): FormulaError {
  const raw = keys.at(row);
  return isError(raw) ? propagated(raw, placeInVector(keys, row)) : blankKey(keys, values, row);
}

/**
 * Groups rows into accounts: by key when keys are given (trimmed and case-insensitive, like
 * SUMIF), otherwise one account per amount. Rows are grouped by key cell as written first, then
 * groups merged by trimmed, lower-cased key: that touches 100,000 keys, not a million rows.
 * Keys and amounts are read in separate loops, measured faster than one loop doing both.
 * `keepAmounts`: also gives each row's amount (rowAmount), for a caller that splits the rows again
 * (PARETO_MIGRATION): a second pass over a million rows of the host's then reads one typed array.
 */
export function groupAccounts(values: Vector, keys?: Vector, keepAmounts = false): Accounts {
  if (!keys) return accountPerRow(values, keepAmounts);
  sameShape(values, keys);
  // Rows hold their group first, then (renumbered in place) their account: one array, not two.
  const rowAccount = new Int32Array(values.length).fill(-1);
  const { cells, badRow } = groupByKeyCell(keys, values, rowAccount);
  // Amounts are read up to a bad key's row first, so problems are reported in row order.
  const rowAmount = keepAmounts ? new Float64Array(values.length) : undefined;
  const groups = addUpGroups(values, rowAccount, cells.length, badRow < 0 ? values.length : badRow + 1, rowAmount);
  if (badRow >= 0) throw keyProblem(keys, values, badRow);
  const { accountOfGroup, names } = accountsOfGroups(cells);
  const totals = new Float64Array(names.length);
  const hasAmount = new Uint8Array(names.length);
  // Usually every group is an account of its own; rows are renumbered only where groups merged.
  let renumbered = false;
  for (let g = 0; g < cells.length; g++) {
    const account = accountOfGroup[g];
    if (account !== g) renumbered = true;
    totals[account] += groups.totals[g];
    hasAmount[account] |= groups.has[g];
  }
  if (renumbered) {
    for (let i = 0; i < rowAccount.length; i++) {
      const g = rowAccount[i];
      if (g >= 0) rowAccount[i] = accountOfGroup[g];
    }
  }
  return { rowAccount, totals: cleaned(totals), hasAmount, names, rowAmount };
}

/**
 * The account of each group: groups whose keys are the same trimmed and lower-cased (accountKey)
 * are one account, numbered in the order they first appear, named by their first key as written.
 * Nearly every group is an account of its own, so a group's key is only hashed as accountKey
 * would write it (keyHash: for a plain ASCII text without making that string), and two keys are
 * compared only when their hashes meet. Before, each of a hundred thousand keys was made
 * trimmed and lower-cased, and numbered in a TextIndex: its characters copied and placed.
 */
function accountsOfGroups(cells: readonly Cell[]): { accountOfGroup: Int32Array; names: Cell[] } {
  let capacity = 1024;
  while (capacity < 2 * cells.length) capacity *= 2;
  // Open addressing, at most half full: per slot a hash and its account (-1: empty).
  const slots = new Int32Array(2 * capacity);
  for (let s = 1; s < slots.length; s += 2) slots[s] = -1;
  const mask = capacity - 1;
  const accountOfGroup = new Int32Array(cells.length);
  const names: Cell[] = [];
  for (let g = 0; g < cells.length; g++) {
    const cell = cells[g];
    const h = keyHash(cell);
    let account = -1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const a = slots[2 * s + 1];
      if (a < 0) {
        account = names.length;
        names.push(cell);
        slots[2 * s] = h;
        slots[2 * s + 1] = account;
        break;
      }
      if (slots[2 * s] === h && accountKey(names[a]) === accountKey(cell)) {
        account = a;
        break;
      }
    }
    accountOfGroup[g] = account;
  }
  return { accountOfGroup, names };
}

/** Tab, line feed, vertical tab, form feed, carriage return, space: what trim() takes off in ASCII. */
const isAsciiSpace = (unit: number): boolean => unit === 32 || (unit >= 9 && unit <= 13);

/**
 * hashOf(accountKey(cell)), worked out on the cell's own characters when it is a text of ASCII
 * characters: trimmed and lower-cased as it is read. Anything else (a number, TRUE, a text with an
 * accent or a non-breaking space, which trim() and toLowerCase() know more about) takes
 * accountKey's string.
 */
export function keyHash(cell: Cell): number {
  if (typeof cell !== 'string') return hashOf(accountKey(cell) as string);
  let from = 0;
  let to = cell.length;
  while (from < to && isAsciiSpace(cell.charCodeAt(from))) from++;
  while (to > from && isAsciiSpace(cell.charCodeAt(to - 1))) to--;
  let h = to - from;
  for (let i = from; i < to; i++) {
    let unit = cell.charCodeAt(i);
    if (unit >= 128) return hashOf(accountKey(cell) as string);
    if (unit >= 65 && unit <= 90) unit += 32; // A-Z
    h = hashStep(h, unit);
  }
  return hashEnd(h);
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

// Tiers, shares and the computed cutoffs of one grouping stand on the same curve (the analysis
// asks for tiers and shares of the same accounts): it is sorted once per grouping, not per use.
const curves = new WeakMap<Accounts, Curve>();

function curveOf(accounts: Accounts): Curve {
  let curve = curves.get(accounts);
  if (!curve) curves.set(accounts, (curve = paretoCurve(accounts.totals)));
  return curve;
}

// Loops over typed arrays rather than map/from with a callback: at 100,000 accounts the
// callbacks cost as much as the sort.
function paretoCurve(totals: Float64Array): Curve {
  let count = 0;
  for (let a = 0; a < totals.length; a++) if (totals[a] > 0) count++;
  const positive = new Float64Array(count);
  for (let a = 0, k = 0; a < totals.length; a++) if (totals[a] > 0) positive[k++] = totals[a];
  positive.sort(); // typed-array sort: numeric, ascending
  const levels = new Float64Array(count);
  const larger = new Float64Array(count);
  let distinct = 0;
  let sum = 0;
  for (let i = count - 1; i >= 0; ) {
    const level = positive[i];
    levels[distinct] = level;
    larger[distinct] = sum;
    distinct++;
    while (i >= 0 && positive[i] === level) sum += positive[i--];
  }
  checkAddsUp(sum);
  return { levels: levels.subarray(0, distinct), larger: larger.subarray(0, distinct), positiveTotal: sum };
}

/** What a sum beyond the largest number a cell holds (about 1.8e308) says. */
export const TOO_LARGE_MESSAGE = 'the amounts add up to more than the largest number a spreadsheet holds, so no share can be worked out';

/**
 * Revenue beyond the float range (two accounts of 1e308) would make every share NaN and put a
 * large account in the last tier: #NUM! instead, for the functions and the analysis alike.
 */
export function checkAddsUp(total: number): void {
  if (!Number.isFinite(total)) throw numError(TOO_LARGE_MESSAGE);
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
  const curve = curveOf(accounts);
  requirePositive(curve, values);
  const lowest = lowestLevels(curve, cutoffs);
  const { totals } = accounts;
  const tiers = new Int32Array(totals.length);
  for (let a = 0; a < totals.length; a++) {
    const total = totals[a];
    let tier = 0;
    // Every total is one of the levels: the first tier reaching down to it is its tier.
    if (total > 0) while (tier < cutoffs.length && !(total >= lowest[tier])) tier++;
    else tier = cutoffs.length;
    tiers[a] = tier;
  }
  return tiers;
}

/**
 * The smallest level in each tier (Infinity for a tier no level falls in). Shares grow as levels
 * fall, so each tier holds a run of levels, and an account's tier is the first whose smallest
 * level is not above its total: a few comparisons per account instead of a search of the curve.
 */
function lowestLevels(curve: Curve, cutoffs: readonly number[]): Float64Array {
  const lowest = new Float64Array(cutoffs.length + 1).fill(Infinity);
  for (let l = 0; l < curve.levels.length; l++) {
    const share = curve.larger[l] / curve.positiveTotal;
    let tier = 0;
    while (tier < cutoffs.length && !(cutoffs[tier] > share + SHARE_TOLERANCE)) tier++;
    lowest[tier] = curve.levels[l];
  }
  return lowest;
}

/** Cumulative share (0–1) held by each account and all larger ones; 1 for totals <= 0. */
export function accountShares(accounts: Accounts, values: Vector): Float64Array {
  const curve = curveOf(accounts);
  requirePositive(curve, values);
  const { totals } = accounts;
  const shares = new Float64Array(totals.length);
  for (let a = 0; a < totals.length; a++) {
    const total = totals[a];
    shares[a] = total > 0 ? Math.min(1, (curve.larger[levelIndex(curve.levels, total)] + total) / curve.positiveTotal) : 1;
  }
  return shares;
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
    // 0 is allowed as the first cutoff: an empty first tier, as a computed ABC analysis can give.
    if (!(x >= 0 && x < 1)) {
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
  // No host hands these over, but a label is shown as it is: it must be a value a cell can hold.
  const odd = labels.find((l) => typeof l === 'number' && !Number.isFinite(l));
  if (odd !== undefined) throw numError(`labels holds ${String(odd)}: each label must be text or a finite number`);
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
 * as there are accounts, not a million. The results are tier labels (never blank: readLabels)
 * and shares (finite: checkAddsUp), so the block is plain for the hosts (markPlain).
 */
function perRow(accounts: Accounts, values: Vector, result: (account: number) => Cell): Matrix {
  return markPlain(resultPerRow(accounts, values, result));
}

function resultPerRow(accounts: Accounts, values: Vector, result: (account: number) => Cell): Matrix {
  const byAccount: Cell[] = new Array(accounts.totals.length);
  for (let a = 0; a < byAccount.length; a++) byAccount[a] = accounts.hasAmount[a] ? result(a) : '';
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
  checkAddsUp(positiveTotal);
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
  const cell = m.flat().find((c) => !isEmptyCell(c));
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
  const s = cellWords(language).summary;
  const accountsTotal = lines.reduce((sum, l) => sum + l.accounts, 0);
  const revenueTotal = clean(lines.reduce((sum, l) => sum + l.revenue, 0));
  return [
    [s.tier, s.accounts, s.accountShare, s.revenue, s.revenueShare],
    ...lines.map((l) => [l.label, l.accounts, l.accountShare, l.revenue, l.revenueShare]),
    [s.total, accountsTotal, 1, revenueTotal, 1],
  ];
}
