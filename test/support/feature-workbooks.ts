// A workbook with the things a user's file holds that a rebuilt copy would lose: a pivot table and
// its cache, a chart on the sheet and a chart sheet, a slicer, threaded comments and their notes,
// a note on a cell without a value, a table, a data validation, a conditional format, names with
// a sheet scope, a custom property, and (as .xlsm) a macro project. Each part is hand-written XML,
// as small as the format allows, so the tests know every byte of it.
import { MC, NS, R, REL, X14, XML } from './package-files';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const TC = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';

const relsOf = (list: [string, string, string][]) =>
  `${XML}<Relationships xmlns="${REL}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type.startsWith('http') ? type : `${R}/${type}`}" Target="${target}"/>`).join('')}</Relationships>`;

/** Accounts and revenue: the table analyze finds. */
export const FEATURE_ACCOUNTS: [string, number][] = [
  ['Bakkerij Jansen', 52000], ['De Vries BV', 31000], ['Hotel Zuid', 12000], ['Café Noord', 4000],
  ['Slagerij Bos', 2500], ['Bloem & Co', 1200], ['Garage Kok', 800], ['Kapper Lisa', 500],
];

const T = {
  workbookMain: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  workbookMacro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  chartsheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sst: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  pivotTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
  pivotCache: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml',
  pivotRecords: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml',
  slicer: 'application/vnd.ms-excel.slicer+xml',
  slicerCache: 'application/vnd.ms-excel.slicerCache+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  threaded: 'application/vnd.ms-excel.threadedcomments+xml',
  person: 'application/vnd.ms-excel.person+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  custom: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
};

const cell = (ref: string, v: string | number, s?: number) =>
  typeof v === 'number' ? `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"${s ? ` s="${s}"` : ''}><is><t>${v.replace(/&/g, '&amp;')}</t></is></c>`;

function salesSheet(): string {
  const rows = [`<row r="1" spans="1:3"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c><c r="C1" s="2"/></row>`];
  FEATURE_ACCOUNTS.forEach(([name, amount], i) => {
    const r = i + 2;
    rows.push(`<row r="${r}" spans="1:3">${cell(`A${r}`, name)}${cell(`B${r}`, amount, 3)}</row>`);
  });
  // A cell with a note and no value, far right: the note must survive.
  rows.push(`<row r="12"><c r="J12" s="2"/></row>`);
  return (
    `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}" xmlns:mc="${MC}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
    `<sheetPr><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:J12"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="B3" sqref="B3"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="24" customWidth="1"/></cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<conditionalFormatting sqref="B2:B9"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>10000</formula></cfRule></conditionalFormatting>` +
    `<conditionalFormatting sqref="A2:A9"><cfRule type="notContainsBlanks" dxfId="0" priority="2"><formula>LEN(TRIM(A2))&gt;0</formula></cfRule></conditionalFormatting>` +
    `<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="B2:B9"><formula1>0</formula1></dataValidation></dataValidations>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<drawing r:id="rId1"/><legacyDrawing r:id="rId3"/><tableParts count="1"><tablePart r:id="rId4"/></tableParts>` +
    `</worksheet>`
  );
}

const pivotSheet = () =>
  `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}" xmlns:mc="${MC}" xmlns:x14="${X14}" mc:Ignorable="x14"><dimension ref="A3:B12"/><sheetData>` +
  `<row r="3"><c r="A3" t="inlineStr"><is><t>Row Labels</t></is></c><c r="B3" t="inlineStr"><is><t>Sum of Revenue</t></is></c></row>` +
  FEATURE_ACCOUNTS.map(([name, amount], i) => `<row r="${i + 4}">${cell(`A${i + 4}`, name)}${cell(`B${i + 4}`, amount)}</row>`).join('') +
  `<row r="12"><c r="A12" t="inlineStr"><is><t>Grand Total</t></is></c><c r="B12"><v>${FEATURE_ACCOUNTS.reduce((n, [, a]) => n + a, 0)}</v></c></row>` +
  `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
  `<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x14="${X14}"><x14:slicerList><x14:slicer r:id="rId2"/></x14:slicerList></ext></extLst></worksheet>`;

const chartXml = (ref: string) =>
  `${XML}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:chart><c:plotArea><c:layout/>` +
  `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
  `<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Sales!$A$2:$A$9</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${ref}</c:f></c:numRef></c:val></c:ser>` +
  `<c:axId val="1"/><c:axId val="2"/></c:barChart>` +
  `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>` +
  `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>` +
  `</c:plotArea></c:chart></c:chartSpace>`;

