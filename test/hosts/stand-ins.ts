// Stand-ins for the hosts that run the custom functions, as strict as the real ones (docs/hosts.md):
// a sheet of cells, formulas that refer to it, and the built bundle called the way each host calls it.
//
// Excel (dist/excel/functions.js), two modes:
// - desktop: an empty cell of a range argument arrives as 0 (office-js #4702, #5262); a workbook
//   read of more than `desktopReadLimit` cells answers valueTypes = null (large reads may answer
//   null instead of failing).
// - web: an empty cell arrives as null; a request whose answer exceeds 5 MB fails at sync.
// Both: the arguments' addresses (requiresParameterAddresses), Excel.run counted by sync; errors
// only #VALUE! and #N/A keep their message; #NAME? and #REF! cannot be a function's output; a
// blank (null) result cell shows 0; a result must hold only numbers, text, TRUE/FALSE and
// CustomFunctions.Error.
// Google Sheets (dist/sheets/Code.js): blanks arrive as "", dates as Date objects at midnight in
// the spreadsheet's zone, a single cell as a plain value; errors only for the whole call (thrown,
// shown as #ERROR! with the message): a result holding anything but numbers, text, TRUE/FALSE or
// Dates cannot be shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { FUNCTIONS } from '../../shared/catalog';
import { dateOfSerial } from '../../shared/dates';
import { midnightIn } from '../support/fixtures';
import { scriptSource } from '../support/apps-script-project';

/** A cell of the stand-in sheet: a value, a date (by serial), an error, or empty (undefined). */
export type SheetCell = number | string | boolean | { date: number } | { error: string; message?: string } | undefined;
/** Sheets by name, rows of cells from A1. */
export type Sheets = Record<string, SheetCell[][]>;

/** What a user sees: the spilled cells (an error as its code), and the messages of error cells. */
export interface Visible {
  cells: (number | string | boolean)[][];
  /** Messages by "row,col" of the spill, for errors that show one. */
  messages: Record<string, string>;
}

