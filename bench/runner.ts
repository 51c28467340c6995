// f. The command-line runner on large workbooks, as users run it (the built dist/cli): analyze of
// 100,000 invoice lines (goal < 3 s) and of 1,048,576 rows × 6 columns, Excel's row limit (goal
// < 60 s and < 1 GB peak memory, streaming). Each run is a child process reporting its own peak
// memory (max RSS) on exit. The workbooks are written by this file run as a script, with ExcelJS's
// streaming writer (shared strings, as Excel saves them), so making them stays within memory too:
//   node --import tsx bench/runner.ts make FILE ROWS
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invoiceLines } from '../test/support/revenue-sheets';

interface Line {
  what: string;
  result: string;
  goal: string;
  verdict: string;
}

const SELF = fileURLToPath(import.meta.url);
const REGIONS = ['North', 'East', 'South', 'West'];

/** Invoice lines with a region and a note: six columns, `rows` rows in all (the header included). */
async function makeWorkbook(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = book.addWorksheet('Sales');
  const batch = 50_000;
  ws.addRow(['Invoice', 'Customer', 'Invoice date', 'Sales', 'Region', 'Note']).commit();
  for (let done = 1; done < rows; done += batch) {
    const lines = invoiceLines(Math.min(batch, rows - done), 20_000, done).slice(1);
    lines.forEach((line, i) => {
      const n = done + i;
      const row = ws.addRow([n, line[1], line[2], line[3], REGIONS[n % 4], n % 10 === 0 ? 'repeat order' : null]);
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.commit();
    });
  }
  ws.commit();
  await book.commit();
}

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** analyze on a workbook of `rows` rows: wall time and peak memory, or why it did not finish. */
function analyze(root: string, dir: string, rows: number, limitMs: number): { file: string; wall: number; rssMb: number; failure?: string } {
  const file = join(dir, `sales-${rows}.xlsx`);
  const made = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'make', file, String(rows)], { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make the workbook: ${made.stderr.slice(0, 300)}`);
  const reporter = 'data:text/javascript,process.on("exit",()=>process.stderr.write("MAXRSS "+process.resourceUsage().maxRSS+"\\n"))';
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', reporter, join(root, 'dist/cli/account-planner.mjs'), 'analyze', file, '--out', join(dir, `out-${rows}.xlsx`)], {
    encoding: 'utf8',
    timeout: limitMs * 3,
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t0;
  const rssMb = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  const failure =
    run.error || run.signal
      ? `stopped after ${seconds(wall)}`
      : run.status !== 0
        ? (/heap out of memory/.test(run.stderr) ? 'out of memory' : run.stderr.trim().split('\n')[0].slice(0, 120))
        : undefined;
  return { file, wall, rssMb, failure };
}

export function benchRunner(root: string): Line[] {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-bench-'));
  const lines: Line[] = [];
  try {
    for (const [rows, goalMs, label] of [
      [100_001, 3_000, '100,000 invoice lines'],
      [1_048_576, 60_000, '1,048,576 rows × 6 columns'],
    ] as const) {
      const r = analyze(root, dir, rows, goalMs);
      const size = `${(statSync(r.file).size / 1e6).toFixed(1)} MB`;
      lines.push(
        { what: `f. account-planner analyze, ${label} (${size}), wall time`, result: r.failure ?? seconds(r.wall), goal: `< ${goalMs / 1000} s`, verdict: verdict(!r.failure && r.wall < goalMs) },
        { what: `f. account-planner analyze, ${label}, peak memory (max RSS)`, result: `${r.rssMb.toFixed(0)} MB`, goal: '< 1 GB', verdict: verdict(!r.failure && r.rssMb < 1024) },
      );
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF && process.argv[2] === 'make') {
  await makeWorkbook(process.argv[3], Number(process.argv[4]));
}
