import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFrom } from '../../shared/formulas/args';
import { tierMigration } from '../../shared/formulas/migration';
import { defaultLabel } from '../../shared/formulas/pareto';
import type { Cell, Matrix } from '../../shared/cells';
import { call, col, expectError, one, row, serial } from '../helpers';

const d = (y: number, m: number, day: number) => serial(y, m, day);
const SPLIT = one(d(2026, 1, 1));

// Period 1 (2025): a 100, b 50, c 10 of 160 → a A (0%), b A (62.5% before it), c B (93.75%).
// Period 2 (2026): b 100, d 30, a 20 of 150 → b A, d A (66.7%), a B (86.7%); c's 2026 line has no
// amount, so c is lost; d is new.
const LINES: [Cell, Cell, Cell][] = [
  ['a', 100, d(2025, 1, 10)],
  ['b', 50, d(2025, 2, 1)],
  ['c', 10, d(2025, 3, 1)],
  [' A', 20, d(2026, 1, 10)],
  ['B', 100, d(2026, 2, 1)],
  ['d', 30, d(2026, 3, 1)],
  ['c', null, d(2026, 4, 1)],
  [null, null, null],
];
const keys = col(...LINES.map((l) => l[0]));
const values = col(...LINES.map((l) => l[1]));
const dates = col(...LINES.map((l) => l[2]));

describe('PARETO_MIGRATION, computed by hand', () => {
  it('gives each row its account\'s tier before and from the split; "" where the account has no line', () => {
    expect(call('PARETO_MIGRATION', values, keys, dates, SPLIT)).toEqual([
      ['A', 'B'],
      ['A', 'A'],
      ['B', ''],
      ['A', 'B'],
      ['A', 'A'],
      ['', 'A'],
      ['B', ''],
      ['', ''],
    ]);
  });

  it('from and to leave out the lines outside them', () => {
    // From 1 Feb 2025: a's only 2025 line is out (a new in 2026); b 50, c 10 → b A, c B (83%).
    // To 15 Feb 2026: d is out (no line anywhere); a 20, b 100 → b A, a B (83%).
    expect(call('PARETO_MIGRATION', values, keys, dates, SPLIT, one(d(2025, 2, 1)), one(d(2026, 2, 15)))).toEqual([
      ['', 'B'],
      ['A', 'A'],
      ['B', ''],
      ['', 'B'],
      ['A', 'A'],
      ['', ''],
      ['B', ''],
      ['', ''],
    ]);
  });

  it('counts a line at any time of the day given as to', () => {
    const result = call('PARETO_MIGRATION', col(10, 5), col('a', 'b'), col(d(2025, 5, 1), d(2026, 3, 1) + 0.75), SPLIT, undefined, one(d(2026, 3, 1)));
    expect(result).toEqual([['A', ''], ['', 'A']]);
  });

  it('takes cutoffs and labels as PARETO_TIER does', () => {
    const result = call('PARETO_MIGRATION', values, keys, dates, SPLIT, undefined, undefined, one(0.5), row('Top', 'Rest')) as Matrix;
    // 2025: a 100 of 160 → Top, b (62.5% before it) → Rest. 2026: b Top, d (66.7%) Rest.
    expect(result.slice(0, 3)).toEqual([
      ['Top', 'Rest'],
      ['Rest', 'Top'],
      ['Rest', ''],
    ]);
  });

  it('puts an account whose credit notes exceed its sales in a period in the last tier there', () => {
    const result = call('PARETO_MIGRATION', col(100, -30, 50, 10), col('a', 'b', 'b', 'c'), col(d(2025, 5, 1), d(2025, 6, 1), d(2026, 6, 1), d(2026, 7, 1)), SPLIT);
    expect(result).toEqual([['A', ''], ['C', 'A'], ['C', 'A'], ['', 'B']]);
  });

  it('a period with lines but no revenue at all: its accounts are in the last tier', () => {
    expect(call('PARETO_MIGRATION', col(-5, 40), col('a', 'a'), col(d(2025, 5, 1), d(2026, 5, 1)), SPLIT)).toEqual([['C', 'A'], ['C', 'A']]);
  });

  it('a split before every line: every account is new', () => {
    // 2 starts at 10 of 12 (83%): B
    expect(call('PARETO_MIGRATION', col(10, 2), col('a', 'b'), col(d(2025, 5, 1), d(2025, 6, 1)), one(d(2020, 1, 1)))).toEqual([['', 'A'], ['', 'B']]);
  });

  it('keeps the orientation of a row: two rows, before and after', () => {
    expect(call('PARETO_MIGRATION', row(10, 5), row('a', 'b'), row(d(2025, 5, 1), d(2026, 6, 1)), SPLIT)).toEqual([['A', ''], ['', 'A']]);
  });
});

