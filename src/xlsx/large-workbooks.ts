// Large workbooks within a gigabyte. In two places ExcelJS's memory grows far beyond the data:
//
// 1. Defined names. ExcelJS keeps a name as one entry per cell it covers, on reading and on
//    writing. The analysis names six 100,000-row columns: 200 MB. Here the book keeps each name as
//    the ranges it is written as (and keeps a sheet's own names scoped to that sheet, which
//    ExcelJS's bookkeeping would make workbook-wide; see readWorkbook for names it cannot keep).
// 2. Saving. ExcelJS renders a sheet's XML into one array with an entry per tag, attribute and
//    bracket, and joins it at the end: for 100,000 rows of seven columns about 20 million small
//    strings, 600 MB of memory for 29 MB of XML. Here the same renderers write into an array that
//    joins its pieces every 64k entries, so a sheet costs about its own size.
// Measured on that 100,000-row analysis: peak 1.48 GB before, 0.64 GB after (either fix alone:
// 0.9 and 1.2 GB).
//
// Both reach into ExcelJS 4.4's internals (lib/doc/workbook.js's _definedNames, lib/xlsx/xlsx.js's
// addWorksheets, lib/utils/xml-stream.js), which is why package.json pins that exact version;
// test/xlsx/large-workbooks.test.ts checks the files against ExcelJS's own writer, part by part.
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { zipEntries, zipPart } from './zip';

const require = createRequire(import.meta.url);

interface XmlStream {
  readonly xml: string;
  _xml: unknown;
  _rollbacks: unknown[];
}
type XmlStreamClass = new () => XmlStream;
interface Xform {
  render(stream: XmlStream, model: unknown): void;
}
type XformClass = new () => Xform;
interface Zip {
  append(data: string, options: { name: string }): void;
}
interface SheetModel {
  id: number;
  rels?: unknown[];
  comments: unknown[];
}

const XmlStream = require('exceljs/lib/utils/xml-stream') as XmlStreamClass;
const WorksheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform') as XformClass;
const RelationshipsXform = require('exceljs/lib/xlsx/xform/core/relationships-xform') as XformClass;
const CommentsXform = require('exceljs/lib/xlsx/xform/comment/comments-xform') as XformClass;
const VmlNotesXform = require('exceljs/lib/xlsx/xform/comment/vml-notes-xform') as XformClass;

const PIECES_PER_CHUNK = 1 << 16;

/** The pieces of one XML part: recent ones loose (a renderer may still roll them back), older
 * ones joined into chunks. Offers the few array operations XmlStream uses. */
class Pieces {
  private readonly chunks: string[] = [];
  private loose: string[] = [];

  constructor(private readonly stream: XmlStream) {}

  get length(): number {
    return this.chunks.length + this.loose.length;
  }

  push(piece: string): void {
    this.loose.push(piece);
    // A rollback remembers a length and later cuts back to it: join only while none is pending.
    if (this.loose.length >= PIECES_PER_CHUNK && this.stream._rollbacks.length === 0) {
      this.chunks.push(this.loose.join(''));
      this.loose = [];
    }
  }

  splice(start: number, count: number): void {
    this.loose.splice(start - this.chunks.length, count);
  }

  /** XmlStream only ever joins with "". */
  join(): string {
    return this.chunks.join('') + this.loose.join('');
  }
}

export class CompactXmlStream extends XmlStream {
  constructor() {
    super();
    this._xml = new Pieces(this);
  }
}

/** ExcelJS 4.4's addWorksheets, rendering into compact streams. */
function addWorksheets(zip: Zip, model: { worksheets: SheetModel[] }): void {
  const part = (xform: Xform, sheet: unknown, name: string) => {
    const stream = new CompactXmlStream();
    xform.render(stream, sheet);
    zip.append(stream.xml, { name });
  };
  const [worksheet, relationships, comments, notes] = [new WorksheetXform(), new RelationshipsXform(), new CommentsXform(), new VmlNotesXform()];
  for (const sheet of model.worksheets) {
    part(worksheet, sheet, `xl/worksheets/sheet${sheet.id}.xml`);
    if (sheet.rels?.length) part(relationships, sheet.rels, `xl/worksheets/_rels/sheet${sheet.id}.xml.rels`);
    if (sheet.comments.length > 0) {
      part(comments, sheet, `xl/comments${sheet.id}.xml`);
      part(notes, sheet, `xl/drawings/vmlDrawing${sheet.id}.vml`);
    }
  }
}

export interface DefinedName {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/** What ExcelJS's workbook uses of its DefinedNames: the model, read and written whole. */
class NamesAsRanges {
  private names: DefinedName[];

  constructor(names: DefinedName[]) {
    this.names = names;
  }

  get model(): DefinedName[] {
    return this.names.map((n) => ({ ...n, ranges: [...n.ranges] }));
  }

  set model(names: DefinedName[]) {
    this.names = names.map((n) => ({ ...n, ranges: [...n.ranges] }));
  }
}

/** Makes the book keep its defined names as ranges. Also keeps a sheet-scoped name scoped to its
 * sheet, which ExcelJS's own bookkeeping turns into a workbook name. */
export function keepNamesAsRanges(book: ExcelJS.Workbook): void {
  const internal = book as unknown as { _definedNames: unknown };
  if (internal._definedNames instanceof NamesAsRanges) return;
  internal._definedNames = new NamesAsRanges(book.definedNames.model as unknown as DefinedName[]);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e[0] === '#' ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10)) : (XML_ENTITIES[e] ?? whole),
  );

