// The "Tier migration" sheet (Verschuivingen): who moved tier between two periods of the revenue
// table. By default the last 12 months of the data against the 12 before; with a split date, the
// lines before it against the lines from it on. Each period is tiered on its own (PARETO_MIGRATION).
//
// The sheet stays live: an account table (right) holds each account's tiers as values (no native
// formula tiers) and its revenue per period as SUMIFS over the analysis's own columns (its amounts,
// "Counted as" keys and dates, by their workbook names), so it counts exactly the lines the
// analysis counted, whatever an account's name holds (shared/commands/criteria.ts); the from × to
// matrices of accounts and revenue are COUNTIFS/SUMIFS over that account table, and the lists of
// accounts that moved down or were lost point at its rows.
import { Cell } from '../cells';
import { dateOfSerial, isoDate } from '../dates';
import { vectorFrom } from '../formulas/args';
import { tierMigration } from '../formulas/migration';
import { Language, fill, t } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, columnLetter, rectangle } from '../sheet-spec';
import { tierColour } from '../tier-colours';
import { countedAs, matching, matchingCell } from './criteria';
import { UserError } from './errors';
import { LARGE_AMOUNT, cellLength, tableLayout } from './layout';
import { freeSheetName } from './sheet-names';

export const MIGRATION_NAME = 'AccountPlanner_Migration';
/**
 * The account table's names and its Movement column (Down, Up, Same, New, Lost as values): the
 * plans read the accounts that moved down from them (shared/commands/moved-down.ts).
 */
export const MIGRATION_NAMES = { accounts: 'AccountPlanner_MigrationAccounts', moves: 'AccountPlanner_MigrationMoves' } as const;

export interface MigrationInput {
  language: Language;
  /** Workbook names of the analysis's counted amounts, their "Counted as" keys and their dates. */
  ranges: { amounts: string; keys: string; dates: string };
  /** The counted lines: their key, amount and date cell. */
  keys: Cell[];
  amounts: (number | null)[];
  dates: Cell[];
  cutoffs: readonly number[];
  labels: readonly string[];
  /** First day of the second period (serial); default: 12 months before the day after the latest line. */
  split?: number;
  /** Sheet names in use (also those the same spec adds). */
  sheets: readonly string[];
  /** The add-in's earlier migration sheet, reused and cleared. */
  previous: { sheet: string; region: Region } | null;
}

export interface MigrationSummary {
  sheet: string;
  movedDown: number;
  lost: number;
  added: number;
  periods: { from: number; split: number; to: number };
}

/** The same day `months` months earlier or later (the last day of a shorter month). */
function addMonths(serial: number, months: number): number {
  const d = dateOfSerial(serial);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return Math.round((target.getTime() - Date.UTC(1899, 11, 30)) / 86400000);
}

/** The periods: [from, split) against [split, to]. */
function periodsOf(dates: number[], split: number | undefined, language: Language) {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const d of dates) {
    if (d < earliest) earliest = d;
    if (d > latest) latest = d;
  }
  if (split === undefined) {
    const second = addMonths(latest + 1, -12);
    return { from: addMonths(second, -12), split: second, to: latest };
  }
  if (!(split > earliest && split <= latest)) {
    throw new UserError(fill(t(language).migration.splitOutside, { split: isoDate(split), from: isoDate(earliest), to: isoDate(latest) }));
  }
  return { from: earliest, split, to: latest };
}

const dateFormula = (serial: number) => {
  const d = dateOfSerial(serial);
  return `DATE(${d.getUTCFullYear()},${d.getUTCMonth() + 1},${d.getUTCDate()})`;
};

