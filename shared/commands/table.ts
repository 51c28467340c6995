// Finding the user's revenue table in a sheet and guessing which column is which, from headers
// in English or Dutch and from what the columns contain. Pure: works on a sheet's values.
import { Cell, isEmptyCell, isError } from '../cells';
import { columnLetter, Region } from '../sheet-spec';
import { SheetValues } from '../workbook';

export interface Column {
  col: number; // absolute, 0-based
  letter: string;
  title: string;
}

export interface Table {
  sheet: string;
  /** The header row (absolute, 0-based). */
  headerRow: number;
  /** The rows after the header that belong to the table (absolute, 0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  columns: Column[];
  /** Header and data rows, all table columns. */
  region: Region;
}

export interface Suggestion {
  account: number | null;
  amount: number | null;
  date: number | null;
  /** A product or product-group column (for the plans' whitespace), when one is recognised. */
  product: number | null;
}

const isText = (c: Cell) => typeof c === 'string' && c.trim() !== '';

/**
 * A row that can head a table: a run of adjacent cells with at least two texts and no numbers.
 * Runs, not the whole row: a note such as "Fiscal year | 2025" further right is another matter.
 */
function looksLikeHeader(row: readonly Cell[]): boolean {
  let text = 0;
  let numbers = false;
  for (let i = 0; i <= row.length; i++) {
    const c = i < row.length ? row[i] : null;
    if (isEmptyCell(c)) {
      if (text >= 2 && !numbers) return true;
      text = 0;
      numbers = false;
    } else if (isText(c)) text++;
    else numbers = true;
  }
  return false;
}

const filled = (row: readonly Cell[]) => row.reduce<number>((n, c) => n + (isEmptyCell(c) ? 0 : 1), 0);

/**
 * The table around `at` (or the first table of the sheet): the header row is the nearest row at or
 * above `at` that looks like a header and has data under it. The table ends at two blank rows in a
 * row, or at a row that starts another table (a header-like row filling far fewer columns, like
 * the "Person, Region" list pasted under an export).
 */