const drawingXml = (anchor: boolean) =>
  `${XML}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">` +
  (anchor
    ? `<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`
    : `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/>`) +
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
  `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>` +
  (anchor ? '</xdr:twoCellAnchor>' : '</xdr:absoluteAnchor>') +
  `</xdr:wsDr>`;

const pivotCacheDefinition = () =>
  `${XML}<pivotCacheDefinition xmlns="${NS}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="${FEATURE_ACCOUNTS.length}">` +
  `<cacheSource type="worksheet"><worksheetSource ref="A1:B9" sheet="Sales"/></cacheSource><cacheFields count="2">` +
  `<cacheField name="Account" numFmtId="0"><sharedItems count="${FEATURE_ACCOUNTS.length}">${FEATURE_ACCOUNTS.map(([n]) => `<s v="${n.replace(/&/g, '&amp;')}"/>`).join('')}</sharedItems></cacheField>` +
  `<cacheField name="Revenue" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="500" maxValue="52000"/></cacheField>` +
  `</cacheFields></pivotCacheDefinition>`;

const pivotCacheRecords = () =>
  `${XML}<pivotCacheRecords xmlns="${NS}" xmlns:r="${R}" count="${FEATURE_ACCOUNTS.length}">${FEATURE_ACCOUNTS.map(([, a], i) => `<r><x v="${i}"/><n v="${a}"/></r>`).join('')}</pivotCacheRecords>`;

const pivotTable = () =>
  `${XML}<pivotTableDefinition xmlns="${NS}" name="PivotTable1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
  `<location ref="A3:B12" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2">` +
  `<pivotField axis="axisRow" showAll="0"><items count="${FEATURE_ACCOUNTS.length + 1}">${FEATURE_ACCOUNTS.map((_, i) => `<item x="${i}"/>`).join('')}<item t="default"/></items></pivotField>` +
  `<pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields>` +
  `<rowItems count="${FEATURE_ACCOUNTS.length + 1}">${FEATURE_ACCOUNTS.map((_, i) => (i ? `<i><x v="${i}"/></i>` : '<i><x/></i>')).join('')}<i t="grand"><x/></i></rowItems>` +
  `<colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Sum of Revenue" fld="1" baseField="0" baseItem="0"/></dataFields>` +
  `<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`;

