// The cells of a sheet's <sheetData>, scanned from the part's text without a general XML parser:
// a sheet of a million rows is millions of <c>/<v> elements, and a parser's event and attribute
// objects per element cost more than the reading itself. The scanner still checks what a parser
// would (every element closed by its own end tag, nothing left open at the end) and reads every
// form real files use: any namespace prefix, cells and rows without a reference, inline and rich
// text with its phonetic runs left out, CDATA, comments, character references, UTF-16 parts.
import { LIMITS } from './zip-file';
import { MALFORMED, decodeEntities, found, nextAttributeAt, valueOf } from './xml-edit';

/** One cell as written: where it is, its type and style attributes, and its value text (null
 * when it has no <v> or inline string). */
export type OnRawCell = (row: number, col: number, type: string | undefined, style: number, text: string | null) => boolean | void;

class Damaged extends Error {}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The 0-based column of the reference "AB12" written in b from `start` to `end`, or -1 when it
 * does not start with letters. */
function columnAt(b: string, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = b.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return i > start ? col - 1 : -1;
}

/** The 0-based row of the reference "AB12" written in b from `start` to `end`, or -1. */
function rowAt(b: string, start: number, end: number): number {
  let i = start;
  while (i < end && (b.charCodeAt(i) | 32) >= 97 && (b.charCodeAt(i) | 32) <= 122) i++;
  if (i === end) return -1;
  let row = 0;
  for (let k = i; k < end; k++) {
    const d = b.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    row = row * 10 + d;
  }
  return row > 0 ? row - 1 : -1;
}

/** The number written in b from `start` to `end` as Number() reads it: digits only are read in
 * place (nearly every row number and style), anything else through Number(). */
function numberAt(b: string, start: number, end: number): number {
  if (end === start || end - start > 15) return Number(valueOf(b, start, end));
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = b.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(valueOf(b, start, end));
    n = n * 10 + d;
  }
  return n;
}

/** Character data as a parser hands it over: line ends written in the text made "\n" (before
 * references are resolved: a written &#13; stays a carriage return). */
const textOf = (raw: string) => {
  const text = lineEnds(raw);
  return text.includes('&') ? decodeEntities(text) : text;
};

/** Line ends as XML reads them everywhere, CDATA too: CR LF and a lone CR are a line feed. */
const lineEnds = (raw: string) => (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);

/** The elements of <sheetData> the scanner acts on, by their local names. */
const OTHER = 0;
const ROW = 1;
const CELL = 2;
const VALUE = 3;
const INLINE = 4;
const TEXT = 5;
const PHONETIC = 6;
const SHEET_DATA = 7;

/** Which of those the local name written in b from `start` to `end` is (names compare by case). */
function kindOf(b: string, start: number, end: number): number {
  const c = b.charCodeAt(start);
  switch (end - start) {
    case 1:
      return c === 99 /* c */ ? CELL : c === 118 /* v */ ? VALUE : c === 116 /* t */ ? TEXT : OTHER;
    case 2:
      return c === 105 /* i */ && b.charCodeAt(start + 1) === 115 /* s */ ? INLINE : OTHER;
    case 3:
      if (b.startsWith('row', start)) return ROW;
      return b.startsWith('rPh', start) ? PHONETIC : OTHER;
    case 9:
      return b.startsWith('sheetData', start) ? SHEET_DATA : OTHER;
    default:
      return OTHER;
  }
}

/**
 * Scans text handed over in pieces (push), calling onCell for every cell of <sheetData>.
 * Answers false from push once it has seen </sheetData> or onCell asked to stop. The text is read
 * in place: a cell costs no strings but its type and value (every row and cell of a sheet passes
 * here, so the names, references and styles are compared and read where they are written).
 */
