// Writing the output package: parts the command did not change go in as the input's own
// compressed bytes (byte for byte, never inflated), changed and new parts deflated here. The file
// is written piece by piece, so a large workbook is never one buffer.
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A zip entry ready to be written: its compressed bytes and what the headers say of them. */
export interface PackedPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** MS-DOS time and date of the entry (kept from the input for parts copied as they were). */
  dosTime: number;
  dosDate: number;
  /** Hands over the compressed bytes, a piece at a time (from memory, or from the input file). */
  eachChunk(onChunk: (chunk: Buffer) => void): void;
}

/** 1 Jan 1980 00:00, the earliest date a zip can hold: new parts carry no date of their own. */
const DOS_DATE_1980 = 0x0021;

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const LIMIT_32 = 0xffffffff;
const PIECE = 1 << 18;

/**
 * Deflates a part given as text in pieces, keeping only the compressed bytes. Each ~256 KB is
 * deflated on its own and flushed to a byte boundary without ending the stream (zlib's sync flush),
 * so the pieces join into one valid deflate stream: native speed, synchronous, bounded memory.
 */
export class PartPacker {
  private readonly chunks: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private crc = 0;
  private size = 0;

  constructor(
    private readonly name: string,
    /** zlib's level: the fastest unless asked (tests make bombs at the best). */
    private readonly level: number = constants.Z_BEST_SPEED,
  ) {}

  push(text: string): void {
    if (text) this.pushBytes(Buffer.from(text, 'utf8'));
  }

  pushBytes(bytes: Buffer): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingSize += bytes.length;
    if (this.pendingSize >= PIECE) this.flush(false);
  }

  private flush(last: boolean): void {
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingSize = 0;
    // The fastest level: a rewritten sheet of 100,000 rows deflates 7× faster for a part about a
    // fifth larger (Excel packs the file its own way when the user saves it).
    if (data.length || last) this.chunks.push(deflateRawSync(data, { level: this.level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  }

  end(): PackedPart {
    this.flush(true);
    const chunks = this.chunks;
    const compressedSize = chunks.reduce((n, b) => n + b.length, 0);
    return { name: this.name, method: 8, crc32: this.crc, compressedSize, uncompressedSize: this.size, dosTime: 0, dosDate: DOS_DATE_1980, eachChunk: (f) => chunks.forEach((c) => f(c)) };
  }
}

/** A part of bytes (a picture, a macro project) deflated whole. */
export function packBytes(name: string, bytes: Buffer): PackedPart {
  const packer = new PartPacker(name);
  packer.pushBytes(bytes);
  return packer.end();
}

/** A small part deflated whole. */
export function packText(name: string, text: string, level?: number): PackedPart {
  const packer = new PartPacker(name, level);
  packer.push(text);
  return packer.end();
}

const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;

/** Hands over the bytes of a zip of the entries, in order, piece by piece. A part or an offset
 * past 4 GB, or more than 65,534 parts, is written the ZIP64 way (only then: every other zip
 * stays the plain kind every reader knows). */
function eachZipPiece(parts: PackedPart[], put: (piece: Buffer) => void): void {
  let offset = 0;
  const emit = (buffer: Buffer) => {
    put(buffer);
    offset += buffer.length;
  };
  const directory: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const big = part.compressedSize >= LIMIT_32 || part.uncompressedSize >= LIMIT_32;
    const far = offset >= LIMIT_32;
    const fields = (header: Buffer, at: number, zip64: boolean, extraLength: number) => {
      header.writeUInt16LE(zip64 ? 45 : 20, at); // version needed: 4.5 for ZIP64, else 2.0
      header.writeUInt16LE(UTF8_NAMES, at + 2);
      header.writeUInt16LE(part.method, at + 4);
      header.writeUInt16LE(part.dosTime, at + 6);
      header.writeUInt16LE(part.dosDate, at + 8);
      header.writeUInt32LE(part.crc32 >>> 0, at + 10);
      header.writeUInt32LE(zip64 ? LIMIT_32 : part.compressedSize, at + 14);
      header.writeUInt32LE(zip64 ? LIMIT_32 : part.uncompressedSize, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      header.writeUInt16LE(extraLength, at + 24);
    };
    // The ZIP64 field: the sizes (and in the directory the offset) that the header says are here.
    const extra = (values: number[]) => {
      const field = Buffer.alloc(4 + 8 * values.length);
      field.writeUInt16LE(ZIP64_EXTRA, 0);
      field.writeUInt16LE(8 * values.length, 2);
      values.forEach((v, i) => field.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
      return field;
    };
    const localExtra = big ? extra([part.uncompressedSize, part.compressedSize]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    fields(local, 4, big, localExtra.length);
    const centralExtra = big || far ? extra([part.uncompressedSize, part.compressedSize, offset]) : Buffer.alloc(0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(big || far ? 45 : 20, 4); // made by
    fields(central, 6, big || far, centralExtra.length);
    central.writeUInt32LE(big || far ? LIMIT_32 : offset, 42);
    directory.push(central, name, centralExtra);
    emit(local);
    emit(name);
    emit(localExtra);
    let written = 0;
    part.eachChunk((piece) => {
      written += piece.length;
      emit(piece);
    });
    if (written !== part.compressedSize) throw new Error(`part ${part.name} changed size while written`);
  }
  const start = offset;
  for (const piece of directory) emit(piece);
  const size = offset - start;
  const zip64 = parts.length >= 0xffff || start >= LIMIT_32 || size >= LIMIT_32;
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(ZIP64_END, 0);
    record.writeBigUInt64LE(44n, 4); // the record's size after this field
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(size), 40);
    record.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(ZIP64_LOCATOR, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    emit(record);
    emit(locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(zip64 ? LIMIT_32 : size, 12);
  end.writeUInt32LE(zip64 ? LIMIT_32 : start, 16);
  emit(end);
}

/** Writes the entries, in order, as a new zip file (which must not exist yet). */
export function writeZip(path: string, parts: PackedPart[]): void {
  const fd = openSync(path, 'wx');
  try {
    eachZipPiece(parts, (piece) => {
      for (let at = 0; at < piece.length; ) at += writeSync(fd, piece, at);
    });
  } finally {
    closeSync(fd);
  }
}

/** A zip of the entries in memory (small packages: tests, fixtures). */
export function zipBytes(parts: PackedPart[]): Buffer {
  const pieces: Buffer[] = [];
  eachZipPiece(parts, (piece) => pieces.push(piece));
  return Buffer.concat(pieces);
}
