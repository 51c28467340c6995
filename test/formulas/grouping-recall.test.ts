// The family recalls the last call's numbering of the same keys instead of numbering them again
// (shared/formulas/pareto.ts, recalled). Whatever changed between two calls, the second answer
// must be the answer of a call that numbers the keys afresh.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cell, FormulaError, Matrix } from '../../shared/cells';
import { functionNamed } from '../../shared/catalog';
import { KEYS_PER_PIECE, forgetGroupings, groupAccounts, groupings, keepNumberings } from '../../shared/formulas/pareto';
import { vectorFrom } from '../../shared/formulas/args';
import { straight } from '../support/straight-grouping';
import { callForHost, callFunction } from '../../shared/run';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261128 });

const HOST = { blank: '', error: (e: FormulaError) => e };
const FAMILY = ['PARETO_TIER', 'PARETO_SHARE', 'PARETO_SUMMARY', 'CONCENTRATION', 'PARETO_CUTOFFS'];
const column = (cells: readonly Cell[]): Matrix => cells.map((c) => [c]);

/** A fresh answer: the numbering forgotten first, so nothing is recalled. */
function fresh(name: string, amounts: Cell[], keys: Cell[]) {
  forgetGroupings();
  const result = callFunction(functionNamed(name)!, [column(amounts), column(keys)]);
  forgetGroupings();
  return result;
}

const key = fc.constantFrom<Cell>('Acme', 'acme ', 'Beta', 'Gamma', 7, 'Delta', null, '', ' ', true);
const amount = fc.oneof(fc.integer({ min: -50, max: 1000 }), fc.constant<Cell>(null), fc.constant<Cell>(''));
const table = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.array(amount, { minLength: n, maxLength: n }), fc.array(key, { minLength: n, maxLength: n })));

/** What may change between two calls: nothing, an amount, a key, a key blanked, two keys swapped, or the size. */
const change = fc.tuple(fc.constantFrom('none', 'amount', 'key', 'blank key', 'error key', 'swap', 'longer', 'shorter'), fc.nat(), amount, key);

function changed([amounts, keys]: [Cell[], Cell[]], [what, at, a, k]: [string, number, Cell, Cell]): [Cell[], Cell[]] {
  const i = at % amounts.length;
  const next: [Cell[], Cell[]] = [amounts.slice(), keys.slice()];
  if (what === 'amount') next[0][i] = a;
  if (what === 'key') next[1][i] = k;
  if (what === 'blank key') next[1][i] = null;
  if (what === 'error key') next[1][i] = new FormulaError('#N/A', '');
  if (what === 'swap') {
    const j = (at * 7 + 3) % amounts.length;
    [next[1][i], next[1][j]] = [next[1][j], next[1][i]];
  }
  if (what === 'longer') next.forEach((cells, c) => cells.push(c === 0 ? a : k));
  if (what === 'shorter' && amounts.length > 1) next.forEach((cells) => cells.splice(i, 1));
  return next;
}

