// Account names a spreadsheet's criteria would read as something else — "007" and 7, ids of 16
// digits, a date, TRUE — through the runner (analyze --compare, plans, overview with the
// Whitespace sheet, select), recalculated by LibreOffice: every generated sum equals the sum of
// the lines the analysis counts for that account (shared/formulas/pareto.ts groupAccounts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countedAs } from '../../shared/commands/criteria';
import { ACCOUNTS as names, GROUPS, before12, keysTable, last12, serial, sumOf } from '../support/account-keys';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { runCli } from '../support/run-cli';
import { writeXlsx } from '../support/xlsx-files';

/** How SUMIFS shows the account on the generated sheets: the "Counted as" key as LibreOffice writes it to CSV. */
const shown = (a: number) => String(countedAs(names[a]));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!hasSoffice)('account names the criteria would misread, recalculated by LibreOffice', () => {
  let sheets: Record<string, string[][]> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-planner-keys-'));
    dirs.push(dir);
    const input = join(dir, 'sales.xlsx');
    await writeXlsx(input, { Sales: keysTable() }, { Sales: [1] });
    const step = async (...args: string[]) => {
      const r = await runCli(...args);
      expect(r.code, r.err).toBe(0);
      return r;
    };
    const analysed = join(dir, 'analysed.xlsx');
    await step('analyze', input, '--compare', '--split', '2025-01-01', '--out', analysed, '--lang', 'en');
    const planned = join(dir, 'planned.xlsx');
    const accounts = names.map((n) => String(n).trim()).join(';');
    await step('plans', analysed, '--accounts', accounts, '--start', '2026-01-15', '--max', '50', '--out', planned, '--lang', 'en');
    const selected = join(dir, 'selected.xlsx');
    await step('select', planned, '--accounts', accounts, '--out', selected, '--lang', 'en');
    sheets = sheetsAsCsv(selected, dir);
  }, 240_000);

  it('has the accounts the analysis has: "7" and 7 one, "007" another, the 16-digit ids two, TRUE and true one', () => {
    expect(names.map(String)).toEqual(['007', '7', '1234567890123456', '1234567890123457', '01/02/2020', 'TRUE', '43832', '2020-01-02', '7.0', 'Acme']);
  });

  it('plan facts: each plan\'s revenue of the last 12 months and of the 12 before is its own lines only', () => {
    const plans = Object.entries(sheets).filter(([name]) => name.startsWith('Plan – '));
    expect(plans).toHaveLength(names.length);
    const value = (rows: string[][], label: string) => rows.find((r) => r[0] === label)?.[1];
    const seen = plans.map(([, rows]) => {
      const a = names.findIndex((n) => String(n).trim() === value(rows, 'Account'));
      expect(a, value(rows, 'Account')).toBeGreaterThanOrEqual(0);
      expect([Number(value(rows, 'Revenue, last 12 months')), Number(value(rows, 'Revenue, the 12 months before'))], String(names[a])).toEqual([sumOf(a, last12), sumOf(a, before12)]);
      return a;
    });
    expect(new Set(seen).size).toBe(names.length);
  });

  it('the Whitespace sheet: each account × product group cell is that account\'s lines of that group', () => {
    const rows = sheets.Whitespace;
    const header = rows.findIndex((r) => r[0] === 'Account');
    const groups = rows[header].slice(2, 2 + GROUPS.length);
    expect([...groups].sort()).toEqual(GROUPS.map(String).sort());
    // The grid tells groups apart as the sheet does: the number 7 and the text "007" are two.
    const groupOf = (g: string) => GROUPS.find((x) => String(x) === g)!;
    names.forEach((_, a) => {
      const row = rows.find((r, i) => i > header && r[0] === shown(a));
      expect(row, shown(a)).toBeDefined();
      expect(groups.map((_, j) => Number(row![2 + j])), shown(a)).toEqual(groups.map((g) => sumOf(a, (l) => last12(l) && l.group === groupOf(g))));
    });
  });

  it('the selection sheet: each candidate\'s revenue of the last 12 months', () => {
    const rows = Object.entries(sheets).find(([name]) => name.startsWith('Key-account selection'))![1];
    names.forEach((n, a) => {
      const row = rows.find((r) => r[0] === String(n).trim());
      expect(row, String(n)).toBeDefined();
      expect(Number(row![3]), String(n)).toBe(sumOf(a, last12));
    });
  });

  it('the Tier migration sheet: each account\'s revenue in both periods', () => {
    const rows = sheets['Tier migration'];
    const header = rows.findIndex((r) => r[9] === 'Account');
    const period = (text: string) => text.match(/(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/)!.slice(1).map(serial);
    const [[from1, to1], [from2, to2]] = [rows[header][12], rows[header][13]].map(period);
    names.forEach((n, a) => {
      const row = rows.find((r, i) => i > header && r[9] === String(n).trim());
      expect(row, String(n)).toBeDefined();
      expect([Number(row![12]), Number(row![13])], String(n)).toEqual([sumOf(a, (l) => l.date >= from1 && l.date <= to1), sumOf(a, (l) => l.date >= from2 && l.date <= to2)]);
    });
  });
});
