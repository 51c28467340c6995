// A part's XML read as a stream of elements (saxes), a chunk at a time: a sheet of a million rows
// is never one string. Element and attribute names are handed over without their namespace
// prefix, so <x:row> reads as <row> whatever prefix the writing program chose. Parts written in
// UTF-16 (with a byte-order mark, or starting "<\0") are decoded as such.
import { SaxesParser } from 'saxes';
import { PackageError } from './errors';
import { ZipEntry, ZipFile } from './zip-file';

export type Attributes = Record<string, string>;

export interface XmlHandlers {
  /** An element opens (`empty` for <a/>); answer false to stop reading the part. */
  open?(name: string, attributes: Attributes, empty: boolean): boolean | void;
  /** An element closes (also after an empty one); false stops. */
  close?(name: string): boolean | void;
  /** Character data, entities resolved (CDATA included). */
  text?(text: string): void;
}

/** The name without its prefix: "x:row" → "row". */
export const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** An attribute by its name without prefix: attribute(a, 'id') finds "r:id" too. */
export function attribute(attributes: Attributes, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const key in attributes) if (key.endsWith(`:${name}`) && !key.startsWith('xmlns')) return attributes[key];
  return undefined;
}

/** The decoder a part's first bytes call for (UTF-16 with a byte-order mark or starting "<\0", else UTF-8). */
export function decoderFor(first: Uint8Array): TextDecoder {
  const [a, b] = first;
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)) return new TextDecoder('utf-16le');
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** Text handed to the parser at a time. */
const PIECE = 8 * 1024;

/** Reads one part's XML through the handlers, streaming. Malformed XML stops with a sentence. */
export function readXml(zip: ZipFile, entry: ZipEntry, handlers: XmlHandlers): void {
  readXmlChunks(zip.label, entry.name, (onChunk) => zip.inflate(entry, onChunk), handlers);
}

/** The same for a part's bytes from any source (`inflate` hands them over a chunk at a time and
 * stops when its callback answers false). `label` and `part` name the file and part in messages. */
export function readXmlChunks(label: string, part: string, inflate: (onChunk: (chunk: Uint8Array) => boolean | void) => void, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  let stopped = false;
  const fail = () => new PackageError('damagedPart', { name: label, part });
  parser.on('error', () => {
    throw fail();
  });
  if (handlers.open || handlers.close) {
    parser.on('opentag', (tag) => {
      if (stopped) return;
      const name = localName(tag.name);
      if (handlers.open?.(name, tag.attributes as Attributes, tag.isSelfClosing) === false) stopped = true;
    });
    parser.on('closetag', (tag) => {
      if (stopped) return;
      if (handlers.close?.(localName(tag.name)) === false) stopped = true;
    });
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', (t) => stopped || text(t));
    parser.on('cdata', (t) => stopped || text(t));
  }
  let decoder: TextDecoder | null = null;
  try {
    inflate((chunk) => {
      decoder ??= decoderFor(chunk);
      const text = decoder.decode(chunk, { stream: true });
      // In pieces, so that a reader of the top of a part stops the parsing too, not only the calls.
      for (let at = 0; at < text.length && !stopped; at += PIECE) parser.write(at === 0 && text.length <= PIECE ? text : text.slice(at, at + PIECE));
      return !stopped;
    });
    if (!stopped) parser.write((decoder as TextDecoder | null)?.decode() ?? '').close();
  } catch (e) {
    if (e instanceof PackageError) throw e;
    // saxes's and the decoder's own words ("disallowed character"...) mean nothing to a user.
    throw fail();
  }
}
