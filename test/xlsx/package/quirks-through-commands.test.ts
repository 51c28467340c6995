// Each quirk of real files the reader knows, in a workbook with a revenue table, through the three
// commands in a row (analyze, plans, overview): every run works, every part a command had no reason
// to change keeps its stored bytes, every part has a content type, the result reads back the same
// table, and it opens in openpyxl wherever the input does.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFile } from '../../../src/xlsx/package/zip-file';
import { XlsxWorkbook } from '../../../src/xlsx/workbook';
import { XML, basicParts, contentTypes, rels, scratch, sharedStringsPart, storedZip, styles, typeProblems } from '../../support/package-files';
import { runCli } from '../../support/run-cli';

const files = scratch();
afterAll(() => files.done());
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const openpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;

const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const typed = (overrides: [string, string][]) => contentTypes([['/xl/workbook.xml', MAIN], ['/xl/worksheets/sheet1.xml', SHEET], ...overrides]);

const ACCOUNTS: [string, number][] = [['Acme', 900], ['Bolt', 350], ['Crane', 120], ['Delta', 60], ['Echo', 30], ['Fox', 20]];
const text = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const num = (ref: string, v: number, s = '') => `<c r="${ref}"${s}><v>${v}</v></c>`;
/** The table as most writers write it: inline text, numbers, a date column (style 1 shows a date). */
const plainRows = () =>
  `<row r="1">${text('A1', 'Account')}${text('B1', 'Revenue')}${text('C1', 'Date')}</row>` +
  ACCOUNTS.map(([a, v], i) => `<row r="${i + 2}">${text(`A${i + 2}`, a)}${num(`B${i + 2}`, v)}${num(`C${i + 2}`, 46000 + i, ' s="1"')}</row>`).join('');
const dateStyles = styles([[164, 'yyyy-mm-dd']], [0, 164]);

/** The quirks, each a workbook: a name and its parts (or the zip's bytes). */
const QUIRKS: [string, () => Record<string, string | Buffer> | Buffer][] = [
  ['shared strings with rich text and phonetic runs', () => {
    const sst = sharedStringsPart(['<si><t>Account</t></si>', '<si><r><rPr><b/></rPr><t>Reve</t></r><r><t>nue</t></r><rPh sb="0" eb="1"><t>レ</t></rPh></si>', '<si><t>Date</t></si>', ...ACCOUNTS.map(([a]) => `<si><r><t>${a.slice(0, 2)}</t></r><r><t>${a.slice(2)}</t></r></si>`)]);
    const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` + ACCOUNTS.map(([, v], i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 3}</v></c>${num(`B${i + 2}`, v)}${num(`C${i + 2}`, 46000 + i, ' s="1"')}</row>`).join('');
    return { ...basicParts(rows, { sharedStrings: sst, styles: dateStyles }), '[Content_Types].xml': typed([['/xl/sharedStrings.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml'], ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml']]) };
  }],
  ['ISO date cells', () => ({ ...basicParts(plainRows().replace(/<c r="(C\d+)" s="1"><v>(\d+)<\/v><\/c>/g, (_, ref: string, n: string) => `<c r="${ref}" t="d"><v>2025-12-${String(Number(n) - 45990).padStart(2, '0')}T00:00:00Z</v></c>`)), '[Content_Types].xml': typed([]) })],
  ['cells and rows without a reference', () => ({ ...basicParts(plainRows().replace(/ r="[A-Z]+\d+"/g, '').replace(/<row r="\d+">/g, '<row>'), { styles: dateStyles }), '[Content_Types].xml': typed([]) })],
  ['shared formulas with cached values', () => {
    const rows = plainRows().replace(/<c r="B(\d+)"><v>(\d+)<\/v><\/c>/g, (_, r: string, v: string) => (r === '2' ? `<c r="B2"><f t="shared" ref="B2:B7" si="0">${v}+0*C2</f><v>${v}</v></c>` : `<c r="B${r}"><f t="shared" si="0"/><v>${v}</v></c>`));
    return { ...basicParts(rows, { styles: dateStyles }), '[Content_Types].xml': typed([]) };
  }],
  ['no styles and no shared strings part', () => ({ ...basicParts(plainRows().replace(/ s="1"/g, '')), '[Content_Types].xml': typed([]) })],
  ['another namespace prefix', () => {
    const parts = basicParts('', { styles: dateStyles });
    parts['xl/workbook.xml'] = `${XML}<x:workbook xmlns:x="${S}" xmlns:r="${R}"><x:sheets><x:sheet name="Sales" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
    parts['xl/worksheets/sheet1.xml'] = `${XML}<x:worksheet xmlns:x="${S}"><x:sheetData>${plainRows().replace(/<(\/?)(row|c|v|is|t)\b/g, '<$1x:$2')}</x:sheetData></x:worksheet>`;
    parts['[Content_Types].xml'] = typed([]);
    return parts;
  }],
  ['a workbook at the package root with absolute targets', () => ({
    '[Content_Types].xml': contentTypes([['/workbook.xml', MAIN], ['/sheets/sheet1.xml', SHEET]]),
    '_rels/.rels': rels([['rId1', 'officeDocument', '/workbook.xml']]),
    'workbook.xml': `${XML}<workbook xmlns="${S}" xmlns:r="${R}"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    '_rels/workbook.xml.rels': rels([['rId1', 'worksheet', '/sheets/sheet1.xml']]),
    'sheets/sheet1.xml': `${XML}<worksheet xmlns="${S}"><sheetData>${plainRows().replace(/ s="1"/g, '')}</sheetData></worksheet>`,
  })],
  ['1904 dates', () => ({ ...basicParts(plainRows(), { styles: dateStyles, workbook: `${XML}<workbook xmlns="${S}" xmlns:r="${R}"><workbookPr date1904="1"/><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>` }), '[Content_Types].xml': typed([]) })],
  ['a sheet part in UTF-16', () => {
    const parts: Record<string, string | Buffer> = { ...basicParts(plainRows(), { styles: dateStyles }), '[Content_Types].xml': typed([]) };
    parts['xl/worksheets/sheet1.xml'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from((parts['xl/worksheets/sheet1.xml'] as string).replace('UTF-8', 'UTF-16'), 'utf16le')]);
    return parts;
  }],
  ['parts stored without compression', () => storedZip({ ...basicParts(plainRows(), { styles: dateStyles }), '[Content_Types].xml': typed([]) })],
];

