// An .xlsx file opened as a zip, read from disk a piece at a time: the central directory, each
// part's raw bytes (for a byte-for-byte copy) and its content inflated as a stream, so that neither
// a large sheet nor a hostile file is ever held whole in memory. fflate inflates synchronously in
// chunks, which keeps the Workbook port's answers direct (no Promise) on this host.
import { Inflate } from 'fflate';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { PackageError } from './errors';

/** One part of the package as the zip's central directory describes it. */
export interface ZipEntry {
  /** The part's name in the zip, e.g. "xl/worksheets/sheet1.xml" (no leading slash). */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** General-purpose flags (bit 0 encrypted, bit 3 sizes in a data descriptor, bit 11 UTF-8). */
  flags: number;
  crc: number;
  compressedSize: number;
  /** The size the directory declares for the inflated part. */
  size: number;
  /** Where the entry's local header starts in the file. */
  localHeader: number;
}

/** Sensible limits for one part (see checkLimits). */
export const LIMITS = {
  /** No part may inflate beyond this. */
  partSize: 1024 ** 3,
  /** A part larger than `largePart` inflated may not be more compressed than this... */
  ratio: 200,
  largePart: 50 * 1024 ** 2,
  /** A part up to this size is inflated at once (fast, native); a larger one streams. */
  nativeInflate: 64 * 1024 ** 2,
  /** A part read whole into memory (workbook, relationships, styles...) at most. */
  wholePart: 256 * 1024 ** 2,
  /** The parts more compressed than `ratio`, together, at most: many small bombs (or entries that
   * share one compressed stream) are one big bomb. */
  compressedTogether: 1024 ** 3,
};

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Chunks read from disk: small enough that one inflates to at most ~16 MB (deflate tops at 1032:1). */
const CHUNK = 16 * 1024;
const FIRST_CHUNK = 1024;
/** Pieces a part inflated at once is handed over in. */
const PIECE = 64 * 1024;

