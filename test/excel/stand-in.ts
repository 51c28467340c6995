// A recording stand-in for Excel.run, for testing and benchmarking the Excel Workbook port without
// Excel: it counts context.sync() (each one a round-trip to Excel, over the network in Excel on
// the web) and keeps every command each request carried. office-addin-mock cannot express what
// the port uses beyond a sheet's used range (collections with items, names, charts, conditional
// formats, ranges by address, refused requests); this can.
//
// What it imitates of Excel:
// - objects are proxies that queue commands; context.sync() sends them as one request, kept in
//   `requests` when Excel accepts it; as in Excel, what a refused request did before the refused
//   command stays done;
// - properties can be read only after load() and sync();
// - sheets hold values from A1 ("" is blank) for reads: the used range (getUsedRangeOrNullObject)
//   and ranges by address, with valueTypes worked out from the values; writes are recorded, not
//   applied to the cells;
// - adding a sheet or a name that exists, in any case ("pareto" when "Pareto" is there), is
//   refused (ItemAlreadyExists), and sheets are found by name whatever its case;
// - a response of more than `maxCellsPerResponse` cells is refused (ResponsePayloadSizeLimitExceeded;
//   no such limit by default);
// - the host's limits on what one round-trip may carry, by `host` (docs/hosts.md, Excel JavaScript
//   API): on every platform a read of a range over five million cells may answer values (and the
//   other cell-level properties) = null instead of an error (office-js issues #4783 and #6781, the
//   "Performance optimization" article's note); Excel on the web ('web') also refuses a request or
//   a response over 5 MB, measured here as the JSON of what was sent or loaded
//   (RequestPayloadSizeLimitExceeded, ResponsePayloadSizeLimitExceeded). 'desktop' is the default;
//   'web' is the stricter;
// - a build where fit-to-pages does not take (`fitToPagesTakes` false, office-js issue #1860: set
//   while the Page Layout tab is not active): pageLayout.zoom reads back as { scale: 100 };
// - sheets copy ("Name (2)", renamed by setting name on what copy() returned) and carry
//   protection: any command on a protected sheet but unprotect is refused (AccessDenied), and so
//   are protecting a protected sheet and unprotecting an unprotected one (as some Excel builds do);
// - a name added on a range reads back (names.items) with that range's address as its value;
//   getItem() of a name or chart that is not there is refused (ItemNotFound), and *OrNullObject
//   lookups answer isNullObject; charts are kept per sheet by the name set on them;
// - a method called or a property set on an *OrNullObject result (or anything reached through it)
//   is refused (InvalidOperation). What Excel does then is not documented (docs/hosts.md), so the
//   stand-in holds the port to the documented pattern: load isNullObject, sync, then act.
import { sheetRef } from '../../shared/sheet-spec';
import { ExcelRun, parseAddress } from '../../src/excel/workbook';
import type { MemoryWorkbook } from '../support/memory-workbook';

export interface Command {
  target: string; // the object's path, e.g. workbook.worksheets.getItem("Data").getRange("A1:B2")
  name: string; // the property set or the method called
  kind: 'set' | 'call';
  args: unknown[];
}

export type ExcelHost = 'desktop' | 'web';

export interface StandInExcelOptions {
  /** Each sheet's values from A1 as Excel gives them ("" is blank); in this order, the first one active. */
  sheets?: Record<string, unknown[][]>;
  /** Which Excel's limits apply (default desktop). */
  host?: ExcelHost;
}

/** Excel's limits per round-trip (docs: "Resource limits and performance optimization", Excel add-ins). */
export const EXCEL_LIMITS = {
  /** A get of more cells than this may answer null for values, valueTypes, ... (all platforms). */
  cellsPerRead: 5_000_000,
  /** Excel on the web: most bytes of a request and of a response. */
  webPayloadBytes: 5 * 1024 * 1024,
};
/** Properties that are per cell: read null past the cell limit. */
const CELL_LEVEL = ['values', 'valueTypes', 'text', 'formulas', 'numberFormat'];
const encoder = new TextEncoder();
const jsonBytes = (x: unknown) => encoder.encode(JSON.stringify(x) ?? '').length;

