// SheetsWorkbook against the in-memory SpreadsheetApp stand-in: what lands in the cells, and how
// many service calls (round-trips to Google) it costs. The costs must not grow with the rows.
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../shared/cells';
import { AnalysisOptions, AnalysisResult, apply } from '../../shared/commands/analysis';
import { renderPlan } from '../../shared/commands/plan-render';
import { generatePlans } from '../../shared/commands/plans';
import { SELECTION_NAMES } from '../../shared/commands/key-accounts';
import { selectionLayout, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { Region, SheetSpec, SpecValue, Styling, Validation, emptySpec } from '../../shared/sheet-spec';
import { TEMPLATES } from '../../shared/templates';
import { KEY_ACCOUNT_PLAN } from '../../shared/templates/key-account';
import { cellAt } from '../../shared/workbook';
import { FIT_TO_PAGE_WIDTH, SheetsWorkbook } from '../../src/sheets/workbook';
import { serial } from '../helpers';
import { MemoryWorkbook } from '../support/memory-workbook';
import { DEFAULT_FORMATS, StandInOptions, standInSpreadsheet } from './stand-in';
import { midnightIn, prng } from '../support/fixtures';
import { invoiceLines } from '../support/revenue-sheets';
import { productSales } from '../support/product-sales';

function host(options: StandInOptions) {
  const s = standInSpreadsheet(options);
  const workbook = new SheetsWorkbook(s.spreadsheet, s.app);
  s.calls.reset();
  return { ...s, workbook };
}

/** A revenue sheet: a header and n rows of account, revenue. */
const revenue = (n: number): unknown[][] => [['Account', 'Revenue'], ...Array.from({ length: n }, (_, i) => [`Account ${i + 1}`, 1000 - (i % 1000)])];


/** What the Pareto command writes for n accounts: header, data with two formula columns, formats, tiers, chart, name. */
function paretoSpec(n: number): SheetSpec {
  const spec = emptySpec();
  spec.addSheets.push('Pareto');
  spec.blocks.push({ sheet: 'Pareto', row: 0, col: 0, values: [['Account', 'Revenue', 'Cumulative share', 'Tier']] });
  spec.blocks.push({
    sheet: 'Pareto',
    row: 1,
    col: 0,
    values: Array.from({ length: n }, (_, i): SpecValue[] => [
      `Account ${i + 1}`,
      n - i,
      { formula: `=SUM($B$2:B${i + 2})/SUM($B$2:$B$${n + 1})` },
      { formula: `=IF(C${i + 2}<=0.8,"A",IF(C${i + 2}<=0.95,"B","C"))` },
    ]),
  });
  spec.styles.push(
    { sheet: 'Pareto', region: { row: 0, col: 0, rows: 1, cols: 4 }, bold: true, fill: '#DDEBF7' },
    { sheet: 'Pareto', region: { row: 1, col: 1, rows: n, cols: 1 }, numberFormat: '#,##0' },
    { sheet: 'Pareto', region: { row: 1, col: 2, rows: n, cols: 1 }, numberFormat: '0.0%' },
  );
  spec.conditionalColours.push({
    sheet: 'Pareto',
    region: { row: 1, col: 3, rows: n, cols: 1 },
    rules: [
      { equals: 'A', fill: '#C6EFCE', fontColor: '#006100' },
      { equals: 'B', fill: '#FFEB9C', fontColor: '#9C5700' },
      { equals: 'C', fill: '#FFC7CE', fontColor: '#9C0006' },
    ],
  });
  spec.charts.push({
    sheet: 'Pareto',
    title: 'Revenue by account',
    categories: { row: 1, col: 0, rows: n, cols: 1 },
    columns: { row: 1, col: 1, rows: n, cols: 1 },
    line: { row: 1, col: 2, rows: n, cols: 1 },
    columnsLabel: 'Revenue',
    lineLabel: 'Cumulative share',
    anchor: { row: 1, col: 5 },
    width: 600,
    height: 360,
  });
  spec.names.push({ sheet: 'Pareto', name: 'AP_PARETO', region: { row: 0, col: 0, rows: n + 1, cols: 4 } });
  spec.columnWidths.push({ sheet: 'Pareto', col: 0, width: 200 }, { sheet: 'Pareto', col: 1, width: 110 }, { sheet: 'Pareto', col: 2, width: 110 });
  spec.freezeRows.push({ sheet: 'Pareto', rows: 1 });
  return spec;
}

describe('SheetsWorkbook.readSheet', () => {
  it('costs the same three service calls for 10 rows and for 100,000 rows', () => {
    const small = host({ sheets: { Sales: revenue(10) } });
    const big = host({ sheets: { Sales: revenue(100_000) } });
    const a = small.workbook.readSheet('Sales');
    const b = big.workbook.readSheet('Sales');
    expect(a.values).toHaveLength(11);
    expect(b.values).toHaveLength(100_001);
    expect(b.values[100_000]).toEqual(['Account 100000', 1]);
    expect(small.calls.log).toEqual(['Spreadsheet.getSheetByName', 'Sheet.getDataRange', 'Range.getValues']);
    expect(big.calls.log).toEqual(small.calls.log);
  });

  it('reads blanks as null, error cells as FormulaError and keeps numbers, booleans and text', () => {
    const { workbook } = host({ sheets: { S: [['x', '', 3, true], ['#N/A', '#DIV/0!', '#ERROR!', 'n/a']] } });
    const { values } = workbook.readSheet('S');
    expect(values[0]).toEqual(['x', null, 3, true]);
    expect(values[1][0]).toBeInstanceOf(FormulaError);
    expect((values[1][0] as FormulaError).code).toBe('#N/A');
    expect((values[1][0] as FormulaError).message).toBe('S!A2 is #N/A');
    expect((values[1][1] as FormulaError).code).toBe('#DIV/0!');
    expect((values[1][2] as FormulaError).code).toBe('#VALUE!'); // Sheets' parse error
    expect(values[1][3]).toBe('n/a');
  });

  it('reads Date cells as serial numbers in the spreadsheet time zone, asking for the zone once', () => {
    for (const timeZone of ['America/Los_Angeles', 'Asia/Tokyo']) {
      const days = [midnightIn(timeZone, 2026, 3, 31), midnightIn(timeZone, 2026, 1, 1), midnightIn(timeZone, 2026, 12, 31)];
      const { workbook, calls } = host({ sheets: { S: days.map((d) => [d]) }, timeZone });
      expect(workbook.readSheet('S').values, timeZone).toEqual([[serial(2026, 3, 31)], [serial(2026, 1, 1)], [serial(2026, 12, 31)]]);
      expect(calls.of('Spreadsheet.getSpreadsheetTimeZone')).toBe(1);
      expect(calls.count).toBe(4);
    }
  });

  it('reads the time of day as the fraction of the serial', () => {
    const timeZone = 'America/Los_Angeles';
    const noon = new Date(midnightIn(timeZone, 2026, 3, 31).getTime() + 12 * 3600_000);
    const { workbook } = host({ sheets: { S: [[noon]] }, timeZone });
    expect(workbook.readSheet('S').values).toEqual([[serial(2026, 3, 31) + 0.5]]);
  });

  it('gives the origin of data that does not start at A1', () => {
    const rows = [[], [], [], [], ['', '', 'Account', 'Revenue'], ['', '', 'Acme', 10], ['', '', '', 20]];
    const { workbook } = host({ sheets: { S: rows } });
    const read = workbook.readSheet('S');
    expect(read.origin).toEqual({ row: 4, col: 2 });
    expect(read.values).toEqual([['Account', 'Revenue'], ['Acme', 10], [null, 20]]);
    expect(cellAt(read, 5, 2)).toBe('Acme');
    expect(cellAt(read, 6, 3)).toBe(20);
  });

  it('reads an empty sheet as one blank cell at A1', () => {
    const { workbook } = host({ sheets: { Empty: [] } });
    expect(workbook.readSheet('Empty')).toEqual({ sheet: 'Empty', origin: { row: 0, col: 0 }, values: [[null]] });
  });

  it('says which sheet is missing', () => {
    const { workbook } = host({ sheets: { S: [[1]] } });
    expect(() => workbook.readSheet('Nope')).toThrow('there is no sheet named Nope');
  });
});

describe('SheetsWorkbook.info', () => {
  it('gives the sheets, the active cell, the selection and the named ranges', () => {
    const s = host({ sheets: { Sales: revenue(3), Plans: [] }, active: { sheet: 'Plans', row: 3, col: 2, rows: 2, cols: 2 } });
    s.spreadsheet.setNamedRange('AP_PARETO', s.spreadsheet.getSheetByName('Sales')!.getRange('B2:C9'));
    s.spreadsheet.setNamedRange('AP_ONE', s.spreadsheet.getSheetByName('Plans')!.getRange('D4'));
    s.calls.reset();
    expect(s.workbook.info()).toEqual({
      sheets: ['Sales', 'Plans'],
      active: { sheet: 'Plans', row: 3, col: 2 },
      selection: { row: 3, col: 2, rows: 2, cols: 2 },
      names: {
        AP_PARETO: { sheet: 'Sales', region: { row: 1, col: 1, rows: 8, cols: 2 } },
        AP_ONE: { sheet: 'Plans', region: { row: 3, col: 3, rows: 1, cols: 1 } },
      },
    });
    // 6 + one getName per sheet + 5 per named range
    expect(s.calls.count).toBe(6 + 2 + 5 * 2);
    expect(s.calls.of('Spreadsheet.getActiveRange')).toBe(1);
  });

  it('gives a one-cell selection as one cell, and a large one at the same cost', () => {
    const one = host({ sheets: { S: revenue(3) }, active: { sheet: 'S', row: 2, col: 1 } });
    expect(one.workbook.info().selection).toEqual({ row: 2, col: 1, rows: 1, cols: 1 });
    const big = host({ sheets: { S: revenue(3) }, active: { sheet: 'S', row: 0, col: 0, rows: 50_000, cols: 30 } });
    const info = big.workbook.info();
    expect(info.selection).toEqual({ row: 0, col: 0, rows: 50_000, cols: 30 });
    expect(info.active).toEqual({ sheet: 'S', row: 0, col: 0 });
    expect(big.calls.log).toEqual(one.calls.log);
  });
});

describe('SheetsWorkbook.write', () => {
  it('costs the same number of service calls for 10 rows and for 100,000 rows', () => {
    const small = host({ sheets: { Sales: revenue(10) } });
    const big = host({ sheets: { Sales: revenue(100_000) } });
    small.workbook.write(paretoSpec(10));
    big.workbook.write(paretoSpec(100_000));
    // 5 to find the sheet, add it and put the selection back; 2 to fetch all 11 ranges at once
    // (getRangeList, getRanges); 3 for the blocks; 4 for the formats (one value each, each on one
    // rectangle: setFontWeight and setBackground on the header, setNumberFormat on B and on C, as
    // before); 20 for the tier rules, 16 for the chart, 1 name, 2 column-width runs, 1 freeze.
    expect(small.calls.count).toBe(54);
    expect(big.calls.log).toEqual(small.calls.log);
    expect(big.cellsOf('Pareto')).toHaveLength(100_001);
    expect(big.cellsOf('Pareto')[100_000]).toEqual(['Account 100000', 1, '=SUM($B$2:B100001)/SUM($B$2:$B$100001)', '=IF(C100001<=0.8,"A",IF(C100001<=0.95,"B","C"))']);
  });

  it('costs the same number of service calls on a re-run that replaces 10 rows or 100,000 rows', () => {
    const rerun = (n: number) => ({ ...paretoSpec(n), addSheets: [], clear: [{ sheet: 'Pareto', region: { row: 0, col: 0, rows: n + 1, cols: 4 } }] });
    const small = host({ sheets: { Sales: revenue(10) } });
    const big = host({ sheets: { Sales: revenue(100_000) } });
    small.workbook.write(paretoSpec(10));
    big.workbook.write(paretoSpec(100_000));
    small.calls.reset();
    big.calls.reset();
    small.workbook.write(rerun(10));
    big.workbook.write(rerun(100_000));
    // The first run's 54, less 4 for the sheet that exists, plus 1 to clear (its range comes with
    // the others), 12 to find and remove the earlier chart (getCharts, getRanges, 3 × getSheet +
    // getName + getA1Notation, removeChart) and 6 to recognise the 3 earlier tier rules
    // (getRanges + getA1Notation each). The header's weight and fill, one value each on a sheet
    // that exists, are set on the header's range as before (no read).
    expect(small.calls.count).toBe(54 - 4 + 1 + 12 + 6);
    expect(big.calls.log).toEqual(small.calls.log);
    expect(big.chartsOf('Pareto')).toHaveLength(1);
    expect(big.rulesOf('Pareto')).toHaveLength(3);
  });

  it('writes each block with one setValues, and the formulas of a block with one setFormulas', () => {
    const s = host({ sheets: { Sales: [], Notes: [] }, active: { sheet: 'Sales', row: 0, col: 0 } });
    s.workbook.write(paretoSpec(5));
    expect(s.calls.of('Range.setValues')).toBe(2);
    expect(s.calls.of('Range.setFormulas')).toBe(1);
    const [formulas] = s.calls.args('Range.setFormulas')[0] as [string[][]];
    expect(formulas).toHaveLength(5);
    expect(formulas[0]).toEqual(['=SUM($B$2:B2)/SUM($B$2:$B$6)', '=IF(C2<=0.8,"A",IF(C2<=0.95,"B","C"))']);
    // The formula cells are not also written as text by setValues
    const [values] = s.calls.args('Range.setValues')[1] as [unknown[][]];
    expect(values[0]).toEqual(["'Account 1", 5, '', '']);
    expect(s.cell('Pareto', 1, 2)).toEqual({ value: '', formula: '=SUM($B$2:B2)/SUM($B$2:$B$6)' });
    expect(s.cell('Pareto', 1, 1)).toEqual({ value: 5 });
    expect(s.sheetNames()).toEqual(['Sales', 'Notes', 'Pareto']); // at the end, not after the active sheet
  });

  it("puts the user's selection back after adding a sheet", () => {
    const s = host({ sheets: { Sales: revenue(3) }, active: { sheet: 'Sales', row: 2, col: 1 } });
    s.workbook.write(paretoSpec(3));
    expect(s.workbook.info().active).toEqual({ sheet: 'Sales', row: 2, col: 1 });
  });

  it('writes a block of formulas only with one setFormulas and no setValues', () => {
    const s = host({ sheets: { S: [] } });
    s.workbook.write({ ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [[{ formula: '=1+1' }, { formula: 'TODAY()' }]] }] });
    expect(s.calls.log).toEqual(['Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.setFormulas']);
    expect(s.cellsOf('S')).toEqual([['=1+1', '=TODAY()']]);
  });

  it('keeps the cost of scattered formulas constant too, writing them with the values', () => {
    const spec = (n: number): SheetSpec => ({
      ...emptySpec(),
      blocks: [{ sheet: 'S', row: 0, col: 0, values: Array.from({ length: n }, (_, i): SpecValue[] => ['x', i % 2 ? { formula: `=A${i + 1}` } : i]) }],
    });
    const small = host({ sheets: { S: [] } });
    const big = host({ sheets: { S: [] } });
    small.workbook.write(spec(20));
    big.workbook.write(spec(100_000));
    expect(small.calls.log).toEqual(['Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.setValues']);
    expect(big.calls.log).toEqual(small.calls.log);
    expect(big.cellsOf('S').slice(0, 3)).toEqual([['x', 0], ['x', '=A2'], ['x', 2]]);
  });

  it('writes text as text, even when it looks like a formula, a number or a date', () => {
    const s = host({ sheets: { S: [] } });
    const texts = ['=HYPERLINK("http://evil.example","click")', '+31 20 123', '-minus', '@home', '00123', 'TRUE', '2026-03-31', "'quoted"];
    s.workbook.write({ ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: texts.map((t) => [t]) }] });
    const [values] = s.calls.args('Range.setValues')[0] as [unknown[][]];
    expect(values[0]).toEqual(['\'=HYPERLINK("http://evil.example","click")']);
    expect(s.cellsOf('S')).toEqual(texts.map((t) => [t]));
    for (let r = 0; r < texts.length; r++) expect(s.cell('S', r, 0)?.formula, texts[r]).toBeUndefined();
  });

  it('writes blanks as empty cells and numbers and booleans as they are', () => {
    const s = host({ sheets: { S: [['old', 'old', 'old']] } });
    s.workbook.write({ ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [[null, 0.25, false]] }] });
    expect(s.cellsOf('S')).toEqual([[null, 0.25, false]]);
  });

  it("keeps the user's conditional rules and drops only the add-in's earlier rules inside a cleared region", () => {
    const s = host({ sheets: { Pareto: revenue(10) } });
    const sheet = s.spreadsheet.getSheetByName('Pareto')!;
    const user = s.app.newConditionalFormatRule().whenNumberGreaterThan(500).setBackground('#FF0000').setRanges([sheet.getRange('B2:B11')]).build();
    const earlier = s.app.newConditionalFormatRule().whenTextEqualTo('A').setBackground('#00FF00').setRanges([sheet.getRange('D2:D11')]).build();
    const straddling = s.app.newConditionalFormatRule().whenTextEqualTo('Z').setRanges([sheet.getRange('D2:D11'), sheet.getRange('H1')]).build();
    sheet.setConditionalFormatRules([user, earlier, straddling]);
    s.calls.reset();

    const spec = emptySpec();
    spec.clear.push({ sheet: 'Pareto', region: { row: 0, col: 2, rows: 20, cols: 2 } });
    spec.conditionalColours.push({ sheet: 'Pareto', region: { row: 1, col: 3, rows: 10, cols: 1 }, rules: [{ equals: 'A', fill: '#C6EFCE', fontColor: '#006100' }, { equals: 'B', fill: '#FFEB9C', fontColor: '#9C5700' }] });
    s.workbook.write(spec);

    const rules = s.rulesOf('Pareto');
    expect(rules.map((r) => r.condition)).toEqual([
      { type: 'NUMBER_GREATER_THAN', values: [500] },
      { type: 'TEXT_EQUAL_TO', values: ['Z'] },
      { type: 'TEXT_EQUAL_TO', values: ['A'] },
      { type: 'TEXT_EQUAL_TO', values: ['B'] },
    ]);
    expect(rules[2]).toEqual({
      condition: { type: 'TEXT_EQUAL_TO', values: ['A'] },
      background: '#C6EFCE',
      fontColor: '#006100',
      ranges: [{ sheet: 'Pareto', row: 1, col: 3, rows: 10, cols: 1 }],
    });
    expect(s.calls.of('Sheet.setConditionalFormatRules')).toBe(1);
  });

  it('leaves the rules alone when nothing is cleared and no colours are written', () => {
    const s = host({ sheets: { S: [] } });
    s.workbook.write({ ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [[1]] }] });
    expect(s.calls.of('Sheet.getConditionalFormatRules')).toBe(0);
    expect(s.calls.of('Sheet.setConditionalFormatRules')).toBe(0);
  });

  it('clears the add-in\'s earlier output, values and formats', () => {
    const s = host({ sheets: { S: [['keep', 'old', 'old'], ['keep', 'old', 'old']] } });
    s.spreadsheet.getSheetByName('S')!.getRange('B1:C2').setNumberFormat('0.0%');
    s.workbook.write({ ...emptySpec(), clear: [{ sheet: 'S', region: { row: 0, col: 1, rows: 2, cols: 2 } }] });
    expect(s.cellsOf('S')).toEqual([['keep'], ['keep']]);
    expect(s.formatAt('S', 0, 1)).toEqual({});
  });

  it('creates a named range, and moves one that exists', () => {
    const s = host({ sheets: { S: [] } });
    s.spreadsheet.setNamedRange('AP_PARETO', s.spreadsheet.getSheetByName('S')!.getRange('A1'));
    s.workbook.write({
      ...emptySpec(),
      names: [
        { name: 'AP_PARETO', sheet: 'S', region: { row: 1, col: 1, rows: 5, cols: 3 } },
        { name: 'AP_NEW', sheet: 'S', region: { row: 0, col: 0, rows: 1, cols: 1 } },
      ],
    });
    expect(s.namedRanges()).toEqual({
      AP_PARETO: { sheet: 'S', row: 1, col: 1, rows: 5, cols: 3 },
      AP_NEW: { sheet: 'S', row: 0, col: 0, rows: 1, cols: 1 },
    });
  });

  it('builds the Pareto chart from three ranges with the line on the secondary 0–100% axis', () => {
    const s = host({ sheets: {} });
    s.workbook.write(paretoSpec(10));
    const [chart] = s.chartsOf('Pareto');
    expect(chart.type).toBe('COMBO');
    expect(chart.ranges).toEqual([
      { sheet: 'Pareto', row: 1, col: 0, rows: 10, cols: 1 },
      { sheet: 'Pareto', row: 1, col: 1, rows: 10, cols: 1 },
      { sheet: 'Pareto', row: 1, col: 2, rows: 10, cols: 1 },
    ]);
    expect(chart.numHeaders).toBe(0);
    expect(chart.position).toEqual({ row: 2, col: 6, offsetX: 0, offsetY: 0 });
    expect(chart.options).toMatchObject({
      title: 'Revenue by account',
      width: 600,
      height: 360,
      series: { 0: { type: 'bars', targetAxisIndex: 0 }, 1: { type: 'line', targetAxisIndex: 1, labelInLegend: 'Cumulative share' } },
      vAxes: { 1: { format: 'percent', viewWindow: { min: 0, max: 1 } } },
    });
  });

  it("replaces its own chart on a re-run, wherever it was anchored, and keeps the user's charts", () => {
    const s = host({ sheets: { Sales: revenue(10) } });
    s.workbook.write(paretoSpec(10));
    const pareto = s.spreadsheet.getSheetByName('Pareto')!;
    const sales = s.spreadsheet.getSheetByName('Sales')!;
    // The user's: one partly on the add-in's data, one on another sheet's B2:B11 (same A1 as the add-in's data)
    pareto.insertChart(pareto.newChart().asLineChart().addRange(pareto.getRange('B2:B11')).addRange(pareto.getRange('H2:H11')).setPosition(20, 1, 0, 0).build());
    pareto.insertChart(pareto.newChart().asBarChart().addRange(sales.getRange('B2:B11')).setPosition(40, 1, 0, 0).build());
    const again = paretoSpec(10);
    again.addSheets = [];
    again.clear.push({ sheet: 'Pareto', region: { row: 0, col: 0, rows: 11, cols: 4 } });
    again.charts[0].anchor = { row: 3, col: 6 };
    s.workbook.write(again);
    expect(s.chartsOf('Pareto').map((c) => c.type).sort()).toEqual(['BAR', 'COMBO', 'LINE']);
    expect(s.chartsOf('Pareto').find((c) => c.type === 'COMBO')?.position).toEqual({ row: 4, col: 7, offsetX: 0, offsetY: 0 });
    expect(s.rulesOf('Pareto')).toHaveLength(3); // the tiers once, not twice
  });

  it('sets styles, column widths and frozen rows with one call per setting', () => {
    const s = host({ sheets: {} });
    s.workbook.write(paretoSpec(10));
    expect(s.formatAt('Pareto', 0, 0)).toEqual({ fontWeight: 'bold', background: '#DDEBF7' });
    expect(s.formatAt('Pareto', 5, 2)).toEqual({ numberFormat: '0.0%' });
    expect(s.formatAt('Pareto', 5, 1)).toEqual({ numberFormat: '#,##0' });
    expect([...s.widthsOf('Pareto')]).toEqual([[0, 200], [1, 110], [2, 110]]);
    expect(s.calls.of('Sheet.setColumnWidth') + s.calls.of('Sheet.setColumnWidths')).toBe(2);
    expect(s.frozenRowsOf('Pareto')).toBe(1);
  });

  it('changes nothing when the spec names a sheet that does not exist', () => {
    const s = host({ sheets: { S: [['keep']] } });
    const spec: SheetSpec = { ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [['new']] }, { sheet: 'Gone', row: 0, col: 0, values: [[1]] }] };
    expect(() => s.workbook.write(spec)).toThrow('cannot write to Gone: no such sheet');
    expect(s.calls.log.every((m) => m === 'Spreadsheet.getSheetByName')).toBe(true);
    expect(s.cellsOf('S')).toEqual([['keep']]);
  });

  it('changes nothing when a block is not a rectangle', () => {
    const s = host({ sheets: { S: [['keep']] } });
    const spec: SheetSpec = { ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [['new', 1], ['short']] }] };
    expect(() => s.workbook.write(spec)).toThrow('block at S!A1 is not a rectangle of cells');
    expect(s.calls.count).toBe(0);
  });
});

