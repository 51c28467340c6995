// Finding the table when a row's amount is text: such a row looks like a header (texts only, no
// numbers), but it is a data row, and the analysis reports it under "left out" instead of taking
// it for the header and losing it (issue 9).
import { describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { Preview, detect, preview } from '../../shared/commands/analysis';
import { findTable } from '../../shared/commands/table';
import { MemoryWorkbook } from '../support/memory-workbook';

const en = { host: 'excel' as const, language: 'en' as const };

/** Customers and their revenue, no invoice numbers or dates: a row with a text amount has no number at all. */
function sheet(amounts: Cell[]): Cell[][] {
  return [['Customer', 'Revenue'], ...amounts.map((amount, i): Cell[] => [`Customer ${i + 1}`, amount])];
}

const run = (rows: Cell[][], activeRow: number) => preview(new MemoryWorkbook({ Sales: rows }, { sheet: 'Sales', row: activeRow, col: 0 }), en) as Preview;

describe('a text amount does not make a data row a header', () => {
  it.each([
    ['a number stored as text', '1.234,50'],
    ['a note', 'n/a'],
  ])('first data row with %s: the header stays, the row is left out and reported (cursor below it)', (_, text) => {
    const rows = sheet([text, 500, 300, 200, 100]);
    const result = run(rows, 4);
    expect(result.address).toBe('A1:B6');
    expect(result.columns.amount.title).toBe('Revenue');
    expect(result.leftOut.textRows).toEqual([2]);
    expect(result.accounts).toBe(4);
    expect(result.revenue).toBe(1100);
  });

  it('a text amount further down, with the cursor below it: still one table, that row reported', () => {
    const rows = sheet([900, 500, '1,234', 200, 100]);
    const result = run(rows, 5);
    expect(result.address).toBe('A1:B6');
    expect(result.leftOut.textRows).toEqual([4]);
    expect(result.accounts).toBe(4);
  });

  it('every row is accounted for: in the analysis or under left out', () => {
    const rows = sheet(['1.234,50', 500, 'n/a', 300, '', 100]);
    const result = run(rows, 6);
    const left = result.leftOut;
    expect(result.rows + left.textRows.length + left.errorRows.length + left.missingAccountRows.length + left.totalsRows.length + left.blankRows).toBe(rows.length - 1);
  });

  it('still finds a header under a title, and a two-row header keeps its lower, wider row', () => {
    const titled: Cell[][] = [['Revenue 2025'], [null], ...sheet([500, 300])];
    expect(findTable({ sheet: 'S', origin: { row: 0, col: 0 }, values: titled }, { row: 4, col: 0 })?.headerRow).toBe(2);
    const twoRows: Cell[][] = [[null, 'Amounts'], ['Customer', 'Revenue'], ['Acme', 500], ['Bolt', 300]];
    expect(findTable({ sheet: 'S', origin: { row: 0, col: 0 }, values: twoRows }, { row: 3, col: 0 })?.headerRow).toBe(1);
  });

  it('a narrow list pasted right under the table is still another table', () => {
    const rows: Cell[][] = [['Invoice', 'Customer', 'Note', 'Revenue'], [1, 'Acme', null, 500], [2, 'Bolt', null, 300], [null, null, null, null], ['Region', 'Person', null, null], ['North', 'Piet', null, null]];
    const d = detect(new MemoryWorkbook({ Sales: rows }), { language: 'en' });
    expect((d as { address: string }).address).toBe('A1:D3');
  });
});
