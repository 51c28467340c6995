// Hand-written .xlsx packages for the reader's tests: the XML of each part as a test writes it,
// zipped, so that every quirk of real files can be made exactly (prefixes, paths, missing parts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { zipBytes } from '../../src/xlsx/package/zip-writer';
import { zipOf } from './zip';

/** The namespaces the hand-written parts use, one place for every test that writes some. */
export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

export const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A relationships part: [id, type's last segment, target] each. */
export const rels = (list: [string, string, string][]) =>
  `${XML}<Relationships xmlns="${REL}">${list.map(([id, kind, target]) => `<Relationship Id="${id}" Type="${R}/${kind}" Target="${target}"/>`).join('')}</Relationships>`;

export const contentTypes = (overrides: [string, string][] = []) =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('')}</Types>`;

export const worksheet = (sheetData: string, before = '') => `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}">${before}<sheetData>${sheetData}</sheetData></worksheet>`;

/** The parts of a plain one-sheet workbook, for a test to change. */
export function basicParts(sheetData: string, extra: { workbook?: string; styles?: string; sharedStrings?: string } = {}): Record<string, string | Buffer> {
  const wbRels: [string, string, string][] = [['rId1', 'worksheet', 'worksheets/sheet1.xml']];
  if (extra.styles) wbRels.push(['rId2', 'styles', 'styles.xml']);
  if (extra.sharedStrings) wbRels.push(['rId3', 'sharedStrings', 'sharedStrings.xml']);
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml': contentTypes(),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': extra.workbook ?? `${XML}<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': rels(wbRels),
    'xl/worksheets/sheet1.xml': worksheet(sheetData),
  };
  if (extra.styles) parts['xl/styles.xml'] = extra.styles;
  if (extra.sharedStrings) parts['xl/sharedStrings.xml'] = extra.sharedStrings;
  return parts;
}

export const styles = (numFmts: [number, string][], xfFormats: number[]) =>
  `${XML}<styleSheet xmlns="${NS}"><numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('')}</numFmts><cellXfs count="${xfFormats.length}">${xfFormats.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"/>`).join('')}</cellXfs></styleSheet>`;

export const sharedStringsPart = (items: string[]) => `${XML}<sst xmlns="${NS}" count="${items.length}">${items.join('')}</sst>`;

/** A folder for a test's files, removed with `done()`. */
export function scratch(): { dir: string; file(name: string, parts: Record<string, string | Buffer>): string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-package-'));
  return {
    dir,
    file(name, parts) {
      const path = join(dir, name);
      writeFileSync(path, zipOf(new Map(Object.entries(parts))));
      return path;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A zip of the parts stored without compression (method 0), as some writers make them. */
export function storedZip(parts: Record<string, string | Buffer>): Buffer {
  return zipBytes(
    Object.entries(parts).map(([name, content]) => {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      return { name, method: 0, crc32: crc32(bytes), compressedSize: bytes.length, uncompressedSize: bytes.length, dosTime: 0, dosDate: 0x21, eachChunk: (f: (b: Buffer) => void) => f(bytes) };
    }),
  );
}

/** Every part of a package has a content type, and no part name has two overrides. */
export function typeProblems(zip: Map<string, string>): string[] {
  const types = zip.get('[Content_Types].xml') ?? '';
  const overrides = [...types.matchAll(/<Override [^>]*PartName="([^"]+)"/g)].map((m) => m[1].replace(/^\//, '').toLowerCase());
  const defaults = new Set([...types.matchAll(/<Default [^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  const problems = overrides.filter((o, i) => overrides.indexOf(o) !== i).map((o) => `two overrides for ${o}`);
  for (const name of zip.keys()) {
    if (name === '[Content_Types].xml' || name.endsWith('/')) continue;
    if (!overrides.includes(name.toLowerCase()) && !defaults.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) problems.push(`no content type for ${name}`);
  }
  return problems;
}

/**
 * A worksheet's elements in the order ECMA-376 Part 1 gives them (CT_Worksheet, §18.3.1.99),
 * written here from the standard and not taken from the writer, so the test checks the writer.
 */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];

/** The worksheet's top-level elements out of the standard's order ("drawing before pageSetup"). */
export function worksheetOrderProblems(xml: string): string[] {
  const root = xml.indexOf('>', xml.indexOf('worksheet')) + 1;
  const names: string[] = [];
  // Top-level start tags only: depth counted over start, end and empty tags.
  let depth = 0;
  for (const m of xml.slice(root).matchAll(/<(\/?)(?:[\w.-]+:)?([\w.-]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  const problems: string[] = [];
  names.forEach((name, i) => {
    const next = names[i + 1];
    if (next !== undefined && WORKSHEET_ORDER.indexOf(name) > WORKSHEET_ORDER.indexOf(next) && WORKSHEET_ORDER.includes(next)) problems.push(`${name} before ${next}`);
  });
  return problems;
}
