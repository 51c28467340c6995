// Google Sheets custom functions: the core of Code.js, without the sidebar's server, so what runs
// in cells stays small and readable. Apps Script calls the generated top-level wrappers in
// Code.js, which land here. Host globals used here: SpreadsheetApp, Session.
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix } from '../../shared/cells';
import { FunctionSpec, functionNamed } from '../../shared/catalog';
import { callFunction } from '../../shared/run';
import { Zone, dateFromSerial, serialFromDate, zoneNamed } from './dates';

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

/** Normalises what Apps Script passes: "" for blanks, Date objects for dates, error text for errors. */
function fromSheets(value: unknown, zone: () => Zone): Cell {
  if (value === '' || value === null || value === undefined) return null;
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return serialFromDate(value as Date, zone());
  if (typeof value === 'string' && ERROR_CODES.includes(value as ErrorCode)) return new FormulaError(value as ErrorCode, '');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

export function sheetsFunction(spec: FunctionSpec, args: readonly unknown[]): unknown[][] {
  let zone: Zone | undefined;
  const zoneOnce = () => (zone ??= spreadsheetZone()); // one service call, and only when a date is involved
  const matrices = spec.params.map((_, i) => {
    const arg = args[i];
    if (arg === undefined || arg === null) return undefined;
    // A single cell arrives as a plain value, a range as rows of values.
    const rows = Array.isArray(arg) ? (arg as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[arg]];
    return rows.map((row) => row.map((v) => fromSheets(v, zoneOnce))) as Matrix;
  });
  let result;
  try {
    result = callFunction(spec, matrices);
  } catch {
    throw new Error(`${spec.name} failed unexpectedly; please report this with the inputs`);
  }
  // Sheets shows the thrown message on the cell; the code goes in front so the kind is visible.
  if (result instanceof FormulaError) throw new Error(`${result.code} ${result.message}`);
  const asDate = spec.returns === 'dates';
  return result.map((row) =>
    row.map((v) => (v === null ? '' : asDate && typeof v === 'number' ? dateFromSerial(v, zoneOnce()) : v)),
  );
}

export function sheetsFunctionNamed(name: string, args: readonly unknown[]): unknown[][] {
  const spec = functionNamed(name);
  if (!spec) throw new Error(`#NAME? there is no function ${name}`);
  return sheetsFunction(spec, args);
}
