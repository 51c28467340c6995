// h. Every custom function through the built bundles, as the hosts call them (issue 10):
// dist/excel/functions.js with a stand-in CustomFunctions, dist/sheets/Code.js's global functions,
// each evaluated in the main JavaScript realm (new Function: a Node vm context makes every global
// lookup slower than any real host does), inputs parsed from JSON as a host delivers them (not
// timed), a warm-up call first, then alternated with a Float64Array sort of the same number of
// amounts; the ratio is the median of the rounds' ratios. Also: the cost of telling blanks from
// zeros in Excel desktop (10% of the cells empty), and the bytes allocated per call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix, cellAt } from '../shared/cells';
import { keepNumberings, numberKeyCells } from '../shared/formulas/pareto';
import { vectorOf } from '../shared/formulas/args';
import { FUNCTIONS } from '../shared/catalog';
import { dateOfSerial } from '../shared/dates';
import { prng } from '../test/support/fixtures';
import type { Line } from './hosts';

type Fn = (...args: unknown[]) => unknown;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const times = (x: number) => `${x.toFixed(2)}×`;

export const EXCEL_ROWS = 1_048_576;
/**
 * Rounds per figure. This machine's own speed moves by a third from one second to the next (the
 * sort alone took 150–500 ms in one run): the median of 7 per-round ratios holds still where the
 * median of 3 (until session 14) did not.
 */
const ROUNDS = 7;
const ACCOUNTS = 100_000;

class CfError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const ErrorCode = { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' };

const EMPTY_ROW = ['Empty'];
const DOUBLE_ROW = ['Double'];

/** A workbook read as Excel.run answers it: valueTypes of the requested rows, one answer per sync. */
export function excelReader(empty: (sheet: string, row: number, col: number) => boolean) {
  const counts = { syncs: 0 };
  const run = async <T>(batch: (context: unknown) => Promise<T>): Promise<T> => {
    const queued: { sheet: string; address: string; valueTypes?: string[][] }[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (sheet: string) => ({
            getRange: (address: string) => {
              const r = { sheet, address, valueTypes: undefined as string[][] | undefined, load: () => undefined };
              queued.push(r);
              return r;
            },
          }),
        },
      },
      sync: async () => {
        counts.syncs++;
        for (const r of queued.splice(0)) {
          const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(r.address)!;
          const col = c1.charCodeAt(0) - 65;
          const cols = c2.charCodeAt(0) - c1.charCodeAt(0) + 1;
          // One-column rows are shared (the product only reads them): what is timed is the add-in's
          // work, not this stand-in making a million small arrays (until session 16 that was most
          // of the desktop figure: ~0.6 s a call, and as much again in garbage collection).
          const row = (i: number) =>
            cols === 1 ? (empty(r.sheet, Number(r1) - 1 + i, col) ? EMPTY_ROW : DOUBLE_ROW) : Array.from({ length: cols }, (_, c) => (empty(r.sheet, Number(r1) - 1 + i, col + c) ? 'Empty' : 'Double'));
          r.valueTypes = Array.from({ length: Number(r2) - Number(r1) + 1 }, (_, i) => row(i));
        }
      },
    };
    return batch(context);
  };
  return { Excel: { run }, counts };
}

/** dist/excel/functions.js in the main realm: the associated functions by name. */
export function excelBundle(root: string, Excel?: unknown): Record<string, Fn> {
  const associated: Record<string, Fn> = {};
  const CustomFunctions = { associate: (id: string, fn: Fn) => (associated[id] = fn), Error: CfError, ErrorCode };
  new Function('CustomFunctions', 'Excel', readFileSync(join(root, 'dist/excel/functions.js'), 'utf8'))(CustomFunctions, Excel);
  return associated;
}

