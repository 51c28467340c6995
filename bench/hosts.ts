// Benchmarks of the commands through the hosts: the analysis (issue: Pareto analysis), account
// plans and the overview (the runner on .xlsx files is in bench/runner.ts). Each returns lines for
// the table bench/run.ts prints.
// The Excel adapter's round-trips (context.sync()) are counted on the recording stand-in for
// Excel.run (test/excel/stand-in.ts). ExcelWorkbook answers with Promises and these benchmarks
// answer at once, so those counts are taken in a child process: this file run as a script,
//   node --import tsx bench/hosts.ts --excel-syncs analysis|plans
// which prints the counts as JSON.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apply } from '../shared/commands/analysis';
import { PlansResult, generatePlans } from '../shared/commands/plans';
import { Workbook } from '../shared/workbook';
import { ExcelWorkbook } from '../src/excel/workbook';
import { SheetsWorkbook } from '../src/sheets/workbook';
import { MemoryWorkbook } from '../test/support/memory-workbook';
import { invoiceLines } from '../test/support/revenue-sheets';
import { standInExcel } from '../test/excel/stand-in';
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

const names = (n: number) => Array.from({ length: n }, (_, i) => `Customer ${i}`);
/** Typed account names on the built-in key-account template. */
const plans = (host: 'excel' | 'sheets', n: number) => (wb: Workbook) => generatePlans(wb, { host, language: 'en', accounts: { names: names(n) }, template: 'key' });

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SELF), '..');
const EXCEL_SYNCS = '--excel-syncs';
type ExcelBench = 'analysis' | 'plans';

/** context.sync() calls of one command on the Excel stand-in, for a sheet of `rows` invoice lines. */
async function excelSyncs(rows: unknown[][], command: (wb: Workbook) => unknown): Promise<number> {
  // Excel gives blanks as "".
  const excel = standInExcel({ sheets: { Sales: rows.map((r) => r.map((v) => (v === null ? '' : v))) } });
  await command(new ExcelWorkbook(excel.run));
  return excel.syncs;
}

/** The counts one Excel benchmark needs, taken in this process (asynchronously). */
async function excelCounts(what: ExcelBench): Promise<number[]> {
  if (what === 'analysis') {
    const analyse = (wb: Workbook) => apply(wb, { host: 'excel', language: 'en' });
    return [await excelSyncs(invoiceLines(1_000, 200), analyse), await excelSyncs(invoiceLines(100_000, 5_000), analyse)];
  }
  const lines = invoiceLines(500, 60);
  return [await excelSyncs(lines, plans('excel', 1)), await excelSyncs(lines, plans('excel', 50))];
}

/** The same counts, from a child process, for the synchronous benchmarks. */
function excelCountsNow(what: ExcelBench): number[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, EXCEL_SYNCS, what], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`could not count the Excel syncs (${what}): ${child.stderr.slice(0, 300)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as number[];
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
  const [excelSmall, excelLarge] = excelCountsNow('analysis');
  return [
    { what: 'd. analysis of 100,000 invoice lines, 5,000 customers (in-memory workbook)', result: ms(time), goal: '< 1 s', verdict: verdict(time < 1000) },
    { what: 'd. round-trips through the Workbook port (info / read / write)', result: `${calls.info} / ${calls.readSheet} / ${calls.write}`, goal: 'constant', verdict: '' },
    { what: 'd. Sheets adapter: service calls at 1,000 and 100,000 lines', result: `${small} and ${large}`, goal: 'equal', verdict: verdict(small === large) },
    { what: 'd. Excel adapter: context.sync() at 1,000 and 100,000 lines', result: `${excelSmall} and ${excelLarge}`, goal: 'equal', verdict: verdict(excelSmall === excelLarge) },
  ];
}

export function benchPlans(): Line[] {
  const analysed = () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(20_000, 400) });
    apply(wb, { host: 'excel', language: 'en' });
    return wb;
  };
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
  const lines = invoiceLines(500, 60);
  const one = sheetsCalls(lines, plans('sheets', 1));
  const fifty = sheetsCalls(lines, plans('sheets', 50));
  const perPlan = (fifty - one) / 49;
  const [excelOne, excelFifty] = excelCountsNow('plans');
  const excelPerPlan = (excelFifty - excelOne) / 49;
  return [
    { what: `e. 50 key-account plans + overview (in-memory workbook, ${result?.made.length} made)`, result: ms(median(runs)), goal: '', verdict: '' },
    { what: 'e. round-trips for 50 plans (info / read / write)', result: `${counts.info} / ${counts.readSheet} / ${counts.write}`, goal: '1 write per plan', verdict: verdict(counts.write === 51) },
    { what: 'e. Sheets adapter: service calls for 1 plan and for 50 plans', result: `${one} and ${fifty} (${perPlan.toFixed(1)} per plan)`, goal: 'constant per plan', verdict: verdict(Number.isInteger(perPlan)) },
    { what: 'e. Excel adapter: context.sync() for 1 plan and for 50 plans', result: `${excelOne} and ${excelFifty} (${excelPerPlan.toFixed(1)} per plan)`, goal: 'constant per plan', verdict: verdict(Number.isInteger(excelPerPlan)) },
  ];
}

// Run as a script: the Excel counts (see the top of this file).
if (process.argv[1] === SELF && process.argv[2] === EXCEL_SYNCS) {
  const what = process.argv[3];
  if (what !== 'analysis' && what !== 'plans') throw new Error(`${EXCEL_SYNCS} analysis|plans, not ${what}`);
  excelCounts(what).then(
    (counts) => console.log(JSON.stringify(counts)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