const PATH = Symbol('path');
const pathOf = (x: unknown): string => (x as { [PATH]: string })[PATH];
/** An argument as the stand-in records it in paths: a proxy by its path, anything else as JSON. */
export const describeArg = (x: unknown) => (typeof x === 'function' ? pathOf(x) : JSON.stringify(x));
/** The valueType Excel reports for a value. */
export const valueTypeOf = (v: unknown) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String');
const READABLE = ['items', 'address', 'values', 'valueTypes', 'numberFormat', 'isNullObject', 'protected', 'options', 'zoom'];
const SHEET_PATH = /^workbook\.worksheets\.(?:getItem|add)\(("(?:[^"\\]|\\.)*")\)(\.copy\("End"\))?/;
const RANGE_PATH = /\.getRange\("([A-Z0-9:]+)"\)$/;
/** Calls that change a sheet (the rest get objects or read). */
const CHANGING = ['clear', 'merge', 'add', 'delete', 'freezeRows', 'unfreeze', 'setValues', 'setXAxisValues', 'setPosition'];
const fail = (code: string, message: string) => Object.assign(new Error(message), { code });
/** Excel's names are the same whatever their case. */
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const absolute = (address: string) => address.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

/** Excel as far as the port needs it; see the top of this file. */
export class StandInExcel {
  sheets = ['Data'];
  names: { name: string; type: string; value: unknown }[] = [];
  active = 'Data!A1';
  /** The address of the selected block; null for a selection getSelectedRange() refuses (several areas). */
  selected: string | null = 'Data!A1';
  /** Protected sheets and their protection options. */
  protection = new Map<string, unknown>();
  /** What each copy() proxy path stands for: the new sheet's name. */
  private copies = new Map<string, string>();
  /** Sheets with cells of their own, from A1, for reads ("" is blank). */
  cells = new Map<string, unknown[][]>();
  /** The cells, from A1, of every sheet not in `cells` (for reads; "" is blank). */
  grid: unknown[][] = [];
  maxCellsPerResponse = Infinity;
  /** The number format every cell reads back with (the stand-in keeps no formats per cell). */
  numberFormat = 'General';
  host: ExcelHost = 'desktop';
  /** The host's limits; a test may lower them to keep its sheets small, never raise them. */
  limits = { ...EXCEL_LIMITS };
  /** False: a build where pageLayout.zoom's fit-to-pages does not take (office-js #1860). */
  fitToPagesTakes = true;
  /** pageLayout.zoom per sheet as Excel reads it back. */
  zoom = new Map<string, unknown>();
  /** Charts per sheet, by name (a chart added and not yet named is ""). */
  charts = new Map<string, string[]>();
  /** What each charts.add() proxy path stands for. */
  private addedCharts = new Map<string, { sheet: string; index: number }>();
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
    const exists = () => fail('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
    if (this.selected === null && loading.includes('workbook.getSelectedRange()#address')) throw fail('InvalidSelection', 'The current selection is invalid for this operation.');
    if (this.host === 'web' && jsonBytes(request.map((c) => c.args)) > this.limits.webPayloadBytes) {
      throw fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    for (const c of request) {
      const name = c.args[0] as string;
      const on = this.sheetOf(c.target);
      if (c.target.includes('OrNullObject(')) throw fail('InvalidOperation', `${c.target}.${c.name} on an object that may be null, before its isNullObject was read`);
      // Protection guards the cells (what is set or changed on them), not reading, copying or renaming the sheet.
      const changes = c.kind === 'set' ? c.name !== 'name' : CHANGING.includes(c.name);
      const guarded = changes && !c.target.endsWith('.protection');
      if (on !== null && this.protection.has(on) && guarded) throw fail('AccessDenied', `${on} is protected: ${c.target}.${c.name}`);
      if (c.target === 'workbook.worksheets' && c.name === 'add') {
        if (this.hasSheet(name)) throw exists();
        this.sheets.push(name);
      } else if (c.name === 'copy' && on !== null && !c.target.includes('.copy(')) {
        const copy = `${on} (2)`;
        this.sheets.push(copy);
        this.copies.set(`${c.target}.copy(${c.args.map(describeArg).join(',')})`, copy);
        if (this.protection.has(on)) this.protection.set(copy, this.protection.get(on));
      } else if (c.name === 'name' && c.kind === 'set' && this.copies.has(c.target)) {
        if (this.hasSheet(name)) throw exists();
        const old = this.copies.get(c.target)!;
        this.sheets[this.sheets.indexOf(old)] = name;
        this.copies.set(c.target, name);
        if (this.protection.has(old)) this.protection.set(name, this.protection.get(old));
        this.protection.delete(old);
      } else if (c.name === 'protect' && on !== null) {
        if (this.protection.has(on)) throw fail('InvalidOperation', `${on} is protected already`);
        this.protection.set(on, c.args[0] ?? {});
      } else if (c.name === 'unprotect' && on !== null) {
        if (!this.protection.has(on)) throw fail('AccessDenied', `${on} is not protected`);
        this.protection.delete(on);
      } else if (c.target === 'workbook.names' && c.name === 'add') {
        if (this.names.some((n) => n.name === name)) throw exists();
        this.names.push({ name, type: 'Range', value: describeArg(c.args[1]) });
      } else if (c.name === 'delete' && c.target.startsWith('workbook.names.getItem(')) {
        const gone = JSON.parse(c.target.slice('workbook.names.getItem('.length, -1)) as string;
        if (!this.names.some((n) => sameName(n.name, gone))) throw fail('ItemNotFound', `no name ${gone}`);
        this.names = this.names.filter((n) => !sameName(n.name, gone));
      } else if (c.name === 'add' && on !== null && c.target.endsWith('.charts')) {
        const list = this.charts.get(on) ?? [];
        this.charts.set(on, list);
        this.addedCharts.set(`${c.target}.add(${c.args.map(describeArg).join(',')})`, { sheet: on, index: list.push('') - 1 });
      } else if (c.name === 'name' && c.kind === 'set' && this.addedCharts.has(c.target)) {
        const { sheet, index } = this.addedCharts.get(c.target)!;
        this.charts.get(sheet)![index] = name;
      } else if (c.name === 'delete' && on !== null && /\.charts\.getItem\("(?:[^"\\]|\\.)*"\)$/.test(c.target)) {
        const chart = JSON.parse(/\.charts\.getItem\((.*)\)$/.exec(c.target)![1]) as string;
        const list = this.charts.get(on) ?? [];
        if (!list.includes(chart)) throw fail('ItemNotFound', `no chart ${chart} on ${on}`);
        list.splice(list.indexOf(chart), 1);
      } else if (c.name === 'zoom' && c.kind === 'set' && on !== null && c.target.endsWith('.pageLayout')) {
        const zoom = c.args[0] as { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
        const fits = zoom.horizontalFitToPages !== undefined || zoom.verticalFitToPages !== undefined;
        this.zoom.set(on, fits && !this.fitToPagesTakes ? { scale: 100 } : zoom);
      }
    }
    const cells = loading.filter((k) => k.endsWith('#values')).reduce((n, k) => n + this.cellsOf(k.split('#')[0]), 0);
    if (cells > this.maxCellsPerResponse) throw fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    if (this.host === 'web') {
      const response = loading.map((k) => {
        const [target, prop] = k.split('#');
        return this.answer(target, prop);
      });
      if (jsonBytes(response) > this.limits.webPayloadBytes) throw fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    loading.forEach((k) => this.loaded.add(k));
    this.requests.push(request);
  }

  /** The sheet a command's target lies on, by name (a copy by the name it has now). */
  private sheetOf(target: string): string | null {
    const m = SHEET_PATH.exec(target);
    if (!m) return null;
    if (m[2]) return this.copies.get(m[0]) ?? null;
    // Excel finds a sheet by its name whatever the case: the sheet as it is named.
    const name = JSON.parse(m[1]) as string;
    return this.sheets.find((s) => sameName(s, name)) ?? name;
  }

  /** Sheet names are unique whatever their case: "pareto" is taken when "Pareto" exists. */
  private hasSheet(name: string): boolean {
    return this.sheets.some((s) => sameName(s, name));
  }

  private gridOf(target: string): unknown[][] {
    const sheet = this.sheetOf(target);
    return (sheet !== null && this.cells.get(sheet)) || this.grid;
  }

  private region(target: string) {
    if (target.endsWith('getUsedRangeOrNullObject(true)')) {
      const grid = this.gridOf(target);
      return grid.length ? { row: 0, col: 0, rows: grid.length, cols: grid[0].length } : null;
    }
    const at = RANGE_PATH.exec(target);
    return at ? parseAddress(`Data!${at[1]}`)!.region : null;
  }

  private cellsOf(target: string): number {
    const r = this.region(target);
    return r ? r.rows * r.cols : 0;
  }

  /** A name's value as Excel reads it back: a range's address ("'Sales 2026'!$E$3:$F$40"). */
  private nameValue(value: unknown): unknown {
    const sheet = typeof value === 'string' ? this.sheetOf(value) : null;
    const at = typeof value === 'string' ? RANGE_PATH.exec(value) : null;
    if (sheet === null || !at) return value;
    return sheetRef(sheet, parseAddress(`Data!${at[1]}`)!.region).replace(/![^!]*$/, (address) => absolute(address));
  }

  private read(target: string, prop: string): unknown {
    if (!this.loaded.has(`${target}#${prop}`)) throw new Error(`${target}.${prop} read without load() and sync()`);
    return this.answer(target, prop);
  }

  /** What Excel answers for a loaded property. */
  private answer(target: string, prop: string): unknown {
    if (prop === 'zoom' && target.endsWith('.pageLayout')) return this.zoom.get(this.sheetOf(target) ?? '') ?? { scale: 100 };
    if (CELL_LEVEL.includes(prop) && this.cellsOf(target) > this.limits.cellsPerRead) return null;
    if (target === 'workbook.worksheets' && prop === 'items') return this.sheets.map((name) => ({ name }));
    if (target === 'workbook.names' && prop === 'items') return this.names.map((n) => ({ ...n, value: this.nameValue(n.value) }));
    if (target === 'workbook.getActiveCell()' && prop === 'address') return this.active;
    if (target === 'workbook.getSelectedRange()' && prop === 'address') return this.selected;
    const item = /worksheets\.getItemOrNullObject\("(.*)"\)$/.exec(target);
    if (item && prop === 'isNullObject') return !this.hasSheet(item[1]);
    const namedItem = /^workbook\.names\.getItemOrNullObject\((.*)\)$/.exec(target);
    if (namedItem && prop === 'isNullObject') return !this.names.some((n) => sameName(n.name, JSON.parse(namedItem[1]) as string));
    const chart = /\.charts\.getItemOrNullObject\((.*)\)$/.exec(target);
    if (chart && prop === 'isNullObject') return !(this.charts.get(this.sheetOf(target) ?? '') ?? []).includes(JSON.parse(chart[1]) as string);
    if (target.endsWith('.protection') && (prop === 'protected' || prop === 'options')) {
      const on = this.sheetOf(target)!;
      if (!this.sheets.includes(on)) throw fail('ItemNotFound', `no sheet ${on}`);
      return prop === 'protected' ? this.protection.has(on) : (this.protection.get(on) ?? {});
    }
    const r = this.region(target);
    if (prop === 'isNullObject') return r === null;
    if (!r) throw new Error(`nothing to read at ${target}`);
    if (prop === 'address') return sheetRef(this.sheetOf(target) ?? 'Data', r);
    const rows = this.gridOf(target)
      .slice(r.row, r.row + r.rows)
      .map((row) => row.slice(r.col, r.col + r.cols));
    if (prop === 'numberFormat') return rows.map((row) => row.map(() => this.numberFormat));
    return prop === 'values' ? rows : rows.map((row) => row.map(valueTypeOf));
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

/**
 * A stand-in Excel: by default one empty sheet "Data", active at A1. With `sheets`, those sheets
 * and their values, the first one active (and selected) at A1.
 */
export function standInExcel(options: StandInExcelOptions = {}): StandInExcel {
  const excel = new StandInExcel();
  excel.host = options.host ?? 'desktop';
  if (options.sheets) {
    const names = Object.keys(options.sheets);
    if (!names.length) throw new Error('a workbook has at least one sheet');
    excel.sheets = names;
    for (const name of names) excel.cells.set(name, options.sheets[name]);
    excel.active = excel.selected = sheetRef(names[0], { row: 0, col: 0, rows: 1, cols: 1 });
  }
  return excel;
}

/**
 * A stand-in Excel holding what a command wrote on an in-memory workbook (its sheets' values and
 * its names), for the commands that read an earlier command's output: the stand-in itself does
 * not keep what is written.
 */
export function standInExcelFrom(m: MemoryWorkbook): StandInExcel {
  const sheetOf = (name: string) => {
    const grid: unknown[][] = [];
    for (const [key, cell] of m.snapshot(name)) {
      const [r, c] = key.split(',').map(Number);
      while (grid.length <= r) grid.push([]);
      grid[r][c] = cell.value ?? '';
    }
    const width = Math.max(...grid.map((g) => g.length));
    return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  };
  const excel = standInExcel({ sheets: Object.fromEntries([...m.sheets.keys()].map((name) => [name, sheetOf(name)])) });
  excel.names = Object.entries(m.names).map(([name, { sheet, region }]) => ({ name, type: 'Range', value: sheetRef(sheet, region).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2') }));
  return excel;
}