export class ZipFile {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    readonly path: string,
    private readonly fd: number,
    /** The file's size in bytes. */
    readonly size: number,
    /** What the user calls the file in messages (its base name). */
    readonly label: string,
  ) {
    this.entries = readDirectory(this);
    // Part names are case-insensitive in a package (OPC).
    for (const e of this.entries) if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
  }

  /** Opens a file as a zip; refuses anything that is not a regular file before reading a byte of it,
   * and files that are no zip, with a sentence each. */
  static open(path: string, label: string): ZipFile {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') throw new PackageError('noFile', { path });
      if (code === 'EISDIR') throw new PackageError('folder', { path });
      if (code === 'EACCES' || code === 'EPERM') throw new PackageError('noAccess', { name: label });
      throw new PackageError('unreadableFile', { name: label });
    }
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new PackageError('folder', { path });
      if (!stat.isFile()) throw new PackageError('notAFile', { name: label });
      return new ZipFile(path, fd, stat.size, label);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  private closed = false;

  /** Closes the file (once: a second close must not close a descriptor since reused). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lastWhole = null;
    closeSync(this.fd);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  /** `length` bytes of the file from `position` (fewer at its end). */
  readRaw(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - position)));
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (n <= 0) break;
      done += n;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  /** Where the entry's compressed data starts (after its local header). */
  dataOffset(entry: ZipEntry): number {
    const header = this.readRaw(entry.localHeader, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new PackageError('truncated', { name: this.label });
    return entry.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  /** The entry's compressed bytes, chunk by chunk, as stored (for a byte-for-byte copy). */
  eachRawChunk(entry: ZipEntry, onChunk: (chunk: Buffer) => void): void {
    const start = this.dataOffset(entry);
    if (start + entry.compressedSize > this.size) throw new PackageError('truncated', { name: this.label });
    for (let at = 0; at < entry.compressedSize; at += 1 << 20) onChunk(this.readRaw(start + at, Math.min(1 << 20, entry.compressedSize - at)));
  }

  /** Refuses, before inflating, a part that would inflate past the limits. */
  checkLimits(entry: ZipEntry): void {
    if (entry.flags & 1) throw new PackageError('encryptedPart', { name: this.label, part: entry.name });
    if (entry.method !== 0 && entry.method !== 8) throw new PackageError('compression', { name: this.label, part: entry.name });
    if (entry.size > LIMITS.partSize) throw new PackageError('partTooLarge', { name: this.label, part: entry.name, size: gigabytes(entry.size) });
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > LIMITS.largePart && ratio > LIMITS.ratio) {
      throw new PackageError('bomb', { name: this.label, part: entry.name, size: gigabytes(entry.size), ratio: Math.round(ratio) });
    }
  }

  /** Refuses a package whose highly compressed parts together would inflate past the limit, each
   * part checked on its own first (see checkLimits). */
  checkAllLimits(): void {
    let together = 0;
    let packed = 0;
    for (const entry of this.entries) {
      this.checkLimits(entry);
      if (entry.size / Math.max(1, entry.compressedSize) > LIMITS.ratio) {
        together += entry.size;
        packed += entry.compressedSize;
      }
    }
    if (together > LIMITS.compressedTogether) {
      throw new PackageError('bombParts', { name: this.label, size: gigabytes(together), ratio: Math.round(together / Math.max(1, packed)) });
    }
  }

  /** The part's content, inflated a chunk at a time and handed over; stops when onChunk answers
   * false. A part that inflates to more than it declared, or is damaged, stops with a sentence.
   * `whole`: the reader will take all of it (a sheet's cells), so a part of moderate size may be
   * inflated at once; a reader of the top of a part leaves it false. */
  inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => boolean | void, whole = false): void {
    this.checkLimits(entry);
    const start = this.dataOffset(entry);
    if (start + entry.compressedSize > this.size) throw new PackageError('truncated', { name: this.label });
    if (whole && entry.method === 8 && entry.size <= LIMITS.nativeInflate) return this.inflateWhole(entry, start, onChunk);
    let produced = 0;
    let crc = 0;
    let stopped = false;
    const emit = (chunk: Uint8Array) => {
      if (stopped || !chunk.length) return;
      produced += chunk.length;
      // The declared size is what the limits were checked against: a part may not exceed it.
      if (produced > entry.size) throw new PackageError('damagedPart', { name: this.label, part: entry.name });
      crc = crc32(chunk, crc);
      if (onChunk(chunk) === false) stopped = true;
    };
    const inflater = entry.method === 8 ? new Inflate((chunk) => emit(chunk)) : null;
    try {
      // Small chunks first: a reader of the top of a part (the active cell above a sheet's rows)
      // stops after a few kilobytes, before the inflater has produced much more than it needs.
      for (let at = 0, chunk = FIRST_CHUNK; at < entry.compressedSize && !stopped; at += chunk, chunk = Math.min(CHUNK, chunk * 2)) {
        const length = Math.min(chunk, entry.compressedSize - at);
        const raw = this.readRaw(start + at, length);
        if (inflater) inflater.push(raw, at + length >= entry.compressedSize);
        else emit(raw);
      }
      if (inflater && entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof PackageError) throw e;
      // fflate's own words ("invalid block type"...) mean nothing to a user.
      throw new PackageError('damagedPart', { name: this.label, part: entry.name });
    }
    if (!stopped && (produced !== entry.size || crc >>> 0 !== entry.crc >>> 0)) throw new PackageError('damagedPart', { name: this.label, part: entry.name });
  }

  /** A part of moderate size inflated at once by Node's own zlib (several times faster than the
   * streaming inflater), then handed over in pieces as `inflate` does. */
  private inflateWhole(entry: ZipEntry, start: number, onChunk: (chunk: Uint8Array) => boolean | void): void {
    let content: Buffer;
    // A command reads its sheet, then rewrites it: the second pass takes the content the first
    // inflated instead of inflating it again (one large part kept, at most LIMITS.wholePart; the
    // small ones read in between are quick to inflate and do not take its place).
    if (this.lastWhole?.entry === entry) content = this.lastWhole.content;
    else content = this.inflateChecked(entry, start);
    for (let at = 0, end = pieceEnd(content, 0); at < content.length; at = end, end = pieceEnd(content, end)) if (onChunk(content.subarray(at, end)) === false) return;
  }

  private lastWhole: { entry: ZipEntry; content: Buffer } | null = null;

  private inflateChecked(entry: ZipEntry, start: number): Buffer {
    let content: Buffer;
    try {
      // Never more than the part declares: a part that lies about its size stops here.
      content = inflateRawSync(this.readRaw(start, entry.compressedSize), { maxOutputLength: Math.max(1, entry.size) });
    } catch {
      throw new PackageError('damagedPart', { name: this.label, part: entry.name });
    }
    if (content.length !== entry.size || crc32(content) >>> 0 !== entry.crc >>> 0) throw new PackageError('damagedPart', { name: this.label, part: entry.name });
    if (content.length >= 1 << 20) this.lastWhole = { entry, content };
    return content;
  }

  /** The whole part inflated, for parts read at once (at most LIMITS.wholePart). */
  bytes(entry: ZipEntry): Buffer {
    this.checkLimits(entry);
    if (entry.size > LIMITS.wholePart) throw new PackageError('partTooLarge', { name: this.label, part: entry.name, size: gigabytes(entry.size) });
    const chunks: Uint8Array[] = [];
    this.inflate(entry, (chunk) => void chunks.push(chunk), true);
    return Buffer.concat(chunks);
  }
}

