// An .xlsx package as the commands read it: which parts it holds and how they relate, the
// workbook's sheets, names and date system, and (streaming) the cells of one sheet. Part names are
// as in the zip, without a leading slash ("xl/worksheets/sheet1.xml"). Nothing here changes the
// file; the writing side copies every part it does not change from `zip` byte for byte.
import { basename } from 'node:path';
import { PackageError } from './errors';
import { Attributes, XmlHandlers, attribute, readXmlChunks } from './xml-stream';
import { ZipEntry, ZipFile } from './zip-file';

export interface Relationship {
  id: string;
  /** The full relationship type URI. */
  type: string;
  /** The type's last segment: "worksheet", "chartsheet", "styles", "sharedStrings", "officeDocument"... */
  kind: string;
  /** The target part's name (absolute, no leading slash), or the URL as written when external. */
  target: string;
  external: boolean;
}

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'unknown';

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** The workbook's relationship id for the sheet ("rId1"). */
  rId: string;
  /** The sheet's part, null when the relationship or the part is missing. */
  part: string | null;
  state: 'visible' | 'hidden' | 'veryHidden';
  kind: SheetKind;
}

export interface DefinedNameEntry {
  name: string;
  /** Index into `sheets` for a sheet's own name; undefined for a workbook name. */
  localSheetId?: number;
  hidden: boolean;
  /** As written, e.g. "'Sales 2026'!$B$2:$D$9". */
  formula: string;
}

export interface ContentTypes {
  /** Extension (lower case, no dot) → content type. */
  defaults: Map<string, string>;
  /** Part name (lower case, no leading slash) → content type. */
  overrides: Map<string, string>;
}

const SHEET_KINDS: Record<string, SheetKind> = {
  worksheet: 'worksheet',
  chartsheet: 'chartsheet',
  dialogsheet: 'dialogsheet',
  xlMacrosheet: 'macrosheet',
  xlIntlMacrosheet: 'macrosheet',
};

