// The Excel Workbook port against stand-ins for Excel.run that count context.sync(): office-addin-mock
// where it can express the object model (a sheet's used range), and the recording stand-in
// (test/excel/stand-in.ts) where it cannot (collections with items, names, charts, conditional
// formats, ranges by address, refused requests).
import { OfficeMockObject } from 'office-addin-mock';
import { isUserError } from '../../shared/commands/errors';
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../shared/cells';
import { generatePlans } from '../../shared/commands/plans';
import { SELECTION_NAMES } from '../../shared/commands/key-accounts';
import { writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { SheetSpec, SpecValue, emptySpec } from '../../shared/sheet-spec';
import { CHART_NAME, LORENZ_CHART_NAME, ExcelRun, ExcelWorkbook, parseAddress } from '../../src/excel/workbook';
import { excelBridge } from '../../src/excel/bridge';
import { AnalysisOptions, apply, preview } from '../../shared/commands/analysis';
import { invoiceLines } from '../support/revenue-sheets';
import { productSales } from '../support/product-sales';
import { MemoryWorkbook } from '../support/memory-workbook';
import { Command, EXCEL_LIMITS, StandInExcel, describeArg, standInExcel, standInExcelFrom, valueTypeOf as typeOf } from './stand-in';

const MB = 1024 * 1024;
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

// ---------------------------------------------------------------------------------------------
// office-addin-mock: a workbook with one sheet and its used range.

interface UsedRange {
  address: string;
  values: unknown[][];
  valueTypes: string[][];
}

function mockedExcel(used: UsedRange | null) {
  const seen = { syncs: 0, sheet: '', valuesOnly: undefined as unknown };
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          sheet: {
            usedRange: used ? { isNullObject: false, ...used } : { isNullObject: true, address: '', values: [], valueTypes: [] },
            getUsedRangeOrNullObject(valuesOnly: boolean) {
              seen.valuesOnly = valuesOnly;
              return this.usedRange;
            },
            // The port asks, in the same request, whether the sheet holds its chart (none here).
            charts: {
              chart: { isNullObject: true },
              getItemOrNullObject() {
                return this.chart;
              },
            },
          },
          getItem(name: string) {
            seen.sheet = name;
            return this.sheet;
          },
        },
      },
      async sync() {
        seen.syncs++;
        await OfficeMockObject.prototype.sync.call(this as unknown as OfficeMockObject);
      },
    },
  });
  const run: ExcelRun = (batch) => batch(mock.context);
  return { run, seen };
}

/** Invoice lines as Excel reports them: values with "" for blanks, and their valueTypes. */
function invoices(lines: number): UsedRange {
  const values: unknown[][] = [['Invoice', 'Customer', 'Date', 'Sales']];
  for (let i = 0; i < lines; i++) values.push([1000 + i, `Customer ${i % 97}`, 45658 + (i % 365), i % 10 === 0 ? '' : (i * 37) % 1000]);
  return { address: `Data!A1:D${lines + 1}`, values, valueTypes: values.map((row) => row.map(typeOf)) };
}

