// Google Sheets custom functions: the core of Code.js, without the sidebar's server, so what runs
// in cells stays small and readable. Apps Script calls the generated top-level wrappers in
// Code.js, which land here. Host globals used here: SpreadsheetApp, Session.
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix, cellAt } from '../../shared/cells';
import { FunctionSpec, functionNamed } from '../../shared/catalog';
import { keepNumberings } from '../../shared/formulas/pareto';
import { callForHost } from '../../shared/run';
import { Zone, dateFromSerial, serialFromDate, zoneNamed } from './dates';

// Apps Script loads the script afresh for every cell call: no call finds the last one's numbering
// of a key column, so none is kept (shared/formulas/pareto.ts).
keepNumberings(false);

function spreadsheetZone(): Zone {
  let timeZone: string | undefined;
  try {
    timeZone = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  } catch {
    try {
      timeZone = Session.getScriptTimeZone();
    } catch {
      timeZone = undefined;
    }
  }
  return zoneNamed(timeZone);
}

const isDate = (value: object): value is Date => value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';

/** A cell that is not a plain number, text or TRUE/FALSE, as the core reads it. */
function fromSheets(value: unknown, serialOf: (date: Date) => number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return ERROR_CODES.includes(value as ErrorCode) ? new FormulaError(value as ErrorCode, '') : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // Dates arrive as Date objects; anything else (an object without a prototype, say) would put
  // JavaScript's own error text in the cell: the core names the argument and row instead.
  if (typeof value === 'object' && isDate(value)) {
    return Number.isNaN(value.getTime()) ? new FormulaError('#VALUE!', 'an invalid date') : serialOf(value);
  }
  return new FormulaError('#VALUE!', 'not a number, text, TRUE/FALSE or a date');
}

/**
 * An argument as the core reads it. Apps Script hands each call fresh arrays, so they are used as
 * they are: blanks ("") and plain values stay, only dates and error values are changed in place.
 */
function readArg(arg: unknown, serialOf: (date: Date) => number): Matrix | undefined {
  if (arg === undefined || arg === null) return undefined;
  // A single cell arrives as a plain value, a range as rows of values.
  if (!Array.isArray(arg)) return [[fromSheets(arg, serialOf)]];
  for (let r = 0; r < arg.length; r++) {
    let row = arg[r] as unknown[];
    if (!Array.isArray(row)) arg[r] = row = [row];
    for (let c = 0; c < row.length; c++) {
      const v = cellAt(row, c);
      if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.charCodeAt(0) !== 35 /* # */)) continue;
      row[c] = fromSheets(v, serialOf);
    }
  }
  return arg as Matrix;
}

/** Sheets shows the thrown message on the cell; the code goes in front so the kind is visible. */
const sheetsError = (e: FormulaError) => new Error(`${e.code} ${e.message}`);

export function sheetsFunction(spec: FunctionSpec, args: readonly unknown[]): unknown[][] {
  let zone: Zone | undefined;
  const zoneOnce = () => (zone ??= spreadsheetZone()); // one service call, and only when a date is involved
  // A column of dates repeats a few hundred days: each is converted through the zone once.
  const serials = new Map<number, number>();
  const serialOf = (date: Date) => {
    const time = date.getTime();
    let serial = serials.get(time);
    if (serial === undefined) serials.set(time, (serial = serialFromDate(date, zoneOnce())));
    return serial;
  };
  // Sheets cannot show an error inside a result: the first bad row is the call's error.
  const cells = { blank: '', error: (e: FormulaError): never => { throw e; }, date: (serial: number) => dateFromSerial(serial, zoneOnce()) };
  let result;
  try {
    // The arrays came from Apps Script for this call alone: results may be written over them.
    result = callForHost(spec, spec.params.map((_, i) => readArg(args[i], serialOf)), cells);
  } catch (e) {
    if (e instanceof FormulaError) throw sheetsError(e);
    throw new Error(`${spec.name} failed unexpectedly; please report this with the inputs`);
  }
  if (result instanceof FormulaError) throw sheetsError(result);
  return result;
}

export function sheetsFunctionNamed(name: string, args: readonly unknown[]): unknown[][] {
  const spec = functionNamed(name);
  if (!spec) throw new Error(`#NAME? there is no function ${name}`);
  return sheetsFunction(spec, args);
}