/** dist/sheets/Code.js in the main realm: its top-level custom functions by name. */
export function sheetsBundle(root: string): Record<string, Fn> {
  const services = { getActive: () => ({ getSpreadsheetTimeZone: () => 'Europe/Amsterdam' }) };
  const session = { getScriptTimeZone: () => 'Europe/Amsterdam' };
  const names = FUNCTIONS.map((f) => f.name);
  const code = `${readFileSync(join(root, 'dist/sheets/Code.js'), 'utf8')}\nreturn { ${names.join(', ')} };`;
  return new Function('SpreadsheetApp', 'Session', code)(services, session);
}

/**
 * An argument: a column of cells (JSON text, parsed afresh per call), or one value. A column of
 * account keys gets a different key in its first row at every call: the family recalls the last
 * call's numbering of the keys down to the first row that differs (shared/formulas/pareto.ts), and
 * these figures are for keys it has not seen, every row numbered afresh, as Sheets always does.
 */
type Arg = { column: string; keys?: boolean } | { value: unknown; date?: boolean };
let calls = 0;

interface Case {
  name: string;
  args: Arg[];
  /** Calls per timed run (small functions run many times). */
  repeat: number;
}

const column = (cells: unknown[]): { column: string } => ({ column: JSON.stringify(cells.map((c) => [c])) });

export function cases(n: number): Case[] {
  const rand = prng(20261128);
  const amounts: (number | null)[] = [];
  const keys: (string | null)[] = [];
  const targets: number[] = [];
  const actuals: (number | null)[] = [];
  const tiers: string[] = [];
  const recurring: boolean[] = [];
  const potential: string[] = [];
  for (let i = 0; i < n; i++) {
    keys.push(i % 50_000 === 17 ? null : `Customer ${1 + Math.floor(rand() ** 1.5 * ACCOUNTS)}`);
    amounts.push(i % 50_000 === 17 || i % 40_000 === 23 ? null : Math.round(rand() * rand() * 1_000_000) / 100);
    targets.push(1000 + Math.round(rand() * 100_000));
    actuals.push(Math.round(rand() * 120_000));
    tiers.push('ABC'[Math.floor(rand() * 3)]);
    recurring.push(rand() < 0.5);
    potential.push(['growth', 'stable', 'none'][Math.floor(rand() * 3)]);
  }
  const [jan1, jul1, dec31] = [46023, 46204, 46387]; // 2026-01-01, 2026-07-01, 2026-12-31
  // Two years of invoice dates, 2025 and 2026, for the tier migration at 1 January 2026.
  const dates: (number | null)[] = amounts.map((a) => (a === null ? null : jan1 - 365 + Math.floor(rand() * 730)));
  const date = (serial: number): Arg => ({ value: serial, date: true });
  const v = (value: unknown): Arg => ({ value });
  const c = { amounts: column(amounts), keys: { ...column(keys), keys: true }, targets: column(targets), actuals: column(actuals) };
  return [
    { name: 'PARETO_TIER', args: [c.amounts, c.keys], repeat: 1 },
    { name: 'PARETO_SHARE', args: [c.amounts, c.keys], repeat: 1 },
    { name: 'PARETO_SUMMARY', args: [c.amounts, c.keys], repeat: 1 },
    { name: 'PLAN_GAP', args: [c.targets, c.actuals, date(jul1), date(jan1), date(dec31)], repeat: 1 },
    { name: 'PLAN_ATTAINMENT', args: [c.targets, c.actuals], repeat: 1 },
    { name: 'PLAN_RUN_RATE', args: [c.actuals, date(jan1), date(jul1), date(dec31)], repeat: 1 },
    { name: 'PLAN_REQUIRED_RATE', args: [c.targets, c.actuals, date(jul1), date(dec31), v('week')], repeat: 1 },
    { name: 'PLAN_ACTIVITIES', args: [c.targets, v(5000), v(0.25), v(3)], repeat: 1 },
    { name: 'ACCOUNT_CATEGORY', args: [column(tiers), column(recurring), column(potential)], repeat: 1 },
    { name: 'CONCENTRATION', args: [c.amounts, c.keys], repeat: 1 },
    { name: 'PARETO_MIGRATION', args: [c.amounts, c.keys, column(dates), date(jan1)], repeat: 1 },
    // At their own sizes: a year by month for one account, a year of weekly reviews.
    { name: 'PLAN_PHASE', args: [v(120_000), { column: JSON.stringify([[1, 1, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1]]) }, v(100)], repeat: 10_000 },
    { name: 'PLAN_REVIEW_DATES', args: [date(jan1), v(364), v(7)], repeat: 10_000 },
  ];
}

