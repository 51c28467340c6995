// ACCOUNT_SCORE through both built bundles as the hosts load them (./stand-ins.ts): Excel desktop
// (blank cells handed over as 0), Excel on the web and Google Sheets must show the same scores.
import { describe, expect, it } from 'vitest';
import { ExcelMode, Sheets, excelStandIn, sheetsStandIn } from './stand-ins';

/**
 * Three managers' ratings of four candidates on three criteria, weights in row 1. Row 3 is
 * half-rated (a blank is not a 0), row 4 has a real 0, row 5 is not rated yet.
 */
const ratings = (): Sheets => ({
  Selection: [
    [3, 2, 1],
    [4, 4, 1], // (12 + 8 + 1) / 6 = 3.5
    [5, undefined, 2], // (15 + 2) / 4 = 4.25
    [0, 3, 3], // (0 + 6 + 3) / 6 = 1.5
    [undefined, undefined, undefined],
  ],
});

const modes: ExcelMode[] = ['desktop', 'web'];

describe('ACCOUNT_SCORE in Excel desktop, Excel on the web and Google Sheets', () => {
  it('scores each row; a blank rating is left out, a real 0 counts, an unrated row is ""', async () => {
    const expected = [[3.5], [4.25], [1.5], ['']];
    const sheets = await sheetsStandIn(ratings()).call('ACCOUNT_SCORE', 'A2:C5', 'A1:C1');
    expect(sheets.cells).toEqual(expected);
    for (const mode of modes) {
      expect((await excelStandIn(mode, ratings()).call('ACCOUNT_SCORE', 'A2:C5', 'A1:C1')).cells, mode).toEqual(expected);
    }
  });

  it('weights negative or all 0: #NUM! for the call (Excel shows no message on #NUM!, Sheets does)', async () => {
    const sheet = (weights: number[]): Sheets => ({ S: [weights, [4, 4, 1], [2, 2, 2]] });
    for (const mode of modes) {
      expect((await excelStandIn(mode, sheet([1, -2, 1])).call('ACCOUNT_SCORE', 'A2:C3', 'A1:C1')).cells).toEqual([['#NUM!']]);
      expect((await excelStandIn(mode, sheet([0, 0, 0])).call('ACCOUNT_SCORE', 'A2:C3', 'A1:C1')).cells).toEqual([['#NUM!']]);
    }
    expect((await sheetsStandIn(sheet([1, -2, 1])).call('ACCOUNT_SCORE', 'A2:C3', 'A1:C1')).messages['0,0']).toBe('#NUM! weight 2 is -2: weights must be 0 or more');
    expect((await sheetsStandIn(sheet([0, 0, 0])).call('ACCOUNT_SCORE', 'A2:C3', 'A1:C1')).messages['0,0']).toMatch(/weights are all 0/);
  });

  it('text in ratings: its row\'s #VALUE! naming the cell in Excel; one error naming it in Sheets', async () => {
    const sheet = (): Sheets => ({ S: [[1, 1], [4, 2], [3, 'good'], [5, 5]] });
    for (const mode of modes) {
      const result = await excelStandIn(mode, sheet()).call('ACCOUNT_SCORE', 'A2:B4', 'A1:B1');
      expect(result.cells, mode).toEqual([[3], ['#VALUE!'], [5]]);
      expect(result.messages['1,0']).toBe("row 2, column 2 of ratings is 'good', not a number");
    }
    expect(await sheetsStandIn(sheet()).call('ACCOUNT_SCORE', 'A2:B4', 'A1:B1')).toEqual({
      cells: [['#ERROR!']],
      messages: { '0,0': "#VALUE! row 2, column 2 of ratings is 'good', not a number" },
    });
  });
});
