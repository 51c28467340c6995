// PARETO_CUTOFFS against the R package ABCanalysis itself: test/fixtures/abc/reference.json holds
// the package's results on fixed data sets, made by make-reference.R beside it (the package's own
// R code, run with Debian's r-base-core).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, Matrix } from '../../shared/cells';
import { FormulaError } from '../../shared/cells';
import { computedAbc, roundHalfEven } from '../../shared/formulas/cutoffs';
import { call, col, expectError, row } from '../helpers';

interface Reference {
  values: number[];
  A: [number, number];
  C: [number, number];
  ABLimit: number[];
  BCLimit: number[];
  Aind: number[];
  Bind: number[];
  Cind: number[];
}
const REFERENCE: Record<string, Reference> = JSON.parse(readFileSync(join(__dirname, '../fixtures/abc/reference.json'), 'utf8'));
const names = Object.keys(REFERENCE);
/** The data sets where ABCanalysis puts every account in a set (all but one account, all equal). */
const partitioned = names.filter((n) => {
  const r = REFERENCE[n];
  return r.Aind.length + r.Bind.length + r.Cind.length === r.values.length;
});

const sortedForAbc = (values: number[]) => Float64Array.from(values, (v) => Math.max(0, v)).sort().reverse();

/** Tier per account as ABCanalysis gives it (its index lists are 1-based). */
function referenceTiers(r: Reference): string[] {
  const tiers: string[] = new Array(r.values.length).fill('?');
  for (const [label, list] of [['A', r.Aind], ['B', r.Bind], ['C', r.Cind]] as const) for (const i of list) tiers[i - 1] = label;
  return tiers;
}

function cutoffsOf(values: Matrix, keys?: Matrix): Matrix {
  const result = call('PARETO_CUTOFFS', values, keys);
  if (result instanceof FormulaError) throw new Error(`PARETO_CUTOFFS failed: ${result.message}`);
  return result;
}

describe('the computed ABC analysis, step by step as ABCanalysis 1.2.1', () => {
  it('has at least three kinds of data sets in the fixture, among them the Superstore customers', () => {
    expect(names).toEqual(expect.arrayContaining(['hand', 'ties', 'credit_notes', 'zipf_250', 'superstore_customers']));
    expect(REFERENCE.superstore_customers.values).toHaveLength(793);
    expect(partitioned.length).toBeGreaterThanOrEqual(45);
  });

  it.each(names)('%s: the same A/B and B/C points on the smoothed curve, to the last bit', (name) => {
    const r = REFERENCE[name];
    const abc = computedAbc(sortedForAbc(r.values));
    expect([abc.a.effort, abc.a.yield]).toEqual(r.A);
    expect([abc.c.effort, abc.c.yield]).toEqual(r.C);
    expect(abc.abRank > 0 ? abc.abLimit : null).toBe(r.ABLimit[0] ?? null);
    expect(abc.bcRank > 0 ? abc.bcLimit : null).toBe(r.BCLimit[0] ?? null);
  });

  it('rounds halves to even, as R does', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 7.000000000000001].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 7]);
  });
});