export class SheetScanner {
  private buffer = '';
  private inData = false;
  private done = false;
  /** The open elements inside <sheetData>, by their names as written, and their kinds. */
  private readonly open: string[] = [];
  private readonly kinds: number[] = [];
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
    const buffer = this.buffer ? joined(this.buffer, chunk) : chunk;
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
          if (this.collecting) this.text += lineEnds(b.slice(lt + 9, stop));
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
      const end = tagEnd(b, lt);
      if (end < 0) return lt;
      if (next === 47 /* / */) {
        this.close(b, lt, end);
        at = end;
      } else at = this.openTag(b, lt, end);
    }
    return at;
  }

  /** A start tag (or an empty element) from `lt` to `end`; answers where scanning goes on. */
  private openTag(b: string, lt: number, end: number): number {
    let i = lt + 1;
    let colon = -1;
    for (let c = b.charCodeAt(i); i < end && !isSpace(c) && c !== 47 && c !== 62; c = b.charCodeAt(++i)) if (c === 58 && colon < 0) colon = i;
    if (i === lt + 1) throw new Damaged();
    const kind = kindOf(b, colon < 0 ? lt + 1 : colon + 1, i);
    const empty = b.charCodeAt(end - 2) === 47;
    if (!this.inData) {
      if (kind === SHEET_DATA) {
        if (empty) this.done = true;
        else this.inData = true;
      }
      return end;
    }
    if (kind === CELL) {
      this.cellAttributes(b, i, end);
      if (this.refRow >= 0 && this.refRow !== this.row) this.row = this.refRow;
      if (this.row < 0) this.row = 0;
      this.col = this.refCol >= 0 ? this.refCol : this.col + 1;
      this.text = null;
      this.inCell = true;
      if (empty) {
        this.cellEnd();
        return end;
      }
      const after = this.valueOnly(b, lt + 1, i, end);
      if (after >= 0) return after;
    }
    if (!empty) {
      this.open.push(b.slice(lt + 1, i));
      this.kinds.push(kind);
    }
    switch (kind) {
      case ROW: {
        const n = this.rowNumber(b, i, end);
        this.row = Number.isInteger(n) && n > 0 ? n - 1 : this.row + 1;
        this.col = -1;
        break;
      }
      case VALUE:
        if (!this.inCell) break;
        this.text = '';
        this.collecting = !empty;
        break;
      case INLINE:
        if (!this.inCell) break;
        this.inInline = !empty;
        this.text = '';
        if (empty) this.type = 'inlineStr';
        break;
      case PHONETIC:
        if (!empty) this.phonetic++;
        break;
      case TEXT:
        if (this.inInline && this.phonetic === 0 && !empty) this.collecting = true;
        break;
    }
    return end;
  }

  /**
   * A cell that holds a value and nothing else, <c ...><v>text</v></c> as nearly every cell is
   * written (the same prefix throughout, no spaces in the end tags), read at once: what the general
   * path would do for its three tags, without opening and closing its elements one by one. Answers
   * where the cell ends, or -1 for any other form (or one not complete in `b`), which the general
   * path then reads. `name`..`nameEnd` is the cell's name as written ("c", "x:c").
   */
  private valueOnly(b: string, name: number, nameEnd: number, end: number): number {
    const prefix = nameEnd - name - 1;
    // <v>
    if (b.charCodeAt(end) !== 60 || !sameText(b, end + 1, name, prefix)) return -1;
    let i = end + 1 + prefix;
    if (b.charCodeAt(i) !== 118 /* v */ || b.charCodeAt(i + 1) !== 62) return -1;
    const from = i + 2;
    const lt = b.indexOf('<', from);
    // </v>
    if (lt < 0 || b.charCodeAt(lt + 1) !== 47 || !sameText(b, lt + 2, name, prefix)) return -1;
    i = lt + 2 + prefix;
    if (b.charCodeAt(i) !== 118 /* v */ || b.charCodeAt(i + 1) !== 62) return -1;
    i += 2;
    // </c>
    if (b.charCodeAt(i) !== 60 || b.charCodeAt(i + 1) !== 47 || !sameText(b, i + 2, name, prefix)) return -1;
    i += 2 + prefix;
    if (b.charCodeAt(i) !== 99 /* c */ || b.charCodeAt(i + 1) !== 62) return -1;
    this.text = from === lt ? '' : textOf(b.slice(from, lt));
    this.cellEnd();
    return i + 2;
  }

  /** An end tag: it must close the element open last (compared where it is written). */
  private close(b: string, lt: number, end: number): void {
    if (!this.inData) return;
    let start = lt + 2;
    let stop = end - 1;
    while (start < stop && isSpace(b.charCodeAt(start))) start++;
    while (stop > start && isSpace(b.charCodeAt(stop - 1))) stop--;
    const depth = this.open.length;
    if (depth === 0) {
      const qname = b.slice(start, stop);
      if (qname.slice(qname.indexOf(':') + 1) !== 'sheetData') throw new Damaged();
      this.inData = false;
      this.done = true;
      return;
    }
    const top = this.open[depth - 1];
    if (stop - start !== top.length || !b.startsWith(top, start)) throw new Damaged();
    this.open.pop();
    switch (this.kinds.pop()) {
      case VALUE:
      case TEXT:
        this.collecting = false;
        return;
      case PHONETIC:
        this.phonetic--;
        return;
      case INLINE:
        this.inInline = false;
        // An inline string is text whatever the type says.
        this.type = 'inlineStr';
        return;
      case CELL:
        this.cellEnd();
        return;
    }
  }

  private cellEnd(): void {
    this.inCell = false;
    this.collecting = false;
    if (this.onCell(this.row, this.col, this.type, this.style, this.text) === false) this.done = true;
  }

  /** A cell's reference, read from its r attribute. */
  private refRow = -1;
  private refCol = -1;

  /** A cell's r, s and t attributes (one-letter names, perhaps behind a prefix: "x:r"), read in
   * one pass over its start tag; the last of a name counts. */
  private cellAttributes(b: string, from: number, end: number): void {
    this.type = undefined;
    this.style = 0;
    this.refRow = this.refCol = -1;
    for (let i = nextAttribute(b, from, end); i >= 0; i = nextAttribute(b, i, end)) {
      const at = found.nameEnd - 1;
      if (at !== found.nameStart && b.charCodeAt(at - 1) !== 58 /* : */) continue;
      const c = b.charCodeAt(at);
      const { value, valueEnd } = found;
      if (c === 114 /* r */) {
        if (holdsReference(b, value, valueEnd)) {
          const ref = valueOf(b, value, valueEnd);
          this.refRow = rowAt(ref, 0, ref.length);
          this.refCol = columnAt(ref, 0, ref.length);
        } else {
          this.refRow = rowAt(b, value, valueEnd);
          this.refCol = columnAt(b, value, valueEnd);
        }
      } else if (c === 115 /* s */) this.style = value === valueEnd ? 0 : numberAt(b, value, valueEnd);
      else if (c === 116 /* t */) this.type = valueOf(b, value, valueEnd);
    }
  }

  /** A row's r attribute (any prefix) as a number (the first one counts); NaN when it has none. */
  private rowNumber(b: string, from: number, end: number): number {
    for (let i = nextAttribute(b, from, end); i >= 0; i = nextAttribute(b, i, end)) {
      const { nameStart, nameEnd } = found;
      if (b.charCodeAt(nameEnd - 1) !== 114 /* r */) continue;
      if (nameEnd - nameStart === 1 || (b.charCodeAt(nameEnd - 2) === 58 /* : */ && !b.startsWith('xmlns', nameStart))) return numberAt(b, found.value, found.valueEnd);
    }
    return NaN;
  }
}

/** Just after the '>' of the tag at `lt` ('>' within quotes skipped), or -1 when not complete. */
function tagEnd(b: string, lt: number): number {
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

/** Two pieces of text as one flat string. `a + b` makes a string that only points at both, and
 * every character read from it (millions in a sheet) then costs more: a scan runs ~30% longer. */
export const joined = (a: string, b: string): string => [a, b].join('');

/** Whether the `length` characters of b at `at` are those at `from`. */
function sameText(b: string, at: number, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (b.charCodeAt(at + k) !== b.charCodeAt(from + k)) return false;
  return true;
}

/** Whether the text in b from `start` to `end` holds a character or entity reference ("&"). */
function holdsReference(b: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b.charCodeAt(i) === 38) return true;
  return false;
}


/** The next attribute's spans (see nextAttribute in xml-edit.ts); a malformed one is a damaged part. */
function nextAttribute(b: string, from: number, end: number): number {
  const next = nextAttributeAt(b, from, end);
  if (next === MALFORMED) throw new Damaged();
  return next;
}

export const isDamaged = (e: unknown): boolean => e instanceof Damaged;
