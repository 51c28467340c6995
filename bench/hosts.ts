// Benchmarks of the commands through the hosts: the analysis (issue: Pareto analysis), account
// plans and the overview, and the command-line runner on a large workbook. Each returns lines for
// the table bench/run.ts prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply } from '../shared/commands/analysis';
import { PlansResult, generatePlans } from '../shared/commands/plans';
import { Workbook } from '../shared/workbook';
import { SheetsWorkbook } from '../src/sheets/workbook';
import { MemoryWorkbook } from '../test/support/memory-workbook';
import { invoiceLines } from '../test/support/revenue-sheets';
import { standInSpreadsheet } from '../test/sheets/stand-in';

export interface Line {
  what: string;
  result: string;
  goal: string;
  verdict: string;
}

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** Service calls of one command on the Sheets stand-in, for a sheet of `rows` invoice lines. */
function sheetsCalls(rows: unknown[][], command: (wb: Workbook) => unknown): number {
  const s = standInSpreadsheet({ sheets: { Sales: rows } });
  const wb = new SheetsWorkbook(s.spreadsheet as never, s.app as never);
  s.calls.reset();
  command(wb);
  return s.calls.count;
}

export function benchAnalysis(): Line[] {
  const rows = invoiceLines(100_000, 5_000);
  const runs: number[] = [];
  let calls = { info: 0, readSheet: 0, write: 0 };
  for (let i = 0; i < 4; i++) {
    const wb = new MemoryWorkbook({ Sales: rows.map((r) => r.slice()) });
    const t0 = now();
    apply(wb, { host: 'excel', language: 'en' });
    if (i > 0) runs.push(now() - t0); // the first run warms up
    calls = wb.calls;
  }
  const time = median(runs);
  const analyse = (wb: Workbook) => apply(wb, { host: 'sheets', language: 'en' });
  const small = sheetsCalls(invoiceLines(1_000, 200), analyse);
  const large = sheetsCalls(rows, analyse);
  return [
    { what: 'd. analysis of 100,000 invoice lines, 5,000 customers (in-memory workbook)', result: ms(time), goal: '< 1 s', verdict: verdict(time < 1000) },
    { what: 'd. round-trips through the Workbook port (info / read / write)', result: `${calls.info} / ${calls.readSheet} / ${calls.write}`, goal: 'constant', verdict: '' },
    { what: 'd. Sheets adapter: service calls at 1,000 and 100,000 lines', result: `${small} and ${large}`, goal: 'equal', verdict: verdict(small === large) },
  ];
}

export function benchPlans(): Line[] {
  const analysed = () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(20_000, 400) });
    apply(wb, { host: 'excel', language: 'en' });
    return wb;
  };
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Customer ${i}`);
  const runs: number[] = [];
  let result: PlansResult | undefined;
  let counts = { info: 0, readSheet: 0, write: 0 };
  for (let i = 0; i < 3; i++) {
    const wb = analysed();
    const before = { ...wb.calls };
    const t0 = now();
    result = generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: names(50) }, template: 'key' }) as PlansResult;
    runs.push(now() - t0);
    counts = { info: wb.calls.info - before.info, readSheet: wb.calls.readSheet - before.readSheet, write: wb.calls.write - before.write };
  }
  const plans = (n: number) => (wb: Workbook) => generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: names(n) }, template: 'key' });
  const lines = invoiceLines(500, 60);
  const one = sheetsCalls(lines, plans(1));
  const fifty = sheetsCalls(lines, plans(50));
  const perPlan = (fifty - one) / 49;
  return [
    { what: `e. 50 key-account plans + overview (in-memory workbook, ${result?.made.length} made)`, result: ms(median(runs)), goal: '', verdict: '' },
    { what: 'e. round-trips for 50 plans (info / read / write)', result: `${counts.info} / ${counts.readSheet} / ${counts.write}`, goal: '1 write per plan', verdict: verdict(counts.write === 51) },
    { what: 'e. Sheets adapter: service calls for 1 plan and for 50 plans', result: `${one} and ${fifty} (${perPlan.toFixed(1)} per plan)`, goal: 'constant per plan', verdict: verdict(Number.isInteger(perPlan)) },
  ];
}

export function benchCli(root: string): Line[] {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-bench-'));
  const file = join(dir, 'sales-100k.xlsx');
  const made = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/make-workbook.ts'), file, '100000', '5000'], { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make the workbook: ${made.stderr.slice(0, 200)}`);
  // The runner as users run it (the built dist/cli), reporting its own peak memory on exit.
  const reporter = 'data:text/javascript,process.on("exit",()=>process.stderr.write("MAXRSS "+process.resourceUsage().maxRSS+"\\n"))';
  const t0 = now();
  const run = spawnSync(process.execPath, ['--import', reporter, join(root, 'dist/cli/account-planner.mjs'), 'analyze', file, '--out', join(dir, 'out.xlsx')], { encoding: 'utf8' });
  const wall = now() - t0;
  if (run.status !== 0) throw new Error(`analyze failed: ${run.stderr.slice(0, 200)}`);
  const rssMb = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  return [
    { what: `f. account-planner analyze, 100,000-row workbook (${(statSync(file).size / 1e6).toFixed(1)} MB), wall time`, result: ms(wall), goal: '< 10 s', verdict: verdict(wall < 10_000) },
    { what: 'f. account-planner analyze, peak memory (max RSS)', result: `${rssMb.toFixed(0)} MB`, goal: '< 1 GB', verdict: verdict(rssMb < 1024) },
  ];
}
