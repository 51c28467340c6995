// The runner's options of issue 13 end to end on real .xlsx files: --cutoffs auto, --compare.
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { parseCsvLine } from '../support/fixtures';
import { writeXlsx } from '../support/xlsx-files';
import { serial } from '../helpers';
import { tierMigrationInvoices } from '../support/revenue-sheets';

const dir = mkdtempSync(join(tmpdir(), 'account-planner-analysis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, 'customers.xlsx');
const REFERENCE = JSON.parse(readFileSync(join(__dirname, '../fixtures/abc/reference.json'), 'utf8'));
const customers: number[] = REFERENCE.superstore_customers.values;

const run = runCli;

beforeAll(async () => {
  await writeXlsx(input, { Sales: [['Customer', 'Sales'], ...customers.map((v, i) => [`Customer ${i + 1}`, v])] });
});

describe('account-planner analyze --cutoffs auto', () => {
  it('tiers the customers exactly as the R package ABCanalysis does, and says where the cutoffs came from', async () => {
    const out = join(dir, 'auto.xlsx');
    const r = await run('analyze', input, '--cutoffs', 'auto', '--out', out, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Cutoffs computed from the data \(computed ABC analysis, Ultsch & Lötsch 2015\): A up to \d+\.\d% of revenue, B up to \d+\.\d%\.$/m);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet('Sales')!;
    expect(ws.getCell('C1').value).toBe('Tier');
    const expected: string[] = new Array(customers.length);
    const r2 = REFERENCE.superstore_customers;
    for (const [label, list] of [['A', r2.Aind], ['B', r2.Bind], ['C', r2.Cind]] as const) for (const i of list) expected[i - 1] = label;
    expect(customers.map((_, i) => ws.getCell(i + 2, 3).value)).toEqual(expected);
  });

  it('says in Dutch why there are no computed cutoffs when every customer has the same total', async () => {
    const even = join(dir, 'even.xlsx');
    await writeXlsx(even, { Verkoop: [['Klant', 'Omzet'], ['a', 100], ['b', 100], ['c', 100]] });
    const r = await run('analyze', even, '--cutoffs', 'AUTO', '--out', join(dir, 'even-out.xlsx'), '--lang', 'nl');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^account-planner: Uit deze totalen zijn geen grenzen te berekenen: de berekende ABC-analyse heeft minstens twee klanten/);
  });
});

// Two years of invoices in which Core and Dell move down, Echo is lost and Fox is new (see
// tierMigrationInvoices).
const INVOICES = tierMigrationInvoices();

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/** One sheet of a workbook as rows of CSV cells, as LibreOffice computes them. */
function recalculated(path: string, sheetName: string): string[][] {
  const out = join(dir, `csv-${basename(path, '.xlsx')}`); // one folder per workbook: its sheets' files share names
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', path, '--outdir', out], { stdio: 'pipe', timeout: 120_000 });
  const file = readdirSync(out).find((f) => f.endsWith(`-${sheetName}.csv`))!;
  return readFileSync(join(out, file), 'utf8').split('\n').map(parseCsvLine);
}

/** A matrix of the migration sheet (three tiers, New, Total) from its title row, as shown. */
function matrixTitled(rows: string[][], title: string): string[][] {
  const at = rows.findIndex((r) => r[0] === title);
  return rows.slice(at, at + 6).map((r) => r.slice(0, 6));
}

/** The accounts matrix the INVOICES give, whatever the three tiers are called (as LibreOffice shows it). */
function accountsMoved([a, b, c]: string[]): string[][] {
  return [
    ['Accounts: from (rows) to (columns)', a, b, c, 'Lost', 'Total'],
    [a, '2', '0', '0', '0', '2'],
    [b, '0', '0', '2', '1', '3'],
    [c, '0', '0', '0', '0', '0'],
    ['New', '1', '0', '0', '0', '1'],
    ['Total', '3', '0', '2', '1', '6'],
  ];
}

describe('account-planner analyze --compare', () => {
  const invoices = join(dir, 'invoices.xlsx');
  const compared = join(dir, 'compared.xlsx');
  beforeAll(async () => {
    await writeXlsx(invoices, { Invoices: INVOICES }, { Invoices: [1] });
  });

  it('adds a Tier migration sheet with the tiers of both periods, and says who moved', async () => {
    const r = await run('analyze', invoices, '--compare', '--out', compared, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tier migration on the sheet Tier migration: 2 accounts moved down, 1 lost, 1 new.');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(compared);
    const ws = book.getWorksheet('Tier migration')!;
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'landscape' });
    expect(ws.getCell('A1').value).toBe('Tier migration: 2024-01-01 – 2024-12-31 against 2025-01-01 – 2025-12-31');
    expect(ws.getCell('A2').value).toMatch(/One line without a date is not counted\./);
    // The account table: names and tiers as values, revenue as SUMIFS over the analysis's own
    // amounts, "Counted as" keys and dates (its names), so " Beta " counts as Beta, as in the analysis
    const table = [4, 5, 6, 7, 8, 9].map((r) => [ws.getCell(r + 1, 10).value, ws.getCell(r + 1, 11).value, ws.getCell(r + 1, 12).value]);
    expect(table).toEqual([['Acme', 'A', 'A'], ['Beta', 'A', 'A'], ['Core', 'B', 'C'], ['Dell', 'B', 'C'], ['Echo', 'B', 'Lost'], ['Fox', 'New', 'A']]);
    expect((ws.getCell('M5').value as { formula: string }).formula).toBe(
      'SUMIFS(AccountPlanner_Amounts,AccountPlanner_Keys,"=Acme*",AccountPlanner_Keys,"<>Acme?*",AccountPlanner_Dates,">="&DATE(2024,1,1),AccountPlanner_Dates,"<"&DATE(2025,1,1))',
    );
    expect((ws.getCell('N6').value as { formula: string }).formula).toMatch(/^SUMIFS\(AccountPlanner_Amounts,AccountPlanner_Keys,"=Beta\*",AccountPlanner_Keys,"<>Beta\?\*",/);
  });

  it.skipIf(!soffice)('recalculated by LibreOffice, its matrices and lists match the core', () => {
    const rows = recalculated(compared, 'Tier migration');
    const block = (title: string) => matrixTitled(rows, title);
    expect(block('Accounts: from (rows) to (columns)')).toEqual(accountsMoved(['A', 'B', 'C']));
    const before = block('Revenue 2024-01-01 – 2024-12-31');
    expect(before[1].slice(1)).toEqual(['800', '0', '0', '0', '800']);
    expect(before[2].slice(1)).toEqual(['0', '0', '150', '50', '200']);
    const after = block('Revenue 2025-01-01 – 2025-12-31');
    expect(after[1].slice(1)).toEqual(['800', '0', '0', '0', '800']);
    expect(after[2].slice(1)).toEqual(['0', '0', '50', '0', '50']);
    expect(after[4].slice(1)).toEqual(['300', '0', '0', '0', '300']);
    const down = rows.findIndex((r) => r[0] === 'Moved down, largest loss first');
    expect(rows.slice(down + 2, down + 4).map((r) => r.slice(0, 6))).toEqual([
      ['Core', 'B', 'C', '100', '10', '-90'],
      ['Dell', 'B', 'C', '50', '40', '-10'],
    ]);
    const lost = rows.findIndex((r) => r[0] === 'Lost accounts');
    expect(rows[lost + 2].slice(0, 3)).toEqual(['Echo', 'B', '50']);
  });

  it.skipIf(!soffice)('counts tiers named like wildcards or operators exactly, as LibreOffice recalculates them', async () => {
    const odd = join(dir, 'odd-labels.xlsx');
    const r = await run('analyze', invoices, '--compare', '--labels', 'A*,B?,<C', '--out', odd, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(matrixTitled(recalculated(odd, 'Tier migration'), 'Accounts: from (rows) to (columns)')).toEqual(accountsMoved(['A*', 'B?', '<C']));
  });

  it('plans --moved-down plans the accounts that moved down on the Tier migration sheet, and only those', async () => {
    const planned = join(dir, 'moved-down.xlsx');
    const r = await run('plans', compared, '--moved-down', '--out', planned, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Plan – Core');
    expect(r.out).toContain('Plan – Dell');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(planned);
    expect(book.worksheets.map((w) => w.name).filter((n) => n.startsWith('Plan – '))).toEqual(['Plan – Core', 'Plan – Dell']);
    const both = await run('plans', compared, '--moved-down', '--tier', 'A', '--out', join(dir, 'x.xlsx'), '--lang', 'en');
    expect(both.err).toBe('account-planner: give one of --tier, --accounts, --key-accounts and --moved-down, not more');
    const none = await run('plans', invoices, '--moved-down', '--out', join(dir, 'x.xlsx'), '--lang', 'nl');
    expect(none.code).toBe(1);
    expect(none.err).toBe('account-planner: Er is nog geen blad Verschuivingen: vergelijk eerst perioden (Analyse › Perioden vergelijken, of account-planner analyze --compare).');
  });

  it('in Dutch: Verschuivingen; a split date outside the data is a clear error', async () => {
    const nl = await run('analyze', invoices, '--split', '2025-01-01', '--out', join(dir, 'nl.xlsx'), '--lang', 'nl');
    expect(nl.code).toBe(0);
    expect(nl.out).toContain('Verschuivingen op het blad Verschuivingen: 2 klanten gezakt, 1 verloren, 1 nieuw.');
    const outside = await run('analyze', invoices, '--split', '2030-01-01', '--out', join(dir, 'x.xlsx'), '--lang', 'en');
    expect(outside.code).toBe(1);
    expect(outside.err).toBe('account-planner: The split date 2030-01-01 is not inside the dates of the data (2024-03-01 to 2025-12-31).');
    const bad = await run('analyze', invoices, '--split', '1-1-2025', '--out', join(dir, 'x.xlsx'), '--lang', 'en');
    expect(bad.err).toBe('account-planner: --split must be a date written as YYYY-MM-DD, not 1-1-2025');
    const noDate = await run('analyze', invoices, '--compare', '--date', 'none', '--out', join(dir, 'x.xlsx'), '--lang', 'en');
    expect(noDate.err).toBe('account-planner: Comparing periods needs a date column: choose one.');
  });
});

describe('account-planner analyze --within', () => {
  // North: Acme 900 (A), Beta 100 (B). South: Dell 450 and Core 400 (A), Acme 50 (B).
  const regions = join(dir, 'regions.xlsx');
  beforeAll(async () => {
    await writeXlsx(
      regions,
      {
        Sales: [
          ['Customer', 'Region', 'Date', 'Amount'],
          ['Acme', 'North', serial(2025, 1, 2), 900],
          ['Beta', 'North', serial(2025, 2, 2), 100],
          ['Acme', 'South', serial(2025, 3, 2), 50],
          ['Core', 'South', serial(2025, 4, 2), 400],
          ['Dell', 'South', serial(2025, 5, 2), 450],
        ],
      },
      { Sales: [2] },
    );
  });

  it('tiers each account within its region, by header or letter, with a block per region on the Pareto sheet', async () => {
    for (const given of ['region', 'B']) {
      const out = join(dir, `within-${given}.xlsx`);
      const r = await run('analyze', regions, '--within', given, '--out', out, '--lang', 'en');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const ws = book.getWorksheet('Sales')!;
      expect([2, 3, 4, 5, 6].map((row) => ws.getCell(row, 5).value)).toEqual(['A', 'B', 'B', 'A', 'A']);
      const pareto = book.getWorksheet('Pareto')!;
      const a = Array.from({ length: 160 }, (_, i) => pareto.getCell(i + 1, 1).value);
      expect(a).toContain('Tiers within each Region');
      const south = a.indexOf('South') + 1;
      expect([1, 2, 3, 4].map((i) => [pareto.getCell(south + i, 1).value, pareto.getCell(south + i, 2).value])).toEqual([['A', 2], ['B', 1], ['C', 0], ['Total', 3]]);
    }
  });

  it('refuses an unknown column, and --compare together with --within, in one line', async () => {
    const unknown = await run('analyze', regions, '--within', 'Rep', '--out', join(dir, 'x.xlsx'), '--lang', 'en');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('account-planner: --within: no column "Rep" in the table on Sales (columns: A "Customer", B "Region", C "Date", D "Amount")');
    const both = await run('analyze', regions, '--within', 'Region', '--compare', '--out', join(dir, 'x.xlsx'), '--lang', 'nl');
    expect(both.code).toBe(1);
    expect(both.err).toBe('account-planner: Perioden vergelijken deelt alle klanten samen in, niet binnen groepen: doe het zonder kolom Binnen.');
  });
});
