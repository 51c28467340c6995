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

/**
 * The lines of the child's trace, after each "kept from here" marker, that say the product's code
 * was dropped (an object it used died, or a deopt) or compiled anew: kept code is neither.
 */
function droppedCode(stdout: string): string[] {
  // Only the bundles' own functions (and nameless ones: the bundles' arrow functions are):
  // Node's own (reading files, say) are not the product's.
  const bundles = ['dist/excel/functions.js', 'dist/sheets/Code.js'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  // Node's and tsx's own nameless functions are optimised while the child starts, before it loads
  // a bundle, and one of them may be dropped later when an object of theirs dies (CI saw it once,
  // in the last section): a function first seen before the bundles load is not the product's.
  // V8 prints an address with a leading zero in one place and without it in another.
  const sfiOf = (line: string) => /\(sfi = 0x0*([0-9a-f]+)\)|\(0x0*([0-9a-f]+) <SharedFunctionInfo/.exec(line)?.slice(1).find(Boolean);
  const loadAt = stdout.indexOf('--- bundles load');
  expect(loadAt).toBeGreaterThan(0);
  const seenAtStart = new Set(stdout.slice(0, loadAt).split('\n').flatMap((l) => sfiOf(l) ?? []));
  const ours = (line: string) => {
    if (seenAtStart.has(sfiOf(line) ?? '')) return false;
    const name = /(?:JSFunction|SharedFunctionInfo) ?([\w$]*) \(sfi|SharedFunctionInfo ?([\w$]*)>/.exec(line.replace(/0x[0-9a-f]+/g, ''));
    const found = name?.[1] ?? name?.[2];
    return found !== undefined && (found === '' || new RegExp(`(function ${found}\\(|^ +${found}\\()`, 'm').test(bundles));
  };
  // A function optimised for the first time in a section (valueOfCell, which runs only for a cell
  // that is not plain, gets hot after a few thousand calls, whichever function's they were) was
  // not kept before, so nothing was dropped: only a function optimised before compiles "anew".
  // One pass over the trace: the functions optimised so far, and in a section what it dropped.
  const optimised = new Set<string>();
  let section: { title: string; optimisedBefore: Set<string> } | undefined;
  let sections = 0;
  const problems: string[] = [];
  for (const l of stdout.split('\n')) {
    if (l.startsWith('--- kept from here: ')) {
      section = { title: l.slice('--- kept from here: '.length), optimisedBefore: new Set(optimised) };
      sections++;
    } else if (l.startsWith('--- end:')) section = undefined;
    else if (/^\[completed optimizing/.test(l)) optimised.add(sfiOf(l) ?? '');
    if (!section) continue;
    const dropped = /reason: weak objects|^\[bailout/.test(l) || (/^\[compiling method/.test(l) && section.optimisedBefore.has(sfiOf(l) ?? ''));
    if (dropped && ours(l)) problems.push(`${section.title}: ${l.replace(/0x[0-9a-f]+/g, '').slice(0, 160)}`);
  }
  expect(sections).toBe(12);
  return problems;
}

describe('the element-wise functions keep their optimised code between calls', () => {
  it('through functions.js and Code.js: after warm-up calls, calls with a full collection before each drop no code and compile none anew', () => {
    const child = childRun();
    expect(child.status).toBe(0);
    expect(droppedCode(child.stdout)).toEqual([]);
  }, 120_000);

  it('the check leaves out a function of Node or tsx seen before the bundles load, whichever way V8 writes its address, and not one first seen later', () => {
    const stdout = childRun().stdout;
    const startUp = stdout.slice(0, stdout.indexOf('--- bundles load'));
    const sfi = /<JSFunction \(sfi = 0x([0-9a-f]+)\)>/.exec(startUp)?.[1];
    expect(sfi, 'a nameless function optimised while the child starts').toBeDefined();
    const dropping = (address: string) => `[marking dependent code 0x1234 <Code TURBOFAN> (0x${address} <SharedFunctionInfo>) (opt id 9) for deoptimization, reason: weak objects]\n`;
    const planted = (line: string) => stdout.replace('--- end: ACCOUNT_CATEGORY sheets', `${line}--- end: ACCOUNT_CATEGORY sheets`);
    expect(droppedCode(planted(dropping(sfi!)))).toEqual([]);
    expect(droppedCode(planted(dropping(`0${sfi!}`)))).toEqual([]);
    expect(droppedCode(planted(dropping('7ffffffffff0')))).toHaveLength(1);
    // A first optimisation in a section drops nothing; one of a function optimised before does.
    const compiling = (name: string, address: string) => `[compiling method 0x1234 <JSFunction ${name} (sfi = 0x${address})> (target TURBOFAN), mode: ConcurrencyMode::kConcurrent]\n`;
    expect(droppedCode(planted(compiling('valueOfCell', '7ffffffffff8')))).toEqual([]);
    const loop = /^\[completed optimizing 0x[0-9a-f]+ <JSFunction (computeRows\d*) \(sfi = 0x([0-9a-f]+)\)>/m.exec(stdout);
    expect(loop, 'a row loop optimised').not.toBeNull();
    expect(droppedCode(planted(compiling(loop![1], loop![2])))).toHaveLength(1);
  }, 120_000);
});