export function findTable(sheet: SheetValues, at?: { row: number; col: number }): Table | null {
  const { values, origin } = sheet;
  const rowAt = (r: number) => values[r - origin.row] ?? [];
  const lastSheetRow = origin.row + values.length - 1;
  /** Is the first filled cell under row r in column i (index into the row) a number? */
  const numberUnder = (r: number, i: number) => {
    for (let k = r + 1; k <= Math.min(lastSheetRow, r + 5); k++) {
      const c = rowAt(k)[i] ?? null;
      if (!isEmptyCell(c)) return typeof c === 'number';
    }
    return false;
  };
  // A row of texts only right under a header is still a data row when its amount is text: a
  // number typed as text ("1.234,50") over a column of numbers, or any text ("n.v.t.") under a
  // header that names the amount (Revenue, Omzet) where the row has no such word. It stays in the
  // table, to be left out and reported, and does not hide the real header.
  const textAmountRow = (r: number) => {
    const [header, row] = [rowAt(r - 1), rowAt(r)];
    return row.some((c, i) => {
      if (!isText(c) || !numberUnder(r, i)) return false;
      if (NUMBER_AS_TEXT.test(String(c))) return true;
      const title = header[i];
      return isText(title) && headerScore(String(title), AMOUNT_WORDS) > 0 && headerScore(String(c), AMOUNT_WORDS) === 0;
    });
  };
  const hasDataBelow = (r: number) => {
    for (let k = r + 1; k <= Math.min(lastSheetRow, r + 5); k++) {
      const row = rowAt(k);
      if (row.some((c) => typeof c === 'number')) return true;
      if (filled(row) > 0 && looksLikeHeader(row) && filled(row) >= filled(rowAt(r)) && !(k === r + 1 && textAmountRow(k))) return false;
    }
    return false;
  };
  // A header-like row right under a data row and more than half as wide (the end of a table is a
  // narrower one), or a text-amount row right under a header, belongs to the table above.
  const continuesAbove = (r: number) => {
    const above = rowAt(r - 1);
    const width = filled(above);
    if (r === origin.row || width === 0) return false;
    if (above.some((c) => typeof c === 'number')) return filled(rowAt(r)) > width / 2;
    return looksLikeHeader(above) && textAmountRow(r);
  };
  const candidates: number[] = [];
  for (let r = origin.row; r <= lastSheetRow; r++) if (looksLikeHeader(rowAt(r)) && hasDataBelow(r) && !continuesAbove(r)) candidates.push(r);
  if (!candidates.length) return null;
  const above = at ? candidates.filter((r) => r <= at.row) : [];
  const headerRow = above.length ? above[above.length - 1] : candidates[0];

  // Columns: the run of header cells around the anchor (or the first run), allowing a blank
  // header over a column that has data.
  const header = rowAt(headerRow);
  const colHasData = (c: number) => {
    for (let r = headerRow + 1; r <= Math.min(lastSheetRow, headerRow + 50); r++) if (!isEmptyCell(rowAt(r)[c - origin.col] ?? null)) return true;
    return false;
  };
  const inTable = (c: number) => c >= origin.col && c < origin.col + header.length && (!isEmptyCell(header[c - origin.col]) || colHasData(c));
  let start = at && at.col >= origin.col && inTable(at.col) ? at.col : origin.col + header.findIndex((c) => !isEmptyCell(c));
  let end = start;
  while (inTable(start - 1)) start--;
  while (inTable(end + 1)) end++;
  const slice = (row: readonly Cell[]) => row.slice(start - origin.col, end - origin.col + 1);
  const width = filled(slice(header));

  // Another table starts at a header-like row that fills at most half the columns, when it
  // follows a blank row or the row under it is just as narrow (its own data). A narrow text-only
  // row among full data rows is a data row whose amount is not in yet.
  const narrow = (r: number) => filled(slice(rowAt(r))) <= width / 2;
  const nextFilled = (r: number) => {
    for (let k = r + 1; k <= lastSheetRow; k++) if (filled(slice(rowAt(k))) > 0) return k;
    return -1;
  };
  let lastRow = headerRow;
  let blanks = 0;
  for (let r = headerRow + 1; r <= lastSheetRow; r++) {
    const row = slice(rowAt(r));
    const n = filled(row);
    if (n === 0) {
      if (++blanks >= 2) break;
      continue;
    }
    if (looksLikeHeader(row) && n <= width / 2) {
      const next = nextFilled(r);
      if (blanks > 0 || (next >= 0 && narrow(next))) break;
    }
    blanks = 0;
    lastRow = r;
  }
  if (lastRow === headerRow) return null;
  const columns: Column[] = [];
  for (let c = start; c <= end; c++) {
    const title = header[c - origin.col];
    columns.push({ col: c, letter: columnLetter(c), title: isEmptyCell(title) ? columnLetter(c) : String(title).trim() });
  }
  return {
    sheet: sheet.sheet,
    headerRow,
    firstRow: headerRow + 1,
    lastRow,
    columns,
    region: { row: headerRow, col: start, rows: lastRow - headerRow + 1, cols: end - start + 1 },
  };
}

