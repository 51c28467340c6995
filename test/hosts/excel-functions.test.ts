// dist/excel/functions.js as Excel loads it: a script that calls CustomFunctions.associate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/catalog';
import { FUNCTION_HELP } from '../../shared/i18n/function-help';
import { serial } from '../helpers';
import { ErrorCode, StandInError } from './stand-ins';

const dist = join(__dirname, '../../dist/excel');

const associated = new Map<string, (...args: unknown[]) => unknown>();
const invocation = { address: 'Sheet1!C1', functionName: 'KAM.X' }; // Excel passes this last

/** Calls as Excel does: one argument per declared parameter (undefined when omitted), then the invocation. */
function run(name: string, ...args: unknown[]): unknown {
  const fn = associated.get(name);
  const spec = FUNCTIONS.find((f) => f.name === name)!;
  if (!fn) throw new Error(`${name} was not associated`);
  const padded = spec.params.map((_, i) => args[i]);
  return fn(...padded, invocation);
}

function thrown(f: () => unknown): StandInError {
  try {
    f();
  } catch (e) {
    return e as StandInError;
  }
  throw new Error('expected the function to throw');
}

beforeAll(() => {
  const context = vm.createContext({
    CustomFunctions: { associate: (id: string, fn: (...a: unknown[]) => unknown) => associated.set(id, fn), Error: StandInError, ErrorCode },
  });
  vm.runInContext(readFileSync(join(dist, 'functions.js'), 'utf8'), context);
});

describe('dist/excel/functions.js', () => {
  it('associates every catalog function, and nothing else', () => {
    expect([...associated.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });

  it('matches functions.json: same ids, parameters as matrices of any, errors allowed in', () => {
    const metadata = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8'));
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.functions.map((f: { id: string }) => f.id).sort()).toEqual([...associated.keys()].sort());
    for (const spec of FUNCTIONS) {
      const f = metadata.functions.find((m: { id: string }) => m.id === spec.name);
      expect(f.name).toBe(spec.name);
      expect(f.description).toBe(FUNCTION_HELP[spec.name].description.en);
      expect(f.parameters.map((p: { name: string }) => p.name)).toEqual(spec.params.map((p) => p.name));
      expect(f.parameters.map((p: { optional: boolean }) => p.optional)).toEqual(spec.params.map((p) => Boolean(p.optional)));
      expect(f.result).toEqual({ type: 'any', dimensionality: 'matrix' });
      // The arguments' addresses, to tell desktop's empty cells from zeros (needs the matrix result above).
      expect(f.options).toEqual({ requiresParameterAddresses: true });
    }
  });

  it('computes tiers from matrices, ignoring the invocation argument', () => {
    expect(run('PARETO_TIER', [[100], [50], [30], [10], [5], [5]], null, null, null)).toEqual([['A'], ['A'], ['A'], ['B'], ['C'], ['C']]);
  });

  it('reads blanks as null (Excel on the web) and "" as blank, and writes blank results as ""', () => {
    expect(run('PARETO_TIER', [[90], [null], [''], [10]])).toEqual([['A'], [''], [''], ['B']]);
  });

  it('reads desktop blanks (0) as zero amounts: last tier', () => {
    expect(run('PARETO_TIER', [[90], [0], [10]])).toEqual([['A'], ['C'], ['B']]);
  });

  it('treats omitted optional arguments (null or undefined) as defaults', () => {
    expect(run('PARETO_TIER', [[80], [15], [5]], undefined, null, undefined)).toEqual([['A'], ['B'], ['C']]);
    expect(run('PLAN_PHASE', [[1200]], null, null)).toEqual([Array(12).fill(100)]);
  });

  it('takes dates as serial numbers', () => {
    const [jan1, mar31, dec31] = [serial(2026, 1, 1), serial(2026, 3, 31), serial(2026, 12, 31)];
    expect(run('PLAN_GAP', [[365]], [[0]], [[mar31]], [[jan1]], [[dec31]], null)).toEqual([[90]]);
    expect(run('PLAN_REVIEW_DATES', [[jan1]], null, null)).toEqual([[jan1 + 30], [jan1 + 60], [jan1 + 90]]);
  });

  it('throws #VALUE! as a CustomFunctions.Error with the message', () => {
    const e = thrown(() => run('PARETO_TIER', [[10], ['n/a']]));
    expect(e).toBeInstanceOf(StandInError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe("row 2 of values is 'n/a', not a number");
  });

  it('throws #NUM! and #DIV/0! bare, since Excel shows messages only with #VALUE! and #N/A', () => {
    const num = thrown(() => run('PARETO_TIER', [[1], [2]], null, [[80]]));
    expect(num.code).toBe('#NUM!');
    expect(num.message).toBeUndefined();
    expect(thrown(() => run('PLAN_ATTAINMENT', [[0]], [[5]])).code).toBe('#DIV/0!');
  });

  it('passes an error value in a range on, with its row', () => {
    const e = thrown(() => run('PARETO_TIER', [[10], [new StandInError('#N/A', 'lookup failed')]]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('row 2 of values is #N/A: lookup failed');
  });
});
