// The Excel Workbook port against stand-ins for Excel.run that count context.sync(): office-addin-mock
// where it can express the object model (a sheet's used range), and a small recording stand-in
// where it cannot (collections with items, names, charts, conditional formats, ranges by address,
// refused requests).
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../shared/cells';
import { SheetSpec, SpecValue, a1, emptySpec } from '../../shared/sheet-spec';
import { CHART_NAME, ExcelRun, ExcelWorkbook, parseAddress } from '../../src/excel/workbook';

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

const typeOf = (v: unknown) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String');

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
// The recording stand-in.

interface Command {
  target: string; // the object's path, e.g. workbook.worksheets.getItem("Data").getRange("A1:B2")
  name: string; // the property set or the method called
  kind: 'set' | 'call';
  args: unknown[];
}

const PATH = Symbol('path');
const pathOf = (x: unknown): string => (x as { [PATH]: string })[PATH];
const describeArg = (x: unknown) => (typeof x === 'function' ? pathOf(x) : JSON.stringify(x));
const READABLE = ['items', 'address', 'values', 'valueTypes', 'isNullObject'];

/**
 * Excel as far as these tests need it. Every object is a proxy that records the commands queued
 * on it; context.sync() sends them as one request (kept in `requests` when Excel accepts it).
 * Properties can be read only after load() and sync(), as in Excel. Adding a sheet or a name that
 * exists is refused (ItemAlreadyExists), and so is a response of more than `maxCellsPerResponse`
 * cells.
 */
class FakeExcel {
  sheets = ['Data'];
  names: { name: string; type: string; value: unknown }[] = [];
  active = 'Data!A1';
  /** The Data sheet's cells from A1, for reads ("" is blank). */
  grid: unknown[][] = [];
  maxCellsPerResponse = Infinity;
  syncs = 0;
  requests: Command[][] = [];
  private queued: Command[] = [];
  private loading: string[] = [];
  private loaded = new Set<string>();

  run: ExcelRun = (batch) => {
    this.queued = [];
    this.loading = [];
    this.loaded.clear();
    return batch(this.proxy(''));
  };

  get commands(): Command[] {
    return this.requests.flat();
  }

  find(name: string, kind?: 'set' | 'call'): Command[] {
    return this.commands.filter((c) => c.name === name && (!kind || c.kind === kind));
  }

  private async sync(): Promise<void> {
    this.syncs++;
    const [request, loading] = [this.queued, this.loading];
    [this.queued, this.loading] = [[], []];
    const exists = () => Object.assign(new Error('A resource with the same name or identifier already exists.'), { code: 'ItemAlreadyExists' });
    for (const c of request) {
      const name = c.args[0] as string;
      if (c.target === 'workbook.worksheets' && c.name === 'add') {
        if (this.sheets.includes(name)) throw exists();
        this.sheets.push(name);
      } else if (c.target === 'workbook.names' && c.name === 'add') {
        if (this.names.some((n) => n.name === name)) throw exists();
        this.names.push({ name, type: 'Range', value: describeArg(c.args[1]) });
      } else if (c.name === 'delete' && c.target.startsWith('workbook.names.getItemOrNullObject(')) {
        // A null object ignores delete.
        this.names = this.names.filter((n) => c.target !== `workbook.names.getItemOrNullObject(${JSON.stringify(n.name)})`);
      }
    }
    const cells = loading.filter((k) => k.endsWith('#values')).reduce((n, k) => n + this.cellsOf(k.split('#')[0]), 0);
    if (cells > this.maxCellsPerResponse) throw Object.assign(new Error('The response payload size has exceeded the limit.'), { code: 'ResponsePayloadSizeLimitExceeded' });
    loading.forEach((k) => this.loaded.add(k));
    this.requests.push(request);
  }

