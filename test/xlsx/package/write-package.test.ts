// The output is the input's package with only the command's changes: analyze, plans and overview
// on a workbook with a pivot table, charts, a chart sheet, a slicer, threaded comments, notes, a
// table and (as .xlsm) macros, in a copy and in place. Every part the command had no reason to
// change is the input's compressed bytes; the changed ones still hold all that was there; the
// output opens in LibreOffice and in openpyxl.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli';
import { ZipFile } from '../../../src/xlsx/package/zip-file';
import { featureWorkbook } from '../../support/feature-workbooks';
import { MC, NS, R, REL, X14, XML, basicParts, scratch, storedZip, typeProblems, worksheetOrderProblems } from '../../support/package-files';
import { zipOf, zipParts } from '../../support/zip';

const files = scratch();
afterAll(() => files.done());

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const openpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

const run = runCli;

/** Each part's stored bytes (compressed, as in the zip) and its crc. */
function rawParts(path: string): Map<string, string> {
  const zip = ZipFile.open(path, 'test');
  try {
    const parts = new Map<string, string>();
    for (const entry of zip.entries) {
      const chunks: Buffer[] = [];
      zip.eachRawChunk(entry, (c) => chunks.push(c));
      parts.set(entry.name, `${entry.method}:${entry.crc}:${Buffer.concat(chunks).toString('base64')}`);
    }
    return parts;
  } finally {
    zip.close();
  }
}

/** Parts of `before` whose stored bytes differ in `after` (or are gone). */
function changedParts(before: string, after: string): string[] {
  const [a, b] = [rawParts(before), rawParts(after)];
  return [...a.keys()].filter((name) => a.get(name) !== b.get(name)).sort();
}

const elements = (xml: string, name: string) => xml.match(new RegExp(`<${name}\\b[^>]*?(/>|>[\\s\\S]*?</${name}>)`, 'g')) ?? [];

/** What the changed parts must still hold: every cell, conditional format, validation, drawing
 * reference of the sales sheet, and every name and sheet of the workbook, as written. */
function expectKept(before: string, after: string): void {
  const [a, b] = [zipParts(readFileSync(before)), zipParts(readFileSync(after))];
  const sheet = b.get('xl/worksheets/sheet1.xml')!;
  // Every cell with a value (blank cells in the new columns are written over, their format kept).
  for (const el of elements(a.get('xl/worksheets/sheet1.xml')!, 'c').filter((c) => c.includes('</c>') || c.includes('"J12"'))) expect(sheet).toContain(el);
  // (Each of the user's column widths is kept; the analysis adds widths for its own columns.)
  for (const name of ['conditionalFormatting', 'dataValidation', 'drawing', 'legacyDrawing', 'tableParts', 'sheetPr', 'col', 'pageMargins']) {
    for (const el of elements(a.get('xl/worksheets/sheet1.xml')!, name)) expect(sheet, name).toContain(el);
  }
  const workbook = b.get('xl/workbook.xml')!;
  for (const name of ['definedName', 'sheet', 'pivotCaches', 'extLst', 'workbookPr', 'workbookProtection']) {
    for (const el of elements(a.get('xl/workbook.xml')!, name)) expect(workbook, name).toContain(el);
  }
  // Styles only grow: the existing formats keep their numbers.
  const styles = b.get('xl/styles.xml')!;
  const section = (xml: string, name: string) => elements(xml, name)[0] ?? '';
  for (const [list, name] of [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf'], ['dxfs', 'dxf']]) {
    const old = elements(section(a.get('xl/styles.xml')!, list), name);
    expect(elements(section(styles, list), name).slice(0, old.length), name).toEqual(old);
  }
  for (const override of a.get('[Content_Types].xml')!.match(/<(Override|Default) [^>]*\/>/g)!) expect(b.get('[Content_Types].xml')).toContain(override);
  for (const rel of a.get('xl/_rels/workbook.xml.rels')!.match(/<Relationship [^>]*\/>/g)!) expect(b.get('xl/_rels/workbook.xml.rels')).toContain(rel);
}

/** The parts a run may change: the sheet it writes into and the workbook's lists. */
const WORKBOOK_LISTS = ['[Content_Types].xml', 'docProps/app.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml'];

function opensInOpenpyxl(path: string): string[] {
  const script = 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1], keep_vba=sys.argv[1].endswith(".xlsm"))\nprint("\\n".join(wb.sheetnames))';
  return execFileSync(PYTHON, ['-W', 'ignore', '-c', script, path], { encoding: 'utf8' }).trim().split('\n');
}

function opensInLibreOffice(path: string): string[] {
  const out = join(files.dir, `lo-${Math.random().toString(36).slice(2)}`);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(files.dir, 'lo-profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', path, '--outdir', out], { stdio: 'pipe', timeout: 120_000 });
  return readdirSync(out).sort();
}

