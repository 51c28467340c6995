// Blank is blank in Excel desktop. Excel desktop hands a custom function an empty cell of a range
// as 0 (office-js issues #4702, #5262), the web as null. A 0 cannot be told from a blank by its
// value, so for the arguments that hold zeros, and only for the rows between their first and last
// zero, the shared runtime reads the cells' valueTypes ("Empty" or "Double") from the workbook:
// one Excel.run with one sync for the whole call, whatever the number of rows or arguments
// (docs/hosts.md, Custom functions). functions.json asks for the arguments' addresses
// (requiresParameterAddresses). A read too large for one request (values = null on desktop, over
// the 5 MB payload on the web) is made again in chunks, one sync each.
import { Matrix } from '../../shared/cells';

/** Positions [row, column] within an argument of cells that are empty in the sheet. */
export type EmptyCells = [number, number][];

export interface Suspect {
  /** The argument's address as Excel gives it: Sheet1!B2:B20, 'Q1 sales'!$B$2:$C$9. */
  address: string;
  /** Its first and last row holding a 0. */
  zeros: { first: number; last: number };
  matrix: Matrix;
}

/** Cells per request when a read has to be split: ~1.1 MB of valueTypes, well under the web's 5 MB. */
export const CHUNK_CELLS = 100_000;

interface Place {
  sheet: string;
  firstCol: number;
  lastCol: number;
  firstRow: number; // 1-based, as in A1 addresses
}

const ADDRESS = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+)?)?$/i;

const columnNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where an argument sits, or null for what is not one block of one sheet of this workbook. */
export function placeOf(address: string): Place | null {
  const m = ADDRESS.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (sheet.includes('[')) return null; // another workbook
  const firstCol = columnNumber(m[3]);
  return { sheet, firstCol, lastCol: m[5] ? columnNumber(m[5]) : firstCol, firstRow: m[4] ? Number(m[4]) : 1 };
}

/** The A1 address of rows `from`..`to` (0-based within the argument) of an argument. */
export const rowsAddress = (p: Place, from: number, to: number): string =>
  `${columnLetters(p.firstCol)}${p.firstRow + from}:${columnLetters(p.lastCol)}${p.firstRow + to}`;

interface Read {
  range: Excel.Range;
  from: number;
}

function load(context: Excel.RequestContext, p: Place, from: number, to: number): Read {
  const range = context.workbook.worksheets.getItem(p.sheet).getRange(rowsAddress(p, from, to));
  range.load('valueTypes');
  return { range, from };
}

/** Collects the empty cells among the zeros a read covers; false when the read gave nothing. */
function collect(read: Read, matrix: Matrix, into: EmptyCells): boolean {
  let types: Excel.RangeValueType[][] | null | undefined;
  try {
    types = read.range.valueTypes;
  } catch {
    types = null; // not loaded: the request failed
  }
  if (!types) return false;
  for (let i = 0; i < types.length; i++) {
    const row = matrix[read.from + i];
    const t = types[i];
    for (let c = 0; c < t.length; c++) if (t[c] === 'Empty' && row?.[c] === 0) into.push([read.from + i, c]);
  }
  return true;
}

/**
 * The empty cells among the zeros of each suspect argument. When the workbook cannot be read
 * (no shared runtime, a sheet renamed during the calculation...), zeros stay zeros: what any
 * native formula would see of an empty cell.
 */
export async function emptyCellsAmongZeros(suspects: readonly Suspect[]): Promise<EmptyCells[]> {
  const found: EmptyCells[] = suspects.map(() => []);
  try {
    await Excel.run(async (context) => {
      const places = suspects.map((s) => placeOf(s.address));
      const reads = suspects.map((s, k) => (places[k] ? load(context, places[k]!, s.zeros.first, s.zeros.last) : null));
      try {
        await context.sync();
      } catch {
        // Too large for one request: read in chunks below.
      }
      for (let k = 0; k < suspects.length; k++) {
        const p = places[k];
        if (!p || collect(reads[k]!, suspects[k].matrix, found[k])) continue;
        const { first, last } = suspects[k].zeros;
        const step = Math.max(1, Math.floor(CHUNK_CELLS / (p.lastCol - p.firstCol + 1)));
        for (let from = first; from <= last; from += step) {
          const read = load(context, p, from, Math.min(last, from + step - 1));
          await context.sync();
          collect(read, suspects[k].matrix, found[k]);
        }
      }
    });
  } catch {
    return suspects.map(() => []);
  }
  return found;
}
