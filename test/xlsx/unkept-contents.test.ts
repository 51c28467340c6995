// What of a workbook the .xlsx library cannot keep, found from the file's part names alone.
import { describe, expect, it } from 'vitest';
import { describeUnkept, readableByExcelJs, unkeptContents } from '../../src/xlsx/unkept-contents';
import { zipEntries } from '../../src/xlsx/zip';
import { zipOf, zipParts } from '../support/zip';

const workbookWith = (...names: string[]) => zipOf(new Map(['xl/workbook.xml', ...names].map((n) => [n, '<x/>'])));

describe('unkeptContents', () => {
  it('counts charts, pivot tables, slicers and the rest, and nothing ExcelJS keeps', () => {
    const file = workbookWith(
      'xl/charts/chart1.xml',
      'xl/charts/chartEx1.xml',
      'xl/charts/colors1.xml',
      'xl/chartsheets/sheet1.xml',
      'docProps/custom.xml',
      'customXml/item1.xml',
      'xl/richData/richValue.xml',
      'xl/calcChain.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/slicers/slicer1.xml',
      'xl/externalLinks/externalLink1.xml',
      'xl/vbaProject.bin',
      'xl/worksheets/sheet1.xml',
      'xl/drawings/drawing1.xml',
      'xl/media/image1.png',
      'xl/tables/table1.xml',
      'xl/comments1.xml',
      'xl/printerSettings/printerSettings1.bin',
    );
    // A chart sheet's chart is one chart; pictures in cells (richData) are an "other part"
    expect(unkeptContents(file)).toEqual({ chart: 2, customProperties: 1, other: 1, pivotTable: 1, slicer: 1, externalLink: 1, macros: 1 });
  });

  it('counts custom properties only when there are some, and custom XML without them', () => {
    const empty = '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>';
    const one = '<Properties><property fmtid="{D5CDD505}" pid="2" name="Klantgroep"><vt:lpwstr>Retail</vt:lpwstr></property></Properties>';
    const file = (parts: [string, string][]) => zipOf(new Map([['xl/workbook.xml', '<x/>'], ...parts]));
    expect(unkeptContents(file([['docProps/custom.xml', empty]]))).toEqual({}); // as LibreOffice writes it
    expect(unkeptContents(file([['docProps/custom.xml', one]]))).toEqual({ customProperties: 1 });
    expect(unkeptContents(file([['customXml/item1.xml', '<x/>'], ['customXml/itemProps1.xml', '<x/>']]))).toEqual({ customProperties: 1 });
  });

  it('counts lines, groups and ink in a drawing, but not the text box Excel keeps for older versions of a new chart', () => {
    const drawing =
      '<xdr:wsDr><xdr:twoCellAnchor><xdr:cxnSp/></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:grpSp><xdr:pic/><xdr:pic/></xdr:grpSp></xdr:twoCellAnchor>' +
      '<mc:AlternateContent><mc:Choice><xdr:twoCellAnchor><xdr:graphicFrame/></xdr:twoCellAnchor></mc:Choice><mc:Fallback><xdr:twoCellAnchor><xdr:sp><xdr:txBody/></xdr:sp></xdr:twoCellAnchor></mc:Fallback></mc:AlternateContent></xdr:wsDr>';
    expect(unkeptContents(zipOf(new Map([['xl/drawings/drawing1.xml', drawing]])))).toEqual({ shape: 2 });
  });

  it('counts what ExcelJS leaves out of the parts it keeps: alt text, sparklines, structure protection, hidden names', () => {
    const file = zipOf(
      new Map([
        ['xl/workbook.xml', '<workbook><workbookProtection lockStructure="1"/><definedNames><definedName name="Secret" hidden="1">Sales!$A$1</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Sales!$A$1:$D$9</definedName><definedName name="Open">Sales!$B$1</definedName></definedNames></workbook>'],
        ['xl/worksheets/sheet1.xml', '<worksheet><extLst><ext><x14:sparklineGroups><x14:sparklineGroup type="column"/><x14:sparklineGroup/></x14:sparklineGroups></ext></extLst></worksheet>'],
        ['xl/drawings/drawing1.xml', '<xdr:wsDr><xdr:twoCellAnchor><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo" descr="Our logo"/></xdr:nvPicPr></xdr:pic></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="Photo" descr=""/></xdr:nvPicPr></xdr:pic></xdr:twoCellAnchor></xdr:wsDr>'],
      ]),
    );
    expect(unkeptContents(file)).toEqual({ protection: 1, hiddenName: 1, sparklines: 2, altText: 1 });
  });

  it("counts a drawing's shapes, which ExcelJS leaves out (it keeps pictures)", () => {
    const drawing = '<xdr:wsDr><xdr:twoCellAnchor><xdr:sp><xdr:txBody/></xdr:sp></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:pic/></xdr:twoCellAnchor><xdr:oneCellAnchor><xdr:sp/></xdr:oneCellAnchor></xdr:wsDr>';
    const file = zipOf(new Map([['xl/workbook.xml', '<x/>'], ['xl/drawings/drawing1.xml', drawing]]));
    expect(unkeptContents(file)).toEqual({ shape: 2 });
  });

  it('finds nothing in a plain workbook, and cannot tell for a file that is not a zip', () => {
    expect(unkeptContents(workbookWith('xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/theme/theme1.xml', 'xl/media/image1.png'))).toEqual({});
    expect(unkeptContents(Buffer.from('not a zip at all, but long enough to be searched'))).toBeNull();
    expect(zipEntries(Buffer.alloc(10))).toBeNull();
  });

  it('says what it found in English and Dutch', () => {
    expect(describeUnkept({ chart: 2, pivotTable: 1, slicer: 3 }, 'en')).toBe('2 charts, 1 pivot table and 3 slicers');
    expect(describeUnkept({ chart: 1, externalLink: 2 }, 'nl')).toBe('1 grafiek en 2 koppelingen naar andere werkmappen');
    expect(describeUnkept({ formulaName: 1 }, 'en')).toBe('1 name holding a formula or constant');
  });
});