/**
 * The arguments as each host hands them over, parsed afresh and not touched before the call: the
 * call's own first read of a freshly parsed million-row column is part of what a real call costs
 * (see firstTouch). (Until session 10 Sheets' blanks were rewritten in the parsed rows before the
 * clock started, which took that first read off Code.js alone.)
 */
/**
 * The keys column: `fresh`, a first key no call has had (numbered afresh); `same`, the keys of
 * the last fresh call; `lastChanged`, those keys with the last one changed.
 */
type Keys = 'fresh' | 'same' | 'lastChanged';

export function argsFor(host: 'excel' | 'sheets', c: Case, keys: Keys = 'fresh'): unknown[] {
  if (keys === 'fresh') calls++;
  return c.args.map((a) => {
    if ('column' in a) {
      // Sheets hands a column as rows of values and a blank as ""; Excel on the web as null.
      const m = JSON.parse(host === 'sheets' ? a.column.replace(/\[null\]/g, '[""]') : a.column) as unknown[][];
      if (a.keys) {
        m[0][0] = `Customer ${ACCOUNTS + calls}`;
        if (keys === 'lastChanged') m[m.length - 1][0] = 'Customer edited';
      }
      return m;
    }
    if (host === 'excel') return [[a.value]];
    return a.date ? dateOfSerial(a.value as number) : a.value;
  });
}

export function call(host: 'excel' | 'sheets', fn: Fn, c: Case, args: unknown[]): unknown {
  // Excel passes every declared parameter (undefined when left out), then the invocation.
  const count = FUNCTIONS.find((f) => f.name === c.name)!.params.length;
  const all = host === 'excel' ? [...args, ...new Array(count - args.length).fill(undefined), { parameterAddresses: undefined }] : args;
  let result: unknown;
  for (let k = 0; k < c.repeat; k++) result = fn(...all);
  return result;
}

/**
 * The input's own size on the heap, for the allocation ratio: one parsed copy, measured and let go
 * before anything is timed. (Until session 14 that copy stayed alive through the case's rounds: a
 * hundred MB or more of rows no host holds beside its call, which slowed every call's collections
 * and, less, the sort.)
 */
function inputSize(c: Case): number {
  gc();
  const base = process.memoryUsage().heapUsed;
  const parsed = argsFor('excel', c);
  const bytes = process.memoryUsage().heapUsed - base;
  void parsed; // alive until measured; it goes with this function's scope
  return Math.max(1, bytes);
}

function sortTime(amounts: Float64Array): number {
  const copy = Float64Array.from(amounts);
  const t0 = now();
  copy.sort();
  return now() - t0;
}

/**
 * A host calls a custom function from an event of its own (a message from the workbook), so every
 * call ends its JavaScript job before the next begins. That matters: a WeakRef's target lives at
 * least to the end of the job that made it (the family's last key numbering, shared/formulas/
 * pareto.ts), and timing call after call in one job kept every call's numbering alive: until
 * session 14 each Pareto call here added a copy of a million keys to the heap, which slowed the
 * calls after it, and with 7 rounds ran out of memory.
 */
const nextJob = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Each round times the sort and then every contender, the contenders' order turned round each
 * round, so no bundle always runs on the heap the other left behind. Per contender: the median
 * of its times, of the rounds' sorts and of its per-round ratio to that round's sort.
 */
