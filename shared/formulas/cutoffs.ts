// Tier cutoffs computed from the data: the computed ABC analysis of Ultsch & Lötsch (2015,
// "Computed ABC Analysis for Rational Selection of Most Informative Variables in Multivariate
// Data", PLoS One 10(6): e0129767), step for step as their R package ABCanalysis 1.2.1 does it,
// so that the same account totals give the same A, B and C sets (test/fixtures/abc holds the
// package's own results). The package:
// 1. sorts the totals largest first (negative totals count as 0) and draws the ABC curve:
//    cumulative share of revenue (yield) against share of accounts (effort), through (0, 0);
// 2. smooths it with R's cubic spline ("fmm" end conditions) onto a grid of 101 points (1,001 from
//    101 accounts on) and takes the spline's slope — at the grid index i, the slope at i/n;
// 3. the Pareto point is the grid point nearest to (0, 1), the break-even point the first where the
//    slope is nearest to 1; the smaller effort of the two is the A/B limit, and the B/C limit is
//    the grid point nearest to (the other one's effort, 1);
// 4. a limit at effort x is the k-th largest total, k = round(x × accounts) (halves to even, as R
//    rounds): A holds the totals above the A/B limit, C those below the B/C limit, B the rest.
// PARETO_CUTOFFS gives those sets as PARETO_TIER cutoffs: the share of revenue held by A, and by A
// and B together. PARETO_TIER's rule (first tier whose cutoff exceeds the revenue share of strictly
// larger accounts) then puts exactly those accounts in A, B and C, ties included.
import { Matrix, numError } from '../cells';
import { Accounts, groupAccounts } from './pareto';
import { Vector, vectorOf } from './args';
import { positiveTotalsDescending } from './concentration';

/** A point of the smoothed ABC curve. */
export interface CurvePoint {
  effort: number;
  yield: number;
}

/** What ABCanalysis finds: its points and the totals at its limits. */
export interface ComputedAbc {
  /** The A/B limit's point and the B/C limit's point on the smoothed curve. */
  a: CurvePoint;
  c: CurvePoint;
  /** Rank (1-based, largest first) of the total at each limit; 0 when the limit falls before the first account. */
  abRank: number;
  bcRank: number;
  /** The totals at the limits (NaN when the rank is 0): A is above abLimit, C below bcLimit. */
  abLimit: number;
  bcLimit: number;
}

/** R's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A cubic spline through (x, y): value y + dx·(b + dx·(c + dx·d)) from the knot at or left of a point. */
interface Spline {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

/**
 * The interpolating cubic spline with the end conditions of Forsythe, Malcolm and Moler (R's
 * method "fmm": the third derivative at each end matches that of the cubic through the four
 * points nearest to it). Written in the order of R's arithmetic, so the floats come out the same.
 */
function fmmSpline(x: Float64Array, y: Float64Array): Spline {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    b[0] = b[1] = (y[1] - y[0]) / (x[1] - x[0]);
    return { x, y, b, c, d };
  }
  const last = n - 1;
  // The tridiagonal system: b the diagonal, d the off-diagonal, c the right-hand side.
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < last; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  b[0] = -d[0];
  b[last] = -d[last - 1];
  c[0] = c[last] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[last] = c[last - 1] / (x[last] - x[last - 2]) - c[last - 2] / (x[last - 1] - x[last - 3]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[last] = (-c[last] * d[last - 1] * d[last - 1]) / (x[last] - x[last - 3]);
  }
  for (let i = 1; i <= last; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] = b[i] - t * d[i - 1];
    c[i] = c[i] - t * c[i - 1];
  }
  c[last] = c[last] / b[last];
  for (let i = last - 1; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  b[last] = (y[last] - y[last - 1]) / d[last - 1] + d[last - 1] * (c[last - 1] + 2 * c[last]);
  for (let i = 0; i < last; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] = 3 * c[i];
  }
  c[last] = 3 * c[last];
  d[last] = d[last - 1];
  return { x, y, b, c, d };
}

/**
 * The spline (or, with `slope`, its first derivative) at increasing points. Like R, the knot
 * interval is kept while a point stays inside it, its right end included.
 */
