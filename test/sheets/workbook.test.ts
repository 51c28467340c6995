// SheetsWorkbook against the in-memory SpreadsheetApp stand-in: what lands in the cells, and how
// many service calls (round-trips to Google) it costs. The costs must not grow with the rows.
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../shared/cells';
import { AnalysisOptions, AnalysisResult, apply } from '../../shared/commands/analysis';
import { SheetSpec, SpecValue, emptySpec } from '../../shared/sheet-spec';
import { cellAt } from '../../shared/workbook';
import { SheetsWorkbook } from '../../src/sheets/workbook';
import { serial } from '../helpers';
import { MemoryWorkbook } from '../support/memory-workbook';
import { StandInOptions, standInSpreadsheet } from './stand-in';

function host(options: StandInOptions) {
  const s = standInSpreadsheet(options);
  const workbook = new SheetsWorkbook(s.spreadsheet, s.app);
  s.calls.reset();
  return { ...s, workbook };
}

/** A revenue sheet: a header and n rows of account, revenue. */
const revenue = (n: number): unknown[][] => [['Account', 'Revenue'], ...Array.from({ length: n }, (_, i) => [`Account ${i + 1}`, 1000 - (i % 1000)])];

/** A Date at midnight of y-m-d in the given zone, as Sheets hands a date cell to a script. */
function midnightIn(timeZone: string, y: number, m: number, d: number): Date {
  const guess = Date.UTC(y, m - 1, d);
  const wall = (t: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
        .formatToParts(new Date(t))
        .map((x) => [x.type, Number(x.value)]),
    );
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  };
  return new Date(guess - (wall(guess) - guess));
}

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
  it('gives the sheets, the active cell and the named ranges', () => {
    const s = host({ sheets: { Sales: revenue(3), Plans: [] }, active: { sheet: 'Plans', row: 3, col: 2, rows: 2, cols: 2 } });
    s.spreadsheet.setNamedRange('AP_PARETO', s.spreadsheet.getSheetByName('Sales')!.getRange('B2:C9'));
    s.spreadsheet.setNamedRange('AP_ONE', s.spreadsheet.getSheetByName('Plans')!.getRange('D4'));
    s.calls.reset();
    expect(s.workbook.info()).toEqual({
      sheets: ['Sales', 'Plans'],
      active: { sheet: 'Plans', row: 3, col: 2 },
      names: {
        AP_PARETO: { sheet: 'Sales', region: { row: 1, col: 1, rows: 8, cols: 2 } },
        AP_ONE: { sheet: 'Plans', region: { row: 3, col: 3, rows: 1, cols: 1 } },
      },
    });
    // 7 + one getName per sheet + 5 per named range
    expect(s.calls.count).toBe(7 + 2 + 5 * 2);
  });
});

describe('SheetsWorkbook.write', () => {
  it('costs the same number of service calls for 10 rows and for 100,000 rows', () => {
    const small = host({ sheets: { Sales: revenue(10) } });
    const big = host({ sheets: { Sales: revenue(100_000) } });
    small.workbook.write(paretoSpec(10));
    big.workbook.write(paretoSpec(100_000));
    expect(small.calls.count).toBe(63);
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
    // The first run's 63, less 4 for the sheet that exists, plus 2 to clear, 12 to find and remove the
    // earlier chart (getCharts, getRanges, 3 × getSheet + getName + getA1Notation, removeChart) and
    // 6 to recognise the 3 earlier tier rules (getRanges + getA1Notation each).
    expect(small.calls.count).toBe(63 - 4 + 2 + 12 + 6);
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

describe('SheetsWorkbook with the analysis command', () => {
  /** Every non-blank cell as "row,col=formula or value", in order. */
  const standInCells = (cells: unknown[][]) => cells.flatMap((row, r) => row.flatMap((v, c) => (v === null ? [] : [`${r},${c}=${JSON.stringify(v)}`]))).sort();
  const memoryCells = (m: MemoryWorkbook, sheet: string) => [...m.snapshot(sheet)].map(([k, v]) => `${k}=${JSON.stringify(v.formula ?? v.value)}`).sort();

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
        expect(s.chartsOf('Pareto')).toHaveLength(1);
        expect(s.rulesOf('Sales')).toHaveLength(3);
      }
    });
  }
});