/** Each part's stored bytes, by name. */
function stored(path: string): Map<string, string> {
  const zip = ZipFile.open(path, 'test');
  try {
    return new Map(
      zip.entries.map((e) => {
        const chunks: Buffer[] = [];
        zip.eachRawChunk(e, (c) => chunks.push(c));
        return [e.name, `${e.crc}:${Buffer.concat(chunks).toString('base64')}`];
      }),
    );
  } finally {
    zip.close();
  }
}

function parts(path: string): Map<string, string> {
  const zip = ZipFile.open(path, 'test');
  try {
    return new Map(zip.entries.map((e) => [e.name, zip.bytes(e).toString('utf8')]));
  } finally {
    zip.close();
  }
}

const opens = (path: string) => spawnSync(PYTHON, ['-W', 'ignore', '-c', 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])', path], { encoding: 'utf8' }).status === 0;

describe.each(QUIRKS)('a workbook with %s', (name, make) => {
  const made = make();
  const input = join(files.dir, `${name.replace(/\W+/g, '-')}.xlsx`);
  if (Buffer.isBuffer(made)) writeFileSync(input, made);
  else copyFileSync(files.file(`src-${name.replace(/\W+/g, '-')}.xlsx`, made), input);

  it('goes through analyze, plans and overview, changing only what each adds to', async () => {
    const work = input.replace(/\.xlsx$/, '-work.xlsx');
    copyFileSync(input, work);
    const table = XlsxWorkbook.open(input);
    const before = table.readSheet('Sales');
    table.close();
    for (const args of [['analyze'], ['plans', '--tier', 'A'], ['overview']]) {
      const previous = stored(work);
      const r = await runCli(args[0], work, ...args.slice(1), '--in-place', '--lang', 'en');
      expect(r.err, `${args[0]}`).toBe('');
      expect(r.code).toBe(0);
      const now = stored(work);
      const changed = [...previous.keys()].filter((p) => previous.get(p) !== now.get(p));
      // Only the workbook's lists, the styles and the sheet the analysis writes its columns into.
      for (const part of changed) expect(part, `${args[0]} changed ${part}`).toMatch(/Content_Types|workbook\.xml|styles|app\.xml|sheet1\.xml$|^sheets\/sheet1\.xml$/);
      if (args[0] !== 'analyze') expect(changed.filter((p) => /sheet1\.xml$/.test(p))).toEqual([]);
      expect(typeProblems(parts(work))).toEqual([]);
    }
    const after = XlsxWorkbook.open(work);
    expect(after.info().sheets.slice(0, 2)).toEqual(['Sales', 'Pareto']);
    expect(after.info().sheets.some((s) => s.startsWith('Plan – Acme'))).toBe(true);
    expect(after.readSheet('Sales').values.map((row) => row.slice(0, 3))).toEqual(before.values);
    after.close();
    if (openpyxl && opens(input)) expect(opens(work)).toBe(true);
  }, 60_000);
});

it.skipIf(!openpyxl)('the quirk workbooks are real workbooks: openpyxl reads the table of most of them as the runner does', () => {
  const script = 'import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1], data_only=True)["Sales"]\nprint(ws["A2"].value, ws["B2"].value)';
  const readable = QUIRKS.map(([name]) => join(files.dir, `${name.replace(/\W+/g, '-')}.xlsx`)).filter(opens);
  expect(readable.length).toBeGreaterThanOrEqual(5);
  for (const path of readable) expect(execFileSync(PYTHON, ['-W', 'ignore', '-c', script, path], { encoding: 'utf8' }).trim()).toBe('Acme 900');
});
