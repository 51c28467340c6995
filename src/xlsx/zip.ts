// A zip in memory, for tests and fixtures: its entries, one part unpacked, and a new zip of given
// parts (written by the runner's own zip writer). The runner itself reads with package/zip-file.ts.
import { inflateRawSync } from 'node:zlib';
import { packBytes, packText, zipBytes } from './package/zip-writer';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  localHeader: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Whether the bytes start as a zip does (with a file's local header). */
export const startsAsZip = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_HEADER;

/** The entries, or null when the central directory cannot be read (not a zip, or a ZIP64 file). */
export function zipEntries(zip: Buffer): ZipEntry[] | null {
  // The end record is 22 bytes plus a comment of up to 65,535: search back from the end.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeader: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** One part's bytes, unpacked; null when the zip has no such part or it cannot be read. */
export function zipPart(zip: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.localHeader;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) return null;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(data);
  } catch {
    return null;
  }
}

/** A zip of the given parts, deflated (text at zlib's `level`, 1–9), in the order given. */
export function zipOf(parts: Map<string, Buffer | string>, level?: number): Buffer {
  return zipBytes([...parts].map(([name, content]) => (typeof content === 'string' ? packText(name, content, level) : packBytes(name, content))));
}
