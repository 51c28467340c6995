// The cells of a sheet's <sheetData>, scanned from the part's text without a general XML parser:
// a sheet of a million rows is millions of <c>/<v> elements, and a parser's event and attribute
// objects per element cost more than the reading itself. The scanner still checks what a parser
// would (every element closed by its own end tag, nothing left open at the end) and reads every
// form real files use: any namespace prefix, cells and rows without a reference, inline and rich
// text with its phonetic runs left out, CDATA, comments, character references, UTF-16 parts.
import { LIMITS } from './zip-file';
import { decodeEntities } from './xml-edit';

/** One cell as written: where it is, its type and style attributes, and its value text (null
 * when it has no <v> or inline string). */
export type OnRawCell = (row: number, col: number, type: string | undefined, style: number, text: string | null) => boolean | void;

class Damaged extends Error {}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** "AB12" → 0-based column (27), or -1 when the reference does not start with letters. */
function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return i > 0 ? col - 1 : -1;
}

/** The 0-based row of "AB12", or -1. */
function rowOfRef(ref: string): number {
  let i = 0;
  while (i < ref.length && ((ref.charCodeAt(i) | 32) >= 97 && (ref.charCodeAt(i) | 32) <= 122)) i++;
  if (i === ref.length) return -1;
  let row = 0;
  for (let k = i; k < ref.length; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    row = row * 10 + d;
  }
  return row > 0 ? row - 1 : -1;
}

/** Character data as a parser hands it over: line ends written in the text made "\n" (before
 * references are resolved: a written &#13; stays a carriage return). */
const textOf = (raw: string) => {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return text.includes('&') ? decodeEntities(text) : text;
};

/**
 * Scans text handed over in pieces (push), calling onCell for every cell of <sheetData>.
 * Answers false from push once it has seen </sheetData> or onCell asked to stop.
 */
export class SheetScanner {
  private buffer = '';
  private inData = false;
  private done = false;
  /** The open elements inside <sheetData>, by their names as written. */
  private readonly open: string[] = [];
  private row = -1;
  private col = -1;
  private type: string | undefined;
  private style = 0;
  private text: string | null = null;
  private inCell = false;
  private collecting = false;
  private inInline = false;
  private phonetic = 0;

  constructor(private readonly onCell: OnRawCell) {}

  /** false once the scan is over. Throws Damaged for text no XML parser would accept. */
  push(chunk: string): boolean {
    if (this.done) return false;
    const buffer = this.buffer ? this.buffer + chunk : chunk;
    const at = this.scan(buffer);
    this.buffer = at < buffer.length ? buffer.slice(at) : '';
    if (this.buffer.length > LIMITS.wholePart) throw new Damaged();
    return !this.done;
  }

  /** The part has ended: it must have closed what it opened. */
  end(): void {
    if (!this.done && (this.inData || this.buffer.trim())) throw new Damaged();
  }

