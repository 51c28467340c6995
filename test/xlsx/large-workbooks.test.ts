// The two memory savings of src/xlsx/large-workbooks.ts change nothing in the files: the saved
// workbook is ExcelJS's own, part by part, and defined names come back as written.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompactXmlStream, keepNamesAsRanges, readWorkbook, saveWorkbook } from '../../src/xlsx/large-workbooks';
import { XlsxWorkbook } from '../../src/xlsx/workbook';
import { emptySpec } from '../../shared/sheet-spec';
import { zipOf, zipParts } from '../support/zip';

const dir = mkdtempSync(join(tmpdir(), 'account-planner-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXED = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

/** A workbook with more XML than one chunk and the features whose renderers roll back. */
function sampleBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.created = book.modified = FIXED;
  const ws = book.addWorksheet('Sales', { properties: { tabColor: { argb: 'FF2E7D32' } } });
  ws.headerFooter.oddFooter = '&P / &N';
  ws.addRow(['Customer', 'Date', 'Amount', 'Twice']);
  for (let r = 2; r <= 12000; r++) {
    ws.addRow([`Klant ${r % 700} & "zonen" <b>`, new Date(Date.UTC(2025, r % 12, 1 + (r % 28))), (r * 37.5) % 9000, { formula: `C${r}*2` }]);
  }
  ws.getColumn(3).numFmt = '#,##0.00';
  ws.getCell('A1').font = { bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center', wrapText: true };
  ws.getCell('B1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB3B' } };
  ws.getCell('C2').protection = { locked: false };
  ws.getCell('D1').note = 'Gross amount, twice';
  ws.mergeCells('F1:G1');
  ws.getCell('E2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"ja,nee"'] };
  ws.pageSetup.printArea = 'A1:D100';
  book.addWorksheet('Notes').getCell('A1').value = 'Call Klant 7';
  book.definedNames.add("'Sales'!$C$2:$C$12000", 'Amounts');
  return book;
}

describe('saveWorkbook', () => {
  it('writes every part exactly as ExcelJS writes it', async () => {
    const ours = join(dir, 'ours.xlsx');
    await saveWorkbook(sampleBook(), ours);
    const theirs = zipParts(Buffer.from(await sampleBook().xlsx.writeBuffer()));
    const mine = zipParts(readFileSync(ours));
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect(mine.get('xl/worksheets/sheet1.xml')!.length).toBeGreaterThan(1_000_000);
    for (const [part, text] of theirs) expect(mine.get(part), part).toBe(text);
    expect(mine.get('xl/comments1.xml')).toContain('Gross amount, twice');
  });

  it('joins pieces as it goes, and a rollback still takes back exactly what it should', () => {
    const PlainXmlStream = createRequire(import.meta.url)('exceljs/lib/utils/xml-stream') as typeof CompactXmlStream;
    const streams = [new CompactXmlStream(), new PlainXmlStream()];
    for (const s of streams) {
      const x = s as unknown as {
        openNode(n: string, a?: object): void;
        leafNode(n: string, a?: object, t?: string): void;
        closeNode(): void;
        addRollback(): void;
        rollback(): void;
        commit(): void;
      };
      x.openNode('rows');
      for (let i = 0; i < 100_000; i++) {
        x.addRollback();
        x.leafNode('c', { r: `A${i}` }, String(i));
        // Most cells are taken back, as ExcelJS takes back a style that turns out empty.
        if (i % 4 !== 0) x.rollback();
        else x.commit();
      }
      x.closeNode();
    }
    const [compact, plain] = streams;
    expect(compact.xml).toBe(plain.xml);
    expect(compact.xml).toContain('<c r="A4">4</c><c r="A8">8</c>');
    // 25,000 cells kept make about 150,000 pieces; the compact stream holds them in a few chunks.
    expect((compact._xml as { length: number }).length).toBeLessThan(70_000);
    expect((plain._xml as unknown[]).length).toBeGreaterThan(140_000);
  });
});