/** Adds the migration sheet to `spec`. */
export function addMigrationSheet(spec: SheetSpec, input: MigrationInput): MigrationSummary {
  const w = t(input.language).migration;
  // Lines with an amount but no date cannot be placed in a period: they are left out, and said so.
  const dated = input.dates.map((d) => (typeof d === 'number' ? d : null));
  const undated = input.amounts.filter((a, i) => a !== null && dated[i] === null).length;
  const datedAmounts = input.amounts.map((a, i) => (dated[i] === null ? null : a));
  const present = dated.filter((d, i): d is number => d !== null && datedAmounts[i] !== null);
  if (!present.length) throw new UserError(w.noDates);
  const periods = periodsOf(present, input.split, input.language);
  const keys = vectorFrom(input.keys, 'keys');
  const migration = tierMigration(vectorFrom(datedAmounts, 'values'), keys, vectorFrom(dated, 'dates'), periods.split, periods.from, periods.to, input.cutoffs);
  const { before, after } = migration;
  const names = before.accounts.names;

  const accounts = names
    .map((name, a) => ({ a, name, tb: before.tiers[a], ta: after.tiers[a], rb: before.accounts.hasAmount[a] ? before.accounts.totals[a] : 0, ra: after.accounts.hasAmount[a] ? after.accounts.totals[a] : 0 }))
    .filter((x) => x.tb >= 0 || x.ta >= 0)
    .sort((x, y) => y.rb - x.rb || y.ra - x.ra);
  const tierWord = (tier: number, none: string) => (tier < 0 ? none : input.labels[tier]);
  const movement = (tb: number, ta: number) => (tb < 0 ? w.added : ta < 0 ? w.lost : ta > tb ? w.moves.down : ta < tb ? w.moves.up : w.moves.same);

  const previous = input.previous && input.sheets.includes(input.previous.sheet) ? input.previous : null;
  if (previous) spec.clear.push({ sheet: previous.sheet, region: previous.region });
  const sheet = freeSheetName(input.sheets, w.sheet, previous?.sheet);
  if (!input.sheets.includes(sheet)) spec.addSheets.push(sheet);

  // The account table, right of the matrices: column J on.
  const tableCol = 9;
  const tableTop = 3;
  const first = tableTop + 1;
  const last = tableTop + accounts.length; // inclusive, 0-based
  const col = (k: number) => columnLetter(tableCol + k);
  const range = (k: number) => `$${col(k)}$${first + 1}:$${col(k)}$${last + 1}`;
  // The account's counted revenue from `start` up to the day before `end`, any time of day.
  const { amounts, keys: counted, dates } = input.ranges;
  const revenueFormula = (name: Cell, start: number, end: number) =>
    `=SUMIFS(${amounts},${matching(counted, countedAs(name))},${dates},">="&${dateFormula(start)},${dates},"<"&${dateFormula(end)})`;
  const tableRows: SpecValue[][] = accounts.map((x, i) => {
    const row = first + i;
    return [
      typeof x.name === 'string' ? x.name : String(x.name),
      tierWord(x.tb, w.added),
      tierWord(x.ta, w.lost),
      { formula: revenueFormula(x.name, periods.from, periods.split) },
      { formula: revenueFormula(x.name, periods.split, Math.floor(periods.to) + 1) },
      { formula: `=${col(4)}${row + 1}-${col(3)}${row + 1}` },
      movement(x.tb, x.ta),
    ];
  });
  const periodText = (from: number, to: number) => `${isoDate(from)} – ${isoDate(to)}`;
  const beforeText = periodText(periods.from, periods.split - 1);
  const afterText = periodText(periods.split, periods.to);
  const tableHeader = [w.account, w.tierBefore, w.tierAfter, fill(w.revenueIn, { period: beforeText }), fill(w.revenueIn, { period: afterText }), w.change];
  spec.blocks.push({ sheet, row: tableTop, col: tableCol, values: [[...tableHeader, w.movement], ...tableRows] });

  // The matrices: from-tier (rows, and New) × to-tier (columns, and Lost), with totals.
  const fromLabels = [...input.labels, w.added];
  const toLabels = [...input.labels, w.lost];
  const top: SpecValue[][] = [
    [fill(w.title, { before: beforeText, after: afterText }), ...new Array(7).fill(null)],
    [w.note + (undated ? ` ${undated === 1 ? w.undatedOne : fill(w.undated, { count: undated })}` : ''), ...new Array(7).fill(null)],
    new Array(8).fill(null),
  ];
  const matrixAt: number[] = [];
  const matrix = (title: string, cell: (r: number, c: number) => string) => {
    const headerRow = top.length;
    matrixAt.push(headerRow);
    top.push([title, ...toLabels, w.total, null]);
    fromLabels.forEach((label, i) => {
      const r = headerRow + 1 + i;
      const cells: SpecValue[] = toLabels.map((_, j) => ({ formula: `=${cell(r, 1 + j)}` }));
      top.push([label, ...cells, { formula: `=SUM(B${r + 1}:${columnLetter(toLabels.length)}${r + 1})` }, null]);
    });
    const totalRow = headerRow + 1 + fromLabels.length;
    top.push([w.total, ...[...toLabels, null].map((_, j) => ({ formula: `=SUM(${columnLetter(1 + j)}${headerRow + 2}:${columnLetter(1 + j)}${totalRow})` })), null]);
    top.push(new Array(8).fill(null));
  };
  // The tier labels are the user's own words: matched exactly, never as wildcards or operators.
  const criteria = (r: number, c: number) => `${matchingCell(range(1), `$A${r + 1}`)},${matchingCell(range(2), `${columnLetter(c)}$${matrixAt[matrixAt.length - 1] + 1}`)}`;
  matrix(w.accountsMatrix, (r, c) => `COUNTIFS(${criteria(r, c)})`);
  matrix(fill(w.revenueMatrix, { period: beforeText }), (r, c) => `SUMIFS(${range(3)},${criteria(r, c)})`);
  matrix(fill(w.revenueMatrix, { period: afterText }), (r, c) => `SUMIFS(${range(4)},${criteria(r, c)})`);

  // Who moved down (largest loss first) and who was lost (largest first): rows of the account table.
  const ref = (i: number, k: number): SpecValue => ({ formula: `=${col(k)}${first + i + 1}` });
  const down = accounts.map((x, i) => ({ ...x, i })).filter((x) => x.tb >= 0 && x.ta > x.tb).sort((x, y) => x.ra - x.rb - (y.ra - y.rb));
  const lost = accounts.map((x, i) => ({ ...x, i })).filter((x) => x.tb >= 0 && x.ta < 0);
  const listTop = top.length;
  top.push([w.movedDown, ...new Array(7).fill(null)], [...tableHeader, null, null]);
  for (const x of down) top.push([0, 1, 2, 3, 4, 5].map((k) => ref(x.i, k)).concat([null, null]));
  if (!down.length) top.push([w.none, ...new Array(7).fill(null)]);
  top.push(new Array(8).fill(null));
  const lostTop = top.length;
  top.push([w.lostList, ...new Array(7).fill(null)], [w.account, w.tierBefore, fill(w.revenueIn, { period: beforeText }), null, null, null, null, null]);
  for (const x of lost) top.push([ref(x.i, 0), ref(x.i, 1), ref(x.i, 3), null, null, null, null, null]);
  if (!lost.length) top.push([w.none, ...new Array(7).fill(null)]);
  spec.blocks.push({ sheet, row: 0, col: 0, values: rectangle(top) });

  // Looks: titles bold, headers shaded, money as #,##0, tiers coloured.
  const bold = (row: number, cols = 8) => spec.styles.push({ sheet, region: { row, col: 0, rows: 1, cols }, bold: true, fill: '#F3F3F3' });
  spec.styles.push({ sheet, region: { row: 0, col: 0, rows: 1, cols: 1 }, bold: true, fontSize: 14 });
  for (const r of matrixAt) bold(r, toLabels.length + 2);
  bold(listTop + 1, 6);
  bold(lostTop + 1, 3);
  spec.styles.push({ sheet, region: { row: listTop, col: 0, rows: 1, cols: 1 }, bold: true }, { sheet, region: { row: lostTop, col: 0, rows: 1, cols: 1 }, bold: true });
  spec.styles.push({ sheet, region: { row: tableTop, col: tableCol, rows: 1, cols: 7 }, bold: true, fill: '#F3F3F3' });
  spec.styles.push({ sheet, region: { row: matrixAt[1] + 1, col: 1, rows: matrixAt[2] - matrixAt[1] + fromLabels.length + 1, cols: toLabels.length + 1 }, numberFormat: '#,##0' });
  spec.styles.push({ sheet, region: { row: listTop + 2, col: 3, rows: Math.max(1, down.length), cols: 3 }, numberFormat: '#,##0' });
  spec.styles.push({ sheet, region: { row: lostTop + 2, col: 2, rows: Math.max(1, lost.length), cols: 1 }, numberFormat: '#,##0' });
  if (accounts.length) spec.styles.push({ sheet, region: { row: first, col: tableCol + 3, rows: accounts.length, cols: 3 }, numberFormat: '#,##0' });
  const rules = input.labels.map((label, i) => ({ equals: label, ...tierColour(i) }));
  if (accounts.length) spec.conditionalColours.push({ sheet, region: { row: first, col: tableCol + 1, rows: accounts.length, cols: 2 }, rules });
  // Widths from what the columns show: the lists below the matrices share columns A–F with them;
  // the long period headers wrap into rows tall enough.
  const money = cellLength(LARGE_AMOUNT, '#,##0');
  const tierLengths = [...fromLabels, ...toLabels, w.total].map((x) => cellLength(x));
  const nameLengths = accounts.map((x) => cellLength(x.name));
  const titles = [w.accountsMatrix, fill(w.revenueMatrix, { period: beforeText }), fill(w.revenueMatrix, { period: afterText }), w.movedDown, w.lostList].map((x) => cellLength(x));
  const table = (first: number[]) =>
    tableLayout(tableHeader.map((header, k) => ({ header, lengths: k === 0 ? first : k < 3 ? tierLengths : [money, ...tierLengths], max: k === 0 ? 300 : 160 })));
  const left = table([...nameLengths, ...titles, ...fromLabels.map((x) => cellLength(x))]);
  const right = table(nameLengths);
  left.widths.forEach((width, c) => spec.columnWidths.push({ sheet, col: c, width }));
  right.widths.forEach((width, c) => spec.columnWidths.push({ sheet, col: tableCol + c, width }));
  const moves = tableLayout([{ header: w.movement, lengths: [w.added, w.lost, w.moves.down, w.moves.up, w.moves.same].map((x) => cellLength(x)) }]);
  spec.columnWidths.push({ sheet, col: tableCol + 6, width: moves.widths[0] });
  for (const row of [listTop + 1, lostTop + 1]) spec.rowHeights.push({ sheet, row, rows: 1, height: left.headerPx });
  spec.rowHeights.push({ sheet, row: tableTop, rows: 1, height: right.headerPx });
  for (const region of [{ row: listTop + 1, col: 0, cols: 6 }, { row: lostTop + 1, col: 0, cols: 6 }, { row: tableTop, col: tableCol, cols: 7 }])
    spec.styles.push({ sheet, region: { ...region, rows: 1 }, wrap: true, verticalAlign: 'top' });
  const region: Region = { row: 0, col: 0, rows: Math.max(top.length, last + 1), cols: tableCol + 7 };
  spec.names.push({ name: MIGRATION_NAME, sheet, region });
  // Matrices and the account table side by side, sixteen columns: one landscape page wide.
  spec.fitToPageWidth.push(sheet);
  spec.landscape.push(sheet);
  // The account table's rows (at least its header row, so the names always point somewhere).
  const column = (k: number): Region => ({ row: accounts.length ? first : tableTop, col: tableCol + k, rows: Math.max(1, accounts.length), cols: 1 });
  spec.names.push({ name: MIGRATION_NAMES.accounts, sheet, region: column(0) }, { name: MIGRATION_NAMES.moves, sheet, region: column(6) });
  return { sheet, movedDown: down.length, lost: lost.length, added: accounts.filter((x) => x.tb < 0).length, periods };
}
