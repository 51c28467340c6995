// The Pareto analysis of a revenue sheet, host-free: read the sheet through the Workbook port,
// find the table, leave out what cannot be counted (and say why), tier the accounts, and describe
// the output as a SheetSpec. Three round-trips at most: info, read, write.
import { Cell, FormulaError, isEmptyCell, isError } from '../cells';
import { dateOfSerial, isoDate, todaySerial } from '../dates';
import { Vector, vectorFrom } from '../formulas/args';
import { MEASURES, Measure, concentrationOf, positiveTotalsDescending } from '../formulas/concentration';
import { cutoffsOfAccounts } from '../formulas/cutoffs';
import { Accounts, TOO_LARGE_MESSAGE, accountKey, accountShares, accountTiers, defaultLabel, groupAccounts, summariseTiers } from '../formulas/pareto';
import { EXCEL_NAMESPACE } from '../catalog';
import { Language, categoryLabel, fill, t } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, Styling, a1, emptySpec, rectangle, sheetRef } from '../sheet-spec';
import { cellLength, charCount, columnPx, moneyFormat, rowRanges, shownLength, tableLayout } from './layout';
import { tierColour } from '../tier-colours';
import { SheetValues, Workbook, WorkbookInfo, andThen, Awaitable, cellAt } from '../workbook';
import { UserError } from './errors';
import { GROWING, RECURRING, TierBasis, categoriesOf, categoryCounts, readTierSettings, tierLines } from './tier-cut';
import { countedAs } from './criteria';
import { MIGRATION_NAME, MigrationSummary, addMigrationSheet } from './migration-sheet';
import { freeSheetName } from './sheet-names';
import { LORENZ_CHART, lorenzPoints, lorenzSection } from './lorenz';
import { Column, Suggestion, Table, findTable, suggestColumns } from './table';
import { GroupSummary, WithinCut, cutWithin } from './within';

export type Host = 'excel' | 'sheets' | 'xlsx';

export interface AnalysisOptions {
  host: Host;
  language: Language;
  /** Default: the active sheet. */
  sheet?: string;
  /** A cell inside the table; default: the active cell when on that sheet. */
  at?: { row: number; col: number };
  /** Absolute 0-based columns; default: the suggestion. `date: null` means no date column. */
  account?: number;
  amount?: number;
  date?: number | null;
  /** The product (group) column for the plans' whitespace; default: the suggestion; null: none. */
  product?: number | null;
  /** Fractions, or 'auto': computed from the data as the computed ABC analysis does (PARETO_CUTOFFS). */
  cutoffs?: number[] | 'auto';
  labels?: string[];
  output?: 'values' | 'formulas';
  /** The user agreed to replace the add-in's earlier output. */
  replace?: boolean;
  /** Today as a serial date, for the "made on" note; default: the clock. */
  today?: number;
  /** Also write the Tier migration sheet (needs a date column); split: first day of the second period. */
  compare?: { split?: number };
  /**
   * The column to tier within (region, rep): each account is tiered among the accounts of its
   * group, so an account in two groups has a tier in each. Default: none (all accounts together).
   */
  within?: number | null;
}

/** The add-in's own output is recognised by these workbook names. */
export const OWN_NAMES = { tiers: 'AccountPlanner_Tiers', pareto: 'AccountPlanner_Pareto' } as const;

/**
 * Names the analysis leaves on the revenue table's data rows, so that plan tabs can pull revenue,
 * tier and category with native SUMIFS/INDEX formulas that stay live.
 */
export const SOURCE_NAMES = {
  accounts: 'AccountPlanner_Accounts',
  amounts: 'AccountPlanner_Amounts',
  dates: 'AccountPlanner_Dates',
  tiers: 'AccountPlanner_TierColumn',
  categories: 'AccountPlanner_CategoryColumn',
  /** Each counted row's account as the analysis counted it: what plan facts sum over. */
  keys: 'AccountPlanner_Keys',
  /** The date the revenue data runs up to (on the Pareto sheet): plan facts are measured to it. */
  dataEnd: 'AccountPlanner_DataEnd',
  /** The product (group) column: the plans' whitespace grid and sheet sum per group over it. */
  products: 'AccountPlanner_Products',
} as const;

export interface Detection {
  sheet: string;
  sheets: string[];
  address: string;
  headerRow: number; // 1-based, as the user sees it
  dataRows: number;
  columns: Column[];
  suggestion: Suggestion;
}

export interface LeftOut {
  totalsRows: number[];
  textRows: number[];
  errorRows: number[];
  missingAccountRows: number[];
  blankRows: number;
  /** The blank rows' numbers (1-based), for the Pareto sheet's list of what was left out. */
  blankRowList: number[];
}

export interface TierLine {
  label: string;
  accounts: number;
  accountShare: number;
  revenue: number;
  revenueShare: number;
  fill: string;
  fontColor: string;
}

export interface Preview {
  sheet: string;
  address: string;
  columns: { account: Column; amount: Column; date: Column | null };
  headline: string;
  tiers: TierLine[];
  accounts: number;
  revenue: number;
  rows: number;
  leftOut: LeftOut;
  categories: number[] | null; // accounts per category 1..5 (index 0 = category 1)
  previous: string | null; // where earlier output is, if any
  formula: { available: boolean; reason?: string };
  /** The cutoffs the tiers were cut at (computed ones with cutoffs 'auto'). */
  cutoffs: number[];
  /** What the tiers were cut from: the pane re-cuts them at other cutoffs without reading the sheet. */
  basis: TierBasis;
  /** The column tiered within and how many groups it has; absent without one. */
  within?: { column: Column; groups: number };
}


export interface AnalysisResult {
  status: 'written' | 'confirm';
  message: string;
  preview: Preview;
  tierColumns?: string;
  paretoSheet?: string;
  migration?: MigrationSummary;
}

// --- reading --------------------------------------------------------------------------------

function pickSheet(info: WorkbookInfo, options: { sheet?: string; language: Language }): string {
  const sheet = options.sheet ?? info.active.sheet;
  if (!info.sheets.includes(sheet)) throw new UserError(fill(t(options.language).analysis.noSheet, { sheet }));
  return sheet;
}

/** The add-in's own earlier columns are not part of the user's table: read them as empty. */
function withoutOwnOutput(info: WorkbookInfo, values: SheetValues): SheetValues {
  const own = info.names[OWN_NAMES.tiers];
  if (!own || own.sheet !== values.sheet) return values;
  const { row, col, rows, cols } = own.region;
  for (let r = row; r < row + rows; r++) {
    const line = values.values[r - values.origin.row];
    if (!line) continue;
    for (let c = col; c < col + cols; c++) if (c - values.origin.col >= 0 && c - values.origin.col < line.length) line[c - values.origin.col] = null;
  }
  return values;
}