async function rounds<K extends string>(timed: Record<K, () => number>, amounts: Float64Array, count = ROUNDS): Promise<Record<K, { ms: number; sort: number; ratio: number }>> {
  const names = Object.keys(timed) as K[];
  for (const name of names) {
    await nextJob();
    timed[name](); // warm-up
  }
  sortTime(amounts);
  const runs = names.map(() => [] as { s: number; t: number }[]);
  for (let k = 0; k < count; k++) {
    await nextJob();
    gc();
    const s = sortTime(amounts);
    const order = k % 2 === 0 ? names.map((_, i) => i) : names.map((_, i) => names.length - 1 - i);
    for (const i of order) {
      await nextJob();
      gc();
      runs[i].push({ s, t: timed[names[i]]() });
    }
  }
  return Object.fromEntries(
    names.map((name, i) => [name, { ms: median(runs[i].map((r) => r.t)), sort: median(runs[i].map((r) => r.s)), ratio: median(runs[i].map((r) => r.t / r.s)) }]),
  ) as Record<K, { ms: number; sort: number; ratio: number }>;
}

export async function benchFunctions(root: string, n = EXCEL_ROWS): Promise<Line[]> {
  const lines: Line[] = [];
  console.log(`h. every custom function through both bundles at ${n.toLocaleString('en')} rows...`);
  const rand = prng(7);
  const amounts = Float64Array.from({ length: n }, () => Math.round(rand() * rand() * 1_000_000) / 100);
  const bundles = { excel: excelBundle(root), sheets: sheetsBundle(root) };
  const hosts = ['excel', 'sheets'] as const;
  const via = { excel: 'functions.js', sheets: 'Code.js' };
  // `BENCH_FUNCTIONS=PARETO_TIER,PLAN_GAP npm run bench -- h` measures only those.
  const only = process.env.BENCH_FUNCTIONS?.split(',');
  for (const c of cases(n)) {
    if (only && !only.includes(c.name)) continue;
    const inputBytes = inputSize(c);
    const allocated = { excel: 0, sheets: 0 };
    const timedIn = (host: (typeof hosts)[number]) => () => {
      const fn = bundles[host][c.name];
      const args = argsFor(host, c);
      gc();
      const before = process.memoryUsage().heapUsed;
      const t0 = now();
      const result = call(host, fn, c, args);
      const t = now() - t0;
      // Heap after the call less before, nothing collected in between (young-generation
      // collections during a large call make this a lower bound).
      allocated[host] = (process.memoryUsage().heapUsed - before) / c.repeat;
      if (!Array.isArray(result)) throw new Error(`${c.name} in ${host}: no result`);
      return t;
    };
    if (c.repeat === 1) {
      const measured = await rounds({ excel: timedIn('excel'), sheets: timedIn('sheets') }, amounts);
      const goal = c.name.startsWith('PARETO_') || c.name === 'CONCENTRATION' ? 2 : 1;
      for (const host of hosts) {
        const r = measured[host];
        lines.push({
          what: `h. ${c.name} via ${via[host]} ÷ sort (${ms(r.ms)} vs ${ms(r.sort)}; allocates ${(allocated[host] / 1e6).toFixed(0)} MB = ${(allocated[host] / inputBytes).toFixed(2)}× its input)`,
          result: times(r.ratio),
          goal: `≤ ${goal}×`,
          verdict: r.ratio <= goal ? 'PASS' : 'MISS',
        });
      }
    } else {
      for (const host of hosts) {
        const timed = timedIn(host);
        timed();
        const t = median([timed(), timed(), timed()]) / c.repeat;
        lines.push({ what: `h. ${c.name} via ${via[host]}, one call (${(allocated[host] / 1024).toFixed(1)} KB allocated)`, result: `${(t * 1000).toFixed(1)} µs`, goal: '', verdict: '' });
      }
    }
  }
  if (!only || only.includes('PARETO_TIER')) lines.push(await numberingAlone(cases(n), amounts));
  lines.push(...(await sameTable(bundles, cases(n), amounts)), firstTouch(n), ...(await benchDesktopBlanks(root, n)));
  return lines;
}

