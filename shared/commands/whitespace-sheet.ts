// Whitespace: what each planned account does not buy from us yet. The product (group) column of
// the revenue table, its groups by revenue, and the Whitespace sheet across all planned accounts:
// accounts × product groups, each cell a native SUMIFS over the analysis' names, the empty ones
// marked, each group's penetration at the bottom. The plan tabs' cross-sell hint counts on it.
import { Cell, isEmptyCell, isError } from '../cells';
import { Language, fill } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, columnLetter, emptySpec, rectangle } from '../sheet-spec';
import { Awaitable, SheetValues, Workbook, WorkbookInfo, andThen, cellAt } from '../workbook';
import { OWN_NAMES, SOURCE_NAMES } from './analysis';
import { matching } from './criteria';
import { UserError } from './errors';
import { LARGE_AMOUNT, cellLength, charCount, shownLength, tableLayout } from './layout';
import { freeSheetName } from './sheet-names';
import { Table, suggestColumns } from './table';

/** The most product groups a plan's grid and the Whitespace sheet show: the largest by revenue. */
export const MAX_GROUPS = 25;

/** The Whitespace sheet's own output, and the parts the plans' cross-sell hint reads. */
export const WHITESPACE_NAMES = {
  own: 'AccountPlanner_Whitespace',
  groups: 'AccountPlanner_WhitespaceGroups',
  accounts: 'AccountPlanner_WhitespaceAccounts',
  grid: 'AccountPlanner_WhitespaceGrid',
} as const;

export const WHITESPACE_WORDS = {
  en: {
    sheet: 'Whitespace',
    title: 'Whitespace: what each planned account buys from us, per product group',
    note: [
      'Revenue per account and product group, live from the revenue table.',
      'A shaded cell: nothing bought there yet — a conversation to have.',
      'Penetration: the share of these accounts that buy the group.',
      'The groups are those of the last run, largest first; new groups appear on the next run.',
    ],
    noteAll: 'The revenue table has no dates: all its revenue is counted.',
    measured: 'Revenue of the 12 months up to',
    shown: 'The {shown} largest of {total} product groups.',
    account: 'Account',
    tab: 'Plan tab',
    bought: 'Groups bought',
    buying: 'Accounts buying it',
    penetration: 'Penetration',
    noColumn: 'No column "{given}" in the revenue table on {sheet} (columns: {known}).',
  },
  nl: {
    sheet: 'Witte vlekken',
    title: 'Witte vlekken: wat elke klant met een plan bij ons koopt, per productgroep',
    note: [
      'Omzet per klant en productgroep, live uit de omzettabel.',
      'Een gekleurde cel: daar wordt nog niets gekocht — een gesprek om te voeren.',
      'Penetratie: het deel van deze klanten dat de groep koopt.',
      'De groepen zijn die van de laatste keer, grootste eerst; nieuwe verschijnen bij de volgende keer.',
    ],
    noteAll: 'De omzettabel heeft geen datums: alle omzet telt mee.',
    measured: 'Omzet van de 12 maanden tot en met',
    shown: 'De {shown} grootste van {total} productgroepen.',
    account: 'Klant',
    tab: 'Plantabblad',
    bought: 'Groepen gekocht',
    buying: 'Klanten die het kopen',
    penetration: 'Penetratie',
    noColumn: 'Geen kolom "{given}" in de omzettabel op {sheet} (kolommen: {known}).',
  },
} satisfies Record<Language, Record<string, string | string[]>>;

/** A product group as the revenue table holds it: text, or a number (a group code). */
export type Group = string | number;

export interface Products {
  /** The product column (absolute, 0-based) on the revenue table's sheet. */
  col: number;
  /** Whether the AccountPlanner_Products name must be written (or moved) to this column. */
  name: boolean;
  /** The groups shown, largest revenue first (at most MAX_GROUPS). */
  groups: Group[];
  /** How many distinct groups the column has. */
  total: number;
}