describe('keepNamesAsRanges', () => {
  it('keeps a name over a whole column as one range, through a save and a read', async () => {
    const book = sampleBook();
    keepNamesAsRanges(book);
    const column = "'Sales'!$A$1:$A$1048576";
    book.definedNames.model = [...book.definedNames.model, { name: 'WholeColumn', ranges: [column] }];
    expect(book.definedNames.model.find((n) => n.name === 'WholeColumn')?.ranges).toEqual([column]);
    const path = join(dir, 'names.xlsx');
    await saveWorkbook(book, path);
    const workbookXml = zipParts(readFileSync(path)).get('xl/workbook.xml')!;
    expect(workbookXml).toContain(`<definedName name="WholeColumn">${column.replace(/'/g, '&apos;')}</definedName>`);
    expect(workbookXml).toContain('<definedName name="Amounts">');
    // The print area is still written as the sheet's own name
    expect(workbookXml).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">/);
    const back = new ExcelJS.Workbook();
    keepNamesAsRanges(back);
    await back.xlsx.readFile(path);
    expect(back.definedNames.model.find((n) => n.name === 'WholeColumn')?.ranges).toEqual([column]);
    expect(new XlsxWorkbook(back).info().names.WholeColumn).toEqual({ sheet: 'Sales', region: { row: 0, col: 0, rows: 1_048_576, cols: 1 } });
  });

  it("keeps a sheet's own name scoped to it, apart from a workbook name of the same name", async () => {
    const book = sampleBook();
    keepNamesAsRanges(book);
    book.definedNames.model = [{ name: 'Target', ranges: ["'Notes'!$B$2"], localSheetId: 1 }] as never;
    const wb = new XlsxWorkbook(book);
    // The port sees workbook names only
    expect(wb.info().names.Target).toBeUndefined();
    const spec = emptySpec();
    spec.names.push({ name: 'Target', sheet: 'Sales', region: { row: 1, col: 2, rows: 1, cols: 1 } });
    await wb.write(spec);
    expect(wb.info().names.Target).toEqual({ sheet: 'Sales', region: { row: 1, col: 2, rows: 1, cols: 1 } });
    const path = join(dir, 'scoped.xlsx');
    await saveWorkbook(book, path);
    const workbookXml = zipParts(readFileSync(path)).get('xl/workbook.xml')!;
    expect(workbookXml).toContain('<definedName name="Target" localSheetId="1">&apos;Notes&apos;!$B$2</definedName>');
    expect(workbookXml).toContain('<definedName name="Target">&apos;Sales&apos;!$C$2</definedName>');
  });
});