/** The parts of the feature workbook; `macro` makes it an .xlsm with a (stand-in) VBA project. */
export function featureWorkbook(macro = false): Record<string, string | Buffer> {
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', macro ? T.workbookMacro : T.workbookMain],
    ['/xl/worksheets/sheet1.xml', T.worksheet],
    ['/xl/worksheets/sheet2.xml', T.worksheet],
    ['/xl/chartsheets/sheet1.xml', T.chartsheet],
    ['/xl/styles.xml', T.styles],
    ['/xl/sharedStrings.xml', T.sst],
    ['/xl/drawings/drawing1.xml', T.drawing],
    ['/xl/drawings/drawing2.xml', T.drawing],
    ['/xl/charts/chart1.xml', T.chart],
    ['/xl/charts/chart2.xml', T.chart],
    ['/xl/pivotTables/pivotTable1.xml', T.pivotTable],
    ['/xl/pivotCache/pivotCacheDefinition1.xml', T.pivotCache],
    ['/xl/pivotCache/pivotCacheRecords1.xml', T.pivotRecords],
    ['/xl/slicers/slicer1.xml', T.slicer],
    ['/xl/slicerCaches/slicerCache1.xml', T.slicerCache],
    ['/xl/comments1.xml', T.comments],
    ['/xl/threadedComments/threadedComment1.xml', T.threaded],
    ['/xl/persons/person.xml', T.person],
    ['/xl/tables/table1.xml', T.table],
    ['/docProps/core.xml', T.core],
    ['/docProps/app.xml', T.app],
    ['/docProps/custom.xml', T.custom],
  ];
  const defaults =
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
    (macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : '');
  const wbRels: [string, string, string][] = [
    ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
    ['rId2', 'worksheet', 'worksheets/sheet2.xml'],
    ['rId3', 'chartsheet', 'chartsheets/sheet1.xml'],
    ['rId4', 'styles', 'styles.xml'],
    ['rId5', 'sharedStrings', 'sharedStrings.xml'],
    ['rId6', 'pivotCacheDefinition', 'pivotCache/pivotCacheDefinition1.xml'],
    ['rId7', 'http://schemas.microsoft.com/office/2007/relationships/slicerCache', 'slicerCaches/slicerCache1.xml'],
    ['rId8', 'http://schemas.microsoft.com/office/2017/10/relationships/person', 'persons/person.xml'],
  ];
  if (macro) wbRels.push(['rId9', 'http://schemas.microsoft.com/office/2006/relationships/vbaProject', 'vbaProject.bin']);
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('')}</Types>`,
    '_rels/.rels': relsOf([
      ['rId1', 'officeDocument', 'xl/workbook.xml'],
      ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
      ['rId3', 'extended-properties', 'docProps/app.xml'],
      ['rId4', 'custom-properties', 'docProps/custom.xml'],
    ]),
    'docProps/core.xml': `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Sales team</dc:creator></cp:coreProperties>`,
    'docProps/app.xml': `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Charts</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="3" baseType="lpstr"><vt:lpstr>Sales</vt:lpstr><vt:lpstr>Pivot</vt:lpstr><vt:lpstr>Revenue chart</vt:lpstr></vt:vector></TitlesOfParts></Properties>`,
    'docProps/custom.xml': `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Region"><vt:lpwstr>Noord</vt:lpwstr></property></Properties>`,
    'xl/workbook.xml':
      `${XML}<workbook xmlns="${NS}" xmlns:r="${R}" xmlns:mc="${MC}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" mc:Ignorable="x15">` +
      `<workbookPr${macro ? ' codeName="ThisWorkbook"' : ''} defaultThemeVersion="164011"/><workbookProtection lockStructure="0"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
      `<sheets><sheet name="Sales" sheetId="1" r:id="rId1"/><sheet name="Pivot" sheetId="2" r:id="rId2"/><sheet name="Revenue chart" sheetId="3" r:id="rId3"/></sheets>` +
      `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Sales!$A$1:$B$9</definedName><definedName name="Slicer_Account">#N/A</definedName><definedName name="TopAccount">Sales!$A$2</definedName><definedName name="VAT">0.21</definedName></definedNames>` +
      `<calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId6"/></pivotCaches>` +
      `<extLst><ext uri="{BBE1A952-AA13-448e-AADC-164F8A28A991}" xmlns:x14="${X14}"><x14:slicerCaches><x14:slicerCache r:id="rId7"/></x14:slicerCaches></ext></extLst></workbook>`,
    'xl/_rels/workbook.xml.rels': relsOf(wbRels),
    'xl/worksheets/sheet1.xml': salesSheet(),
    'xl/worksheets/_rels/sheet1.xml.rels': relsOf([
      ['rId1', 'drawing', '../drawings/drawing1.xml'],
      ['rId2', 'comments', '../comments1.xml'],
      ['rId3', 'vmlDrawing', '../drawings/vmlDrawing1.vml'],
      ['rId4', 'table', '../tables/table1.xml'],
      ['rId5', 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment', '../threadedComments/threadedComment1.xml'],
    ]),
    'xl/worksheets/sheet2.xml': pivotSheet(),
    'xl/worksheets/_rels/sheet2.xml.rels': relsOf([
      ['rId1', 'pivotTable', '../pivotTables/pivotTable1.xml'],
      ['rId2', 'http://schemas.microsoft.com/office/2007/relationships/slicer', '../slicers/slicer1.xml'],
    ]),
    'xl/chartsheets/sheet1.xml': `${XML}<chartsheet xmlns="${NS}" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView zoomScale="118" workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
    'xl/chartsheets/_rels/sheet1.xml.rels': relsOf([['rId1', 'drawing', '../drawings/drawing2.xml']]),
    'xl/drawings/drawing1.xml': drawingXml(true),
    'xl/drawings/_rels/drawing1.xml.rels': relsOf([['rId1', 'chart', '../charts/chart1.xml']]),
    'xl/drawings/drawing2.xml': drawingXml(false),
    'xl/drawings/_rels/drawing2.xml.rels': relsOf([['rId1', 'chart', '../charts/chart2.xml']]),
    'xl/charts/chart1.xml': chartXml('Sales!$B$2:$B$9'),
    'xl/charts/chart2.xml': chartXml('Sales!$B$2:$B$9'),
    'xl/pivotTables/pivotTable1.xml': pivotTable(),
    'xl/pivotTables/_rels/pivotTable1.xml.rels': relsOf([['rId1', 'pivotCacheDefinition', '../pivotCache/pivotCacheDefinition1.xml']]),
    'xl/pivotCache/pivotCacheDefinition1.xml': pivotCacheDefinition(),
    'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels': relsOf([['rId1', 'pivotCacheRecords', 'pivotCacheRecords1.xml']]),
    'xl/pivotCache/pivotCacheRecords1.xml': pivotCacheRecords(),
    'xl/slicers/slicer1.xml': `${XML}<slicers xmlns="${X14}" xmlns:mc="${MC}" mc:Ignorable="x"><slicer name="Account" cache="Slicer_Account" caption="Account" rowHeight="241300"/></slicers>`,
    'xl/slicerCaches/slicerCache1.xml':
      `${XML}<slicerCacheDefinition xmlns="${X14}" xmlns:mc="${MC}" mc:Ignorable="x" name="Slicer_Account" sourceName="Account"><pivotTables><pivotTable tabId="2" name="PivotTable1"/></pivotTables>` +
      `<data><tabular pivotCacheId="1"><items count="${FEATURE_ACCOUNTS.length}">${FEATURE_ACCOUNTS.map((_, i) => `<i x="${i}" s="1"/>`).join('')}</items></tabular></data></slicerCacheDefinition>`,
    'xl/comments1.xml':
      `${XML}<comments xmlns="${NS}"><authors><author>tc={6A6B5D3C-0001-4000-8000-000000000001}</author><author>Sales team</author></authors><commentList>` +
      `<comment ref="A2" authorId="0"><text><t>[Threaded comment] Call before Friday</t></text></comment>` +
      `<comment ref="J12" authorId="1"><text><r><rPr><b/><sz val="9"/></rPr><t>A note on an empty cell</t></r></text></comment></commentList></comments>`,
    'xl/drawings/vmlDrawing1.vml':
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
      `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
      `<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>1</x:Row><x:Column>0</x:Column></x:ClientData></v:shape>` +
      `<v:shape id="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:500pt;margin-top:150pt;width:108pt;height:59.25pt;z-index:2;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>10, 15, 11, 2, 12, 15, 14, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>11</x:Row><x:Column>9</x:Column></x:ClientData></v:shape></xml>`,
    'xl/threadedComments/threadedComment1.xml': `${XML}<ThreadedComments xmlns="${TC}" xmlns:x="${NS}"><threadedComment ref="A2" dT="2026-01-05T09:12:00.00" personId="{7E1A2B3C-0001-4000-8000-000000000001}" id="{6A6B5D3C-0001-4000-8000-000000000001}"><text>Call before Friday</text></threadedComment></ThreadedComments>`,
    'xl/persons/person.xml': `${XML}<personList xmlns="${TC}" xmlns:x="${NS}"><person displayName="Sales team" id="{7E1A2B3C-0001-4000-8000-000000000001}" userId="sales@example.com" providerId="None"/></personList>`,
    'xl/tables/table1.xml': `${XML}<table xmlns="${NS}" id="1" name="Accounts" displayName="Accounts" ref="A1:B9" totalsRowShown="0"><autoFilter ref="A1:B9"/><tableColumns count="2"><tableColumn id="1" name="Account"/><tableColumn id="2" name="Revenue"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    'xl/styles.xml':
      `${XML}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;€&quot;\\ #,##0"/></numFmts>` +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs></styleSheet>`,
    'xl/sharedStrings.xml': `${XML}<sst xmlns="${NS}" count="2" uniqueCount="2"><si><t>Account</t></si><si><t>Revenue</t></si></sst>`,
  };
  // A stand-in for a VBA project: bytes no tool may touch.
  if (macro) parts['xl/vbaProject.bin'] = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37 + 11) % 256));
  return parts;
}