function tableOf(info: WorkbookInfo, sheetValues: SheetValues, options: { at?: { row: number; col: number }; language: Language }): Table {
  const values = withoutOwnOutput(info, sheetValues);
  const at = options.at ?? (info.active.sheet === values.sheet ? info.active : undefined);
  const table = findTable(values, at);
  if (!table) throw new UserError(fill(t(options.language).analysis.noTable, { sheet: values.sheet }));
  return table;
}

export function detect(wb: Workbook, options: { sheet?: string; at?: { row: number; col: number }; language: Language }): Awaitable<Detection> {
  return andThen(wb.info(), (info) => {
    const sheet = pickSheet(info, options);
    return andThen(wb.readSheet(sheet), (values) => {
      const table = tableOf(info, values, options);
      return {
        sheet,
        sheets: info.sheets,
        address: a1(table.region),
        headerRow: table.headerRow + 1,
        dataRows: table.lastRow - table.headerRow,
        columns: table.columns,
        suggestion: suggestColumns(values, table),
      };
    });
  });
}

// --- the analysis ---------------------------------------------------------------------------

const TOTAL_LABEL = /^\s*(grand\s+total|sub-?total|totals?|eindtotaal|subtotaal|totaal|generaal\s+totaal|sum|som)\s*[:.]?\s*(\d{4})?\s*$/i;

interface Rows {
  /** Absolute rows counted in the analysis, with their amount and account. */
  rows: number[];
  amounts: Cell[];
  keys: Cell[];
  leftOut: LeftOut;
}

/** Sorts every data row into counted or left out (and why). */
function classifyRows(values: SheetValues, table: Table, accountCol: number, amountCol: number, withinCol?: number): Rows {
  const cell = (r: number, c: number): Cell => cellAt(values, r, c);
  const out: Rows = { rows: [], amounts: [], keys: [], leftOut: { totalsRows: [], textRows: [], errorRows: [], missingAccountRows: [], blankRows: 0, blankRowList: [] } };
  let lastFilled = -1;
  for (let r = table.firstRow; r <= table.lastRow; r++) {
    const cells = table.columns.map((c) => cell(r, c.col));
    if (cells.every((c) => isEmptyCell(c))) {
      out.leftOut.blankRows++;
      out.leftOut.blankRowList.push(r + 1);
      continue;
    }
    lastFilled = r;
    const key = cell(r, accountCol);
    const value = cell(r, amountCol);
    if (cells.some((c) => typeof c === 'string' && TOTAL_LABEL.test(c))) out.leftOut.totalsRows.push(r + 1);
    else if (isError(value) || isError(key) || (withinCol !== undefined && isError(cell(r, withinCol)))) out.leftOut.errorRows.push(r + 1);
    else if (typeof value === 'string' && value.trim() !== '') out.leftOut.textRows.push(r + 1);
    else if (typeof value === 'boolean') out.leftOut.textRows.push(r + 1);
    else if (isEmptyCell(key) && typeof value === 'number') out.leftOut.missingAccountRows.push(r + 1);
    else if (!isEmptyCell(key)) {
      out.rows.push(r);
      out.amounts.push(typeof value === 'number' ? value : null);
      out.keys.push(key);
    } else {
      out.leftOut.blankRows++;
      out.leftOut.blankRowList.push(r + 1);
    }
  }
  // The last row, with an amount but no account, that equals the sum of the rows above is a totals
  // row without a label. (A named last row is a customer, whatever its amount.)
  const missing = out.leftOut.missingAccountRows;
  if (missing.length && missing[missing.length - 1] === lastFilled + 1 && out.rows.length >= 2) {
    const amount = cellAt(values, lastFilled, amountCol);
    const above = out.amounts.reduce<number>((sum, a) => sum + ((a as number | null) ?? 0), 0);
    if (typeof amount === 'number' && amount !== 0 && Math.abs(amount - above) <= 0.005 + 1e-9 * Math.abs(above)) {
      out.leftOut.totalsRows.push(missing.pop() as number);
    }
  }
  return out;
}

const quarterOf = (serial: number) => {
  const d = dateOfSerial(serial);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
};

/** The latest date of the counted rows: the date the data runs up to, which categories and plan facts are measured to. */
function latestDate(dates: Cell[]): number | null {
  let latest = -Infinity;
  for (const d of dates) if (typeof d === 'number' && d > latest) latest = d;
  return latest === -Infinity ? null : Math.floor(latest);
}

/**
 * What an account's category needs besides its tier, from its dated rows: recurring = revenue in
 * at least 3 of the last 4 quarters up to `latest`; growing = the 12 months up to `latest` above
 * the 12 before. Plan tabs measure their facts the same way (see plan-render).
 */
function categoryTraits(dates: Cell[], amounts: Cell[], rowAccount: Int32Array, accounts: number, latest: number | null): Uint8Array {
  const traits = new Uint8Array(accounts);
  if (latest === null) return traits;
  const lastQuarter = quarterOf(latest);
  const quarterSums = new Float64Array(accounts * 4);
  const recent = new Float64Array(accounts);
  const before = new Float64Array(accounts);
  dates.forEach((d, i) => {
    const a = rowAccount[i];
    const amount = amounts[i];
    if (a < 0 || typeof d !== 'number' || typeof amount !== 'number') return;
    const q = lastQuarter - quarterOf(d);
    if (q >= 0 && q < 4) quarterSums[a * 4 + q] += amount;
    if (d > latest - 365) recent[a] += amount;
    else if (d > latest - 730) before[a] += amount;
  });
  for (let a = 0; a < accounts; a++) {
    let quarters = 0;
    for (let q = 0; q < 4; q++) if (quarterSums[a * 4 + q] > 0) quarters++;
    traits[a] = (quarters >= 3 ? RECURRING : 0) | (recent[a] > before[a] ? GROWING : 0);
  }
  return traits;
}

interface Analysis {
  info: WorkbookInfo;
  values: SheetValues;
  table: Table;
  columns: { account: Column; amount: Column; date: Column | null; product: Column | null };
  rows: Rows;
  labels: string[];
  cutoffs: number[];
  accountOfRow: Int32Array; // per counted row
  tiers: Int32Array; // per account
  shares: Float64Array; // per account
  categories: Int32Array | null; // per account
  /** The latest date of the counted rows, or null without dates. */
  dataEnd: number | null;
  names: Cell[]; // per account
  totals: Float64Array; // per account
  /** Every account's total over all groups: what the concentration measures. */
  accountTotals: Float64Array;
  /** With a Within column the "accounts" above are (group, account) pairs; their groups. */
  within: WithinAnalysis | null;
  preview: Preview;
}