/** How SUMIFS tells groups apart: without case, otherwise exactly as written. */
const groupKey = (g: Cell): string | null => (isEmptyCell(g) || isError(g) || typeof g === 'boolean' ? null : typeof g === 'number' ? `#${g}` : String(g).toLowerCase());

/**
 * The product groups of the counted rows, largest revenue first (ties by name): the rows the
 * analysis counted (a "Counted as" cell), each group as first written.
 */
export function productGroups(values: SheetValues, info: WorkbookInfo, col: number): { groups: Group[]; total: number } {
  const accounts = info.names[SOURCE_NAMES.accounts];
  const keys = info.names[SOURCE_NAMES.keys];
  const amounts = info.names[SOURCE_NAMES.amounts];
  const sums = new Map<string, { group: Group; revenue: number }>();
  for (let r = accounts.region.row; r < accounts.region.row + accounts.region.rows; r++) {
    const counted = keys?.sheet === accounts.sheet ? cellAt(values, r, keys.region.col) : cellAt(values, r, accounts.region.col);
    if (isEmptyCell(counted) || isError(counted)) continue;
    const cell = cellAt(values, r, col);
    const key = groupKey(cell);
    if (key === null) continue;
    const amount = amounts ? cellAt(values, r, amounts.region.col) : null;
    const entry = sums.get(key) ?? { group: typeof cell === 'number' ? cell : String(cell), revenue: 0 };
    if (typeof amount === 'number') entry.revenue += amount;
    sums.set(key, entry);
  }
  const sorted = [...sums.values()].sort((a, b) => b.revenue - a.revenue || String(a.group).localeCompare(String(b.group)));
  return { groups: sorted.slice(0, MAX_GROUPS).map((s) => s.group), total: sorted.length };
}

/** The revenue table's header row and columns, as the analysis' names place them (its own output left out). */
function sourceTable(info: WorkbookInfo, values: SheetValues): Table {
  const accounts = info.names[SOURCE_NAMES.accounts];
  const own = info.names[OWN_NAMES.tiers];
  const headerRow = accounts.region.row - 1;
  // The run of headers around the account column, up to a blank one or the add-in's own columns.
  const mine = (col: number) => !!own && own.sheet === values.sheet && col >= own.region.col && col < own.region.col + own.region.cols;
  const header = (col: number) => (mine(col) ? null : cellAt(values, headerRow, col));
  const inTable = (col: number) => col >= 0 && !isEmptyCell(header(col)) && !isError(header(col));
  let start = accounts.region.col;
  let end = accounts.region.col;
  while (inTable(start - 1)) start--;
  while (inTable(end + 1)) end++;
  const columns: Table['columns'] = [];
  for (let col = start; col <= end; col++) if (inTable(col)) columns.push({ col, letter: columnLetter(col), title: String(header(col)).trim() });
  const lastRow = accounts.region.row + accounts.region.rows - 1;
  return { sheet: values.sheet, headerRow, firstRow: accounts.region.row, lastRow, columns, region: { row: headerRow, col: columns[0]?.col ?? 0, rows: lastRow - headerRow + 1, cols: columns.length } };
}

/**
 * The product column for the whitespace: `given` (a header or a column letter; null for none),
 * else the analysis' AccountPlanner_Products name, else one recognised by its header. Null when
 * there is none, or without the analysis' names on the revenue table.
 */
