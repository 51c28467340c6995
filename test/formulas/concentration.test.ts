import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../shared/cells';
import { FormulaError } from '../../shared/cells';
import { MEASURES } from '../../shared/formulas/concentration';
import { call, col, expectError, one } from '../helpers';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261128 });

/** All measures as { code: value }, through the function's table. */
function measures(values: Matrix, keys?: Matrix): Record<string, number> {
  const result = call('CONCENTRATION', values, keys, one('HHI'));
  if (result instanceof FormulaError) throw new Error(result.message);
  return Object.fromEntries(MEASURES.map((m) => [m, (call('CONCENTRATION', values, keys, one(m)) as Matrix)[0][0] as number]));
}

describe('CONCENTRATION, computed by hand', () => {
  it('three accounts 60, 30, 10', () => {
    const m = measures(col(60, 30, 10));
    expect(m.ACCOUNTS).toBe(3);
    expect(m.HHI).toBeCloseTo(3600 + 900 + 100, 9);
    // Mean absolute difference over all 9 ordered pairs: 2 × (30 + 50 + 20) / 9; mean 100/3.
    expect(m.GINI).toBeCloseTo(200 / 9 / (2 * (100 / 3)), 12);
    expect([m.TOP1, m.TOP5, m.TOP10]).toEqual([0.6, 1, 1]);
    expect([m.N50, m.N80]).toEqual([1, 2]);
  });

  it('one account: HHI 10,000, Gini 0, everything held by one', () => {
    expect(measures(col(100))).toEqual({ ACCOUNTS: 1, TOP1: 1, TOP5: 1, TOP10: 1, N50: 1, N80: 1, HHI: 10000, GINI: 0 });
  });

  it('all equal: HHI 10,000/n, Gini 0, N80 the accounts needed to pass 80%', () => {
    const m = measures(col(25, 25, 25, 25));
    expect(m).toMatchObject({ ACCOUNTS: 4, TOP1: 0.25, TOP5: 1, N50: 2, N80: 4, GINI: 0 });
    expect(m.HHI).toBeCloseTo(2500, 9);
  });

  it('ties: an account that reaches 80% exactly counts, float noise or not', () => {
    const m = measures(col(40, 40, 20));
    expect([m.N50, m.N80]).toEqual([2, 2]);
    expect(measures(col(0.1, 0.2, 0.7 / 3, 0.7 / 3, 0.7 / 3)).N80).toBe(4);
  });

  it('sums invoice lines per key, and leaves out accounts whose total is zero or less', () => {
    // a = 80, b = −20 (credit notes exceed sales), c = 20, d = 0
    const m = measures(col(50, -20, 30, 20, 0), col('a', 'b', ' A', 'c', 'd'));
    expect(m.ACCOUNTS).toBe(2);
    expect(m.HHI).toBeCloseTo(6400 + 400, 9);
    expect(m.TOP1).toBeCloseTo(0.8, 15);
  });

  it('twelve accounts: the top 10 hold less than all', () => {
    const m = measures(col(...Array.from({ length: 12 }, (_, i) => 12 - i)));
    // 12 + 11 + ... + 3 = 75 of 78
    expect(m.TOP10).toBeCloseTo(75 / 78, 15);
    expect(m.TOP5).toBeCloseTo((12 + 11 + 10 + 9 + 8) / 78, 15);
  });

  it('without a measure: a labelled table of all of them, in English or Dutch', () => {
    const en = call('CONCENTRATION', col(60, 30, 10)) as Matrix;
    expect(en.map((r) => r[0])).toEqual([
      'Accounts with revenue',
      'Share of the largest account',
      'Share of the largest 5',
      'Share of the largest 10',
      'Accounts for 50% of revenue',
      'Accounts for 80% of revenue',
      'Herfindahl-Hirschman index (HHI)',
      'Gini coefficient',
    ]);
    expect(en[0][1]).toBe(3);
    const nl = call('CONCENTRATION', col(60, 30, 10), undefined, undefined, one('nl')) as Matrix;
    expect(nl[0]).toEqual(['Klanten met omzet', 3]);
    expect(nl[7][0]).toBe('Gini-coëfficiënt');
    expect(nl.map((r) => r[1])).toEqual(en.map((r) => r[1]));
  });

  it('takes the measure in any case and with spaces', () => {
    expect(call('CONCENTRATION', col(60, 30, 10), undefined, one(' top1 '))).toEqual([[0.6]]);
  });
});

describe('CONCENTRATION on bad input', () => {
  it.each([
    ['an unknown measure', [col(1, 2), undefined, one('MEAN')], '#VALUE!', /measure is 'MEAN': use one of "ACCOUNTS", "TOP1"/],
    ['an unknown language', [col(1, 2), undefined, undefined, one('fr')], '#VALUE!', /language is 'fr'/],
    ['no revenue', [col(0, -3, null)], '#DIV/0!', /no account in values has a total above zero/],
    ['text among the amounts', [col(1, '1,234')], '#VALUE!', /row 2 of values/],
    ['a blank key beside an amount', [col(1, 2), col('a', null)], '#VALUE!', /row 2 of keys is blank/],
    ['totals too large for a number', [col(1e308, 1e308), col('a', 'b')], '#NUM!', /more than the largest number a spreadsheet holds/],
  ] as const)('%s', (_, args, code, message) => {
    expectError(call('CONCENTRATION', ...(args as readonly (Matrix | undefined)[])), code, message);
  });
});

describe('CONCENTRATION, properties', () => {
  const amount = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    fc.integer({ min: -100, max: 100000 }),
    fc.constantFrom(0, 5e-324, 1e-300, 1e300, 0.1, 0.2, 0.3),
    fc.constant(null),
  );
  it('HHI within [10,000/n, 10,000], Gini within [0, 1), shares and counts in order; never NaN or a raw exception', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 40 }), fc.boolean(), (amounts, keyed) => {
        const values = amounts.map((a) => [a]);
        const keys = keyed ? amounts.map((_, i) => [`k${i % 7}`]) : undefined;
        const table = call('CONCENTRATION', values, keys);
        if (table instanceof FormulaError) {
          expect(['#DIV/0!', '#NUM!']).toContain(table.code);
          return;
        }
        const m = Object.fromEntries(table.map(([label], i) => [MEASURES[i], table[i][1] as number]));
        for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
        const n = m.ACCOUNTS;
        expect(m.HHI).toBeGreaterThanOrEqual(10000 / n);
        expect(m.HHI).toBeLessThanOrEqual(10000);
        expect(m.GINI).toBeGreaterThanOrEqual(0);
        expect(m.GINI).toBeLessThan(1);
        expect(m.TOP1).toBeGreaterThan(0);
        expect(m.TOP1 <= m.TOP5 && m.TOP5 <= m.TOP10 && m.TOP10 <= 1).toBe(true);
        expect(1 <= m.N50 && m.N50 <= m.N80 && m.N80 <= n).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
