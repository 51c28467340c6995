import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../shared/cells';
import { FormulaError } from '../../shared/cells';
import { call, col, column, expectError, one, row } from '../helpers';

describe('PARETO_TIER', () => {
  it.each([
    ['accounts ranked by value', col(100, 50, 30, 10, 5, 5), ['A', 'A', 'A', 'B', 'C', 'C']],
    ['the largest account is always A, even above 80% alone', col(900, 60, 40), ['A', 'B', 'C']],
    ['an account crossing the cutoff belongs to the tier below it', col(70, 20, 10), ['A', 'A', 'B']],
    ['an account starting exactly at the cutoff is in the next tier', col(80, 15, 5), ['A', 'B', 'C']],
    ['equal totals share a tier', col(40, 40, 10, 10), ['A', 'A', 'B', 'B']],
    ['blank rows give ""', col(90, null, 10), ['A', '', 'B']],
    ['totals of zero or less are in the last tier', col(100, 0, -20), ['A', 'C', 'C']],
    ['a single cell', one(42), ['A']],
    ['decimal noise does not split a tie', col(0.1 + 0.2, 0.3, 0.3), ['A', 'A', 'A']],
  ])('%s', (_, values, expected) => {
    expect(column(call('PARETO_TIER', values))).toEqual(expected);
  });

  it('keeps the orientation of a row', () => {
    expect(call('PARETO_TIER', row(100, 50, 30, 10, 5, 5))).toEqual([['A', 'A', 'A', 'B', 'C', 'C']]);
  });

  it('sums invoice lines per key, trimmed and case-insensitive, like SUMIF', () => {
    const values = col(50, 10, 30, 5, 5);
    const keys = col('Acme', 'Beta', ' ACME ', 'Gamma', 'beta');
    // Acme 80 of 100 → A; Beta 15 → B (starts at 80%); Gamma 5 → C (starts at 95%)
    expect(column(call('PARETO_TIER', values, keys))).toEqual(['A', 'B', 'A', 'C', 'B']);
  });

  it('gives a key with a blank amount its account tier, and a key with no amounts at all ""', () => {
    const values = col(90, null, 10, null);
    const keys = col('Acme', 'acme', 'Beta', 'Delta');
    expect(column(call('PARETO_TIER', values, keys))).toEqual(['A', 'A', 'B', '']);
  });

  it('treats numeric keys and the same number as text as one account', () => {
    expect(column(call('PARETO_TIER', col(10, 90, 5), col(1001, 2002, '1001')))).toEqual(['B', 'A', 'B']);
  });

  it('accepts custom cutoffs and labels', () => {
    const values = col(50, 30, 15, 5);
    expect(column(call('PARETO_TIER', values, undefined, one(0.5), row('Key', 'Other')))).toEqual(['Key', 'Other', 'Other', 'Other']);
    expect(column(call('PARETO_TIER', values, undefined, row(0.5, 0.8, 0.95), col('1', '2', '3', '4')))).toEqual(['1', '2', '3', '4']);
  });

  it('treats an empty optional argument as left out', () => {
    expect(column(call('PARETO_TIER', col(100, 50, 30, 10, 5, 5), one(null), one(null)))).toEqual(['A', 'A', 'A', 'B', 'C', 'C']);
  });

  it('handles 200,000 rows', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => [200_000 - i]);
    const tiers = column(call('PARETO_TIER', values)) as string[];
    expect(tiers).toHaveLength(200_000);
    expect(tiers[0]).toBe('A');
    expect(tiers[199_999]).toBe('C');
    // Tiers only ever go down the ranking
    expect(tiers.indexOf('B')).toBeGreaterThan(tiers.lastIndexOf('A'));
  });

  describe('bad input', () => {
    it.each([
      ['text in values', [col(10, 'n/a')], '#VALUE!', "row 2 of values is 'n/a', not a number"],
      ['a number stored as text', [col(10, '1,234')], '#VALUE!', /row 2 of values is the text '1,234': a number stored as text/],
      ['TRUE in values', [col(10, true)], '#VALUE!', 'row 2 of values is TRUE, not a number'],
      ['an error value in values', [col(10, new FormulaError('#N/A', ''))], '#N/A', 'row 2 of values is #N/A'],
      // #REF! and #NAME? cannot be a function's result in Excel: #VALUE!, naming them
      ['an error value in keys', [col(10, 5), col('a', new FormulaError('#REF!', ''))], '#VALUE!', 'row 2 of keys is #REF!'],
      ['an error value in values', [col(10, new FormulaError('#N/A', 'lookup failed')), col('a', 'b')], '#N/A', 'row 2 of values is #N/A: lookup failed'],
      ['a block instead of a column', [[[1, 2], [3, 4]]], '#VALUE!', 'values must be one column or one row, not a block of 2×2'],
      ['keys of another shape', [col(1, 2, 3), col('a', 'b')], '#VALUE!', /keys \(2×1\) must have the same shape as values \(3×1\)/],
      ['keys as a row against values as a column', [col(1, 2), row('a', 'b')], '#VALUE!', /same shape/],
      ['a blank key with an amount', [col(10, 5), col('a', null)], '#VALUE!', 'row 2 of keys is blank but row 2 of values has an amount'],
      ['a key of spaces with an amount', [col(10, null, 5), col('a', '  ', '  ')], '#VALUE!', 'row 3 of keys is blank but row 3 of values has an amount'],
      // The first bad row is reported, whether its problem is in values or in keys
      ['text in values above an error in keys', [col(10, 'x', 5), col('a', 'b', new FormulaError('#REF!', ''))], '#VALUE!', "row 2 of values is 'x', not a number"],
      ['an error in keys above text in values', [col(10, 5, 'x'), col('a', new FormulaError('#REF!', ''), 'b')], '#VALUE!', 'row 2 of keys is #REF!'],
      ['text in values on the row of a blank key', [col(10, 'x'), col('a', null)], '#VALUE!', "row 2 of values is 'x', not a number"],
      ['a blank key with an amount above text in values', [col(10, 5, 'x'), col('a', ' ', 'b')], '#VALUE!', 'row 2 of keys is blank but row 2 of values has an amount'],
      ['cutoff written as a percentage number', [col(1, 2), undefined, one(80)], '#NUM!', /write 0.8 or 80%/],
      ['cutoffs not increasing', [col(1, 2), undefined, row(0.9, 0.8)], '#NUM!', /strictly increasing/],
      ['a cutoff of 1', [col(1, 2), undefined, one(1)], '#NUM!', /fraction between 0 and 1/],
      ['too few labels', [col(1, 2), undefined, undefined, row('A', 'B')], '#VALUE!', 'labels has 2 labels for 2 cutoffs: give 3, one more than the cutoffs'],
      ['duplicate labels', [col(1, 2), undefined, one(0.8), row('X', 'x')], '#VALUE!', /must all differ/],
      ['a label that is no finite number', [col(1, 2), undefined, one(0.8), row(Infinity, 'C')], '#NUM!', 'labels holds Infinity: each label must be text or a finite number'],
      ['no positive total', [col(0, -5, null)], '#DIV/0!', /no account in values has a total above zero/],
      ['only blanks', [col(null, null)], '#DIV/0!', /no account/],
      ['too many arguments', [col(1), undefined, undefined, undefined, undefined, one(1)], '#VALUE!', /at most 5 arguments/],
    ] as const)('%s', (_, args, code, message) => {
      expectError(call('PARETO_TIER', ...(args as unknown as Matrix[])), code, message);
    });

    it('says values is required when it is missing', () => {
      expectError(call('PARETO_TIER'), '#VALUE!', 'values is required');
    });
  });
});

