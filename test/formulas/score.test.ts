// ACCOUNT_SCORE at its edges, through the core as every host calls it (shared/run.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormulaError, Matrix } from '../../shared/cells';
import { call, col, column, expectError, expectErrorInRow, row } from '../helpers';

describe('ACCOUNT_SCORE', () => {
  it('is the weighted mean of each row of ratings', () => {
    // (4×3 + 2×1) / 4 = 3.5 ; (5×3 + 5×1) / 4 = 5
    expect(column(call('ACCOUNT_SCORE', [[4, 2], [5, 5]], row(3, 1)))).toEqual([3.5, 5]);
    // weights as a column work the same
    expect(column(call('ACCOUNT_SCORE', [[4, 2], [5, 5]], col(3, 1)))).toEqual([3.5, 5]);
  });

  it('leaves a blank rating out of both sums, and a row without ratings is ""', () => {
    // (4×3) / 3 = 4: the blank second criterion does not count as 0
    expect(column(call('ACCOUNT_SCORE', [[4, null], [null, ''], [null, 2]], row(3, 1)))).toEqual([4, '', 2]);
  });

  it('counts a criterion of weight 0 (or a blank weight) as not agreed: ratings on it alone give ""', () => {
    expect(column(call('ACCOUNT_SCORE', [[1, 5], [3, null]], row(0, 2)))).toEqual([5, '']);
    expect(column(call('ACCOUNT_SCORE', [[1, 5]], row(null, 2)))).toEqual([5]);
  });

  it('weights negative or all 0 are #NUM! for the call, with a message', () => {
    expectError(call('ACCOUNT_SCORE', [[1, 2]], row(1, -1)), '#NUM!', /weight 2 is -1: weights must be 0 or more/);
    expectError(call('ACCOUNT_SCORE', [[1, 2]], row(0, 0)), '#NUM!', /weights are all 0/);
    expectError(call('ACCOUNT_SCORE', [[1, 2]], row(null, null)), '#NUM!', /weights are all 0/);
  });

  it('weights of the wrong size or text are #VALUE! for the call', () => {
    expectError(call('ACCOUNT_SCORE', [[1, 2]], row(1, 1, 1)), '#VALUE!', /one row or one column of 2 weights/);
    expectError(call('ACCOUNT_SCORE', [[1, 2]], [[1, 1], [1, 1]]), '#VALUE!', /one row or one column of 2 weights/);
    expectError(call('ACCOUNT_SCORE', [[1, 2]], row(1, 'high')), '#VALUE!', /column 2 of weights is 'high', not a number/);
  });

  it('text or an error in ratings spoils that row only, naming the cell', () => {
    const text = call('ACCOUNT_SCORE', [[1, 2], [3, 'good'], [5, 5]], row(1, 1));
    expectErrorInRow(text, 1, '#VALUE!', "row 2, column 2 of ratings is 'good', not a number");
    expect(column(text)).toEqual([1.5, expect.any(FormulaError), 5]);
    expectErrorInRow(call('ACCOUNT_SCORE', [[1, 2], [3, '4']], row(1, 1)), 1, '#VALUE!', /number stored as text/);
    expectErrorInRow(call('ACCOUNT_SCORE', [[new FormulaError('#N/A', 'no match')], [2]], row(1)), 0, '#N/A', /row 1 of ratings is #N\/A/);
    expectErrorInRow(call('ACCOUNT_SCORE', [[true], [2]], row(1)), 0, '#VALUE!', /TRUE, not a number/);
  });

  it('one account (a single row or cell) gives its error as the call\'s error', () => {
    expectError(call('ACCOUNT_SCORE', [['x']], row(1)), '#VALUE!', /ratings is 'x'/);
    expect(call('ACCOUNT_SCORE', [[4]], row(2))).toEqual([[4]]);
  });

  it('huge weights and ratings stay finite', () => {
    expect(column(call('ACCOUNT_SCORE', [[1e308, 1e308]], row(1e308, 1e308)))).toEqual([1e308]);
    expect(column(call('ACCOUNT_SCORE', [[1, 3]], row(5e-324, 5e-324)))).toEqual([2]);
  });

  it('is required to have both arguments', () => {
    expectError(call('ACCOUNT_SCORE', [[1]]), '#VALUE!', /weights is required/);
  });
});

const rating = fc.oneof(fc.constant(null), fc.constant(''), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 5 }));

describe('ACCOUNT_SCORE on any ratings and weights', () => {
  it('never gives NaN or a raw exception, and each score lies between the lowest and highest rating counted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((criteria) =>
          fc.tuple(
            fc.array(fc.array(rating, { minLength: criteria, maxLength: criteria }), { minLength: 1, maxLength: 8 }),
            fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e300, noNaN: true })), { minLength: criteria, maxLength: criteria }),
          ),
        ),
        ([ratings, weights]) => {
          const result = call('ACCOUNT_SCORE', ratings as Matrix, [weights]);
          if (result instanceof FormulaError) {
            expect(weights.every((w) => w === 0)).toBe(true);
            return;
          }
          result.forEach(([score], r) => {
            const counted = ratings[r].filter((v, c): v is number => typeof v === 'number' && weights[c] > 0);
            if (counted.length === 0) return expect(score).toBe('');
            expect(typeof score).toBe('number');
            expect(Number.isFinite(score as number)).toBe(true);
            expect(score as number).toBeGreaterThanOrEqual(Math.min(...counted));
            expect(score as number).toBeLessThanOrEqual(Math.max(...counted));
          });
        },
      ),
    );
  });
});