describe('SheetsWorkbook.write: the parts of an account plan', () => {
  const region = (row: number, col: number, rows = 1, cols = 1) => ({ row, col, rows, cols });

  it('copies a sheet with copyTo, names it, puts it at the end and writes into the copy', () => {
    const s = host({ sheets: { Template: [['Plan for', ''], ['Owner', '']], Sales: revenue(3) }, active: { sheet: 'Sales', row: 2, col: 1 } });
    const template = s.spreadsheet.getSheetByName('Template')!;
    template.getRange('B2').setBackground('#FFF8E1');
    template.setFrozenRows(1);
    s.calls.reset();
    s.workbook.write({
      ...emptySpec(),
      copySheets: [{ from: 'Template', to: 'Plan – Acme' }],
      blocks: [{ sheet: 'Plan – Acme', row: 0, col: 1, values: [['Acme']] }],
    });
    expect(s.sheetNames()).toEqual(['Template', 'Sales', 'Plan – Acme']);
    expect(s.cellsOf('Plan – Acme')).toEqual([['Plan for', 'Acme'], ['Owner', null]]);
    expect(s.formatAt('Plan – Acme', 1, 1)).toEqual({ background: '#FFF8E1' });
    expect(s.frozenRowsOf('Plan – Acme')).toBe(1);
    expect(s.cellsOf('Template')).toEqual([['Plan for'], ['Owner']]); // the original is untouched
    expect(s.calls.of('Sheet.copyTo')).toBe(1);
    expect(s.calls.args('Sheet.setName')).toEqual([['Plan – Acme']]);
    expect(s.workbook.info().active).toEqual({ sheet: 'Sales', row: 2, col: 1 });
  });

  it('copies a sheet of 10 rows and one of 10,000 rows with the same calls', () => {
    const spec: SheetSpec = { ...emptySpec(), copySheets: [{ from: 'Sales', to: 'Copy' }] };
    const small = host({ sheets: { Sales: revenue(10) } });
    const big = host({ sheets: { Sales: revenue(10_000) } });
    small.workbook.write(spec);
    big.workbook.write(spec);
    expect(big.calls.log).toEqual(small.calls.log);
    expect(big.cellsOf('Copy')).toHaveLength(10_001);
  });

  it('copies nothing when the copy would take the name of a sheet that exists', () => {
    const s = host({ sheets: { Template: [['x']], 'Plan – Acme': [['mine']] } });
    const spec: SheetSpec = { ...emptySpec(), copySheets: [{ from: 'Template', to: 'Plan – Acme' }] };
    expect(() => s.workbook.write(spec)).toThrow('cannot copy Template to Plan – Acme: there is already a sheet named Plan – Acme');
    expect(() => s.workbook.write({ ...emptySpec(), copySheets: [{ from: 'Gone', to: 'New' }] })).toThrow('cannot copy Gone: no such sheet');
    expect(s.sheetNames()).toEqual(['Template', 'Plan – Acme']);
    expect(s.calls.log.every((m) => m === 'Spreadsheet.getSheetByName')).toBe(true);
  });

  it("appends formula rules after the user's rules, one setConditionalFormatRules per sheet", () => {
    const s = host({ sheets: { Plan: revenue(10) } });
    const sheet = s.spreadsheet.getSheetByName('Plan')!;
    sheet.setConditionalFormatRules([s.app.newConditionalFormatRule().whenCellNotEmpty().setBold(true).setRanges([sheet.getRange('A1:A3')]).build()]);
    s.calls.reset();
    s.workbook.write({
      ...emptySpec(),
      conditionalFormulas: [
        { sheet: 'Plan', region: region(4, 8, 6), formula: '=AND($I5<>"",$I5<TODAY())', fill: '#FFC7CE', fontColor: '#9C0006' },
        { sheet: 'Plan', region: region(4, 9, 6), formula: '$J5>1', fill: '#C6EFCE', fontColor: '#006100' },
      ],
    });
    const rules = s.rulesOf('Plan');
    expect(rules).toHaveLength(3);
    expect(rules[0].condition).toEqual({ type: 'CELL_NOT_EMPTY', values: [] });
    expect(rules[1]).toEqual({
      condition: { type: 'CUSTOM_FORMULA', values: ['=AND($I5<>"",$I5<TODAY())'] },
      background: '#FFC7CE',
      fontColor: '#9C0006',
      ranges: [{ sheet: 'Plan', row: 4, col: 8, rows: 6, cols: 1 }],
    });
    expect(rules[2].condition).toEqual({ type: 'CUSTOM_FORMULA', values: ['=$J5>1'] }); // Sheets wants the "="
    expect(s.calls.of('Sheet.getConditionalFormatRules')).toBe(1);
    expect(s.calls.of('Sheet.setConditionalFormatRules')).toBe(1);
  });

  it('replaces its own formula rules on a re-run that clears their region, not adding them twice', () => {
    const s = host({ sheets: { Plan: [] } });
    const spec: SheetSpec = {
      ...emptySpec(),
      conditionalFormulas: [{ sheet: 'Plan', region: region(4, 8, 6), formula: '=$I5<TODAY()', fill: '#FFC7CE', fontColor: '#9C0006' }],
    };
    s.workbook.write(spec);
    s.workbook.write({ ...spec, clear: [{ sheet: 'Plan', region: region(0, 0, 20, 10) }] });
    expect(s.rulesOf('Plan')).toHaveLength(1);
  });

  it('sets the data validations of a sheet with one call: a dropdown list, number ranges and dates, invalid input rejected', () => {
    const s = host({ sheets: { Plan: [] } });
    s.workbook.write({
      ...emptySpec(),
      validations: [
        { sheet: 'Plan', region: region(4, 1, 5), list: ['Open', 'Won', 'Lost'], message: 'Choose one of the options in the list.' },
        { sheet: 'Plan', region: region(4, 2, 5), whole: { min: 1, max: 5 }, message: 'A whole number from 1 to 5.' },
        { sheet: 'Plan', region: region(4, 3, 5), decimal: { min: 0, max: 1 }, message: 'A percentage from 0% to 100%.' },
        { sheet: 'Plan', region: region(4, 4, 5), date: true, message: 'A date.' },
      ],
    });
    expect(s.validationAt('Plan', 6, 1)).toEqual({ criteria: { type: 'VALUE_IN_LIST', values: [['Open', 'Won', 'Lost'], true] }, allowInvalid: false, helpText: 'Choose one of the options in the list.' });
    expect(s.validationAt('Plan', 8, 2)).toEqual({ criteria: { type: 'NUMBER_BETWEEN', values: [1, 5] }, allowInvalid: false, helpText: 'A whole number from 1 to 5.' });
    expect(s.validationAt('Plan', 4, 3)).toEqual({ criteria: { type: 'NUMBER_BETWEEN', values: [0, 1] }, allowInvalid: false, helpText: 'A percentage from 0% to 100%.' });
    expect(s.validationAt('Plan', 5, 4)).toEqual({ criteria: { type: 'DATE_IS_VALID_DATE', values: [] }, allowInvalid: false, helpText: 'A date.' });
    expect(s.validationAt('Plan', 9, 1)).toBeNull(); // below the region
    expect(s.validationAt('Plan', 4, 0)).toBeNull(); // left of it
    // One 2-D setDataValidations over B5:E9. The sheet existed, so the rules in force there are
    // read first (one call) and written back where no region is: the user's stay.
    expect(s.calls.of('Range.getDataValidations')).toBe(1);
    expect(s.calls.args('Range.setDataValidations')).toHaveLength(1);
    expect(s.validationsOf('Plan')).toHaveLength(1);
    // One builder, told once to reject invalid input; per rule its criterion, help text and build.
    expect(s.calls.of('SpreadsheetApp.newDataValidation')).toBe(1);
    expect(s.calls.of('DataValidationBuilder.setAllowInvalid')).toBe(1);
    expect(s.calls.of('DataValidationBuilder.build')).toBe(4);
  });

  it('builds each distinct rule once per workbook, and a later write reuses it', () => {
    const s = host({ sheets: { Plan: [] } });
    const list = (row: number): Validation => ({ sheet: 'Plan', region: region(row, 1), list: ['Yes', 'No'], message: 'Choose one of the options in the list.' });
    const date = (row: number): Validation => ({ sheet: 'Plan', region: region(row, 2), date: true, message: 'A date.' });
    s.workbook.write({ ...emptySpec(), validations: [list(1), date(1), list(2), date(2), list(5)] });
    expect(s.calls.of('DataValidationBuilder.build')).toBe(2);
    expect(s.calls.of('DataValidationBuilder.setHelpText')).toBe(2);
    s.calls.reset();
    s.workbook.write({ ...emptySpec(), validations: [date(7), list(8)] });
    expect(s.calls.log.filter((m) => m.startsWith('DataValidationBuilder') || m === 'SpreadsheetApp.newDataValidation')).toEqual([]);
    for (const row of [1, 2, 5, 8]) expect(s.validationAt('Plan', row, 1)?.criteria?.type).toBe('VALUE_IN_LIST');
    for (const row of [1, 2, 7]) expect(s.validationAt('Plan', row, 2)).toEqual({ criteria: { type: 'DATE_IS_VALID_DATE', values: [] }, allowInvalid: false, helpText: 'A date.' });
    expect(s.validationAt('Plan', 3, 1)).toBeNull(); // inside the box, outside the regions
  });

  it('validates 10 rows and 100,000 rows with the same calls', () => {
    const spec = (n: number): SheetSpec => ({ ...emptySpec(), validations: [{ sheet: 'S', region: region(1, 0, n), list: ['A', 'B', 'C'], message: 'A, B or C' }] });
    const small = host({ sheets: { S: [] } });
    const big = host({ sheets: { S: [] } });
    small.workbook.write(spec(10));
    big.workbook.write(spec(100_000));
    expect(big.calls.log).toEqual(small.calls.log);
    expect(big.validationAt('S', 100_000, 0)?.criteria?.type).toBe('VALUE_IN_LIST');
    // One region: one setDataValidation on it, nothing read, no grid
    expect(small.calls.of('Range.setDataValidation')).toBe(1);
    expect(small.calls.of('Range.getDataValidations') + small.calls.of('Range.setDataValidations')).toBe(0);
  });

  it('changes nothing for a validation without exactly one rule, or with an empty list', () => {
    const s = host({ sheets: { S: [] } });
    const bad = (v: Partial<Validation>) => ({ ...emptySpec(), blocks: [{ sheet: 'S', row: 0, col: 0, values: [[1]] }], validations: [{ sheet: 'S', region: region(0, 0), message: 'm', ...v }] });
    expect(() => s.workbook.write(bad({}))).toThrow('validation at S!A1 needs exactly one of list, whole, decimal or date');
    expect(() => s.workbook.write(bad({ list: ['a'], date: true }))).toThrow('needs exactly one');
    expect(() => s.workbook.write(bad({ list: [] }))).toThrow('validation at S!A1 has an empty list');
    expect(() => s.workbook.write(bad({ whole: { min: 5, max: 1 } }))).toThrow('has min 5 above max 1');
    expect(s.calls.count).toBe(0);
    expect(s.cellsOf('S')).toEqual([]);
  });

  it('merges each region with one call, keeping the value written in its top-left cell', () => {
    const s = host({ sheets: { Plan: [] } });
    s.workbook.write({
      ...emptySpec(),
      blocks: [{ sheet: 'Plan', row: 5, col: 0, values: [['Notes', 'Call back in May', null, null, null, null, null]] }],
      merges: [{ sheet: 'Plan', region: region(5, 1, 1, 6) }, { sheet: 'Plan', region: region(7, 1, 1, 6) }],
    });
    expect(s.mergesOf('Plan')).toEqual([region(5, 1, 1, 6), region(7, 1, 1, 6)]);
    expect(s.cellsOf('Plan')[5]).toEqual(['Notes', 'Call back in May']);
    expect(s.calls.of('Range.merge')).toBe(2);
    expect(s.calls.of('Range.mergeAcross')).toBe(0); // rows 6 and 8 are not neighbours
    // A re-run merges the same regions again without complaint
    s.workbook.write({ ...emptySpec(), merges: [{ sheet: 'Plan', region: region(5, 1, 1, 6) }] });
    expect(s.mergesOf('Plan')).toHaveLength(2);
  });

  it('merges a stack of one-row regions over the same columns with one mergeAcross', () => {
    const s = host({ sheets: { Plan: [] } });
    const rows = [10, 11, 12, 13].map((r) => ({ sheet: 'Plan', region: region(r, 1, 1, 6) }));
    s.workbook.write({ ...emptySpec(), blocks: [{ sheet: 'Plan', row: 10, col: 1, values: [['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'x']] }], merges: [...rows, { sheet: 'Plan', region: region(20, 1, 2, 2) }] });
    expect(s.mergesOf('Plan')).toEqual([...rows.map((m) => m.region), region(20, 1, 2, 2)]);
    expect(s.cellsOf('Plan').slice(10, 14)).toEqual([[null, 'a'], [null, 'b'], [null, 'c'], [null, 'd']]); // only the left value of each row stays
    expect(s.calls.of('Range.mergeAcross')).toBe(1);
    expect(s.calls.of('Range.merge')).toBe(1);
  });

  it('protects a sheet without a password, warning only, with the input regions unlocked', () => {
    const s = host({ sheets: { Plan: [] } });
    const unlocked = [region(3, 1), region(4, 1, 1, 6), region(10, 1, 8, 3)];
    s.workbook.write({ ...emptySpec(), protections: [{ sheet: 'Plan', unlocked }] });
    expect(s.protectionOf('Plan')).toEqual({ warningOnly: true, unprotected: unlocked.map((r) => ({ sheet: 'Plan', ...r })) });
    // The unlocked ranges come in two calls, however many there are.
    expect(s.calls.log).toEqual([
      'Spreadsheet.getSheetByName',
      'Sheet.getRangeList',
      'RangeList.getRanges',
      'Sheet.protect',
      'Protection.setUnprotectedRanges',
      'Protection.setWarningOnly',
    ]);
    // A re-run reuses the sheet's protection and replaces the unlocked list
    s.workbook.write({ ...emptySpec(), protections: [{ sheet: 'Plan', unlocked: [region(3, 1)] }] });
    expect(s.protectionOf('Plan')).toEqual({ warningOnly: true, unprotected: [{ sheet: 'Plan', ...region(3, 1) }] });
  });

  it('records fitting to the page width (and a landscape page) as skipped, at no service call', () => {
    const s = host({ sheets: { Plan: [] } });
    expect(s.workbook.skipped).toEqual([]);
    s.workbook.write({ ...emptySpec(), fitToPageWidth: ['Plan'] });
    s.workbook.write({ ...emptySpec(), fitToPageWidth: ['Plan'], landscape: ['Plan'] });
    expect(s.workbook.skipped).toEqual([FIT_TO_PAGE_WIDTH]);
    expect(s.calls.log).toEqual(['Spreadsheet.getSheetByName', 'Spreadsheet.getSheetByName']);
    expect(() => s.workbook.write({ ...emptySpec(), fitToPageWidth: ['Gone'] })).toThrow('cannot write to Gone: no such sheet');
    // A landscape page is print setup too: skipped alike.
    const wide = host({ sheets: { Overview: [] } });
    wide.workbook.write({ ...emptySpec(), landscape: ['Overview'] });
    expect(wide.workbook.skipped).toEqual([FIT_TO_PAGE_WIDTH]);
  });

  it('sets font size, italics and vertical alignment', () => {
    const s = host({ sheets: { Plan: [] } });
    s.workbook.write({
      ...emptySpec(),
      styles: [
        { sheet: 'Plan', region: region(0, 0), bold: true, fontSize: 14 },
        { sheet: 'Plan', region: region(1, 0, 2), italic: true, fontColor: '#595959', verticalAlign: 'top' },
        { sheet: 'Plan', region: region(2, 0), italic: false, verticalAlign: 'middle' },
      ],
    });
    expect(s.formatAt('Plan', 0, 0)).toEqual({ fontWeight: 'bold', fontSize: 14 });
    expect(s.formatAt('Plan', 1, 0)).toEqual({ fontStyle: 'italic', fontColor: '#595959', verticalAlignment: 'top' });
    expect(s.formatAt('Plan', 2, 0)).toEqual({ fontStyle: 'normal', fontColor: '#595959', verticalAlignment: 'middle' });
  });

  for (const template of TEMPLATES) {
    it(`writes the ${template.id} plan as the in-memory workbook does, at the same cost in both languages`, () => {
      const counts: number[] = [];
      for (const language of ['en', 'nl'] as const) {
        const { spec } = renderPlan(template, { sheet: 'Plan – Acme', account: 'Acme', owner: 'Sam', planStart: serial(2026, 1, 5), language, source: { accounts: true, amounts: true, dates: true, tiers: true, categories: true } });
        const s = host({ sheets: { Sales: revenue(5) } });
        const m = new MemoryWorkbook({ Sales: revenue(5) as (string | number)[][] });
        s.workbook.write(spec);
        m.write(spec);
        counts.push(s.calls.count);
        expect(standInCells(s.cellsOf('Plan – Acme'))).toEqual(memoryCells(m, 'Plan – Acme'));
        for (const v of spec.validations) {
          const at = s.validationAt('Plan – Acme', v.region.row + v.region.rows - 1, v.region.col + v.region.cols - 1);
          expect(at?.helpText).toBe(v.message);
          expect(at?.criteria?.type).toBe(v.list ? 'VALUE_IN_LIST' : v.date ? 'DATE_IS_VALID_DATE' : 'NUMBER_BETWEEN');
        }
        expect(s.calls.of('Range.setDataValidations')).toBe(1);
        expect(s.protectionOf('Plan – Acme')?.warningOnly).toBe(true);
        expect(s.mergesOf('Plan – Acme')).toHaveLength(spec.merges.length);
        expect(s.workbook.skipped).toEqual(spec.fitToPageWidth.length ? [FIT_TO_PAGE_WIDTH] : []);
      }
      expect(counts[1]).toBe(counts[0]);
    });
  }
});

/** Every non-blank cell as "row,col=formula or value", in order. */
const standInCells = (cells: unknown[][]) => cells.flatMap((row, r) => row.flatMap((v, c) => (v === null ? [] : [`${r},${c}=${JSON.stringify(v)}`]))).sort();
const memoryCells = (m: MemoryWorkbook, sheet: string) => [...m.snapshot(sheet)].map(([k, v]) => `${k}=${JSON.stringify(v.formula ?? v.value)}`).sort();

describe('SheetsWorkbook with the analysis command', () => {
  for (const output of ['values', 'formulas'] as const) {
    it(`lands the same cells as the in-memory workbook, first run and re-run (${output})`, () => {
      const rows = [['Account', 'Revenue'], ...Array.from({ length: 30 }, (_, i) => [i === 0 ? '=Evil()' : `Acct ${i}`, 1000 - i * 30])];
      const options: AnalysisOptions = { host: 'sheets', language: 'en', output, today: serial(2026, 3, 31) };
      const s = host({ sheets: { Sales: rows } });
      const m = new MemoryWorkbook({ Sales: rows as (string | number)[][] });
      for (const run of [options, { ...options, replace: true }]) {
        expect((apply(s.workbook, run) as AnalysisResult).status).toBe('written');
        apply(m, run);
        expect(s.sheetNames()).toEqual(['Sales', 'Pareto']);
        for (const sheet of ['Sales', 'Pareto']) expect(standInCells(s.cellsOf(sheet)), sheet).toEqual(memoryCells(m, sheet));
        expect(s.cell('Sales', 1, 0)).toEqual({ value: '=Evil()' }); // text, not a formula
        expect(s.chartsOf('Pareto').map((c) => c.type)).toEqual(['COMBO', 'LINE']); // not piled up by the re-run
        expect(s.rulesOf('Sales')).toHaveLength(3);
      }
    });
  }

  it('draws the Lorenz curve as a line chart over its points: share of accounts across, the curve and the line of equality', () => {
    // 150 accounts: 101 points (every 1.5th account), so the block runs L5:P106 beside the list G:J (no date column: no data-end row).
    const rows = [['Account', 'Revenue'], ...Array.from({ length: 150 }, (_, i) => [`Acct ${i}`, 10 + i * i])];
    const s = host({ sheets: { Sales: rows } });
    apply(s.workbook, { host: 'sheets', language: 'nl', today: serial(2026, 3, 31) });
    const lorenz = s.chartsOf('Pareto').find((c) => c.type === 'LINE')!;
    const column = (col: number) => ({ sheet: 'Pareto', row: 5, col, rows: 101, cols: 1 });
    expect(lorenz.ranges).toEqual([column(13), column(14), column(15)]);
    expect(lorenz.numHeaders).toBe(0);
    expect(lorenz.position).toMatchObject({ col: 1, offsetX: 0, offsetY: 0 });
    const pareto = s.chartsOf('Pareto').find((c) => c.type === 'COMBO')!;
    expect(lorenz.position!.row - pareto.position!.row).toBeGreaterThanOrEqual(320 / 16);
    expect(lorenz.options).toMatchObject({
      title: 'Lorenzcurve: omzet van de kleinste klanten',
      width: 480,
      height: 400,
      series: { 0: { labelInLegend: 'Lorenzcurve' }, 1: { labelInLegend: 'Lijn van gelijkheid', lineDashStyle: [4, 4] } },
      hAxis: { title: 'Aandeel klanten, kleinste eerst', format: 'percent', viewWindow: { min: 0, max: 1 } },
      vAxis: { title: 'Aandeel in hun omzet', format: 'percent', viewWindow: { min: 0, max: 1 } },
    });
    // The points: counts and revenue as values, the shares as formulas over them.
    expect(s.cell('Pareto', 4, 11)).toEqual({ value: 'Klanten, kleinste eerst' });
    expect(s.cell('Pareto', 5, 13)).toMatchObject({ formula: '=L6/L$106' });
    expect(s.cell('Pareto', 105, 11)).toEqual({ value: 150 });
    expect(s.cell('Pareto', 107, 11)).toMatchObject({ value: expect.stringContaining('Klanten van klein naar groot') });
  });
});

describe('SheetsWorkbook with plans on a revenue table with product groups', () => {
  it('writes the whitespace grid, the Whitespace sheet, the health score and their names as the in-memory workbook does', async () => {
    const rows = productSales();
    const s = host({ sheets: { Omzet: rows } });
    const m = new MemoryWorkbook({ Omzet: rows as (string | number)[][] });
    for (const wb of [s.workbook, m]) {
      apply(wb, { host: 'sheets', language: 'nl', today: serial(2026, 1, 2) });
      await generatePlans(wb, { host: 'sheets', language: 'nl', accounts: { names: ['Acme', 'Cera'] }, template: 'key', planStart: serial(2026, 1, 15) });
    }
    expect(s.sheetNames()).toEqual(['Omzet', 'Pareto', 'Plan – Acme', 'Plan – Cera', 'Plannen-overzicht', 'Witte vlekken']);
    for (const sheet of ['Plan – Acme', 'Witte vlekken', 'Plannen-overzicht']) expect(standInCells(s.cellsOf(sheet)), sheet).toEqual(memoryCells(m, sheet));
    const names = s.namedRanges();
    for (const name of ['AccountPlanner_Products', 'AccountPlanner_Whitespace', 'AccountPlanner_WhitespaceGrid', 'AccountPlanner_WhitespaceGroups', 'AccountPlanner_WhitespaceAccounts', 'AccountPlanner_HealthWeights']) expect(names[name], name).toBeDefined();
    expect(names.AccountPlanner_Products.sheet).toBe('Omzet');
    expect(s.rulesOf('Witte vlekken')).toHaveLength(1); // the empty cells marked
  });
});

describe('SheetsWorkbook with the Key-account selection sheet', () => {
  it('writes the sheet, its checks, colours, protection and names as the in-memory workbook does; a second round leaves the first as it was', async () => {
    const rows = productSales();
    const s = host({ sheets: { Omzet: rows } });
    const m = new MemoryWorkbook({ Omzet: rows as (string | number)[][] });
    for (const wb of [s.workbook, m]) {
      apply(wb, { host: 'sheets', language: 'nl', today: serial(2026, 1, 2) });
      expect((await writeSelectionSheet(wb, { language: 'nl', managers: 2 })).sheet).toBe('Selectie key accounts');
    }
    expect(s.sheetNames()).toEqual(['Omzet', 'Pareto', 'Selectie key accounts']);
    expect(standInCells(s.cellsOf('Selectie key accounts'))).toEqual(memoryCells(m, 'Selectie key accounts'));
    const names = s.namedRanges();
    for (const name of Object.values(SELECTION_NAMES)) expect(names[name]?.sheet, name).toBe('Selectie key accounts');
    // Ratings 1–5, weights 0–1000, the decision ja/nee; the spread coloured, "ja" coloured.
    const layout = selectionLayout(3, 6, 2);
    expect(JSON.stringify(s.validationAt('Selectie key accounts', layout.blocks[1].firstRow, 3))).toMatch(/NUMBER_BETWEEN.*\[1,5\]/);
    expect(JSON.stringify(s.validationAt('Selectie key accounts', layout.firstCandidate, layout.columns.decision))).toMatch(/"ja","nee"/);
    expect(s.rulesOf('Selectie key accounts')).toHaveLength(2);
    expect(s.protectionOf('Selectie key accounts')?.unprotected.length).toBeGreaterThan(0);
    // A typed rating survives a second round, which goes on its own sheet.
    s.spreadsheet.getSheetByName('Selectie key accounts')!.getRange(layout.blocks[0].firstRow + 1, 2).setValue(4);
    const before = s.cellsOf('Selectie key accounts');
    expect((await writeSelectionSheet(s.workbook, { language: 'nl' })).sheet).toBe('Selectie key accounts 2');
    expect(s.cellsOf('Selectie key accounts')).toEqual(before);
    expect(s.namedRanges()[SELECTION_NAMES.decisions].sheet).toBe('Selectie key accounts 2');
  });
});

/** JSON with the keys in order, so two equal objects built in another order compare equal. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

describe('SheetsWorkbook.write: formats and validations in a few calls per sheet', () => {
  const region = (row: number, col: number, rows = 1, cols = 1): Region => ({ row, col, rows, cols });

  it("keeps the user's formats and validations inside the box of the regions but outside them", () => {
    const s = host({ sheets: { Plan: [['x']] } });
    const sheet = s.spreadsheet.getSheetByName('Plan')!;
    // The user's, in B2:D4: in the middle of the box A1:E5 the regions below span
    sheet
      .getRange('B2:D4')
      .setBackground('#ABCDEF')
      .setFontWeight('bold')
      .setFontStyle('italic')
      .setFontSize(8)
      .setVerticalAlignment('top')
      .setNumberFormat('0.00')
      .setWrap(true)
      .setFontColor('#111111');
    const mine = s.app.newDataValidation().requireValueInList(['mine']).setHelpText('the user’s').build();
    sheet.getRange('C3').setDataValidation(mine);
    s.calls.reset();
    // Values of each format at A1, A5, E5 (and C1): a 2-D write (read first) where that is fewer calls
    const at = (r: Region, st: Omit<Styling, 'sheet' | 'region'>): Styling => ({ sheet: 'Plan', region: r, ...st });
    s.workbook.write({
      ...emptySpec(),
      styles: [
        at(region(0, 0), { bold: true, italic: true, fontSize: 14, verticalAlign: 'top', fill: '#FF0000', fontColor: '#00FF00', numberFormat: '0%', wrap: true }),
        at(region(4, 0), { bold: true, italic: true, fontSize: 11, verticalAlign: 'middle', fill: '#00FF00', fontColor: '#0000FF', numberFormat: '#,##0', wrap: false }),
        at(region(4, 4), { bold: false, italic: false, fontSize: 12, fill: '#0000FF', fontColor: '#FF0000', numberFormat: '@' }),
        at(region(0, 2), { verticalAlign: 'top' }),
      ],
      validations: [
        { sheet: 'Plan', region: region(0, 0), list: ['a', 'b'], message: 'a or b' },
        { sheet: 'Plan', region: region(4, 4), date: true, message: 'A date.' },
        { sheet: 'Plan', region: region(4, 0), whole: { min: 1, max: 5 }, message: '1 to 5' },
      ],
    });
    const user = { background: '#ABCDEF', fontWeight: 'bold', fontStyle: 'italic', fontSize: 8, verticalAlignment: 'top', numberFormat: '0.00', wrap: true, fontColor: '#111111' };
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) expect({ ...DEFAULT_FORMATS, ...s.formatAt('Plan', r, c) }, `${r},${c}`).toEqual(user);
    expect(s.validationAt('Plan', 2, 2)).toEqual({ criteria: { type: 'VALUE_IN_LIST', values: [['mine'], true] }, helpText: 'the user’s' });
    for (const [r, c] of [[0, 4], [2, 0], [4, 2], [1, 4]]) {
      expect({ ...DEFAULT_FORMATS, ...s.formatAt('Plan', r, c) }, `${r},${c}`).toEqual(DEFAULT_FORMATS);
      expect(s.validationAt('Plan', r, c), `${r},${c}`).toBeNull();
    }
    expect(s.formatAt('Plan', 0, 0)).toMatchObject({ fontWeight: 'bold', fontStyle: 'italic', fontSize: 14, verticalAlignment: 'top', background: '#FF0000', fontColor: '#00FF00', numberFormat: '0%', wrap: true });
    expect(s.formatAt('Plan', 4, 4)).toMatchObject({ fontWeight: 'normal', fontStyle: 'normal', fontSize: 12, background: '#0000FF', fontColor: '#FF0000', numberFormat: '@' });
    expect(s.validationAt('Plan', 0, 0)?.criteria).toEqual({ type: 'VALUE_IN_LIST', values: [['a', 'b'], true] });
    expect(s.validationAt('Plan', 4, 4)?.helpText).toBe('A date.');
    // Read and written back over the box: the formats whose values read back exactly, and the validations
    for (const read of ['getFontWeights', 'getFontStyles', 'getFontSizes', 'getVerticalAlignments', 'getDataValidations']) expect(s.calls.of(`Range.${read}`), read).toBe(1);
    // Never read: colours (theme colours would come back fixed), number formats ("automatic"
    // would come back fixed) and wraps (clipped reads as not wrapped): only the regions' cells are set.
    for (const read of ['getBackgrounds', 'getFontColors', 'getNumberFormats', 'getWraps']) expect(s.calls.of(`Range.${read}`), read).toBe(0);
  });

  it('shows the same formats and validations as setting each region in turn, on a new sheet and on one with formats', () => {
    const random = prng(20260331);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const someRegion = (): Region => {
      const row = Math.floor(random() * 8);
      const col = Math.floor(random() * 6);
      return region(row, col, 1 + Math.floor(random() * 3), 1 + Math.floor(random() * 3));
    };
    const someStyling = (): Styling => {
      const st: Styling = { sheet: 'S', region: someRegion() };
      if (random() < 0.4) st.bold = random() < 0.6;
      if (random() < 0.4) st.italic = random() < 0.6;
      if (random() < 0.4) st.fill = pick(['#FF0000', '#00FF00', '#0000FF']);
      if (random() < 0.4) st.fontColor = pick(['#595959', '#FFFFFF']);
      if (random() < 0.4) st.fontSize = pick([9, 12, 14]);
      if (random() < 0.4) st.wrap = random() < 0.5;
      if (random() < 0.4) st.numberFormat = pick(['0%', '#,##0', 'yyyy-mm-dd']);
      if (random() < 0.4) st.verticalAlign = pick(['top', 'middle'] as const);
      return st;
    };
    const someValidation = (): Validation =>
      pick<Validation>([
        { sheet: 'S', region: someRegion(), list: ['a', 'b'], message: 'a or b' },
        { sheet: 'S', region: someRegion(), list: ['c'], message: 'c' },
        { sheet: 'S', region: someRegion(), date: true, message: 'A date.' },
        { sheet: 'S', region: someRegion(), whole: { min: 1, max: 5 }, message: '1 to 5' },
      ]);
    /** The user's formats and a validation, set directly. */
    const userFormats = (s: ReturnType<typeof host>) => {
      const sheet = s.spreadsheet.getSheetByName('S')!;
      sheet.getRange('B2:E7').setBackground('#ABCDEF').setFontWeight('bold').setFontSize(8).setNumberFormat('0.00').setWrap(true).setFontColor('#111111');
      sheet.getRange('C1:C10').setFontStyle('italic').setVerticalAlignment('middle');
      sheet.getRange('D3:F5').setDataValidation(s.app.newDataValidation().requireNumberBetween(0, 9).setHelpText('mine').build());
    };
    /** What the adapter wrote before the 2-D writes: every styling and validation on its own range, in order. */
    const regionByRegion = (s: ReturnType<typeof host>, spec: SheetSpec) => {
      const sheet = s.spreadsheet.getSheetByName('S') ?? s.spreadsheet.insertSheet('S');
      for (const st of spec.styles) {
        const range = sheet.getRange(st.region.row + 1, st.region.col + 1, st.region.rows, st.region.cols);
        if (st.numberFormat !== undefined) range.setNumberFormat(st.numberFormat);
        if (st.bold !== undefined) range.setFontWeight(st.bold ? 'bold' : 'normal');
        if (st.fill !== undefined) range.setBackground(st.fill);
        if (st.fontColor !== undefined) range.setFontColor(st.fontColor);
        if (st.wrap !== undefined) range.setWrap(st.wrap);
        if (st.fontSize !== undefined) range.setFontSize(st.fontSize);
        if (st.italic !== undefined) range.setFontStyle(st.italic ? 'italic' : 'normal');
        if (st.verticalAlign !== undefined) range.setVerticalAlignment(st.verticalAlign);
      }
      for (const v of spec.validations) {
        const builder = s.app.newDataValidation().setAllowInvalid(false).setHelpText(v.message);
        const rule = (v.list ? builder.requireValueInList(v.list, true) : v.date ? builder.requireDate() : builder.requireNumberBetween(v.whole!.min, v.whole!.max)).build();
        sheet.getRange(v.region.row + 1, v.region.col + 1, v.region.rows, v.region.cols).setDataValidation(rule);
      }
    };
    const shown = (s: ReturnType<typeof host>) =>
      Array.from({ length: 12 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r},${c} ${canonical({ ...DEFAULT_FORMATS, ...s.formatAt('S', r, c) })} ${canonical(s.validationAt('S', r, c))}`)).flat();

    for (let run = 0; run < 60; run++) {
      const existing = run % 2 === 1;
      const spec: SheetSpec = {
        ...emptySpec(),
        addSheets: existing ? [] : ['S'],
        styles: Array.from({ length: 1 + Math.floor(random() * 10) }, someStyling),
        validations: Array.from({ length: Math.floor(random() * 5) }, someValidation),
      };
      const seed: Record<string, unknown[][]> = existing ? { S: [['x']] } : {};
      const batched = host({ sheets: seed });
      const oneByOne = host({ sheets: seed });
      if (existing) [batched, oneByOne].forEach(userFormats);
      batched.workbook.write(spec);
      regionByRegion(oneByOne, spec);
      expect(shown(batched), `run ${run}: ${JSON.stringify(spec.styles)} ${JSON.stringify(spec.validations)}`).toEqual(shown(oneByOne));
    }
  });

  it('writes a key-account plan tab in at most 60 calls, and each further plan at one constant cost', () => {
    const plan = (language: 'en' | 'nl', linked: boolean) =>
      renderPlan(KEY_ACCOUNT_PLAN, {
        sheet: 'Plan – Acme',
        account: 'Acme',
        owner: 'Sam',
        planStart: serial(2026, 1, 5),
        language,
        source: { accounts: linked, amounts: linked, dates: linked, tiers: linked, categories: linked },
      }).spec;
    for (const language of ['en', 'nl'] as const)
      for (const linked of [true, false]) {
        const spec = plan(language, linked);
        // The spec has many small regions, and the cost must not follow them.
        expect(spec.styles.length + spec.validations.length + spec.protections[0].unlocked.length).toBeGreaterThan(150);
        const s = host({ sheets: { Sales: revenue(5) } });
        s.workbook.write(spec);
        // 60, plus one setRowHeights per run of tall rows (SWOT block, conditions, checklist, review
        // log, wrapped headers), the row lines of the inputs (getRangeList + setBorder) and the title's merge
        expect(s.calls.count, `${language}, linked ${linked}`).toBeLessThanOrEqual(70);
      }

    // Through the command: the analysis first (so the plans' formulas refer to its names), then n plans and the overview.
    const plans = (n: number) => {
      const s = host({ sheets: { Sales: invoiceLines(500, 60) } });
      apply(s.workbook, { host: 'sheets', language: 'en' });
      s.calls.reset();
      const names = Array.from({ length: n }, (_, i) => `Customer ${i}`);
      const result = generatePlans(s.workbook, { host: 'sheets', language: 'en', accounts: { names }, template: 'key', planStart: serial(2026, 1, 5) }) as { made: unknown[] };
      expect(result.made).toHaveLength(n);
      return s.calls.count;
    };
    const [one, five, ten] = [1, 5, 10].map(plans);
    // Each plan after the first costs the same (the first also builds the validation rules, which
    // the later ones reuse), whatever the number of plans.
    expect((ten - five) / 5).toBe((five - one) / 4);
    expect(Number.isInteger((ten - one) / 9)).toBe(true);
    expect((ten - one) / 9).toBeLessThanOrEqual(60);
  });
});

describe('SheetsWorkbook: row lines and the source number format', () => {
  const region = (row: number, col: number, rows = 1, cols = 1): Region => ({ row, col, rows, cols });

  it('draws gridLines with one setBorder per region, or one on a RangeList for several', () => {
    const s = host({ sheets: { Plan: [] } });
    s.workbook.write({ ...emptySpec(), styles: [{ sheet: 'Plan', region: region(2, 0, 4, 3), gridLines: '#BFBFBF' }] });
    expect(s.calls.of('Range.setBorder')).toBe(1);
    expect(s.formatAt('Plan', 5, 2)).toEqual({ border: '#BFBFBF' });
    expect(s.formatAt('Plan', 6, 2)).toEqual({});
    s.calls.reset();
    s.workbook.write({ ...emptySpec(), styles: [1, 8, 15].map((row) => ({ sheet: 'Plan', region: region(row, 0, 4, 3), gridLines: '#BFBFBF' })) });
    expect(s.calls.of('RangeList.setBorder')).toBe(1);
    expect(s.formatAt('Plan', 16, 1)).toEqual({ border: '#BFBFBF' });
  });

  it("reads one cell's number format in three calls", () => {
    const s = host({ sheets: { Data: [['Amount'], [12.5]] } });
    s.workbook.write({ ...emptySpec(), styles: [{ sheet: 'Data', region: region(1, 0), numberFormat: '"€" #,##0.00' }] });
    s.calls.reset();
    expect(s.workbook.numberFormat('Data', 1, 0)).toBe('"€" #,##0.00');
    expect(s.calls.count).toBe(3);
  });
});
