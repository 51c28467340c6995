import { describe, expect, it } from 'vitest';
import { FormulaError, Matrix } from '../../shared/cells';
import { call, col, column, expectError, one, row } from '../helpers';

// North: a 60, b 30, c 10 → a A, b A (60% before it), c B (90%).
// South: d 90, a 5, e 5 → d A, a and e B (90% before them): a is A in the north, B in the south.
const VALUES = col(60, 30, 10, 5, 90, 5);
const KEYS = col('a', 'b', 'c', 'a', 'd', 'e');
const GROUPS = col('North', 'North', ' north', 'South', 'SOUTH', 'South');

describe('the groups argument', () => {
  it('PARETO_TIER tiers every group on its own; the same key in two groups is two accounts', () => {
    expect(column(call('PARETO_TIER', VALUES, KEYS, undefined, undefined, GROUPS))).toEqual(['A', 'A', 'B', 'B', 'A', 'B']);
  });

  it('PARETO_SHARE: the cumulative share within the group (a and e in the south: 90 + their own 5)', () => {
    expect(column(call('PARETO_SHARE', VALUES, KEYS, GROUPS))).toEqual([0.6, 0.9, 1, 0.95, 0.9, 0.95]);
  });

  it('PARETO_SUMMARY: a block per group, in order of first appearance, with a Group column', () => {
    expect(call('PARETO_SUMMARY', VALUES, KEYS, undefined, undefined, undefined, GROUPS)).toEqual([
      ['Group', 'Tier', 'Accounts', 'Share of accounts', 'Revenue', 'Share of revenue'],
      ['North', 'A', 2, 2 / 3, 90, 0.9],
      ['North', 'B', 1, 1 / 3, 10, 0.1],
      ['North', 'C', 0, 0, 0, 0],
      ['North', 'Total', 3, 1, 100, 1],
      ['South', 'A', 1, 1 / 3, 90, 0.9],
      ['South', 'B', 2, 2 / 3, 10, 0.1],
      ['South', 'C', 0, 0, 0, 0],
      ['South', 'Total', 3, 1, 100, 1],
    ]);
  });

  it('PARETO_SUMMARY in Dutch, and without a block for the blank rows below the data', () => {
    const table = call('PARETO_SUMMARY', col(10, 5, null, null), undefined, one(0.5), undefined, one('nl'), col('N', 'N', null, null));
    expect(table).toEqual([
      ['Groep', 'Klasse', 'Klanten', 'Aandeel klanten', 'Omzet', 'Aandeel omzet'],
      ['N', 'A', 1, 0.5, 10, 10 / 15],
      ['N', 'B', 1, 0.5, 5, 5 / 15],
      ['N', 'Totaal', 2, 1, 15, 1],
    ]);
  });

  it('rows with a blank group form a group of their own', () => {
    expect(column(call('PARETO_TIER', col(10, 1, 10, 1), undefined, undefined, undefined, col('N', 'N', null, '')))).toEqual(['A', 'B', 'A', 'B']);
  });

  it('a group without revenue: its accounts in the last tier, share 1, revenue shares ""', () => {
    const groups = col('X', 'Y');
    expect(column(call('PARETO_TIER', col(10, -5), undefined, undefined, undefined, groups))).toEqual(['A', 'C']);
    expect(column(call('PARETO_SHARE', col(10, -5), undefined, groups))).toEqual([1, 1]);
    const table = call('PARETO_SUMMARY', col(10, -5), undefined, undefined, undefined, undefined, groups) as unknown[][];
    expect(table.slice(5)).toEqual([
      ['Y', 'A', 0, 0, 0, ''],
      ['Y', 'B', 0, 0, 0, ''],
      ['Y', 'C', 1, 1, 0, ''],
      ['Y', 'Total', 1, 1, 0, ''],
    ]);
  });

  it('keeps the orientation of a row', () => {
    expect(call('PARETO_TIER', row(10, 1, 10), undefined, undefined, undefined, row('N', 'N', 'S'))).toEqual([['A', 'B', 'A']]);
  });

  it('gives the same result as without groups when every row is in one group', () => {
    const one = col(...Array.from({ length: 6 }, () => 'all'));
    expect(call('PARETO_TIER', VALUES, KEYS, undefined, undefined, one)).toEqual(call('PARETO_TIER', VALUES, KEYS));
    expect(call('PARETO_SHARE', VALUES, KEYS, one)).toEqual(call('PARETO_SHARE', VALUES, KEYS));
  });

  it.each([
    ['groups of another shape', [VALUES, KEYS, undefined, undefined, col('N')], '#VALUE!', /groups \(1×1\) must have the same shape as values \(6×1\)/],
    ['an error among the groups', [col(1, 2), undefined, undefined, undefined, col('N', new FormulaError('#N/A', 'no match'))], '#N/A', 'row 2 of groups is #N/A: no match'],
    ['a bad amount, named by its row in the whole range', [col(1, 2, 'x'), undefined, undefined, undefined, col('N', 'S', 'S')], '#VALUE!', /row 3 of values/],
  ] as const)('%s', (_, args, code, message) => {
    expectError(call('PARETO_TIER', ...(args as readonly (Matrix | undefined)[])), code, message);
  });
});
