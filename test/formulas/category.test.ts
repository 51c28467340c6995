import { describe, expect, it } from 'vitest';
import type { Cell, Matrix } from '../../shared/cells';
import { FormulaError } from '../../shared/cells';
import { call, col, column, expectError, expectErrorInRow, one, row } from '../helpers';

describe('ACCOUNT_CATEGORY', () => {
  it.each([
    ['significant, recurring, growth → 1', true, true, 'growth', 1],
    ['significant, recurring, stable → 2', true, true, 'stable', 2],
    ['significant but once only → 3', true, false, 'growth', 3],
    ['recurring but modest → 3', false, true, 'stable', 3],
    ['neither → 4', false, false, 'growth', 4],
    ['no revenue possible → 5, whatever else', true, true, 'none', 5],
    ['TRUE as potential means growth', true, true, true, 1],
    ['FALSE as potential means stable', true, true, false, 2],
    ['Dutch words, any case', 'A', 'WAAR', 'Groei', 1],
    ['Dutch stable', 'A', 'ja', 'stabiel', 2],
    ['Dutch none', 'C', 'nee', 'geen', 5],
    ['a tier label outside the significant tiers', 'B', true, 'growth', 3],
    ['1 and 0 as TRUE and FALSE', 1, 0, 'growth', 3],
  ] as const)('%s', (_, significant, recurring, potential, expected) => {
    expect(column(call('ACCOUNT_CATEGORY', one(significant), one(recurring), one(potential)))).toEqual([expected]);
  });

  it('works element-wise, with "" for rows not filled in', () => {
    const result = call('ACCOUNT_CATEGORY', col('A', 'B', 'A', null), col(true, true, null, null), col('growth', 'growth', 'stable', null));
    expect(column(result)).toEqual([1, 3, '', '']);
  });

  it('applies a single cell to every row', () => {
    expect(column(call('ACCOUNT_CATEGORY', col('A', 'C'), one(true), one('stable')))).toEqual([2, 3]);
  });

  it('takes significant tiers as a range or as comma-separated text', () => {
    const tiers = col('A', 'B', 'C');
    expect(column(call('ACCOUNT_CATEGORY', tiers, one(true), one('growth'), row('A', 'B')))).toEqual([1, 1, 3]);
    expect(column(call('ACCOUNT_CATEGORY', tiers, one(true), one('growth'), one(' a , b ')))).toEqual([1, 1, 3]);
  });

  // The words read are remembered during a call by one reader that lives as long as the add-in
  // (shared/catalog.ts, Words): the next call must read them afresh, with its own tiers.
  it('reads the words of each call afresh: other significant tiers, after an error too', () => {
    const tiers = col('A', 'B', 'b', 'A');
    expect(column(call('ACCOUNT_CATEGORY', tiers, one(true), one('growth'), row('A')))).toEqual([1, 3, 3, 1]);
    expect(column(call('ACCOUNT_CATEGORY', tiers, one(true), one('growth'), row('B')))).toEqual([3, 1, 1, 3]);
    expectError(call('ACCOUNT_CATEGORY', tiers, one(true), one('maybe'), row('A')), '#VALUE!', /potential is 'maybe'/);
    expect(column(call('ACCOUNT_CATEGORY', tiers, one(true), col('stable', 'none', 'growth', 'stable'), row('A', 'B')))).toEqual([2, 5, 1, 2]);
    expect(column(call('PLAN_REQUIRED_RATE', col(100, 100), col(30, 30), one(46204), one(46211), one('day')))).toEqual([10, 10]);
    expect(column(call('PLAN_REQUIRED_RATE', col(100, 100), col(30, 30), one(46204), one(46211), col('week', 'day')))).toEqual([70, 10]);
  });

  // Words keeps the first four words of a call beside its Map: the fifth and later, and the first
  // four again after them, must read as they would alone.
  it('reads a column of more than four spellings, in any order, as each reads alone', () => {
    // Neighbours read differently, so a word answered with the reading kept beside it shows.
    const spellings = ['growth', ' stable', 'none', 'Groei', 'STABIEL', 'Geen', true, false, 'growth ', 'stabiel'];
    const column_ = [...spellings, ...[...spellings].reverse(), 'Groei', 'none', 'growth'];
    const alone = column_.map((p) => (column(call('ACCOUNT_CATEGORY', one('A'), one(true), one(p))) as Cell[])[0]);
    expect(alone.slice(0, 10)).toEqual([1, 2, 5, 1, 2, 5, 1, 2, 1, 2]);
    expect(column(call('ACCOUNT_CATEGORY', one('A'), one(true), col(...column_)))).toEqual(alone);
    const tiers = ['A', 'b', 'C', 'D', 'a', 'B', 'c', ' a ', 'd', 'A'];
    expect(column(call('ACCOUNT_CATEGORY', col(...tiers), one(true), one('growth'), row('A', 'C')))).toEqual([1, 3, 1, 3, 1, 3, 1, 1, 3, 1]);
  });

  it.each([
    ['an unknown potential', [one(true), one(true), one('maybe')], '#VALUE!', /potential is 'maybe': use growth, stable or none/],
    ['a number as recurring', [one(true), one(7), one('growth')], '#VALUE!', 'recurring is 7, not TRUE or FALSE'],
    ['ranges of different shapes', [col(true, false), col(true, false, true), one('growth')], '#VALUE!', /same shape/],
  ] as const)('rejects %s', (_, args, code, message) => {
    expectError(call('ACCOUNT_CATEGORY', ...(args as unknown as Matrix[])), code, message);
  });

  it.each([
    ['an error value', [col(true, new FormulaError('#N/A', '')), one(true), one('growth')], '#N/A', 'row 2 of significant is #N/A'],
    ['a bad potential', [col(true, true), one(true), col('growth', 'soon')], '#VALUE!', "row 2: potential is 'soon'"],
    ['#NAME? as #VALUE!, naming it', [col(true, new FormulaError('#NAME?', '')), one(true), one('growth')], '#VALUE!', 'row 2 of significant is #NAME?'],
  ] as const)('gives a row with %s its own error, and computes the other rows', (_, args, code, message) => {
    expectErrorInRow(call('ACCOUNT_CATEGORY', ...(args as unknown as Matrix[])), 1, code, message);
  });
});
