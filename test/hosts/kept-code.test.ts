// A workbook recalculates its formulas again and again, with garbage collections in between. V8
// keeps a function's optimised code from one call to the next unless that code used an object
// made for one call (a closure, an instance): once the object is collected, the code is dropped
// ("weak objects") and the next call of a million-row function runs unoptimised until V8 has
// compiled it again. The element-wise functions are built so that nothing of theirs is dropped
// (shared/catalog.ts, each; shared/formulas/row-loop.ts, computeRows), and each has a row loop of
// its own in the bundles (shared/formulas/row-loops.ts). V8 says so only in its trace, so the
// calls run in a child process (test/support/kept-code-child.ts).
import { SpawnSyncReturns, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

/** The child's run, made once for the tests below. */
let run: SpawnSyncReturns<string> | undefined;
const childRun = () =>
  (run ??= spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '--trace-opt', '--import', 'tsx', join(root, 'test/support/kept-code-child.ts'), root], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }));

const BUNDLES = ['dist/excel/functions.js', 'dist/sheets/Code.js', 'dist/cli/account-planner.mjs'];
/** The names row-loops.ts gives, one per element-wise function. */
const rowLoopNames = () => [...readFileSync(join(root, 'shared/formulas/row-loops.ts'), 'utf8').matchAll(/computeRows as (\w+) \}/g)].map((m) => m[1]);

describe('each element-wise function has a row loop of its own', () => {
  it('every name in row-loops.ts is passed to exactly one catalog entry, and every element-wise entry has one', () => {
    const catalog = readFileSync(join(root, 'shared/catalog.ts'), 'utf8');
    const names = rowLoopNames();
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(catalog.split(`ROW_LOOPS.${name},`).length - 1, name).toBe(1);
    const passed = catalog.split(/run: each\(\s*/).slice(1).map((rest) => /^ROW_LOOPS\.(\w+),/.exec(rest)?.[1]);
    expect([...passed].sort()).toEqual([...names].sort());
  });

  it.each(BUNDLES)('%s holds one copy of the row loop per name', (bundle) => {
    const code = readFileSync(join(root, bundle), 'utf8');
    expect(code.match(/^ *function computeRows\d*\(/gm)?.length).toBe(rowLoopNames().length);
  });

  it('no function\'s row loop is deoptimised for meeting another function (V8\'s "wrong call target"), through either bundle', () => {
    const child = childRun();
    expect(child.status, child.stderr).toBe(0);
    const lines = child.stdout.split('\n');
    // Every copy was optimised in each bundle (the child runs functions.js first, then Code.js), so
    // "never deoptimised" says something. The names are esbuild's for the copies (computeRows,
    // computeRows2...) and the lines V8's trace: a change of either fails here, loudly.
    const sheetsFrom = lines.indexOf('--- host: sheets');
    expect(sheetsFrom).toBeGreaterThan(0);
    const copies = ['computeRows', ...rowLoopNames().slice(1).map((_, i) => `computeRows${i + 2}`)].sort();
    for (const part of [lines.slice(0, sheetsFrom), lines.slice(sheetsFrom)]) {
      const optimised = new Set(part.flatMap((l) => /^\[completed optimizing .*JSFunction (computeRows\d*) /.exec(l)?.[1] ?? []));
      expect([...optimised].sort()).toEqual(copies);
    }
    const loops = lines.filter((l) => /^\[bailout/.test(l) && /computeRows/.test(l));
    expect(loops.filter((l) => /wrong call target/.test(l)).map((l) => l.replace(/0x[0-9a-f]+/g, '').slice(0, 160))).toEqual([]);
  }, 120_000);
});

describe('the element-wise functions keep their optimised code between calls', () => {
  it('through functions.js and Code.js: after warm-up calls, calls with a full collection before each drop no code and compile none anew', () => {
    const child = childRun();
    expect(child.status).toBe(0);
    const sections = child.stdout.split('--- kept from here: ').slice(1);
    expect(sections).toHaveLength(12);
    // Only the bundles' own functions (and nameless ones: the bundles' arrow functions are):
    // Node's own (reading files, say) are not the product's.
    const bundles = ['dist/excel/functions.js', 'dist/sheets/Code.js'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    // Node's and tsx's own nameless functions are optimised while the child starts, before it calls
    // a bundle, and one of them may be dropped later when an object of the loader's dies (CI saw it
    // once, in the last section): a function first seen before the bundles run is not the product's.
    const sfiOf = (line: string) => /\(sfi = (0x[0-9a-f]+)\)|\((0x[0-9a-f]+) <SharedFunctionInfo/.exec(line)?.slice(1).find(Boolean);
    expect(child.stdout.indexOf('--- host: excel')).toBeGreaterThan(0);
    const startUp = child.stdout.slice(0, child.stdout.indexOf('--- host: excel'));
    const seenAtStart = new Set(startUp.split('\n').flatMap((l) => sfiOf(l) ?? []));
    const ours = (line: string) => {
      if (seenAtStart.has(sfiOf(line) ?? '')) return false;
      const name = /(?:JSFunction|SharedFunctionInfo) ?([\w$]*) \(sfi|SharedFunctionInfo ?([\w$]*)>/.exec(line.replace(/0x[0-9a-f]+/g, ''));
      const found = name?.[1] ?? name?.[2];
      return found !== undefined && (found === '' || new RegExp(`(function ${found}\\(|^ +${found}\\()`, 'm').test(bundles));
    };
    const problems = sections.flatMap((section) => {
      const [title, ...lines] = section.split('\n');
      const body = lines.slice(0, lines.findIndex((l) => l.startsWith('--- end:')));
      // Code dropped (an object it used died, or a deopt), or compiled anew: kept code is neither.
      const dropped = body.filter((l) => (/reason: weak objects|^\[compiling method|^\[bailout/.test(l)) && ours(l));
      return dropped.map((l) => `${title}: ${l.replace(/0x[0-9a-f]+/g, '').slice(0, 160)}`);
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
