// The Workbook port: the few operations a command needs from a host. Three of them, so that a
// command costs a constant number of round-trips whatever the size of the sheet:
//   info()      what sheets there are, where the selection is, the add-in's own names
//   readSheet() every value of one sheet's used range, in one read
//   write()     a SheetSpec, rendered by the host in as few round-trips as it allows
// (Not named `then`: a module exporting `then` is a thenable, and `await import()` would call it.)
// Apps Script is synchronous and cannot hand a Promise back to the sidebar, so a host may answer
// directly or with a Promise (Awaitable); commands chain with `andThen` below and stay synchronous
// where the host is.
import { Cell, Matrix } from './cells';
import { Region, SheetSpec } from './sheet-spec';

export type Awaitable<T> = T | Promise<T>;

export interface CellRef {
  sheet: string;
  row: number; // 0-based
  col: number; // 0-based
}

export interface WorkbookInfo {
  sheets: string[];
  /** The active cell (top-left of the selection). */
  active: CellRef;
  /** The selected block on the active sheet, where the host can tell (the CLI has none). */
  selection?: Region;
  /** Workbook-level names and where they point; the add-in recognises its own output by them. */
  names: Record<string, { sheet: string; region: Region }>;
}

export interface SheetValues {
  sheet: string;
  /** Where values[0][0] sits; the used range need not start at A1. */
  origin: { row: number; col: number };
  /** Blanks are null, dates are serial numbers, error cells FormulaError (as in shared/cells). */
  values: Matrix;
}

/**
 * What a host could not do of a spec it wrote, which the user should be told: printing one page
 * wide where Excel lacks the API (ExcelApi 1.9), or where Excel did not take it (office-js #1860).
 */
export type Shortfall = 'printWidthUnsupported' | 'printWidthNotApplied';

export interface Workbook {
  info(): Awaitable<WorkbookInfo>;
  readSheet(sheet: string): Awaitable<SheetValues>;
  write(spec: SheetSpec): Awaitable<void>;
  /** What this host could not do of the specs written through it so far (none if absent). */
  readonly shortfalls?: ReadonlySet<Shortfall>;
  /**
   * The number format code of one cell ("#,##0.00 [$€-413]"; "General" when it has none), so
   * output can show money as the source column does, currency included. One round-trip; a host
   * without it leaves commands to their default format.
   */
  numberFormat?(sheet: string, row: number, col: number): Awaitable<string | null>;
}

const isPromise = <T>(x: Awaitable<T>): x is Promise<T> => typeof (x as Promise<T>)?.then === 'function';

/** Continues with the value now if the host answered directly, or when its Promise resolves. */
export function andThen<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** The value of a cell in a sheet's values, by absolute position (null outside the used range). */
export function cellAt(sheet: SheetValues, row: number, col: number): Cell {
  return sheet.values[row - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
}
