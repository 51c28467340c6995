// The Key-account selection sheet as a user gets it from the runner: written by `select`, rated
// by the managers, recalculated by LibreOffice (no add-in), and planned with `plans --key-accounts`.
// The numbers are worked out by hand from the ratings typed in below.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectionLayout, selectionWords } from '../../shared/commands/selection-sheet';
import { SpecValue, emptySpec } from '../../shared/sheet-spec';
import { XlsxWorkbook } from '../../src/xlsx/workbook';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { dutchInvoices } from '../support/revenue-sheets';
import { runCli } from '../support/run-cli';
import { SUPERSTORE, superstoreRows } from '../support/superstore';
import { writeXlsx } from '../support/xlsx-files';

const EPOCH = Date.UTC(1899, 11, 30);
const today = Math.floor((Date.now() - EPOCH) / 86400000);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Dutch invoices dated in the last 12 months (so revenue and growth are known), analysed. */
async function analysed(language: 'en' | 'nl'): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-select-'));
  dirs.push(dir);
  const rows = dutchInvoices().map((r, i) => (i >= 3 && typeof r[2] === 'number' ? [r[0], r[1], today - 10 * i, r[3], r[4]] : r));
  await writeXlsx(join(dir, 'in.xlsx'), { Verkoop: rows }, { Verkoop: [2] });
  const r = await runCli('analyze', join(dir, 'in.xlsx'), '--out', join(dir, 'analysed.xlsx'), '--lang', language);
  expect(r.code, r.err).toBe(0);
  return { dir, path: join(dir, 'analysed.xlsx') };
}

// Weights as the team edits them; ratings of two managers for the three candidates (A and B:
// Bakkerij Jansen 10,000, Van Dijk BV 3,000, Kapper Anna 500), blanks where one did not rate.
const WEIGHTS = [2, 1, 1, 1, 1, 1];
const RATINGS: (number | null)[][][] = [
  [
    [5, 4, 4, 3, 5, 2], // (10+4+4+3+5+2)/7 = 4
    [5, 5, 5, 5, 5, 5], // 5
    [2, 2, 2, 2, 2, 2], // 2
  ],
  [
    [3, 2, 2, 2, 3, 1], // (6+2+2+2+3+1)/7 = 16/7
    [1, 3, null, null, null, null], // (2+3)/3 = 5/3: the blanks are left out
    [null, null, null, null, null, null], // not rated yet
  ],
];

/** What the managers type into the written workbook: weights, their ratings, their names, decisions. */
function typeIn(path: string, out: string, language: 'en' | 'nl', sheet: string): void {
  const layout = selectionLayout(3, 6, 2);
  const spec = emptySpec();
  const w = selectionWords(language);
  spec.blocks.push({ sheet, row: layout.weightRow, col: 1, values: [WEIGHTS] });
  layout.blocks.forEach((b, m) => {
    spec.blocks.push({ sheet, row: b.nameRow, col: 1, values: [[m === 0 ? 'Els' : 'Joost']] });
    spec.blocks.push({ sheet, row: b.firstRow, col: 1, values: RATINGS[m] as SpecValue[][] });
  });
  spec.blocks.push({ sheet, row: layout.firstCandidate, col: layout.columns.decision, values: [[w.yes], [w.no], [null]] });
  const wb = XlsxWorkbook.open(path);
  try {
    wb.write(spec);
    wb.save(out);
  } finally {
    wb.close();
  }
}

