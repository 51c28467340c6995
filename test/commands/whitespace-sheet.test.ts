// Whitespace: the product column found, the plan's grid and the Whitespace sheet written by the
// command line, recalculated by LibreOffice from the written workbook and compared with sums
// worked out by hand; the column chosen or refused with --product; the Superstore data as an
// optional extra.
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { findTable, suggestColumns } from '../../shared/commands/table';
import { apply } from '../../shared/commands/analysis';
import { generatePlans } from '../../shared/commands/plans';
import { MemoryWorkbook } from '../support/memory-workbook';
import { accountKey } from '../../shared/formulas/pareto';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { PRODUCT_GROUPS, productSales } from '../support/product-sales';
import { serialOf } from '../support/revenue-sheets';
import { runCli } from '../support/run-cli';
import { SUPERSTORE, superstoreRows } from '../support/superstore';
import { writeXlsx } from '../support/xlsx-files';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-whitespace-'));
  dirs.push(dir);
  return dir;
};
const run = async (...args: string[]) => {
  const r = await runCli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return r;
};

const FORMULA_ERROR = /^(#NAME\?|#REF!|#VALUE!|#DIV\/0!|#N\/A|#NUM!|#NULL!|Err:\d+)$/;
/** Every cell of every sheet that shows a formula error, as "sheet!row,col text". */
const errorsIn = (sheets: Record<string, string[][]>) =>
  Object.entries(sheets).flatMap(([name, rows]) => rows.flatMap((row, r) => row.flatMap((text, c) => (FORMULA_ERROR.test(text.trim()) ? [`${name}!${r + 1},${c + 1} ${text}`] : []))));

/** The row whose first cell is `label`. */
const line = (rows: string[][], label: string) => rows.find((r) => r[0] === label) ?? [];

/** The rows under a header row whose first cell is `header`, up to the first empty first cell. */
function block(rows: string[][], header: string): string[][] {
  const at = rows.findIndex((r) => r[0] === header);
  expect(at, header).toBeGreaterThanOrEqual(0);
  const out: string[][] = [];
  for (let r = at + 1; r < rows.length && rows[r][0]; r++) out.push(rows[r]);
  return out;
}

describe('finding the product column', () => {
  const table = (rows: Cell[][]) => {
    const values = { sheet: 'S', origin: { row: 0, col: 0 }, values: rows };
    return suggestColumns(values, findTable(values)!);
  };
  it('takes a product-group header (English or Dutch) with a few repeating values', () => {
    expect(table(productSales()).product).toBe(2);
    const rows = productSales().map((r, i) => [r[0], r[1], i === 0 ? 'Product group' : r[2], r[3], i === 0 ? 'Category' : 'All']);
    expect(table(rows).product).toBe(2); // a product group beats a category
  });
  it('leaves out a column of notes, codes, and a list of single products with a value on every line', () => {
    const notes = productSales().map((r, i) => [r[0], r[1], i === 0 ? 'Opmerking' : r[2], r[3]]);
    expect(table(notes).product).toBeNull();
    const codes = productSales().map((r, i) => [r[0], r[1], i === 0 ? 'Product ID' : r[2], r[3]]);
    expect(table(codes).product).toBeNull();
    const many = [['Customer', 'Product', 'Sales'], ...Array.from({ length: 200 }, (_, i) => [`C${i % 7}`, `Item ${i}`, 10 + i])];
    expect(table(many).product).toBeNull();
  });
});

describe('writing the Whitespace sheet again', () => {
  const planned = async (accounts: string[]) => {
    const m = new MemoryWorkbook({ Omzet: productSales() as (string | number)[][] });
    apply(m, { host: 'xlsx', language: 'en', today: serialOf(2026, 1, 2) });
    await generatePlans(m, { host: 'xlsx', language: 'en', accounts: { names: accounts }, template: 'key', planStart: serialOf(2026, 1, 15) });
    return m;
  };
  const more = (m: MemoryWorkbook, account: string) => generatePlans(m, { host: 'xlsx', language: 'en', accounts: { names: [account] }, template: 'key', planStart: serialOf(2026, 1, 15) });

  it('rewrites its own sheet in place with the accounts planned since', async () => {
    const m = await planned(['Acme']);
    await more(m, 'Bolt');
    expect([...m.sheets.keys()].filter((n) => /^Whitespace/.test(n))).toEqual(['Whitespace']);
    const accounts = m.names.AccountPlanner_WhitespaceAccounts.region;
    expect([0, 1].map((k) => m.sheet('Whitespace').cells.get(`${accounts.row + k},0`)?.value)).toEqual(['Acme', 'Bolt']);
  });

  it('leaves a note the user typed on it, or under it, where it is, and writes a new sheet', async () => {
    for (const where of ['beside the title', 'under the table']) {
      const m = await planned(['Acme']);
      const own = m.names.AccountPlanner_Whitespace.region;
      const at = where === 'beside the title' ? `0,${own.cols - 1}` : `${own.row + own.rows},0`;
      m.sheet('Whitespace').cells.set(at, { value: 'Ask Acme about tea' });
      const before = new Map(m.snapshot('Whitespace'));
      await more(m, 'Bolt');
      expect(m.snapshot('Whitespace'), where).toEqual(before);
      expect(m.names.AccountPlanner_Whitespace.sheet, where).toBe('Whitespace 2');
    }
  });
});

describe.skipIf(!hasSoffice)('the whitespace grid and sheet, recalculated by LibreOffice', () => {
  it('match the sums by hand, in Dutch then English, with the cross-sell hint counting the other planned accounts', async () => {
    const dir = tempDir();
    const input = join(dir, 'omzet.xlsx');
    await writeXlsx(input, { Omzet: productSales() }, { Omzet: [1] });
    await run('analyze', input, '--lang', 'nl', '--out', join(dir, 'analysed.xlsx'));
    // Plans start after the data ends: everything is measured up to the data's last date.
    const first = await run('plans', join(dir, 'analysed.xlsx'), '--accounts', 'Acme;Bolt', '--lang', 'nl', '--start', '2026-01-15', '--out', join(dir, 'nl.xlsx'));
    expect(first.out).toContain('het blad Witte vlekken');
    await run('plans', join(dir, 'nl.xlsx'), '--accounts', 'Cera;Dino;Eos', '--lang', 'en', '--start', '2026-01-15', '--out', join(dir, 'both.xlsx'));

    const nl = sheetsAsCsv(join(dir, 'nl.xlsx'), dir);
    expect(errorsIn(nl)).toEqual([]);
    const acmeNl = block(nl['Plan – Acme'], 'Productgroep');
    expect(acmeNl.map((r) => r[0])).toEqual(PRODUCT_GROUPS);
    expect(acmeNl.map((r) => r.slice(1, 4))).toEqual([
      ['1000', '0', ''], // bought: no hint
      ['0', '0', '1'], // Melk: Bolt buys it
      ['500', '300', ''],
      ['0', '0', '0'], // Suiker: Bolt's line is older than 12 months
      ['0', '0', '0'],
      ['40', '0', ''], // "Thee*" is its own group, not every tea
    ]);
    const sheetNl = nl['Witte vlekken'];
    expect(sheetNl[0][0]).toMatch(/^Witte vlekken: /);
    expect(block(sheetNl, 'Klant').map((r) => r.slice(0, 9))).toEqual([
      ['Acme', 'Plan – Acme', '1000', '0', '500', '0', '0', '40', '3'],
      ['Bolt', 'Plan – Bolt', '2000', '400', '0', '0', '0', '0', '2'],
      ['Klanten die het kopen', '', '2', '1', '1', '0', '0', '1', ''],
      ['Penetratie', '', '100%', '50%', '50%', '0%', '0%', '50%', ''],
    ]);

    const both = sheetsAsCsv(join(dir, 'both.xlsx'), dir);
    expect(errorsIn(both)).toEqual([]);
    // The sheet follows the latest run: all five planned accounts, English words, same groups.
    const sheet = both['Witte vlekken'];
    expect(line(sheet, 'Account').slice(0, 9)).toEqual(['Account', 'Plan tab', ...PRODUCT_GROUPS, 'Groups bought']);
    expect(line(sheet, 'Revenue of the 12 months up to').slice(0, 2)).toEqual(['Revenue of the 12 months up to', '2025-12-30']);
    expect(block(sheet, 'Account').map((r) => r.slice(0, 9))).toEqual([
      ['Acme', 'Plan – Acme', '1000', '0', '500', '0', '0', '40', '3'],
      ['Bolt', 'Plan – Bolt', '2000', '400', '0', '0', '0', '0', '2'],
      ['Cera', 'Plan – Cera', '0', '700', '0', '0', '80', '0', '2'],
      ['Dino', 'Plan – Dino', '0', '0', '0', '50', '0', '0', '1'],
      ['Eos', 'Plan – Eos', '0', '0', '0', '0', '0', '0', '0'],
      ['Accounts buying it', '', '2', '2', '1', '1', '1', '1', ''],
      ['Penetration', '', '40%', '40%', '20%', '20%', '20%', '20%', ''],
    ]);
    // Acme's hints now count the accounts planned since; Cera's Koffie: bought the year before only.
    expect(block(both['Plan – Acme'], 'Productgroep').map((r) => r[3])).toEqual(['', '2', '', '1', '1', '']);
    expect(block(both['Plan – Cera'], 'Product group').map((r) => r.slice(0, 4))).toEqual([
      ['Koffie', '0', '100', '2'],
      ['Melk', '700', '0', ''],
      ['Thee', '0', '0', '1'],
      ['Suiker', '0', '0', '1'],
      ['200', '80', '0', ''],
      ['Thee*', '0', '0', '1'],
    ]);
    expect(block(both['Plan – Eos'], 'Product group').map((r) => r[3])).toEqual(['2', '2', '1', '1', '1', '1']);
    // The plan's own facts still count the line without a group.
    expect(both['Plan – Acme'].find((r) => r[0] === 'Omzet, laatste 12 maanden')?.[1]).toBe('1565');
  }, 300_000);

  it('--product picks the column by header or letter, none leaves the whitespace out, an unknown one is one line in the run language', async () => {
    const dir = tempDir();
    const rows = productSales().map((r, i) => [...r, i === 0 ? 'Regio' : i % 2 ? 'Noord' : 'Zuid']);
    const input = join(dir, 'omzet.xlsx');
    await writeXlsx(input, { Omzet: rows }, { Omzet: [1] });
    await run('analyze', input, '--lang', 'en', '--out', join(dir, 'analysed.xlsx'));
    const none = await run('plans', join(dir, 'analysed.xlsx'), '--accounts', 'Acme', '--product', 'none', '--lang', 'en', '--out', join(dir, 'none.xlsx'));
    expect(none.out).not.toContain('Whitespace');
    const noneBook = new ExcelJS.Workbook();
    await noneBook.xlsx.readFile(join(dir, 'none.xlsx'));
    expect(noneBook.worksheets.map((w) => w.name)).toEqual(['Omzet', 'Pareto', 'Plan – Acme', 'Plans overview']);
    expect(noneBook.getWorksheet('Plan – Acme')!.getColumn(1).values).not.toContain('Product group');

    await run('plans', join(dir, 'analysed.xlsx'), '--accounts', 'Acme;Bolt', '--product', 'e', '--lang', 'en', '--out', join(dir, 'region.xlsx'));
    const sheets = sheetsAsCsv(join(dir, 'region.xlsx'), dir);
    expect(errorsIn(sheets)).toEqual([]);
    expect(line(sheets.Whitespace, 'Account').slice(0, 5)).toEqual(['Account', 'Plan tab', 'Zuid', 'Noord', 'Groups bought']); // by revenue
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'region.xlsx'));
    const names = book.definedNames.model as { name: string; ranges: string[] }[];
    expect(names.find((n) => n.name === 'AccountPlanner_Products')?.ranges).toEqual(['Omzet!$E$2:$E$14']);

    const en = await runCli('overview', join(dir, 'analysed.xlsx'), '--product', 'Brand', '--lang', 'en', '--out', join(dir, 'x.xlsx'));
    expect(en.code).toBe(1);
    expect(en.err).toBe('account-planner: No column "Brand" in the revenue table on Omzet (columns: A "Klant", B "Factuurdatum", C "Productgroep", D "Omzet", E "Regio").');
    const nl = await runCli('plans', join(dir, 'analysed.xlsx'), '--accounts', 'Acme', '--product', 'Merk', '--lang', 'nl', '--out', join(dir, 'y.xlsx'));
    expect(nl.code).toBe(1);
    expect(nl.err).toMatch(/^account-planner: Geen kolom "Merk" in de omzettabel op Omzet \(kolommen: A "Klant", .*\)\.$/);
    expect(existsSync(join(dir, 'x.xlsx')) || existsSync(join(dir, 'y.xlsx'))).toBe(false);
  }, 300_000);
});