  /** Handles every complete piece of `b`; answers where the incomplete rest starts. */
  private scan(b: string): number {
    let at = 0;
    while (!this.done) {
      const lt = b.indexOf('<', at);
      if (lt < 0) {
        // Text up to the end of the piece: kept while it may still be collected whole.
        if (!this.collecting) return b.length;
        return at;
      }
      if (lt > at && this.collecting) this.text += textOf(b.slice(at, lt));
      const next = b.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return lt;
      if (next === 33 /* ! */) {
        if (b.startsWith('<!--', lt)) {
          const stop = b.indexOf('-->', lt + 4);
          if (stop < 0) return lt;
          at = stop + 3;
        } else if (b.startsWith('<![CDATA[', lt)) {
          const stop = b.indexOf(']]>', lt + 9);
          if (stop < 0) return lt;
          if (this.collecting) this.text += b.slice(lt + 9, stop);
          at = stop + 3;
        } else {
          if (lt + 9 > b.length) return lt;
          if (this.inData) throw new Damaged();
          const stop = b.indexOf('>', lt);
          if (stop < 0) return lt;
          at = stop + 1;
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const stop = b.indexOf('?>', lt + 2);
        if (stop < 0) return lt;
        at = stop + 2;
        continue;
      }
      const end = this.tagEnd(b, lt);
      if (end < 0) return lt;
      if (next === 47 /* / */) this.close(b.slice(lt + 2, end - 1).trim());
      else this.openTag(b, lt, end);
      at = end;
    }
    return at;
  }

  /** Just after the '>' of the tag at `lt` ('>' within quotes skipped), or -1 when not complete. */
  private tagEnd(b: string, lt: number): number {
    let gt = b.indexOf('>', lt);
    if (gt < 0) return -1;
    // Most tags hold no quoted '>': check the quotes before it are balanced.
    for (;;) {
      let quote = 0;
      for (let i = lt + 1; i < gt; i++) {
        const c = b.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
      }
      if (!quote) return gt + 1;
      gt = b.indexOf('>', gt + 1);
      if (gt < 0) return -1;
    }
  }

  private openTag(b: string, lt: number, end: number): void {
    let i = lt + 1;
    while (i < end && !isSpace(b.charCodeAt(i)) && b.charCodeAt(i) !== 47 && b.charCodeAt(i) !== 62) i++;
    const qname = b.slice(lt + 1, i);
    if (!qname) throw new Damaged();
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const empty = b.charCodeAt(end - 2) === 47;
    if (!this.inData) {
      if (local === 'sheetData') {
        if (empty) this.done = true;
        else this.inData = true;
      }
      return;
    }
    if (!empty) this.open.push(qname);
    switch (local) {
      case 'row': {
        const r = this.attribute(b, i, end, 'r');
        const n = r === undefined ? NaN : Number(r);
        this.row = Number.isInteger(n) && n > 0 ? n - 1 : this.row + 1;
        this.col = -1;
        return;
      }
      case 'c': {
        this.cellAttributes(b, i, end);
        const ref = this.ref;
        const row = ref ? rowOfRef(ref) : -1;
        const col = ref ? columnOfRef(ref) : -1;
        if (row >= 0 && row !== this.row) this.row = row;
        if (this.row < 0) this.row = 0;
        this.col = col >= 0 ? col : this.col + 1;
        this.style = this.styleText ? Number(this.styleText) : 0;
        this.text = null;
        this.inCell = true;
        if (empty) this.cellEnd();
        return;
      }
      case 'v':
        if (!this.inCell) return;
        this.text = '';
        this.collecting = !empty;
        return;
      case 'is':
        if (!this.inCell) return;
        this.inInline = !empty;
        this.text = '';
        if (empty) this.type = 'inlineStr';
        return;
      case 'rPh':
        if (!empty) this.phonetic++;
        return;
      case 't':
        if (this.inInline && this.phonetic === 0 && !empty) this.collecting = true;
        return;
    }
  }

  private close(qname: string): void {
    if (!this.inData) return;
    const local = qname.slice(qname.indexOf(':') + 1);
    if (local === 'sheetData' && !this.open.length) {
      this.inData = false;
      this.done = true;
      return;
    }
    if (this.open.pop() !== qname) throw new Damaged();
    switch (local) {
      case 'v':
      case 't':
        this.collecting = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'is':
        this.inInline = false;
        // An inline string is text whatever the type says.
        this.type = 'inlineStr';
        return;
      case 'c':
        this.cellEnd();
        return;
    }
  }

  private cellEnd(): void {
    this.inCell = false;
    this.collecting = false;
    if (this.onCell(this.row, this.col, this.type, this.style, this.text) === false) this.done = true;
  }

  private ref: string | undefined;
  private styleText: string | undefined;

  /** A cell's r, s and t attributes (any prefix), read in one pass over its start tag. */
  private cellAttributes(b: string, from: number, end: number): void {
    this.ref = this.type = this.styleText = undefined;
    eachAttribute(b, from, end, this.cellAttribute);
  }

  /** One attribute of a cell: one-letter names, perhaps behind a prefix ("x:r"). Made once, not
   * per cell. */
  private readonly cellAttribute = (b: string, start: number, stop: number, value: number, valueEnd: number): void => {
    const at = stop - 1;
    if (at !== start && b.charCodeAt(at - 1) !== 58 /* : */) return;
    const c = b.charCodeAt(at);
    if (c === 114 /* r */) this.ref = valueOf(b, value, valueEnd);
    else if (c === 115 /* s */) this.styleText = valueOf(b, value, valueEnd);
    else if (c === 116 /* t */) this.type = valueOf(b, value, valueEnd);
  };

  /** An attribute's value in the start tag between `from` and `end` (any prefix), or undefined. */
  private attribute(b: string, from: number, end: number, name: string): string | undefined {
    let found: string | undefined;
    eachAttribute(b, from, end, (_, start, stop, value, valueEnd) => {
      const n = b.slice(start, stop);
      if (n === name || (n.endsWith(`:${name}`) && !n.startsWith('xmlns'))) found ??= valueOf(b, value, valueEnd);
    });
    return found;
  }
}

/** An attribute's value between its quotes, references resolved. */
function valueOf(b: string, start: number, end: number): string {
  const raw = b.slice(start, end);
  return raw.includes('&') ? decodeEntities(raw) : raw;
}

/** Calls back for each attribute of the start tag between `from` and `end`: its name's span and
 * its value's (between the quotes). Throws Damaged for an attribute no XML reader accepts. */
function eachAttribute(b: string, from: number, end: number, onAttribute: (b: string, start: number, stop: number, value: number, valueEnd: number) => void): void {
  let i = from;
  for (;;) {
    while (i < end && isSpace(b.charCodeAt(i))) i++;
    const nameStart = i;
    for (let c = b.charCodeAt(i); i < end && c !== 61 /* = */ && !isSpace(c) && c !== 47 && c !== 62; c = b.charCodeAt(++i));
    if (i === nameStart) return;
    const nameEnd = i;
    while (i < end && isSpace(b.charCodeAt(i))) i++;
    if (b.charCodeAt(i) !== 61) throw new Damaged();
    i++;
    while (i < end && isSpace(b.charCodeAt(i))) i++;
    const quote = b.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new Damaged();
    const close = b.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close < 0 || close >= end) throw new Damaged();
    onAttribute(b, nameStart, nameEnd, i + 1, close);
    i = close + 1;
  }
}

export const isDamaged = (e: unknown): boolean => e instanceof Damaged;
