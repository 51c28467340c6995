// Benchmarks of the computed-analysis functions (issue 13) through the built bundles, printed as
// ratios to sorting the same 1,048,576 amounts in a Float64Array (goal: each within 2×):
//   npm run build && node --expose-gc --import tsx bench/analysis.ts
// CONCENTRATION and PARETO_MIGRATION run as Excel runs them (dist/excel/functions.js, called with
// matrices) and as Apps Script runs them (dist/sheets/Code.js). Invoice lines: ~100,000 accounts,
// skewed, dated over two years, a few blank lines. Sort and function alternate in pairs; the ratio
// is the median of the pairs' ratios (a slow spell of the machine then hits both sides of a pair).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Matrix } from '../shared/cells';
import { prng } from '../test/support/fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = 1_048_576;
const ACCOUNTS = 100_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function invoiceLines() {
  const rand = prng(20261128);
  const values: Matrix = new Array(ROWS);
  const keys: Matrix = new Array(ROWS);
  const dates: Matrix = new Array(ROWS);
  const amounts = new Float64Array(ROWS);
  const first = 45658; // 2025-01-01
  for (let i = 0; i < ROWS; i++) {
    if (i % 50_000 === 17) {
      values[i] = [null];
      keys[i] = [null];
      dates[i] = [null];
      continue;
    }
    const amount = Math.round(rand() * rand() * 1_000_000) / 100;
    values[i] = [amount];
    amounts[i] = amount;
    keys[i] = [`Customer ${1 + Math.floor(rand() ** 1.5 * ACCOUNTS)}`];
    dates[i] = [first + Math.floor(rand() * 730)];
  }
  // Keys as a host hands them over: flat strings, through a JSON round trip.
  return { values, keys: JSON.parse(JSON.stringify(keys)) as Matrix, dates, amounts, split: first + 365 };
}

type Call = (name: string, ...args: unknown[]) => unknown;

function excelBundle(): Call {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  class StandInError {
    constructor(readonly code: string, readonly message?: string) {}
  }
  const ErrorCode = { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' };
  const context = vm.createContext({ CustomFunctions: { associate: (id: string, fn: (...a: unknown[]) => unknown) => associated.set(id, fn), Error: StandInError, ErrorCode } });
  vm.runInContext(readFileSync(join(ROOT, 'dist/excel/functions.js'), 'utf8'), context);
  const params: Record<string, number> = { CONCENTRATION: 4, PARETO_MIGRATION: 8 };
  return (name, ...args) => {
    const padded = Array.from({ length: params[name] }, (_, i) => args[i]);
    return associated.get(name)!(...padded, { address: 'Sheet1!Z1', functionName: `KAM.${name}` });
  };
}

function sheetsBundle(): Call {
  const services = {
    SpreadsheetApp: { getActive: () => ({ getSpreadsheetTimeZone: () => 'Europe/Amsterdam' }) },
    Session: { getActiveUserLocale: () => 'en', getScriptTimeZone: () => 'UTC' },
  };
  const context = vm.createContext(services) as Record<string, (...a: unknown[]) => unknown>;
  vm.runInContext(readFileSync(join(ROOT, 'dist/sheets/Code.js'), 'utf8'), context);
  return (name, ...args) => context[name](...args);
}

function ratio(what: string, amounts: Float64Array, run: () => unknown): string {
  const sort = () => {
    const copy = Float64Array.from(amounts);
    const t0 = now();
    copy.sort();
    return now() - t0;
  };
  const timed = () => {
    const t0 = now();
    run();
    return now() - t0;
  };
  sort();
  timed(); // warm-up
  const pairs = Array.from({ length: 5 }, () => {
    gc();
    const s = sort();
    gc();
    return { s, f: timed() };
  });
  const r = median(pairs.map((p) => p.f / p.s));
  return `| ${what.padEnd(42)} | ${median(pairs.map((p) => p.f)).toFixed(0).padStart(6)} ms | sort ${median(pairs.map((p) => p.s)).toFixed(0).padStart(4)} ms | ${r.toFixed(2)}× | goal ≤ 2× ${r <= 2 ? 'PASS' : 'MISS'} |`;
}

const lines = invoiceLines();
console.log(`${ROWS.toLocaleString('en')} invoice lines, ~${ACCOUNTS.toLocaleString('en')} accounts`);
for (const [host, call] of [['Excel', excelBundle()], ['Sheets', sheetsBundle()]] as const) {
  console.log(ratio(`${host}: CONCENTRATION(values, keys)`, lines.amounts, () => call('CONCENTRATION', lines.values, lines.keys)));
  console.log(ratio(`${host}: PARETO_MIGRATION(values, keys, dates, split)`, lines.amounts, () => call('PARETO_MIGRATION', lines.values, lines.keys, lines.dates, lines.split)));
}