function columnNamed(table: Table, col: number | null | undefined, what: string, language: Language): Column {
  const s = t(language).analysis;
  if (col === null || col === undefined) throw new UserError(fill(s.noColumn, { what }));
  const column = table.columns.find((c) => c.col === col);
  if (!column) throw new UserError(fill(s.columnOutside, { column: String(col + 1) }));
  return column;
}

/** Tiers, shares and summary; sums beyond the float range are the user's readable message. */
function tierAccounts(accounts: Accounts, cutoffs: number[], labels: string[], values: Vector, tooLarge: string) {
  try {
    const tiers = accountTiers(accounts, cutoffs, values);
    return { tiers, shares: accountShares(accounts, values), summary: summariseTiers(accounts, tiers, labels, values) };
  } catch (e) {
    if (e instanceof FormulaError && e.message === TOO_LARGE_MESSAGE) throw new UserError(tooLarge);
    throw e;
  }
}

/** The computed ABC analysis's cutoffs (--cutoffs auto, the pane's "Suggest from the data"). */
function computedCutoffsOf(accounts: Accounts, values: Vector, language: Language, tooLarge: string): number[] {
  try {
    return cutoffsOfAccounts(accounts, values);
  } catch (e) {
    if (e instanceof FormulaError && e.message === TOO_LARGE_MESSAGE) throw new UserError(tooLarge);
    // Revenue exists here (checked before), so the only reasons left are too few or too even totals.
    if (e instanceof FormulaError) throw new UserError(t(language).analysis.noComputedCutoffs);
    throw e;
  }
}

function ownRegion(info: WorkbookInfo, name: string) {
  return info.names[name] ?? null;
}

function analyse(info: WorkbookInfo, values: SheetValues, options: AnalysisOptions): Analysis {
  const s = t(options.language).analysis;
  const table = tableOf(info, values, options);
  const suggestion = suggestColumns(values, table);
  const account = columnNamed(table, options.account ?? suggestion.account, s.account, options.language);
  const amount = columnNamed(table, options.amount ?? suggestion.amount, s.amount, options.language);
  if (account.col === amount.col) throw new UserError(s.sameColumn);
  const dateCol = options.date === undefined ? suggestion.date : options.date;
  const date = dateCol === null || dateCol === account.col || dateCol === amount.col ? null : columnNamed(table, dateCol, 'date', options.language);
  const productCol = options.product === undefined ? suggestion.product : options.product;
  const product = productCol === null || [account.col, amount.col, date?.col].includes(productCol) ? null : columnNamed(table, productCol, 'product', options.language);
  const settings = readTierSettings(options);
  const { labels } = settings;
  if (options.compare && !date) throw new UserError(t(options.language).migration.noDate);
  const withinColumn = options.within === null || options.within === undefined ? null : columnNamed(table, options.within, s.within.what, options.language);
  if (withinColumn && (withinColumn.col === account.col || withinColumn.col === amount.col)) throw new UserError(s.within.sameColumn);
  if (withinColumn && options.compare) throw new UserError(s.within.notWithCompare);

  const rows = classifyRows(values, table, account.col, amount.col, withinColumn?.col);
  const valuesVector = vectorFrom(rows.amounts, 'values');
  const keysVector = vectorFrom(rows.keys, 'keys');
  const overall = groupAccounts(valuesVector, keysVector);
  if (!overall.totals.some((x) => x > 0)) throw new UserError(fill(s.noAmounts, { column: amount.title }));
  const tooLarge = fill(s.tooLarge, { column: amount.title });
  // Computed cutoffs come from all accounts together, also when tiering within groups.
  const cutoffs = options.cutoffs === 'auto' ? computedCutoffsOf(overall, valuesVector, options.language, tooLarge) : settings.cutoffs;
  const groupCells = withinColumn ? rows.rows.map((r) => cellAt(values, r, withinColumn.col)) : null;
  const pairs = groupCells ? pairsWithin(valuesVector, rows.keys, groupCells, options.language) : null;
  const accounts = pairs?.accounts ?? overall;
  const withAmount: number[] = [];
  for (let a = 0; a < accounts.totals.length; a++) if (accounts.hasAmount[a]) withAmount.push(a);
  const cut = pairs ? tierWithin(pairs, withAmount, cutoffs, labels, options.language, tooLarge) : null;
  const { tiers, shares, summary } = cut ?? tierAccounts(accounts, cutoffs, labels, valuesVector, tooLarge);
  const dates = date ? rows.rows.map((r) => values.values[r - values.origin.row]?.[date.col - values.origin.col] ?? null) : null;
  const dataEnd = dates ? latestDate(dates) : null;
  const traits = dates ? categoryTraits(dates, rows.amounts, accounts.rowAccount, accounts.totals.length, dataEnd) : null;
  const categories = traits ? categoriesOf(tiers, traits) : null;

  const previous = ownRegion(info, OWN_NAMES.tiers) ?? ownRegion(info, OWN_NAMES.pareto);
  const formula = formulaAvailability(options, rows, table);
  const preview: Preview = {
    sheet: values.sheet,
    address: a1(table.region),
    columns: { account, amount, date },
    ...tierLines(summary, options.language),
    rows: rows.rows.length,
    leftOut: rows.leftOut,
    categories: categories ? categoryCounts(categories, accounts.hasAmount) : null,
    previous: previous ? `${previous.sheet}!${a1(previous.region)}` : null,
    formula,
    cutoffs,
    basis: {
      totals: withAmount.map((a) => accounts.totals[a]),
      traits: traits ? withAmount.map((a) => traits[a]) : null,
      ...(pairs ? { groups: withAmount.map((a) => pairs.groupOf[a]) } : {}),
    },
    ...(pairs && withinColumn ? { within: { column: withinColumn, groups: pairs.groupNames.length } } : {}),
  };
  return {
    info,
    values,
    table,
    columns: { account, amount, date, product },
    rows,
    labels,
    cutoffs,
    accountOfRow: accounts.rowAccount,
    tiers,
    shares,
    categories,
    dataEnd,
    // A pair is named by its account as counted over all groups (one spelling per account).
    names: pairs ? Array.from(pairs.firstRow, (row) => overall.names[overall.rowAccount[row]]) : accounts.names,
    totals: accounts.totals,
    accountTotals: overall.totals,
    within: pairs && withinColumn && cut ? { column: withinColumn, groupOf: pairs.groupOf, groupNames: pairs.groupNames, groups: cut.groups } : null,
    preview,
  };
}