describe('PARETO_MIGRATION on bad input', () => {
  it.each([
    ['a line with an amount but no date', [col(10, 5), col('a', 'b'), col(d(2025, 1, 1), null), SPLIT], '#VALUE!', 'row 2 of dates is blank but row 2 of values has an amount: each line needs its date'],
    ['a date written as text', [col(10, 5), col('a', 'b'), col(d(2025, 1, 1), '1-1-2025'), SPLIT], '#VALUE!', /row 2 of dates is the text '1-1-2025', not a date/],
    ['an error among the dates', [col(10, 5), col('a', 'b'), col(d(2025, 1, 1), '#N/A'), SPLIT], '#VALUE!', /row 2 of dates is/],
    ['a blank split date', [col(10), col('a'), col(d(2025, 1, 1)), one(null)], '#VALUE!', /split_date/],
    ['a split date range', [col(10), col('a'), col(d(2025, 1, 1)), row(1, 2)], '#VALUE!', /split_date must be a single value/],
    ['from on or after the split', [col(10), col('a'), col(d(2025, 1, 1)), SPLIT, SPLIT], '#NUM!', /^from \(\d{4}-\d\d-\d\d\) must be before split_date \(\d{4}-\d\d-\d\d\)/],
    ['to before the split', [col(10), col('a'), col(d(2025, 1, 1)), SPLIT, undefined, one(d(2025, 12, 31))], '#NUM!', 'to (2025-12-31) must be on or after split_date (2026-01-01), or the second period is empty'],
    ['dates of another shape', [col(10, 5), col('a', 'b'), col(d(2025, 1, 1)), SPLIT], '#VALUE!', /dates \(1×1\) must have the same shape as values \(2×1\)/],
    ['a blank key beside an amount', [col(10, 5), col('a', null), col(d(2025, 1, 1), d(2025, 1, 2)), SPLIT], '#VALUE!', /row 2 of keys is blank/],
    ['cutoffs as percentages', [col(10), col('a'), col(d(2025, 1, 1)), SPLIT, undefined, undefined, one(80)], '#NUM!', /write 0.8 or 80%/],
  ] as const)('%s', (_, args, code, message) => {
    expectError(call('PARETO_MIGRATION', ...(args as readonly (Matrix | undefined)[])), code, message);
  });

  it('a line without an amount counts nowhere, whatever its date cell holds (a totals row\'s label)', () => {
    const result = call('PARETO_MIGRATION', col(10, 5, null), col('a', 'b', null), col(d(2025, 1, 1), d(2026, 2, 1), 'Totaal'), SPLIT);
    expect(result).toEqual([['A', ''], ['', 'A'], ['', '']]);
  });

  it('keys are required', () => {
    expectError(call('PARETO_MIGRATION', col(10), undefined, col(d(2025, 1, 1)), SPLIT), '#VALUE!', 'keys is required');
  });
});

// Rows share one array per pair of tiers (shared/formulas/migration.ts): whatever the cutoffs and
// labels, each row must still show its own account's tiers, as the periods' tiering gives them.
describe('PARETO_MIGRATION, any cutoffs and labels', () => {
  it("gives each row its account's two tiers from tierMigration, or two blanks", () => {
    const account = fc.constantFrom<Cell>('a', 'b', 'c', 'd', 'e', 'f', 'g', null);
    const line = fc.tuple(account, fc.oneof(fc.integer({ min: -20, max: 500 }), fc.constant<Cell>(null)), fc.integer({ min: d(2025, 1, 1), max: d(2026, 12, 31) }));
    // One to five cutoffs (two to six tiers), sometimes 0 first (an empty first tier).
    const cutoffs = fc
      .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([xs, zero]) => [...(zero ? [0] : []), ...xs.sort((x, y) => x - y)].map((x) => x / 100));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), cutoffs, fc.boolean(), (lines, cuts, named) => {
        const ok = lines.map(([k, a, t]): [Cell, Cell, Cell] => (k === null ? [null, null, t] : [k, a, t]));
        const labels = cuts.map((_, i) => `T${i}`).concat(`T${cuts.length}`);
        const args: (Matrix | undefined)[] = [col(...ok.map((l) => l[1])), col(...ok.map((l) => l[0])), col(...ok.map((l) => l[2])), SPLIT, undefined, undefined, [cuts], named ? [labels] : undefined];
        const got = call('PARETO_MIGRATION', ...args) as Cell[][];
        const { before, after } = tierMigration(vectorFrom(ok.map((l) => l[1]), 'values'), vectorFrom(ok.map((l) => l[0]), 'keys'), vectorFrom(ok.map((l) => l[2]), 'dates'), SPLIT[0][0] as number, null, null, cuts);
        const name = (t: number) => (t < 0 ? '' : named ? labels[t] : defaultLabel(t));
        expect(got).toEqual(ok.map((_, i) => {
          const a = before.accounts.rowAccount[i];
          return a < 0 ? ['', ''] : [name(before.tiers[a]), name(after.tiers[a])];
        }));
      }),
      { numRuns: 300 },
    );
  });
});
