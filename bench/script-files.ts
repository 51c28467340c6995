// g. What a custom-function call costs in Google Sheets with and without Server.js in the project.
// Apps Script loads every script file of the project into one fresh global scope for every
// execution, custom-function calls included (V8 runtime guide; docs/hosts.md), so a file that
// only the sidebar uses is still parsed and run for every cell that recalculates. Each run here is
// such an execution: a fresh vm context with the services a cell may use, the files evaluated in
// it, then one =PARETO_TIER over 500 rows. A comment with the run's number makes every source new
// to V8, so its compilation cache does not hide the parse that a fresh Apps Script execution pays.
// The variants alternate, and each reports the median of its runs. The third loads the sidebar's
// server unminified (bundled here as the build does, without minify): what one readable file for
// everything would cost instead of the split into Code.js (readable) and Server.js (minified).
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Line } from './hosts';

const RUNS = 40;
const ROWS = 500;

type Files = readonly ('Code.js' | 'Server.js' | 'Server.unminified.js')[];

/** One cell's execution: load the files in a fresh global scope, call the function once. */
function execution(sources: Map<string, string>, files: Files, run: number, column: unknown[][]): number {
  const start = performance.now();
  const services = { SpreadsheetApp: { getActive: () => ({ getSpreadsheetTimeZone: () => 'Europe/Amsterdam' }) }, Session: { getScriptTimeZone: () => 'Europe/Amsterdam' } };
  const context = vm.createContext(services);
  for (const file of files) vm.runInContext(`${sources.get(file)}\n//${run}`, context, { filename: file });
  const result = (context as Record<string, (...args: unknown[]) => unknown>).PARETO_TIER(column);
  if (!Array.isArray(result) || result.length !== ROWS) throw new Error('PARETO_TIER did not answer a column');
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchScriptFiles(root: string): Line[] {
  const dist = join(root, 'dist/sheets');
  const sources = new Map(['Code.js', 'Server.js'].map((f) => [f, readFileSync(join(dist, f), 'utf8')]));
  const unminified = buildSync({ entryPoints: [join(root, 'src/sheets/server.ts')], bundle: true, write: false, format: 'iife', globalName: 'AccountPlannerServer', target: 'es2019', charset: 'utf8', legalComments: 'none', logLevel: 'silent' });
  sources.set('Server.unminified.js', unminified.outputFiles[0].text);
  const column = Array.from({ length: ROWS }, (_, i) => [((i * 7919) % 1000) + 1]);
  const alone: number[] = [];
  const both: number[] = [];
  const readable: number[] = [];
  // Warm the JIT on the harness itself (not on the sources: each run's source is new anyway).
  for (let i = 0; i < 5; i++) execution(sources, ['Code.js'], -i - 1, column);
  for (let i = 0; i < RUNS; i++) {
    alone.push(execution(sources, ['Code.js'], 3 * i, column));
    both.push(execution(sources, ['Code.js', 'Server.js'], 3 * i + 1, column));
    readable.push(execution(sources, ['Code.js', 'Server.unminified.js'], 3 * i + 2, column));
  }
  const [a, b, c] = [median(alone), median(both), median(readable)];
  const kb = (f: string) => (Buffer.byteLength(sources.get(f)!) / 1024).toFixed(1);
  return [
    { what: `g. one =PARETO_TIER(500 rows) execution in Sheets, Code.js only (${kb('Code.js')} KB)`, result: `${a.toFixed(2)} ms`, goal: '', verdict: '' },
    {
      what: `g. the same with Server.js loaded too (+${kb('Server.js')} KB), as Apps Script does`,
      result: `${b.toFixed(2)} ms (+${(b - a).toFixed(2)} ms, ${(b / a).toFixed(2)}×)`,
      goal: '',
      verdict: '',
    },
    {
      what: `g. the same with the server unminified (${kb('Server.unminified.js')} KB), had it stayed readable`,
      result: `${c.toFixed(2)} ms (+${(c - a).toFixed(2)} ms, ${(c / a).toFixed(2)}×)`,
      goal: '',
      verdict: '',
    },
  ];
}