/** Each defined name's text as written in the file's workbook.xml, by name and sheet scope. */
function namesAsWritten(file: Buffer): Map<string, string> {
  const entry = zipEntries(file)?.find((e) => e.name === 'xl/workbook.xml');
  const xml = entry ? zipPart(file, entry)?.toString('utf8') ?? '' : '';
  const written = new Map<string, string>();
  // Attribute values may hold ">" and use either quote: comment="rate > 0", name='Rate'.
  for (const m of xml.matchAll(/<definedName\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([\s\S]*?)<\/definedName>)/g)) {
    const attribute = (key: string) => {
      const a = new RegExp(`\\b${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[1]);
      return a ? (a[1] ?? a[2]) : undefined;
    };
    const name = attribute('name');
    if (name !== undefined) written.set(`${xmlText(name)}|${attribute('localSheetId') ?? ''}`, xmlText(m[2] ?? ''));
  }
  return written;
}

/**
 * Print areas and titles on the right sheets. ExcelJS places them by the file's sheet number among
 * the sheets it keeps, so after a chart sheet it drops, each lands on the next sheet: placed again
 * here from the names as written, the way ExcelJS reads them (the first print area range, the
 * first rows and columns of the titles).
 */
function placePrintSettings(sheets: ExcelJS.Worksheet[], written: Map<string, string>, sheetAt: (orderNo: number) => number): void {
  for (const ws of sheets) {
    delete ws.pageSetup.printArea;
    delete ws.pageSetup.printTitlesRow;
    delete ws.pageSetup.printTitlesColumn;
  }
  for (const [key, text] of written) {
    const [name, scope] = key.split('|');
    const ws = scope === '' ? undefined : sheets[sheetAt(Number(scope))];
    if (!ws) continue;
    const cells = text.split(/!/).slice(1).map((part) => part.replace(/,.*$/, '').replace(/\$/g, ''));
    if (name === '_xlnm.Print_Area' && cells[0]) ws.pageSetup.printArea = cells[0];
    if (name === '_xlnm.Print_Titles') {
      const rows = /\$\d+:\$\d+/.exec(text)?.[0];
      const columns = /\$[A-Z]+:\$[A-Z]+/.exec(text)?.[0];
      if (rows) ws.pageSetup.printTitlesRow = rows.replace(/\$/g, '');
      if (columns) ws.pageSetup.printTitlesColumn = columns.replace(/\$/g, '');
    }
  }
}

/**
 * Reads an .xlsx into the book, names kept as ranges. ExcelJS reads a name's text as a list of
 * references split at commas and drops the pieces it cannot read, so a name holding a formula
 * comes out mangled (LAMBDA(x,x*2) becomes "x*2)", TRUE becomes nothing). Each name is checked
 * against its text in the file: one that would not be written back as it was is left out and
 * returned, for the caller to say so. A sheet's own names are renumbered to the sheets ExcelJS keeps (it drops chart sheets),
 * and left out when their sheet is gone.
 */
export async function readWorkbook(book: ExcelJS.Workbook, file: Buffer): Promise<{ leftOutNames: string[] }> {
  keepNamesAsRanges(book);
  await book.xlsx.load(file as unknown as Parameters<typeof book.xlsx.load>[0]);
  const written = namesAsWritten(file);
  const sheets = book.worksheets;
  const sheetAt = (orderNo: number) => sheets.findIndex((ws) => (ws as unknown as { orderNo: number }).orderNo === orderNo);
  if (sheets.some((_, i) => sheetAt(i) !== i)) placePrintSettings(sheets, written, sheetAt);
  const kept: DefinedName[] = [];
  const leftOutNames: string[] = [];
  for (const n of book.definedNames.model as unknown as DefinedName[]) {
    // ExcelJS's number for a sheet's name is the sheet's place among all sheets of the file.
    const sheet = n.localSheetId === undefined ? -1 : sheetAt(n.localSheetId);
    // A name of a sheet ExcelJS dropped (a chart sheet) goes with it; that sheet is reported.
    if (n.localSheetId !== undefined && sheet < 0) continue;
    const asWritten = written.get(`${n.name}|${n.localSheetId ?? ''}`);
    if (!n.ranges.length || asWritten !== n.ranges.join(',')) {
      leftOutNames.push(n.name);
      continue;
    }
    kept.push(n.localSheetId === undefined ? n : { ...n, localSheetId: sheet });
  }
  book.definedNames.model = kept as never;
  return { leftOutNames };
}

/** Writes the workbook to a file byte for byte as ExcelJS would, in a fraction of the memory. */
export async function saveWorkbook(book: ExcelJS.Workbook, path: string): Promise<void> {
  const xlsx = book.xlsx as unknown as { addWorksheets: typeof addWorksheets };
  xlsx.addWorksheets = addWorksheets;
  await book.xlsx.writeFile(path);
}
