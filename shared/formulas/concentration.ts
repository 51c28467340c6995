// How dependent a business is on its largest accounts: the measures lenders and acquirers ask for,
// over the accounts' positive totals (credit notes that exceed sales are no revenue, as in
// PARETO_TIER). With n such totals t and their sum T, shares s = t / T:
// - HHI: the sum of the squared shares in percent, 10,000/n (all equal) to 10,000 (one account);
// - GINI: the mean absolute difference of the totals over twice their mean, without small-sample
//   correction: 0 when all are equal, at most 1 − 1/n;
// - TOP1, TOP5, TOP10: the share of the largest 1, 5, 10 accounts (all of it with fewer accounts);
// - N50, N80: the fewest largest accounts that hold at least 50% / 80%;
// - ACCOUNTS: n.
import { Matrix, divError, isBlank, valueError } from '../cells';
import { cellWords } from '../i18n/cell-strings';
import { vectorOf } from './args';
import { checkAddsUp, groupAccounts, readLanguage } from './pareto';

/** The measures, in the order of the table. */
export const MEASURES = ['ACCOUNTS', 'TOP1', 'TOP5', 'TOP10', 'N50', 'N80', 'HHI', 'GINI'] as const;
export type Measure = (typeof MEASURES)[number];

export type Concentration = Record<Measure, number>;

// A share a hair below 50% through float noise still counts as reaching it (as in PARETO_TIER).
const SHARE_TOLERANCE = 1e-12;

/** The error when there is no revenue at all: no account has a total above zero. */
export const noRevenue = (arg: string) => divError(`no account in ${arg} has a total above zero, so there is no revenue to share`);

/** The positive totals, largest first; none at all is #DIV/0!, and a sum beyond the float range #NUM!. */
export function positiveTotalsDescending(totals: Float64Array, arg: string): Float64Array {
  let count = 0;
  let whole = 0;
  for (let a = 0; a < totals.length; a++) {
    if (totals[a] > 0) {
      count++;
      whole += totals[a];
    }
  }
  if (count === 0) throw noRevenue(arg);
  checkAddsUp(whole);
  const positive = new Float64Array(count);
  for (let a = 0, k = 0; a < totals.length; a++) if (totals[a] > 0) positive[k++] = totals[a];
  return positive.sort().reverse();
}

/** Every measure over positive totals sorted largest first (at least one). */
export function concentrationOf(sorted: Float64Array): Concentration {
  const n = sorted.length;
  let whole = 0;
  for (let i = n - 1; i >= 0; i--) whole += sorted[i];
  let squares = 0;
  let weighted = 0; // Σ (2i − n − 1)·s over the shares in ascending order (i from 1): n × Gini
  let held = 0;
  let n50 = 0;
  let n80 = 0;
  const top: number[] = [];
  for (let k = 0; k < n; k++) {
    const share = sorted[k] / whole;
    squares += share * share;
    weighted += (n - 1 - 2 * k) * share; // ascending rank n − k
    held += share;
    if (!n50 && held >= 0.5 - SHARE_TOLERANCE) n50 = k + 1;
    if (!n80 && held >= 0.8 - SHARE_TOLERANCE) n80 = k + 1;
    if (k === 0 || k === 4 || k === 9) top.push(held);
  }
  const topShare = (count: number, i: number) => Math.min(1, n <= count ? 1 : top[i]);
  // Both bounds hold exactly in arithmetic (Cauchy-Schwarz, and the largest share squared); only
  // float noise could cross them, so the results are kept within them.
  const hhi = Math.min(10_000, Math.max(10_000 / n, squares * 10_000));
  const gini = Math.min(1 - 1 / n, Math.max(0, weighted / n));
  return { ACCOUNTS: n, TOP1: topShare(1, 0), TOP5: topShare(5, 1), TOP10: topShare(10, 2), N50: n50 || n, N80: n80 || n, HHI: hhi, GINI: gini };
}

function readMeasure(m: Matrix | undefined): Measure | undefined {
  const cell = m?.flat().find((c) => !isBlank(c) && c !== '');
  if (cell === undefined) return undefined;
  const code = String(cell).trim().toUpperCase().replace(/\s+/g, '');
  const measure = MEASURES.find((x) => x === code);
  if (!measure) throw valueError(`measure is '${String(cell)}': use one of ${MEASURES.map((x) => `"${x}"`).join(', ')}, or leave it out for all of them`);
  return measure;
}

export function concentration(valuesArg: Matrix, keysArg?: Matrix, measureArg?: Matrix, languageArg?: Matrix): Matrix {
  const language = readLanguage(languageArg);
  const measure = readMeasure(measureArg);
  const values = vectorOf(valuesArg, 'values');
  const accounts = groupAccounts(values, keysArg ? vectorOf(keysArg, 'keys') : undefined);
  const sorted = positiveTotalsDescending(accounts.totals, values.arg);
  const result = concentrationOf(sorted);
  if (measure) return [[result[measure]]];
  const labels = cellWords(language).concentration;
  return MEASURES.map((m) => [labels[m], result[m]]);
}
