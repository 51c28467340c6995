import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../shared/cells';
import { FormulaError } from '../../shared/cells';
import { call, col, column, expectError, expectErrorInRow, one, row, serial } from '../helpers';

const jan1 = serial(2026, 1, 1);
const mar31 = serial(2026, 3, 31);
const dec31 = serial(2026, 12, 31);

describe('PLAN_GAP', () => {
  it.each([
    ['target minus actual', [one(1000), one(400)], [600]],
    ['negative when ahead', [one(1000), one(1200)], [-200]],
    ['element-wise over columns', [col(100, 200), col(50, 250)], [50, -50]],
    ['a single target applies to every row', [one(100), col(10, 20)], [90, 80]],
    ['blank rows give ""', [col(100, null), col(10, 5)], [90, '']],
    // 1 Jan to 31 Mar is 90 of 365 days, both ends counted
    ['linear by days to as_of', [one(365), one(0), one(mar31), one(jan1), one(dec31)], [90]],
    ['nothing due before the start', [one(365), one(10), one(jan1 - 5), one(jan1), one(dec31)], [-10]],
    ['everything due after the end', [one(365), one(10), one(dec31 + 5), one(jan1), one(dec31)], [355]],
    // 4 quarters weighted 1,1,1,5: on 31 Mar (90/365 of the year ≈ 0.986 quarter) due ≈ 0.986 × 1/8
    ['by weights, linear within a slice', [one(800), one(0), one(mar31), one(jan1), one(dec31), row(1, 1, 1, 5)], [800 * ((90 / 365) * 4) / 8]],
    ['a date with a time counts as its day', [one(365), one(0), one(mar31 + 0.75), one(jan1), one(dec31)], [90]],
  ] as const)('%s', (_, args, expected) => {
    const got = column(call('PLAN_GAP', ...(args as unknown as Matrix[]))) as number[];
    expected.forEach((e, i) => (typeof e === 'number' ? expect(got[i]).toBeCloseTo(e, 9) : expect(got[i]).toBe(e)));
  });

  it('gives a row with text in target its own error, and computes the other rows', () => {
    expectErrorInRow(call('PLAN_GAP', col(100, 'x'), col(1, 2)), 1, '#VALUE!', "row 2 of target is 'x', not a number");
  });

  it.each([
    ['an error in actual', [one(100), one(new FormulaError('#N/A', ''))], '#N/A', 'actual is #N/A'],
    ['shapes that differ', [col(1, 2, 3), col(1, 2)], '#VALUE!', /actual \(2×1\) must have the same shape as target \(3×1\)/],
    ['only part of the period', [one(100), one(0), one(mar31)], '#VALUE!', /give as_of, period_start and period_end together/],
    ['an end before the start', [one(100), one(0), one(mar31), one(dec31), one(jan1)], '#NUM!', 'period_end is before period_start'],
    ['a date typed as text', [one(100), one(0), one('2026-03-31'), one(jan1), one(dec31)], '#VALUE!', /as_of is the text '2026-03-31', not a date/],
    ['negative weights', [one(100), one(0), one(mar31), one(jan1), one(dec31), row(1, -1)], '#NUM!', /weights cannot be negative/],
    ['all-zero weights', [one(100), one(0), one(mar31), one(jan1), one(dec31), row(0, 0)], '#NUM!', /all zero/],
  ] as const)('rejects %s', (_, args, code, message) => {
    expectError(call('PLAN_GAP', ...(args as unknown as Matrix[])), code, message);
  });
});

describe('PLAN_ATTAINMENT', () => {
  it('divides actual by target, element-wise', () => {
    expect(column(call('PLAN_ATTAINMENT', col(200, 50, null), col(50, 75, 10)))).toEqual([0.25, 1.5, '']);
  });
  it('gives #DIV/0! naming the row for a zero target', () => {
    expectErrorInRow(call('PLAN_ATTAINMENT', col(100, 0), col(50, 20)), 1, '#DIV/0!', 'row 2: target is 0, so attainment has no base');
  });
});

