// Groups of keys written differently but the same trimmed and lower-cased (accountKey) are one
// account. groupAccounts merges them by hashing each group's key as accountKey would write it
// (keyHash, without making the string for an ASCII text) and comparing keys only where hashes
// meet: the accounts must be the grouping rule's, read straight, for any spelling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { vectorFrom } from '../../shared/formulas/args';
import { accountKey, forgetGroupings, groupAccounts, keyHash } from '../../shared/formulas/pareto';
import { hashOf } from '../../shared/formulas/text-index';
import { straight } from '../support/straight-grouping';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261129 });

// ASCII letters and spaces trim() and toLowerCase() treat alike; and what they know more about:
// a non-breaking space, an ideographic space, a byte-order mark, a line separator, the Kelvin
// sign (lower-cased to an ASCII k), a dotted capital I (to i and a combining dot), ß, an accent,
// an emoji's halves, and ASCII controls that trim() keeps.
const UNITS = ['a', 'A', 'k', 'K', 'z', 'Z', '@', '[', '7', ' ', '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u00a0', '\u3000', '\ufeff', '\u2028', '\u212a', '\u0130', 'i', '\u00df', '\u00e9', '\ud83d', '\ude00'];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 8 }).map((units) => units.join(''));
const cell: fc.Arbitrary<Cell> = fc.oneof(text, fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true }), fc.boolean());

describe('merging groups into accounts', () => {
  it("hashes a key as hashOf hashes accountKey's string, for any cell", () => {
    fc.assert(
      fc.property(cell, (c) => {
        const key = accountKey(c);
        if (key !== null) expect(keyHash(c)).toBe(hashOf(key));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the straight grouping for any spellings', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.constantFrom<Cell>('Acme', ' ACME', 'acme\u00a0', '\u212aey', 'KEY', 'key ', 7, '7', true, 'true')), { minLength: 1, maxLength: 60 }), (spellings) => {
        // Keys that are blank once trimmed make no account; they get no amount, so they are skipped.
        const keys = spellings.map((k) => (accountKey(k) === null ? null : k));
        const amounts: Cell[] = keys.map((k, i) => (k === null ? null : (i * 37) % 500));
        forgetGroupings();
        const a = groupAccounts(vectorFrom(amounts, 'values'), vectorFrom(keys, 'keys'));
        expect({ rowAccount: [...a.rowAccount], totals: [...a.totals], names: a.names }).toEqual(straight(amounts, keys));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps two keys apart whose hashes are the same, and merges each with its own spelling', () => {
    // Found by search: two different keys with one hash, so they meet in the same slot.
    expect(hashOf('acct 25895')).toBe(hashOf('acct 660310'));
    const keys: Cell[] = ['acct 25895', 'acct 660310', ' ACCT 660310', 'Acct 25895 '];
    forgetGroupings();
    const a = groupAccounts(vectorFrom([1, 2, 4, 8], 'values'), vectorFrom(keys, 'keys'));
    expect([...a.rowAccount]).toEqual([0, 1, 1, 0]);
    expect([...a.totals]).toEqual([9, 6]);
    expect(a.names).toEqual(['acct 25895', 'acct 660310']);
  });
});