/** A number as the CSV gives it: percentages with their sign ("28.57142857%"). */
const number = (text: string) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));
const ERROR = /^(#|Err:)/;

describe.skipIf(!hasSoffice).each(['en', 'nl'] as const)('the Key-account selection sheet recalculated by LibreOffice (%s)', (language) => {
  it('scores, spreads, ranks and flags as worked out by hand, with no formula error anywhere; plans --key-accounts plans the "yes"', async () => {
    const { dir, path } = await analysed(language);
    const w = selectionWords(language);
    const selected = join(dir, 'selected.xlsx');
    const r = await runCli('select', path, '--managers', '2', '--out', selected, '--lang', language);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(w.sheet);
    const rated = join(dir, 'rated.xlsx');
    typeIn(selected, rated, language, w.sheet);

    const sheet = sheetsAsCsv(rated, dir)[w.sheet];
    const layout = selectionLayout(3, 6, 2);
    const c = layout.columns;
    const at = (i: number) => sheet[layout.firstCandidate + i];
    expect([0, 1, 2].map((i) => at(i)[c.account])).toEqual(['Bakkerij Jansen', 'Van Dijk BV', 'Kapper Anna']);
    expect([0, 1, 2].map((i) => at(i)[c.tier])).toEqual(['A', 'A', 'B']);
    expect([0, 1, 2].map((i) => number(at(i)[c.revenue]))).toEqual([10000, 3000, 500]);
    // Every line lies in the last 12 months: nothing the 12 months before, so each is new.
    expect([0, 1, 2].map((i) => at(i)[c.growth])).toEqual([w.newAccount, w.newAccount, w.newAccount]);
    expect(at(0)[c.category]).toMatch(/^3 /);
    // Each manager's score, the consensus, the spread, the word, the rank.
    const scores = [0, 1, 2].map((i) => c.managers.map((m) => at(i)[m]));
    expect(number(scores[0][0])).toBeCloseTo(4, 12);
    expect(number(scores[0][1])).toBeCloseTo(16 / 7, 12);
    expect(number(scores[1][0])).toBeCloseTo(5, 12);
    expect(number(scores[1][1])).toBeCloseTo(5 / 3, 12);
    expect(scores[2]).toEqual(['2', '']);
    const consensus = [0, 1, 2].map((i) => number(at(i)[c.consensus]));
    expect(consensus[0]).toBeCloseTo((4 + 16 / 7) / 2, 12);
    expect(consensus[1]).toBeCloseTo((5 + 5 / 3) / 2, 12);
    expect(consensus[2]).toBeCloseTo(2, 12);
    expect(number(at(0)[c.spread])).toBeCloseTo(4 - 16 / 7, 12);
    expect(number(at(1)[c.spread])).toBeCloseTo(5 - 5 / 3, 12);
    expect(at(2)[c.spread]).toBe(''); // one manager only: no spread
    expect([0, 1, 2].map((i) => at(i)[c.discuss])).toEqual(['', w.discussWord, '']);
    expect([0, 1, 2].map((i) => at(i)[c.rank])).toEqual(['2', '1', '3']);
    // The managers' names head their score columns; the weights' shares add up to 1.
    expect(sheet[layout.headerRow][c.managers[0]]).toBe('Score Els');
    expect(sheet[layout.weightRow + 1].slice(1, 7).map(number)).toEqual(WEIGHTS.map((x) => expect.closeTo(x / 7, 12)));
    // No formula error anywhere on the sheet.
    expect(sheet.flat().filter((v) => ERROR.test(v))).toEqual([]);

    const planned = join(dir, 'planned.xlsx');
    const p = await runCli('plans', rated, '--key-accounts', '--out', planned, '--lang', language);
    expect(p.code, p.err).toBe(0);
    expect(p.out).toContain('Plan – Bakkerij Jansen');
    expect(p.out).not.toContain('Van Dijk');
  }, 240_000);
});

describe('select and plans --key-accounts on the command line', () => {
  it('re-running never changes the earlier sheet: a new round on a new sheet, from the agreed criteria and weights', async () => {
    const { dir, path } = await analysed('en');
    const w = selectionWords('en');
    const selected = join(dir, 'selected.xlsx');
    expect((await runCli('select', path, '--managers', '2', '--out', selected)).code).toBe(0);
    const rated = join(dir, 'rated.xlsx');
    typeIn(selected, rated, 'en', w.sheet);
    const again = join(dir, 'again.xlsx');
    const r = await runCli('select', rated, '--tiers', 'A', '--out', again);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${w.sheet} 2`);
    expect(r.out).toContain(`earlier selection on ${w.sheet} is kept`);
    const before = XlsxWorkbook.open(rated);
    const after = XlsxWorkbook.open(again);
    try {
      // The first round's sheet reads exactly as it did: ratings, names, weights, decisions.
      expect(after.readSheet(w.sheet)).toEqual(before.readSheet(w.sheet));
      const round2 = after.readSheet(`${w.sheet} 2`);
      const layout = selectionLayout(2, 6, 3);
      expect(round2.values[layout.weightRow].slice(1, 7)).toEqual(WEIGHTS);
      expect(round2.values.slice(layout.firstCandidate, layout.firstCandidate + 2).map((row) => row[0])).toEqual(['Bakkerij Jansen', 'Van Dijk BV']);
      // The plans now read the new round, where nobody is marked yet.
      expect(after.info().names.AccountPlanner_SelectionDecisions.sheet).toBe(`${w.sheet} 2`);
    } finally {
      before.close();
      after.close();
    }
    const none = await runCli('plans', again, '--key-accounts', '--out', join(dir, 'p.xlsx'));
    expect(none.code).toBe(1);
    expect(none.err).toBe(`account-planner: No account is marked as key account on the sheet ${w.sheet} 2: choose "yes" in its column "Key account?" first.`);
  }, 120_000);

  it('says what is missing: no analysis, no selection sheet, a bad --managers, an unknown option', async () => {
    const { dir, path } = await analysed('en');
    const raw = join(dir, 'in.xlsx');
    const noAnalysis = await runCli('select', raw, '--out', join(dir, 'x.xlsx'));
    expect(noAnalysis.code).toBe(1);
    expect(noAnalysis.err).toMatch(/^account-planner: Run the Pareto analysis first.*\(account-planner analyze in\.xlsx\)$/);
    const noSheet = await runCli('plans', path, '--key-accounts', '--out', join(dir, 'y.xlsx'));
    expect(noSheet.code).toBe(1);
    expect(noSheet.err).toMatch(/^account-planner: There is no key-account selection sheet yet/);
    const managers = await runCli('select', path, '--managers', '0', '--lang', 'nl');
    expect(managers).toMatchObject({ code: 1, err: 'account-planner: --managers moet een geheel getal van 1 tot 12 zijn, niet 0' });
    const unknown = await runCli('select', path, '--tier', 'A');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^account-planner: unknown option --tier for select; its options are --lang, --out, --in-place, --help, --tiers, --accounts, --managers$/);
    const tiers = await runCli('select', path, '--tiers', 'Z', '--out', join(dir, 'z.xlsx'));
    expect(tiers).toMatchObject({ code: 1, err: 'account-planner: No accounts in tier Z to choose from.' });
    // --accounts: names that are not analysed accounts are said; none known is an error.
    const some = await runCli('select', path, '--accounts', 'bakkerij jansen;Nobody', '--out', join(dir, 's.xlsx'));
    expect(some.code, some.err).toBe(0);
    expect(some.out).toContain('Not in the analysed revenue table, so left out: Nobody.');
    const nobody = await runCli('select', path, '--accounts', 'Nobody;Niemand', '--out', join(dir, 'n.xlsx'), '--lang', 'nl');
    expect(nobody).toMatchObject({ code: 1, err: 'account-planner: Geen van deze klanten staat in de geanalyseerde omzettabel: Nobody, Niemand.' });
    const help = await runCli('select', '--help');
    expect(help.out).toMatch(/--managers N/);
  }, 120_000);
});

describe.skipIf(!hasSoffice || !existsSync(SUPERSTORE))('the Superstore data (../shared/data) on the selection sheet', () => {
  it('the A customers as candidates, largest first, with revenue and growth equal to the order lines summed by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-planner-select-'));
    dirs.push(dir);
    const { header, rows, date } = superstoreRows();
    const [customer, sales] = ['Customer Name', 'Sales'].map((h) => header.indexOf(h));
    const input = join(dir, 'superstore.xlsx');
    await writeXlsx(input, { Orders: rows }, { Orders: [date] });
    const analysed = join(dir, 'analysed.xlsx');
    expect((await runCli('analyze', input, '--account', 'Customer Name', '--amount', 'Sales', '--date', 'Order Date', '--lang', 'nl', '--out', analysed)).code).toBe(0);
    const selected = join(dir, 'selected.xlsx');
    const r = await runCli('select', analysed, '--tiers', 'A', '--managers', '1', '--lang', 'nl', '--out', selected);
    expect(r.code, r.err).toBe(0);
    const w = selectionWords('nl');
    const sheet = sheetsAsCsv(selected, dir)[w.sheet];
    expect(sheet.flat().filter((v) => ERROR.test(v))).toEqual([]);

    const orders = rows.slice(1).filter((o) => typeof o[sales] === 'number' && typeof o[date] === 'number' && o[customer]);
    const end = Math.max(...orders.map((o) => o[date] as number));
    const totals = new Map<string, number>();
    for (const o of orders) totals.set(String(o[customer]), (totals.get(String(o[customer])) ?? 0) + (o[sales] as number));
    const sum = (who: string, from: number, to: number) => orders.filter((o) => o[customer] === who && (o[date] as number) > from && (o[date] as number) <= to).reduce((s, o) => s + (o[sales] as number), 0);
    const layout = selectionLayout(396, 6, 1);
    const table = sheet.slice(layout.firstCandidate, layout.firstCandidate + 396);
    const names = table.map((line) => line[0]);
    // The 396 A customers of the analysis, largest total first.
    expect(new Set(names).size).toBe(396);
    expect(names.map((n) => totals.get(n)!)).toEqual([...names.map((n) => totals.get(n)!)].sort((a, b) => b - a));
    expect(table.every((line) => line[layout.columns.tier] === 'A')).toBe(true);
    for (const line of table.slice(0, 40)) {
      const who = line[0];
      const last = sum(who, end - 365, end);
      const before = sum(who, end - 730, end - 365);
      expect(Number(line[layout.columns.revenue]), who).toBeCloseTo(last, 6);
      const growth = line[layout.columns.growth];
      if (before === 0) expect(growth, who).toBe(last > 0 ? w.newAccount : '');
      else expect(Number(growth.replace('%', '')) / 100, who).toBeCloseTo(last / before - 1, 10);
    }
  }, 600_000);
});