  private region(target: string) {
    if (target.endsWith('getUsedRangeOrNullObject(true)')) {
      return this.grid.length ? { row: 0, col: 0, rows: this.grid.length, cols: this.grid[0].length } : null;
    }
    const at = /getRange\("([A-Z0-9:]+)"\)$/.exec(target);
    return at ? parseAddress(`Data!${at[1]}`)!.region : null;
  }

  private cellsOf(target: string): number {
    const r = this.region(target);
    return r ? r.rows * r.cols : 0;
  }

  private read(target: string, prop: string): unknown {
    if (!this.loaded.has(`${target}#${prop}`)) throw new Error(`${target}.${prop} read without load() and sync()`);
    if (target === 'workbook.worksheets' && prop === 'items') return this.sheets.map((name) => ({ name }));
    if (target === 'workbook.names' && prop === 'items') return this.names;
    if (target === 'workbook.getActiveCell()' && prop === 'address') return this.active;
    const item = /worksheets\.getItemOrNullObject\("(.*)"\)$/.exec(target);
    if (item && prop === 'isNullObject') return !this.sheets.includes(item[1]);
    const r = this.region(target);
    if (prop === 'isNullObject') return r === null;
    if (!r) throw new Error(`nothing to read at ${target}`);
    if (prop === 'address') return `Data!${a1(r)}`;
    const rows = this.grid.slice(r.row, r.row + r.rows).map((row) => row.slice(r.col, r.col + r.cols));
    return prop === 'values' ? rows : rows.map((row) => row.map(typeOf));
  }

  private proxy(path: string): any {
    const fake = this;
    return new Proxy(function () {}, {
      get(_, prop, receiver) {
        if (prop === PATH) return path;
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        if (prop === 'sync' && path === '') return () => fake.sync();
        if (prop === 'load') {
          return (props: string) => {
            fake.loading.push(...props.split(',').map((p) => `${path}#${p.split('/')[0]}`));
            return receiver;
          };
        }
        if (READABLE.includes(prop)) return fake.read(path, prop);
        return fake.proxy(path ? `${path}.${prop}` : prop);
      },
      set(_, prop, value) {
        fake.queued.push({ target: path, name: String(prop), kind: 'set', args: [value] });
        return true;
      },
      apply(_, __, args) {
        const dot = path.lastIndexOf('.');
        fake.queued.push({ target: path.slice(0, dot), name: path.slice(dot + 1), kind: 'call', args });
        return fake.proxy(`${path}(${args.map(describeArg).join(',')})`);
      },
    });
  }
}

const rangePath = (sheet: string, address: string) => `workbook.worksheets.getItem(${JSON.stringify(sheet)}).getRange(${JSON.stringify(address)})`;

