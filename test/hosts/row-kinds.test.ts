// The built bundles read a host's rows without changing them. A host hands a column as one small
// array per row, each of V8's kind for its value (whole number, fraction, anything). Optimised
// code reading `row[c]` across rows of mixed kinds converts every row it meets to the most general
// kind first: a million amounts then cost a new array and a boxed number each (shared/cells.ts,
// cellAt). V8 tells the kinds only with --allow-natives-syntax, so the calls run in a child
// process (test/support/row-kinds-child.ts), often enough for V8 to optimise the bundles' loops.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

describe('the bundles leave the kinds of the host\'s rows alone', () => {
  it('PARETO_TIER (amounts and keys) and PLAN_ATTAINMENT (targets and actuals: a fraction is not written over a row of whole numbers), through functions.js and Code.js', () => {
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', join(root, 'test/support/row-kinds-child.ts'), root], { cwd: root, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const changed = JSON.parse(child.stdout.trim()) as Record<string, number>;
    expect(changed).toEqual({ 'PARETO_TIER excel': 0, 'PARETO_TIER sheets': 0, 'PLAN_ATTAINMENT excel': 0, 'PLAN_ATTAINMENT sheets': 0 });
  }, 60_000);
});