describe('readWorkbook', () => {
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  /** The sample workbook's file with its workbook.xml (and more parts) changed. */
  async function sampleFile(edit: (workbookXml: string) => string, more: Record<string, string> = {}): Promise<Buffer> {
    const path = join(dir, 'sample.xlsx');
    await saveWorkbook(sampleBook(), path);
    const parts = zipParts(readFileSync(path));
    parts.set('xl/workbook.xml', edit(parts.get('xl/workbook.xml')!));
    for (const [name, text] of Object.entries(more)) parts.set(name, text);
    return zipOf(parts);
  }
  const names = (book: ExcelJS.Workbook) => book.definedNames.model as unknown as { name: string; ranges: string[]; localSheetId?: number }[];

  it('leaves out names that hold a formula or a constant, which ExcelJS would write back mangled', async () => {
    const file = await sampleFile((xml) =>
      xml.replace(
        '</definedNames>',
        '<definedName name="Flag">TRUE</definedName><definedName name="Double">LAMBDA(x,x*2)</definedName>' +
          '<definedName name="Pick">CHOOSE(2,Sales!$A$1,Sales!$B$1,3)</definedName><definedName name="Both">Sales!$A$1,Sales!$B$2</definedName></definedNames>',
      ),
    );
    const book = new ExcelJS.Workbook();
    const { leftOutNames } = await readWorkbook(book, file);
    expect(leftOutNames.sort()).toEqual(['Double', 'Flag', 'Pick']);
    expect(names(book).map((n) => [n.name, n.ranges.join(',')])).toEqual([
      ['Amounts', 'Sales!$C$2:$C$12000'],
      ['Both', 'Sales!$A$1,Sales!$B$2'],
    ]);
    const path = join(dir, 'names-out.xlsx');
    await saveWorkbook(book, path);
    expect(zipParts(readFileSync(path)).get('xl/workbook.xml')).not.toMatch(/x\*2\)|Flag|Pick/);
  });

  it("puts a sheet's own names and print area on the right sheet past a chart sheet ExcelJS drops", async () => {
    // The chart sheet comes first: every other sheet's number in the file is one more than in ExcelJS
    const file = await sampleFile(
      (xml) =>
        xml
          .replace('<sheets>', `<sheets><sheet name="Grafiek" sheetId="9" r:id="rIdChartSheet"/>`)
          .replace(/(name="_xlnm\.Print_Area" localSheetId=)"0"/, '$1"1"')
          .replace('</definedNames>', `<definedName name="Local" localSheetId="2">Notes!$B$2</definedName><definedName name="OnChart" localSheetId="0">Sales!$A$1</definedName></definedNames>`),
      { 'xl/chartsheets/sheet1.xml': '<chartsheet/>' },
    );
    const withRel = zipParts(file);
    const rels = withRel.get('xl/_rels/workbook.xml.rels')!;
    withRel.set('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', `<Relationship Id="rIdChartSheet" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`));
    expect(withRel.get('xl/workbook.xml')).toMatch(/name="_xlnm\.Print_Area" localSheetId="1"/);
    const book = new ExcelJS.Workbook();
    const { leftOutNames } = await readWorkbook(book, zipOf(withRel));
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['Sales', 'Notes']);
    expect(book.getWorksheet('Sales')!.pageSetup.printArea).toBe('A1:D100');
    expect(book.getWorksheet('Notes')!.pageSetup.printArea).toBeUndefined();
    // The chart sheet's own name goes with the chart sheet (which is reported as a chart)
    expect(leftOutNames).toEqual([]);
    expect(names(book).map((n) => n.name)).not.toContain('OnChart');
    expect(names(book).find((n) => n.name === 'Local')).toEqual({ name: 'Local', ranges: ['Notes!$B$2'], localSheetId: 1 });
  });

  it('keeps names whose attributes hold ">" or single quotes', async () => {
    const file = await sampleFile((xml) =>
      xml.replace('</definedNames>', `<definedName name="Cmt" comment="rate > 0">Sales!$B$2</definedName><definedName name='Sq'>Sales!$B$3</definedName></definedNames>`),
    );
    const book = new ExcelJS.Workbook();
    const { leftOutNames } = await readWorkbook(book, file);
    expect(leftOutNames).toEqual([]);
    expect(names(book).map((n) => n.name)).toEqual(expect.arrayContaining(['Cmt', 'Sq']));
  });
});

describe("a template sheet's own names", () => {
  it('go along with each copy, scoped to it and pointing into it', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sales');
    const template = book.addWorksheet("Jan's template");
    template.getCell('B2').value = 1000;
    template.getCell('B3').value = { formula: 'Goal*2' };
    keepNamesAsRanges(book);
    book.definedNames.model = [{ name: 'Goal', ranges: ["'Jan''s template'!$B$2"], localSheetId: 1 }, { name: 'Elsewhere', ranges: ['Sales!$A$1'], localSheetId: 1 }] as never;
    const wb = new XlsxWorkbook(book);
    const spec = emptySpec();
    spec.copySheets.push({ from: "Jan's template", to: 'Plan – Acme' });
    await wb.write(spec);
    expect(names(book)).toEqual([
      { name: 'Goal', ranges: ["'Jan''s template'!$B$2"], localSheetId: 1 },
      { name: 'Elsewhere', ranges: ['Sales!$A$1'], localSheetId: 1 },
      { name: 'Goal', ranges: ["'Plan – Acme'!$B$2"], localSheetId: 2 },
      { name: 'Elsewhere', ranges: ['Sales!$A$1'], localSheetId: 2 },
    ]);
    expect(book.getWorksheet('Plan – Acme')!.getCell('B3').formula).toBe('Goal*2');
  });
  const names = (book: ExcelJS.Workbook) => book.definedNames.model as unknown as { name: string; ranges: string[]; localSheetId?: number }[];
});