function evaluate(s: Spline, at: Float64Array, slope = false): Float64Array {
  const { x } = s;
  const n = x.length;
  const out = new Float64Array(at.length);
  let i = 0;
  for (let l = 0; l < at.length; l++) {
    const u = at[l];
    if (u < x[i] || (i < n - 1 && x[i + 1] < u)) {
      i = 0;
      let j = n;
      do {
        const k = (i + j) >> 1;
        if (u < x[k]) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = u - x[i];
    out[l] = slope
      ? s.b[i] + dx * (2 * s.c[i] + dx * (3 * s.d[i] + dx * 0))
      : s.y[i] + dx * (s.b[i] + dx * (s.c[i] + dx * s.d[i]));
  }
  return out;
}

/**
 * Cumulative sums as R's cumsum makes them: R adds in extended precision, so each partial sum is
 * kept here with its rounding error (two-sum) and rounded once.
 */
function cumulative(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = hi + v;
    const bv = s - hi;
    lo += hi - (s - bv) + (v - bv);
    hi = s;
    out[i] = hi + lo;
  }
  return out;
}

/** Index of the first smallest value. */
function firstMinimum(n: number, value: (i: number) => number): number {
  let best = 0;
  let bestValue = value(0);
  for (let i = 1; i < n; i++) {
    const v = value(i);
    if (v < bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** The ABC analysis of totals sorted largest first, none negative, with a positive sum. */
export function computedAbc(sortedTotals: Float64Array): ComputedAbc {
  const rows = sortedTotals.length;
  const sums = cumulative(sortedTotals);
  const whole = sums[rows - 1];
  // The curve through (0, 0) and every account's (share of accounts, share of revenue).
  const x = new Float64Array(rows + 1);
  const y = new Float64Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    x[i + 1] = (i + 1) / rows;
    y[i + 1] = sums[i] / whole;
  }
  const steps = rows < 101 ? 100 : 1000;
  const step = rows < 101 ? 0.01 : 0.001;
  const effort = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) effort[i] = Math.min(i * step, 1);
  const curve = evaluate(fmmSpline(x, y), effort);
  // The spline may overshoot 1 near the end: from the first point at or above 1, the curve is 1.
  const reaches = curve.findIndex((v) => v >= 1);
  if (reaches >= 0 && reaches < steps) curve.fill(1, reaches);
  const n = effort.length;
  const slopeAt = Float64Array.from({ length: n }, (_, i) => (i + 1) / n);
  const slope = evaluate(fmmSpline(effort, curve), slopeAt, true);

  const pareto = firstMinimum(n, (i) => effort[i] * effort[i] + (1 - curve[i]) * (1 - curve[i]));
  const breakEven = firstMinimum(n, (i) => Math.abs(slope[i] - 1));
  const [aIndex, other] = effort[breakEven] < effort[pareto] ? [breakEven, pareto] : [pareto, breakEven];
  const bx = effort[other];
  const cIndex = firstMinimum(n, (i) => (bx - effort[i]) * (bx - effort[i]) + (1 - curve[i]) * (1 - curve[i]));

  const abRank = roundHalfEven(effort[aIndex] * rows);
  const bcRank = roundHalfEven(effort[cIndex] * rows);
  return {
    a: { effort: effort[aIndex], yield: curve[aIndex] },
    c: { effort: effort[cIndex], yield: curve[cIndex] },
    abRank,
    bcRank,
    abLimit: abRank > 0 ? sortedTotals[abRank - 1] : NaN,
    bcLimit: bcRank > 0 ? sortedTotals[bcRank - 1] : NaN,
  };
}

/** The totals of the accounts that have an amount, negatives as 0 (as ABCanalysis counts them), largest first. */
export function abcInput(accounts: Accounts): Float64Array {
  const totals: number[] = [];
  for (let a = 0; a < accounts.totals.length; a++) if (accounts.hasAmount[a]) totals.push(Math.max(0, accounts.totals[a]));
  return Float64Array.from(totals).sort().reverse();
}

/**
 * The revenue shares of ABCanalysis's A and of A+B, for PARETO_TIER. Totals summed largest first,
 * as PARETO_TIER sums them. When no account with revenue is left for C, the B/C cutoff is put
 * halfway into the smallest account's share (a cutoff of 1 is not one PARETO_TIER takes).
 */
export function computedCutoffs(sorted: Float64Array, abc: ComputedAbc): [number, number] {
  let whole = 0;
  let inA = 0;
  let inAB = 0;
  let smallest = 0;
  for (const total of sorted) {
    if (total <= 0) break;
    whole += total;
    if (total > abc.abLimit) inA = whole;
    if (total >= abc.bcLimit) inAB = whole;
    smallest = total;
  }
  const ab = inAB < whole ? inAB / whole : 1 - smallest / whole / 2;
  return [inA / whole, ab];
}

/** The computed cutoffs of grouped accounts, or a FormulaError saying why there are none. */
export function cutoffsOfAccounts(accounts: Accounts, values: Vector): [number, number] {
  positiveTotalsDescending(accounts.totals, values.arg); // no revenue, or too much for a number: its error
  const sorted = abcInput(accounts);
  if (sorted.length === 1) throw numError('there is only one account: a computed ABC analysis needs at least two to set limits between');
  const abc = computedAbc(sorted);
  if (abc.abRank === 0 || abc.bcRank === 0) {
    throw numError(
      'the totals are too even for a computed ABC analysis: its A/B limit falls before the first account, so it puts no account in any tier',
    );
  }
  if (!(abc.abLimit > 0)) {
    throw numError('the computed A/B limit falls on an account without revenue, so the computed tiers cannot be written as revenue shares');
  }
  return computedCutoffs(sorted, abc);
}

export function paretoCutoffs(valuesArg: Matrix, keysArg?: Matrix): Matrix {
  const values = vectorOf(valuesArg, 'values');
  return [cutoffsOfAccounts(groupAccounts(values, keysArg ? vectorOf(keysArg, 'keys') : undefined), values)];
}
