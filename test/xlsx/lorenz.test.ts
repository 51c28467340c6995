// The Lorenz curve in the built runner's output: a scatter chart beside the Pareto chart in the Pareto
// sheet's one drawing, its points recalculated by LibreOffice equal to the core's, opened by
// openpyxl with both charts, and a re-run with --replace that redraws both without piling up.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lorenzPoints } from '../../shared/commands/lorenz';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { writeXlsx } from '../support/xlsx-files';
import { zipParts } from '../support/zip';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const openpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'account-planner-lorenz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** The built runner (dist/cli), as users run it. */
const CLI = join(__dirname, '../../dist/cli/account-planner.mjs');
const analyze = (...args: string[]) => spawnSync(process.execPath, [CLI, 'analyze', ...args], { encoding: 'utf8', timeout: 120_000 }).status;

// 250 accounts with uneven totals (two lines each for some), so the curve is sampled: 101 points.
const ACCOUNTS = 250;
const total = (i: number) => 100 + ((i * i * 37) % 9000) + (i % 10 === 0 ? 50_000 : 0);
const rows = [['Klant', 'Bedrag'] as (string | number)[]];
for (let i = 0; i < ACCOUNTS; i++) {
  if (i % 3 === 0) rows.push([`Klant ${i}`, total(i) - 40], [`Klant ${i}`, 40]);
  else rows.push([`Klant ${i}`, total(i)]);
}
const descending = Float64Array.from({ length: ACCOUNTS }, (_, i) => total(i)).sort().reverse();

const charts = (path: string) => {
  const parts = zipParts(readFileSync(path));
  return { parts, charts: [...parts.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort(), drawings: [...parts.keys()].filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)) };
};

describe('the Lorenz chart in .xlsx output', () => {
  const input = join(dir, 'verkoop.xlsx');
  const output = join(dir, 'analysed.xlsx');

  it('joins the Pareto chart in the Pareto sheet\'s drawing as a scatter chart of two lines over the block', async () => {
    await writeXlsx(input, { Verkoop: rows });
    expect(analyze(input, '--out', output, '--lang', 'nl')).toBe(0);
    const { parts, charts: list, drawings } = charts(output);
    expect(list).toHaveLength(2);
    expect(drawings).toHaveLength(1);
    const drawing = parts.get(drawings[0])!;
    expect(drawing.match(/name="AccountPlanner (Pareto|Lorenz)"/g)).toEqual(['name="AccountPlanner Pareto"', 'name="AccountPlanner Lorenz"']);
    const lorenz = list.map((p) => parts.get(p)!).find((xml) => xml.includes('<c:scatterChart>'))!;
    // Block L5:P106 (list G:J without a date column, gap K): x = N, curve = O, equality = P.
    expect(lorenz).toContain('<c:xVal><c:numRef><c:f>Pareto!$N$6:$N$106</c:f>');
    expect(lorenz).toContain('<c:yVal><c:numRef><c:f>Pareto!$O$6:$O$106</c:f>');
    expect(lorenz).toContain('<c:yVal><c:numRef><c:f>Pareto!$P$6:$P$106</c:f>');
    expect(lorenz).toContain('<a:t>Lorenzcurve: omzet van de kleinste klanten</a:t>');
    expect(lorenz).toContain('<a:t>Aandeel klanten, kleinste eerst</a:t>');
    expect(lorenz).toContain('<c:v>Lijn van gelijkheid</c:v>');
    expect(lorenz.match(/<c:max val="1"\/><c:min val="0"\/>/g)).toHaveLength(2);
  });

  it.skipIf(!hasSoffice)('recalculated by LibreOffice, the points are the core\'s: exact at each of the 101 samples', () => {
    const pareto = sheetsAsCsv(output, dir).Pareto;
    const header = pareto.findIndex((r) => r[11] === 'Klanten, kleinste eerst');
    expect(header).toBe(4);
    const points = lorenzPoints(descending);
    expect(points.accounts).toHaveLength(101);
    const n = points.accounts[100];
    const whole = points.revenue[100];
    const number = (cell: string) => (cell.endsWith('%') ? Number(cell.slice(0, -1)) / 100 : Number(cell));
    points.accounts.forEach((k, i) => {
      const [count, , x, y, equality] = pareto[header + 1 + i].slice(11, 16).map(number);
      expect(count).toBe(k);
      expect(x).toBeCloseTo(k / n, 10);
      expect(y).toBeCloseTo(points.revenue[i] / whole, 10);
      expect(equality).toBeCloseTo(k / n, 10);
    });
    expect(pareto[header + 1].slice(13, 16).map(number)).toEqual([0, 0, 0]);
    expect(pareto[header + 101].slice(13, 16).map(number)).toEqual([1, 1, 1]);
  });

  it.skipIf(!openpyxl)('opens in openpyxl with a bar chart and a scatter chart on the Pareto sheet', () => {
    const script = 'import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])["Pareto"]\nprint(" ".join(sorted(type(c).__name__ for c in ws._charts)))';
    expect(execFileSync(PYTHON, ['-W', 'ignore', '-c', script, output], { encoding: 'utf8' }).trim()).toBe('BarChart ScatterChart');
  });

  it('a re-run with --replace redraws both charts in place: still two charts in one drawing', async () => {
    const again = join(dir, 'again.xlsx');
    expect(analyze(output, '--out', again, '--lang', 'nl', '--replace')).toBe(0);
    const before = charts(output);
    const after = charts(again);
    expect(after.charts).toEqual(before.charts);
    expect(after.drawings).toEqual(before.drawings);
    expect(after.parts.get(after.drawings[0])!.match(/<xdr:graphicFrame/g)).toHaveLength(2);
    for (const part of after.charts) expect(after.parts.get(part)).toBe(before.parts.get(part));
  });
});