/** A relationship target resolved against the folder of the part it belongs to. */
export function resolveTarget(sourcePart: string, target: string): string {
  let path = target.replace(/\\/g, '/');
  try {
    path = decodeURI(path);
  } catch {
    // A lone "%" is a character of the name.
  }
  const folder = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/')) : '';
  const segments = path.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels; "" → _rels/.rels. */
export function relationshipsPart(part: string): string {
  const at = part.lastIndexOf('/');
  return `${part.slice(0, at + 1)}_rels/${part.slice(at + 1)}.rels`;
}

/** Parts changed, added or removed since the file was opened (kept by the writing side): every
 * read below consults it first, so reads after a write see what was written. */
export interface PartOverlay {
  /** true: changed or added (read it from the overlay); false: removed; undefined: as in the file. */
  has(part: string): boolean | undefined;
  /** The part's bytes, a chunk at a time; stops when onChunk answers false. */
  inflate(part: string, onChunk: (chunk: Uint8Array) => boolean | void): void;
  /** Parts added (not in the file). */
  names(): string[];
}

export class XlsxPackage {
  contentTypes!: ContentTypes;
  workbookPart!: string;
  sheets: SheetEntry[] = [];
  definedNames: DefinedNameEntry[] = [];
  /** Whether the workbook counts dates from 1904 (its serials are 1,462 days less than 1900's). */
  date1904 = false;
  /** The index in `sheets` of the sheet shown when the workbook opens. */
  activeTab = 0;
  /** Set by the writing side; see PartOverlay. */
  overlay?: PartOverlay;
  private readonly relsCache = new Map<string, Relationship[]>();

  private constructor(readonly zip: ZipFile) {
    // Every part's declared size and ratio, before anything is inflated: a bomb anywhere in the
    // file is refused, whether or not a command would read that part.
    zip.checkAllLimits();
    this.reread();
  }

  /** Reads content types, workbook part, sheets, names and date system again (after a write). */
  reread(): void {
    this.relsCache.clear();
    this.sheets = [];
    this.definedNames = [];
    this.date1904 = false;
    this.activeTab = 0;
    this.contentTypes = this.readContentTypes();
    this.workbookPart = this.findWorkbookPart();
    this.readWorkbook();
  }

  /** Opens the file and reads its workbook part; a sentence (PackageError) for every way that can fail. */
  static open(path: string): XlsxPackage {
    const zip = ZipFile.open(path, basename(path));
    try {
      return new XlsxPackage(zip);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  close(): void {
    this.zip.close();
  }

  get label(): string {
    return this.zip.label;
  }

  /** Every part's name, in the zip's order, then the parts added. */
  get partNames(): string[] {
    const kept = this.zip.entries.map((e) => e.name).filter((name) => this.overlay?.has(name) !== false);
    return [...kept, ...(this.overlay?.names() ?? [])];
  }

  has(part: string): boolean {
    return this.overlay?.has(part) ?? this.zip.entry(part) !== undefined;
  }

  /** The part's name as the package spells it (part names compare without regard to case). */
  private spelled(part: string): string {
    return this.overlay?.has(part) ? part.replace(/^\//, '') : (this.zip.entry(part)?.name ?? part.replace(/^\//, ''));
  }

  /** The zip entry of the file as opened (method, sizes, crc, local header offset) for a
   * byte-for-byte copy; the overlay does not change it. */
  entry(part: string): ZipEntry | undefined {
    return this.zip.entry(part);
  }

  /** A part's bytes a chunk at a time (the overlay's, or inflated from the file within the limits);
   * `whole` when the reader takes all of it (see ZipFile.inflate). */
  inflate(part: string, onChunk: (chunk: Uint8Array) => boolean | void, whole = false): void {
    const overlaid = this.overlay?.has(part);
    if (overlaid) return this.overlay!.inflate(part, onChunk);
    const entry = overlaid === false ? undefined : this.zip.entry(part);
    if (!entry) throw new PackageError('missingPart', { name: this.label, part });
    this.zip.inflate(entry, onChunk, whole);
  }

  /** A whole part inflated (within the limits). */
  bytes(part: string): Buffer {
    const entry = this.overlay?.has(part) === undefined ? this.zip.entry(part) : undefined;
    if (entry) return this.zip.bytes(entry);
    const chunks: Uint8Array[] = [];
    this.inflate(part, (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /** A whole part as text (UTF-8, or UTF-16 with a byte-order mark). */
  text(part: string): string {
    const bytes = this.bytes(part);
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00);
    const utf16be = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] === 0x3c);
    return new TextDecoder(utf16 ? 'utf-16le' : utf16be ? 'utf-16be' : 'utf-8').decode(bytes);
  }

  /** Streams a part's XML through the handlers (see xml-stream.ts); `whole` when the handlers
   * read all of it (see ZipFile.inflate). */
  readXml(part: string, handlers: XmlHandlers, whole = false): void {
    readXmlChunks(this.label, part, (onChunk) => this.inflate(part, onChunk, whole), handlers);
  }

  /** A part's content type, from an override or its extension's default. */
  contentType(part: string): string | undefined {
    const name = part.replace(/^\//, '').toLowerCase();
    return this.contentTypes.overrides.get(name) ?? this.contentTypes.defaults.get(name.slice(name.lastIndexOf('.') + 1));
  }

  /** The relationships of a part ("" for the package's own), targets resolved; none when it has no
   * relationships part. */
  relationships(part: string): Relationship[] {
    const cached = this.relsCache.get(part);
    if (cached) return cached;
    const rels: Relationship[] = [];
    const relsPart = relationshipsPart(part);
    if (this.has(relsPart)) {
      this.readXml(relsPart, {
        open: (name, a) => {
          if (name !== 'Relationship') return;
          const type = a.Type ?? '';
          const external = (a.TargetMode ?? '').toLowerCase() === 'external';
          const target = a.Target ?? '';
          rels.push({ id: a.Id ?? '', type, kind: type.slice(type.lastIndexOf('/') + 1), target: external ? target : resolveTarget(part, target), external });
        },
      }, true);
    }
    this.relsCache.set(part, rels);
    return rels;
  }

  /** The first related part of a kind ("styles", "sharedStrings"...) that exists in the package. */
  relatedPart(part: string, kind: string): string | null {
    const rel = this.relationships(part).find((r) => r.kind === kind && !r.external && this.has(r.target));
    return rel ? this.spelled(rel.target) : null;
  }

  private readContentTypes(): ContentTypes {
    const types: ContentTypes = { defaults: new Map(), overrides: new Map() };
    if (!this.has('[Content_Types].xml')) return types;
    this.readXml('[Content_Types].xml', {
      open: (name, a) => {
        if (name === 'Default' && a.Extension) types.defaults.set(a.Extension.toLowerCase(), a.ContentType ?? '');
        if (name === 'Override' && a.PartName) types.overrides.set(a.PartName.replace(/^\//, '').toLowerCase(), a.ContentType ?? '');
      },
    }, true);
    return types;
  }

  /** The workbook part: the package's officeDocument relationship, else the part typed as a
   * workbook, else the usual place. */
  private findWorkbookPart(): string {
    const fromRels = this.relatedPart('', 'officeDocument');
    if (fromRels) return fromRels;
    for (const [part, type] of this.contentTypes.overrides) {
      if (/spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template)\.macroEnabled\.main/i.test(type) && this.has(part)) return this.spelled(part);
    }
    if (this.has('xl/workbook.xml')) return this.spelled('xl/workbook.xml');
    throw new PackageError('noWorkbookPart', { name: this.label });
  }

  private readWorkbook(): void {
    const rels = new Map(this.relationships(this.workbookPart).map((r) => [r.id, r]));
    let name: DefinedNameEntry | null = null;
    this.readXml(this.workbookPart, {
      open: (element, a) => {
        if (element === 'sheet') this.sheets.push(this.sheetEntry(a, rels));
        else if (element === 'workbookPr') this.date1904 = truthy(a.date1904);
        else if (element === 'workbookView' && a.activeTab !== undefined) this.activeTab = Number(a.activeTab) || 0;
        else if (element === 'definedName') {
          name = { name: a.name ?? '', hidden: truthy(a.hidden), formula: '' };
          if (a.localSheetId !== undefined) name.localSheetId = Number(a.localSheetId);
        }
      },
      text: (t) => {
        if (name) name.formula += t;
      },
      close: (element) => {
        if (element === 'definedName' && name) {
          this.definedNames.push(name);
          name = null;
        }
      },
    }, true);
    if (this.activeTab >= this.sheets.length) this.activeTab = 0;
  }

  private sheetEntry(a: Attributes, rels: Map<string, Relationship>): SheetEntry {
    const rId = attribute(a, 'id') ?? '';
    const rel = rels.get(rId);
    const part = rel && !rel.external && this.has(rel.target) ? this.spelled(rel.target) : null;
    const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
    return { name: a.name ?? '', sheetId: Number(a.sheetId) || 0, rId, part, state, kind: (rel && SHEET_KINDS[rel.kind]) ?? 'unknown' };
  }

  /** The sheet of this name (names compare without regard to case, as in Excel). */
  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
}

/** An on/off attribute (ST_OnOff: 1, true, and in early files "on"). */
export const truthy = (value: string | undefined): boolean => value === '1' || value === 'true' || value === 'on';
