// Property tests: whatever a sheet throws at the functions, they answer with values or a
// FormulaError — never a raw exception, NaN or Infinity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cell, ERROR_CODES, FormulaError, Matrix, isPlain } from '../shared/cells';
import { FUNCTIONS } from '../shared/catalog';
import { HostCells, callForHost, callFunction } from '../shared/run';
import { ROWS_PER_PIECE } from '../shared/formulas/elementwise';

// A fixed seed keeps CI repeatable; FC_RANDOM=1 explores new inputs on every run.
if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261123 });

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 50000 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'A', 'b', 'growth', 'groei', 'none', 'week', 'nl', '1,234', 'n/a', '=cmd', 'TRUE') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...ERROR_CODES).map((code) => new FormulaError(code, 'from the sheet')) },
  { weight: 1, arbitrary: fc.constantFrom(1e300, -1e300, 5e-324, Number.MAX_SAFE_INTEGER) },
);

/** Blocks of any shape, 0×0 to 6×4, also ragged edge cases like a 1×1 blank. */
const matrix: fc.Arbitrary<Matrix> = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, cols]) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

const args = fc.array(fc.option(matrix, { nil: undefined, freq: 3 }), { maxLength: 7 });

/** The functions that give a bad row its own error (docs/functions.md, Errors). */
const ELEMENT_WISE = new Set(['ACCOUNT_CATEGORY', 'PLAN_GAP', 'PLAN_ATTAINMENT', 'PLAN_RUN_RATE', 'PLAN_REQUIRED_RATE', 'PLAN_ACTIVITIES']);