/**
 * PARETO_SHARE right after PARETO_TIER over the same table (fresh arrays, same cells) in one
 * calculation: the second recalls the keys' numbering; and the same with the key of the last line
 * changed, where the rows above it are recalled and that row numbered. Best cases that only
 * Excel's runtime can meet, and only while the first call's numbering lives (it is held weakly:
 * until the end of the calculation's JavaScript job at least, gone at the next full collection
 * after it); Sheets runs every custom-function call on its own, so the recall never helps there.
 * No goal: the cold figures above are the ones that count.
 */
async function sameTable(bundles: Record<'excel', Record<string, Fn>>, all: Case[], amounts: Float64Array): Promise<Line[]> {
  const tier = all.find((c) => c.name === 'PARETO_TIER')!;
  const share = all.find((c) => c.name === 'PARETO_SHARE')!;
  const timed = (keys: Keys) => () => {
    call('excel', bundles.excel.PARETO_TIER, tier, argsFor('excel', tier));
    const args = argsFor('excel', share, keys);
    gc();
    const t0 = now();
    call('excel', bundles.excel.PARETO_SHARE, share, args);
    return now() - t0;
  };
  const measured = await rounds({ same: timed('same'), lastKey: timed('lastChanged') }, amounts);
  const line = (what: string, r: { ms: number; sort: number; ratio: number }): Line => ({
    what: `h. PARETO_SHARE right after PARETO_TIER over ${what} via functions.js ÷ sort (${ms(r.ms)} vs ${ms(r.sort)}; Excel only, best case)`,
    result: times(r.ratio),
    goal: '',
    verdict: '',
  });
  return [line('the same table (the numbering recalled)', measured.same), line('the table with its last key changed (recalled down to that row)', measured.lastKey)];
}

/**
 * What the Pareto family cannot do without: numbering a million freshly parsed key texts, and
 * nothing else (no amounts added up, no merging, no result): the family's own step
 * (numberKeyCells in shared/formulas/pareto.ts), with no copy of the keys kept, as in Code.js.
 * Taken from the source, not a bundle: it is the floor under every figure of the family above,
 * not a figure a user meets. With the goal at 2× the sort, what is left for the rest of a call is
 * 2× less this.
 */
async function numberingAlone(all: Case[], amounts: Float64Array): Promise<Line> {
  const tier = all.find((c) => c.name === 'PARETO_TIER')!;
  const timed = () => {
    const [amountsArg, keysArg] = argsFor('excel', tier) as Matrix[];
    const values = vectorOf(amountsArg, 'values');
    const keys = vectorOf(keysArg, 'keys');
    gc();
    keepNumberings(false);
    try {
      const t0 = now();
      const { cells, badRow } = numberKeyCells(keys, values, new Int32Array(keys.length).fill(-1));
      const t = now() - t0;
      if (cells.length < ACCOUNTS / 2 || badRow >= 0) throw new Error(`numbering alone: ${cells.length} keys, bad row ${badRow}`);
      return t;
    } finally {
      keepNumberings(true);
    }
  };
  const r = (await rounds({ numbering: timed }, amounts)).numbering;
  return {
    what: `h. numbering ${amounts.length.toLocaleString('en')} fresh key texts of ~${ACCOUNTS.toLocaleString('en')} accounts and nothing else (the Pareto family's floor; from the source) ÷ sort (${ms(r.ms)} vs ${ms(r.sort)})`,
    result: times(r.ratio),
    goal: '',
    verdict: '',
  };
}

/**
 * The first read of a freshly parsed column of amounts (whole numbers, fractions and blanks, one
 * small array each, as a host hands them over): optimised code reading row[0] converts every row
 * to the most general kind first; Array.prototype.at, as the bundles read (shared/cells.ts
 * cellAt), reads the rows as they are. Time and heap allocated, median of 5.
 */
