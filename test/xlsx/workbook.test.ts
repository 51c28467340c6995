// The .xlsx host's rendering of spec parts the commands rely on for reading well: row lines on
// input blocks, the source column's number format read back, and a sheet read again.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptySpec } from '../../shared/sheet-spec';
import { sheetValues } from '../../src/xlsx/package/read-workbook';
import { XlsxWorkbook } from '../../src/xlsx/workbook';

const dir = mkdtempSync(join(tmpdir(), 'account-planner-xlsx-workbook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function file(name: string, fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Data'));
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

describe('XlsxWorkbook', () => {
  it('draws gridLines as thin borders on every side of every cell of the region, and nowhere else', async () => {
    const wb = XlsxWorkbook.open(await file('lines.xlsx', (ws) => (ws.getCell('A1').value = 'x')));
    wb.write({ ...emptySpec(), styles: [{ sheet: 'Data', region: { row: 1, col: 0, rows: 2, cols: 2 }, gridLines: '#BFBFBF' }] });
    wb.save(join(dir, 'lines-out.xlsx'));
    wb.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'lines-out.xlsx'));
    const ws = book.getWorksheet('Data')!;
    for (const [r, c] of [[2, 1], [3, 2]]) {
      const border = ws.getCell(r, c).border;
      for (const side of ['top', 'left', 'bottom', 'right'] as const) expect(border[side]).toEqual({ style: 'thin', color: { argb: 'FFBFBFBF' } });
    }
    expect(ws.getCell(4, 1).border?.top).toBeUndefined();
  });

  it("reads a cell's number format: its own, its column's, General where it has none", async () => {
    const wb = XlsxWorkbook.open(
      await file('formats.xlsx', (ws) => {
        ws.getCell('B2').value = 12.5;
        ws.getCell('B2').numFmt = '[$€-413] #,##0.00';
        ws.getCell('C2').value = 3;
        ws.getCell('C2').numFmt = '#,##0.00';
        ws.getCell('A1').value = 'x';
      }),
    );
    expect(wb.numberFormat('Data', 1, 1)).toBe('[$€-413] #,##0.00');
    expect(wb.numberFormat('Data', 1, 2)).toBe('#,##0.00');
    expect(wb.numberFormat('Data', 0, 0)).toBe('General');
    expect(wb.numberFormat('Data', 5, 5)).toBe('General');
    wb.close();
  });

  it('reads a sheet again with the same cells, whatever the earlier reader did to its values', async () => {
    const path = await file('reads.xlsx', (ws) => {
      ws.addRow(['Customer', 'Sales', 'Date']);
      ws.addRow(['Bakkerij Jansen', 1250.5, new Date(Date.UTC(2026, 2, 1))]);
      ws.addRow(['Van Dijk BV', null, 'note']);
    });
    const wb = XlsxWorkbook.open(path);
    const fresh = sheetValues(wb.pkg, 'Data');
    expect(fresh.values[1][0]).toBe('Bakkerij Jansen');
    // Three reads, each changed by its reader as commands may: the next still gets the sheet as stored.
    for (let i = 0; i < 3; i++) {
      const read = wb.readSheet('Data');
      expect(read).toEqual(fresh);
      read.values[1][0] = 'changed';
      read.values[2].push('extra');
      read.values.pop();
    }
    // After a write, a read sees the workbook as written.
    wb.write({ ...emptySpec(), blocks: [{ sheet: 'Data', row: 0, col: 3, values: [['Tier']] }] });
    const after = wb.readSheet('Data');
    expect(after.values.map((row) => row.slice(0, 3))).toEqual(fresh.values);
    expect(after.values[0][3]).toBe('Tier');
    wb.close();
  });
});
