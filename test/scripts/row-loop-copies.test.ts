// The build's row-loop-copies plugin (scripts/build.ts): one module per line of row-loops.ts, and
// a line written another way fails the build instead of quietly sharing one loop again.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rowLoopCopies } from '../../scripts/build';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny project with a row loop, the list of names as given, and an entry that calls them all. */
function project(rowLoops: string): string {
  dir = mkdtempSync(join(tmpdir(), 'row-loops-'));
  const formulas = join(dir, 'shared/formulas');
  mkdirSync(formulas, { recursive: true });
  writeFileSync(join(formulas, 'shared.ts'), 'export const seen: string[] = [];\n');
  writeFileSync(join(formulas, 'row-loop.ts'), "import { seen } from './shared';\nexport function computeRows(name: string): void {\n  seen.push(name);\n}\n");
  writeFileSync(join(formulas, 'row-loops.ts'), rowLoops);
  writeFileSync(join(dir, 'entry.ts'), "import * as L from './shared/formulas/row-loops';\nimport { seen } from './shared/formulas/shared';\nfor (const [name, f] of Object.entries(L)) f(name);\n(globalThis as any).result = { seen, loops: Object.values(L) };\n");
  return join(dir, 'entry.ts');
}

const bundled = async (entry: string) =>
  (await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', logLevel: 'silent', plugins: [rowLoopCopies] })).outputFiles[0].text;

describe('the row-loop-copies build plugin', () => {
  it('gives every name a copy of its own, and keeps what the copies import shared', async () => {
    // Indented and with Windows line ends, as an editor may leave it.
    const code = await bundled(project("// names\r\nexport { computeRows as aRows } from './row-loop';\r\n  export { computeRows as bRows } from './row-loop';\r\n"));
    const result = new Function(`${code}; const r = globalThis.result; delete globalThis.result; return r;`)() as { seen: string[]; loops: unknown[] };
    expect(result.seen).toEqual(['aRows', 'bRows']); // one shared list: the import is not copied
    expect(new Set(result.loops).size).toBe(2); // two functions, not one
    expect(code.match(/function computeRows\d*\(/g)).toHaveLength(2);
  });

  it.each([
    ['double quotes', 'export { computeRows as aRows } from "./row-loop";\n'],
    ['two names on one line', "export { computeRows as aRows, computeRows as bRows } from './row-loop';\n"],
    ['another export beside them', "export { computeRows as aRows } from './row-loop';\nexport const other = 1;\n"],
    ['an export written over two lines', "export { computeRows as aRows } from './row-loop';\nexport {\n  computeRows as bRows,\n} from './row-loop';\n"],
  ])('fails the build on %s', async (_, text) => {
    await expect(bundled(project(text))).rejects.toThrow(/every export must read/);
  });
});
