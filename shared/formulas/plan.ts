// Targets and forecasts on plain numbers: gap, attainment, run rate, required rate, phasing,
// activities and the review dates of a 90-30 plan. Dates are serial day numbers; a date with a
// time of day counts as its day. Days are counted with both ends included, as FUNCTIONS.md says.
import { Cell, Matrix, divError, isBlank, numError, valueError } from '../cells';
import { LAST_SERIAL, ceilClean, describePlace, numbersOf, placeInVector, shapeLike, single, toDate, toNumber, vectorOf, Vector } from './args';

const day = Math.floor;

function checkPeriod(start: number, end: number): void {
  if (day(end) < day(start)) throw numError(`period_end is before period_start`);
}

/** Weights for slices of a period: non-negative numbers, not all zero. */
export interface Weights {
  values: number[];
  total: number;
  orientation: Vector['orientation'];
}

export function readWeights(m: Matrix | undefined, fallback?: { slices: number; orientation: Vector['orientation'] }): Weights | undefined {
  if (!m) {
    if (!fallback) return undefined;
    return { values: new Array(fallback.slices).fill(1), total: fallback.slices, orientation: fallback.orientation };
  }
  const v = vectorOf(m, 'weights');
  const values = numbersOf(v).map((w, i) => {
    const where = describePlace(placeInVector(v, i));
    if (w === null) throw valueError(`${where} is blank: give 0 for a slice without target`);
    if (w < 0) throw numError(`${where} is ${w}: weights cannot be negative`);
    return w;
  });
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw numError('weights are all zero: give at least one slice a weight');
  return { values, total, orientation: v.orientation };
}

/**
 * The fraction of the period's target due by `asOf`: linear by days, or by equal slices weighted
 * by `weights` (linear within a slice). Nothing before the start, everything after the end.
 */
export function dueFraction(asOf: number, start: number, end: number, weights?: Weights): number {
  checkPeriod(start, end);
  const totalDays = day(end) - day(start) + 1;
  const elapsed = day(asOf) - day(start) + 1;
  if (elapsed <= 0) return 0;
  if (elapsed >= totalDays) return 1;
  if (!weights) return elapsed / totalDays;
  const slices = weights.values.length;
  const position = (elapsed / totalDays) * slices;
  const whole = Math.floor(position);
  let due = 0;
  for (let i = 0; i < whole; i++) due += weights.values[i];
  if (whole < slices) due += weights.values[whole] * (position - whole);
  return due / weights.total;
}

export function planGap(target: number, actual: number, asOf?: number, start?: number, end?: number, weights?: Weights): number {
  // Counted without building an array: this runs once per row.
  const given = (asOf === undefined ? 0 : 1) + (start === undefined ? 0 : 1) + (end === undefined ? 0 : 1);
  if (given === 0 && weights) throw valueError('weights need as_of, period_start and period_end to say how much is due');
  if (given === 0) return target - actual;
  if (given < 3) throw valueError('give as_of, period_start and period_end together, or none of them');
  return target * dueFraction(asOf!, start!, end!, weights) - actual;
}

export function planAttainment(target: number, actual: number): number {
  if (target === 0) throw divError('target is 0, so attainment has no base');
  return actual / target;
}

export function planRunRate(actual: number, start: number, asOf: number, end: number): number {
  checkPeriod(start, end);
  if (day(asOf) < day(start)) throw numError('as_of is before period_start: the period has not started, so there is no pace yet');
  // After the end, the period's result is simply what was sold.
  const elapsed = Math.min(day(asOf), day(end)) - day(start) + 1;
  return (actual * (day(end) - day(start) + 1)) / elapsed;
}

export type Per = 'day' | 'week' | 'month';
const PER_WORDS: Record<string, Per> = {
  day: 'day', days: 'day', dag: 'day', dagen: 'day',
  week: 'week', weeks: 'week', weken: 'week',
  month: 'month', months: 'month', maand: 'month', maanden: 'month',
};

export function readPer(value: string | undefined): Per {
  if (value === undefined) return 'month';
  const per = PER_WORDS[value.trim().toLowerCase()];
  if (!per) throw valueError(`per is '${value}': use day, week or month (dag, week, maand)`);
  return per;
}

const DAYS_PER: Record<Per, number> = { day: 1, week: 7, month: 365.25 / 12 };

export function planRequiredRate(target: number, actual: number, asOf: number, end: number, per: Per = 'month'): number {
  const gap = target - actual;
  if (gap <= 0) return 0;
  const daysLeft = day(end) - day(asOf);
  if (daysLeft <= 0) throw divError(`no days are left between as_of and period_end, and ${gap} is still to go`);
  return (gap / daysLeft) * DAYS_PER[per];
}

/** Decimal places of round_to as written: 0.01 has 2, 100 has 0, 1e-7 has 7. */
function decimalsOf(roundTo: number): number {
  for (let d = 0; d <= 20; d++) if (Math.abs(roundTo * 10 ** d - Math.round(roundTo * 10 ** d)) < 1e-9 * roundTo * 10 ** d) return d;
  return 20;
}

/** A multiple of round_to written with its decimals: 3 × 0.1 is 0.3, not 0.30000000000000004. */
const tidy = (x: number, decimals: number): number => (decimals === 0 ? Math.round(x) : parseFloat(x.toFixed(decimals)));

/**
 * Spreads a target over slices by weight. With `roundTo`, every part is a multiple of it and the
 * parts add up exactly to the rounded target: largest remainders get the spare units, earlier
 * slices first on a tie. Where floating point cannot hold parts that add up exactly (a target
 * of 1e13 in cents has more digits than a number keeps), #NUM! says so instead of parts that are
 * a few cents off.
 */
