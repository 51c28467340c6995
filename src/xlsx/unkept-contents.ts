// What a workbook holds that ExcelJS does not keep. ExcelJS reads cells, styles, names, tables,
// pictures, notes and validations, and writes back only those: every other part of the file is
// gone from what it saves, and a chart even stops it reading the file (exceljs issue #2591). The
// runner looks at the file's parts first, so it can say so instead of losing them unannounced.
import { UnkeptKind, cliWords } from '../../shared/i18n/cli';
import { Language, fill, formatNumber } from '../../shared/i18n/strings';
import { zipEntries, zipOf, zipPart } from './zip';

// The parts ExcelJS reads and writes back, and those it may drop without loss (Excel rebuilds the
// calculation chain; printer settings and the preview picture are conveniences).
const KEPT = [
  /^\[Content_Types\]\.xml$/,
  /^_rels\/\.rels$/,
  /^docProps\/(app|core)\.xml$/,
  /^docProps\/thumbnail\.\w+$/,
  /^xl\/(workbook|styles|sharedStrings|calcChain)\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/theme\/theme\d+\.xml$/,
  /^xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?$/,
  /^xl\/drawings\/(_rels\/)?(drawing\d+\.xml|vmlDrawing\d+\.vml)(\.rels)?$/,
  /^xl\/(media|printerSettings)\/[^/]+$/,
  /^xl\/comments\d+\.xml$/,
  /^xl\/tables\/(_rels\/)?table\d+\.xml(\.rels)?$/,
];