interface WithinAnalysis {
  column: Column;
  /** Per pair, the index of its group in groupNames. */
  groupOf: Int32Array;
  /** As first written; the blank group as "(blank)". */
  groupNames: string[];
  groups: GroupSummary[];
}

interface Pairs {
  /** The (group, account) pairs as accounts: their rows, totals and amounts. */
  accounts: Accounts;
  /** Per pair, its first counted line (index into the counted rows). */
  firstRow: Int32Array;
  groupOf: Int32Array;
  groupNames: string[];
}

/**
 * Every counted line's (group, account) pair. Groups are compared as keys are (trimmed, any case),
 * as PARETO_TIER's groups argument does; lines with a blank group form one group of their own.
 */
function pairsWithin(values: Vector, keys: Cell[], groupCells: Cell[], language: Language): Pairs {
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];
  const groupOfRow = groupCells.map((cell) => {
    const key = accountKey(cell) ?? '';
    let g = groupIndex.get(key);
    if (g === undefined) {
      groupIndex.set(key, (g = groupNames.length));
      groupNames.push(key === '' ? t(language).analysis.within.blank : String(cell).trim());
    }
    return g;
  });
  const pairKeys = keys.map((key, i) => `${groupOfRow[i]}\u0001${accountKey(key) ?? ''}`);
  const accounts = groupAccounts(values, vectorFrom(pairKeys, 'keys'));
  const firstRow = new Int32Array(accounts.totals.length).fill(-1);
  const groupOf = new Int32Array(accounts.totals.length);
  accounts.rowAccount.forEach((p, i) => {
    if (p < 0 || firstRow[p] >= 0) return;
    firstRow[p] = i;
    groupOf[p] = groupOfRow[i];
  });
  return { accounts, firstRow, groupOf, groupNames };
}

/** The pairs' tiers and shares within their groups; pairs without an amount sit in the last tier. */
function tierWithin(pairs: Pairs, withAmount: number[], cutoffs: number[], labels: string[], language: Language, tooLarge: string) {
  let cut: WithinCut;
  try {
    cut = cutWithin(withAmount.map((p) => pairs.accounts.totals[p]), withAmount.map((p) => pairs.groupOf[p]), cutoffs, labels, language);
  } catch (e) {
    if (e instanceof FormulaError && e.message === TOO_LARGE_MESSAGE) throw new UserError(tooLarge);
    throw e;
  }
  const n = pairs.accounts.totals.length;
  const tiers = new Int32Array(n).fill(cutoffs.length);
  const shares = new Float64Array(n).fill(1);
  withAmount.forEach((p, i) => {
    tiers[p] = cut.tiers[i];
    shares[p] = cut.shares[i];
  });
  return { tiers, shares, summary: cut.summary, groups: cut.groups };
}

function formulaAvailability(options: AnalysisOptions, rows: Rows, table: Table): Preview['formula'] {
  const s = t(options.language).analysis;
  if (options.host === 'xlsx') return { available: false };
  const l = rows.leftOut;
  if (l.textRows.length || l.errorRows.length || l.missingAccountRows.length) return { available: false, reason: s.formulaBlocked };
  const lastCounted = rows.rows[rows.rows.length - 1] ?? table.lastRow;
  if (l.totalsRows.some((r) => r - 1 < lastCounted)) return { available: false, reason: s.formulaTotalsInside };
  return { available: true };
}

export function preview(wb: Workbook, options: AnalysisOptions): Awaitable<Preview> {
  return andThen(wb.info(), (info) => andThen(wb.readSheet(pickSheet(info, options)), (values) => analyse(info, values, options).preview));
}

// --- writing --------------------------------------------------------------------------------

const inside = (r: number, c: number, region: Region | undefined) =>
  !!region && r >= region.row && r < region.row + region.rows && c >= region.col && c < region.col + region.cols;

/** Excel's last column, XFD, 0-based. */
const LAST_COLUMN = 16383;

/** The first run of `count` columns right of the table that hold nothing but the add-in's own output. */
function freeColumns(values: SheetValues, table: Table, count: number, own?: Region): number {
  const lastCol = values.origin.col + (values.values[0]?.length ?? 0) - 1;
  const empty = (c: number) => {
    if (c > lastCol) return true;
    for (let i = 0; i < values.values.length; i++) {
      const v = values.values[i][c - values.origin.col];
      if (!isEmptyCell(v ?? null) && !inside(values.origin.row + i, c, own)) return false;
    }
    return true;
  };
  let start = table.region.col + table.region.cols;
  for (let c = start; ; c++) {
    if (!empty(c)) start = c + 1;
    else if (c - start + 1 === count) return start;
  }
}

const text = (c: Cell): SpecValue => (c === null || isError(c) ? '' : typeof c === 'string' ? c : String(c));

/** How many accounts the chart shows before grouping the rest: past 100 columns it is unreadable. */
export const CHART_ACCOUNTS = 100;

/** Whether every cell of `region` outside the add-in's `own` region is empty. */
function fitsOwnRegion(values: SheetValues, region: Region, own: Region): boolean {
  for (let r = region.row; r < region.row + region.rows; r++) {
    for (let c = region.col; c < region.col + region.cols; c++) {
      if (!inside(r, c, own) && !isEmptyCell(cellAt(values, r, c))) return false;
    }
  }
  return true;
}

const LINE_COLOUR = '#D9D9D9';
const HEADER_FILL = '#F3F3F3';
/** Characters of row numbers per line in the "left out" list (they run over three columns), and lines at most per reason. */
const ROW_NUMBER_CHARS = 26;
const ROW_NUMBER_LINES = 5;

/** Row numbers on a few short lines; what does not fit ends in "… and 40 more". */
function rowNumberLines(ranges: string[], andMore: string): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < ranges.length && lines.length < ROW_NUMBER_LINES) {
    let line = ranges[i++];
    while (i < ranges.length && line.length + 2 + ranges[i].length <= ROW_NUMBER_CHARS) line += `, ${ranges[i++]}`;
    lines.push(line);
  }
  if (i < ranges.length) lines.push(fill(andMore, { count: ranges.length - i }));
  return lines;
}