function firstTouch(n: number): Line {
  const json = JSON.stringify(Array.from({ length: n }, (_, i) => [i % 1000 === 7 ? null : i % 3 === 0 ? i : ((i * 7919) % 100_000) / 100]));
  const byIndex = (m: unknown[][]) => {
    let zeros = 0;
    for (let r = 0; r < m.length; r++) if (m[r][0] === 0) zeros++;
    return zeros;
  };
  const byAt = (m: unknown[][]) => {
    let zeros = 0;
    for (let r = 0; r < m.length; r++) if (cellAt(m[r], 0) === 0) zeros++;
    return zeros;
  };
  const measure = (read: (m: unknown[][]) => number) => {
    const runs = Array.from({ length: 5 }, () => {
      const m = JSON.parse(json) as unknown[][];
      gc();
      const before = process.memoryUsage().heapUsed;
      const t0 = now();
      read(m);
      return { ms: now() - t0, mb: (process.memoryUsage().heapUsed - before) / 1e6 };
    });
    return { ms: median(runs.map((r) => r.ms)), mb: median(runs.map((r) => r.mb)) };
  };
  const index = measure(byIndex);
  const at = measure(byAt);
  return {
    what: `h. first read of a freshly parsed ${n.toLocaleString('en')}-row column of mixed amounts: row[0] vs cellAt (Array.prototype.at, as the bundles read)`,
    result: `${ms(index.ms)}, ${index.mb.toFixed(0)} MB vs ${ms(at.ms)}, ${at.mb.toFixed(0)} MB`,
    goal: '',
    verdict: '',
  };
}

/**
 * Telling blanks from zeros in Excel desktop: PLAN_ATTAINMENT and PARETO_TIER with 10% of the cells
 * empty (sent as 0, found by the workbook read), beside the same call on the web (empty as null).
 */
async function benchDesktopBlanks(root: string, n: number): Promise<Line[]> {
  const empty = (row: number) => row % 10 === 3;
  const reader = excelReader((_sheet, row) => empty(row));
  const desktop = excelBundle(root, reader.Excel);
  const web = excelBundle(root);
  const rand = prng(11);
  const targets = JSON.stringify(Array.from({ length: n }, (_, i) => [empty(i) ? 0 : 1000 + Math.round(rand() * 1000)]));
  const actuals = JSON.stringify(Array.from({ length: n }, (_, i) => [empty(i) ? 0 : Math.round(rand() * 1000)]));
  const asWeb = (json: string) => (JSON.parse(json) as unknown[][]).map((r, i) => (empty(i) ? [null] : r));
  const addresses = { parameterAddresses: [`S!A1:A${n}`, `S!B1:B${n}`] };
  const lines: Line[] = [];
  for (const name of ['PLAN_ATTAINMENT', 'PARETO_TIER']) {
    const count = FUNCTIONS.find((f) => f.name === name)!.params.length;
    const pad = new Array(count - 2).fill(undefined);
    const run = async (mode: 'web' | 'desktop') => {
      const a = mode === 'web' ? asWeb(targets) : JSON.parse(targets);
      const b = mode === 'web' ? asWeb(actuals) : JSON.parse(actuals);
      gc();
      const t0 = now();
      const fn = (mode === 'web' ? web : desktop)[name];
      // PARETO_TIER: the actuals as amounts, keys made from the targets (blank where the row is empty).
      await fn(...(name === 'PARETO_TIER' ? [b, a.map((r: unknown[]) => [r[0] === null ? null : `K${r[0]}`])] : [a, b]), ...pad, addresses);
      return now() - t0;
    };
    await run('web');
    await run('desktop');
    const w = median([await run('web'), await run('web'), await run('web')]);
    reader.counts.syncs = 0;
    const d = median([await run('desktop'), await run('desktop'), await run('desktop')]);
    lines.push({
      what: `h. ${name}, 10% empty: web (empty as null) vs desktop (0, found by the workbook read)`,
      result: `${ms(w)} vs ${ms(d)} = ${times(d / w)}, ${reader.counts.syncs / 3} sync a call`,
      goal: '1 sync a call',
      verdict: reader.counts.syncs === 3 ? 'PASS' : 'MISS',
    });
  }
  return lines;
}