// What people type for a number that is text: "1,234", "€ 1.234,50", "(300)", "12%".
const NUMBER_AS_TEXT = /^\s*[-+(]?\s*[€$£]?\s*[-+]?\d[\d.,' \u00a0]*\s*%?\s*[)]?\s*$/;

// Header words, English and Dutch, strongest first. Names beat codes for the account column.
const ACCOUNT_WORDS = [/klantnaam|naam klant|customer name|client name|account name|company name|bedrijfsnaam|relatienaam/i, /klant|customer|client|account|relatie|debiteur|afnemer|bedrijf|company/i];
const AMOUNT_WORDS = [/omzet|revenue|sales|turnover/i, /bedrag|amount|value|waarde|netto|net|totaal|total|€|eur|\$/i];
const DATE_WORDS = [/factuurdatum|invoice date|orderdatum|order date/i, /datum|date|dag|periode|period/i];
const CODE_WORDS = /\b(id|code|nr|nummer|number|no)\b/i;
/**
 * Product-group headers, English and Dutch, strongest first: a group column (Productgroep,
 * Sub-Category) says more about what an account does not buy yet than a broad category, and a
 * column of single products is a group column only when it has few distinct values.
 */
export const PRODUCT_WORDS = [
  /product\s*-?groep|product\s*-?group|artikel\s*-?groep|item\s*-?group|sub-?\s*categor(y|ie)|product\s*-?categor(y|ie)|assortimentsgroep|productlijn|product line/i,
  /categor(y|ie)|assortiment|productsoort|product type|\bmerk\b|\bbrand\b/i,
  /product|artikel|\bitems?\b|\bdienst(en)?\b|\bservices?\b/i,
];
/** More distinct values than this is a list of products, not of groups: no whitespace grid is made from it unasked. */
export const MAX_DETECTED_GROUPS = 60;

function headerScore(title: string, words: RegExp[]): number {
  const i = words.findIndex((w) => w.test(title));
  return i < 0 ? 0 : words.length - i;
}

/** Share of a column's non-blank cells that pass a test, over the first rows of the table. */
function share(sheet: SheetValues, table: Table, col: number, test: (c: Cell) => boolean): { share: number; distinct: number } {
  let n = 0;
  let ok = 0;
  const seen = new Set<string>();
  const last = Math.min(table.lastRow, table.firstRow + 2000);
  for (let r = table.firstRow; r <= last; r++) {
    const c = sheet.values[r - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
    if (isEmptyCell(c) || isError(c)) continue;
    n++;
    if (test(c)) ok++;
    if (seen.size < 5000) seen.add(String(c));
  }
  return { share: n ? ok / n : 0, distinct: seen.size };
}

// Serials from 1980 to 2100: a plain number column of invoice amounts rarely stays in this band.
const isDateSerial = (c: Cell) => typeof c === 'number' && Number.isInteger(c) && c >= 29221 && c <= 73051;

/** Guesses the account, amount and date columns. The user confirms or changes each. */
export function suggestColumns(sheet: SheetValues, table: Table): Suggestion {
  const score = table.columns.map((column) => {
    const numeric = share(sheet, table, column.col, (c) => typeof c === 'number');
    const text = share(sheet, table, column.col, isText);
    const dates = share(sheet, table, column.col, isDateSerial);
    const dateHeader = headerScore(column.title, DATE_WORDS);
    const code = CODE_WORDS.test(column.title) ? 1 : 0;
    return {
      col: column.col,
      account: text.share >= 0.6 ? 1 + headerScore(column.title, ACCOUNT_WORDS) * 3 - code : 0,
      amount: numeric.share >= 0.6 && !(dateHeader && dates.share > 0.9) ? 1 + headerScore(column.title, AMOUNT_WORDS) * 3 - code * 2 : 0,
      date: dates.share >= 0.8 ? 1 + dateHeader * 3 : 0,
      // Named like a product group, mostly text, a few repeating values (not one per line).
      product: text.share >= 0.6 && text.distinct >= 2 && text.distinct <= MAX_DETECTED_GROUPS ? headerScore(column.title, PRODUCT_WORDS) * 3 - code * 6 : 0,
    };
  });
  const best = (key: 'account' | 'amount' | 'date' | 'product', exclude: (number | null)[]) => {
    let pick: { col: number; s: number } | null = null;
    for (const s of score) if (s[key] > 0 && !exclude.includes(s.col) && (!pick || s[key] > pick.s)) pick = { col: s.col, s: s[key] };
    return pick?.col ?? null;
  };
  const date = best('date', []);
  const amount = best('amount', [date]);
  const account = best('account', [amount, date]);
  const product = best('product', [account, amount, date]);
  return { account, amount, date, product };
}