function buildSpec(a: Analysis, options: AnalysisOptions, paretoValues: SheetValues | null, sourceFormat: string | null): { spec: SheetSpec; tierColumns: string; paretoSheet: string; migration?: MigrationSummary } {
  const s = t(options.language).analysis;
  const spec = emptySpec();
  const sheet = a.values.sheet;
  const money = moneyFormat(sourceFormat);
  const previousTiers = ownRegion(a.info, OWN_NAMES.tiers);
  const previousPareto = ownRegion(a.info, OWN_NAMES.pareto);
  if (previousTiers) spec.clear.push({ sheet: previousTiers.sheet, region: previousTiers.region });
  if (previousPareto) spec.clear.push({ sheet: previousPareto.sheet, region: previousPareto.region });
  const categoryText = (c: number) => (c ? categoryLabel(c, options.language) : null);

  // 1. Tier, cumulative share, (category) and the account as counted, right of the table.
  const outCols = a.categories ? 4 : 3;
  const keyCol = outCols - 1;
  const ownHere = previousTiers?.sheet === sheet ? previousTiers.region : undefined;
  const col = freeColumns(a.values, a.table, outCols, ownHere);
  // Excel's last column is XFD (the 16,384th); a table that reaches it leaves no room on the right.
  if (col + outCols > LAST_COLUMN + 1) throw new UserError(fill(s.noFreeColumn, { sheet }));
  const { headerRow, firstRow, lastRow } = a.table;
  const height = lastRow - headerRow + 1;
  const block: SpecValue[][] = Array.from({ length: height }, () => new Array<SpecValue>(outCols).fill(null));
  block[0][0] = s.tierHeader;
  block[0][1] = s.shareHeader;
  if (a.categories) block[0][2] = s.categoryHeader;
  block[0][keyCol] = s.keyHeader;
  const live = options.output === 'formulas' && a.preview.formula.available;
  if (live) {
    const first = a.rows.rows[0];
    const last = a.rows.rows[a.rows.rows.length - 1];
    const ref = (c: number) => sheetRef(sheet, { row: first, col: c, rows: last - first + 1, cols: 1 });
    const prefix = options.host === 'excel' ? `${EXCEL_NAMESPACE}.` : '';
    const custom = a.cutoffs.join() !== '0.8,0.95' || a.labels.some((l, i) => l !== defaultLabel(i));
    // With a Within column the groups are the last argument, so cutoffs and labels are written out.
    const groups = a.within ? `,${ref(a.within.column.col)}` : '';
    const extra = custom || groups ? `,{${a.cutoffs.join(',')}},{${a.labels.map((l) => `"${l.replace(/"/g, '""')}"`).join(',')}}` : '';
    const args = `${ref(a.columns.amount.col)},${ref(a.columns.account.col)}`;
    block[first - headerRow][0] = { formula: `=${prefix}PARETO_TIER(${args}${extra}${groups})` };
    block[first - headerRow][1] = { formula: `=${prefix}PARETO_SHARE(${args}${groups})` };
  }
  const counted = Array.from(a.names, countedAs);
  a.rows.rows.forEach((r, i) => {
    const account = a.accountOfRow[i];
    const line = block[r - headerRow];
    if (!live) {
      line[0] = a.labels[a.tiers[account]];
      line[1] = a.shares[account];
    }
    if (a.categories) line[2] = categoryText(a.categories[account]);
    line[keyCol] = counted[account];
  });
  spec.blocks.push({ sheet, row: headerRow, col, values: block });
  const outRegion: Region = { row: headerRow, col, rows: height, cols: outCols };
  const dataRows = lastRow - firstRow + 1;
  spec.styles.push({ sheet, region: { row: headerRow, col, rows: 1, cols: outCols }, bold: true });
  spec.styles.push({ sheet, region: { row: firstRow, col: col + 1, rows: dataRows, cols: 1 }, numberFormat: '0.0%' });
  spec.conditionalColours.push({
    sheet,
    region: { row: firstRow, col, rows: dataRows, cols: 1 },
    rules: a.labels.map((label, i) => ({ equals: label, ...tierColour(i) })),
  });
  const longest = (xs: (string | number)[]) => xs.reduce<number>((n, x) => Math.max(n, cellLength(x)), 0);
  const outWidths = [
    columnPx([charCount(s.tierHeader) * 1.1, ...a.labels.map(charCount)], { min: 50 }),
    columnPx([charCount(s.shareHeader) * 1.1, 6], { min: 60 }),
    ...(a.categories ? [columnPx([charCount(s.categoryHeader) * 1.1, ...[1, 2, 3, 4, 5].map((c) => charCount(categoryText(c)!))])] : []),
    columnPx([charCount(s.keyHeader) * 1.1, longest(counted)], { max: 260 }),
  ];
  outWidths.forEach((width, i) => spec.columnWidths.push({ sheet, col: col + i, width }));
  spec.names.push({ name: OWN_NAMES.tiers, sheet, region: outRegion });
  const dataColumn = (c: number): Region => ({ row: firstRow, col: c, rows: dataRows, cols: 1 });
  spec.names.push(
    { name: SOURCE_NAMES.accounts, sheet, region: dataColumn(a.columns.account.col) },
    { name: SOURCE_NAMES.amounts, sheet, region: dataColumn(a.columns.amount.col) },
    { name: SOURCE_NAMES.tiers, sheet, region: dataColumn(col) },
    { name: SOURCE_NAMES.keys, sheet, region: dataColumn(col + keyCol) },
  );
  // Without a date column the names of an earlier analysis must go, or plan tabs would filter
  // this table's amounts by another table's dates.
  if (a.columns.date) spec.names.push({ name: SOURCE_NAMES.dates, sheet, region: dataColumn(a.columns.date.col) });
  else if (a.info.names[SOURCE_NAMES.dates]) spec.removeNames.push(SOURCE_NAMES.dates);
  if (a.categories) spec.names.push({ name: SOURCE_NAMES.categories, sheet, region: dataColumn(col + 2) });
  else if (a.info.names[SOURCE_NAMES.categories]) spec.removeNames.push(SOURCE_NAMES.categories);
  if (a.columns.product) spec.names.push({ name: SOURCE_NAMES.products, sheet, region: dataColumn(a.columns.product.col) });
  else if (a.info.names[SOURCE_NAMES.products]) spec.removeNames.push(SOURCE_NAMES.products);

  // 2. The Pareto sheet, top to bottom on the left: title, headline, the date the data runs up
  // to, the summary per tier, the categories' legend, what was left out; the chart under them.
  // On the right the accounts by revenue (the chart's data) with their tier and category.
  const w = t(options.language);
  const today = options.today ?? todaySerial();
  const dateFormat = options.language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd';
  const left: SpecValue[][] = [];
  const leftStyles: Omit<Styling, 'sheet'>[] = [];
  const push = (row: SpecValue[], ...styles: Omit<Styling, 'sheet' | 'region'>[]) => {
    const r = left.length;
    left.push(row);
    for (const st of styles) leftStyles.push({ region: { row: r, col: 0, rows: 1, cols: 5 }, ...st });
    return r;
  };
  const cellStyle = (row: number, c: number, cols: number, st: Omit<Styling, 'sheet' | 'region'>) => leftStyles.push({ region: { row, col: c, rows: 1, cols }, ...st });
  push([fill(s.title, { sheet })]);
  cellStyle(0, 0, 1, { bold: true, fontSize: 14 });
  push([a.preview.headline]);
  cellStyle(1, 0, 1, { bold: true });
  push([fill(s.generated, { date: isoDate(today) })]);
  cellStyle(2, 0, 1, { italic: true, fontColor: '#595959' });
  let dataEndRow: number | null = null;
  if (a.dataEnd !== null) {
    dataEndRow = push([s.dataEnd, a.dataEnd]);
    cellStyle(dataEndRow, 1, 1, { numberFormat: dateFormat, bold: true });
  }
  push([]);
  const summaryTop = push([w.summary.tier, w.summary.accounts, w.summary.accountShare, w.summary.revenue, w.summary.revenueShare], { bold: true, fill: HEADER_FILL });
  for (const l of a.preview.tiers) push([l.label, l.accounts, l.accountShare, l.revenue, l.revenueShare]);
  const totalRow = push([w.summary.total, a.preview.accounts, 1, a.preview.revenue, 1], { bold: true });
  const tierCount = a.preview.tiers.length;
  leftStyles.push(
    { region: { row: summaryTop + 1, col: 2, rows: tierCount + 1, cols: 1 }, numberFormat: '0.0%' },
    { region: { row: summaryTop + 1, col: 4, rows: tierCount + 1, cols: 1 }, numberFormat: '0.0%' },
    { region: { row: summaryTop + 1, col: 3, rows: tierCount + 1, cols: 1 }, numberFormat: money },
    { region: { row: summaryTop, col: 0, rows: tierCount + 2, cols: 5 }, gridLines: LINE_COLOUR },
  );

  // One legend of the five categories, with the number of accounts in each.
  if (a.categories && a.preview.categories) {
    push([]);
    push([s.legendTitle, null, null, null, w.summary.accounts], { bold: true, fill: HEADER_FILL });
    a.preview.categories.forEach((count, i) => push([categoryText(i + 1), null, null, null, count]));
    for (const sentence of s.legendNote) {
      const r = push([sentence]);
      cellStyle(r, 0, 1, { italic: true, fontColor: '#595959' });
    }
  }

  // How dependent the business is on its largest accounts, as lenders and acquirers ask it
  // (CONCENTRATION's measures and labels): a snapshot of this analysis, like the summary above.
  push([]);
  push([s.concentrationTitle, null, null, null, null], { bold: true, fill: HEADER_FILL });
  // Over whole accounts, also with a Within column (where the "accounts" above are pairs).
  const positiveTotals = positiveTotalsDescending(a.accountTotals, 'values');
  const measured = concentrationOf(positiveTotals);
  for (const m of MEASURES) {
    const r = push([w.concentration[m], null, null, null, measured[m]]);
    cellStyle(r, 4, 1, { numberFormat: MEASURE_FORMATS[m] });
  }
  for (const sentence of s.concentrationNote) {
    const r = push([sentence]);
    cellStyle(r, 0, 1, { italic: true, fontColor: '#595959' });
  }

  // What the preview said was left out, with the row numbers (as ranges, a few lines at most).
  push([]);
  push([s.leftOutTitle], { bold: true });
  const l = a.preview.leftOut;
  const reasons: [string, number[]][] = [
    [s.leftOutReasons.totals, l.totalsRows],
    [s.leftOutReasons.text, l.textRows],
    [s.leftOutReasons.errors, l.errorRows],
    [s.leftOutReasons.missingAccount, l.missingAccountRows],
    [s.leftOutReasons.blank, l.blankRowList],
  ].filter((x): x is [string, number[]] => x[1].length > 0);
  if (!reasons.length) push([s.nothingLeftOut]);
  else {
    // Reason, how many rows, and their numbers (from column D, running over E).
    push([s.leftOutHeaders[0], s.leftOutHeaders[1], null, s.leftOutHeaders[2]], { bold: true, fill: HEADER_FILL });
    for (const [reason, rows] of reasons) {
      const lines = rowNumberLines(rowRanges(rows), s.andMore);
      lines.forEach((text, i) => push(i === 0 ? [reason, rows.length, null, text] : [null, null, null, text]));
    }
  }

  // Chart data: accounts by revenue, largest first, with tier and category; the tail beyond
  // CHART_ACCOUNTS as one line.
  const order = Array.from(a.totals.keys()).filter((i) => a.totals[i] > 0).sort((x, y) => a.totals[y] - a.totals[x]);
  // One account more than the chart's share is shown by name: "Other 1 accounts" says less.
  const shown = order.length === CHART_ACCOUNTS + 1 ? order : order.slice(0, CHART_ACCOUNTS);
  const positive = order.reduce((sum, i) => sum + a.totals[i], 0);
  let running = 0;
  // With a Within column the list holds (group, account) pairs, each with its group last.
  const listHeader = [...s.listHeaders.slice(0, a.categories ? 5 : 4), ...(a.within ? [a.within.column.title] : [])];
  const listCols = listHeader.length;
  const chartRows: SpecValue[][] = shown.map((i) => {
    running += a.totals[i];
    const row: SpecValue[] = [text(a.names[i]), a.totals[i], Math.min(1, running / positive), a.labels[a.tiers[i]]];
    if (a.categories) row.push(categoryText(a.categories[i]));
    if (a.within) row.push(a.within.groupNames[a.within.groupOf[i]]);
    return row;
  });
  if (order.length > shown.length) chartRows.push([fill(s.otherAccounts, { count: order.length - shown.length }), positive - running, 1, ...new Array<null>(listCols - 3).fill(null)]);
  const dataCol = 6;
  const listTop = summaryTop;
  const chartRow = left.length + 1;
  const chartHeight = 320;
  // The Lorenz curve: its points right of the account list, its chart under the Pareto chart,
  // rows counted at 16 px so that it clears the Pareto chart in LibreOffice's lower rows too.
  const lorenzChartRow = chartRow + Math.ceil(chartHeight / 16) + 1;
  const lorenz = lorenzSection(lorenzPoints(positiveTotals), { row: listTop, col: dataCol + listCols + 1 }, { row: lorenzChartRow, col: 0 }, options.language, money);
  const chartsEnd = lorenzChartRow + Math.ceil(LORENZ_CHART.height / 16) + 1;
  // With a Within column, the group blocks start under both charts (rows counted at 15 px).
  const groupTierRows = a.within ? addGroupBlocks(a, options, left, leftStyles, lorenzChartRow + Math.ceil(LORENZ_CHART.height / 15) + 2, money) : [];
  const paretoRegion: Region = {
    row: 0,
    col: 0,
    rows: Math.max(chartsEnd, listTop + 1 + chartRows.length, listTop + lorenz.rows, left.length),
    cols: dataCol + listCols + 1 + lorenz.cols,
  };

  // The earlier Pareto sheet is reused only if the new output fits where nothing but the
  // add-in's own output is; otherwise the analysis goes to a new sheet.
  const reuse = previousPareto && paretoValues && fitsOwnRegion(paretoValues, paretoRegion, previousPareto.region) ? previousPareto.sheet : undefined;
  const pareto = freeSheetName(a.info.sheets, s.paretoSheet, reuse);
  if (!a.info.sheets.includes(pareto)) spec.addSheets.push(pareto);
  spec.blocks.push({ sheet: pareto, row: 0, col: 0, values: rectangle(left) });
  for (const st of leftStyles) spec.styles.push({ sheet: pareto, ...st });
  spec.conditionalColours.push({
    sheet: pareto,
    region: { row: summaryTop + 1, col: 0, rows: tierCount, cols: 1 },
    rules: a.labels.map((label, i) => ({ equals: label, ...tierColour(i) })),
  });
  for (const row of groupTierRows) {
    spec.conditionalColours.push({ sheet: pareto, region: { row, col: 0, rows: tierCount, cols: 1 }, rules: a.labels.map((label, i) => ({ equals: label, ...tierColour(i) })) });
  }
  spec.blocks.push({ sheet: pareto, row: listTop, col: dataCol, values: [listHeader, ...chartRows] });
  spec.styles.push({ sheet: pareto, region: { row: listTop, col: dataCol, rows: 1, cols: listCols }, bold: true, fill: HEADER_FILL, wrap: true });
  spec.styles.push({ sheet: pareto, region: { row: listTop + 1, col: dataCol + 1, rows: chartRows.length, cols: 1 }, numberFormat: money });
  spec.styles.push({ sheet: pareto, region: { row: listTop + 1, col: dataCol + 2, rows: chartRows.length, cols: 1 }, numberFormat: '0.0%' });
  spec.styles.push({ sheet: pareto, region: { row: listTop, col: dataCol, rows: chartRows.length + 1, cols: listCols }, gridLines: LINE_COLOUR });
  spec.conditionalColours.push({
    sheet: pareto,
    region: { row: listTop + 1, col: dataCol + 3, rows: chartRows.length, cols: 1 },
    rules: a.labels.map((label, i) => ({ equals: label, ...tierColour(i) })),
  });
  // The chart shows the accounts one by one; the line of all the others stays in the list but
  // not in the chart, where its bar (the whole tail, often larger than the largest account)
  // would set the scale and flatten every real bar. The title then says which accounts it shows;
  // the line still reads as the share of all revenue, so it ends below 100%.
  const series = (c: number): Region => ({ row: listTop + 1, col: c, rows: shown.length, cols: 1 });
  spec.charts.push({
    sheet: pareto,
    title: order.length > shown.length ? fill(s.chartTitleLargest, { count: shown.length }) : s.chartTitle,
    categories: series(dataCol),
    columns: series(dataCol + 1),
    line: series(dataCol + 2),
    columnsLabel: s.revenueHeader,
    lineLabel: s.shareHeader,
    anchor: { row: chartRow, col: 0 },
    width: 640,
    height: chartHeight,
  });
  lorenz.write(spec, pareto);
  // The summary, the account list and the Lorenz points side by side: one landscape page wide.
  spec.fitToPageWidth.push(pareto);
  spec.landscape.push(pareto);
  spec.names.push({ name: OWN_NAMES.pareto, sheet: pareto, region: paretoRegion });
  if (dataEndRow !== null) spec.names.push({ name: SOURCE_NAMES.dataEnd, sheet: pareto, region: { row: dataEndRow, col: 1, rows: 1, cols: 1 } });
  else if (a.info.names[SOURCE_NAMES.dataEnd]) spec.removeNames.push(SOURCE_NAMES.dataEnd);

  // Widths from what each column shows; the summary's headers wrap in a row tall enough.
  const lengths = (c: number, from: number, to: number, format?: string) => left.slice(from, to).map((row) => cellLength(row[c] ?? null, format));
  const summary = tableLayout([
        // Column A also holds the date's label and the reasons rows were left out (their counts in B).
    { header: w.summary.tier, lengths: [...lengths(0, summaryTop + 1, totalRow + 1), charCount(s.dataEnd), ...reasons.map(([reason]) => charCount(reason)), ...(a.within?.groupNames.map(charCount) ?? [])], min: 60 },
    { header: w.summary.accounts, lengths: [...lengths(1, summaryTop + 1, totalRow + 1, '0'), ...(a.dataEnd !== null ? [shownLength(a.dataEnd, dateFormat)] : [])] },
    { header: w.summary.accountShare, lengths: lengths(2, summaryTop + 1, totalRow + 1, '0.0%'), min: 90 },
    { header: w.summary.revenue, lengths: lengths(3, summaryTop + 1, totalRow + 1, money), min: 100 },
    { header: w.summary.revenueShare, lengths: lengths(4, summaryTop + 1, totalRow + 1, '0.0%').concat((a.preview.categories ?? []).map((n) => cellLength(n, '0'))), min: 90 },
  ]);
  const list = tableLayout([
    { header: listHeader[0], lengths: chartRows.map((r) => cellLength(r[0])), max: 240 },
    { header: listHeader[1], lengths: chartRows.map((r) => cellLength(r[1], money)) },
    { header: listHeader[2], lengths: chartRows.map((r) => cellLength(r[2], '0.0%')) },
    { header: listHeader[3], lengths: chartRows.map((r) => cellLength(r[3])) },
    ...(a.categories ? [{ header: listHeader[4], lengths: chartRows.map((r) => cellLength(r[4])), max: 260 }] : []),
    ...(a.within ? [{ header: listHeader[listCols - 1], lengths: chartRows.map((r) => cellLength(r[listCols - 1])), max: 200 }] : []),
  ]);
  summary.widths.forEach((width, c) => spec.columnWidths.push({ sheet: pareto, col: c, width }));
  spec.columnWidths.push({ sheet: pareto, col: 5, width: 24 });
  list.widths.forEach((width, c) => spec.columnWidths.push({ sheet: pareto, col: dataCol + c, width }));
  spec.columnWidths.push({ sheet: pareto, col: dataCol + listCols, width: 24 });
  lorenz.widths.forEach((width, c) => spec.columnWidths.push({ sheet: pareto, col: dataCol + listCols + 1 + c, width }));
  spec.styles.push({ sheet: pareto, region: { row: summaryTop, col: 0, rows: 1, cols: 5 }, wrap: true, verticalAlign: 'top' });
  spec.rowHeights.push({ sheet: pareto, row: summaryTop, rows: 1, height: Math.max(summary.headerPx, list.headerPx, lorenz.headerPx) });
  for (const row of groupTierRows) spec.rowHeights.push({ sheet: pareto, row: row - 1, rows: 1, height: summary.headerPx });
  const migration = options.compare && a.columns.date ? addMigrationSheet(spec, migrationInput(a, options, a.columns.date.col, [...a.info.sheets, pareto])) : undefined;
  return { spec, tierColumns: `${sheet}!${a1(outRegion)}`, paretoSheet: pareto, migration };
}