export function planPhase(target: number, weights: Weights, roundTo?: number): number[] {
  if (roundTo === undefined) return weights.values.map((w) => (target * w) / weights.total);
  if (!(roundTo > 0)) throw numError(`round_to is ${roundTo}: it must be above 0 (for example 1, 100 or 1000)`);
  const sign = target < 0 ? -1 : 1;
  // 0.15 / 0.1 is 1.4999999999999998 in binary: a quotient a few ulps below a half rounds up, as
  // MROUND does. (Adding a fixed nudge instead moved large quotients: 1e13 / 0.01 by whole units.)
  const quotient = Math.abs(target) / roundTo;
  const below = Math.floor(quotient);
  const toHalf = 0.5 - (quotient - below);
  const units = toHalf > 0 && toHalf < 0.25 && toHalf <= 4 * Number.EPSILON * Math.max(1, quotient) ? below + 1 : Math.round(quotient);
  const tooFine = () => numError(`${target} in parts of ${roundTo} needs more digits than a number holds, so the parts could not add up exactly: use a larger round_to`);
  if (!Number.isSafeInteger(units)) throw tooFine();
  const ideal = weights.values.map((w) => (units * w) / weights.total);
  const parts = ideal.map((x) => Math.floor(x + 1e-9));
  let spare = units - parts.reduce((a, b) => a + b, 0);
  const byRemainder = ideal.map((x, i) => ({ i, rest: x - parts[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; spare > 0 && k < byRemainder.length; k++, spare--) parts[byRemainder[k].i]++;
  const decimals = decimalsOf(roundTo);
  const result = parts.map((p) => (p === 0 ? 0 : tidy(sign * p * roundTo, decimals)));
  // The proof: the parts as a spreadsheet adds them (left to right) give the rounded target.
  let sum = 0;
  for (const part of result) sum += part;
  if (tidy(sum, decimals) !== tidy(sign * units * roundTo, decimals) || Math.abs(sum - sign * units * roundTo) > roundTo / 2) throw tooFine();
  return result;
}

export function planPhaseRange(targetArg: Matrix, weightsArg?: Matrix, roundToArg?: Matrix): Matrix {
  const weights = readWeights(weightsArg, { slices: 12, orientation: 'row' })!;
  const target = toNumber(single(targetArg, 'target'), { arg: 'target', row: 0, col: 0, rows: 1, cols: 1 });
  const roundTo = roundToArg ? toNumber(single(roundToArg, 'round_to'), { arg: 'round_to', row: 0, col: 0, rows: 1, cols: 1 }) : null;
  const parts: Cell[] = target === null ? weights.values.map(() => '') : planPhase(target, weights, roundTo ?? undefined);
  return shapeLike(parts, weights);
}

export function checkDealSize(dealSize: number): void {
  if (!(dealSize > 0)) throw numError(`deal_size is ${dealSize}: it must be above 0`);
}

export function checkWinRate(winRate: number): void {
  if (!(winRate > 0 && winRate <= 1)) {
    const hint = winRate > 1 && winRate <= 100 ? `; write ${winRate / 100} or ${winRate}%` : '';
    throw numError(`win_rate is ${winRate}: it must be a fraction above 0 and at most 1${hint}`);
  }
}

export function checkActivitiesPerDeal(activitiesPerDeal: number | undefined): void {
  if (activitiesPerDeal !== undefined && !(activitiesPerDeal > 0)) {
    throw numError(`activities_per_deal is ${activitiesPerDeal}: it must be above 0`);
  }
}

export function planActivities(gap: number, dealSize: number, winRate: number, activitiesPerDeal?: number): number {
  checkDealSize(dealSize);
  checkWinRate(winRate);
  checkActivitiesPerDeal(activitiesPerDeal);
  if (gap <= 0) return 0;
  const opportunities = ceilClean(gap / dealSize / winRate);
  return activitiesPerDeal === undefined ? opportunities : ceilClean(opportunities * activitiesPerDeal);
}

/** A plan longer than this many reviews is surely a typo (every_days of 1 over ten years...). */
export const MAX_REVIEWS = 1000;

export function reviewDates(start: number, horizonDays = 90, everyDays = 30): number[] {
  if (!(everyDays > 0)) throw numError(`every_days is ${everyDays}: it must be above 0`);
  if (horizonDays < 0) throw numError(`horizon_days is ${horizonDays}: it cannot be negative`);
  const count = Math.floor(horizonDays / everyDays + 1e-9);
  if (count === 0) throw numError(`horizon_days (${horizonDays}) is shorter than every_days (${everyDays}), so no review falls in the plan`);
  if (count > MAX_REVIEWS) throw numError(`that makes ${count} reviews; at most ${MAX_REVIEWS} are listed`);
  // A start with a time of day counts as its day, like every date here.
  const dates = Array.from({ length: count }, (_, k) => Math.floor(start) + (k + 1) * everyDays);
  if (dates[dates.length - 1] > LAST_SERIAL) throw numError('the last review date falls after the year 9999');
  return dates;
}

export function reviewDatesRange(startArg: Matrix, horizonArg?: Matrix, everyArg?: Matrix): Matrix {
  const one = (m: Matrix | undefined, arg: string) =>
    m ? toNumber(single(m, arg), { arg, row: 0, col: 0, rows: 1, cols: 1 }) ?? undefined : undefined;
  const startCell = single(startArg, 'start');
  if (isBlank(startCell) || startCell === '') return [['']];
  const start = toDate(startCell, { arg: 'start', row: 0, col: 0, rows: 1, cols: 1 })!;
  return reviewDates(start, one(horizonArg, 'horizon_days'), one(everyArg, 'every_days')).map((d) => [d]);
}