describe('readableByExcelJs', () => {
  const NS = 'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
  const picture = '<xdr:twoCellAnchor><xdr:from/><xdr:to/><xdr:pic><xdr:blipFill/></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>';
  const chart = '<xdr:twoCellAnchor><xdr:from/><xdr:to/><xdr:graphicFrame><a:graphic/></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
  const drawingOf = (file: Buffer) => zipParts(file).get('xl/drawings/drawing1.xml');

  it('takes the charts out of a drawing and leaves its pictures and the other parts', () => {
    const file = zipOf(new Map([['xl/workbook.xml', '<workbook/>'], ['xl/drawings/drawing1.xml', `<xdr:wsDr ${NS}>${chart}${picture}</xdr:wsDr>`]]));
    const readable = readableByExcelJs(file);
    expect(drawingOf(readable)).toBe(`<xdr:wsDr ${NS}>${picture}</xdr:wsDr>`);
    expect(zipParts(readable).get('xl/workbook.xml')).toBe('<workbook/>');
  });

  it('gives a drawing written without the xdr: prefix (as openpyxl does) the prefix ExcelJS reads', () => {
    const drawing = '<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><oneCellAnchor><from><col>3</col></from><pic><a:blip/></pic><clientData /></oneCellAnchor></wsDr>';
    const readable = readableByExcelJs(zipOf(new Map([['xl/drawings/drawing1.xml', drawing]])));
    expect(drawingOf(readable)).toBe(
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col></xdr:from><xdr:pic><a:blip/></xdr:pic><xdr:clientData /></xdr:oneCellAnchor></xdr:wsDr>',
    );
  });

  it('keeps a picture whose description mentions a graphicFrame', () => {
    const described = '<xdr:twoCellAnchor><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo" descr="not a graphicFrame"/></xdr:nvPicPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>';
    const file = zipOf(new Map([['xl/drawings/drawing1.xml', `<xdr:wsDr ${NS}>${chart}${described}</xdr:wsDr>`]]));
    expect(drawingOf(readableByExcelJs(file))).toBe(`<xdr:wsDr ${NS}>${described}</xdr:wsDr>`);
  });

  it('hands back the very same file when no drawing needs a change', () => {
    const file = zipOf(new Map([['xl/workbook.xml', '<workbook/>'], ['xl/drawings/drawing1.xml', `<xdr:wsDr ${NS}>${picture}</xdr:wsDr>`]]));
    expect(readableByExcelJs(file)).toBe(file);
  });
});
