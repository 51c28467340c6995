// Editing a part's XML as text: find an element, change one attribute, insert a child, and leave
// every other byte as the user's program wrote it (a parser and serializer would reorder
// attributes, drop comments and rewrite namespaces). Only well-formed parts reach this: the reader
// has parsed them already.

export interface Tag {
  /** 'open' <a>, 'close' </a>, 'empty' <a/>. */
  kind: 'open' | 'close' | 'empty';
  /** The name as written, with its prefix ("x:row"). */
  qname: string;
  /** The name without prefix ("row"). */
  local: string;
  start: number;
  /** Just after the tag's '>'. */
  end: number;
}

/** The next element tag at or after `from`, skipping comments, processing instructions, CDATA and
 * declarations; null when there is none, or it is not complete within the text (streaming). */
export function nextTag(xml: string, from: number): Tag | null {
  let at = xml.indexOf('<', from);
  while (at >= 0) {
    const next = xml[at + 1];
    if (next === '!' || next === '?') {
      const close = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<![CDATA[', at) ? ']]>' : next === '?' ? '?>' : '>';
      const stop = xml.indexOf(close, at + 2);
      if (stop < 0) return null;
      at = xml.indexOf('<', stop + close.length);
      continue;
    }
    const end = tagEnd(xml, at);
    if (end < 0) return null;
    const closing = next === '/';
    const m = /^[^\s/>]+/.exec(xml.slice(at + (closing ? 2 : 1), Math.min(end, at + 200)));
    const qname = m ? m[0] : '';
    const kind = closing ? 'close' : xml[end - 2] === '/' ? 'empty' : 'open';
    return { kind, qname, local: qname.slice(qname.indexOf(':') + 1), start: at, end };
  }
  return null;
}

/** Index just after the '>' ending the tag that starts at `at` ('>' inside quotes skipped). */
function tagEnd(xml: string, at: number): number {
  let quote = '';
  for (let i = at + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  return -1;
}

export interface Element {
  local: string;
  qname: string;
  start: number;
  /** Just after the start tag. */
  open: number;
  /** Where the end tag starts (= end for an empty element). */
  inner: number;
  /** Just after the element. */
  end: number;
}

/** The element starting with `tag`, to its end; null when its end is not within the text. */
export function elementAt(xml: string, tag: Tag): Element | null {
  if (tag.kind === 'empty') return { local: tag.local, qname: tag.qname, start: tag.start, open: tag.end, inner: tag.end, end: tag.end };
  let depth = 0;
  for (let t = nextTag(xml, tag.end); t; t = nextTag(xml, t.end)) {
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') {
      if (depth === 0) return { local: tag.local, qname: tag.qname, start: tag.start, open: tag.end, inner: t.start, end: t.end };
      depth--;
    }
  }
  return null;
}

/** The child elements of the element whose content runs from `from` to `to`. */
export function children(xml: string, from: number, to: number): Element[] {
  const out: Element[] = [];
  for (let t = nextTag(xml, from); t && t.start < to; ) {
    if (t.kind === 'close') break;
    const el = elementAt(xml, t);
    if (!el) break;
    out.push(el);
    t = nextTag(xml, el.end);
  }
  return out;
}

/** The document element. */
export function rootElement(xml: string): Element {
  const tag = nextTag(xml, 0);
  const el = tag && elementAt(xml, tag);
  if (!el) throw new Error('no document element');
  return el;
}

/** The first child with this local name, or undefined. */
export const child = (xml: string, parent: Element, local: string): Element | undefined =>
  children(xml, parent.open, parent.inner).find((c) => c.local === local);

/** The prefix of a qualified name with its colon ("x:"), or "". */
export const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':') + 1) : '');

/** The pattern of an attribute by name, made once per name (edits ask for the same few names
 * for every row of a sheet). */