const ROW_END = Buffer.from('row><');
const TAG_END = Buffer.from('><');

/**
 * Where the piece of `content` from `at` ends: about PIECE bytes on, between two tags where there
 * is a place (after a row's end tag if one is near), so that a reader of a sheet finds every
 * element and text in its piece complete and joins nothing to the next (joining 64 KB strings,
 * for every piece of a sheet, costs as much as a tenth of the reading). Any cut is right for the
 * readers; UTF-8 text is never cut inside a character there ("<" and ">" are single bytes).
 */
function pieceEnd(content: Buffer, at: number): number {
  const limit = at + PIECE;
  if (limit >= content.length) return content.length;
  // Searched within the piece's last eighth only (a part without rows is not searched through).
  const near = limit - PIECE / 8;
  const row = content.subarray(near, limit).lastIndexOf(ROW_END);
  if (row >= 0) return near + row + ROW_END.length - 1;
  const tag = content.subarray(near, limit).lastIndexOf(TAG_END);
  return tag >= 0 ? near + tag + 1 : limit;
}

const gigabytes = (bytes: number) => (bytes / 1024 ** 3).toFixed(bytes < 1024 ** 3 ? 2 : 1);

/** The central directory's entries (ZIP64 too); a sentence for a file that is no zip or is cut off. */
function readDirectory(zip: ZipFile): ZipEntry[] {
  const name = zip.label;
  const head = zip.readRaw(0, 8);
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) throw oleError(zip);
  const isZip = head.length >= 4 && head.readUInt32LE(0) === LOCAL_HEADER;
  // The end record is 22 bytes plus a comment of up to 65,535: search back from the end.
  const tailStart = Math.max(0, zip.size - 22 - 0xffff - 20);
  const tail = zip.readRaw(tailStart, zip.size - tailStart);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw isZip ? new PackageError('truncated', { name }) : notAZip(zip, head);
  let count = tail.readUInt16LE(end + 10);
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryAt = tail.readUInt32LE(end + 16);
  if (end >= 20 && tail.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    const record = zip.readRaw(Number(tail.readBigUInt64LE(end - 20 + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) throw new PackageError('truncated', { name });
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryAt = Number(record.readBigUInt64LE(48));
  }
  if (directoryAt + directorySize > zip.size) throw new PackageError('truncated', { name });
  const directory = zip.readRaw(directoryAt, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new PackageError('truncated', { name });
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const flags = directory.readUInt16LE(at + 8);
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      // Some writers separate folders with "\\" (Windows paths): the part names use "/".
      name: entryName(rawName, flags, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)).replace(/\\/g, '/').replace(/^\//, ''),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeader: directory.readUInt32LE(at + 42),
    };
    readZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), name);
    if (entry.localHeader + 30 > zip.size) throw new PackageError('truncated', { name });
    if (!entry.name.endsWith('/')) entries.push(entry);
    at += 46 + nameLength + extraLength + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** The 128 characters of code page 437 (the original IBM PC's) from byte 0x80 on. */
const CP437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An entry's name as text. The zip format says a name is UTF-8 when flag bit 11 is set and code
 * page 437 otherwise; but many writers put UTF-8 in without the flag, and some add the name in
 * UTF-8 in an extra field (Info-ZIP's 0x7075, tied to the name by its CRC). So: the flag, else the
 * extra field, else ASCII, else UTF-8 when the bytes are valid UTF-8 (a code page 437 name rarely
 * is), else code page 437. The output writes the same name in UTF-8, flagged.
 */
export function entryName(raw: Buffer, flags: number, extra: Buffer): string {
  if (flags & 0x800) return raw.toString('utf8');
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    const length = extra.readUInt16LE(at + 2);
    if (extra.readUInt16LE(at) !== 0x7075 || length < 5 || at + 4 + length > extra.length) continue;
    if (extra[at + 4] === 1 && extra.readUInt32LE(at + 5) === crc32(raw) >>> 0) return extra.toString('utf8', at + 9, at + 4 + length);
  }
  if (raw.every((b) => b < 0x80)) return raw.toString('latin1');
  try {
    return strictUtf8.decode(raw);
  } catch {
    return Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : CP437[b - 0x80])).join('');
  }
}