/**
 * Under the chart, with a Within column: a block per group (its name where the summary says
 * "Tier", its tier lines, its total), in the summary's five columns. Returns each block's first
 * tier row, for the tier colours.
 */
function addGroupBlocks(a: Analysis, options: AnalysisOptions, left: SpecValue[][], styles: Omit<Styling, 'sheet'>[], top: number, money: string): number[] {
  const within = a.within!;
  const w = t(options.language);
  const s = w.analysis;
  while (left.length < top) left.push([]);
  const style = (row: number, rows: number, col: number, cols: number, st: Omit<Styling, 'sheet' | 'region'>) => styles.push({ region: { row, col, rows, cols }, ...st });
  const title = left.push([fill(s.within.title, { column: within.column.title })]) - 1;
  style(title, 1, 0, 1, { bold: true, fontSize: 12 });
  const note = left.push([fill(s.within.note, { column: within.column.title })]) - 1;
  style(note, 1, 0, 1, { italic: true, fontColor: '#595959' });
  const firstTierRows: number[] = [];
  for (const g of within.groups) {
    left.push([]);
    const header = left.push([within.groupNames[g.group], w.summary.accounts, w.summary.accountShare, w.summary.revenue, w.summary.revenueShare]) - 1;
    firstTierRows.push(header + 1);
    for (const l of g.lines) left.push([text(l.label), l.accounts, l.accountShare, l.revenue, l.revenueShare]);
    left.push([w.summary.total, g.accounts, 1, g.revenue, g.revenue > 0 ? 1 : 0]);
    const rows = g.lines.length + 1;
    style(header, 1, 0, 5, { bold: true, fill: HEADER_FILL, wrap: true, verticalAlign: 'top' });
    style(header + rows, 1, 0, 5, { bold: true });
    style(header + 1, rows, 2, 1, { numberFormat: '0.0%' });
    style(header + 1, rows, 4, 1, { numberFormat: '0.0%' });
    style(header + 1, rows, 3, 1, { numberFormat: money });
    style(header, rows + 1, 0, 5, { gridLines: LINE_COLOUR });
  }
  return firstTierRows;
}

