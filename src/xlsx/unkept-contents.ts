// What a workbook holds that ExcelJS does not keep. ExcelJS reads cells, styles, names, tables,
// images, notes and validations, and writes back only those: every other part of the file is
// gone from what it saves. A chart even stops it reading the file (exceljs issue #2591). The
// runner looks at the file's parts first, so it can say so instead of losing them unannounced.
import { UnkeptKind, cliWords } from '../../shared/i18n/cli';
import { Language, fill, formatNumber } from '../../shared/i18n/strings';
import { zipEntries } from './zip-entries';

// One pattern per kind, counting one part per thing the user made.
const PARTS: [UnkeptKind, RegExp][] = [
  ['chart', /^xl\/(charts\/chart|chartsheets\/sheet)\d+\.xml$/],
  ['pivotTable', /^xl\/pivotTables\/pivotTable\d+\.xml$/],
  ['slicer', /^xl\/slicers\/slicer\d+\.xml$/],
  ['timeline', /^xl\/timelines\/timeline\d+\.xml$/],
  ['externalLink', /^xl\/externalLinks\/externalLink\d+\.xml$/],
  ['threadedComments', /^xl\/threadedComments\/threadedComment\d+\.xml$/],
  ['control', /^xl\/(ctrlProps\/ctrlProp|activeX\/activeX)\d+\.xml$/],
  ['embedding', /^xl\/embeddings\/[^/]+$/],
  ['connection', /^xl\/connections\.xml$/],
  ['macros', /^xl\/vbaProject\.bin$/],
];

export type UnkeptContents = Partial<Record<UnkeptKind, number>>;

/** How many of each kind of thing ExcelJS would drop; empty when there is none (or no zip). */
export function unkeptContents(file: Buffer): UnkeptContents {
  const found: UnkeptContents = {};
  for (const { name } of zipEntries(file) ?? []) {
    const kind = PARTS.find(([, pattern]) => pattern.test(name))?.[0];
    if (kind) found[kind] = (found[kind] ?? 0) + 1;
  }
  return found;
}

/** "2 charts and 1 pivot table", in the given language. */
export function describeUnkept(found: UnkeptContents, language: Language): string {
  const w = cliWords(language);
  const parts = (Object.entries(found) as [UnkeptKind, number][]).map(([kind, n]) => `${formatNumber(n, language)} ${w.unkept[kind][n === 1 ? 0 : 1]}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${w.and} ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** The note for a copy that lacks some of the input's contents. */
export const unkeptNote = (found: UnkeptContents, file: string, language: Language): string =>
  fill(cliWords(language).unkeptNote, { list: describeUnkept(found, language), file });
