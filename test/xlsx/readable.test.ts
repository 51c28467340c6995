// The generated workbook as a reader sees it, opened in LibreOffice (headless): every number and
// date fits its column, headers fit or wrap into rows tall enough, the plan facts equal what the
// analysis counts for the account whatever its name holds, and pictures of every generated sheet.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { charCount, linesIn } from '../../shared/commands/layout';
import { accountKey } from '../../shared/formulas/pareto';
import { main } from '../../src/xlsx/cli';
import { canRender, renderSheets } from '../../scripts/render-sheets';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { writeXlsx } from '../support/xlsx-files';
import { serialOf } from '../support/revenue-sheets';

const root = join(__dirname, '../..');
const sample = join(root, 'examples/verkoop-2025.xlsx');
const pictures = join(root, 'test-artifacts/pictures');
const quiet = () => undefined;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-readable-'));
  dirs.push(dir);
  return dir;
};
const run = async (...args: string[]) => {
  const said: string[] = [];
  const code = await main(args, quiet, (line: string) => said.push(line));
  expect(code, `${args.join(' ')}: ${said.join(' ')}`).toBe(0);
};

/** The sample analysed and planned as `npm start` does (Dutch key plans, 65 of them), plus English key and quick plans; made once. */
let made: Promise<string> | null = null;
const sampleWorkbook = (dir: string): Promise<string> => (made ??= makeSampleWorkbook(dir));
async function makeSampleWorkbook(dir: string): Promise<string> {
  const analysed = join(dir, 'analysed.xlsx');
  await run('analyze', sample, '--lang', 'nl', '--out', analysed);
  await run('plans', analysed, '--tier', 'A', '--lang', 'nl', '--owner', 'Accountmanager', '--out', join(dir, 'a.xlsx'));
  await run('plans', join(dir, 'a.xlsx'), '--accounts', 'Brasserie Jansen BV;Bakkerij Van Dijk', '--template', 'quick', '--lang', 'en', '--out', join(dir, 'b.xlsx'));
  await run('plans', join(dir, 'b.xlsx'), '--accounts', ' brasserie bakker ;Kapsalon Visser NV', '--template', 'key', '--lang', 'en', '--out', join(dir, 'planned.xlsx'));
  return join(dir, 'planned.xlsx');
}