describe('PARETO_SHARE', () => {
  it.each([
    ['cumulative share including the account itself', col(50, 30, 20), [0.5, 0.8, 1]],
    ['ties: each account counts its own total plus strictly larger ones', col(40, 40, 20), [0.4, 0.4, 1]],
    ['zero or negative totals get 1', col(100, 0, -5), [1, 1, 1]],
    ['blank rows give ""', col(75, null, 25), [0.75, '', 1]],
  ])('%s', (_, values, expected) => {
    expect(column(call('PARETO_SHARE', values))).toEqual(expected);
  });

  it('works on invoice lines with keys', () => {
    expect(column(call('PARETO_SHARE', col(30, 20, 50), col('a', 'b', 'A')))).toEqual([0.8, 1, 0.8]);
  });

  it('reports bad input the same way as PARETO_TIER', () => {
    expectError(call('PARETO_SHARE', col(1, 'x')), '#VALUE!', "row 2 of values is 'x', not a number");
    expectError(call('PARETO_SHARE', col(-1)), '#DIV/0!');
  });
});

describe('PARETO_SUMMARY', () => {
  const values = col(100, 50, 30, 10, 5, 5);

  it('spills a header, a row per tier and a total', () => {
    expect(call('PARETO_SUMMARY', values)).toEqual([
      ['Tier', 'Accounts', 'Share of accounts', 'Revenue', 'Share of revenue'],
      ['A', 3, 0.5, 180, 0.9],
      ['B', 1, 1 / 6, 10, 0.05],
      ['C', 2, 1 / 3, 10, 0.05],
      ['Total', 6, 1, 200, 1],
    ]);
  });

  it('speaks Dutch when asked', () => {
    const result = call('PARETO_SUMMARY', values, undefined, undefined, undefined, one('nl')) as unknown[][];
    expect(result[0]).toEqual(['Klasse', 'Klanten', 'Aandeel klanten', 'Omzet', 'Aandeel omzet']);
    expect(result[4][0]).toBe('Totaal');
  });

  it('lists empty tiers too', () => {
    const result = call('PARETO_SUMMARY', col(100), undefined, row(0.5, 0.8, 0.95)) as unknown[][];
    expect(result.map((r) => r[0])).toEqual(['Tier', 'A', 'B', 'C', 'D', 'Total']);
    expect(result.map((r) => r[1])).toEqual(['Accounts', 1, 0, 0, 0, 1]);
  });

  it('counts accounts, not invoice lines', () => {
    const result = call('PARETO_SUMMARY', col(60, 20, 20), col('x', 'X ', 'y')) as unknown[][];
    expect(result[1]).toEqual(['A', 1, 0.5, 80, 0.8]);
    expect(result[4]).toEqual(['Total', 2, 1, 100, 1]);
  });

  it('rejects an unknown language', () => {
    expectError(call('PARETO_SUMMARY', values, undefined, undefined, undefined, one('fr')), '#VALUE!', /use "en" for English or "nl" for Dutch/);
  });
});

describe('credit notes and empty text', () => {
  it('counts an account below zero in the last tier without revenue, so shares add up to 100%', () => {
    const result = call('PARETO_SUMMARY', col(100, -60, 10), col('a', 'b', 'c')) as unknown[][];
    expect(result.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['A', 1, 100, 100 / 110],
      ['B', 1, 10, 10 / 110], // c starts at 100/110 = 90.9%
      ['C', 1, 0, 0], // b: credit notes exceed sales
      ['Total', 3, 110, 1],
    ]);
  });

  it('reads empty text (from =IF(...,"",...)) as a blank amount', () => {
    expect(column(call('PARETO_TIER', col(90, '', 10)))).toEqual(['A', '', 'B']);
  });
});
