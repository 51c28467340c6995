// The proof that generated sheets work without the add-in: LibreOffice (headless) opens the
// runner's output, recalculates its native formulas, and they give the expected numbers.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/xlsx/cli';
import { dutchInvoices } from '../support/revenue-sheets';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { writeXlsx } from '../support/xlsx-files';

const soffice = hasSoffice;
const EPOCH = Date.UTC(1899, 11, 30);
const day = 86400000;
const iso = (serial: number) => new Date(EPOCH + serial * day).toISOString().slice(0, 10);
const today = Math.floor((Date.now() - EPOCH) / day);

/** Every sheet of a workbook as rows of CSV cells, as LibreOffice computes them. */
const recalculated = (path: string, dir: string) => sheetsAsCsv(path, dir);

const rowWith = (rows: string[][], label: string) => rows.find((r) => r[0] === label) ?? [];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!soffice)('generated workbooks recalculated by LibreOffice (libreoffice-calc-nogui)', () => {
  it('tiers, plan facts, review dates and the overview compute to the expected numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-planner-lo-'));
    dirs.push(dir);
    const input = join(dir, 'verkoop.xlsx');
    // Invoices dated relative to today, so "this year" and "last 12 months" are known
    const rows = dutchInvoices().map((r, i) => (i >= 3 && typeof r[2] === 'number' ? [r[0], r[1], today - 10 * i, r[3], r[4]] : r));
    await writeXlsx(input, { Verkoop: rows }, { Verkoop: [2] });
    const quiet = () => undefined;
    expect(await main(['analyze', input, '--out', join(dir, 'analysed.xlsx'), '--lang', 'en'], quiet, quiet)).toBe(0);
    const start = today - 40;
    expect(await main(['plans', join(dir, 'analysed.xlsx'), '--tier', 'A', '--start', iso(start), '--out', join(dir, 'planned.xlsx'), '--lang', 'en'], quiet, quiet)).toBe(0);

    // A rep fills in the plan: a target and two actions, one overdue and open, one done
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'planned.xlsx'));
    const plan = book.getWorksheet('Plan – Bakkerij Jansen')!;
    const find = (label: string) => plan.getColumn(1).values.findIndex((v) => v === label);
    plan.getCell(find('Target this year'), 2).value = 20000;
    const actions = find('Action') + 1;
    plan.getCell(actions, 1).value = 'Visit the board';
    plan.getCell(actions, 3).value = new Date(EPOCH + (today - 3) * day);
    plan.getCell(actions, 4).value = 'In progress';
    plan.getCell(actions + 1, 1).value = 'Send the proposal';
    plan.getCell(actions + 1, 3).value = new Date(EPOCH + (today - 5) * day);
    plan.getCell(actions + 1, 4).value = 'Done';
    await book.xlsx.writeFile(join(dir, 'filled.xlsx'));

    const sheets = recalculated(join(dir, 'filled.xlsx'), dir);
    // The tier column the analysis wrote (values) sits beside the data
    expect(sheets.Verkoop[3].slice(5, 8)).toEqual(['A', '72.463768115942%', expect.any(String)]);
    // Jansen's lines as the analysis counts them, " bakkerij jansen " with its spaces too: rows 4
    // (5,000), 6 (3,000) and 12 (2,000). The plan starts before the data ends, so its facts are
    // measured up to the plan start: the line of today - 30 is after it.
    const jansen = [[today - 30, 5000], [today - 50, 3000], [today - 110, 2000]];
    const inYear = (serial: number) => new Date(EPOCH + serial * day).getUTCFullYear() === new Date(EPOCH + start * day).getUTCFullYear();
    const last12 = jansen.filter(([d]) => d > start - 365 && d <= start).reduce((s, [, a]) => s + a, 0);
    const thisYear = jansen.filter(([d]) => inYear(d) && d <= start).reduce((s, [, a]) => s + a, 0);
    const p = sheets['Plan – Bakkerij Jansen'];
    expect(rowWith(p, 'Tier')[1]).toBe('A');
    expect(Number(rowWith(p, 'Revenue, last 12 months')[1])).toBe(last12);
    expect(rowWith(p, 'Revenue measured up to')[1]).toBe(iso(start));
    expect(Number(rowWith(p, 'Revenue this year, to that date')[1])).toBe(thisYear);
    expect(rowWith(p, 'Review 1 (day 30)')[1]).toBe(iso(start + 30));
    expect(rowWith(p, 'Review 3 (day 90)')[1]).toBe(iso(start + 90));
    // The overview reads the plan: gap, attainment, next review, overdue actions, days since review
    const o = sheets['Plans overview'].find((r) => r[0] === 'Plan – Bakkerij Jansen')!;
    expect(o.slice(1, 4)).toEqual(['Bakkerij Jansen', '', 'A']);
    expect(Number(o[5])).toBe(20000);
    expect(Number(o[6])).toBe(thisYear);
    expect(Number(o[7])).toBe(20000 - thisYear);
    expect(o[8]).toBe(`${Math.round((thisYear / 20000) * 100)}%`);
    expect(o[9]).toBe(iso(start + 30));
    expect(Number(o[10])).toBe(1);
    expect(Number(o[11])).toBe(40);
  }, 180_000);
});
