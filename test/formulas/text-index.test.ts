// The TextIndex numbers texts exactly as a Map would: same text, same number; different text
// (even by case, a space or one code unit), different number; through every growth of its table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../shared/formulas/text-index';

/** Numbers every text the way groupByKeyCell does: look up, add when new. */
function numbered(texts: readonly string[]): { mine: number[]; map: number[] } {
  const index = new TextIndex();
  const byText = new Map<string, number>();
  const mine = texts.map((t) => {
    const n = index.numberOf(t);
    return n >= 0 ? n : index.add(t);
  });
  const map = texts.map((t) => {
    let n = byText.get(t);
    if (n === undefined) byText.set(t, (n = byText.size));
    return n;
  });
  return { mine, map };
}

describe('TextIndex', () => {
  it('numbers texts as a Map does, on any texts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'A', ' a', 'a ', '', '\u00e9', 'e\u0301', '\ud83d\ude00')), { maxLength: 300 }), (texts) => {
        const { mine, map } = numbered(texts);
        expect(mine).toEqual(map);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps 100,000 texts apart through its growth, and finds each again', () => {
    const texts = Array.from({ length: 100_000 }, (_, i) => `Customer ${i}`);
    const index = new TextIndex();
    texts.forEach((t, i) => expect(index.add(t)).toBe(i));
    expect(index.size).toBe(100_000);
    // Fresh strings with the same content, as a host hands them over.
    for (let i = 0; i < texts.length; i += 7) expect(index.numberOf(`Customer ${String(i)}`)).toBe(i);
    expect(index.numberOf('Customer 100000')).toBe(-1);
    expect(index.numberOf('customer 1')).toBe(-1);
  });
});
