// The Pareto family keeps the last numbering of a key column, weakly, to recall it for the next
// call over the same keys (shared/formulas/pareto.ts). Excel may run many calls of a calculation
// in one JavaScript job, and a WeakRef's target lives at least to the end of its job: the job must
// still hold one copy of keys at most, and none once it has ended. Heap figures need
// `--expose-gc`, so the calls run in a child process (test/support/held-keys-child.ts) on the
// built functions.js.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

type Heap = { rows: number; calls: number; before: number; afterOne: number; afterAll: number; afterJob: number };

const measured: Partial<Record<'excel' | 'sheets', Heap>> = {};

/** The heap figures of the child's calls through one bundle; each bundle's child runs once. */
function heapAfterCalls(host: 'excel' | 'sheets'): Heap {
  if (measured[host]) return measured[host];
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'test/support/held-keys-child.ts'), root, host], { cwd: root, encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return (measured[host] = JSON.parse(child.stdout) as Heap);
}

/** What functions.js keeps after one call: a copy of 200,000 keys, checked to be one. */
function excelCopy(): number {
  const heap = heapAfterCalls('excel');
  const copy = heap.afterOne - heap.before;
  // Their texts and the numbering, several MB. Not a stray allocation.
  expect(copy).toBeGreaterThan(20 * heap.rows);
  return copy;
}

describe('the keys a calculation holds', () => {
  it('eight PARETO_TIER calls on new keys in one job hold one copy of keys at most, and none after the job', () => {
    const heap = heapAfterCalls('excel');
    const oneCopy = excelCopy();
    // Seven more calls on keys of their own: still one copy (each held its own, 80 MB, before).
    expect(heap.afterAll - heap.before).toBeLessThan(1.5 * oneCopy);
    // The job over, the first collection lets the last copy go too.
    expect(heap.afterJob - heap.before).toBeLessThan(0.2 * oneCopy);
  }, 60_000);

  // Apps Script loads the script afresh for every cell call, so no call could recall the last
  // one's numbering: Code.js keeps none, not even within the job (shared/formulas/pareto.ts).
  it('Code.js keeps no copy of the keys after a call', () => {
    const sheets = heapAfterCalls('sheets');
    const copy = excelCopy();
    expect(sheets.afterOne - sheets.before).toBeLessThan(0.1 * copy);
    expect(sheets.afterAll - sheets.before).toBeLessThan(0.1 * copy);
  }, 60_000);
});
