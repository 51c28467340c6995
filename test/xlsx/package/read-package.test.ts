// The package reader on hand-written workbooks: one per quirk seen in real files.
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli';
import { zipOf, zipParts } from '../../support/zip';
import { ZipFile, entryName } from '../../../src/xlsx/package/zip-file';
import { FormulaError } from '../../../shared/cells';
import { XlsxPackage } from '../../../src/xlsx/package/read-package';
import { parseReference, sheetValues, workbookInfo } from '../../../src/xlsx/package/read-workbook';
import { showsDate, serialOfIso } from '../../../src/xlsx/package/read-cells';
import { XML, basicParts, contentTypes, rels, scratch, sharedStringsPart, styles, worksheet } from '../../support/package-files';

const files = scratch();
afterAll(() => files.done());

function read(parts: Record<string, string | Buffer>, sheet = 'Sales') {
  const pkg = XlsxPackage.open(files.file(`${Math.random().toString(36).slice(2)}.xlsx`, parts));
  try {
    return { pkg, info: workbookInfo(pkg), values: sheetValues(pkg, sheet) };
  } finally {
    pkg.close();
  }
}

describe('cell values', () => {
  it('reads numbers, shared and inline strings, rich text, booleans, errors and formula results', () => {
    const sst = sharedStringsPart([
      '<si><t>Acme</t></si>',
      '<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> Co</t></r><rPh sb="0" eb="1"><t>ボ</t></rPh></si>',
    ]);
    const { values } = read(
      basicParts(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>inline &amp; more</t></is></c></row>' +
          '<row r="2"><c r="A2"><v>12.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c></row>' +
          '<row r="3"><c r="A3"><f>A2*2</f><v>25</v></c><c r="B3"><f t="shared" ref="B3:B4" si="0">A3+1</f><v>26</v></c><c r="C3" t="str"><f>"x"</f><v>x</v></c></row>' +
          '<row r="4"><c r="B4"><f t="shared" si="0"/><v>27</v></c><c r="C4"><f>NOW()</f></c></row>',
        { sharedStrings: sst },
      ),
    );
    expect(values.origin).toEqual({ row: 0, col: 0 });
    expect(values.values.slice(0, 3)).toEqual([
      ['Acme', 'Bold Co', 'inline & more'],
      [12.5, true, new FormulaError('#DIV/0!', '')],
      [25, 26, 'x'],
    ]);
    // A formula without a cached value is blank to the commands.
    expect(values.values[3]).toEqual([null, 27, null]);
  });

  it('decodes _xHHHH_ escapes, and reads a shared-string cell with an empty value as blank', () => {
    const sst = sharedStringsPart(['<si><t>Name</t></si>', '<si><t>A_x005F_x0030_B</t></si>', '<si><t>line_x000D_end</t></si>']);
    const { values } = read(basicParts('<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>x_x0041_</t></is></c></row>', { sharedStrings: sst }));
    expect(values.origin).toEqual({ row: 0, col: 1 });
    expect(values.values).toEqual([['A_x0030_B', 'line\rend', 'xA']]);
  });

  it('reads a zip whose folders are separated by backslashes', () => {
    const parts = Object.fromEntries(Object.entries(basicParts('<row r="1"><c r="A1"><v>3</v></c></row>')).map(([name, xml]) => [name.replace(/\//g, '\\'), xml]));
    expect(read(parts).values.values).toEqual([[3]]);
  });

  it('follows cells and rows without a reference, and keeps the used range where the data is', () => {
    const { values } = read(basicParts('<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row><row r="5"><c r="B5"><v>5</v></c></row>'));
    expect(values.origin).toEqual({ row: 0, col: 0 });
    expect(values.values).toEqual([
      [1, 2, null, null],
      [null, null, 3, 4],
      [null, null, null, null],
      [null, null, null, null],
      [null, 5, null, null],
    ]);
    const offset = read(basicParts('<row r="3"><c r="D3" t="inlineStr"><is><t>x</t></is></c></row><row r="4"><c r="E4"><v>0</v></c></row>'));
    expect(offset.values.origin).toEqual({ row: 2, col: 3 });
    expect(offset.values.values).toEqual([['x', null], [null, 0]]);
  });

  it('reads ISO date cells (t="d") as serial dates, and date formats of a 1904 workbook in the 1900 system', () => {
    const { values } = read(basicParts('<row r="1"><c r="A1" t="d"><v>2014-02-14T08:27:48.765Z</v></c><c r="B1" t="d"><v>2026-01-05</v></c></row>'));
    expect(values.values[0][0]).toBeCloseTo(41684.352648, 5);
    expect(values.values[0][1]).toBe(46027);
    const wb1904 = `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    // Style 1 is a date (built-in 14), 2 a custom date, 3 a time of day, 0 general.
    const st = styles([[164, 'dd/mm/yyyy;@'], [165, '[h]:mm:ss']], [0, 14, 164, 165]);
    const r = read(basicParts('<row r="1"><c r="A1" s="1"><v>44566</v></c><c r="B1" s="2"><v>44566</v></c><c r="C1" s="3"><v>0.5</v></c><c r="D1"><v>44566</v></c></row>', { workbook: wb1904, styles: st }));
    expect(r.pkg.date1904).toBe(true);
    expect(r.values.values[0]).toEqual([44566 + 1462, 44566 + 1462, 0.5, 44566]);
    // Early writers spell the switch "on" (ST_OnOff of the first edition).
    const on = read(basicParts('<row r="1"><c r="A1" s="1"><v>44566</v></c></row>', { workbook: wb1904.replace('date1904="1"', 'date1904="on"'), styles: st }));
    expect(on.pkg.date1904).toBe(true);
    expect(on.values.values[0]).toEqual([44566 + 1462]);
    // Serial 0 is 1 January 1904 there, and 0.25 six in the morning of it: dates like any other.
    // A negative serial is no date there: it stays -3 (not 29 December 1903).
    const first = read(basicParts('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>0.25</v></c><c r="C1" s="3"><v>0</v></c><c r="D1"><v>0</v></c><c r="E1" s="1"><v>-3</v></c></row>', { workbook: wb1904, styles: st }));
    expect(first.values.values[0]).toEqual([1462, 1462.25, 0, 0, -3]);
  });

  it('tells date formats from others', () => {
    for (const code of ['dd/mm/yyyy', 'mmm-yy', 'd-mmm', '[$-409]mmmm d, yyyy;@', 'yyyy-mm-dd hh:mm']) expect(showsDate(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0 "days"', '[h]:mm:ss', '[h]:mm', '[mm]', '[m]:ss', 'mm:ss', 'h:mm AM/PM', '0.00E+00', '[Red]#,##0']) expect(showsDate(code), code).toBe(false);
    for (const code of ['[Red]d-mmm', '[$-F800]dddd, mmmm dd, yyyy', '[mm] "on" yyyy']) expect(showsDate(code), code).toBe(true);
    expect(serialOfIso('1900-03-01')).toBe(61);
    expect(serialOfIso('not a date')).toBeNull();
  });
});

describe('package layout', () => {
  it('reads other namespace prefixes, a workbook at the package root and absolute targets, without styles or shared strings parts', () => {
    const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const parts = {
      '[Content_Types].xml': contentTypes(),
      '_rels/.rels': rels([['rId1', 'officeDocument', '/workbook.xml']]),
      'workbook.xml': `${XML}<x:workbook xmlns:x="${S}" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Data" sheetId="3" rel:id="s1"/><x:sheet name="Hidden" sheetId="4" state="hidden" rel:id="s2"/></x:sheets><x:definedNames><x:definedName name="Accounts">Data!$A$1:$A$2</x:definedName><x:definedName name="Local" localSheetId="0">Data!$B$1</x:definedName></x:definedNames></x:workbook>`,
      '_rels/workbook.xml.rels': rels([['s1', 'worksheet', '/sheets/data.xml'], ['s2', 'worksheet', 'sheets/../sheets/hidden.xml']]),
      'sheets/data.xml': `${XML}<x:worksheet xmlns:x="${S}"><x:sheetViews><x:sheetView tabSelected="1" workbookViewId="0"><x:selection activeCell="B2" sqref="B2"/></x:sheetView></x:sheetViews><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Acme</x:t></x:is></x:c><x:c r="B1"><x:v>10</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'sheets/hidden.xml': worksheet(''),
    };
    const { pkg, info, values } = read(parts, 'Data');
    expect(pkg.workbookPart).toBe('workbook.xml');
    expect(pkg.sheets.map((s) => [s.name, s.part, s.state, s.kind])).toEqual([
      ['Data', 'sheets/data.xml', 'visible', 'worksheet'],
      ['Hidden', 'sheets/hidden.xml', 'hidden', 'worksheet'],
    ]);
    expect(info).toEqual({ sheets: ['Data', 'Hidden'], active: { sheet: 'Data', row: 1, col: 1 }, names: { Accounts: { sheet: 'Data', region: { row: 0, col: 0, rows: 2, cols: 1 } } } });
    expect(pkg.definedNames[1]).toEqual({ name: 'Local', localSheetId: 0, hidden: false, formula: 'Data!$B$1' });
    expect(values.values).toEqual([['Acme', 10]]);
  });

  it('reads parts written in UTF-16', () => {
    const parts = basicParts('<row r="1"><c r="A1" t="inlineStr"><is><t>Café Zoë</t></is></c></row>');
    parts['xl/worksheets/sheet1.xml'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from((parts['xl/worksheets/sheet1.xml'] as string).replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expect(read(parts).values.values).toEqual([['Café Zoë']]);
  });

  it('lists chart sheets among the sheets, with their kind, and reads them as blank', () => {
    const parts = basicParts('<row r="1"><c r="A1"><v>1</v></c></row>');
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string).replace('</sheets>', '<sheet name="Chart1" sheetId="2" r:id="rId9"/></sheets>');
    parts['xl/_rels/workbook.xml.rels'] = rels([['rId1', 'worksheet', 'worksheets/sheet1.xml'], ['rId9', 'chartsheet', 'chartsheets/sheet1.xml']]);
    parts['xl/chartsheets/sheet1.xml'] = `${XML}<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`;
    const { pkg, info } = read(parts);
    expect(pkg.sheets.map((s) => s.kind)).toEqual(['worksheet', 'chartsheet']);
    expect(info.sheets).toEqual(['Sales', 'Chart1']);
    const again = XlsxPackage.open(files.file('chart.xlsx', parts));
    expect(sheetValues(again, 'Chart1').values).toEqual([[null]]);
    again.close();
  });

  it('finds the workbook through its content type when the package relationships are missing', () => {
    const parts = basicParts('<row r="1"><c r="A1"><v>7</v></c></row>');
    delete parts['_rels/.rels'];
    parts['[Content_Types].xml'] = contentTypes([['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml']]);
    expect(read(parts).values.values).toEqual([[7]]);
  });

  describe('part names without the UTF-8 flag', () => {
    /** A workbook whose sheet part is "xl/worksheets/Blätt.xml", its name stored as `bytes`
     * without the flag (in every header), the relationship naming it in Unicode as usual. */
    function oldStyleNames(bytes: number[], name: string): string {
      const placeholder = 'Q'.repeat(bytes.length);
      const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`);
      const table = [['Account', 'Revenue'], ['Acme', 900], ['Bolt', 60], ['Cato', 40]];
      const parts = basicParts(table.map((row, i) => `<row r="${i + 1}">${cell(`A${i + 1}`, row[0])}${cell(`B${i + 1}`, row[1])}</row>`).join(''));
      parts['xl/worksheets/Bl' + placeholder + 'tt.xml'] = parts['xl/worksheets/sheet1.xml'];
      delete parts['xl/worksheets/sheet1.xml'];
      parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace('sheet1.xml', 'Bl%C3%A4tt.xml');
      const zip = zipOf(new Map(Object.entries(parts)));
      const from = Buffer.from(`Bl${placeholder}tt`);
      for (let at = zip.indexOf(from); at >= 0; at = zip.indexOf(from, at + 1)) Buffer.from([0x42, 0x6c, ...bytes, 0x74, 0x74]).copy(zip, at);
      // Flag bit 11 cleared in each local header (offset 6) and directory entry (offset 8).
      for (const [signature, flags] of [[[0x50, 0x4b, 0x03, 0x04], 6], [[0x50, 0x4b, 0x01, 0x02], 8]] as const) {
        for (let at = zip.indexOf(Buffer.from(signature)); at >= 0; at = zip.indexOf(Buffer.from(signature), at + 1)) zip.writeUInt16LE(zip.readUInt16LE(at + flags) & ~0x800, at + flags);
      }
      const path = join(files.dir, name);
      writeFileSync(path, zip);
      return path;
    }

    it.each([
      ['in code page 437, as the zip format says', [0x84], 'cp437.xlsx'],
      ['in UTF-8, as many writers put them anyway', [0xc3, 0xa4], 'utf8-unflagged.xlsx'],
    ])('reads a name %s, and writes it back as the same name', async (_, bytes, file) => {
      const path = oldStyleNames(bytes, file);
      const pkg = XlsxPackage.open(path);
      try {
        expect(pkg.zip.entries.map((e) => e.name)).toContain('xl/worksheets/Blätt.xml');
        expect(sheetValues(pkg, 'Sales').values[1]).toEqual(['Acme', 900]);
      } finally {
        pkg.close();
      }
      // Through a command: the output names the part the same, now flagged UTF-8, and the
      // relationship still finds it.
      const out = join(files.dir, `out-${file}`);
      const r = await runCli('analyze', path, '--out', out, '--lang', 'en');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const written = zipParts(readFileSync(out));
      expect([...written.keys()].filter((n) => /^xl\/worksheets\/[^/]+$/.test(n))).toEqual(['xl/worksheets/Blätt.xml', 'xl/worksheets/sheet1.xml']);
      expect(written.get('xl/worksheets/Blätt.xml')).toContain('>A</t>');
    });

    it('takes the UTF-8 name an extra field gives beside the old one', () => {
      const raw = Buffer.from([0x42, 0x8e]); // "BÄ" in code page 437
      const field = Buffer.alloc(9 + 3);
      field.writeUInt16LE(0x7075, 0);
      field.writeUInt16LE(5 + 3, 2);
      field[4] = 1;
      field.writeUInt32LE(crc32(raw) >>> 0, 5);
      Buffer.from('Bé', 'utf8').copy(field, 9);
      expect(entryName(raw, 0, field)).toBe('Bé');
      expect(entryName(raw, 0, Buffer.alloc(0))).toBe('BÄ');
      // A stale field (another name's CRC) is not taken.
      field.writeUInt32LE(1, 5);
      expect(entryName(raw, 0, field)).toBe('BÄ');
      expect(entryName(Buffer.from('Bé'), 0x800, Buffer.alloc(0))).toBe('Bé');
    });
  });

  it('says a file is incomplete when its directory announces ZIP64 sizes that are not there', () => {
    const zip = zipOf(new Map(Object.entries(basicParts('<row r="1"><c r="A1"><v>7</v></c></row>'))));
    // The first directory entry's local header offset set to "see the ZIP64 field", without one.
    const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0xffffffff, at + 42);
    const path = join(files.dir, 'zip64-missing.xlsx');
    writeFileSync(path, zip);
    expect(() => XlsxPackage.open(path)).toThrow(expect.objectContaining({ key: 'truncated' }));
  });

  it('reads references of defined names', () => {
    expect(parseReference("'Sales 2026'!$B$2:$D$9")).toEqual({ sheet: 'Sales 2026', region: { row: 1, col: 1, rows: 8, cols: 3 } });
    expect(parseReference("'It''s'!A1")).toEqual({ sheet: "It's", region: { row: 0, col: 0, rows: 1, cols: 1 } });
    expect(parseReference('Sales!$A:$A')).toBeNull();
    expect(parseReference('SUM(Sales!A1:A2)')).toBeNull();
  });
});

describe('a large part read whole', () => {
  it('comes in pieces that join to the part, each ending between two tags (a sheet\'s after a row), never inside a character', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Zoë 😀 ${'é'.repeat(i % 40)}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const sheet = worksheet(rows);
    const sst = sharedStringsPart(Array.from({ length: 4000 }, (_, i) => `<si><t>Café ${i} ${'ø'.repeat(i % 30)}</t></si>`));
    const path = files.file('pieces.xlsx', { ...basicParts(rows, { sharedStrings: sst }) });
    const zip = ZipFile.open(path, 'pieces.xlsx');
    try {
      for (const [name, text, ending] of [['xl/worksheets/sheet1.xml', sheet, '</row>'], ['xl/sharedStrings.xml', sst, '>']] as const) {
        const pieces: Buffer[] = [];
        zip.inflate(zip.entry(name)!, (chunk) => void pieces.push(Buffer.from(chunk)), true);
        expect(pieces.length).toBeGreaterThan(2);
        expect(Buffer.concat(pieces).toString('utf8')).toBe(text);
        const fatal = new TextDecoder('utf-8', { fatal: true });
        for (const piece of pieces.slice(0, -1)) expect(fatal.decode(piece).endsWith(ending)).toBe(true);
      }
    } finally {
      zip.close();
    }
  });
});