describe('PLAN_RUN_RATE', () => {
  it('projects the pace over the whole period, counting both ends', () => {
    // 90 days in, 900 sold → 10 a day over 365 days
    expect(column(call('PLAN_RUN_RATE', one(900), one(jan1), one(mar31), one(dec31)))).toEqual([3650]);
  });
  it('on the first day, one day of sales is the pace', () => {
    expect(column(call('PLAN_RUN_RATE', one(10), one(jan1), one(jan1), one(dec31)))).toEqual([3650]);
  });
  it('after the end, the result is what was sold', () => {
    expect(column(call('PLAN_RUN_RATE', one(5000), one(jan1), one(dec31 + 40), one(dec31)))).toEqual([5000]);
  });
  it('gives #NUM! when as_of is before the start', () => {
    expectError(call('PLAN_RUN_RATE', one(10), one(jan1), one(jan1 - 1), one(dec31)), '#NUM!', /as_of is before period_start/);
  });
});

describe('PLAN_REQUIRED_RATE', () => {
  // From 31 Mar (exclusive) to 31 Dec: 275 days left
  it.each([
    ['per month by default', [one(3750), one(1000), one(mar31), one(dec31)], (2750 / 275) * (365.25 / 12)],
    ['per day', [one(3750), one(1000), one(mar31), one(dec31), one('day')], 10],
    ['per week', [one(3750), one(1000), one(mar31), one(dec31), one('Week')], 70],
    ['in Dutch: per dag', [one(3750), one(1000), one(mar31), one(dec31), one('dag')], 10],
    ['in Dutch: per maand', [one(3750), one(1000), one(mar31), one(dec31), one('maand')], (2750 / 275) * (365.25 / 12)],
    ['0 when the target is reached', [one(1000), one(1500), one(mar31), one(dec31)], 0],
    ['0 when reached, even with no time left', [one(1000), one(1000), one(dec31), one(dec31)], 0],
  ] as const)('%s', (_, args, expected) => {
    expect((column(call('PLAN_REQUIRED_RATE', ...(args as unknown as Matrix[]))) as number[])[0]).toBeCloseTo(expected, 9);
  });
  it('gives #DIV/0! when no time is left and a gap remains', () => {
    expectError(call('PLAN_REQUIRED_RATE', one(1000), one(10), one(dec31), one(dec31)), '#DIV/0!', /no days are left/);
  });
  it('rejects an unknown period word', () => {
    expectError(call('PLAN_REQUIRED_RATE', one(1000), one(10), one(mar31), one(dec31), one('fortnight')), '#VALUE!', /use day, week or month/);
  });
});

describe('PLAN_PHASE', () => {
  it('defaults to 12 equal months in a row', () => {
    expect(call('PLAN_PHASE', one(1200))).toEqual([Array(12).fill(100)]);
  });
  it('follows the orientation of the weights', () => {
    expect(call('PLAN_PHASE', one(100), col(1, 3))).toEqual([[25], [75]]);
    expect(call('PLAN_PHASE', one(100), row(1, 3))).toEqual([[25, 75]]);
  });
  it('rounds with largest remainders so the parts add up to the rounded target', () => {
    // 1000 over 3 equal slices, to 1: 333.33 each, the spare unit goes to the first
    expect(call('PLAN_PHASE', one(1000), row(1, 1, 1), one(1))).toEqual([[334, 333, 333]]);
    // 100,050 to 100 → 100,100 (rounded half up), over 12 months
    const parts = (call('PLAN_PHASE', one(100050), undefined, one(100)) as number[][])[0];
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100100);
    expect(parts.every((p) => p % 100 === 0)).toBe(true);
  });
  it('keeps decimal multiples tidy', () => {
    expect(call('PLAN_PHASE', one(1), row(1, 1, 1), one(0.1))).toEqual([[0.4, 0.3, 0.3]]);
  });
  it('spreads a negative target too', () => {
    expect(call('PLAN_PHASE', one(-1000), row(1, 1, 1), one(1))).toEqual([[-334, -333, -333]]);
  });
  it('gives "" per slice for a blank target', () => {
    expect(call('PLAN_PHASE', one(null), row(1, 2))).toEqual([['', '']]);
  });
  it.each([
    ['a range as target', [col(1, 2)], '#VALUE!', 'target must be a single value, not a range of 2×1'],
    ['negative weights', [one(100), row(1, -2)], '#NUM!', 'column 2 of weights is -2: weights cannot be negative'],
    ['all-zero weights', [one(100), row(0, 0)], '#NUM!', /all zero/],
    ['a blank weight', [one(100), col(1, null, 2)], '#VALUE!', /row 2 of weights is blank/],
    ['round_to of 0', [one(100), undefined, one(-5)], '#NUM!', /round_to is -5/],
    ['a block of weights', [one(100), [[1, 2], [3, 4]]], '#VALUE!', /one column or one row/],
  ] as const)('rejects %s', (_, args, code, message) => {
    expectError(call('PLAN_PHASE', ...(args as unknown as Matrix[])), code, message);
  });
});