const attributePatterns = new Map<string, RegExp>();
function attributePattern(name: string): RegExp {
  let re = attributePatterns.get(name);
  if (!re) attributePatterns.set(name, (re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("([^"]*)"|'([^']*)')`)));
  return re;
}

/** An attribute's value between its quotes, references resolved. */
export function valueOf(b: string, start: number, end: number): string {
  const raw = b.slice(start, end);
  return raw.includes('&') ? decodeEntities(raw) : raw;
}

const isXmlSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The attribute nextAttributeAt found last: its name's span and its value's (between the quotes). */
export const found = { nameStart: 0, nameEnd: 0, value: 0, valueEnd: 0 };

/** What nextAttributeAt answers for an attribute no XML reader accepts (no "=", no quotes). */
export const MALFORMED = -2;

/**
 * Finds the next attribute of a start tag from `from` on (before `end`) and puts its spans in
 * `found`, without making a string: answers where to look for the one after, -1 when there is none
 * (the tag's "/>" or ">" is reached), or MALFORMED. For the code every row of a sheet passes.
 */
export function nextAttributeAt(b: string, from: number, end: number): number {
  let i = from;
  while (i < end && isXmlSpace(b.charCodeAt(i))) i++;
  const nameStart = i;
  for (let c = b.charCodeAt(i); i < end && c !== 61 /* = */ && !isXmlSpace(c) && c !== 47 && c !== 62; c = b.charCodeAt(++i));
  if (i === nameStart) return -1;
  const nameEnd = i;
  while (i < end && isXmlSpace(b.charCodeAt(i))) i++;
  if (b.charCodeAt(i) !== 61) return MALFORMED;
  i++;
  while (i < end && isXmlSpace(b.charCodeAt(i))) i++;
  const quote = b.charCodeAt(i);
  if (quote !== 34 && quote !== 39) return MALFORMED;
  const close = b.indexOf(quote === 34 ? '"' : "'", i + 1);
  if (close < 0 || close >= end) return MALFORMED;
  found.nameStart = nameStart;
  found.nameEnd = nameEnd;
  found.value = i + 1;
  found.valueEnd = close;
  return close + 1;
}

/** Finds the attribute `name` (exactly so written) of the start tag at `start` in b, its spans in
 * `found`; false when the tag has none (or is malformed). */
export function findAttribute(b: string, start: number, name: string): boolean {
  let i = start + 1;
  for (let c = b.charCodeAt(i); i < b.length && !isXmlSpace(c) && c !== 47 && c !== 62; c = b.charCodeAt(++i));
  for (i = nextAttributeAt(b, i, b.length); i >= 0; i = nextAttributeAt(b, i, b.length)) {
    if (found.nameEnd - found.nameStart === name.length && b.startsWith(name, found.nameStart)) return true;
  }
  return false;
}

/** The attribute `name` (exactly so written) of the start tag at `start` (entities decoded), or
 * undefined: attr's answer, read without a pattern or a copy of the tag. */
export function attributeOf(tag: string, name: string, start = 0): string | undefined {
  return findAttribute(tag, start, name) ? valueOf(tag, found.value, found.valueEnd) : undefined;
}

/** A start tag without the attribute `name` (exactly so written), or as it was: removeAttr's
 * answer, without a pattern. */
export function withoutAttribute(tag: string, name: string): string {
  if (!findAttribute(tag, 0, name)) return tag;
  // With the one space before it, up to its closing quote.
  return tag.slice(0, found.nameStart - 1) + tag.slice(found.valueEnd + 1);
}

/** An attribute's value from a start tag (entities decoded), or undefined. */
export function attr(tag: string, name: string): string | undefined {
  const m = attributePattern(name).exec(tag);
  return m ? decodeEntities(m[3] ?? m[4]) : undefined;
}

/** The start tag with an attribute set (replaced where it was, else added at the end). */
export function setAttr(tag: string, name: string, value: string | number): string {
  const re = attributePattern(name);
  const quoted = `"${escapeXml(String(value))}"`;
  if (re.test(tag)) return tag.replace(re, (_, before: string) => `${before}${quoted}`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close).replace(/\s+$/, '')} ${name}=${quoted}${tag.slice(close)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(attributePattern(name), '');
}

export function decodeEntities(text: string): string {
  // Most values hold no reference: no pattern run for them (attr asks for one per row of a sheet).
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
  );
}

/** Text for an attribute value or element content. Characters XML 1.0 cannot hold at all become
 * Excel's own escape (_x0001_), as does a literal "_x…_" so it reads back as written; tabs and line
 * breaks become character references. */
/** Whether a text needs any of escapeXml's changes (most text in a sheet does not). */
const NEEDS_ESCAPE = /[&<>"\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // A reader turns a written carriage return into a line feed, and in an attribute any line break
    // or tab into a space: as character references they read back as they were.
    .replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The text with the replacements made (ranges must not overlap; inserts have start = end, and one
 * where a replaced range starts goes before it). */
export function splice(xml: string, edits: Splice[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}

/** An element given as text with a child appended (an empty element opened up first). */
export function appendChild(xml: string, parent: Element, childXml: string): Splice {
  if (parent.open === parent.end) {
    const tag = xml.slice(parent.start, parent.end);
    return { start: parent.start, end: parent.end, text: `${tag.slice(0, -2).replace(/\s+$/, '')}>${childXml}</${parent.qname}>` };
  }
  return { start: parent.inner, end: parent.inner, text: childXml };
}

/** The prefix (with colon, or "") under which the element's scope declares a namespace, or null. */
export function prefixFor(startTag: string, namespace: string): string | null {
  const re = /\sxmlns(?::([\w.-]+))?\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(startTag); m; m = re.exec(startTag)) if ((m[3] ?? m[4]) === namespace) return m[1] ? `${m[1]}:` : '';
  return null;
}