describe('readSheet (office-addin-mock)', () => {
  it('costs one sync whether the sheet has 10 rows or 100,000', async () => {
    for (const lines of [10, 100_000]) {
      const { run, seen } = mockedExcel(invoices(lines));
      const sheet = await new ExcelWorkbook(run).readSheet('Data');
      expect(seen.syncs).toBe(1);
      expect(seen).toMatchObject({ sheet: 'Data', valuesOnly: true });
      expect(sheet.values).toHaveLength(lines + 1);
      expect(sheet.values[lines]).toEqual([1000 + lines - 1, `Customer ${(lines - 1) % 97}`, 45658 + ((lines - 1) % 365), ((lines - 1) * 37) % 1000]);
    }
  });

  it('normalises values: "" is blank, error cells (by valueType) are FormulaErrors, the text "#N/A" stays text', async () => {
    const { run } = mockedExcel({
      address: "'Sales 2026'!C5:F6",
      values: [
        ['Acme', '', '#N/A', '#N/A'],
        [45658, true, '#DIV/0!', '#SPILL!'],
      ],
      valueTypes: [
        ['String', 'Empty', 'String', 'Error'],
        ['Double', 'Boolean', 'Error', 'Error'],
      ],
    });
    const sheet = await new ExcelWorkbook(run).readSheet('Sales 2026');
    expect(sheet.origin).toEqual({ row: 4, col: 2 });
    expect(sheet.values[0].slice(0, 3)).toEqual(['Acme', null, '#N/A']);
    expect(sheet.values[1].slice(0, 2)).toEqual([45658, true]);
    const errors = [sheet.values[0][3], sheet.values[1][2], sheet.values[1][3]];
    errors.forEach((e) => expect(e).toBeInstanceOf(FormulaError));
    expect(errors.map((e) => (e as FormulaError).code)).toEqual(['#N/A', '#DIV/0!', '#VALUE!']);
    expect((errors[0] as FormulaError).message).toBe("'Sales 2026'!F5 is #N/A");
    expect((errors[2] as FormulaError).message).toBe("'Sales 2026'!F6 is #SPILL!");
  });

  it('reads an empty sheet as one blank cell at A1', async () => {
    const { run, seen } = mockedExcel(null);
    expect(await new ExcelWorkbook(run).readSheet('Data')).toEqual({ sheet: 'Data', origin: { row: 0, col: 0 }, values: [[null]] });
    expect(seen.syncs).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The recording stand-in (test/excel/stand-in.ts).

const rangePath = (sheet: string, address: string) => `workbook.worksheets.getItem(${JSON.stringify(sheet)}).getRange(${JSON.stringify(address)})`;

describe('info (stand-in)', () => {
  it('is one sync: sheet names, the active cell, the selected block, and the names that are one range', async () => {
    const excel = standInExcel();
    excel.sheets = ['Data', 'Sales 2026', "O'Brien"];
    excel.active = "'Sales 2026'!B3";
    excel.selected = "'Sales 2026'!$B$3:$C$40";
    excel.names = [
      { name: 'AP_Tiers', type: 'Range', value: "'Sales 2026'!$E$3:$F$40" },
      { name: 'AP_Pareto', type: 'Range', value: "'O''Brien'!$A$1:$J$20" },
      { name: 'Start', type: 'Range', value: 'Data!$A$1' },
      { name: 'Rate', type: 'Double', value: 0.21 },
      { name: 'Label', type: 'String', value: 'Data!A1' },
      { name: 'Broken', type: 'Error', value: '#REF!' },
      { name: 'TwoAreas', type: 'Range', value: 'Data!$A$1:$A$2,Data!$C$1:$C$2' },
    ];
    const info = await new ExcelWorkbook(excel.run).info();
    expect(excel.syncs).toBe(1);
    expect(info).toEqual({
      sheets: ['Data', 'Sales 2026', "O'Brien"],
      active: { sheet: 'Sales 2026', row: 2, col: 1 },
      selection: { row: 2, col: 1, rows: 38, cols: 2 },
      names: {
        AP_Tiers: { sheet: 'Sales 2026', region: { row: 2, col: 4, rows: 38, cols: 2 } },
        AP_Pareto: { sheet: "O'Brien", region: { row: 0, col: 0, rows: 20, cols: 10 } },
        Start: { sheet: 'Data', region: { row: 0, col: 0, rows: 1, cols: 1 } },
      },
    });
  });

  it('asks again without the selection when Excel refuses it (several areas selected): 2 syncs', async () => {
    const excel = standInExcel();
    excel.active = 'Data!C4';
    excel.selected = null;
    const info = await new ExcelWorkbook(excel.run).info();
    expect(excel.syncs).toBe(2);
    expect(info).toEqual({ sheets: ['Data'], active: { sheet: 'Data', row: 3, col: 2 }, names: {} });
    expect(info).not.toHaveProperty('selection');
  });

  it('gives a one-cell selection as a 1x1 region', async () => {
    const excel = standInExcel();
    excel.active = 'Data!D2';
    excel.selected = 'Data!$D$2';
    expect((await new ExcelWorkbook(excel.run).info()).selection).toEqual({ row: 1, col: 3, rows: 1, cols: 1 });
    expect(excel.syncs).toBe(1);
  });
});

describe('parseAddress', () => {
  it.each([
    ['Data!A1', { sheet: 'Data', region: { row: 0, col: 0, rows: 1, cols: 1 } }],
    ["='Sales 2026'!$B$3:$D$9", { sheet: 'Sales 2026', region: { row: 2, col: 1, rows: 7, cols: 3 } }],
    ["'It''s here'!AA10", { sheet: "It's here", region: { row: 9, col: 26, rows: 1, cols: 1 } }],
    ["'Q1!Q2'!B2", { sheet: 'Q1!Q2', region: { row: 1, col: 1, rows: 1, cols: 1 } }],
    ['Data!$C:$D', { sheet: 'Data', region: { row: 0, col: 2, rows: 1048576, cols: 2 } }],
    ['Data!3:5', { sheet: 'Data', region: { row: 2, col: 0, rows: 3, cols: 16384 } }],
  ])('%s', (address, expected) => expect(parseAddress(address)).toEqual(expected));

  it.each(['#REF!', 'Data!#REF!', 'Data!A1,Data!B2', "'[Book2.xlsx]Data'!A1", 'A1', '0.21'])('%s is not one range', (address) =>
    expect(parseAddress(address)).toBeNull(),
  );
});

describe('readSheet in chunks (stand-in)', () => {
  it('reads again in row chunks of the budget, halved while Excel refuses, when one response is too large', async () => {
    const excel = standInExcel();
    excel.grid = Array.from({ length: 5000 }, (_, i) => [i, `Customer ${i}`, i % 7 === 0 ? '' : i * 2, true]);
    excel.maxCellsPerResponse = 6000;
    const sheet = await new ExcelWorkbook(excel.run, { cellBudget: 8000 }).readSheet('Data');
    // 1 refused whole read + 1 for the address + 1 refused 2,000-row chunk + 5 chunks of 1,000 rows
    expect(excel.syncs).toBe(8);
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    expect(sheet.values).toEqual(excel.grid.map((row) => row.map((v) => (v === '' ? null : v))));
  });
});

describe('readSheet when Excel hands over nothing, even one row at a time', () => {
  it('says so in the pane\'s language, naming the row, as a message for the user', async () => {
    const excel = standInExcel();
    excel.grid = Array.from({ length: 10 }, (_, i) => [i, `Customer ${i}`]);
    excel.limits.cellsPerRead = 1; // every read is answered with values = null
    for (const [language, words] of [['en', /^Excel did not hand over the cells of Data!A1:B1, even one row at a time\./], ['nl', /^Excel gaf de cellen van Data!A1:B1 niet door/]] as const) {
      const read = new ExcelWorkbook(excel.run, { language }).readSheet('Data');
      await expect(read).rejects.toThrow(words);
      await expect(read).rejects.toSatisfy(isUserError);
    }
  });
});

describe('readSheet of a sheet larger than one read, as each Excel answers it (stand-in modes)', () => {
  // Invoice lines with what real sheets hold: blanks, an amount typed as text, an error cell.
  function largeSheet(lines: number): unknown[][] {
    const rows: unknown[][] = invoiceLines(lines, 2000).map((row) => row.map((v) => v ?? ''));
    for (let r = 7; r < rows.length; r += 1000) rows[r][3] = '';
    rows[11][3] = '1.234,50';
    return rows;
  }
  const options: AnalysisOptions = { host: 'excel', language: 'en', account: 1, amount: 3, date: 2 };
  /** The analysis from one read of the whole sheet: an Excel whose limits the sheet does not reach. */
  async function reference(rows: unknown[][]) {
    const excel = standInExcel({ sheets: { Data: rows } });
    const result = await preview(new ExcelWorkbook(excel.run), options);
    expect(excel.syncs).toBe(2);
    return result;
  }

  it('uses the limits Excel documents: five million cells per read, 5 MB per request and response on the web', () => {
    expect(EXCEL_LIMITS).toEqual({ cellsPerRead: 5_000_000, webPayloadBytes: 5 * MB });
    expect(standInExcel().host).toBe('desktop');
  });

  it('desktop: a read answered with values = null is read again in chunks, and the analysis is the one of a small read', async () => {
    const counts: number[] = [];
    for (const lines of [60_000, 120_000]) {
      const rows = largeSheet(lines);
      const excel = standInExcel({ sheets: { Data: rows } });
      // Five million cells would take this machine's memory; the behaviour is the same at 100,000.
      excel.limits.cellsPerRead = 100_000;
      const result = await preview(new ExcelWorkbook(excel.run), options);
      expect(result).toEqual(await reference(rows));
      expect(result.leftOut.textRows).toEqual([12]);
      // No read asked Excel for more than its limit twice: the null whole read, one null 200,000-cell chunk.
      const chunks = Math.ceil(rows.length / 25_000);
      expect(excel.syncs).toBe(1 + 1 + 1 + chunks);
      counts.push(excel.syncs);
    }
    // Twice the rows, twice the chunks: the round-trips follow the chunking, not the rows.
    expect(counts[1] - 2).toBeLessThanOrEqual(2 * (counts[0] - 2));
  });

  it('web: a response over 5 MB is refused, read again in chunks under it, and the analysis is the one of a small read', async () => {
    const rows = largeSheet(100_000);
    const types = rows.map((row) => row.map(typeOf));
    expect(bytes(rows) + bytes(types)).toBeGreaterThan(5 * MB);
    const excel = standInExcel({ sheets: { Data: rows }, host: 'web' });
    const result = await preview(new ExcelWorkbook(excel.run), options);
    expect(result).toEqual(await reference(rows));
    // info + 1 refused whole read + 1 for the address + chunks of 50,000 rows (200,000 cells)
    expect(excel.syncs).toBe(1 + 1 + 1 + Math.ceil(rows.length / 50_000));
  });

  it('web: a request over 5 MB is refused, so writes stay under it', async () => {
    const excel = standInExcel({ host: 'web' });
    const spec = emptySpec();
    spec.blocks.push({ sheet: 'Data', row: 0, col: 0, values: Array.from({ length: 60_000 }, (_, i) => [`Customer ${i} of the northern region ${'x'.repeat(60)}`]) });
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBeGreaterThan(1);
    await expect(new ExcelWorkbook(excel.run, { requestBytes: 20 * MB }).write(spec)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});

// ---------------------------------------------------------------------------------------------
// write

function tierBlock(rows: number): SheetSpec {
  const spec = emptySpec();
  const values: SpecValue[][] = [['Tier', 'Share']];
  for (let i = 0; i < rows; i++) values.push([['A', 'B', 'C'][i % 3], Math.round((i / rows) * 1e4) / 1e4]);
  spec.blocks.push({ sheet: 'Data', row: 0, col: 5, values });
  spec.styles.push({ sheet: 'Data', region: { row: 1, col: 6, rows, cols: 1 }, numberFormat: '0.0%' });
  return spec;
}

/** Every request's cell data stays under Excel on the web's 5 MB. */
const requestBytes = (excel: StandInExcel) => excel.requests.map((r) => r.reduce((n, c) => n + bytes(c.args), 0));

describe('write (stand-in)', () => {
  it('costs one sync for 10 rows and for 100,000 rows', async () => {
    for (const rows of [10, 100_000]) {
      const excel = standInExcel();
      await new ExcelWorkbook(excel.run).write(tierBlock(rows));
      expect(excel.syncs).toBe(1);
      const [values] = excel.find('values', 'set');
      expect(values.target).toBe(rangePath('Data', `F1:G${rows + 1}`));
      expect(values.args[0]).toHaveLength(rows + 1);
      const [formats] = excel.find('numberFormat', 'set');
      expect(formats.target).toBe(rangePath('Data', `G2:G${rows + 1}`));
      expect(formats.args[0]).toEqual(Array.from({ length: rows }, () => ['0.0%']));
    }
  });

  it('splits a payload past the request limit into more syncs, each under 5 MB, every row written once', async () => {
    const rows = 100_000;
    const spec = emptySpec();
    const long = (i: number, c: number) => `Customer ${i} of the northern region, column ${c} ${'x'.repeat(20)}`;
    spec.blocks.push({ sheet: 'Data', row: 1, col: 0, values: Array.from({ length: rows }, (_, i) => [0, 1, 2, 3].map((c) => long(i, c))) });
    const excel = standInExcel();
    await new ExcelWorkbook(excel.run).write(spec);
    const total = bytes(spec.blocks[0].values);
    expect(total).toBeGreaterThan(20 * MB);
    expect(excel.syncs).toBeGreaterThanOrEqual(Math.ceil(total / (4 * MB)));
    expect(excel.syncs).toBeLessThanOrEqual(Math.ceil(total / (4 * MB)) + 1);
    for (const size of requestBytes(excel)) expect(size).toBeLessThan(5 * MB);
    // The slices follow each other: rows 2..100001, in order, nothing twice.
    const slices = excel.find('values', 'set');
    expect(slices.length).toBe(excel.syncs);
    let next = 1;
    for (const slice of slices) {
      const n = (slice.args[0] as unknown[]).length;
      expect(slice.target).toBe(rangePath('Data', `A${next + 1}:D${next + n}`));
      next += n;
    }
    expect(next).toBe(rows + 1);
    // Every text goes with the apostrophe that keeps it text.
    expect(slices.flatMap((s) => s.args[0] as unknown[])).toEqual(spec.blocks[0].values.map((row) => row.map((v) => `'${v}`)));
  });

  it('writes every text behind an apostrophe, so Excel keeps it exactly (no numbers, dates, booleans, formulas)', async () => {
    const texts = ['00123', '1-2', "'t Veld", '=1+1', 'TRUE', '10%', '+31 6 1234', '@home', 'Plain'];
    const spec = emptySpec();
    spec.blocks.push({ sheet: 'Data', row: 0, col: 0, values: [[...texts, '', null, 42, true]] });
    spec.blocks.push({ sheet: 'Data', row: 2, col: 0, values: [[{ formula: '=SUM(A1:A2)' }, '00123', 3, '=not mine', 'FALSE', null]] });
    const excel = standInExcel();
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBe(1);
    expect(excel.find('values', 'set')).toEqual([
      {
        target: rangePath('Data', 'A1:M1'),
        name: 'values',
        kind: 'set',
        // "" and null are blank cells; numbers and booleans stay what they are.
        args: [[["'00123", "'1-2", "''t Veld", "'=1+1", "'TRUE", "'10%", "'+31 6 1234", "'@home", "'Plain", '', '', 42, true]]],
      },
    ]);
    // A block with a formula goes through `formulas`: the formula as it is, the texts still behind an apostrophe.
    expect(excel.find('formulas', 'set')).toEqual([
      { target: rangePath('Data', 'A3:F3'), name: 'formulas', kind: 'set', args: [[['=SUM(A1:A2)', "'00123", 3, "'=not mine", "'FALSE", '']]] },
    ]);
  });

  it('brings every part of a spec to Excel in one sync after one look (is the old chart there, which names exist)', async () => {
    const spec = emptySpec();
    spec.addSheets.push('Pareto');
    spec.clear.push({ sheet: 'Data', region: { row: 0, col: 5, rows: 40, cols: 2 } });
    spec.blocks.push({ sheet: 'Pareto', row: 4, col: 7, values: [['Account', 'Revenue', 'Share'], ['Acme', 500, 0.5], ['Bolt', 300, 0.8], ['Cog', 200, 1]] });
    spec.styles.push({ sheet: 'Pareto', region: { row: 4, col: 7, rows: 1, cols: 3 }, bold: true, fill: '#F3F3F3', fontColor: '#1F4E79', wrap: true });
    spec.styles.push({ sheet: 'Pareto', region: { row: 5, col: 9, rows: 3, cols: 1 }, numberFormat: '0.0%' });
    spec.conditionalColours.push({
      sheet: 'Data',
      region: { row: 1, col: 5, rows: 39, cols: 1 },
      rules: [
        { equals: 'A', fill: '#C6EFCE', fontColor: '#0B5A1E' },
        { equals: 'B', fill: '#FFEB9C', fontColor: '#7A4A00' },
        { equals: 'Say "C"', fill: '#E7E6E6', fontColor: '#3B3B3B' },
      ],
    });
    spec.charts.push({
      sheet: 'Pareto',
      title: 'Revenue by account',
      categories: { row: 5, col: 7, rows: 3, cols: 1 },
      columns: { row: 5, col: 8, rows: 3, cols: 1 },
      line: { row: 5, col: 9, rows: 3, cols: 1 },
      columnsLabel: 'Revenue',
      lineLabel: 'Cumulative share',
      anchor: { row: 10, col: 0 },
      width: 640,
      height: 320,
    });
    spec.names.push({ name: 'AP_Pareto', sheet: 'Pareto', region: { row: 0, col: 0, rows: 8, cols: 10 } });
    spec.columnWidths.push({ sheet: 'Pareto', col: 7, width: 200 });
    spec.freezeRows.push({ sheet: 'Pareto', rows: 1 });

    const excel = standInExcel();
    excel.names = [{ name: 'AP_Pareto', type: 'Range', value: "'Old Pareto'!$A$1:$J$30" }];
    excel.charts.set('Data', ['Their chart', CHART_NAME]);
    await new ExcelWorkbook(excel.run).write(spec);
    // 1 to look (the chart on the sheet it clears, the names; written without info() first) + 1 to write
    expect(excel.syncs).toBe(2);
    expect(excel.requests[0]).toEqual([
      { target: 'workbook.names', name: 'getItemOrNullObject', kind: 'call', args: ['AP_Pareto'] },
      { target: 'workbook.worksheets', name: 'getItem', kind: 'call', args: ['Data'] },
      { target: 'workbook.worksheets.getItem("Data").charts', name: 'getItemOrNullObject', kind: 'call', args: [CHART_NAME] },
      { target: 'workbook.worksheets.getItem("Data").charts', name: 'getItemOrNullObject', kind: 'call', args: [LORENZ_CHART_NAME] },
      { target: 'workbook.worksheets', name: 'getItemOrNullObject', kind: 'call', args: ['Pareto'] },
    ]);
    excel.requests.shift();
    const all = excel.commands;
    const at = (c: Command) => all.indexOf(c);

    // The sheet is added, first, and written through the proxy add() returned.
    const [add] = excel.find('add').filter((c) => c.target === 'workbook.worksheets');
    expect(add.args).toEqual(['Pareto']);
    expect(at(add)).toBe(0);
    expect(excel.charts.get('Data')).toEqual(['Their chart']);
    expect(excel.charts.get('Pareto')).toEqual([CHART_NAME]);
    expect(excel.sheets).toEqual(['Data', 'Pareto']);
    const pareto = 'workbook.worksheets.add("Pareto")';
    expect(excel.find('values', 'set')[0].target).toBe(`${pareto}.getRange("H5:J8")`);

    // Clearing empties the region and removes the add-in's own chart, nobody else's.
    expect(excel.find('clear').map((c) => c.target)).toEqual([rangePath('Data', 'F1:G40')]);
    const deletes = excel.find('delete').map((c) => c.target);
    expect(deletes).toContain(`workbook.worksheets.getItem("Data").charts.getItem("${CHART_NAME}")`);

    // Styles
    const sets = (name: string) => excel.find(name, 'set').map((c) => [c.target, c.args[0]]);
    const header = `${pareto}.getRange("H5:J5").format`;
    expect(sets('bold')).toEqual([[`${header}.font`, true]]);
    expect(sets('color')).toEqual(expect.arrayContaining([[`${header}.fill`, '#F3F3F3'], [`${header}.font`, '#1F4E79']]));
    expect(sets('wrapText')).toEqual([[header, true]]);
    const cellFormats = sets('numberFormat').filter(([target]) => !String(target).includes('.axes.'));
    expect(cellFormats).toEqual([[`${pareto}.getRange("J6:J8")`, [['0.0%'], ['0.0%'], ['0.0%']]]]);

    // One conditional format per rule: cell value equal to the tier, with its fill and font colour.
    const formats = excel.find('add').filter((c) => c.target === `${rangePath('Data', 'F2:F40')}.conditionalFormats`);
    expect(formats.map((c) => c.args)).toEqual([['CellValue'], ['CellValue'], ['CellValue']]);
    expect(excel.find('rule', 'set').map((c) => c.args[0])).toEqual([
      { formula1: '="A"', operator: 'EqualTo' },
      { formula1: '="B"', operator: 'EqualTo' },
      { formula1: '="Say ""C"""', operator: 'EqualTo' },
    ]);
    const cfColours = excel.find('color', 'set').filter((c) => c.target.includes('.conditionalFormats.add('));
    expect(cfColours.map((c) => c.args[0])).toEqual(['#C6EFCE', '#0B5A1E', '#FFEB9C', '#7A4A00', '#E7E6E6', '#3B3B3B']);

    // The chart: columns over the accounts, the share as a line on a 0-100% secondary axis.
    const [chartAdd] = excel.find('add').filter((c) => c.target === `${pareto}.charts`);
    expect(chartAdd.args.map(describeArg)).toEqual(['"ColumnClustered"', `${pareto}.getRange("I6:I8")`, '"Columns"']);
    const chart = `${pareto}.charts.add("ColumnClustered",${pareto}.getRange("I6:I8"),"Columns")`;
    const of = (target: string) => excel.commands.filter((c) => c.target === target).map((c) => [c.name, ...c.args.map(describeArg)]);
    expect(of(chart)).toEqual(
      expect.arrayContaining([
        ['name', `"${CHART_NAME}"`],
        ['setPosition', `${pareto}.getRange("A11")`],
        ['width', '480'],
        ['height', '240'],
      ]),
    );
    expect(of(`${chart}.title`)).toEqual([['text', '"Revenue by account"']]);
    expect(of(`${chart}.series.getItemAt(0)`)).toEqual([
      ['name', '"Revenue"'],
      ['setXAxisValues', `${pareto}.getRange("H6:H8")`],
    ]);
    expect(of(`${chart}.series`)).toEqual(expect.arrayContaining([['add', '"Cumulative share"']]));
    expect(of(`${chart}.series.add("Cumulative share")`)).toEqual([
      ['setValues', `${pareto}.getRange("J6:J8")`],
      ['setXAxisValues', `${pareto}.getRange("H6:H8")`],
      ['chartType', '"Line"'],
      ['axisGroup', '"Secondary"'],
    ]);
    expect(of(`${chart}.axes.getItem("Value","Secondary")`)).toEqual([
      ['minimum', '0'],
      ['maximum', '1'],
      ['numberFormat', '"0%"'],
    ]);
    expect(excel.find('add').filter((c) => c.target.endsWith('.charts'))).toHaveLength(1);

    // The name: an existing one is deleted first (names.add refuses it), then added on the region.
    const nameDelete = all.find((c) => c.name === 'delete' && c.target === 'workbook.names.getItem("AP_Pareto")');
    const [nameAdd] = excel.find('add').filter((c) => c.target === 'workbook.names');
    expect(nameAdd.args.map(describeArg)).toEqual(['"AP_Pareto"', `${pareto}.getRange("A1:J8")`]);
    expect(nameDelete).toBeDefined();
    expect(at(nameDelete!)).toBeLessThan(at(nameAdd));
    expect(excel.names).toEqual([{ name: 'AP_Pareto', type: 'Range', value: `${pareto}.getRange("A1:J8")` }]);

    expect(sets('columnWidth')).toEqual([[`${pareto}.getRange("H:H").format`, 150]]);
    expect(of(`${pareto}.freezePanes`)).toEqual([['freezeRows', '1']]);
  });

  it('adds a sheet that appeared since info() only once: looks, then writes again', async () => {
    const excel = standInExcel();
    excel.sheets = ['Data', 'Pareto'];
    const spec = emptySpec();
    spec.addSheets.push('Pareto', 'Plans');
    spec.blocks.push({ sheet: 'Pareto', row: 0, col: 0, values: [['Pareto']] });
    await new ExcelWorkbook(excel.run).write(spec);
    // 1 refused (Pareto exists) + 1 to look + 1 to write
    expect(excel.syncs).toBe(3);
    expect(excel.sheets).toEqual(['Data', 'Pareto', 'Plans']);
    expect(excel.find('values', 'set').map((c) => c.target)).toEqual([rangePath('Pareto', 'A1')]);
  });

  it('passes on other errors without writing again', async () => {
    const excel = standInExcel();
    const spec = emptySpec();
    spec.addSheets.push('Plans');
    const failing: ExcelRun = (batch) =>
      excel.run(async (context) => {
        await batch(context);
        throw Object.assign(new Error('busy'), { code: 'GeneralException' });
      });
    await expect(new ExcelWorkbook(failing).write(spec)).rejects.toMatchObject({ code: 'GeneralException' });
    expect(excel.syncs).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The account-plan parts of a spec: copies, custom conditional formats, validations, merges,
// protection, print width, and the styling plans use.

const PLAN = 'Plan – Acme';
const planPath = `workbook.worksheets.add(${JSON.stringify(PLAN)})`;
const region = (row: number, col: number, rows = 1, cols = 1) => ({ row, col, rows, cols });

function planSpec(): SheetSpec {
  const spec = emptySpec();
  spec.addSheets.push(PLAN);
  spec.blocks.push({ sheet: PLAN, row: 0, col: 0, values: [['Key account plan – Acme'], ['Stage', null], ['Notes', null]] });
  spec.styles.push(
    { sheet: PLAN, region: region(0, 0), bold: true, fontSize: 14 },
    { sheet: PLAN, region: region(1, 0, 2, 1), italic: true, verticalAlign: 'top' },
    { sheet: PLAN, region: region(2, 1, 1, 6), verticalAlign: 'middle', wrap: true },
  );
  spec.conditionalFormulas.push({ sheet: PLAN, region: region(10, 2, 8, 1), formula: '=AND($C11<>"",$C11<TODAY())', fill: '#FFC7CE', fontColor: '#9C0006' });
  spec.validations.push(
    { sheet: PLAN, region: region(1, 1), list: ['1 Make contact', '2 Raise interest', 'Done'], message: 'Choose one of the options in the list.' },
    { sheet: PLAN, region: region(4, 1), whole: { min: 1, max: 5 }, message: 'A whole number from 1 to 5.' },
    { sheet: PLAN, region: region(5, 1), decimal: { min: 0, max: 1 }, message: 'A percentage from 0% to 100%.' },
    { sheet: PLAN, region: region(10, 2, 8, 1), date: true, message: 'A date.' },
  );
  spec.merges.push({ sheet: PLAN, region: region(2, 1, 1, 6) });
  spec.protections.push({ sheet: PLAN, unlocked: [region(1, 1), region(2, 1, 1, 6), region(10, 2, 8, 1)] });
  spec.fitToPageWidth.push(PLAN);
  return spec;
}

describe('account-plan parts (stand-in)', () => {
  it('brings styling, custom conditional formats, validations, merges, print width and protection to a new sheet in one sync', async () => {
    const excel = standInExcel();
    await new ExcelWorkbook(excel.run).write(planSpec());
    expect(excel.syncs).toBe(1);
    const on = (address: string) => `${planPath}.getRange(${JSON.stringify(address)})`;
    const sets = (name: string) => excel.find(name, 'set').map((c) => [c.target, c.args[0]]);

    // Styling
    expect(sets('size')).toEqual([[`${on('A1')}.format.font`, 14]]);
    expect(sets('italic')).toEqual([[`${on('A2:A3')}.format.font`, true]]);
    expect(sets('verticalAlignment')).toEqual([
      [`${on('A2:A3')}.format`, 'Top'],
      [`${on('B3:G3')}.format`, 'Center'],
    ]);

    // A custom conditional format: the formula for the top-left cell, with its fill and font colour.
    const [cf] = excel.find('add').filter((c) => c.target.endsWith('.conditionalFormats'));
    expect(cf).toEqual({ target: `${on('C11:C18')}.conditionalFormats`, name: 'add', kind: 'call', args: ['Custom'] });
    const custom = `${on('C11:C18')}.conditionalFormats.add("Custom").custom`;
    expect(sets('formula')).toEqual([[`${custom}.rule`, '=AND($C11<>"",$C11<TODAY())']]);
    expect(sets('color')).toEqual(expect.arrayContaining([[`${custom}.format.fill`, '#FFC7CE'], [`${custom}.format.font`, '#9C0006']]));

    // Validations: cleared, then the rule, blanks allowed, and a stop alert with the message.
    const dv = (address: string) => `${on(address)}.dataValidation`;
    expect(excel.find('clear').map((c) => c.target)).toEqual([dv('B2'), dv('B5'), dv('B6'), dv('C11:C18')]);
    expect(sets('rule')).toEqual([
      [dv('B2'), { list: { inCellDropDown: true, source: '1 Make contact,2 Raise interest,Done' } }],
      [dv('B5'), { wholeNumber: { formula1: 1, formula2: 5, operator: 'Between' } }],
      [dv('B6'), { decimal: { formula1: 0, formula2: 1, operator: 'Between' } }],
      [dv('C11:C18'), { date: { formula1: '1900-01-01', operator: 'GreaterThan' } }],
    ]);
    expect(sets('ignoreBlanks')).toEqual([dv('B2'), dv('B5'), dv('B6'), dv('C11:C18')].map((t) => [t, true]));
    expect(sets('errorAlert')).toEqual([
      [dv('B2'), { showAlert: true, style: 'Stop', title: '', message: 'Choose one of the options in the list.' }],
      [dv('B5'), { showAlert: true, style: 'Stop', title: '', message: 'A whole number from 1 to 5.' }],
      [dv('B6'), { showAlert: true, style: 'Stop', title: '', message: 'A percentage from 0% to 100%.' }],
      [dv('C11:C18'), { showAlert: true, style: 'Stop', title: '', message: 'A date.' }],
    ]);

    // The long-text input is one merged cell.
    expect(excel.find('merge')).toEqual([{ target: on('B3:G3'), name: 'merge', kind: 'call', args: [false] }]);

    // One page wide, portrait.
    expect(sets('orientation')).toEqual([[`${planPath}.pageLayout`, 'Portrait']]);
    expect(sets('zoom')).toEqual([[`${planPath}.pageLayout`, { horizontalFitToPages: 1, verticalFitToPages: 0 }]]);

    // Protection: inputs unlocked, then the sheet protected without a password, as the last commands.
    expect(sets('locked')).toEqual([on('B2'), on('B3:G3'), on('C11:C18')].map((t) => [`${t}.format.protection`, false]));
    const protect = excel.find('protect');
    expect(protect).toEqual([{ target: `${planPath}.protection`, name: 'protect', kind: 'call', args: [{ allowFormatColumns: true, allowFormatRows: true }] }]);
    const all = excel.commands;
    expect(all.indexOf(protect[0])).toBe(all.length - 1);
    expect(excel.find('unprotect')).toEqual([]);
    expect(excel.protection.has(PLAN)).toBe(true);
  });

  it('unprotects a protected sheet it protects again first: one sync to look, one to write', async () => {
    const excel = standInExcel();
    excel.sheets.push('Plans overview', 'Notes');
    excel.protection.set('Plans overview', {});
    const spec = emptySpec();
    spec.blocks.push({ sheet: 'Plans overview', row: 4, col: 0, values: [['Plan – Acme']] });
    spec.protections.push({ sheet: 'Plans overview', unlocked: [region(4, 2, 10, 1)] }, { sheet: 'Notes', unlocked: [] });
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBe(2);
    // Only the protected one is unprotected (unprotecting an unprotected sheet is refused by some Excel builds).
    const unprotect = excel.find('unprotect');
    expect(unprotect.map((c) => c.target)).toEqual(['workbook.worksheets.getItem("Plans overview").protection']);
    expect(excel.commands.indexOf(unprotect[0])).toBeLessThan(excel.commands.indexOf(excel.find('values', 'set')[0]));
    expect(excel.find('protect').map((c) => c.target)).toEqual(['workbook.worksheets.getItem("Plans overview").protection', 'workbook.worksheets.getItem("Notes").protection']);
    expect([...excel.protection.keys()].sort()).toEqual(['Notes', 'Plans overview']);
  });

  it('a sheet to add and protect that appeared since info(), protected: looks twice, unprotects it, writes, protects it', async () => {
    const excel = standInExcel();
    excel.sheets.push(PLAN);
    excel.protection.set(PLAN, {});
    await new ExcelWorkbook(excel.run).write(planSpec());
    // 1 refused (the sheet exists) + 1 to look + 1 to look at its protection + 1 to write
    expect(excel.syncs).toBe(4);
    expect(excel.find('add').filter((c) => c.target === 'workbook.worksheets')).toEqual([]);
    const plan = `workbook.worksheets.getItem(${JSON.stringify(PLAN)})`;
    expect(excel.find('unprotect').map((c) => c.target)).toEqual([`${plan}.protection`]);
    expect(excel.find('protect').map((c) => c.target)).toEqual([`${plan}.protection`]);
    expect(excel.find('values', 'set').map((c) => c.target)).toEqual([`${plan}.getRange("A1:B3")`]);
    expect(excel.protection.has(PLAN)).toBe(true);
  });

  it('copies a sheet and names the copy in the same request, and writes into the copy', async () => {
    const excel = standInExcel();
    excel.sheets.push('Template Key');
    const spec = emptySpec();
    spec.copySheets.push({ from: 'Template Key', to: 'Plan – Bolt' });
    spec.blocks.push({ sheet: 'Plan – Bolt', row: 0, col: 1, values: [['Bolt']] });
    await new ExcelWorkbook(excel.run).write(spec);
    // 1 to look (is the name free, is the template protected) + 1 to copy and write
    expect(excel.syncs).toBe(2);
    const copy = 'workbook.worksheets.getItem("Template Key").copy("End")';
    const copied = excel.requests[1].filter((c) => c.name !== 'getItem');
    expect(copied.slice(0, 2)).toEqual([
      { target: 'workbook.worksheets.getItem("Template Key")', name: 'copy', kind: 'call', args: ['End'] },
      { target: copy, name: 'name', kind: 'set', args: ['Plan – Bolt'] },
    ]);
    expect(excel.find('values', 'set')).toEqual([{ target: `${copy}.getRange("B1")`, name: 'values', kind: 'set', args: [[["'Bolt"]]] }]);
    expect(excel.sheets).toEqual(['Data', 'Template Key', 'Plan – Bolt']);
    expect(excel.find('unprotect')).toEqual([]);
    expect(excel.find('protect')).toEqual([]);
  });

  it('opens the copy of a protected template to write into it, and protects it again as the template was', async () => {
    const excel = standInExcel();
    excel.sheets.push('Template Key');
    const options = { allowFormatCells: true, selectionMode: 'Unlocked' };
    excel.protection.set('Template Key', options);
    const spec = emptySpec();
    spec.copySheets.push({ from: 'Template Key', to: 'Plan – Bolt' });
    spec.blocks.push({ sheet: 'Plan – Bolt', row: 0, col: 1, values: [['Bolt']] });
    spec.styles.push({ sheet: 'Plan – Bolt', region: region(3, 1), numberFormat: 'yyyy-mm-dd' });
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBe(2);
    const copy = 'workbook.worksheets.getItem("Template Key").copy("End")';
    expect(excel.find('unprotect').map((c) => c.target)).toEqual([`${copy}.protection`]);
    expect(excel.find('protect')).toEqual([{ target: `${copy}.protection`, name: 'protect', kind: 'call', args: [options] }]);
    expect(excel.find('values', 'set')).toHaveLength(1);
    expect(excel.protection.get('Plan – Bolt')).toEqual(options);
    expect(excel.protection.get('Template Key')).toEqual(options);
  });

  it('refuses a copy whose name is taken before copying anything', async () => {
    const excel = standInExcel();
    excel.sheets.push('Template Key', 'Plan – Bolt');
    const spec = emptySpec();
    spec.copySheets.push({ from: 'Template Key', to: 'Plan – Bolt' });
    await expect(new ExcelWorkbook(excel.run).write(spec)).rejects.toThrow('There is already a sheet called Plan – Bolt.');
    expect(excel.syncs).toBe(1);
    expect(excel.find('copy')).toEqual([]);
    expect(excel.sheets).toEqual(['Data', 'Template Key', 'Plan – Bolt']);
  });

  it('prints the wide sheets landscape, the others portrait, each one page wide', async () => {
    const excel = standInExcel({ sheets: { Data: [['x']], Overview: [['y']] } });
    await new ExcelWorkbook(excel.run).write({ ...emptySpec(), fitToPageWidth: ['Data', 'Overview'], landscape: ['overview'] });
    expect(excel.find('orientation', 'set').map((c) => [c.target, c.args[0]])).toEqual([
      ['workbook.worksheets.getItem("Data").pageLayout', 'Portrait'],
      ['workbook.worksheets.getItem("Overview").pageLayout', 'Landscape'],
    ]);
    expect(excel.find('zoom', 'set').map((c) => c.args[0])).toEqual(new Array(2).fill({ horizontalFitToPages: 1, verticalFitToPages: 0 }));
  });

  it('leaves out the print width where Excel lacks ExcelApi 1.9, and says so in shortfalls', async () => {
    const asked: string[] = [];
    for (const supported of [true, false]) {
      const excel = standInExcel();
      const workbook = new ExcelWorkbook(excel.run, { supports: (set, version) => (asked.push(`${set} ${version}`), supported) });
      await workbook.write(planSpec());
      await workbook.write({ ...emptySpec(), fitToPageWidth: ['Data'] });
      // Without the API the second write has nothing to send, and sends nothing.
      expect(excel.syncs).toBe(supported ? 2 : 1);
      expect(excel.find('zoom')).toHaveLength(supported ? 2 : 0);
      expect(excel.find('orientation')).toHaveLength(supported ? 2 : 0);
      expect([...workbook.shortfalls]).toEqual(supported ? [] : ['printWidthUnsupported']);
      // Everything else still goes.
      expect(excel.find('protect')).toHaveLength(1);
    }
    expect(new Set(asked)).toEqual(new Set(['ExcelApi 1.9']));
  });

  it.each([
    ['a choice with a comma', { list: ['Yes, sure', 'No'] }, 'has a choice with a comma'],
    ['a list past 255 characters', { list: Array.from({ length: 30 }, (_, i) => `Choice number ${i}`) }, "more than Excel's 255 characters"],
    ['an empty list', { list: [] }, 'has an empty list'],
    ['two kinds', { whole: { min: 1, max: 5 }, date: true }, 'needs exactly one of'],
    ['min above max', { decimal: { min: 2, max: 1 } }, 'has min 2 above max 1'],
  ])('refuses a validation with %s before anything is sent', async (_, rule, message) => {
    const excel = standInExcel();
    const spec = planSpec();
    spec.validations.push({ sheet: PLAN, region: region(6, 1), message: 'x', ...rule });
    await expect(new ExcelWorkbook(excel.run).write(spec)).rejects.toThrow(message);
    expect(excel.syncs).toBe(0);
    expect(excel.sheets).toEqual(['Data']);
  });
});

// ---------------------------------------------------------------------------------------------
// Generating plans through the command: the round-trips per plan do not grow with the number of plans.

const accounts = (n: number) => Array.from({ length: n }, (_, i) => `Customer ${i + 1}`);

async function generate(n: number, template: 'key' | { sheet: string }, setup: (excel: StandInExcel) => void = () => {}) {
  const excel = standInExcel();
  setup(excel);
  const result = await generatePlans(new ExcelWorkbook(excel.run), { host: 'excel', language: 'en', accounts: { names: accounts(n) }, template, planStart: 46000 });
  return { excel, result };
}

describe('generating plans (stand-in)', () => {
  it('built-in template: one sync per plan, so 30 plans cost 29 syncs more than 1', async () => {
    const one = await generate(1, 'key');
    const thirty = await generate(30, 'key');
    for (const { result } of [one, thirty]) expect(result.failed).toBeNull();
    expect(thirty.result.made).toHaveLength(30);
    // info + 1 per plan + the overview's info and write
    expect(one.excel.syncs).toBe(1 + 1 + 2);
    const perPlan = one.excel.syncs - 3;
    expect(perPlan).toBe(1);
    expect(thirty.excel.syncs - one.excel.syncs).toBe(29 * perPlan);
    expect(thirty.excel.syncs).toBe(3 + 30 * perPlan);
    // Every plan got all of its parts: protected, one page wide, validated, its account as text.
    expect([...thirty.excel.protection.keys()]).toEqual(accounts(30).map((a) => `Plan – ${a}`));
    expect(thirty.excel.find('zoom')).toHaveLength(30 + 1); // and the overview
    expect(thirty.excel.find('rule', 'set').filter((c) => c.target.endsWith('.dataValidation')).length).toBe(30 * 27 + 1); // and the overview's weights
    expect(thirty.excel.find('merge').length).toBe(30 * 7); // six long-text inputs and the title
    const firstValues = thirty.excel.find('formulas', 'set')[0].args[0] as unknown[][];
    expect(firstValues[0][0]).toBe("'Key account plan – Customer 1");
  });

  it("the user's own template (protected): two syncs per plan (look, then copy and write), constant", async () => {
    const template = 'Template Key account';
    const setup = (excel: StandInExcel) => {
      excel.sheets.push(template);
      excel.protection.set(template, {});
      // readSheet reads the stand-in's grid: the template's cells with placeholders.
      excel.grid = [
        ['Account plan for {{account}}', ''],
        ['Owner', '{{owner}}'],
        ['Start', '{{plan_start}}'],
      ];
    };
    const one = await generate(1, { sheet: template }, setup);
    const thirty = await generate(30, { sheet: template }, setup);
    for (const { result } of [one, thirty]) expect(result.failed).toBeNull();
    expect(thirty.result.made).toHaveLength(30);
    // info + reading the template + 2 per plan + the overview's info and write
    const perPlan = one.excel.syncs - 4;
    expect(perPlan).toBe(2);
    expect(thirty.excel.syncs - one.excel.syncs).toBe(29 * perPlan);
    // Each copy is named, written behind its protection, and protected again like the template.
    const plans = accounts(30).map((a) => `Plan – ${a}`);
    expect(thirty.excel.sheets.filter((s) => s.startsWith('Plan – '))).toEqual(plans);
    expect([...thirty.excel.protection.keys()].sort()).toEqual([template, ...plans].sort());
    expect(thirty.excel.find('copy')).toHaveLength(30);
    const titles = thirty.excel.find('values', 'set').filter((c) => c.target.endsWith('.getRange("A1")'));
    expect(titles.map((c) => c.args[0])).toEqual(accounts(30).map((a) => [[`'Account plan for ${a}`]]));
  });
});

/**
 * The stand-in holding the product-sales table as the analysis leaves it (its columns, the Pareto
 * sheet and the names), taken from the in-memory workbook.
 */
function analysedProductSales(): StandInExcel {
  const m = new MemoryWorkbook({ Omzet: productSales() as (string | number)[][] });
  apply(m, { host: 'xlsx', language: 'en', today: 46000 });
  return standInExcelFrom(m);
}

describe('plans on a revenue table with product groups (stand-in)', () => {
  it('the analysis names the product column it found', async () => {
    const excel = standInExcel({ sheets: { Omzet: productSales().map((row) => row.map((v) => v ?? '')) } });
    expect((await apply(new ExcelWorkbook(excel.run), { host: 'excel', language: 'nl', today: 46100 })).status).toBe('written');
    expect(excel.names.find((n) => n.name === 'AccountPlanner_Products')?.value).toBe('workbook.worksheets.getItem("Omzet").getRange("C2:C14")');
  });

  it('writes the Whitespace sheet, its names and the overview with the health weights in the overview\'s one sync', async () => {
    const excel = analysedProductSales();
    const result = await generatePlans(new ExcelWorkbook(excel.run), { host: 'excel', language: 'en', accounts: { names: ['Acme', 'Bolt'] }, template: 'key', planStart: 46040 });
    expect(result.made).toHaveLength(2);
    expect(result.overview?.whitespace).toBe('Whitespace');
    expect(excel.sheets).toEqual(['Omzet', 'Pareto', 'Plan – Acme', 'Plan – Bolt', 'Plans overview', 'Whitespace']);
    const names = excel.names.map((n) => n.name);
    for (const name of ['AccountPlanner_Whitespace', 'AccountPlanner_WhitespaceGrid', 'AccountPlanner_WhitespaceGroups', 'AccountPlanner_WhitespaceAccounts', 'AccountPlanner_HealthWeights']) expect(names, name).toContain(name);
    // info, the revenue table, one sync per plan, then the overview's info, its number format and its write
    expect(excel.syncs).toBe(2 + 2 + 3);
    const formulas = excel.find('formulas', 'set').filter((c) => c.target.includes('"Whitespace"')).flatMap((c) => (c.args[0] as unknown[][]).flat());
    expect(formulas).toContain('=SUMIFS(AccountPlanner_Amounts,AccountPlanner_Keys,"=Acme*",AccountPlanner_Keys,"<>Acme?*",AccountPlanner_Products,"=Koffie*",AccountPlanner_Products,"<>Koffie?*",AccountPlanner_Dates,">"&($B$6-365),AccountPlanner_Dates,"<"&($B$6+1))');
  });
});

describe('the overview from the pane (Excel bridge on the stand-in)', () => {
  it('shows money in the revenue table\'s own format, as the plans do', async () => {
    const excel = analysedProductSales();
    excel.numberFormat = '[$€-413] #,##0.00';
    await generatePlans(new ExcelWorkbook(excel.run), { host: 'excel', language: 'en', accounts: { names: ['Acme', 'Bolt'] }, template: 'key', planStart: 46040, skipOverview: true });
    const globals = globalThis as Record<string, unknown>;
    globals.Excel = { run: excel.run };
    try {
      expect(await excelBridge(() => 'en-US').refreshOverview({ language: 'en' })).toMatchObject({ added: 2 });
    } finally {
      delete globals.Excel;
    }
    // Target, actual and gap (columns F:H) of the plans' rows 5 and 6.
    const money = excel.find('numberFormat', 'set').filter((c) => c.target.includes('"Plans overview"') && /"(F|G|H)5:\1\d+"/.test(c.target));
    expect(money.map((c) => c.args[0])).toEqual(new Array(3).fill([['[$€-413] #,##0.00'], ['[$€-413] #,##0.00']]));
  });
});

describe('the Key-account selection sheet (stand-in)', () => {
  it('writes the sheet with its formulas, checks, colours, names and protection in one sync after its reads; a second round goes on its own sheet', async () => {
    const excel = analysedProductSales();
    const result = await writeSelectionSheet(new ExcelWorkbook(excel.run), { language: 'en' });
    expect(result).toMatchObject({ sheet: 'Key-account selection', managers: 3, criteria: 6, previous: null });
    expect(excel.sheets).toEqual(['Omzet', 'Pareto', 'Key-account selection']);
    // info, the revenue table, its number format, then the write
    expect(excel.syncs).toBe(4);
    const names = excel.names.map((n) => n.name);
    for (const name of Object.values(SELECTION_NAMES)) expect(names, name).toContain(name);
    const formulas = excel.find('formulas', 'set').filter((c) => c.target.includes('"Key-account selection"')).flatMap((c) => (c.args[0] as unknown[][]).flat());
    // The first manager's score of the first candidate (three candidates: the block starts on row 14).
    expect(formulas).toContain('=IF(SUMPRODUCT($B$5:$G$5,--ISNUMBER(B16:G16))=0,"",SUMPRODUCT($B$5:$G$5,B16:G16)/SUMPRODUCT($B$5:$G$5,--ISNUMBER(B16:G16)))');
    expect(excel.find('rule', 'set').map((c) => c.args[0])).toEqual(expect.arrayContaining([{ list: { inCellDropDown: true, source: 'yes,no' } }]));
    expect(excel.protection.has('Key-account selection')).toBe(true);
    const second = await writeSelectionSheet(new ExcelWorkbook(excel.run), { language: 'en' });
    expect(second).toMatchObject({ sheet: 'Key-account selection 2', previous: 'Key-account selection' });
  });
});

// ---------------------------------------------------------------------------------------------
// Host behaviours the port answers to (docs/hosts.md, Excel JavaScript API).

describe('printing one page wide, read back (office-js #1860)', () => {
  it.each([
    [true, []],
    [false, ['printWidthNotApplied']],
  ])('fit-to-pages taking: %s — the plans say so when it did not, at no extra sync', async (takes, shortfalls) => {
    const { excel, result } = await generate(3, 'key', (e) => (e.fitToPagesTakes = takes));
    expect(result.made).toHaveLength(3);
    expect(result.shortfalls).toEqual(shortfalls);
    // info + 1 per plan + the overview's info and write, as when it takes
    expect(excel.syncs).toBe(3 + 3);
    expect(excel.zoom.get('Plan – Customer 1')).toEqual(takes ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: 100 });
  });
});

describe('*OrNullObject as documented: look, sync, then act (stand-in refuses methods on maybe-null objects)', () => {
  const options: AnalysisOptions = { host: 'excel', language: 'en', account: 1, amount: 3, date: 2, today: 46000 };

  it('the analysis writes in 4 syncs, and a re-run replaces its chart and names in 5, deleting only what is there', async () => {
    const excel = standInExcel({ sheets: { Data: invoiceLines(300, 40) } });
    const first = await apply(new ExcelWorkbook(excel.run), options);
    expect(first.status).toBe('written');
    // info, read, the amount column's number format, write: nothing to look up, the Pareto sheet
    // is new and info() listed the names
    expect(excel.syncs).toBe(4);
    expect(excel.charts.get('Pareto')).toEqual([CHART_NAME, LORENZ_CHART_NAME]);
    const names = excel.names.map((n) => n.name).sort();
    expect(names).toContain('AccountPlanner_Pareto');

    excel.syncs = 0;
    excel.requests = [];
    // The user removed one of the names meanwhile: it is simply added again, not deleted.
    excel.names = excel.names.filter((n) => n.name !== 'AccountPlanner_Amounts');
    const again = await apply(new ExcelWorkbook(excel.run), { ...options, replace: true });
    expect(again.status).toBe('written');
    // info, read the data, read the earlier Pareto sheet (each read also asks whether its sheet
    // holds the chart), the amount format, write: no look of its own
    expect(excel.syncs).toBe(5);
    expect(excel.charts.get('Pareto')).toEqual([CHART_NAME, LORENZ_CHART_NAME]);
    expect(excel.names.map((n) => n.name).sort()).toEqual(names);
    expect(excel.find('delete').map((c) => c.target).sort()).toEqual(
      [
        `workbook.worksheets.getItem("Pareto").charts.getItem("${CHART_NAME}")`,
        `workbook.worksheets.getItem("Pareto").charts.getItem("${LORENZ_CHART_NAME}")`,
        ...names.filter((n) => n !== 'AccountPlanner_Amounts').map((n) => `workbook.names.getItem(${JSON.stringify(n)})`),
      ].sort(),
    );
  });

  it('the analysis draws the Lorenz curve as an XY chart over its points, beside the Pareto chart', async () => {
    const excel = standInExcel({ sheets: { Data: invoiceLines(300, 40) } });
    await apply(new ExcelWorkbook(excel.run), options);
    const pareto = 'workbook.worksheets.add("Pareto")';
    const adds = excel.find('add').filter((c) => c.target === `${pareto}.charts`);
    expect(adds.map((c) => describeArg(c.args[0]))).toEqual(['"ColumnClustered"', '"XYScatterLinesNoMarkers"']);
    // 40 accounts: 41 points (0 to 40) in M7:Q47 with the list (G:K, categories included) beside.
    const chart = `${pareto}.charts.add("XYScatterLinesNoMarkers",${pareto}.getRange("P7:P47"),"Columns")`;
    const of = (target: string) => excel.commands.filter((c) => c.target === target).map((c) => [c.name, ...c.args.map(describeArg)]);
    expect(of(chart)).toEqual(expect.arrayContaining([['name', `"${LORENZ_CHART_NAME}"`], ['width', '360'], ['height', '300']]));
    expect(of(`${chart}.title`)).toEqual([['text', '"Lorenz curve: revenue of the smallest accounts"']]);
    expect(of(`${chart}.series.getItemAt(0)`)).toEqual([
      ['name', '"Lorenz curve"'],
      ['setXAxisValues', `${pareto}.getRange("O7:O47")`],
    ]);
    expect(of(`${chart}.series.add("Line of equality")`)).toEqual([
      ['setValues', `${pareto}.getRange("Q7:Q47")`],
      ['setXAxisValues', `${pareto}.getRange("O7:O47")`],
    ]);
    expect(of(`${chart}.series.add("Line of equality").format.line`)).toEqual([
      ['color', '"#7F7F7F"'],
      ['lineStyle', '"Dash"'],
    ]);
    for (const [axis, title] of [
      ['categoryAxis', 'Share of accounts, smallest first'],
      ['valueAxis', 'Share of their revenue'],
    ]) {
      expect(of(`${chart}.axes.${axis}`)).toEqual([
        ['minimum', '0'],
        ['maximum', '1'],
        ['numberFormat', '"0%"'],
      ]);
      expect(of(`${chart}.axes.${axis}.title`)).toEqual([['text', JSON.stringify(title)]]);
    }
    // Under the Pareto chart, never over it: the Pareto chart is 320 px from its row, at 16 px a row at least.
    const position = (target: string) => /getRange\("A(\d+)"\)/.exec(String(of(target).find((c) => c[0] === 'setPosition')![1]))![1];
    const paretoChart = excel.commands.find((c) => c.name === 'name' && c.args[0] === CHART_NAME)!.target;
    expect(Number(position(chart)) - Number(position(paretoChart))).toBeGreaterThanOrEqual(320 / 16);
  });

  it("a re-run over an analysis from before the Lorenz curve deletes only the Pareto chart that is there, then draws both", async () => {
    const excel = standInExcel({ sheets: { Data: invoiceLines(300, 40) } });
    await apply(new ExcelWorkbook(excel.run), options);
    excel.charts.set('Pareto', [CHART_NAME]);
    excel.requests = [];
    const again = await apply(new ExcelWorkbook(excel.run), { ...options, replace: true });
    expect(again.status).toBe('written');
    const chartDeletes = excel.find('delete').filter((c) => c.target.includes('.charts.'));
    expect(chartDeletes.map((c) => c.target)).toEqual([`workbook.worksheets.getItem("Pareto").charts.getItem("${CHART_NAME}")`]);
    expect(excel.charts.get('Pareto')).toEqual([CHART_NAME, LORENZ_CHART_NAME]);
  });

  it('the stand-in refuses delete() on an *OrNullObject before its isNullObject was read', async () => {
    const excel = standInExcel();
    excel.names = [{ name: 'Old', type: 'Range', value: 'Data!$A$1' }];
    const careless: Promise<void> = excel.run(async (context) => {
      context.workbook.names.getItemOrNullObject('Old').delete();
      await context.sync();
    });
    await expect(careless).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('sheet names are the same whatever their case (Excel refuses "pareto" beside "Pareto")', () => {
  it('a tab named like a plan in another case counts as that plan: skipped, nothing written into it', async () => {
    const { excel, result } = await generate(2, 'key', (e) => e.sheets.push('plan – customer 1'));
    expect(result.skipped.map((s) => s.account)).toEqual(['Customer 1']);
    expect(result.made.map((m) => m.sheet)).toEqual(['Plan – Customer 2']);
    expect(excel.sheets.filter((s) => s.toLowerCase() === 'plan – customer 1')).toEqual(['plan – customer 1']);
    const changes = (c: Command) => c.kind === 'set' || ['clear', 'merge', 'add', 'delete', 'protect', 'unprotect', 'copy', 'freezeRows'].includes(c.name);
    expect(excel.commands.filter((c) => c.target.includes('"plan – customer 1"') && changes(c))).toEqual([]);
  });

  it('the stand-in refuses adding a sheet whose name differs only in case', async () => {
    const excel = standInExcel();
    const adding = excel.run(async (context) => {
      context.workbook.worksheets.add('data');
      await context.sync();
    });
    await expect(adding).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });
});

describe('row lines and the source number format', () => {
  it('draws gridLines as thin lines on every edge and between the cells', async () => {
    const excel = standInExcel();
    const spec = emptySpec();
    spec.styles.push({ sheet: 'Data', region: { row: 1, col: 0, rows: 3, cols: 2 }, gridLines: '#BFBFBF' });
    await new ExcelWorkbook(excel.run).write(spec);
    const borders = excel.find('getItem', 'call').filter((c) => c.target.endsWith('.format.borders'));
    expect(borders.map((c) => c.args[0])).toEqual(['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical']);
    expect(borders.every((c) => c.target.includes('getRange("A2:B4")'))).toBe(true);
    expect(excel.find('color', 'set').map((c) => c.args[0])).toEqual(new Array(6).fill('#BFBFBF'));
    expect(excel.syncs).toBe(1);
  });

  it("reads one cell's number format in one sync", async () => {
    const seen = { syncs: 0, address: '' };
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: {
              cell: { numberFormat: [['[$€-413] #.##0,00']] },
              getRange(address: string) {
                seen.address = address;
                return this.cell;
              },
            },
            getItem() {
              return this.sheet;
            },
          },
        },
        async sync() {
          seen.syncs++;
          await OfficeMockObject.prototype.sync.call(this as unknown as OfficeMockObject);
        },
      },
    });
    const format = await new ExcelWorkbook((batch) => batch(mock.context)).numberFormat('Data', 4, 3);
    expect(format).toBe('[$€-413] #.##0,00');
    expect(seen).toEqual({ syncs: 1, address: 'D5' });
  });
});