/** Sizes and offset that did not fit 32 bits are in the ZIP64 extra field, in this order. */
function readZip64Extra(entry: ZipEntry, extra: Buffer, label: string): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        // A size the directory says is here but is not: the file is cut off or damaged.
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new PackageError('truncated', { name: label });
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeader === 0xffffffff) entry.localHeader = next();
      return;
    }
    at += 4 + length;
  }
  if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeader === 0xffffffff) throw new PackageError('truncated', { name: label });
}

/** An OLE compound file: an encrypted .xlsx (its streams are named EncryptionInfo and
 * EncryptedPackage) or a real Excel 97–2003 .xls. */
function oleError(zip: ZipFile): PackageError {
  const start = zip.readRaw(0, 4 * 1024 * 1024);
  const has = (stream: string) => start.includes(Buffer.from(stream, 'utf16le'));
  if (has('EncryptionInfo') || has('EncryptedPackage')) return new PackageError('encryptedPackage', { name: zip.label });
  // Neither stream found (within the first 4 MB): say both possibilities.
  return new PackageError(has('Workbook') || has('Book') ? 'xls' : 'encrypted', { name: zip.label });
}

/** What a file that is no zip at all looks like it is: text (a .csv renamed), or else unknown. */
function notAZip(zip: ZipFile, head: Buffer): PackageError {
  if (zip.size === 0) return new PackageError('emptyFile', { name: zip.label });
  const start = zip.readRaw(0, 4096);
  const text = start.toString('utf8');
  if (/^\s*</.test(text.replace(/^\uFEFF/, ''))) return new PackageError('notXlsx', { name: zip.label });
  // Text: no NUL bytes and few control characters (UTF-16 text has NULs, and its BOM says so).
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  const controls = [...start].filter((b) => b < 9 || (b > 13 && b < 32)).length;
  if (utf16 || controls === 0) return new PackageError('csv', { name: zip.label });
  return new PackageError('notXlsx', { name: zip.label });
}