describe('every function, on anything', () => {
  for (const spec of FUNCTIONS) {
    it(`${spec.name} answers with finite values or a FormulaError`, () => {
      fc.assert(
        fc.property(args, (a) => {
          const result = callFunction(spec, a); // a raw exception fails the property right here
          if (result instanceof FormulaError) {
            expect(ERROR_CODES).toContain(result.code);
            expect(result.message.length).toBeGreaterThan(0);
            return;
          }
          expect(result.length).toBeGreaterThan(0);
          const width = result[0].length;
          expect(width).toBeGreaterThan(0);
          // Only the element-wise functions give a bad row its own error.
          const rowErrors = ELEMENT_WISE.has(spec.name);
          for (const r of result) {
            expect(r.length).toBe(width);
            for (const v of r) {
              expect(v === null || v === undefined).toBe(false);
              if (v instanceof FormulaError) {
                expect(rowErrors, `${spec.name}: an error inside the result`).toBe(true);
                expect(ERROR_CODES).toContain(v.code);
                expect(v.message).toMatch(/^(row|column) \d+/);
              }
              if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
            }
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('PARETO_TIER', () => {
  const tier = FUNCTIONS.find((f) => f.name === 'PARETO_TIER')!;
  it('gives a larger account never a later tier than a smaller one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom([[0.8, 0.95]], [[0.5]], [[0.2, 0.5, 0.7, 0.9]]),
        (values, cutoffs) => {
          const result = callFunction(tier, [values.map((v) => [v]), undefined, cutoffs as unknown as Matrix]);
          if (result instanceof FormulaError) {
            expect(values.some((v) => v > 0)).toBe(false); // only when nothing is positive
            return;
          }
          const labels = result.map((r) => String(r[0]).charCodeAt(0));
          const order = values.map((v, i) => i).sort((i, j) => values[j] - values[i]);
          for (let k = 1; k < order.length; k++) {
            const [bigger, smaller] = [order[k - 1], order[k]];
            expect(labels[bigger]).toBeLessThanOrEqual(labels[smaller]);
            if (values[bigger] === values[smaller]) expect(labels[bigger]).toBe(labels[smaller]);
          }
          expect(labels[order[0]]).toBe(65); // the largest account is always A
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PLAN_PHASE', () => {
  const phase = FUNCTIONS.find((f) => f.name === 'PLAN_PHASE')!;
  it('parts add up exactly to the target rounded to round_to', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 53 }).filter((w) => w.some((x) => x > 0)),
        fc.constantFrom(1, 10, 100, 1000, 5),
        (target, weights, roundTo) => {
          const result = callFunction(phase, [[[target]], [weights], [[roundTo]]]) as number[][];
          const parts = result[0];
          expect(parts).toHaveLength(weights.length);
          expect(parts.every((p) => Number.isInteger(p / roundTo))).toBe(true);
          const rounded = Math.sign(target) * Math.round(Math.abs(target) / roundTo) * roundTo;
          expect(parts.reduce((a, b) => a + b, 0)).toBe(rounded + 0); // + 0: no -0
          weights.forEach((w, i) => w === 0 && expect(parts[i]).toBe(0));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parts without rounding add up to the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 24 }).filter((w) => w.some((x) => x > 1e-6)),
        (target, weights) => {
          const parts = (callFunction(phase, [[[target]], weights.map((w) => [w])]) as number[][]).map((r) => r[0]);
          expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(target, 3);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// The fast paths (issue 10) against the straightforward ones, on inputs with blanks, errors,
// text, dates and single cells: writing results over the host's arrays gives what a fresh result
// gives, and every position of a range gives what a call on that position's cells alone gives.
describe('the element-wise runner: fast paths equal straightforward ones', () => {
  const elementWise = FUNCTIONS.filter((f) => ELEMENT_WISE.has(f.name));
  const dateOrAnything: fc.Arbitrary<Cell> = fc.oneof(cell, fc.integer({ min: 0, max: 2958465 }), fc.constantFrom(46023, 46204, 46387));
  /** Arguments of one shape (n×1 ranges) or single cells, and some left out. */
  const shaped = (count: number) =>
    fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.array(dateOrAnything, { minLength: n, maxLength: n }).map((c) => c.map((v) => [v]) as Matrix) },
          { weight: 2, arbitrary: dateOrAnything.map((v) => [[v]] as Matrix) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
        { minLength: count, maxLength: count },
      ),
    );
  const copy = (args: (Matrix | undefined)[]) => args.map((m) => m?.map((r) => r.slice()));
  // "row 2 of target is 'x'" and "row 2: target is 0" name the place; a call on one cell does not.
  const unplaced = (message: string) => message.replace(/^(row \d+(, column \d+)?|column \d+)(: | of )/, '');

  for (const spec of elementWise) {
    it(`${spec.name}: results written over the inputs equal a fresh result, and the fresh one leaves the inputs alone`, () => {
      fc.assert(
        fc.property(shaped(spec.params.length), (args) => {
          const before = copy(args);
          const fresh = callFunction(spec, args);
          expect(args).toEqual(before);
          expect(callFunction(spec, copy(args), true)).toEqual(fresh);
        }),
        { numRuns: 300 },
      );
    });

    it(`${spec.name}: each row gives what a call on that row's cells alone gives`, () => {
      fc.assert(
        fc.property(shaped(spec.params.length), (args) => {
          const whole = callFunction(spec, copy(args), true);
          const rows = Math.max(1, ...args.map((m) => (m && m.length > 1 && spec.params[args.indexOf(m)]?.kind !== 'range' ? m.length : 1)));
          const alone = (r: number) =>
            callFunction(spec, args.map((m, i) => (m && m.length > 1 && spec.params[i].kind !== 'range' ? [m[r]] : m)));
          if (whole instanceof FormulaError) {
            // A problem with an argument as a whole (a bad single cell, checked once for all rows):
            // no row alone computes a value. It may find another problem first, or be blank.
            for (let r = 0; r < rows; r++) {
              const one = alone(r);
              if (!(one instanceof FormulaError)) expect(one, `row ${r + 1}`).toEqual([['']]);
            }
            return;
          }
          expect(whole).toHaveLength(rows);
          whole.forEach((line, r) => {
            const one = alone(r);
            if (line[0] instanceof FormulaError) {
              expect(one).toBeInstanceOf(FormulaError);
              expect(line[0].code).toBe((one as FormulaError).code);
              expect(unplaced(line[0].message)).toBe(unplaced((one as FormulaError).message));
            } else expect([[line[0]]]).toEqual(one);
          });
        }),
        { numRuns: 300 },
      );
    });
  }
});

// Long ranges are computed in pieces of ROWS_PER_PIECE rows (shared/formulas/elementwise.ts):
// rows on both sides of a piece's edge, bad ones among them, give what they give alone.
describe('the element-wise runner over ranges longer than a piece', () => {
  const elementWise = FUNCTIONS.filter((f) => ELEMENT_WISE.has(f.name));
  const edges = [0, ROWS_PER_PIECE - 1, ROWS_PER_PIECE, 2 * ROWS_PER_PIECE - 1, 2 * ROWS_PER_PIECE, 2 * ROWS_PER_PIECE + 6];
  const length = 2 * ROWS_PER_PIECE + 7;
  for (const spec of elementWise) {
    it(`${spec.name}: rows at the edges of pieces equal calls on their cells alone`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(cell, { minLength: edges.length, maxLength: edges.length }), { minLength: spec.params.length, maxLength: spec.params.length }), fc.integer({ min: 0, max: 1 }), (picked, filler) => {
          // Every row but the edges holds one plain row of the function's own example kind of values.
          const plainRow: Cell[] = spec.params.map((p) => (p.kind === 'text' ? 'A' : p.kind === 'flag' ? true : p.kind === 'any' ? 'growth' : 46204 + filler));
          const args: Matrix[] = spec.params.map((p, i) =>
            p.kind === 'range' ? [[1]] : Array.from({ length }, (_, r) => [edges.includes(r) ? picked[i][edges.indexOf(r)] : plainRow[i]]),
          );
          const whole = callFunction(spec, args.map((m) => m.map((r) => r.slice())), true);
          const alone = (r: number) => callFunction(spec, args.map((m, i) => (spec.params[i].kind === 'range' ? m : [m[r]])));
          if (whole instanceof FormulaError) return; // an argument's problem as a whole: the small property test covers it
          expect(whole).toHaveLength(length);
          for (const r of [...edges, 1, ROWS_PER_PIECE + 1, length - 2]) {
            const one = alone(r);
            const got = whole[r][0];
            if (got instanceof FormulaError) {
              expect(one, `row ${r + 1}`).toBeInstanceOf(FormulaError);
              expect(got.code).toBe((one as FormulaError).code);
              expect(got.message).toContain(`row ${r + 1}`);
            } else expect([[got]], `row ${r + 1}`).toEqual(one);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('the hosts\' one pass over a result equals the core\'s result turned into host cells', () => {
  // What a host makes of each core cell, marked so the test sees every cell was converted.
  const host: HostCells = { blank: 'BLANK', error: (e) => ({ hostError: e.code, message: e.message }), date: (serial) => ({ date: serial }) };
  const asHost = (v: Cell, dates: boolean): unknown =>
    v === null ? host.blank : v instanceof FormulaError ? host.error(v) : dates && typeof v === 'number' ? host.date!(v) : v;
  const copy = (a: (Matrix | undefined)[]) => a.map((m) => m?.map((r) => r.slice()));
  for (const spec of FUNCTIONS) {
    it(`${spec.name}: callForHost gives callFunction's answer, cell by cell`, () => {
      fc.assert(
        fc.property(args, (a) => {
          const expected = callFunction(spec, copy(a));
          const got = callForHost(spec, copy(a), host);
          if (expected instanceof FormulaError) {
            expect(got).toEqual(expected);
            return;
          }
          expect(got).toEqual(expected.map((row) => row.map((v) => asHost(v, spec.returns === 'dates'))));
        }),
        { numRuns: 300 },
      );
    });
  }

  // A block the core marks plain skips the hosts' pass: it must hold nothing a host would change.
  it('a result marked plain holds only finite numbers, text and TRUE/FALSE', () => {
    let marked = 0;
    for (const spec of FUNCTIONS) {
      fc.assert(
        fc.property(args, (a) => {
          const result = callFunction(spec, copy(a), true);
          if (result instanceof FormulaError || !isPlain(result)) return;
          marked++;
          for (const row of result) for (const v of row) expect(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)), `${spec.name}: ${String(v)}`).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
    expect(marked).toBeGreaterThan(10); // the fast path is really taken
  });
});