describe('PARETO_CUTOFFS fed to PARETO_TIER', () => {
  it.each(partitioned)('%s: the same A, B and C accounts as ABCanalysis', (name) => {
    const r = REFERENCE[name];
    const values = r.values.map((v) => [v]);
    const cutoffs = cutoffsOf(values);
    expect(call('PARETO_TIER', values, undefined, cutoffs)).toEqual(referenceTiers(r).map((t) => [t]));
  });

  it('gives the same sets from invoice lines with keys, in any order, as from the account totals', () => {
    const r = REFERENCE.superstore_customers;
    // Each account's total as two lines (a third and the rest), lines shuffled by a fixed stride.
    const lines: [Cell, Cell][] = [];
    r.values.forEach((total, i) => {
      const part = Math.round((total / 3) * 100) / 100;
      lines.push([`C${i}`, part], [` c${i} `, Math.round((total - part) * 100) / 100]);
    });
    const order = lines.map((_, i) => (i * 787) % lines.length);
    const keys = order.map((i) => [lines[i][0]]);
    const values = order.map((i) => [lines[i][1]]);
    const cutoffs = cutoffsOf(values, keys);
    expect(cutoffs).toEqual(cutoffsOf(r.values.map((v) => [v])));
    const tiers = call('PARETO_TIER', values, keys, cutoffs) as Matrix;
    const expected = referenceTiers(r);
    expect(tiers.map((t, k) => t[0] === expected[Number(String(keys[k][0]).trim().slice(1))])).not.toContain(false);
  });

  it('gives the revenue share of A and of A and B: a hand-computed set', () => {
    // 500 + 300 = 800 of 1,125 in A; + 120 + 80 = 1,000 in A and B (ABCanalysis: A = 1, 2; B = 3, 4).
    const [[ab, bc]] = cutoffsOf(col(500, 300, 120, 80, 50, 30, 20, 10, 5, 5, 3, 2));
    expect(ab).toBeCloseTo(800 / 1125, 15);
    expect(bc).toBeCloseTo(1000 / 1125, 15);
  });

  it('keeps tied accounts together, as ABCanalysis does (its limits compare totals)', () => {
    const r = REFERENCE.ties;
    const tiers = call('PARETO_TIER', r.values.map((v) => [v]), undefined, cutoffsOf(r.values.map((v) => [v]))) as Matrix;
    const byTotal = new Map<number, Set<Cell>>();
    r.values.forEach((v, i) => byTotal.set(v, (byTotal.get(v) ?? new Set()).add(tiers[i][0])));
    for (const set of byTotal.values()) expect(set.size).toBe(1);
  });

  it('gives 0 as the first cutoff when the largest accounts reach the A/B limit together, so A stays empty', () => {
    expect(cutoffsOf(col(70, 30))).toEqual([[0, 0.7]]);
    expect(call('PARETO_TIER', col(70, 30), undefined, row(0, 0.7))).toEqual([['B'], ['C']]);
  });

  it('puts the B/C cutoff halfway into the smallest account when ABCanalysis leaves no revenue in C', () => {
    // ABCanalysis: A empty, B = both. A cutoff of 1 is not one PARETO_TIER takes.
    const [[ab, bc]] = cutoffsOf(col(362, 369));
    expect(ab).toBe(0);
    expect(bc).toBeCloseTo(1 - 362 / 731 / 2, 15);
    expect(call('PARETO_TIER', col(362, 369), undefined, [[ab, bc]])).toEqual([['B'], ['B']]);
  });

  it('counts credit notes as ABCanalysis does (as 0) and leaves accounts at or below zero in the last tier', () => {
    const r = REFERENCE.credit_notes;
    const tiers = call('PARETO_TIER', r.values.map((v) => [v]), undefined, cutoffsOf(r.values.map((v) => [v]))) as Matrix;
    r.values.forEach((v, i) => {
      if (v <= 0) expect(tiers[i][0]).toBe('C');
    });
  });

  it('returns a row of two fractions, the first below the second', () => {
    const result = cutoffsOf(REFERENCE.superstore_customers.values.map((v) => [v]));
    expect(result).toHaveLength(1);
    const [[ab, bc]] = result as [[number, number]];
    expect(0 < ab && ab < bc && bc < 1).toBe(true);
  });
});

describe('PARETO_CUTOFFS where there is nothing to compute', () => {
  it('a single account: #NUM!, since ABCanalysis puts it in no set', () => {
    expectError(call('PARETO_CUTOFFS', col(1234.5)), '#NUM!', /only one account/);
    expectError(call('PARETO_CUTOFFS', col(1000, 600), col('Acme', ' acme')), '#NUM!', /only one account/);
  });

  it('all accounts equal: #NUM!, since ABCanalysis puts its A/B limit before the first account', () => {
    expectError(call('PARETO_CUTOFFS', col(250, 250, 250, 250, 250, 250)), '#NUM!', /too even/);
  });

  it('no revenue: #DIV/0! as PARETO_TIER', () => {
    expectError(call('PARETO_CUTOFFS', col(0, -5, null)), '#DIV/0!', /no account in values has a total above zero/);
  });

  it('text, errors and misshapen keys: the same messages as PARETO_TIER', () => {
    expect(call('PARETO_CUTOFFS', col(1, 'x', 3))).toEqual(call('PARETO_TIER', col(1, 'x', 3)));
    expect(call('PARETO_CUTOFFS', col(1, 2, 3), col('a', 'b'))).toEqual(call('PARETO_TIER', col(1, 2, 3), col('a', 'b')));
  });
});