describe('recalling the last numbering of the keys', () => {
  it('gives the fresh answer after any change, in every function of the family', () => {
    fc.assert(
      fc.property(table, change, fc.constantFrom(...FAMILY), fc.constantFrom(...FAMILY), (first, what, one, two) => {
        const second = changed(first, what);
        forgetGroupings();
        callForHost(functionNamed(one)!, [column(first[0]), column(first[1])], HOST);
        // Fresh arrays with the same contents, as a host hands them over.
        const got = callForHost(functionNamed(two)!, [column(second[0]), column(second[1])], HOST);
        expect(got).toEqual(fresh(two, second[0], second[1]));
      }),
      { numRuns: 500 },
    );
  });

  // Where the keys part ways with the last call's, the rows above keep its numbering and the rest
  // are numbered on: the accounts, their rows, totals and names must be a fresh numbering's.
  it('numbers the accounts as a fresh numbering does, after any change', () => {
    const accountsOf = ([amounts, keys]: [Cell[], Cell[]]) => {
      try {
        const a = groupAccounts(vectorFrom(amounts, 'values'), vectorFrom(keys, 'keys'));
        return { rowAccount: [...a.rowAccount], totals: [...a.totals], hasAmount: [...a.hasAmount], names: a.names };
      } catch (e) {
        return e;
      }
    };
    fc.assert(
      fc.property(table, change, (first, what) => {
        const second = changed(first, what);
        forgetGroupings();
        const expected = accountsOf(second);
        forgetGroupings();
        accountsOf(first);
        expect(accountsOf(second)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('numbers only the rows below the first that changed', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `Customer ${i % 97}`);
    const amounts = keys.map((_, i) => (i * 37) % 500);
    forgetGroupings();
    callForHost(functionNamed('PARETO_TIER')!, [column(amounts), column(keys)], HOST);
    const edited = keys.slice();
    edited[990] = 'Customer 1000';
    edited[995] = 'Customer 3';
    const got = callForHost(functionNamed('PARETO_SHARE')!, [column(amounts), column(edited)], HOST);
    expect(got).toEqual(fresh('PARETO_SHARE', amounts, edited));
  });

  it('recalls the keys for the next function over the same table, not after a key changed', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `Customer ${i % 97}`);
    const amounts = keys.map((_, i) => (i * 37) % 500);
    forgetGroupings();
    const before = { ...groupings };
    callForHost(functionNamed('PARETO_TIER')!, [column(amounts), column(keys)], HOST);
    callForHost(functionNamed('PARETO_SHARE')!, [column(amounts), column(keys.map((k) => `${k}`))], HOST);
    expect(groupings.numbered - before.numbered).toBe(1);
    expect(groupings.recalled - before.recalled).toBe(1);
    const edited = keys.slice();
    edited[999] = 'Customer 1000';
    callForHost(functionNamed('PARETO_SHARE')!, [column(amounts), column(edited)], HOST);
    expect(groupings.numbered - before.numbered).toBe(2);
  });

  // Code.js turns keeping off (Apps Script loads the script afresh per call): every call numbers
  // its keys, with the answers a kept numbering gives, and turning it on again brings recall back.
  it('numbers every call afresh when numberings are not kept, with the same answers', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `Customer ${i % 97}`);
    const amounts = keys.map((_, i) => (i * 37) % 500);
    const twice = () => [
      callForHost(functionNamed('PARETO_TIER')!, [column(amounts), column(keys)], HOST),
      callForHost(functionNamed('PARETO_SHARE')!, [column(amounts), column(keys)], HOST),
    ];
    forgetGroupings();
    const kept = twice();
    try {
      keepNumberings(false);
      const before = { ...groupings };
      expect(twice()).toEqual(kept);
      expect(groupings.recalled - before.recalled).toBe(0);
      expect(groupings.numbered - before.numbered).toBe(2);
    } finally {
      keepNumberings(true);
    }
    const before = { ...groupings };
    expect(twice()).toEqual(kept);
    expect(groupings.recalled - before.recalled).toBe(1);
  });

  it('does not follow a change made afterwards to the arrays it was given', () => {
    const keys = column(['A', 'B', 'A', 'C']);
    const amounts = column([10, 5, 10, 1]);
    forgetGroupings();
    callForHost(functionNamed('PARETO_SHARE')!, [amounts, keys], HOST);
    // The caller reuses its arrays: the keys the numbering was made from are kept as a copy.
    keys[1][0] = 'A';
    const got = callFunction(functionNamed('PARETO_SHARE')!, [column([10, 5, 10, 1]), column(['A', 'A', 'A', 'C'])]);
    expect(got).toEqual(fresh('PARETO_SHARE', [10, 5, 10, 1], ['A', 'A', 'A', 'C']));
  });
});

// Keys are numbered a piece of rows at a time (hashed and read ahead together, then looked up):
// over ranges of several pieces, with a blank or an error key anywhere, including the rows at the
// edges, and with the last call's numbering recalled down to a row inside a piece, the accounts
// must be those of the grouping rule read straight, row after row. (Accounts, not the numbering
// of the cells as written: a text numbered twice would be merged again by its account key.)
describe('numbering keys over several pieces of rows', () => {
  const grouped = (amounts: Cell[], keys: Cell[], recalledDownTo?: number) => {
    forgetGroupings();
    // A call before over the same keys but one, so this call recalls the rows above that one.
    if (recalledDownTo !== undefined) {
      const before = keys.slice();
      before[recalledDownTo] = 'Someone else';
      try {
        groupAccounts(vectorFrom(amounts, 'values'), vectorFrom(before, 'keys'));
      } catch {
        // a bad key above: nothing recalled, which is a case too
      }
    }
    try {
      const a = groupAccounts(vectorFrom(amounts, 'values'), vectorFrom(keys, 'keys'));
      return { rowAccount: [...a.rowAccount], totals: [...a.totals], names: a.names };
    } catch (e) {
      return e instanceof FormulaError ? e.code : e;
    }
  };
  const spelling = fc.constantFrom<Cell>('Acme', 'acme ', 'ACME', 'Beta', 'Gamma', 'Straße', '😀 Delta', 7, '7', true, 'TRUE');
  const edge = (at: number) => [at - 1, at, at + 1];
  const rows = fc.integer({ min: 1, max: 3 * KEYS_PER_PIECE + 9 });

  it('gives the straight grouping with blanks and errors at the edges of pieces', () => {
    fc.assert(
      fc.property(rows, fc.array(spelling, { minLength: 3 * KEYS_PER_PIECE + 9, maxLength: 3 * KEYS_PER_PIECE + 9 }), fc.nat(), fc.constantFrom('none', 'blank', 'blank beside blank', 'error'), fc.option(fc.nat()), (n, pool, pick, odd, recall) => {
        const keys = pool.slice(0, n);
        const amounts: Cell[] = keys.map((_, i) => (i % 11 === 5 ? null : (i * 37) % 500));
        const edges = [KEYS_PER_PIECE, 2 * KEYS_PER_PIECE, 3 * KEYS_PER_PIECE].flatMap(edge).filter((i) => i < n);
        const at = edges.length ? edges[pick % edges.length] : pick % n;
        if (odd === 'blank') keys[at] = null;
        if (odd === 'blank beside blank') [keys[at], amounts[at]] = [null, null];
        if (odd === 'error') keys[at] = new FormulaError('#N/A', 'no value');
        expect(grouped(amounts, keys, recall === null ? undefined : recall % n)).toEqual(straight(amounts, keys));
      }),
      { numRuns: 200 },
    );
  });
});