export function resolveProducts(info: WorkbookInfo, values: SheetValues | null, given: string | null | undefined, language: Language): Products | null {
  const accounts = info.names[SOURCE_NAMES.accounts];
  if (given === null || !values || !accounts || accounts.sheet !== values.sheet || accounts.region.row < 1) return null;
  const named = info.names[SOURCE_NAMES.products];
  const aligned = named && named.sheet === accounts.sheet && named.region.row === accounts.region.row && named.region.rows === accounts.region.rows;
  let col: number | null = null;
  const table = sourceTable(info, values);
  if (given !== undefined) {
    const wanted = given.trim().toLowerCase();
    const column = table.columns.find((c) => c.title.toLowerCase() === wanted) ?? table.columns.find((c) => c.letter.toLowerCase() === wanted);
    if (!column) {
      const known = table.columns.map((c) => `${c.letter} "${c.title}"`).join(', ');
      throw new UserError(fill(WHITESPACE_WORDS[language].noColumn, { given, sheet: values.sheet, known }));
    }
    col = column.col;
  } else if (aligned) col = named.region.col;
  else {
    const taken = [SOURCE_NAMES.accounts, SOURCE_NAMES.amounts, SOURCE_NAMES.dates].map((n) => (info.names[n]?.sheet === accounts.sheet ? info.names[n].region.col : -1));
    const suggested = suggestColumns(values, { ...table, columns: table.columns.filter((c) => !taken.includes(c.col)) }).product;
    col = suggested;
  }
  if (col === null) return null;
  const { groups, total } = productGroups(values, info, col);
  if (!groups.length) return null;
  return { col, name: !aligned || named.region.col !== col, groups, total };
}

/**
 * The product groups for the whitespace, read from the revenue table (read here only if the
 * accounts did not need it). A pane generating in batches (`namedOnly`) takes the column only from
 * the analysis' name, so batches do not read the table for nothing.
 */
export function readProducts(wb: Workbook, info: WorkbookInfo, values: SheetValues | null, options: { product?: string | null; language: Language }, namedOnly = false): Awaitable<Products | null> {
  const accounts = info.names[SOURCE_NAMES.accounts];
  if (options.product === null || !accounts || !info.sheets.includes(accounts.sheet)) return null;
  if (namedOnly && options.product === undefined && !info.names[SOURCE_NAMES.products]) return null;
  const read = values && values.sheet === accounts.sheet ? values : wb.readSheet(accounts.sheet);
  return andThen(read, (v) => resolveProducts(info, v, options.product, options.language));
}

/** The name the plan formulas sum over, when it must be written or moved. */
export function productsName(info: WorkbookInfo, products: Products): SheetSpec['names'] {
  const accounts = info.names[SOURCE_NAMES.accounts];
  return products.name ? [{ name: SOURCE_NAMES.products, sheet: accounts.sheet, region: { ...accounts.region, col: products.col, cols: 1 } }] : [];
}

/** One planned account: its plan tab and the account as the analysis counted it. */
export interface PlannedAccount {
  sheet: string;
  key: string | number;
}

/** The planned accounts an earlier Whitespace sheet lists, by plan tab (so its tabs need no reading). */
export function accountsOnSheet(info: WorkbookInfo, values: SheetValues | null): Map<string, string | number> {
  const found = new Map<string, string | number>();
  const accounts = info.names[WHITESPACE_NAMES.accounts];
  if (!values || !accounts || accounts.sheet !== values.sheet) return found;
  for (let r = accounts.region.row; r < accounts.region.row + accounts.region.rows; r++) {
    const key = cellAt(values, r, accounts.region.col);
    const tab = cellAt(values, r, accounts.region.col + 1);
    if ((typeof key === 'string' && key) || typeof key === 'number') if (typeof tab === 'string' && tab) found.set(tab.toLowerCase(), key);
  }
  return found;
}

const HEADER_FILL = '#F2F2F2';
const LINES = '#D9D9D9';
const EMPTY_FILL = '#FCE4D6';
const EMPTY_FONT = '#9C5700';

/** Whether every cell of `region` outside `own` is empty (the add-in writes only where it wrote before, or nothing was). */
function fits(values: SheetValues | null, region: Region, own: Region | undefined): boolean {
  if (!values) return true;
  for (let r = region.row; r < region.row + region.rows; r++) {
    for (let c = region.col; c < region.col + region.cols; c++) {
      const mine = own && r >= own.row && r < own.row + own.rows && c >= own.col && c < own.col + own.cols;
      const v = cellAt(values, r, c);
      if (!mine && v !== null && v !== '') return false;
    }
  }
  return true;
}

