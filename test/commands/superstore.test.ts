// The public Superstore dataset (../shared/data, beside the project; skipped in a user's clone):
// 9,994 order lines, 793 customers, and two small tables pasted under the orders.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { Preview, preview } from '../../shared/commands/analysis';
import { parseCsvLine } from '../support/fixtures';
import { MemoryWorkbook } from '../support/memory-workbook';

const file = join(__dirname, '../../../shared/data/superstore.csv');

function parseCsv(text: string): Cell[][] {
  // As a spreadsheet opens a CSV: numbers become numbers, empty cells blanks.
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => parseCsvLine(line).map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
}

describe.skipIf(!existsSync(file))('the Superstore dataset (../shared/data/superstore.csv)', () => {
  it('finds the order table, stops before the pasted tables, and tiers the 793 customers 396 / 209 / 188', () => {
    const rows = parseCsv(readFileSync(file, 'utf8'));
    const header = rows[0] as string[];
    const wb = new MemoryWorkbook({ Orders: rows });
    const p = preview(wb, { host: 'xlsx', language: 'en', account: header.indexOf('Customer ID'), amount: header.indexOf('Sales') }) as Preview;
    expect(p.address).toBe('A1:U9995');
    expect(p.rows).toBe(9994);
    expect(p.accounts).toBe(793);
    expect(p.revenue).toBeCloseTo(2297200.86, 2);
    expect(p.tiers.map((t) => t.accounts)).toEqual([396, 209, 188]);
    // Revenue is far less concentrated than 80/20: worth showing users
    expect(p.headline).toBe('49.9% of your customers bring 80.1% of revenue');
  });
});
