// The computed-analysis functions (issue 13) inside a real formula engine: typed as a user types
// them, nested as a user nests them, results read back from the sheet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetailedCellError } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../shared/formulas/concentration';
import { t } from '../../shared/i18n/strings';
import { buildEngine } from './hyperformula-plugin';

const REFERENCE = JSON.parse(readFileSync(join(__dirname, '../fixtures/abc/reference.json'), 'utf8'));

describe('PARETO_CUTOFFS in HyperFormula', () => {
  it('spills a row of two cutoffs, and PARETO_TIER over them gives ABCanalysis\'s sets', () => {
    const r = REFERENCE.superstore_customers;
    const n = r.values.length;
    const rows: (number | string | null)[][] = r.values.map((v: number, i: number) => [v, i === 0 ? `=PARETO_TIER(A1:A${n},,PARETO_CUTOFFS(A1:A${n}))` : null, null, null]);
    rows[0][2] = `=PARETO_CUTOFFS(A1:A${n})`;
    const engine = buildEngine(rows);
    const at = (row: number, col: number) => engine.getCellValue({ sheet: 0, row, col });
    const ab = at(0, 2) as number;
    const bc = at(0, 3) as number;
    expect(0 < ab && ab < bc && bc < 1).toBe(true);
    const expected: string[] = new Array(n);
    for (const [label, list] of [['A', r.Aind], ['B', r.Bind], ['C', r.Cind]] as const) for (const i of list) expected[i - 1] = label;
    expect(Array.from({ length: n }, (_, i) => at(i, 1))).toEqual(expected);
  });

  it('shows #NUM! with its message for all accounts equal', () => {
    const engine = buildEngine([[5, '=PARETO_CUTOFFS(A1:A3)'], [5], [5]]);
    const e = engine.getCellValue({ sheet: 0, row: 0, col: 1 }) as DetailedCellError;
    expect(e.type).toBe('NUM');
    expect(e.message).toMatch(/too even/);
  });
});

describe('CONCENTRATION in HyperFormula', () => {
  it('spills the table of all measures, and one cell for one measure', () => {
    const engine = buildEngine([
      ['a', 60, '=CONCENTRATION(B1:B4,A1:A4)', null, '=CONCENTRATION(B1:B4,A1:A4,"N80")'],
      ['b', 30],
      ['A', 10],
      ['c', null],
    ]);
    const at = (row: number, col: number) => engine.getCellValue({ sheet: 0, row, col });
    // The labels themselves are checked in test/formulas/concentration.test.ts.
    expect(Array.from({ length: 8 }, (_, r) => at(r, 2))).toEqual(MEASURES.map((m) => t('en').concentration[m]));
    // a = 70, b = 30: HHI 4,900 + 900; Gini = (2 × 40 / 4) / (2 × 50) = 0.2
    expect(at(0, 3)).toBe(2);
    expect(at(6, 3)).toBeCloseTo(5800, 9);
    expect(at(7, 3)).toBeCloseTo(0.2, 12);
    expect(at(0, 4)).toBe(2);
    expect(at(1, 4)).toBeNull();
  });
});

describe('PARETO_MIGRATION in HyperFormula', () => {
  it('spills two columns per line, with DATE() as the split', () => {
    const engine = buildEngine([
      ['a', 100, '=DATE(2025,1,10)', '=PARETO_MIGRATION(B1:B4,A1:A4,C1:C4,DATE(2026,1,1))'],
      ['b', 50, '=DATE(2025,2,1)'],
      ['a', 20, '=DATE(2026,1,10)'],
      ['c', 100, '=DATE(2026,2,1)'],
    ]);
    const at = (row: number, col: number) => engine.getCellValue({ sheet: 0, row, col });
    // 2025: a 100, b 50 (67% before it: A). 2026: c 100, a 20 (83% before it: B); b lost, c new.
    expect(Array.from({ length: 4 }, (_, r) => [at(r, 3), at(r, 4)])).toEqual([['A', 'B'], ['A', ''], ['A', 'B'], ['', 'A']]);
  });
});

describe('the groups argument in HyperFormula', () => {
  it('tiers within each region, typed as a user types it', () => {
    const engine = buildEngine([
      ['a', 60, 'North', '=PARETO_TIER(B1:B6,A1:A6,,,C1:C6)', '=PARETO_SUMMARY(B1:B6,A1:A6,,,,C1:C6)'],
      ['b', 30, 'North'],
      ['c', 10, 'North'],
      ['a', 5, 'South'],
      ['d', 90, 'South'],
      ['e', 5, 'South'],
    ]);
    const at = (row: number, col: number) => engine.getCellValue({ sheet: 0, row, col });
    expect(Array.from({ length: 6 }, (_, r) => at(r, 3))).toEqual(['A', 'A', 'B', 'B', 'A', 'B']);
    expect(Array.from({ length: 9 }, (_, r) => `${at(r, 4)} ${at(r, 5)}`)).toEqual([
      'Group Tier', 'North A', 'North B', 'North C', 'North Total', 'South A', 'South B', 'South C', 'South Total',
    ]);
    expect(at(9, 4)).toBeNull(); // the reserved area past the table stays empty
  });
});
