// The task pane's bridge: what it says about its host, and the ƒx tab's insert into the active
// cell in one round-trip (Excel.run stand-in; the commands themselves are tested on ExcelWorkbook).
import { afterEach, describe, expect, it } from 'vitest';
import { excelBridge } from '../../src/excel/bridge';
import { apply } from '../../shared/commands/analysis';
import { MemoryWorkbook } from '../support/memory-workbook';
import { standInExcel, standInExcelFrom } from './stand-in';

const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  delete globals.Excel;
  delete globals.Office;
});

describe('the Excel bridge', () => {
  it('is the Excel host, in the display language Office reports', () => {
    globals.Office = { context: { displayLanguage: 'nl-NL' } };
    const bridge = excelBridge();
    expect(bridge.host).toBe('excel');
    expect(bridge.displayLanguage()).toBe('nl-NL');
  });

  it('inserts a formula into the active cell with one sync', async () => {
    const cell: { formulas?: unknown } = {};
    let syncs = 0;
    const context = { workbook: { getActiveCell: () => cell }, sync: async () => void syncs++ };
    globals.Excel = { run: (batch: (c: typeof context) => Promise<unknown>) => batch(context) };
    await excelBridge().insertFormula!('=KAM.PARETO_TIER(C2:C500, A2:A500)');
    expect(cell.formulas).toEqual([['=KAM.PARETO_TIER(C2:C500, A2:A500)']]);
    expect(syncs).toBe(1);
  });

  it('tiers within a column through the Excel workbook (stand-in): the request crosses whole', async () => {
    const excel = standInExcel({ sheets: { Sales: [['Customer', 'Region', 'Amount'], ['Acme', 'North', 900], ['Beta', 'North', 100], ['Acme', 'South', 50], ['Core', 'South', 400]] } });
    globals.Excel = { run: excel.run };
    const request = { language: 'en' as const, sheet: 'Sales', account: 0, amount: 2, date: null, within: 1 };
    const p = await excelBridge().preview(request);
    expect(p.within).toMatchObject({ column: { title: 'Region' }, groups: 2 });
    expect(p.tiers.map((l) => [l.label, l.accounts])).toEqual([['A', 2], ['B', 2], ['C', 0]]);
    expect((await excelBridge().apply(request)).status).toBe('written');
    const tiers = excel.find('values', 'set').find((c) => c.target.includes('"Sales"') && JSON.stringify(c.args).includes('Tier'));
    expect((tiers!.args[0] as unknown[][]).map((r) => r[0])).toEqual(["'Tier", "'A", "'B", "'B", "'A"]);
  });

  it('compares periods through the Excel workbook (stand-in): info, one read, one write', async () => {
    const day = (m: number) => 45658 + 30 * m; // from 1 Jan 2025, a month apart
    // The analysis as written (the stand-in keeps no writes): Acme 900 → 100 moved down, Beta up.
    const m = new MemoryWorkbook({ Sales: [['Customer', 'Date', 'Amount'], ['Acme', day(0), 900], ['Beta', day(1), 100], ['Acme', day(7), 100], ['Beta', day(8), 900]] });
    apply(m, { host: 'excel', language: 'en' });
    const excel = standInExcelFrom(m);
    globals.Excel = { run: excel.run };
    const result = await excelBridge().writeMigrationSheet({ language: 'en', split: day(6) });
    expect(result).toMatchObject({ sheet: 'Tier migration', movedDown: 1, lost: 0, added: 0 });
    expect(excel.sheets).toContain('Tier migration');
    expect(excel.syncs).toBe(3);
  });

  it('passes a command’s message on as the error the pane shows', async () => {
    globals.Excel = { run: () => Promise.reject(new Error('This workbook is read-only.')) };
    await expect(excelBridge().detect({ language: 'en' })).rejects.toThrow('This workbook is read-only.');
  });
});