const ADDRESS = /^(?:(\w+)!)?([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/;
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

interface Block {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function blockOf(ref: string, defaultSheet: string): Block {
  const m = ADDRESS.exec(ref);
  if (!m) throw new Error(`stand-in: not an address: ${ref}`);
  const row = Number(m[3]) - 1;
  const col = colNumber(m[2]);
  const lastRow = m[5] ? Number(m[5]) - 1 : row;
  const lastCol = m[4] ? colNumber(m[4]) : col;
  return { sheet: m[1] ?? defaultSheet, row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 };
}

function cellsOf(sheets: Sheets, b: Block): SheetCell[][] {
  const grid = sheets[b.sheet];
  if (!grid) throw new Error(`stand-in: no sheet ${b.sheet}`);
  return Array.from({ length: b.rows }, (_, r) => Array.from({ length: b.cols }, (_, c) => grid[b.row + r]?.[b.col + c]));
}

/** An argument of a call: a reference ("B2:B20", "Sheet1!C2"), or a constant ({ value }). */
export type Arg = string | { value: number | string | boolean } | undefined;

// ---------------------------------------------------------------------------------------------
// Excel

export type ExcelMode = 'desktop' | 'web';

/** CustomFunctions.Error and CustomFunctions.ErrorCode as the runtime defines them. */
export class StandInError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
};
const WITH_MESSAGE = new Set(['#VALUE!', '#N/A']);
const NOT_OUTPUT = new Set(['#NAME?', '#REF!']);
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface ExcelOptions {
  /** Cells above which a desktop read answers valueTypes = null. */
  desktopReadLimit?: number;
  /** The web's payload limit, 5 MB unless a test lowers it to stay small. */
  webPayloadLimit?: number;
  /** Leave out the arguments' addresses, as a functions.json without requiresParameterAddresses would. */
  withoutAddresses?: boolean;
}

export interface ExcelStandIn {
  mode: ExcelMode;
  /** context.sync() calls, and requests that failed or answered null. */
  syncs: number;
  failedReads: number;
  /** The raw result of the last call, as the bundle returned it. */
  raw: unknown;
  call(name: string, ...args: Arg[]): Promise<Visible>;
}

/** dist/excel/functions.js in a fresh realm, on `sheets` (the first sheet is the formula's own). */
export function excelStandIn(mode: ExcelMode, sheets: Sheets, options: ExcelOptions = {}): ExcelStandIn {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const first = Object.keys(sheets)[0];
  const host: ExcelStandIn = { mode, syncs: 0, failedReads: 0, raw: undefined, call };

  class Range {
    valueTypes: string[][] | null | undefined;
    private wanted = false;
    constructor(readonly block: Block) {}
    load(what: string) {
      if (what !== 'valueTypes') throw new Error(`stand-in: load(${what}) is not modelled`);
      this.wanted = true;
    }
    answer() {
      if (!this.wanted) return 0;
      const cells = this.block.rows * this.block.cols;
      if (mode === 'desktop' && cells > (options.desktopReadLimit ?? Infinity)) {
        this.valueTypes = null;
        host.failedReads++;
        return 0;
      }
      this.valueTypes = cellsOf(sheets, this.block).map((row) =>
        row.map((c) => (c === undefined ? 'Empty' : typeof c === 'number' || (typeof c === 'object' && 'date' in c) ? 'Double' : typeof c === 'boolean' ? 'Boolean' : typeof c === 'string' ? 'String' : 'Error')),
      );
      return JSON.stringify(this.valueTypes).length;
    }
  }
  class RequestContext {
    private queued: Range[] = [];
    workbook = {
      worksheets: {
        getItem: (name: string) => {
          if (!sheets[name]) throw new Error(`stand-in: no sheet ${name}`);
          return { getRange: (a: string) => this.queue(new Range(blockOf(`${name}!${a.replace(/\$/g, '')}`, name))) };
        },
      },
    };
    private queue(r: Range) {
      this.queued.push(r);
      return r;
    }
    async sync() {
      host.syncs++;
      const batch = this.queued;
      this.queued = [];
      const bytes = batch.reduce((n, r) => n + r.answer(), 0);
      if (mode === 'web' && bytes > (options.webPayloadLimit ?? WEB_PAYLOAD_LIMIT)) {
        for (const r of batch) r.valueTypes = undefined; // nothing loaded
        host.failedReads++;
        throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' });
      }
    }
  }
  const Excel = { run: async <T>(batch: (context: RequestContext) => Promise<T>) => batch(new RequestContext()) };
  const context = vm.createContext({
    CustomFunctions: { associate: (id: string, fn: (...a: unknown[]) => unknown) => associated.set(id, fn), Error: StandInError, ErrorCode },
    Excel,
  });
  vm.runInContext(readFileSync(join(__dirname, '../../dist/excel/functions.js'), 'utf8'), context);

  const excelValue = (c: SheetCell): unknown => {
    if (c === undefined) return mode === 'desktop' ? 0 : null;
    if (typeof c === 'object') return 'date' in c ? c.date : new StandInError(c.error, c.message);
    return c;
  };

  async function call(name: string, ...args: Arg[]): Promise<Visible> {
    const fn = associated.get(name);
    const spec = FUNCTIONS.find((f) => f.name === name);
    if (!fn || !spec) throw new Error(`${name} was not associated`);
    const values = spec.params.map((_, i) => {
      const a = args[i];
      if (a === undefined) return undefined;
      if (typeof a === 'object') return [[a.value]];
      // Excel hands the values over through JSON: fresh arrays every call.
      return cellsOf(sheets, blockOf(a, first)).map((row) => row.map(excelValue));
    });
    const parameterAddresses = spec.params.map((_, i) => {
      const a = args[i];
      return typeof a === 'string' ? (a.includes('!') ? a : `${first}!${a}`) : '';
    });
    const invocation = { address: `${first}!Z1`, functionName: `KAM.${name}`, parameterAddresses: options.withoutAddresses ? undefined : parameterAddresses };
    try {
      host.raw = await fn(...values, invocation);
    } catch (e) {
      host.raw = e;
      return excelError(e);
    }
    return excelSpill(host.raw);
  }
  return host;
}

function excelError(e: unknown): Visible {
  if (!(e instanceof StandInError)) throw new Error(`Excel would show #VALUE! for a raw exception, and the user sees nothing useful: ${String(e)}`);
  if (NOT_OUTPUT.has(e.code)) throw new Error(`${e.code} cannot be a custom function's result`);
  return { cells: [[e.code]], messages: WITH_MESSAGE.has(e.code) && e.message ? { '0,0': e.message } : {} };
}

function excelSpill(result: unknown): Visible {
  if (!Array.isArray(result) || !result.every(Array.isArray)) throw new Error('stand-in: a matrix result must be rows of cells');
  const messages: Record<string, string> = {};
  const cells = (result as unknown[][]).map((row, r) =>
    row.map((v, c) => {
      if (v === null || v === undefined) return 0; // Excel shows a null result cell as 0
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new Error(`stand-in: ${v} in a result cell`);
        return v;
      }
      if (typeof v === 'string' || typeof v === 'boolean') return v;
      if (v instanceof StandInError) {
        if (NOT_OUTPUT.has(v.code)) throw new Error(`${v.code} cannot be a custom function's result`);
        if (WITH_MESSAGE.has(v.code) && v.message) messages[`${r},${c}`] = v.message;
        return v.code;
      }
      throw new Error(`stand-in: Excel cannot show ${Object.prototype.toString.call(v)} in a cell`);
    }),
  );
  return { cells, messages };
}

// ---------------------------------------------------------------------------------------------
// Google Sheets

export interface SheetsStandIn {
  /** getSpreadsheetTimeZone() calls. */
  serviceCalls: number;
  call(name: string, ...args: Arg[]): Promise<Visible>;
  /** Calls the global function with values as given, for inputs no sheet can make. */
  callRaw(name: string, ...args: unknown[]): Visible;
}

const SHEETS_ERROR = '#ERROR!';

/** dist/sheets/Code.js on its own in a fresh global scope, on `sheets`, in `timeZone`. */
export function sheetsStandIn(sheets: Sheets, timeZone = 'Europe/Amsterdam'): SheetsStandIn {
  const host = { serviceCalls: 0, call, callRaw } as SheetsStandIn;
  const services = {
    SpreadsheetApp: { getActive: () => ({ getSpreadsheetTimeZone: () => (host.serviceCalls++, timeZone) }) },
    Session: { getScriptTimeZone: () => 'UTC' },
  };
  const global = vm.createContext(services) as Record<string, (...a: unknown[]) => unknown>;
  vm.runInContext(scriptSource('Code.js'), global, { filename: 'Code.js' });
  const first = Object.keys(sheets)[0];

  const dateAt = (serial: number) => {
    const d = dateOfSerial(serial);
    return midnightIn(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  const sheetsValue = (c: SheetCell): unknown => {
    if (c === undefined) return '';
    if (typeof c === 'object') return 'date' in c ? dateAt(c.date) : c.error;
    return c;
  };

  function callRaw(name: string, ...args: unknown[]): Visible {
    let result: unknown;
    try {
      result = global[name](...args);
    } catch (e) {
      // Sheets shows #ERROR! with the thrown message; anything but an Error's message is a bug.
      if (!(e instanceof Error) && Object.prototype.toString.call(e) !== '[object Error]') throw new Error(`stand-in: thrown ${String(e)}`);
      return { cells: [[SHEETS_ERROR]], messages: { '0,0': (e as Error).message } };
    }
    if (!Array.isArray(result)) result = [[result]];
    const cells = (result as unknown[][]).map((row) =>
      row.map((v) => {
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) throw new Error(`stand-in: ${v} in a result cell`);
          return v;
        }
        if (typeof v === 'string' || typeof v === 'boolean') return v;
        // A Date shows as a date; the tests compare it as its serial in the spreadsheet's zone.
        if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
          const d = v as Date;
          const wall = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
          return (Date.parse(`${wall}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000;
        }
        throw new Error(`stand-in: Sheets cannot show ${Object.prototype.toString.call(v)} in a cell (errors only for the whole call)`);
      }),
    );
    return { cells, messages: {} };
  }

  async function call(name: string, ...args: Arg[]): Promise<Visible> {
    const values = args.map((a) => {
      if (a === undefined) return undefined;
      if (typeof a === 'object') return a.value;
      const b = blockOf(a, first);
      const cells = cellsOf(sheets, b).map((row) => row.map(sheetsValue));
      return b.rows === 1 && b.cols === 1 ? cells[0][0] : cells;
    });
    return callRaw(name, ...values);
  }
  return host;
}

/** The visible cells with every error shown the same way (Excel's code, Sheets' #ERROR!). */
export const shown = (v: Visible, errorAs = '#ERR'): unknown[][] =>
  v.cells.map((row) => row.map((c) => (typeof c === 'string' && /^#[A-Z/0!?]+[!?A]?$/.test(c) ? errorAs : c)));