describe.skipIf(!hasSoffice || !existsSync(SUPERSTORE))('the Superstore data (../shared/data): its Sub-Category as the product groups', () => {
  it('the grid and the Whitespace sheet equal the sums of the order lines per customer and sub-category', async () => {
    const dir = tempDir();
    const { header, rows, date } = superstoreRows();
    const [customer, sub, sales] = ['Customer Name', 'Sub-Category', 'Sales'].map((h) => header.indexOf(h));
    const input = join(dir, 'superstore.xlsx');
    await writeXlsx(input, { Orders: rows }, { Orders: [date] });
    await run('analyze', input, '--account', 'Customer Name', '--amount', 'Sales', '--date', 'Order Date', '--lang', 'en', '--out', join(dir, 'analysed.xlsx'));
    const planned = ['Sean Miller', 'Tamara Chand', 'Raymond Buch'];
    await run('plans', join(dir, 'analysed.xlsx'), '--accounts', planned.join(';'), '--lang', 'en', '--start', '2019-01-15', '--out', join(dir, 'planned.xlsx'));
    const sheets = sheetsAsCsv(join(dir, 'planned.xlsx'), dir);
    expect(errorsIn(sheets)).toEqual([]);

    const orders = rows.slice(1).filter((r) => typeof r[sales] === 'number' && typeof r[date] === 'number' && r[customer]);
    const end = Math.max(...orders.map((r) => r[date] as number));
    const sum = (who: string, group: string, from: number, to: number) =>
      orders.filter((r) => accountKey(r[customer]) === accountKey(who) && String(r[sub]).toLowerCase() === group.toLowerCase() && (r[date] as number) > from && (r[date] as number) <= to).reduce((s, r) => s + (r[sales] as number), 0);
    const ws = sheets.Whitespace;
    const heads = line(ws, 'Account');
    const groups = heads.slice(2, heads.indexOf('Groups bought'));
    expect(groups).toHaveLength(17);
    expect(new Set(groups)).toEqual(new Set(orders.map((r) => String(r[sub]))));
    const table = block(ws, 'Account');
    for (const who of planned) {
      const line = table.find((r) => r[0] === who)!;
      groups.forEach((g, i) => expect(Number(line[2 + i]), `${who} ${g}`).toBeCloseTo(sum(who, g, end - 365, end), 6));
      const grid = block(sheets[`Plan – ${who}`], 'Product group');
      expect(grid.map((r) => r[0])).toEqual(groups);
      for (const r of grid) {
        expect(Number(r[1]), `${who} ${r[0]}`).toBeCloseTo(sum(who, r[0], end - 365, end), 6);
        expect(Number(r[2]), `${who} ${r[0]} before`).toBeCloseTo(sum(who, r[0], end - 730, end - 365), 6);
        const others = planned.filter((o) => o !== who && sum(o, r[0], end - 365, end) > 0).length;
        expect(r[3], `${who} ${r[0]} others`).toBe(Number(r[1]) > 0 ? '' : String(others));
      }
    }
    const buying = table.find((r) => r[0] === 'Accounts buying it')!;
    groups.forEach((g, i) => expect(Number(buying[2 + i]), g).toBe(planned.filter((o) => sum(o, g, end - 365, end) > 0).length));
  }, 600_000);
});
