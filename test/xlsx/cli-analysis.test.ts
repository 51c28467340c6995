// The runner's options of issue 13 end to end on real .xlsx files: --cutoffs auto.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/xlsx/cli';
import { writeXlsx } from '../support/xlsx-files';

const dir = mkdtempSync(join(tmpdir(), 'account-planner-analysis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, 'customers.xlsx');
const REFERENCE = JSON.parse(readFileSync(join(__dirname, '../fixtures/abc/reference.json'), 'utf8'));
const customers: number[] = REFERENCE.superstore_customers.values;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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
