// The command-line runner end to end on real .xlsx files.
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { cellsOf, writeXlsx } from '../support/xlsx-files';
import { zipOf, zipParts } from '../support/zip';
import { dutchInvoices } from '../support/revenue-sheets';

const dir = mkdtempSync(join(tmpdir(), 'account-planner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, 'verkoop.xlsx');

const run = runCli;

beforeAll(async () => {
  await writeXlsx(input, { Verkoop: dutchInvoices(), Notities: [['Vergeet niet', 'te bellen']] }, { Verkoop: [2] });
});

describe('account-planner analyze', () => {
  it('writes a copy with tiers and a Pareto sheet, leaving every input cell as it was', async () => {
    const before = await cellsOf(input);
    const r = await run('analyze', input, '--lang', 'nl');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = join(dir, 'verkoop.planned.xlsx');
    expect(r.out).toContain(`Geschreven naar ${output}`);
    expect(r.out).toMatch(/50,0% van uw klanten brengt 94,2% van de omzet/);
    expect(r.out).toMatch(/Niet meegeteld: totaalregel 14; 2 rijen met tekst als bedrag \(7, 13\); 1 lege rij$/m);
    // The input file is untouched, and every one of its cells is in the output unchanged
    expect(await cellsOf(input)).toEqual(before);
    const after = await cellsOf(output);
    for (const [address, cell] of before) expect(after.get(address), address).toBe(cell);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Verkoop', 'Notities', 'Pareto']);
    const ws = book.getWorksheet('Verkoop')!;
    expect([ws.getCell('F3').value, ws.getCell('F4').value, ws.getCell('F9').value]).toEqual(['Klasse', 'A', 'B']);
    expect(ws.getCell('F11').value).toBe('C'); // the =HYPERLINK name, kept as text, is an account like any other
    expect(book.getWorksheet('Pareto')!.getCell('A10').value).toBe('Totaal');
    expect((book.definedNames.model as { name: string }[]).map((n) => n.name).sort()).toEqual(['AccountPlanner_Accounts', 'AccountPlanner_Amounts', 'AccountPlanner_CategoryColumn', 'AccountPlanner_DataEnd', 'AccountPlanner_Dates', 'AccountPlanner_Keys', 'AccountPlanner_Pareto', 'AccountPlanner_TierColumn', 'AccountPlanner_Tiers']);
  });

  it('takes columns by header text or letter, cutoffs and labels', async () => {
    const out = join(dir, 'custom.xlsx');
    const r = await run('analyze', input, '--account', 'klant', '--amount', 'D', '--date', 'none', '--cutoffs', '50%,0.9', '--labels', 'Key,Mid,Tail', '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Key\s+1\s+25\.0%/m);
    expect(r.out).not.toContain('Categories');
  });

  it('asks for --replace before replacing its own earlier analysis', async () => {
    const once = join(dir, 'once.xlsx');
    await run('analyze', input, '--out', once);
    const again = await run('analyze', once, '--out', join(dir, 'twice.xlsx'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^account-planner: Account Planner wrote an analysis here before \(Verkoop!F3:I14\)\. Replace it with the new one: add --replace to replace it$/);
    expect((await run('analyze', once, '--out', join(dir, 'twice.xlsx'), '--replace')).code).toBe(0);
  });

  it('replaces its own conditional formats on a re-run, keeping the user\'s', async () => {
    // The user's rules: one on their amounts, one reaching from their column into the tiers'.
    const mine =
      '<conditionalFormatting sqref="D3:D14"><cfRule type="expression" dxfId="0" priority="1"><formula>D3&gt;1000</formula></cfRule></conditionalFormatting>' +
      '<conditionalFormatting sqref="E3:F14"><cfRule type="expression" dxfId="0" priority="2"><formula>$E3=""</formula></cfRule></conditionalFormatting>';
    const parts = zipParts(readFileSync(input));
    parts.set('xl/worksheets/sheet1.xml', parts.get('xl/worksheets/sheet1.xml')!.replace('<pageMargins', `${mine}<pageMargins`));
    let path = join(dir, 'rules.xlsx');
    writeFileSync(path, zipOf(parts));
    const rulesOf = (file: string) => {
      const out = zipParts(readFileSync(file));
      return ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml'].map((p) => out.get(p)!.match(/<conditionalFormatting\b.*?<\/conditionalFormatting>/g) ?? []);
    };
    const runs: string[][][] = [];
    for (const n of [1, 2, 3]) {
      const out = join(dir, `rules ${n}.xlsx`);
      expect((await run('analyze', path, '--out', out, ...(n > 1 ? ['--replace'] : []))).code).toBe(0);
      runs.push(rulesOf(out));
      path = out;
    }
    const [verkoop, pareto] = runs[0];
    expect(verkoop.slice(0, 2).join('')).toBe(mine);
    expect(verkoop.length).toBe(3);
    expect(pareto.length).toBe(2);
    // The same rules after every re-run, not one more each time
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[1]).toEqual(runs[0]);
  });

  it.each([
    ['a missing file', () => ['analyze', join(dir, 'missing.xlsx')], /^account-planner: no such file: .*missing\.xlsx$/],
    ['a file that is not .xlsx', () => (writeFileSync(join(dir, 'notes.xlsx'), 'hello'), ['analyze', join(dir, 'notes.xlsx')]), /notes\.xlsx is a text file \(such as \.csv\), not an \.xlsx workbook/],
    ['a password-protected workbook', () => (writeFileSync(join(dir, 'secret.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), ['analyze', join(dir, 'secret.xlsx')]), /secret\.xlsx is password-protected or an old \.xls file/],
    ['a damaged workbook', () => (writeFileSync(join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)])), ['analyze', join(dir, 'broken.xlsx')]), /broken\.xlsx is incomplete \(the file seems cut off/],
    ['a sheet that does not exist', () => ['analyze', input, '--sheet', 'Omzet', '--lang', 'en'], /^account-planner: There is no sheet called Omzet\.$/],
    ['a column that does not exist', () => ['analyze', input, '--amount', 'Winst'], /--amount: no column "Winst" in the table on Verkoop \(columns: A "Factuurnr", B "Klant"/],
    ['a sheet without a table', () => ['analyze', input, '--sheet', 'Notities', '--lang', 'en'], /No table found on Notities/],
    ['bad cutoffs', () => ['analyze', input, '--cutoffs', '80,95'], /cutoffs is 80: each cutoff must be a fraction between 0 and 1; write 0.8 or 80%/],
    ['--out onto the input', () => ['analyze', input, '--out', input], /--out is the input file: add --in-place/],
    ['an unknown option', () => ['analyze', input, '--colour'], /^account-planner: unknown option --colour for analyze; its options are --lang, --out/],
    ['an unknown command', () => ['analyse-everything'], /unknown command "analyse-everything"/],
  ])('fails on %s with one line and a non-zero exit', async (_, argv, message) => {
    const r = await run(...argv());
    expect(r.code).not.toBe(0);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('says what went wrong in Dutch with --lang nl, or with a Dutch LANG', async () => {
    expect((await run('analyze', join(dir, 'weg.xlsx'), '--lang', 'nl')).err).toBe(`account-planner: bestand niet gevonden: ${join(dir, 'weg.xlsx')}`);
    expect((await run('analyze', input, '--amount', 'Winst', '--lang=nl')).err).toMatch(/^account-planner: --amount: geen kolom "Winst" in de tabel op Verkoop \(kolommen: A "Factuurnr"/);
    expect((await run('analyze', input, '--lang', 'de')).err).toMatch(/^account-planner: --lang must be en or nl, not de$/);
    const lang = process.env.LANG;
    process.env.LANG = 'nl_NL.UTF-8';
    try {
      expect((await run('plans', input, '--max', '0')).err).toBe('account-planner: --max moet een geheel aantal plannen zijn, 1 of meer, niet 0');
      expect((await run('dansen')).err).toBe('account-planner: onbekende opdracht "dansen" (probeer --help)');
    } finally {
      process.env.LANG = lang;
    }
  });

  it('changes the input only with --in-place', async () => {
    const copy = join(dir, 'inplace.xlsx');
    copyFileSync(input, copy);
    const before = readFileSync(copy);
    const r = await run('analyze', copy, '--in-place', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'inplace.planned.xlsx'))).toBe(false);
    // The file as it was stays beside it, byte for byte; a second run keeps the first backup
    expect(r.out).toContain(`inplace.xlsx as it was is kept as ${join(dir, 'inplace.backup.xlsx')}.`);
    expect(readFileSync(join(dir, 'inplace.backup.xlsx')).equals(before)).toBe(true);
    expect((await run('analyze', copy, '--in-place', '--replace')).out).toMatch(/kept as .*inplace\.backup 2\.xlsx\./);
    expect(readFileSync(join(dir, 'inplace.backup.xlsx')).equals(before)).toBe(true);
    expect([...(await cellsOf(copy)).keys()].some((k) => k.startsWith('Pareto!'))).toBe(true);
  });

  describe('a workbook with parts a rebuilt copy would lose', () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    /** The input with more parts, and the first sheet pointing at a drawing when `drawing` is set. */
    function withParts(name: string, extra: Record<string, string>, types: string[], drawing = false): string {
      const parts = zipParts(readFileSync(input));
      for (const [part, text] of Object.entries(extra)) parts.set(part, text);
      const overrides = types.map((t) => `<Override PartName="/${t.split(' ')[0]}" ContentType="${t.split(' ')[1]}"/>`).join('');
      parts.set('[Content_Types].xml', parts.get('[Content_Types].xml')!.replace('</Types>', `${overrides}</Types>`));
      if (drawing) {
        parts.set('xl/worksheets/sheet1.xml', parts.get('xl/worksheets/sheet1.xml')!.replace('</worksheet>', `<drawing xmlns:r="${REL}" r:id="rIdChart"/></worksheet>`));
        const rels = parts.get('xl/worksheets/_rels/sheet1.xml.rels') ?? '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
        parts.set('xl/worksheets/_rels/sheet1.xml.rels', rels.replace('</Relationships>', `<Relationship Id="rIdChart" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`));
      }
      const path = join(dir, name);
      writeFileSync(path, zipOf(parts));
      return path;
    }
    const pivot = () =>
      withParts('pivot.xlsx', { 'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="Omzet per klant"/>' }, [
        'xl/pivotTables/pivotTable1.xml application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
      ]);

    it('keeps a pivot table, in a copy and in place, with no note', async () => {
      const path = pivot();
      const r = await run('analyze', path, '--lang', 'nl');
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/Let op|kopie heeft/);
      const pivotPart = zipParts(readFileSync(path)).get('xl/pivotTables/pivotTable1.xml');
      expect(zipParts(readFileSync(join(dir, 'pivot.planned.xlsx'))).get('xl/pivotTables/pivotTable1.xml')).toBe(pivotPart);
      const inPlace = await run('analyze', path, '--in-place', '--lang', 'en');
      expect(inPlace.err).toBe('');
      expect(inPlace.code).toBe(0);
      expect(zipParts(readFileSync(path)).get('xl/pivotTables/pivotTable1.xml')).toBe(pivotPart);
    });

    it('keeps names holding a formula or a constant as written', async () => {
      const parts = zipParts(readFileSync(input));
      const xml = parts.get('xl/workbook.xml')!;
      const names = '<definedName name="Rate">0.21</definedName><definedName name="Pick">IF(TRUE,1,2)</definedName>';
      const named = xml.includes('</definedNames>') ? xml.replace('</definedNames>', `${names}</definedNames>`) : xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
      parts.set('xl/workbook.xml', named);
      const path = join(dir, 'rate.xlsx');
      writeFileSync(path, zipOf(parts));
      const r = await run('analyze', path, '--lang', 'en');
      expect(r.code).toBe(0);
      const written = zipParts(readFileSync(join(dir, 'rate.planned.xlsx'))).get('xl/workbook.xml')!;
      expect(written).toContain(names);
    });

    it('keeps the chart of a drawing as openpyxl writes it, and every cell', async () => {
      const path = withParts(
        'chart.xlsx',
        {
          'xl/drawings/drawing1.xml': `<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}"><oneCellAnchor><from><col>3</col><colOff>0</colOff><row>1</row><rowOff>0</rowOff></from><ext cx="5400000" cy="2700000"/><graphicFrame><nvGraphicFramePr><cNvPr id="1" name="Chart 1"/><cNvGraphicFramePr/></nvGraphicFramePr><xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></graphicFrame><clientData/></oneCellAnchor></wsDr>`,
          'xl/drawings/_rels/drawing1.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`,
          'xl/charts/chart1.xml': '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>',
        },
        ['xl/drawings/drawing1.xml application/vnd.openxmlformats-officedocument.drawing+xml', 'xl/charts/chart1.xml application/vnd.openxmlformats-officedocument.drawingml.chart+xml'],
        true,
      );
      const r = await run('analyze', path, '--lang', 'en');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const copy = zipParts(readFileSync(join(dir, 'chart.planned.xlsx')));
      const original = zipParts(readFileSync(path));
      for (const part of ['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']) expect(copy.get(part), part).toBe(original.get(part));
      expect(copy.get('xl/worksheets/sheet1.xml')).toContain('<drawing xmlns:r=');
      // Every cell of the input sheet is in the copy as written (ExcelJS cannot read this drawing)
      const sheet = copy.get('xl/worksheets/sheet1.xml')!;
      for (const cell of original.get('xl/worksheets/sheet1.xml')!.match(/<c [^>]*(\/>|>.*?<\/c>)/g)!) expect(sheet).toContain(cell);
    });
  });

  it('prints help for the runner and for analyze', async () => {
    expect((await run('--help')).out).toMatch(/Usage: account-planner <command>/);
    expect((await run('analyze', '--help')).out).toMatch(/--cutoffs LIST/);
  });
});

describe('account-planner plans and overview', () => {
  it('stops before making more plan tabs than --max allows (200 unless given), and writes nothing', async () => {
    const analysed = join(dir, 'analysed-max.xlsx');
    expect((await run('analyze', input, '--out', analysed)).code).toBe(0);
    const target = join(dir, 'max.xlsx');
    const r = await run('plans', analysed, '--tier', 'A', '--max', '1', '--out', target);
    expect(r.code).toBe(1);
    expect(r.err).toBe('account-planner: tier A has 2 accounts, more plan tabs than --max 1 allows: add --max 2 to make them all, or name the accounts with --accounts');
    expect(existsSync(target)).toBe(false);
    expect((await run('plans', analysed, '--tier', 'A', '--max', '2', '--out', target)).code).toBe(0);
    expect((await run('plans', analysed, '--max', 'lots')).err).toBe('account-planner: --max must be a whole number of plans, 1 or more, not lots');
  });

  it('makes plan tabs for the A accounts of an analysed workbook, and the overview', async () => {
    const analysed = join(dir, 'analysed.xlsx');
    expect((await run('analyze', input, '--out', analysed, '--lang', 'nl')).code).toBe(0);
    const planned = join(dir, 'plans.xlsx');
    const r = await run('plans', analysed, '--tier', 'A', '--lang', 'nl', '--start', '2026-01-05', '--owner', 'Piet', '--out', planned);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/gemaakt\s+Plan – Bakkerij Jansen\n\s+gemaakt\s+Plan – Van Dijk BV/);
    expect(r.out).toContain('2 plannen gemaakt.');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(planned);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Verkoop', 'Notities', 'Pareto', 'Plan – Bakkerij Jansen', 'Plan – Van Dijk BV', 'Plannen-overzicht']);
    const plan = book.getWorksheet('Plan – Bakkerij Jansen')!;
    expect(plan.getCell('A1').value).toBe('Key-accountplan – Bakkerij Jansen');
    expect(plan.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(plan.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'portrait' });
    // A dropdown, an unlocked input, a protected sheet
    const stageRow = [...Array(60).keys()].map((i) => i + 1).find((r) => plan.getCell(r, 1).value === 'Fase van de relatie')!;
    expect(plan.getCell(stageRow, 2).dataValidation).toMatchObject({ type: 'list', formulae: ['"1 Contact leggen,2 Interesse wekken,3 Eerste verkoop,4 Vertrouwde leverancier,5 Strategische partner,6 Relatie veiligstellen"'] });
    expect(plan.getCell(stageRow, 2).protection).toMatchObject({ locked: false });
    expect((plan as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(book.getWorksheet('Plannen-overzicht')!.getCell('A5').value).toBe('Plan – Bakkerij Jansen');
    // The overview's seventeen columns print one page wide on a landscape page.
    expect(book.getWorksheet('Plannen-overzicht')!.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'landscape' });
  });

  it('skips what exists on a second run, and the overview command adds missing rows', async () => {
    const analysed = join(dir, 'analysed2.xlsx');
    await run('analyze', input, '--out', analysed);
    const once = join(dir, 'once-plans.xlsx');
    await run('plans', analysed, '--accounts', 'Kapper Anna', '--template', 'quick', '--out', once);
    const twice = await run('plans', once, '--accounts', 'kapper anna;Van Dijk BV', '--template', 'quick', '--out', join(dir, 'twice-plans.xlsx'));
    expect(twice.code).toBe(0);
    expect(twice.out).toMatch(/skipped\s+Plan – Kapper Anna \(already there\)/);
    expect(twice.out).toMatch(/made\s+Plan – Van Dijk BV/);
    const r = await run('overview', join(dir, 'twice-plans.xlsx'), '--out', join(dir, 'refreshed.xlsx'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Overview: 0 new plan tabs added, 2 in all\./);
  });

  it('rewrites the Whitespace sheet on each overview with the same rules, not one more each time', async () => {
    const analysed = join(dir, 'example.xlsx');
    expect((await run('analyze', 'examples/verkoop-2025.xlsx', '--out', analysed)).code).toBe(0);
    const runs = [join(dir, 'example plans.xlsx'), join(dir, 'example 1.xlsx'), join(dir, 'example 2.xlsx')];
    expect((await run('plans', analysed, '--accounts', 'Bakkerij De Boer', '--out', runs[0])).code).toBe(0);
    expect((await run('overview', runs[0], '--out', runs[1])).code).toBe(0);
    expect((await run('overview', runs[1], '--out', runs[2])).code).toBe(0);
    const rules = (file: string) => new Map([...zipParts(readFileSync(file))].map(([name, xml]) => [name, xml.match(/<conditionalFormatting\b/g)?.length ?? 0]));
    expect(zipParts(readFileSync(runs[2])).get('xl/workbook.xml')).toContain('name="Whitespace"');
    expect(rules(runs[2])).toEqual(rules(runs[0]));
    expect(rules(runs[1])).toEqual(rules(runs[0]));
  });

  it('copies the user\'s "Template …" sheet and fills the placeholders', async () => {
    const withTemplate = join(dir, 'template.xlsx');
    await writeXlsx(withTemplate, { Verkoop: dutchInvoices(), 'Template visit': [['Visit plan for {{account}}', null], ['Owner', '{{owner}}'], ['Start', '{{plan_start}}']] }, { Verkoop: [2] });
    const r = await run('plans', withTemplate, '--accounts', 'Acme', '--template', 'Template visit', '--owner', 'Sam', '--start', '2026-03-02', '--out', join(dir, 'from-template.xlsx'));
    expect(r.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'from-template.xlsx'));
    const plan = book.getWorksheet('Plan – Acme')!;
    expect(plan.getCell('A1').value).toBe('Visit plan for Acme');
    expect(plan.getCell('B2').value).toBe('Sam');
    expect(plan.getCell('B3').value).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect(plan.getCell('A1').font?.bold).toBe(true); // the template's formatting came along
    expect(book.getWorksheet('Template visit')!.getCell('A1').value).toBe('Visit plan for {{account}}');
  });

  it.each([
    ['plans without an analysis', () => ['plans', input], /Run the Pareto analysis first.*\(account-planner analyze verkoop\.xlsx\)$/],
    ['a template sheet that does not exist', () => ['plans', input, '--accounts', 'X', '--template', 'Template nope', '--lang', 'en'], /There is no template sheet called Template nope/],
    ['a bad start date', () => ['plans', input, '--accounts', 'X', '--start', '2026-02-30'], /--start must be a date written as YYYY-MM-DD, not 2026-02-30/],
    ['both --tier and --accounts', () => ['plans', input, '--tier', 'A', '--accounts', 'X'], /give one of --tier, --accounts, --key-accounts and --moved-down, not more/],
  ])('fails on %s with one line', async (_, argv, message) => {
    const r = await run(...argv());
    expect(r.code).not.toBe(0);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});

describe('more bad input (from review)', () => {
  it.each([
    ['a month 13', ['plans', input, '--accounts', 'X', '--start', '2026-13-01'], /--start must be a date written as YYYY-MM-DD, not 2026-13-01/],
    ['a month 0', ['plans', input, '--accounts', 'X', '--start', '2026-00-10'], /not 2026-00-10/],
    ['--out into a missing folder', ['analyze', input, '--out', '/no/such/folder/out.xlsx'], /--out: the folder \/no\/such\/folder does not exist/],
  ])('rejects %s', async (_, argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('keeps the dates of a 1904-system workbook right', async () => {
    const path = join(dir, 'mac-1904.xlsx');
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const ws = book.addWorksheet('Sales');
    ws.addRow(['Customer', 'Invoice date', 'Sales']);
    ws.addRow(['Acme', new Date(Date.UTC(2025, 11, 1)), 10000]);
    ws.addRow(['Beta', new Date(Date.UTC(2025, 11, 2)), 500]);
    await book.xlsx.writeFile(path);
    const out = join(dir, 'mac-1904-plans.xlsx');
    expect((await run('plans', path, '--accounts', 'Acme', '--start', '2026-01-05', '--out', out, '--lang', 'en')).code).toBe(0);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    const plan = result.getWorksheet('Plan – Acme')!;
    const start = plan.getColumn(1).values.findIndex((v) => v === 'Plan start');
    expect(plan.getCell(start, 2).value).toEqual(new Date(Date.UTC(2026, 0, 5)));
    expect(result.getWorksheet('Sales')!.getCell('B2').value).toEqual(new Date(Date.UTC(2025, 11, 1)));
  });
});

describe('placeholders (from review)', () => {
  it('leaves {{constructor}} and {{__proto__}} as written', async () => {
    const path = join(dir, 'proto.xlsx');
    await writeXlsx(path, { Verkoop: dutchInvoices(), 'Template x': [['Notes: {{constructor}} {{__proto__}}', '{{constructor}}']] }, { Verkoop: [2] });
    const out = join(dir, 'proto-out.xlsx');
    expect((await run('plans', path, '--accounts', 'Acme', '--template', 'Template x', '--out', out)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('Plan – Acme')!.getCell('A1').value).toBe('Notes: {{constructor}} {{__proto__}}');
    expect(book.getWorksheet('Plan – Acme')!.getCell('B1').value).toBe('{{constructor}}');
  });
});