describe('info (stand-in)', () => {
  it('is one sync: sheet names, the active cell, and the names that are one range', async () => {
    const excel = new FakeExcel();
    excel.sheets = ['Data', 'Sales 2026', "O'Brien"];
    excel.active = "'Sales 2026'!B3";
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
      names: {
        AP_Tiers: { sheet: 'Sales 2026', region: { row: 2, col: 4, rows: 38, cols: 2 } },
        AP_Pareto: { sheet: "O'Brien", region: { row: 0, col: 0, rows: 20, cols: 10 } },
        Start: { sheet: 'Data', region: { row: 0, col: 0, rows: 1, cols: 1 } },
      },
    });
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
    const excel = new FakeExcel();
    excel.grid = Array.from({ length: 5000 }, (_, i) => [i, `Customer ${i}`, i % 7 === 0 ? '' : i * 2, true]);
    excel.maxCellsPerResponse = 6000;
    const sheet = await new ExcelWorkbook(excel.run, { cellBudget: 8000 }).readSheet('Data');
    // 1 refused whole read + 1 for the address + 1 refused 2,000-row chunk + 5 chunks of 1,000 rows
    expect(excel.syncs).toBe(8);
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    expect(sheet.values).toEqual(excel.grid.map((row) => row.map((v) => (v === '' ? null : v))));
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
const requestBytes = (excel: FakeExcel) => excel.requests.map((r) => r.reduce((n, c) => n + bytes(c.args), 0));

describe('write (stand-in)', () => {
  it('costs one sync for 10 rows and for 100,000 rows', async () => {
    for (const rows of [10, 100_000]) {
      const excel = new FakeExcel();
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
    const excel = new FakeExcel();
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
    expect(slices.flatMap((s) => s.args[0] as unknown[])).toEqual(spec.blocks[0].values);
  });

  it('writes text that Excel would read as a formula with an apostrophe in front, and formulas through `formulas`', async () => {
    const spec = emptySpec();
    spec.blocks.push({ sheet: 'Data', row: 0, col: 0, values: [['=HYPERLINK("http://x")', "'t Veld", '+31 6 1234', '-5%', '@home', 'Plain', null, 42, true]] });
    spec.blocks.push({ sheet: 'Data', row: 2, col: 0, values: [[{ formula: '=SUM(A1:A2)' }, 'Total', 3, '=not mine', null]] });
    const excel = new FakeExcel();
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBe(1);
    const values = excel.find('values', 'set');
    expect(values).toEqual([
      {
        target: rangePath('Data', 'A1:I1'),
        name: 'values',
        kind: 'set',
        args: [[["'=HYPERLINK(\"http://x\")", "''t Veld", "'+31 6 1234", "'-5%", "'@home", 'Plain', '', 42, true]]],
      },
    ]);
    const formulas = excel.find('formulas', 'set');
    expect(formulas).toEqual([
      { target: rangePath('Data', 'A3:E3'), name: 'formulas', kind: 'set', args: [[['=SUM(A1:A2)', 'Total', 3, "'=not mine", '']]] },
    ]);
  });

  it('brings every part of a spec to Excel in one sync', async () => {
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

    const excel = new FakeExcel();
    excel.names = [{ name: 'AP_Pareto', type: 'Range', value: "'Old Pareto'!$A$1:$J$30" }];
    await new ExcelWorkbook(excel.run).write(spec);
    expect(excel.syncs).toBe(1);
    const all = excel.commands;
    const at = (c: Command) => all.indexOf(c);

    // The sheet is added, first, and written through the proxy add() returned.
    const [add] = excel.find('add').filter((c) => c.target === 'workbook.worksheets');
    expect(add.args).toEqual(['Pareto']);
    expect(at(add)).toBe(0);
    expect(excel.sheets).toEqual(['Data', 'Pareto']);
    const pareto = 'workbook.worksheets.add("Pareto")';
    expect(excel.find('values', 'set')[0].target).toBe(`${pareto}.getRange("H5:J8")`);

    // Clearing empties the region and removes the add-in's own chart, nobody else's.
    expect(excel.find('clear').map((c) => c.target)).toEqual([rangePath('Data', 'F1:G40')]);
    const deletes = excel.find('delete').map((c) => c.target);
    expect(deletes).toContain(`workbook.worksheets.getItem("Data").charts.getItemOrNullObject("${CHART_NAME}")`);

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
    const nameDelete = all.find((c) => c.name === 'delete' && c.target === 'workbook.names.getItemOrNullObject("AP_Pareto")');
    const [nameAdd] = excel.find('add').filter((c) => c.target === 'workbook.names');
    expect(nameAdd.args.map(describeArg)).toEqual(['"AP_Pareto"', `${pareto}.getRange("A1:J8")`]);
    expect(nameDelete).toBeDefined();
    expect(at(nameDelete!)).toBeLessThan(at(nameAdd));
    expect(excel.names).toEqual([{ name: 'AP_Pareto', type: 'Range', value: `${pareto}.getRange("A1:J8")` }]);

    expect(sets('columnWidth')).toEqual([[`${pareto}.getRange("H:H").format`, 150]]);
    expect(of(`${pareto}.freezePanes`)).toEqual([['freezeRows', '1']]);
  });

  it('adds a sheet that appeared since info() only once: looks, then writes again', async () => {
    const excel = new FakeExcel();
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
    const excel = new FakeExcel();
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
