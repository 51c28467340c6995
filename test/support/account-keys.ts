// Revenue lines of accounts whose names a spreadsheet's criteria would read as something else —
// "007" and 7, ids of 16 digits, dates, TRUE — and what the analysis counts for each
// (shared/formulas/pareto.ts groupAccounts): the expected sums of every generated sheet.
import { Cell } from '../../shared/cells';
import { vectorFrom } from '../../shared/formulas/args';
import { groupAccounts } from '../../shared/formulas/pareto';

const EPOCH = Date.UTC(1899, 11, 30);
export const serial = (iso: string) => Math.round((Date.parse(iso) - EPOCH) / 86400000);

/** Spellings the analysis tells apart (or, " 007 " and "007", "7" and 7, "TRUE" and "true", takes as one). */
const SPELLINGS: Cell[] = ['007', '7', 7, ' 007 ', '1234567890123456', '1234567890123457', '01/02/2020', 'TRUE', 43832, '2020-01-02', '7.0', 'true', 'Acme'];
/** Product groups: text and numbers the criteria would read as numbers or TRUE. */
export const GROUPS: Cell[] = ['Koffie', '007', 7, 'TRUE'];
/** The last date of the lines. */
export const LAST = serial('2025-12-20');

/** Three lines per spelling: two in the last 12 months up to LAST, one in the 12 months before; amounts all different and positive, so any line counted wrongly changes a sum. */
export const LINES = SPELLINGS.flatMap((account, i) =>
  [0, 1, 2].map((k) => ({ account, date: LAST - [5 * i, 100 + 7 * i, 400 + 3 * i][k], group: GROUPS[(i + k) % GROUPS.length], amount: 1000 * (i + 1) + 10 ** k })),
);
export type Line = (typeof LINES)[number];

/** The revenue table: Account, Date (serial numbers), Product, Amount. */
export const keysTable = (): Cell[][] => [['Account', 'Date', 'Product', 'Amount'], ...LINES.map((l) => [l.account, l.date, l.group, l.amount])];

const grouped = groupAccounts(
  vectorFrom(LINES.map((l) => l.amount), 'amounts'),
  vectorFrom(LINES.map((l) => l.account), 'accounts'),
);
/** The analysis' accounts, each by its first spelling. */
export const ACCOUNTS = grouped.names;
/** The amounts of an account's lines that `keep` keeps. */
export const sumOf = (account: number, keep: (l: Line) => boolean) => LINES.reduce((s, l, i) => (grouped.rowAccount[i] === account && keep(l) ? s + l.amount : s), 0);
const within = (from: number, to: number) => (l: Line) => l.date > from && l.date <= to;
/** The 365 days up to LAST, and the 365 before them, as the plans measure. */
export const last12 = within(LAST - 365, LAST);
export const before12 = within(LAST - 730, LAST - 365);
