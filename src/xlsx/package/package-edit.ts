// The output package while a command writes it: every part of the input stays in the input file
// (copied byte for byte when saved, never inflated), and the parts a write changed or added are
// kept deflated in memory (a changed sheet of a million rows costs its compressed size, not its
// text). Reads after a write see the changes, since commands read the tabs they just made.
import { Inflate } from 'fflate';
import { XlsxPackage } from './read-package';
import { decoderFor } from './xml-stream';
import { PackedPart, PartPacker, packText, writeZip } from './zip-writer';

/** Part names are case-insensitive in a package (OPC); zip names have no leading slash. */
const key = (name: string) => name.replace(/^\//, '').toLowerCase();

/** Something that takes a part's text in pieces (an editor streaming into a packer). */
export interface TextSink {
  push(text: string): void;
  end(): void;
}

/** Text written back is UTF-8: a part that declared another encoding declares UTF-8 now. */
const asUtf8 = (text: string) => text.replace(/^\uFEFF/, '').replace(/^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');

export class PackageEdit {
  /** Changed and added parts, by lower-case name. */
  private readonly parts = new Map<string, PackedPart>();
  /** Added parts, in the order they were added (zip names). */
  private readonly added: string[] = [];

  constructor(readonly pkg: XlsxPackage) {
    // The package's readers consult this first: reads after a write see what was written.
    pkg.overlay = this;
  }

  /** true: changed or added by this run; undefined: as in the input. */
  has(part: string): boolean | undefined {
    return this.parts.has(key(part)) ? true : undefined;
  }

  /** Parts added by this run. */
  names(): string[] {
    return [...this.added];
  }

  /** Whether the package (as changed) holds the part. */
  exists(part: string): boolean {
    return this.pkg.has(part);
  }

  /** Every part's zip name, input order then added ones. */
  list(): string[] {
    return this.pkg.partNames;
  }

  /** The name as stored in the zip (its case), or the name given for a new part. */
  stored(part: string): string {
    return this.parts.get(key(part))?.name ?? this.pkg.entry(part)?.name ?? part.replace(/^\//, '');
  }

  /** A changed part's content, inflated chunk by chunk (the overlay's side of reading). */
  inflate(part: string, onChunk: (chunk: Uint8Array) => boolean | void): void {
    const packed = this.parts.get(key(part));
    if (!packed) throw new Error(`no changed part ${part}`);
    let stopped = false;
    const give = (chunk: Uint8Array) => {
      if (!stopped && chunk.length && onChunk(chunk) === false) stopped = true;
    };
    const chunks: Buffer[] = [];
    packed.eachChunk((c) => chunks.push(c));
    // A copy of an input part keeps the input's method: stored parts are their own content.
    if (packed.method === 0) return chunks.forEach(give);
    const inflater = new Inflate(give);
    chunks.forEach((c, i) => !stopped && inflater.push(c, i === chunks.length - 1));
    if (!chunks.length) inflater.push(new Uint8Array(0), true);
  }

  /** The part's current text, a piece at a time. */
  eachText(part: string, onText: (text: string) => void): void {
    let decoder: TextDecoder | null = null;
    const onChunk = (chunk: Uint8Array) => {
      decoder ??= decoderFor(chunk);
      onText(decoder.decode(chunk, { stream: true }));
    };
    this.pkg.inflate(part, onChunk, true);
    const rest = (decoder as TextDecoder | null)?.decode() ?? '';
    if (rest) onText(rest);
  }

  /** A whole part as one string: for the small ones (workbook, relationships, styles). */
  text(part: string): string {
    const pieces: string[] = [];
    this.eachText(part, (t) => pieces.push(t));
    return pieces.join('');
  }

  /** Replaces a part (or adds it) with the given text. */
  put(part: string, text: string): void {
    this.store(part, packText(this.stored(part), asUtf8(text)));
  }

  /** Rewrites a part streaming: its text goes through the editor the factory makes, whose output
   * is deflated as it comes. */
  rewrite(part: string, editor: (out: (text: string) => void) => TextSink): void {
    const packer = new PartPacker(this.stored(part));
    let first = true;
    const sink = editor((text) => {
      packer.push(first ? asUtf8(text) : text);
      if (text) first = false;
    });
    this.eachText(part, (t) => sink.push(t));
    sink.end();
    this.store(part, packer.end());
  }

  /** A copy of a part under a new name: the same compressed bytes. */
  copyPart(from: string, to: string): void {
    const changed = this.parts.get(key(from));
    this.store(to, { ...(changed ?? this.rawPart(this.pkg.entry(from)!.name)), name: to });
  }

  /** An input part as it is stored: its raw compressed bytes and their headers. */
  private rawPart(name: string): PackedPart {
    const zip = this.pkg.zip;
    const entry = zip.entry(name)!;
    const header = zip.readRaw(entry.localHeader, 30);
    return {
      name: entry.name,
      method: entry.method,
      crc32: entry.crc,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.size,
      // The local header's time and date, as the input had them.
      dosTime: header.readUInt16LE(10),
      dosDate: header.readUInt16LE(12),
      eachChunk: (f) => zip.eachRawChunk(entry, f),
    };
  }

  private store(part: string, packed: PackedPart): void {
    const old = this.pkg.entry(part);
    if (!old && !this.parts.has(key(part))) this.added.push(packed.name);
    this.parts.set(key(part), packed);
  }

  /** The output zip: input parts in their order (unchanged ones as their raw bytes), then new ones. */
  save(path: string): void {
    const parts = this.pkg.zip.entries.map((e) => this.parts.get(key(e.name)) ?? this.rawPart(e.name));
    writeZip(path, [...parts, ...this.added.map((name) => this.parts.get(key(name))!)]);
  }
}
