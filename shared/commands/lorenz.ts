// The Lorenz curve on the Pareto sheet: the classic curve, accounts from SMALLEST to largest, so it
// sags below the line of equality and the Gini beside it is twice the area between the two (the
// Pareto chart above already shows the largest-first view). Its data is a block of points, each
// the number of smallest accounts and their revenue as values (a snapshot of this analysis, like
// the account list beside it), and the two shares as native formulas over those cells, so the
// sheet shows how each point is made. Past LORENZ_STEPS accounts the curve is sampled: at most
// LORENZ_STEPS + 1 points, both ends always among them, each exact (the straight lines between
// them are what the chart draws anyway).
import { Language, fill, formatNumber, t } from '../i18n/strings';
import { LorenzChart, Region, SheetSpec, SpecValue, columnLetter } from '../sheet-spec';
import { cellLength, tableLayout } from './layout';

/** Most steps from (0, 0) to (1, 1): a curve of 100,000 accounts reads the same at 101 points. */
export const LORENZ_STEPS = 100;

/** Cumulative count and revenue of the smallest accounts at each point, from 0 to all of them. */
export interface LorenzPoints {
  accounts: number[];
  revenue: number[];
}

/**
 * The points of the curve over positive totals sorted largest first: every account when there
 * are at most `steps`, else the smallest round(i·n/steps) accounts for i = 0…steps.
 */
export function lorenzPoints(descending: Float64Array, steps = LORENZ_STEPS): LorenzPoints {
  const n = descending.length;
  const count = Math.min(n, steps);
  const accounts = Array.from({ length: count + 1 }, (_, i) => Math.round((i * n) / count));
  const revenue = [0];
  let sum = 0;
  for (let i = 1, k = 0; i <= count; i++) {
    // Smallest first: the sum grows from the small end, which also keeps its rounding small.
    for (; k < accounts[i]; k++) sum += descending[n - 1 - k];
    revenue.push(sum);
  }
  return { accounts, revenue };
}

const LINE_COLOUR = '#D9D9D9';
const HEADER_FILL = '#F3F3F3';
const SHARE = '0.0%';
/** The chart's size: near square, as a curve against its diagonal reads best. */
export const LORENZ_CHART = { width: 480, height: 400 };

/** What the analysis places: the block's size and widths first, the writing once the sheet is named. */
export interface LorenzSection {
  rows: number;
  cols: number;
  widths: number[];
  headerPx: number;
  write(spec: SheetSpec, sheet: string): void;
}

/** The block at `at` (header, points, notes) and the chart at `chartAt`. */
export function lorenzSection(points: LorenzPoints, at: { row: number; col: number }, chartAt: { row: number; col: number }, language: Language, money: string): LorenzSection {
  const s = t(language).analysis.lorenz;
  const n = points.accounts.length;
  const first = at.row + 1;
  const last = first + n - 1;
  const letter = (c: number) => columnLetter(at.col + c);
  // Each share is this row's cell over the last row's (all accounts, all revenue).
  const share = (c: number, r: number): SpecValue => ({ formula: `=${letter(c)}${r + 1}/${letter(c)}$${last + 1}` });
  const rows: SpecValue[][] = points.accounts.map((k, i) => [k, points.revenue[i], share(0, first + i), share(1, first + i), { formula: `=${letter(2)}${first + i + 1}` }]);
  const accounts = points.accounts[n - 1];
  const notes = [...s.note, ...(n - 1 < accounts ? [fill(s.sampled, { points: n, count: formatNumber(accounts, language) })] : [])];
  const layout = tableLayout([
    { header: s.headers[0], lengths: rows.map((r) => cellLength(r[0], '#,##0')), min: 90 },
    { header: s.headers[1], lengths: rows.map((r) => cellLength(r[1], money)) },
    { header: s.headers[2], lengths: [6], min: 80 },
    { header: s.headers[3], lengths: [6], min: 80 },
    { header: s.headers[4], lengths: [6], min: 80 },
  ]);
  const column = (c: number): Region => ({ row: first, col: at.col + c, rows: n, cols: 1 });
  return {
    rows: 1 + n + 1 + notes.length,
    cols: 5,
    widths: layout.widths,
    headerPx: layout.headerPx,
    write(spec, sheet) {
      spec.blocks.push({ sheet, row: at.row, col: at.col, values: [s.headers.slice(), ...rows] });
      spec.blocks.push({ sheet, row: last + 2, col: at.col, values: notes.map((line) => [line]) });
      spec.styles.push(
        { sheet, region: { row: at.row, col: at.col, rows: 1, cols: 5 }, bold: true, fill: HEADER_FILL, wrap: true },
        { sheet, region: column(0), numberFormat: '#,##0' },
        { sheet, region: column(1), numberFormat: money },
        { sheet, region: { ...column(2), cols: 3 }, numberFormat: SHARE },
        { sheet, region: { row: at.row, col: at.col, rows: n + 1, cols: 5 }, gridLines: LINE_COLOUR },
        { sheet, region: { row: last + 2, col: at.col, rows: notes.length, cols: 1 }, italic: true, fontColor: '#595959' },
      );
      const chart: LorenzChart = {
        kind: 'lorenz',
        sheet,
        title: s.title,
        accounts: column(2),
        curve: column(3),
        equality: column(4),
        curveLabel: s.curve,
        equalityLabel: s.headers[4],
        accountsTitle: s.accountsAxis,
        revenueTitle: s.revenueAxis,
        anchor: chartAt,
        ...LORENZ_CHART,
      };
      spec.charts.push(chart);
    },
  };
}