/** How each concentration measure reads on the Pareto sheet. */
const MEASURE_FORMATS: Record<Measure, string> = { ACCOUNTS: '#,##0', TOP1: '0.0%', TOP5: '0.0%', TOP10: '0.0%', N50: '#,##0', N80: '#,##0', HHI: '#,##0', GINI: '0.00' };

/** What the Tier migration sheet is made from: the counted lines with their dates. */
function migrationInput(a: Analysis, options: AnalysisOptions, dateCol: number, sheets: string[]) {
  return {
    language: options.language,
    ranges: { amounts: SOURCE_NAMES.amounts, keys: SOURCE_NAMES.keys, dates: SOURCE_NAMES.dates },
    keys: a.rows.keys,
    amounts: a.rows.amounts as (number | null)[],
    dates: a.rows.rows.map((r) => cellAt(a.values, r, dateCol)),
    cutoffs: a.cutoffs,
    labels: a.labels,
    split: options.compare?.split,
    sheets,
    previous: ownRegion(a.info, MIGRATION_NAME),
  };
}

/** Writes the analysis. Earlier output of the add-in is replaced only when `replace` is set. */
export function apply(wb: Workbook, options: AnalysisOptions): Awaitable<AnalysisResult> {
  const s = t(options.language).analysis;
  return andThen(wb.info(), (info) =>
    andThen(wb.readSheet(pickSheet(info, options)), (values): Awaitable<AnalysisResult> => {
      const a = analyse(info, values, options);
      if (a.preview.previous && !options.replace) {
        return { status: 'confirm', message: fill(s.confirmReplace, { where: a.preview.previous }), preview: a.preview };
      }
      // On a re-run, read the earlier Pareto sheet once, to know whether the new output still fits.
      const previousPareto = ownRegion(info, OWN_NAMES.pareto);
      const readPareto = () => (previousPareto && info.sheets.includes(previousPareto.sheet) && previousPareto.sheet !== values.sheet ? wb.readSheet(previousPareto.sheet) : null);
      // The amount column's number format (currency and all), for the revenue on the Pareto sheet.
      const firstCounted = a.rows.rows[0];
      const format = wb.numberFormat && firstCounted !== undefined ? wb.numberFormat(values.sheet, firstCounted, a.columns.amount.col) : null;
      // (The format first: in Excel the earlier Pareto sheet's read is the last before the write.)
      return andThen(andThen(format, (sourceFormat) => andThen(readPareto(), (paretoValues) => ({ paretoValues, sourceFormat }))), ({ paretoValues, sourceFormat }) => {
        const { spec, tierColumns, paretoSheet, migration } = buildSpec(a, options, paretoValues, sourceFormat);
        return andThen(wb.write(spec), () => ({
          status: 'written' as const,
          message: fill(s.written, { where: tierColumns, sheet: paretoSheet }),
          preview: a.preview,
          tierColumns,
          paretoSheet,
          migration,
        }));
      });
    }),
  );
}
