import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LORENZ_STEPS, lorenzPoints, lorenzSection } from '../../shared/commands/lorenz';
import { concentrationOf } from '../../shared/formulas/concentration';
import { emptySpec, isFormula } from '../../shared/sheet-spec';

const descending = (xs: number[]) => Float64Array.from(xs).sort().reverse();

describe('lorenzPoints: the smallest accounts first, exact at every point', () => {
  it('one point per account up to LORENZ_STEPS, from (0, 0) to all of them', () => {
    expect(lorenzPoints(descending([10, 3, 500, 300]))).toEqual({ accounts: [0, 1, 2, 3, 4], revenue: [0, 3, 13, 313, 813] });
    expect(lorenzPoints(descending([7]))).toEqual({ accounts: [0, 1], revenue: [0, 7] });
    const hundred = lorenzPoints(descending(Array.from({ length: LORENZ_STEPS }, (_, i) => i + 1)));
    expect(hundred.accounts).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(hundred.revenue[100]).toBe(5050);
  });

  it('past LORENZ_STEPS accounts: 101 points, both ends included, each the exact sum of the smallest k', () => {
    const totals = Array.from({ length: 100_000 }, (_, i) => 1 + ((i * 7919) % 1000));
    const sorted = descending(totals);
    const { accounts, revenue } = lorenzPoints(sorted);
    expect(accounts).toHaveLength(101);
    expect(accounts[0]).toBe(0);
    expect(accounts[100]).toBe(100_000);
    expect(accounts[37]).toBe(37_000);
    const ascending = [...sorted].reverse();
    for (const i of [1, 37, 99, 100]) expect(revenue[i]).toBe(ascending.slice(0, accounts[i]).reduce((a, b) => a + b, 0));
    // 101 accounts: 100 steps of round(i·101/100)
    expect(lorenzPoints(descending(Array.from({ length: 101 }, () => 1))).accounts.slice(48, 53)).toEqual([48, 49, 51, 52, 53]);
  });

  it('over every account, twice the area between the line of equality and the curve is the Gini beside it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: LORENZ_STEPS }), (xs) => {
        const sorted = descending(xs);
        const { accounts, revenue } = lorenzPoints(sorted);
        const n = accounts[accounts.length - 1];
        const whole = revenue[revenue.length - 1];
        let under = 0;
        for (let i = 1; i < accounts.length; i++) under += ((accounts[i] - accounts[i - 1]) / n) * ((revenue[i] + revenue[i - 1]) / whole / 2);
        expect(2 * (0.5 - under)).toBeCloseTo(concentrationOf(sorted).GINI, 9);
        // The curve never rises above the line of equality, and never falls.
        revenue.forEach((r, i) => expect(r / whole).toBeLessThanOrEqual(accounts[i] / n + 1e-12));
        revenue.slice(1).forEach((r, i) => expect(r).toBeGreaterThanOrEqual(revenue[i]));
      }),
    );
  });
});

describe('lorenzSection: the block and the chart', () => {
  it('writes counts and revenue as values, the shares as formulas over the last row, and an XY chart over them', () => {
    const section = lorenzSection(lorenzPoints(descending([10, 3, 500, 300])), { row: 5, col: 11 }, { row: 40, col: 0 }, 'en', '#,##0');
    const spec = emptySpec();
    section.write(spec, 'Pareto');
    const [block, notes] = spec.blocks;
    expect(block.values[0]).toEqual(['Accounts, smallest first', 'Their revenue', 'Share of accounts', 'Share of revenue', 'Line of equality']);
    expect(block.values[1]).toEqual([0, 0, { formula: '=L7/L$11' }, { formula: '=M7/M$11' }, { formula: '=N7' }]);
    expect(block.values[5]).toEqual([4, 813, { formula: '=L11/L$11' }, { formula: '=M11/M$11' }, { formula: '=N11' }]);
    // Not sampled: the notes say how to read it, nothing about points.
    expect(notes).toMatchObject({ row: 12, col: 11 });
    expect(notes.values.flat().join(' ')).not.toMatch(/points/);
    expect(section.rows).toBe(1 + 5 + 1 + notes.values.length);
    expect(spec.charts).toEqual([
      expect.objectContaining({
        kind: 'lorenz',
        accounts: { row: 6, col: 13, rows: 5, cols: 1 },
        curve: { row: 6, col: 14, rows: 5, cols: 1 },
        equality: { row: 6, col: 15, rows: 5, cols: 1 },
        anchor: { row: 40, col: 0 },
      }),
    ]);
    expect(block.values.flat().filter(isFormula)).toHaveLength(15);
  });

  it('says in Dutch when the curve is sampled', () => {
    const totals = descending(Array.from({ length: 2500 }, (_, i) => i + 1));
    const spec = emptySpec();
    lorenzSection(lorenzPoints(totals), { row: 0, col: 0 }, { row: 0, col: 8 }, 'nl', '#,##0').write(spec, 'Pareto');
    expect(spec.blocks[1].values.flat()).toContain('101 punten voor 2.500 klanten, exact op elk punt.');
    expect(spec.charts[0]).toMatchObject({ title: 'Lorenzcurve: omzet van de kleinste klanten', equalityLabel: 'Lijn van gelijkheid' });
  });
});
