// Numbers the distinct texts of a key column. A JavaScript Map does this too, but the host hands a
// million freshly made strings, and what a lookup costs is memory reads that miss the cache: a
// Map's table, its entry, the stored string, that string's characters. Here one slot holds a
// text's hash, its number and where its characters sit, and the characters of all texts sit in
// one block, so a lookup reads one slot and one run of characters. Texts are compared exactly,
// code unit by code unit: a hash never decides that two texts are the same.

const EMPTY = -1;
/** Each slot: the hash, the text's number (or EMPTY), the start of its characters, its length. */
const SLOT = 4;

/** A 32-bit hash of a text (multiply-xor over its UTF-16 code units). */
export function hashOf(text: string): number {
  let h = text.length;
  for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
  return hashEnd(h);
}

/** hashOf's steps, for a caller that hashes code units it works out itself (keyHash in ./pareto.ts). */
export const hashStep = (h: number, unit: number): number => Math.imul(h ^ unit, 0x5bd1e995);
export const hashEnd = (h: number): number => h ^ (h >>> 15);

function emptySlots(capacity: number): Int32Array {
  const slots = new Int32Array(capacity * SLOT);
  for (let s = 1; s < slots.length; s += SLOT) slots[s] = EMPTY;
  return slots;
}

/** Slots a table starts with at most: 4 MB (and 2 MB of characters), room for 131,072 texts before it grows. */
const MOST_SLOTS_AT_START = 1 << 18;

/**
 * `new TextIndex(expected)`: `expected` is how many texts there may be (a key column's rows). The
 * table starts big enough for them, up to 4 MB of slots and 2 MB of characters (sized by the
 * rows, whatever the keys turn out to be): grown from 1,024 slots, a hundred thousand keys
 * were placed about twice over (eight growths, each placing every text again).
 *
 * `warm(hashes, count)` reads the slot and the first characters each of `count` hashes leads to,
 * so that their lookups find them in the cache. A lookup waits for two reads from memory (its
 * slot, then its text's characters), and a lookup's own work is long enough that the processor
 * cannot start the next lookup's reads meanwhile: a million lookups wait one after the other.
 * These short reads wait together. On 1,048,576 keys of 100,000 texts: ~230 ms of lookups became
 * ~175 ms alone, and in a CPU profile of PARETO_TIER the numbering went from 238 to 146 ms;
 * wall-clock timings on our noisy machine did not always show the gain. (This comment stands here
 * and not in the class: the bundles keep comments inside a class, and Code.js has 100 KB.)
 */
export class TextIndex {
  /** Open addressing, kept at most half full; slots.length / SLOT slots, a power of two. */
  private slots: Int32Array;
  /** The characters of every text numbered, one after the other. */
  private chars: Uint16Array;
  private used = 0;
  private count = 0;

  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < 2 * expected && capacity < MOST_SLOTS_AT_START) capacity *= 2;
    this.slots = emptySlots(capacity);
    this.chars = new Uint16Array(4 * capacity);
  }

  /** How many texts are numbered. */
  get size(): number {
    return this.count;
  }

  /** The number of `text`, or -1 when it has none yet. */
  numberOf(text: string): number {
    return this.numberOfHashed(text, hashOf(text));
  }

  /** numberOf, with the text's hash (`hashOf`) worked out beforehand. */
  numberOfHashed(text: string, h: number): number {
    const length = text.length;
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      const n = slots[at + 1];
      if (n === EMPTY) return -1;
      if (slots[at] === h && slots[at + 3] === length && this.holds(slots[at + 2], text)) return n;
    }
  }

  // Reads ahead what `count` hashes lead to (see the class's comment); the sum only keeps the reads.
  warm(hashes: Int32Array, count: number): number {
    const slots = this.slots;
    const chars = this.chars;
    const mask = slots.length / SLOT - 1;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const at = (hashes[k] & mask) * SLOT;
      sum += slots[at + 1] === EMPTY ? 0 : chars[slots[at + 2]];
    }
    return sum;
  }

  /**
   * Gives `text` (not numbered yet) a number and returns it: the next one, or `value` (a caller
   * numbering texts among other things keeps its own count, and reads its number straight back).
   * addHashed takes the text's hash (`hashOf`) worked out beforehand.
   */
  add(text: string, value = this.count): number {
    return this.addHashed(text, hashOf(text), value);
  }

  addHashed(text: string, h: number, value = this.count): number {
    this.count++;
    const start = this.keep(text);
    if (2 * this.count > this.slots.length / SLOT) this.grow();
    this.place(h, value, start, text.length);
    return value;
  }

  /** Whether the characters kept from `start` are `text`'s (its length already agrees). */
  private holds(start: number, text: string): boolean {
    const chars = this.chars;
    for (let i = 0; i < text.length; i++) if (chars[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** Copies the text's characters into the block; returns where they start. */
  private keep(text: string): number {
    const start = this.used;
    if (start + text.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(2 * this.chars.length, start + text.length));
      grown.set(this.chars.subarray(0, start));
      this.chars = grown;
    }
    for (let i = 0; i < text.length; i++) this.chars[start + i] = text.charCodeAt(i);
    this.used = start + text.length;
    return start;
  }

  private place(h: number, n: number, start: number, length: number): void {
    const mask = this.slots.length / SLOT - 1;
    let s = h & mask;
    while (this.slots[s * SLOT + 1] !== EMPTY) s = (s + 1) & mask;
    const at = s * SLOT;
    this.slots[at] = h;
    this.slots[at + 1] = n;
    this.slots[at + 2] = start;
    this.slots[at + 3] = length;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = emptySlots((2 * old.length) / SLOT);
    for (let at = 0; at < old.length; at += SLOT) if (old[at + 1] !== EMPTY) this.place(old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
}