describe('PLAN_ACTIVITIES', () => {
  it.each([
    ['proposals for a gap, rounded up', [one(10000), one(1000), one(0.3)], 34],
    ['no binary noise: 7000 / 1000 / 0.7 is exactly 10', [one(7000), one(1000), one(0.7)], 10],
    ['times activities per deal, rounded up', [one(10000), one(1000), one(0.3), one(2.5)], 85],
    ['0 when there is no gap', [one(-50), one(1000), one(0.3)], 0],
    ['a win rate of 100%', [one(2500), one(1000), one(1)], 3],
  ] as const)('%s', (_, args, expected) => {
    expect(column(call('PLAN_ACTIVITIES', ...(args as unknown as Matrix[])))).toEqual([expected]);
  });
  it.each([
    ['a win rate of 30 (meant 30%)', [one(100), one(10), one(30)], '#NUM!', /write 0.3 or 30%/],
    ['a win rate of 0', [one(100), one(10), one(0)], '#NUM!', /win_rate is 0/],
    ['a deal size of 0', [one(100), one(0), one(0.5)], '#NUM!', /deal_size is 0/],
    ['negative activities per deal', [one(100), one(10), one(0.5), one(-1)], '#NUM!', /activities_per_deal is -1/],
  ] as const)('rejects %s', (_, args, code, message) => {
    expectError(call('PLAN_ACTIVITIES', ...(args as unknown as Matrix[])), code, message);
  });
});

describe('PLAN_REVIEW_DATES', () => {
  const start = serial(2026, 1, 5);
  it('makes the 90-30 plan by default: three dates in a column', () => {
    expect(call('PLAN_REVIEW_DATES', one(start))).toEqual([[start + 30], [start + 60], [start + 90]]);
  });
  it('includes the horizon itself and stops there', () => {
    expect(column(call('PLAN_REVIEW_DATES', one(start), one(100), one(25)))).toEqual([start + 25, start + 50, start + 75, start + 100]);
    expect(column(call('PLAN_REVIEW_DATES', one(start), one(89)))).toEqual([start + 30, start + 60]);
  });
  it('gives "" for a blank start', () => {
    expect(call('PLAN_REVIEW_DATES', one(null))).toEqual([['']]);
  });
  it.each([
    ['every_days of 0', [one(start), one(90), one(0)], '#NUM!', /every_days is 0/],
    ['a horizon shorter than one step', [one(start), one(10)], '#NUM!', /no review falls in the plan/],
    ['a start typed as text', [one('5-1-2026')], '#VALUE!', /start is the text '5-1-2026', not a date/],
    ['a range as start', [col(start, start)], '#VALUE!', /start must be a single value/],
    ['thousands of reviews', [one(start), one(100000), one(1)], '#NUM!', /at most 1000/],
  ] as const)('rejects %s', (_, args, code, message) => {
    expectError(call('PLAN_REVIEW_DATES', ...(args as unknown as Matrix[])), code, message);
  });
});

describe('chaining', () => {
  it('feeds a blank row\'s "" from one function into the next as a blank', () => {
    const gap = call('PLAN_GAP', col(1000, null, 800), col(200, null, 100)) as Matrix;
    expect(column(call('PLAN_ACTIVITIES', gap, one(500), one(0.5)))).toEqual([4, '', 3]);
  });

  it('will not ignore weights given without a period', () => {
    expectError(call('PLAN_GAP', one(1000), one(100), undefined, undefined, undefined, row(1, 2, 3)), '#VALUE!', /weights need as_of/);
  });
});

describe('rounding and times of day (from review)', () => {
  it('rounds halves up like MROUND, despite binary fractions', () => {
    expect(call('PLAN_PHASE', one(0.15), row(1), one(0.1))).toEqual([[0.2]]);
    expect(call('PLAN_PHASE', one(1.005), row(1), one(0.01))).toEqual([[1.01]]);
  });
  it('counts a start with a time of day as its day', () => {
    expect(column(call('PLAN_REVIEW_DATES', one(46027.75)))).toEqual([46057, 46087, 46117]);
  });
});

describe('numbers beyond the float range', () => {
  it('gives #NUM! instead of Infinity', () => {
    expectError(call('PLAN_ATTAINMENT', one(5e-324), one(1e300)), '#NUM!', /too large/);
  });
});
