// ACCOUNT_SCORE: one score per candidate account from its ratings on the agreed criteria
// (DOMAIN.md, "Which customers matter": key accounts are chosen on agreed, weighted criteria).
// The score is the weighted mean of the ratings the row has: a criterion nobody rated yet is left
// out of both sums, so a half-filled row is not dragged down by its blanks.
import { Cell, Matrix, isError, numError, shapeOf, valueError } from '../cells';
import { Place, toNumber } from './args';

/**
 * The weights, one per criterion (a row or a column of as many cells as ratings has columns). A
 * blank weight is 0. Weights whose sum would overflow are scaled so the largest is 1; others are
 * kept as typed, so a tiny weight beside a large one still counts.
 */
export function readCriteriaWeights(weights: Matrix, criteria: number): number[] {
  const cells = weights.length === 1 ? weights[0] : weights.every((r) => r.length === 1) ? weights.map((r) => r[0]) : null;
  if (!cells || cells.length !== criteria) {
    throw valueError(`weights (${shapeOf(weights)}) must be one row or one column of ${criteria} weights, one per column of ratings`);
  }
  const place = (i: number): Place =>
    weights.length === 1 ? { arg: 'weights', row: 0, col: i, rows: 1, cols: criteria } : { arg: 'weights', row: i, col: 0, rows: criteria, cols: 1 };
  const read = cells.map((c, i) => toNumber(c, place(i)) ?? 0);
  const negative = read.findIndex((w) => w < 0);
  if (negative >= 0) throw numError(`weight ${negative + 1} is ${read[negative]}: weights must be 0 or more`);
  const largest = Math.max(...read);
  if (!(largest > 0)) throw numError('weights are all 0: give at least one criterion a weight above 0');
  return Number.isFinite(read.reduce((sum, w) => sum + w, 0)) ? read : read.map((w) => w / largest);
}

/**
 * The weighted mean of one row's ratings, or "" when the row has no rating on a criterion of
 * weight above 0 (a row not filled in yet). A rating that is text or an error is that row's error, naming
 * the cell.
 */
export function accountScore(ratings: readonly Cell[], weights: readonly number[], at: (col: number) => Place): Cell {
  let total = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  const counted: number[] = [];
  for (let c = 0; c < ratings.length; c++) {
    const cell = ratings[c];
    let rating: number | null;
    try {
      rating = toNumber(cell, at(c));
    } catch (e) {
      if (isError(e)) return e;
      throw e;
    }
    if (rating === null || weights[c] === 0) continue;
    counted.push(c);
    total += weights[c];
    lowest = Math.min(lowest, rating);
    highest = Math.max(highest, rating);
  }
  if (counted.length === 0) return '';
  let sum = 0;
  for (const c of counted) sum += weights[c] * (ratings[c] as number);
  let score = sum / total;
  if (!Number.isFinite(score)) {
    // Ratings near 1e308: each rating times its share of the weight instead, a convex
    // combination that cannot overflow (and is a rounding less exact, hence not the first way).
    score = 0;
    for (const c of counted) score += (weights[c] / total) * (ratings[c] as number);
  }
  // The mean lies between the lowest and the highest rating; rounding must not push it outside.
  return Math.min(highest, Math.max(lowest, score));
}

/** ACCOUNT_SCORE(ratings, weights): a column with one score per row of ratings. */
export function accountScores(ratings: Matrix, weights: Matrix): Matrix {
  const criteria = ratings[0]?.length ?? 0;
  if (ratings.length === 0 || criteria === 0) throw valueError('ratings is an empty range');
  const w = readCriteriaWeights(weights, criteria);
  const rows = ratings.length;
  return ratings.map((row, r) => [accountScore(row, w, (c) => ({ arg: 'ratings', row: r, col: c, rows, cols: criteria }))]);
}