describe.each([
  ['.xlsx', false],
  ['.xlsm', true],
])('a %s workbook with pivot table, charts, a chart sheet, a slicer, threaded comments and notes', (extension, macro) => {
  const input = files.file(`features${extension}`, featureWorkbook(macro));
  const analysed = join(files.dir, `features.planned${extension}`);
  const planned = join(files.dir, `features-plans${extension}`);

  it('analyze changes only the sales sheet and the workbook lists, keeping all that was in them', async () => {
    const r = await run('analyze', input, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/does not have|cannot keep/);
    expect(existsSync(analysed)).toBe(true);
    expect(changedParts(input, analysed)).toEqual([...WORKBOOK_LISTS, 'xl/worksheets/sheet1.xml'].sort());
    expectKept(input, analysed);
    const after = zipParts(readFileSync(analysed));
    // The macro project and the workbook's kind (its content type) are as they were.
    if (macro) expect(after.get('[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    // The tiers went into the free columns right of the table; the Pareto sheet is a new part.
    expect(after.get('xl/worksheets/sheet1.xml')).toMatch(/<c r="C1" s="\d+" t="inlineStr"><is><t>Tier<\/t>/);
    expect(after.get('xl/workbook.xml')).toMatch(/<sheet name="Pareto" sheetId="4" r:id="rId\d+"\/>/);
    expect(after.get('docProps/app.xml')).toContain('<vt:i4>3</vt:i4>');
    // The Pareto chart and the Lorenz curve: chart parts over the chart data, in one drawing of the new sheet.
    const added = [...after.keys()].filter((p) => !zipParts(readFileSync(input)).has(p)).sort();
    expect(added).toEqual(['xl/charts/chart3.xml', 'xl/charts/chart4.xml', 'xl/drawings/_rels/drawing3.xml.rels', 'xl/drawings/drawing3.xml', 'xl/worksheets/_rels/sheet3.xml.rels', 'xl/worksheets/sheet3.xml']);
    expect(after.get('xl/charts/chart3.xml')).toMatch(/<c:barChart>.*<c:f>Pareto!\$H\$\d+:\$H\$\d+<\/c:f>.*<c:lineChart>.*<c:max val="1"\/>/s);
    expect(after.get('xl/charts/chart4.xml')).toMatch(/<c:scatterChart>.*<c:xVal><c:numRef><c:f>Pareto!\$\w+\$\d+:\$\w+\$\d+<\/c:f>/s);
    expect(after.get('xl/drawings/_rels/drawing3.xml.rels')).toMatch(/Target="\.\.\/charts\/chart3\.xml".*Target="\.\.\/charts\/chart4\.xml"/);
    // Every sheet's elements in the schema's order: the page setup (one landscape page wide) before the drawing.
    for (const [part, xml] of after) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) expect(worksheetOrderProblems(xml), part).toEqual([]);
    expect(after.get('xl/worksheets/sheet3.xml')).toMatch(/<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/><drawing xmlns:r="[^"]+" r:id="rId1"\/><\/worksheet>$/);
    expect(r.out).not.toContain('chart data');
  });

  it('a second analysis with --replace redraws its own chart in place and adds no formats', async () => {
    const again = join(files.dir, `features-again${extension}`);
    const r = await run('analyze', analysed, '--replace', '--out', again, '--lang', 'en');
    expect(r.code).toBe(0);
    // The same analysis again writes the same sheets, byte for byte: its earlier chart, cells and
    // conditional formats replaced, none added beside them.
    expect(changedParts(analysed, again)).toEqual([]);
    expect([...rawParts(again).keys()]).toEqual([...rawParts(analysed).keys()]);
  });

  it('plans and overview add tabs as new parts and change nothing else of the user', async () => {
    const r = await run('plans', analysed, '--tier', 'A', '--out', planned, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(changedParts(analysed, planned)).toEqual(WORKBOOK_LISTS);
    expectKept(analysed, planned);
    const added = [...rawParts(planned).keys()].filter((p) => !rawParts(analysed).has(p));
    expect(added).toEqual(['xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml', 'xl/worksheets/sheet6.xml', 'xl/worksheets/sheet7.xml']);
  });

  it('writes in place, keeping the file as it was beside it', async () => {
    const path = join(files.dir, `in-place${extension}`);
    copyFileSync(input, path);
    const r = await run('analyze', path, '--in-place', '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const backup = join(files.dir, `in-place.backup${extension}`);
    expect(readFileSync(backup).equals(readFileSync(input))).toBe(true);
    expect(changedParts(input, path)).toEqual([...WORKBOOK_LISTS, 'xl/worksheets/sheet1.xml'].sort());
    expect((await run('overview', path, '--in-place')).code).toBe(0);
    expectKept(input, path);
  });

  it.skipIf(!openpyxl)('opens in openpyxl with every sheet, the chart sheet included', () => {
    expect(opensInOpenpyxl(planned)).toEqual(['Sales', 'Pivot', 'Revenue chart', 'Pareto', 'Plan – Bakkerij Jansen', 'Plan – De Vries BV', 'Plan – Hotel Zuid', 'Plans overview']);
  });

  it.skipIf(!soffice || macro)('opens in LibreOffice', () => {
    const sheets = opensInLibreOffice(planned);
    expect(sheets).toContain('features-plans-Pareto.csv');
    expect(sheets).toContain('features-plans-Plans overview.csv');
  });
});

describe('--out', () => {
  it('keeps the kind of the input: an .xlsm goes to an .xlsm', async () => {
    const input = files.file('macros.xlsm', featureWorkbook(true));
    const r = await run('analyze', input, '--out', join(files.dir, 'macros-out.xlsx'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`account-planner: --out must end in .xlsm, as the input does: ${join(files.dir, 'macros-out.xlsx')}`);
    rmSync(join(files.dir, 'macros-out.xlsx'), { force: true });
  });
});

describe("a copy of the user's template sheet", () => {
  /** The feature workbook with a template sheet holding a note, a table and a name of its own. */
  function withTemplate(): string {
    return files.file('template.xlsx', templateParts());
  }

  /** Plans for Hotel Zuid and Hotel Noord from the template sheet of a workbook made of `parts`. */
  async function plansFromTemplate(name: string, parts: Record<string, string | Buffer>) {
    const input = files.file(`${name}.xlsx`, parts);
    const output = join(files.dir, `${name}-plans.xlsx`);
    const r = await run('plans', input, '--accounts', 'Hotel Zuid;Hotel Noord', '--template', 'Template visit', '--out', output, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return { input, output, out: r.out, after: zipParts(readFileSync(output)) };
  }

  function templateParts(): Record<string, string | Buffer> {
    const parts = featureWorkbook(false);
    parts['xl/worksheets/sheet3.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>` +
      '<row r="1"><c r="A1" t="inlineStr" s="1"><is><t>Visit plan for {{account}}</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Owner</t></is></c><c r="B2" t="inlineStr"><is><t>{{owner}}</t></is></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><t>Action</t></is></c><c r="B4" t="inlineStr"><is><t>Due</t></is></c></row></sheetData>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>';
    parts['xl/worksheets/_rels/sheet3.xml.rels'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing2.vml"/><Relationship Id="rId2" Type="${R}/table" Target="../tables/table2.xml"/><Relationship Id="rId3" Type="${R}/comments" Target="../comments2.xml"/></Relationships>`;
    parts['xl/drawings/vmlDrawing2.vml'] = (parts['xl/drawings/vmlDrawing1.vml'] as string).replace(/<v:shape id="_x0000_s1026"[\s\S]*?<\/v:shape>/, '').replace('data="1"', 'data="2"').replace('_x0000_s1025', '_x0000_s2049').replace('<x:Row>1</x:Row>', '<x:Row>0</x:Row>');
    parts['xl/comments2.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Sales team</author></authors><commentList><comment ref="A1" authorId="0"><text><t>Fill in before the visit</t></text></comment></commentList></comments>';
    parts['xl/tables/table2.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="2" name="Actions" displayName="Actions" ref="A4:B5" totalsRowShown="0"><autoFilter ref="A4:B5"/><tableColumns count="2"><tableColumn id="1" name="Action"/><tableColumn id="2" name="Due"/></tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string)
      .replace('</sheets>', '<sheet name="Template visit" sheetId="4" r:id="rId10"/></sheets>')
      .replace('</definedNames>', "<definedName name=\"Owner\" localSheetId=\"3\">'Template visit'!$B$2</definedName></definedNames>");
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace('</Relationships>', `<Relationship Id="rId10" Type="${R}/worksheet" Target="worksheets/sheet3.xml"/></Relationships>`);
    const types = '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/comments2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/tables/table2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>';
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace('</Types>', `${types}</Types>`);
    return parts;
  }

  it("carries the template's chart pointing at the plan's own cells, its notes' shapes numbered anew, and its pivot table reading the same cache", async () => {
    const parts = templateParts();
    parts['xl/worksheets/sheet3.xml'] = (parts['xl/worksheets/sheet3.xml'] as string).replace('<legacyDrawing', '<drawing r:id="rId5"/><legacyDrawing');
    parts['xl/worksheets/_rels/sheet3.xml.rels'] = (parts['xl/worksheets/_rels/sheet3.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId4" Type="${R}/pivotTable" Target="../pivotTables/pivotTable2.xml"/><Relationship Id="rId5" Type="${R}/drawing" Target="../drawings/drawing4.xml"/></Relationships>`,
    );
    parts['xl/pivotTables/pivotTable2.xml'] = (parts['xl/pivotTables/pivotTable1.xml'] as string).replace('name="PivotTable1"', 'name="PivotTable2"');
    parts['xl/pivotTables/_rels/pivotTable2.xml.rels'] = parts['xl/pivotTables/_rels/pivotTable1.xml.rels'];
    parts['xl/drawings/drawing4.xml'] = parts['xl/drawings/drawing1.xml'];
    parts['xl/drawings/_rels/drawing4.xml.rels'] = (parts['xl/drawings/_rels/drawing1.xml.rels'] as string).replace('chart1.xml', 'chart4.xml');
    parts['xl/charts/chart4.xml'] = (parts['xl/charts/chart1.xml'] as string).replace(/Sales!/g, "'Template visit'!");
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace(
      '</Types>',
      '<Override PartName="/xl/pivotTables/pivotTable2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>' +
        '<Override PartName="/xl/drawings/drawing4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    );
    const { output, out, after } = await plansFromTemplate('template-pivot', parts);
    expect(out).not.toMatch(/pivot table/i);
    const rels = after.get('xl/worksheets/_rels/sheet4.xml.rels')!;
    // Each plan has its own pivot table, the template's copied, reading the workbook's one cache
    const pivots = ['sheet4.xml', 'sheet5.xml'].map((sheet) => /Type="[^"]*\/pivotTable" Target="\.\.\/pivotTables\/([^"]+)"/.exec(after.get(`xl/worksheets/_rels/${sheet}.rels`)!)![1]);
    expect(new Set([...pivots, 'pivotTable1.xml', 'pivotTable2.xml']).size).toBe(4);
    for (const pivot of pivots) {
      expect(after.get(`xl/pivotTables/${pivot}`)).toBe(parts['xl/pivotTables/pivotTable2.xml']);
      expect(after.get(`xl/pivotTables/_rels/${pivot}.rels`)).toBe(parts['xl/pivotTables/_rels/pivotTable2.xml.rels']);
    }
    expect(after.get('xl/workbook.xml')!.match(/<pivotCaches>.*<\/pivotCaches>/)![0]).toBe((parts['xl/workbook.xml'] as string).match(/<pivotCaches>.*<\/pivotCaches>/)![0]);
    expect(after.get('xl/pivotCache/pivotCacheDefinition1.xml')).toBe(parts['xl/pivotCache/pivotCacheDefinition1.xml']);
    expect(rels).toMatch(/Target="\.\.\/drawings\/drawing3\.xml"/);
    expect(after.get('xl/drawings/_rels/drawing3.xml.rels')).toContain('Target="../charts/chart3.xml"');
    expect(after.get('xl/charts/chart3.xml')).toContain("<c:f>'Plan – Hotel Zuid'!$B$2:$B$9</c:f>");
    expect(after.get('xl/charts/chart3.xml')).toContain("<c:f>'Plan – Hotel Zuid'!$A$2:$A$9</c:f>");
    expect(after.get('xl/charts/chart4.xml')).toBe(parts['xl/charts/chart4.xml']);
    // Each drawing of notes claims its own block of shape ids: 1 and 2 were taken.
    const vml = after.get('xl/drawings/vmlDrawing3.vml')!;
    expect(vml).toContain('<o:idmap v:ext="edit" data="3"/>');
    expect(vml).toContain('id="_x0000_s3073"');
    expect(vml).not.toContain('_x0000_s2049');
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(output)).toContain('Plan – Hotel Zuid');
    if (soffice) expect(opensInLibreOffice(output)).toContain('template-pivot-plans-Plan – Hotel Noord.csv');
  });

  it('gives each plan its own threaded comment ids and form control shape ids, so Excel has nothing to repair', async () => {
    const parts = templateParts();
    const [comment, reply, person] = ['{0C0FFEE0-0002-4000-8000-000000000001}', '{0C0FFEE0-0002-4000-8000-000000000002}', '{7E1A2B3C-0001-4000-8000-000000000001}'];
    // The template's note is a threaded comment with a reply; a check box sits beside it (shape 2050).
    const control = `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice Requires="x14"><controls><mc:AlternateContent xmlns:mc="${MC}"><mc:Choice Requires="x14"><control shapeId="2050" r:id="rId5" name="Check Box 1"/></mc:Choice></mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>`;
    parts['xl/worksheets/sheet3.xml'] = (parts['xl/worksheets/sheet3.xml'] as string).replace('<tableParts', `${control}<tableParts`);
    parts['xl/worksheets/_rels/sheet3.xml.rels'] = (parts['xl/worksheets/_rels/sheet3.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment2.xml"/><Relationship Id="rId5" Type="${R}/ctrlProp" Target="../ctrlProps/ctrlProp1.xml"/></Relationships>`,
    );
    parts['xl/threadedComments/threadedComment2.xml'] =
      `${XML}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<threadedComment ref="A1" dT="2026-01-05T09:12:00.00" personId="${person}" id="${comment}"><text>Fill in before the visit</text></threadedComment>` +
      `<threadedComment ref="A1" dT="2026-01-06T10:00:00.00" personId="${person}" id="${reply}" parentId="${comment}"><text>Done for Hotel Noord</text></threadedComment></ThreadedComments>`;
    // (Excel gives the note the threaded comment's id too, as xr:uid.)
    parts['xl/comments2.xml'] = (parts['xl/comments2.xml'] as string)
      .replace('<comments ', '<comments xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ')
      .replace('<author>Sales team</author>', `<author>tc=${comment}</author>`)
      .replace('<comment ref="A1" authorId="0">', `<comment ref="A1" authorId="0" xr:uid="${comment}">`);
    parts['xl/drawings/vmlDrawing2.vml'] = (parts['xl/drawings/vmlDrawing2.vml'] as string).replace(
      '</xml>',
      '<v:shape id="_x0000_s2050" type="#_x0000_t201" style="position:absolute;margin-left:200pt;margin-top:20pt;width:80pt;height:15pt;z-index:2" stroked="f" filled="f" o:insetmode="auto"><x:ClientData ObjectType="Checkbox"><x:Anchor>3, 0, 1, 0, 4, 0, 2, 0</x:Anchor><x:AutoFill>False</x:AutoFill><x:NoThreeD/></x:ClientData></v:shape></xml>',
    );
    parts['xl/ctrlProps/ctrlProp1.xml'] = `${XML}<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="CheckBox" lockText="1" noThreeD="1"/>`;
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace(
      '</Types>',
      '<Override PartName="/xl/threadedComments/threadedComment2.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/ctrlProps/ctrlProp1.xml" ContentType="application/vnd.ms-excel.controlproperties+xml"/></Types>',
    );
    const { input, output, after } = await plansFromTemplate('template-threaded', parts);
    const relsOf = (sheet: string) => after.get(`xl/worksheets/_rels/${sheet}.rels`)!;
    const targetOf = (sheet: string, kind: string) => new RegExp(`Type="[^"]*/${kind}" Target="\\.\\./([^"]+)"`).exec(relsOf(sheet))![1];
    const seen = new Set([comment, reply]);
    const blocks = new Set([1, 2]);
    for (const sheet of ['sheet4.xml', 'sheet5.xml']) {
      const threaded = after.get(`xl/${targetOf(sheet, 'threadedComment')}`)!;
      const [own, answer] = [...threaded.matchAll(/ id="(\{[0-9A-F-]+\})"/g)].map((m) => m[1]);
      // New ids, unique in the workbook; the reply answers this copy's comment; the person is the workbook's
      for (const id of [own, answer]) {
        expect(id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      expect(threaded).toContain(`personId="${person}" id="${answer}" parentId="${own}"`);
      expect(threaded).toContain('Done for Hotel Noord');
      expect(after.get(`xl/${targetOf(sheet, 'comments')}`)).toContain(`<author>tc=${own}</author>`);
      expect(after.get(`xl/${targetOf(sheet, 'comments')}`)).toContain(`<comment ref="A1" authorId="0" xr:uid="${own}">`);
      // The check box: the sheet's control names the shape its own VML drawing holds
      const vml = after.get(`xl/${targetOf(sheet, 'vmlDrawing')}`)!;
      const block = Number(/<o:idmap v:ext="edit" data="(\d+)"\/>/.exec(vml)![1]);
      expect(blocks.has(block)).toBe(false);
      blocks.add(block);
      expect(vml).toContain(`id="_x0000_s${block * 1024 + 2}" type="#_x0000_t201"`);
      expect(after.get(`xl/worksheets/${sheet}`)).toContain(`<control shapeId="${block * 1024 + 2}" r:id="rId5" name="Check Box 1"/>`);
      expect(after.get(`xl/${targetOf(sheet, 'ctrlProp')}`)).toBe(parts['xl/ctrlProps/ctrlProp1.xml']);
    }
    // The template keeps its own; the same command on the same file makes the same ids
    expect(after.get('xl/threadedComments/threadedComment2.xml')).toBe(parts['xl/threadedComments/threadedComment2.xml']);
    const again = join(files.dir, 'template-threaded-again.xlsx');
    expect((await run('plans', input, '--accounts', 'Hotel Zuid;Hotel Noord', '--template', 'Template visit', '--out', again, '--lang', 'en')).code).toBe(0);
    const second = zipParts(readFileSync(again));
    for (const [name, text] of after) if (/threadedComment|comments/.test(name)) expect(second.get(name), name).toBe(text);
    expect(after.get('xl/worksheets/sheet3.xml')).toContain('<control shapeId="2050"');
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(output)).toEqual(expect.arrayContaining(['Plan – Hotel Zuid', 'Plan – Hotel Noord']));
  });

  it("gives each plan's copy of the template's slicer and timeline a name of its own, in its part and its drawing", async () => {
    const parts = templateParts();
    const X15 = 'http://schemas.microsoft.com/office/spreadsheetml/2010/11/main';
    const SLE = 'http://schemas.microsoft.com/office/drawing/2010/slicer';
    const TSLE = 'http://schemas.microsoft.com/office/drawing/2012/timeslicer';
    // The template holds a second slicer on the workbook's one slicer cache, "Account 1" (Excel's
    // name for it beside "Account" on Sales), and a timeline of dates, each drawn as Excel draws
    // them: a frame in an AlternateContent, named as the slicer, with a shape for older programs.
    // (The timeline's cache is left out: a copy shares the caches and never reads them.)
    const frame = (id: number, name: string, uri: string, element: string, row: number) =>
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + 8}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14"><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${uri}">${element}</a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice>` +
      '<mc:Fallback><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="2438400" y="190500"/><a:ext cx="1828800" cy="1714500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>' +
      '<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>This shape represents a slicer.</a:t></a:r></a:p></xdr:txBody></xdr:sp></mc:Fallback></mc:AlternateContent><xdr:clientData/></xdr:twoCellAnchor>';
    parts['xl/worksheets/sheet3.xml'] = (parts['xl/worksheets/sheet3.xml'] as string)
      .replace('<legacyDrawing', '<drawing r:id="rId5"/><legacyDrawing')
      .replace(
        '</worksheet>',
        `<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x14="${X14}"><x14:slicerList><x14:slicer r:id="rId4"/></x14:slicerList></ext>` +
          `<ext uri="{7E03D99C-DC04-49d9-9315-930204A7B6E9}" xmlns:x15="${X15}"><x15:timelineRefs><x15:timelineRef r:id="rId6"/></x15:timelineRefs></ext></extLst></worksheet>`,
      );
    parts['xl/worksheets/_rels/sheet3.xml.rels'] = (parts['xl/worksheets/_rels/sheet3.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2007/relationships/slicer" Target="../slicers/slicer2.xml"/><Relationship Id="rId5" Type="${R}/drawing" Target="../drawings/drawing4.xml"/>` +
        '<Relationship Id="rId6" Type="http://schemas.microsoft.com/office/2011/relationships/timeline" Target="../timelines/timeline1.xml"/></Relationships>',
    );
    parts['xl/slicers/slicer2.xml'] = `${XML}<slicers xmlns="${X14}" xmlns:mc="${MC}" mc:Ignorable="x" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><slicer name="Account 1" cache="Slicer_Account" caption="Account" rowHeight="241300"/></slicers>`;
    parts['xl/timelines/timeline1.xml'] = `${XML}<timelines xmlns="${X15}" xmlns:mc="${MC}" mc:Ignorable="x" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><timeline name="Visit date" cache="NativeTimeline_Visit_date" caption="Visit date" level="2" selectionLevel="2" scrollPosition="2026-01-01T00:00:00"/></timelines>`;
    parts['xl/drawings/drawing4.xml'] =
      `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      frame(2, 'Account 1', SLE, `<sle:slicer xmlns:sle="${SLE}" name="Account 1"/>`, 1) +
      frame(3, 'Visit date', TSLE, `<tsle:timeslicer xmlns:tsle="${TSLE}" name="Visit date"/>`, 10) +
      '</xdr:wsDr>';
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace(
      '</Types>',
      '<Override PartName="/xl/slicers/slicer2.xml" ContentType="application/vnd.ms-excel.slicer+xml"/><Override PartName="/xl/timelines/timeline1.xml" ContentType="application/vnd.ms-excel.timeline+xml"/>' +
        '<Override PartName="/xl/drawings/drawing4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    );
    const { output, after } = await plansFromTemplate('template-slicer', parts);
    const targetOf = (from: string, kind: string) => new RegExp(`Type="[^"]*/${kind}" Target="\\.\\./([^"]+)"`).exec(after.get(from)!)![1];
    const namesIn = (xml: string, local: string) => [...xml.matchAll(new RegExp(`<(?:\\w+:)?${local}\\b[^>]*\\sname="([^"]*)"`, 'g'))].map((m) => m[1]);
    const named = ['sheet4.xml', 'sheet5.xml'].map((sheet) => {
      const rels = `xl/worksheets/_rels/${sheet}.rels`;
      const slicers = after.get(`xl/${targetOf(rels, 'slicer')}`)!;
      const timelines = after.get(`xl/${targetOf(rels, 'timeline')}`)!;
      const drawing = after.get(`xl/${targetOf(rels, 'drawing')}`)!;
      // Each copy reads the same caches, under names of its own that its drawing shows and its
      // frames carry (the fallback shapes' empty names stay)
      expect(slicers).toContain('cache="Slicer_Account" caption="Account"');
      expect(timelines).toContain('cache="NativeTimeline_Visit_date" caption="Visit date"');
      const own = [...namesIn(slicers, 'slicer'), ...namesIn(timelines, 'timeline')];
      expect([...namesIn(drawing, 'slicer'), ...namesIn(drawing, 'timeslicer')]).toEqual(own);
      expect(namesIn(drawing, 'cNvPr')).toEqual([own[0], '', own[1], '']);
      expect(drawing).toContain('This shape represents a slicer.');
      return own;
    });
    expect(named).toEqual([
      ['Account 2', 'Visit date 1'],
      ['Account 3', 'Visit date 2'],
    ]);
    // Every slicer and timeline in the workbook has a name of its own; the originals are as they were
    const all = [...after].filter(([name]) => /^xl\/(slicers|timelines)\//.test(name)).flatMap(([, xml]) => [...namesIn(xml, 'slicer'), ...namesIn(xml, 'timeline')]);
    expect(all.sort()).toEqual(['Account', 'Account 1', 'Account 2', 'Account 3', 'Visit date', 'Visit date 1', 'Visit date 2']);
    for (const part of ['xl/slicers/slicer1.xml', 'xl/slicers/slicer2.xml', 'xl/timelines/timeline1.xml', 'xl/drawings/drawing4.xml', 'xl/slicerCaches/slicerCache1.xml']) expect(after.get(part), part).toBe(parts[part]);
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(output)).toEqual(expect.arrayContaining(['Plan – Hotel Zuid', 'Plan – Hotel Noord']));
  });

  it('is made from a workbook whose parts are stored uncompressed, as some programs write them', async () => {
    const input = join(files.dir, 'template-stored.xlsx');
    writeFileSync(input, storedZip(templateParts()));
    const output = join(files.dir, 'template-stored-plans.xlsx');
    const r = await run('plans', input, '--accounts', 'Hotel Zuid', '--template', 'Template visit', '--out', output, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const parts = zipParts(readFileSync(output));
    expect(parts.get('xl/worksheets/sheet4.xml')).toContain('Visit plan for Hotel Zuid');
    expect(typeProblems(parts)).toEqual([]);
  });

  it("is made as Excel's copy makes it: its note, table and name go along, the template stays as it was", async () => {
    const input = withTemplate();
    const output = join(files.dir, 'template-plans.xlsx');
    const r = await run('plans', input, '--accounts', 'Hotel Zuid', '--template', 'Template visit', '--owner', 'Sam', '--out', output, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const part of changedParts(input, output)) expect(WORKBOOK_LISTS).toContain(part);
    const parts = zipParts(readFileSync(output));
    const workbook = parts.get('xl/workbook.xml')!;
    expect(workbook).toMatch(/<sheet name="Plan – Hotel Zuid" sheetId="5" r:id="rId\d+"\/>/);
    expect(workbook).toContain("<definedName name=\"Owner\" localSheetId=\"4\">'Plan – Hotel Zuid'!$B$2</definedName>");
    const plan = parts.get('xl/worksheets/sheet4.xml')!;
    expect(plan).toContain('Visit plan for Hotel Zuid');
    expect(plan).toContain('<legacyDrawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts>');
    expect(parts.get('xl/worksheets/_rels/sheet4.xml.rels')).toMatch(/Target="\.\.\/drawings\/vmlDrawing3\.vml"\/>.*Target="\.\.\/tables\/table3\.xml"\/>.*Target="\.\.\/comments3\.xml"\/>/);
    expect(parts.get('xl/comments3.xml')).toBe(parts.get('xl/comments2.xml'));
    expect(parts.get('xl/tables/table3.xml')).toMatch(/<table [^>]*id="3" name="Actions_2" displayName="Actions_2"/);
    if (openpyxl) {
      const script = 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb["Plan – Hotel Zuid"]\nprint(ws["A1"].comment.text, list(ws.tables))';
      expect(execFileSync(PYTHON, ['-W', 'ignore', '-c', script, output], { encoding: 'utf8' }).trim()).toBe("Fill in before the visit ['Actions_2']");
    }
    if (soffice) expect(opensInLibreOffice(output)).toContain('template-plans-Plan – Hotel Zuid.csv');
  });
});

describe('the package around the new parts', () => {
  const table = [['Account', 'Revenue'], ['Acme', 900], ['Bolt', 50], ['Crane', 30], ['Delta', 20]]
    .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (typeof v === 'number' ? `<c r="${'AB'[j]}${i + 1}"><v>${v}</v></c>` : `<c r="${'AB'[j]}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`)
    .join('');

  it('declares every new part once: no default for .rels, and an override left behind for a part no longer there', async () => {
    const parts = basicParts(table);
    const T = 'application/vnd.openxmlformats-package.relationships+xml';
    const W = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
    parts['[Content_Types].xml'] =
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/_rels/.rels" ContentType="${T}"/><Override PartName="/xl/_rels/workbook.xml.rels" ContentType="${T}"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${W}"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${W}"/></Types>`;
    const input = files.file('overrides.xlsx', parts);
    const r = await run('analyze', input, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const after = zipParts(readFileSync(join(files.dir, 'overrides.planned.xlsx')));
    expect(after.has('xl/worksheets/sheet2.xml')).toBe(true);
    expect(after.has('xl/worksheets/_rels/sheet2.xml.rels')).toBe(true);
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(join(files.dir, 'overrides.planned.xlsx'))).toEqual(['Sales', 'Pareto']);
  });

  it('writes tabs, line breaks and carriage returns in text so that they read back as written', async () => {
    const { XlsxWorkbook } = await import('../../../src/xlsx/workbook');
    const { emptySpec } = await import('../../../shared/sheet-spec');
    const wb = XlsxWorkbook.open(files.file('breaks.xlsx', basicParts(table)));
    const text = 'line 1\r\nline 2\tend\r';
    wb.write({ ...emptySpec(), addSheets: ['Notes'], blocks: [{ sheet: 'Notes', row: 0, col: 0, values: [[text]] }] });
    wb.save(join(files.dir, 'breaks-out.xlsx'));
    wb.close();
    const again = XlsxWorkbook.open(join(files.dir, 'breaks-out.xlsx'));
    expect(again.readSheet('Notes').values).toEqual([[text]]);
    again.close();
  });
});

describe('workbooks other programs laid out their own way (as in PhpSpreadsheet and calamine test files)', () => {
  const rows = [['Account', 'Revenue'], ['Acme', 900], ['Bolt', 50], ['Crane', 30], ['Delta', 20]]
    .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (typeof v === 'number' ? `<c r="${'AB'[j]}${i + 1}"><v>${v}</v></c>` : `<c r="${'AB'[j]}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`)
    .join('');

  it('analyses a zip with backslash folders, absolute targets and its own relationship ids, and writes a package every reader opens', async () => {
    const parts: Record<string, string> = {
      '_rels\\.rels': `${XML}<Relationships xmlns="${REL}">\r\n<Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/>\r\n</Relationships>\r\n`,
      '[Content_Types].xml':
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet0.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      'xl\\workbook.xml': `${XML}<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Sales" sheetId="1" r:id="rId0"/></sheets></workbook>`,
      'xl\\worksheets\\sheet0.xml': `${XML}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`,
      'xl\\_rels\\workbook.xml.rels': `${XML}<Relationships xmlns="${REL}">\r\n<Relationship Id="rId0" Type="${R}/worksheet" Target="/xl/worksheets/sheet0.xml"/>\r\n</Relationships>\r\n`,
    };
    const input = files.file('backslashes.xlsx', parts);
    const r = await run('analyze', input, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = join(files.dir, 'backslashes.planned.xlsx');
    const after = zipParts(readFileSync(output));
    expect([...after.keys()].filter((name) => name.includes('\\'))).toEqual([]);
    expect(after.get('xl/_rels/workbook.xml.rels')).toMatch(/Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet1\.xml"\/>/);
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(output)).toEqual(['Sales', 'Pareto']);
  });

  it('says which part is damaged when the list of the workbook parts fails its checksum', async () => {
    const zip = zipOf(new Map(Object.entries(basicParts(rows))));
    // The workbook's relationships part's checksum, in its directory entry, no longer matches.
    // (The name's last occurrence is in the central directory, 46 bytes after its entry's start.)
    const entry = zip.lastIndexOf(Buffer.from('xl/_rels/workbook.xml.rels')) - 46;
    expect(zip.readUInt32LE(entry)).toBe(0x02014b50);
    zip.writeUInt32LE(zip.readUInt32LE(entry + 16) ^ 1, entry + 16);
    const input = join(files.dir, 'bad-rels.xlsx');
    writeFileSync(input, zip);
    const r = await run('analyze', input, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toBe('account-planner: bad-rels.xlsx is damaged: its part xl/_rels/workbook.xml.rels cannot be read; open it in Excel or LibreOffice, save it again and try again');
  });
});

describe('a Pareto sheet that holds a drawing of the user', () => {
  it('gets the chart added to that drawing, the user\'s shape kept as it was', async () => {
    const input = files.file('own-drawing.xlsx', featureWorkbook(false));
    const first = join(files.dir, 'own-drawing-1.xlsx');
    expect((await run('analyze', input, '--out', first, '--lang', 'en')).code).toBe(0);
    // The user deleted the charts and drew an arrow on the Pareto sheet instead.
    const parts = zipParts(readFileSync(first));
    const shape =
      '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
      '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="7" name="My arrow"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rightArrow"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>';
    parts.set('xl/drawings/drawing3.xml', parts.get('xl/drawings/drawing3.xml')!.replace(/<xdr:oneCellAnchor>.*<\/xdr:oneCellAnchor>/, shape));
    parts.delete('xl/drawings/_rels/drawing3.xml.rels');
    parts.delete('xl/charts/chart3.xml');
    parts.delete('xl/charts/chart4.xml');
    parts.set('[Content_Types].xml', parts.get('[Content_Types].xml')!.replace(/<Override PartName="\/xl\/charts\/chart[34]\.xml"[^>]*\/>/g, ''));
    const drawn = join(files.dir, 'own-drawing-2.xlsx');
    writeFileSync(drawn, zipOf(parts));
    const again = join(files.dir, 'own-drawing-3.xlsx');
    const r = await run('analyze', drawn, '--replace', '--out', again, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('chart data');
    const after = zipParts(readFileSync(again));
    const drawing = after.get('xl/drawings/drawing3.xml')!;
    expect(drawing).toContain(shape);
    expect(drawing).toMatch(/<xdr:cNvPr id="8" name="AccountPlanner Pareto"\/>.*r:id="rId1"/);
    expect(after.get('xl/drawings/_rels/drawing3.xml.rels')).toMatch(/Id="rId1" Type="[^"]+\/chart" Target="\.\.\/charts\/chart3\.xml"/);
    expect(after.get('xl/charts/chart3.xml')).toContain('<c:lineChart>');
    // and the Lorenz curve beside it, in the same drawing
    expect(drawing).toMatch(/<xdr:cNvPr id="9" name="AccountPlanner Lorenz"\/>.*r:id="rId2"/);
    expect(after.get('xl/charts/chart4.xml')).toContain('<c:scatterChart>');
    expect(typeProblems(after)).toEqual([]);
    if (openpyxl) expect(opensInOpenpyxl(again)).toContain('Pareto');
  });
});