/**
 * Whether the cells an earlier Whitespace sheet left empty inside its region still are: right of
 * the title and notes (above the header row), and beside the two bottom rows' labels and counts.
 * A note typed there is the user's, and clearing the region would lose it.
 */
function ownGapsEmpty(values: SheetValues | null, own: Region, header: number | undefined): boolean {
  if (!values) return true;
  const blank = (r: number, c: number) => {
    const v = cellAt(values, r, c);
    return v === null || v === '';
  };
  const top = header ?? own.row;
  for (let r = own.row; r < top; r++) for (let c = own.col + 2; c < own.col + own.cols; c++) if (!blank(r, c)) return false;
  const last = own.col + own.cols - 1;
  for (const r of [own.row + own.rows - 2, own.row + own.rows - 1]) if (!blank(r, own.col + 1) || !blank(r, last)) return false;
  return true;
}

/**
 * The Whitespace sheet: a row per planned account, a column per product group. Re-running
 * rewrites the add-in's own region (found by its name) when the new one fits where nothing else
 * is, and otherwise makes a new sheet, as the Pareto sheet does.
 */
export function whitespaceSpec(info: WorkbookInfo, existing: SheetValues | null, accounts: PlannedAccount[], products: Products, options: { language: Language; money: string; dates: boolean; keys: boolean }): SheetSpec {
  const w = WHITESPACE_WORDS[options.language];
  const spec = emptySpec();
  spec.names.push(...productsName(info, products));
  const { groups } = products;
  const end = info.names[SOURCE_NAMES.dataEnd];
  const dataEnd = options.dates && end && info.sheets.includes(end.sheet) ? SOURCE_NAMES.dataEnd : null;
  // Title, the note a line a row (no merged or wrapped cells: a re-run writes the sheet again),
  // the measuring date, the groups left out, then the table.
  const MEASURED = 1 + w.note.length;
  const HEADER = MEASURED + 2;
  const first = HEADER + 1;
  const last = first + Math.max(1, accounts.length) - 1;
  const cols = groups.length + 3;
  const region: Region = { row: 0, col: 0, rows: last + 3, cols };
  const previous = info.names[WHITESPACE_NAMES.own];
  const mine = previous && info.sheets.includes(previous.sheet) ? previous : undefined;
  // The earlier sheet is written again only where nothing of anyone else's is: not in the cells
  // its own region left empty, nor where the new region reaches beyond it. Otherwise a new sheet.
  const reuse = mine && fits(existing, region, mine.region) && ownGapsEmpty(existing, mine.region, info.names[WHITESPACE_NAMES.groups]?.region.row) ? mine.sheet : undefined;
  const sheet = freeSheetName(info.sheets, w.sheet, reuse);
  if (mine && reuse) spec.clear.push({ sheet: mine.sheet, region: mine.region });
  if (!info.sheets.includes(sheet)) spec.addSheets.push(sheet);

  const measured = `$B$${MEASURED + 1}`;
  const keys = options.keys ? SOURCE_NAMES.keys : SOURCE_NAMES.accounts;
  const between = dataEnd ? `,${SOURCE_NAMES.dates},">"&(${measured}-365),${SOURCE_NAMES.dates},"<"&(${measured}+1)` : '';
  const gridCol = (g: number) => 2 + g;
  const rows: SpecValue[][] = [[w.title], ...w.note.map((line) => [line]), dataEnd ? [w.measured, { formula: `=${dataEnd}` }] : [w.noteAll], [products.total > groups.length ? fill(w.shown, { shown: groups.length, total: products.total }) : null]];
  rows.push([w.account, w.tab, ...groups, w.bought]);
  accounts.forEach((a, i) => {
    const row = first + i + 1;
    rows.push([
      a.key,
      a.sheet,
      ...groups.map((g) => ({ formula: `=SUMIFS(${SOURCE_NAMES.amounts},${matching(keys, a.key)},${matching(SOURCE_NAMES.products, g)}${between})` })),
      { formula: `=COUNTIF(C${row}:${columnLetter(gridCol(groups.length - 1))}${row},">0")` },
    ]);
  });
  if (!accounts.length) rows.push([]);
  const column = (g: number) => `${columnLetter(gridCol(g))}$${first + 1}:${columnLetter(gridCol(g))}$${last + 1}`;
  rows.push([w.buying, null, ...groups.map((_, g) => ({ formula: `=COUNTIF(${column(g)},">0")` }))]);
  rows.push([w.penetration, null, ...groups.map((_, g) => ({ formula: `=IF(COUNTA($A$${first + 1}:$A$${last + 1})=0,"",COUNTIF(${column(g)},">0")/COUNTA($A$${first + 1}:$A$${last + 1}))` }))]);
  spec.blocks.push({ sheet, row: 0, col: 0, values: rectangle(rows) });

  const style = (r: Region, s: Omit<SheetSpec['styles'][number], 'sheet' | 'region'>) => spec.styles.push({ sheet, region: r, ...s });
  style({ row: 0, col: 0, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });
  style({ row: 1, col: 0, rows: w.note.length, cols: 1 }, { italic: true, fontColor: '#595959' });
  style({ row: MEASURED + 1, col: 0, rows: 1, cols: 1 }, { italic: true, fontColor: '#595959' });
  if (dataEnd) style({ row: MEASURED, col: 1, rows: 1, cols: 1 }, { bold: true, numberFormat: options.language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd' });
  style({ row: HEADER, col: 0, rows: 1, cols }, { bold: true, fill: HEADER_FILL, wrap: true, verticalAlign: 'top' });
  const grid: Region = { row: first, col: 2, rows: last - first + 1, cols: groups.length };
  style(grid, { numberFormat: options.money });
  style({ row: first, col: cols - 1, rows: grid.rows, cols: 1 }, { numberFormat: '0' });
  style({ row: last + 1, col: 0, rows: 2, cols }, { bold: true });
  style({ row: last + 1, col: 2, rows: 1, cols: groups.length }, { numberFormat: '0' });
  style({ row: last + 2, col: 2, rows: 1, cols: groups.length }, { numberFormat: '0%' });
  style({ row: HEADER, col: 0, rows: last - HEADER + 3, cols }, { gridLines: LINES });
  if (accounts.length) spec.conditionalFormulas.push({ sheet, region: grid, formula: `=N(C${first + 1})<=0`, fill: EMPTY_FILL, fontColor: EMPTY_FONT });
  spec.freezeRows.push({ sheet, rows: first });

  const names = accounts.map((a) => cellLength(a.key));
  const layout = tableLayout([
    { header: w.account, lengths: [...names, charCount(w.buying) * 1.1, charCount(w.penetration) * 1.1, charCount(w.measured) / 2], min: 120, max: 260 },
    { header: w.tab, lengths: accounts.map((a) => charCount(a.sheet)), max: 200, min: dataEnd ? 90 : 0 },
    ...groups.map((g) => ({ header: String(g), lengths: [shownLength(LARGE_AMOUNT / 10, options.money), 4], max: 130 })),
    { header: w.bought, lengths: [2] },
  ]);
  layout.widths.forEach((width, c) => spec.columnWidths.push({ sheet, col: c, width }));
  spec.rowHeights.push({ sheet, row: HEADER, rows: 1, height: layout.headerPx });
  spec.fitToPageWidth.push(sheet);
  spec.landscape.push(sheet);

  spec.names.push(
    { name: WHITESPACE_NAMES.own, sheet, region },
    { name: WHITESPACE_NAMES.groups, sheet, region: { row: HEADER, col: 2, rows: 1, cols: groups.length } },
    { name: WHITESPACE_NAMES.accounts, sheet, region: { row: first, col: 0, rows: last - first + 1, cols: 1 } },
    { name: WHITESPACE_NAMES.grid, sheet, region: grid },
  );
  return spec;
}