// What else there may be: all parts of a kind (`family`), and one part per thing the user made
// (`one`). Parts of no kind count as "other parts".
const KINDS: { kind: UnkeptKind; family: RegExp; one: RegExp }[] = [
  { kind: 'chart', family: /^xl\/(charts|chartsheets)\//, one: /^xl\/charts\/chart(Ex)?\d+\.xml$/ },
  { kind: 'pivotTable', family: /^xl\/pivot(Tables|Cache)\//, one: /^xl\/pivotTables\/pivotTable\d+\.xml$/ },
  { kind: 'slicer', family: /^xl\/slicer(s|Caches)\//, one: /^xl\/slicers\/slicer\d+\.xml$/ },
  { kind: 'timeline', family: /^xl\/timeline(s|Caches)\//, one: /^xl\/timelines\/timeline\d+\.xml$/ },
  { kind: 'externalLink', family: /^xl\/externalLinks\//, one: /^xl\/externalLinks\/externalLink\d+\.xml$/ },
  { kind: 'threadedComments', family: /^xl\/(threadedComments|persons)\//, one: /^xl\/threadedComments\/threadedComment\d+\.xml$/ },
  { kind: 'control', family: /^xl\/(ctrlProps|activeX)\//, one: /^xl\/(ctrlProps\/ctrlProp|activeX\/activeX)\d+\.xml$/ },
  { kind: 'embedding', family: /^xl\/embeddings\//, one: /^xl\/embeddings\/[^/]+$/ },
  { kind: 'connection', family: /^xl\/(connections\.xml|queryTables\/)/, one: /^xl\/connections\.xml$/ },
  { kind: 'macros', family: /^xl\/(vbaProject\.bin|macrosheets\/|dialogsheets\/)/, one: /^xl\/(vbaProject\.bin|macrosheets\/sheet\d+\.xml|dialogsheets\/sheet\d+\.xml)$/ },
  // docProps/custom.xml counts by its properties (INSIDE_PARTS); customXml/ alone counts once.
  { kind: 'customProperties', family: /^customXml\//, one: /(?!)/ },
];

/** How often a pattern occurs in a part's text. */
const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;

// What in a drawing is not a plain picture (ExcelJS keeps those only): shapes, connectors (lines,
// arrows), groups, ink. Charts (graphicFrame) are counted from their own parts. A chartEx chart's
// fallback text box for older Excel is not the user's.
const drawingObjectsNotKept = (xml: string) => count(xml.replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, ''), /<(\w+:)?(sp|cxnSp|grpSp|contentPart)[\s/>]/g);

/** Sparkline groups in a sheet, counted in its bytes: a large sheet's XML never becomes a string. */
function sparklineGroups(sheet: Buffer): number {
  let n = 0;
  for (let at = sheet.indexOf('sparklineGroup'); at >= 0; at = sheet.indexOf('sparklineGroup', at + 14)) {
    if (sheet[at - 1] === 0x3a /* : */ || sheet[at - 1] === 0x3c /* < */) n += sheet[at + 14] === 0x73 /* s */ ? 0 : 1;
  }
  return n;
}

/** A part's bytes, and its text made once when a count needs it. */
interface Part {
  bytes: Buffer;
  text(): string;
}

// Inside parts ExcelJS does keep, what it leaves out of them: a picture's description (alt text),
// shapes, sparklines, the workbook's structure protection, and hidden names (Excel's own _xlnm.
// names, such as an autofilter's, are remade by Excel and do not count). LibreOffice writes a
// custom-properties part with no property in it: only real ones count.
const INSIDE_PARTS: { part: RegExp; kind: UnkeptKind; count: (part: Part) => number }[] = [
  { part: /^xl\/drawings\/drawing\d+\.xml$/, kind: 'altText', count: (p) => count(p.text(), /<(\w+:)?cNvPr\b[^>]*\bdescr="[^"]+"/g) },
  { part: /^xl\/drawings\/drawing\d+\.xml$/, kind: 'shape', count: (p) => drawingObjectsNotKept(p.text()) },
  { part: /^xl\/worksheets\/sheet\d+\.xml$/, kind: 'sparklines', count: (p) => sparklineGroups(p.bytes) },
  { part: /^xl\/workbook\.xml$/, kind: 'protection', count: (p) => count(p.text(), /<(\w+:)?workbookProtection[\s/>]/g) },
  { part: /^xl\/workbook\.xml$/, kind: 'hiddenName', count: (p) => count(p.text(), /<(\w+:)?definedName\b(?=[^>]*\bhidden="(1|true)")(?![^>]*\bname="_xlnm\.)/g) },
  { part: /^docProps\/custom\.xml$/, kind: 'customProperties', count: (p) => Math.min(1, count(p.text(), /<(\w+:)?property[\s/>]/g)) },
];

export type UnkeptContents = Partial<Record<UnkeptKind, number>>;

/** How many of each kind of thing ExcelJS would drop; null when the file's parts cannot be listed. */
export function unkeptContents(file: Buffer): UnkeptContents | null {
  const entries = zipEntries(file);
  if (!entries) return null;
  const found: UnkeptContents = {};
  const add = (kind: UnkeptKind, n = 1) => {
    if (n > 0) found[kind] = (found[kind] ?? 0) + n;
  };
  // Parts of a kind whose one-per-thing part is missing (customXml without custom.xml) still count once.
  const familyOnly = new Set<UnkeptKind>();
  for (const entry of entries) {
    const { name } = entry;
    if (name.endsWith('/')) continue;
    const inside = INSIDE_PARTS.filter((p) => p.part.test(name));
    const bytes = inside.length ? zipPart(file, entry) : null;
    if (bytes) {
      let text: string | undefined;
      const part = { bytes, text: () => (text ??= bytes.toString('utf8')) };
      for (const p of inside) add(p.kind, p.count(part));
    }
    // A part counted by what is inside it is done with.
    if (inside.length || KEPT.some((pattern) => pattern.test(name))) continue;
    const kind = KINDS.find((k) => k.family.test(name));
    if (!kind) add('other');
    else if (kind.one.test(name)) add(kind.kind);
    else familyOnly.add(kind.kind);
  }
  for (const kind of familyOnly) if (!found[kind]) add(kind);
  return found;
}

/** "2 charts, 1 pivot table and 3 slicers", in the given language. */
export function describeUnkept(found: UnkeptContents, language: Language): string {
  const w = cliWords(language);
  const parts = (Object.entries(found) as [UnkeptKind, number][]).map(([kind, n]) => `${formatNumber(n, language)} ${w.unkept[kind][n === 1 ? 0 : 1]}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${w.and} ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** The note for a copy that lacks some of the input's contents. */
export const unkeptNote = (found: UnkeptContents, file: string, language: Language): string =>
  fill(cliWords(language).unkeptNote, { list: describeUnkept(found, language), file });

// A drawing's anchors: one per picture, shape or chart; they do not nest.
const ANCHOR = /<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1\2>/g;
const DRAWING_NAMESPACE = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** A drawing as ExcelJS can read it: without chart anchors, and with the xdr: prefix. */
function readableDrawing(xml: string): string {
  const withoutCharts = xml.replace(ANCHOR, (anchor) => (/<(\w+:)?graphicFrame[\s>]/.test(anchor) ? '' : anchor));
  if (!new RegExp(`<wsDr\\b[^>]*xmlns="${DRAWING_NAMESPACE}"`).test(withoutCharts)) return withoutCharts;
  // Written with a default namespace (openpyxl does): ExcelJS only knows the tags as xdr:...
  return withoutCharts
    .replace(`xmlns="${DRAWING_NAMESPACE}"`, `xmlns:xdr="${DRAWING_NAMESPACE}"`)
    .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, '<$1xdr:$2');
}

/**
 * The file as ExcelJS can read it. Charts are taken out of its drawings, pictures left in: ExcelJS
 * would not keep a chart anyway, and writes its anchor back empty, which Excel then repairs.
 * Drawings written without the xdr: prefix get it, since ExcelJS stops on them otherwise
 * (exceljs issue #2591). Only the copy the runner writes is made from this; the file the user
 * gave is never changed. Returns the file itself when no drawing needs either.
 */
export function readableByExcelJs(file: Buffer): Buffer {
  const entries = zipEntries(file);
  if (!entries) return file;
  // Drawings first, and only they: a large workbook's sheets are unpacked only if a drawing changes.
  const changed = new Map<string, string>();
  for (const entry of entries) {
    if (!/^xl\/drawings\/drawing\d+\.xml$/.test(entry.name)) continue;
    const xml = zipPart(file, entry)?.toString('utf8');
    if (xml === undefined) return file;
    const readable = readableDrawing(xml);
    if (readable !== xml) changed.set(entry.name, readable);
  }
  if (!changed.size) return file;
  const parts = new Map<string, Buffer | string>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = changed.get(entry.name) ?? zipPart(file, entry);
    if (data === null) return file;
    parts.set(entry.name, data);
  }
  return zipOf(parts);
}