/** Column widths (characters) and merges of every sheet, as the file says. */
async function geometry(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

const NUMBER_SHOWN = /^[-+(]?[€$£]?\s?[\d.,\s]*\d[\d.,\s]*%?\)?$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;

describe.skipIf(!hasSoffice)('the generated sheets as LibreOffice shows them', () => {
  it('fit: every number and date within its column, every header within its width or wrapped in a row tall enough', async () => {
    const dir = tempDir();
    const path = await sampleWorkbook(dir);
    const shown = sheetsAsCsv(path, dir, { asShown: true });
    const book = await geometry(path);
    const own = (book.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === 'AccountPlanner_Tiers')!.ranges[0];
    const firstOwnCol = own.replace(/^.*!\$([A-Z]+)\$.*$/, '$1');
    const problems: string[] = [];
    let numbers = 0;
    let headers = 0;
    for (const ws of book.worksheets) {
      const rows = shown[ws.name];
      expect(rows, ws.name).toBeDefined();
      const generated = ws.name !== 'Verkoop 2025';
      const merges = ((ws.model as { merges?: string[] }).merges ?? []).map((m) => m.split(':').map((a) => ws.getCell(a)));
      const widthOf = (col: number) => ws.getColumn(col).width ?? 8.43;
      rows.forEach((line, r) =>
        line.forEach((text, c) => {
          if (!text) return;
          const cell = ws.getCell(r + 1, c + 1);
          if (!generated && c + 1 < ws.getColumn(firstOwnCol).number) return; // the user's own columns
          const merge = merges.find(([a, b]) => r + 1 >= Number(a.row) && r + 1 <= Number(b.row) && c + 1 >= Number(a.col) && c + 1 <= Number(b.col));
          const width = merge ? Array.from({ length: Number(merge[1].col) - Number(merge[0].col) + 1 }, (_, i) => widthOf(Number(merge[0].col) + i)).reduce((x, y) => x + y, 0) : widthOf(c + 1);
          const where = `${ws.name}!${cell.address} "${text}"`;
          if (text.includes('###')) problems.push(`${where}: ###`);
          if (NUMBER_SHOWN.test(text.trim())) {
            numbers++;
            if (charCount(text) > width) problems.push(`${where}: ${charCount(text)} characters in a column of ${width.toFixed(1)}`);
          }
          if (cell.font?.bold && (cell.alignment?.wrapText || cell.fill)) {
            headers++;
            if (cell.alignment?.wrapText) {
              const lines = linesIn(text, width * 7, true);
              const height = Number(ws.getRow(r + 1).height ?? 15);
              if (height < lines * 11) problems.push(`${where}: ${lines} lines in a row of ${height} pt`);
            } else if (charCount(text) * 1.1 > width && !merge && c + 1 < ws.columnCount && line[c + 1]) problems.push(`${where}: header cut at ${width.toFixed(1)} characters`);
          }
        }),
      );
    }
    expect(problems).toEqual([]);
    expect(numbers).toBeGreaterThan(1000);
    expect(headers).toBeGreaterThan(100);
    // Money as the source column shows it, euro sign and all
    const pareto = shown.Pareto;
    expect(pareto.find((r) => r[0] === 'Totaal')?.[3]).toMatch(/^€ [\d,.]+$/);
  }, 600_000);

  it('plan facts equal what the analysis counts, whatever the name holds; a start after the data ends still shows its revenue', async () => {
    const dir = tempDir();
    // One account written several ways, numeric codes, and names a SUMIFS criterion would read
    // as an operator, a wildcard or a formula; two of them ("a*b", "a?c") next to names they would match.
    const names: Cell[] = [' Acme ', 'ACME', 'acme', 1001, ' 1001', '=SOM(1;2)', '<x', '>5', '*', '?', '~', 'a*b', 'a?c', 'abc', 'axb', 'Bakker ~ Zn', '=A1'];
    const rows: Cell[][] = [['Klant', 'Datum', 'Omzet']];
    const end = serialOf(2025, 12, 30);
    names.forEach((name, i) => {
      for (let k = 0; k < 6; k++) rows.push([name, end - 130 * k - i, Math.round(40 * 1.5 ** i) + 11 * k]);
    });
    rows.push(['Amount as text', end, 'n.v.t.']);
    const input = join(dir, 'tricky.xlsx');
    await writeXlsx(input, { Omzet: rows }, { Omzet: [1] });
    await run('analyze', input, '--lang', 'en', '--out', join(dir, 'analysed.xlsx'));
    let file = join(dir, 'analysed.xlsx');
    for (const tier of ['A', 'B', 'C']) {
      const next = join(dir, `plans-${tier}.xlsx`);
      await run('plans', file, '--tier', tier, '--lang', 'en', '--start', '2026-11-28', '--out', next);
      file = next;
    }
    const sheets = sheetsAsCsv(file, dir);
    // The core's sums: accounts keyed as the analysis keys them, measured up to the data's last date
    const dataEnd = Math.max(...rows.slice(1, -1).map((r) => r[1] as number));
    const sum = (key: string, from: number, to: number) => rows.slice(1).filter((r) => accountKey(r[0]) === key && typeof r[2] === 'number' && (r[1] as number) > from && (r[1] as number) <= to).reduce((s, r) => s + (r[2] as number), 0);
    const plans = Object.values(sheets).filter((s) => /^Key account plan – /.test(s[0]?.[0] ?? ''));
    const keys = new Set(names.map((n) => accountKey(n)!));
    expect(plans).toHaveLength(keys.size);
    for (const p of plans) {
      const account = p[0][0].replace(/^Key account plan – /, '');
      const key = accountKey(account)!;
      const fact = (label: string) => Number(p.find((r) => r[0] === label)?.[1]);
      expect(keys.has(key), account).toBe(true);
      expect(fact('Revenue, last 12 months'), account).toBeCloseTo(sum(key, dataEnd - 365, dataEnd), 6);
      expect(fact('Revenue, the 12 months before'), account).toBeCloseTo(sum(key, dataEnd - 730, dataEnd - 365), 6);
      expect(fact('Revenue this year, to that date'), account).toBeCloseTo(sum(key, serialOf(2025, 1, 1) - 1, dataEnd), 6);
      expect(fact('Revenue, last 12 months'), account).toBeGreaterThan(0);
      expect(p.find((r) => r[0] === 'Tier')?.[1], account).toMatch(/^[ABC]$/);
      expect(p.find((r) => r[0] === 'Category')?.[1], account).toMatch(/^[1-5] /);
    }
  }, 600_000);

  it.skipIf(!canRender())('pictures of every generated sheet, in test-artifacts/pictures', async () => {
    const dir = tempDir();
    const path = await sampleWorkbook(dir);
    const book = await geometry(path);
    const plan = (prefix: RegExp) => book.worksheets.find((ws) => prefix.test(String(ws.getCell('A1').value)))!.name;
    const sheets = ['Verkoop 2025', 'Pareto', plan(/^Key-accountplan – /), plan(/^Quick account plan – /), plan(/^Key account plan – /), 'Plannen-overzicht', 'Witte vlekken'];
    mkdirSync(pictures, { recursive: true });
    const made = await renderSheets(path, sheets, pictures, { maxPages: 3 });
    expect(made.map((m) => m.sheet)).toEqual(sheets);
    for (const { pages } of made) {
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) expect(statSync(page).size).toBeGreaterThan(5000);
    }
  }, 600_000);
});
