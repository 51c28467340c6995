// The plans overview: one row per plan tab, all native formulas that read the tabs, so it stays
// true as reps fill them in. Refreshing adds rows for new plan tabs and leaves every other cell
// (the manager's own columns, notes) as it is.
import { Language, fill } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, columnLetter, emptySpec, rectangle } from '../sheet-spec';
import { DONE_STATUSES, STAGES } from '../templates/lists';
import { TEMPLATES } from '../templates';
import { Awaitable, SheetValues, Workbook, WorkbookInfo, andThen, cellAt } from '../workbook';
import { PLAN_SHEET, freeSheetName } from './sheet-names';
import { SOURCE_NAMES } from './analysis';
import { countedAs } from './criteria';
import { Products, WHITESPACE_NAMES, accountsOnSheet, readProducts, whitespaceSpec } from './whitespace-sheet';
import { PlanLayout, columnRef, fieldRef, renderPlan, word } from './plan-render';
import { LARGE_AMOUNT, charCount, columnPx, moneyFormat, shownLength, tableLayout } from './layout';
import { DEFAULT_WEIGHTS, HEALTH_AMBER, HEALTH_CHECKS, HEALTH_GREEN, HEALTH_WEIGHTS_NAME, HEALTH_WORDS, HealthCheck, healthConditions, healthFormulas } from './health';

export const OVERVIEW_NAME = 'AccountPlanner_Overview';
const HEADER_ROW = 3;
const COLUMNS = ['sheet', 'account', 'owner', 'tier', 'stage', 'target', 'actual', 'gap', 'attainment', 'nextReview', 'overdue', 'sinceReview', 'health', 'pullsDown'] as const;
/** An overview made before the health score has these columns only, and keeps them. */
const LEGACY_COLUMNS = COLUMNS.indexOf('health');
const col = (key: (typeof COLUMNS)[number]) => COLUMNS.indexOf(key);

export const OVERVIEW_WORDS = {
  en: {
    sheet: 'Plans overview',
    title: 'Account plans at a glance',
    note: 'Live: every figure reads the plan tabs. Red: a review is overdue or actions are late. Amber: no review for more than 30 days. Health score: see the weights on the right. Columns you add to the right of them are kept.',
    headers: ['Plan tab', 'Account', 'Owner', 'Tier', 'Stage', 'Target', 'Actual', 'Gap', 'Attainment', 'Next review', 'Overdue actions', 'Days since last review', 'Health score', 'What pulls it down'],
    refreshed: 'Overview: {added} new plan tabs added, {total} in all.',
    whitespace: ' What each account buys per product group: the {sheet} sheet.',
  },
  nl: {
    sheet: 'Plannen-overzicht',
    title: 'Accountplannen in één oogopslag',
    note: 'Live: elk getal leest de plantabbladen. Rood: een evaluatie is te laat of acties zijn verlopen. Oranje: meer dan 30 dagen geen evaluatie. Gezondheidsscore: zie de gewichten rechts. Kolommen die u rechts daarvan toevoegt blijven staan.',
    headers: ['Plantabblad', 'Klant', 'Accountmanager', 'Klasse', 'Fase', 'Doel', 'Realisatie', 'Verschil', 'Behaald', 'Volgende evaluatie', 'Verlopen acties', 'Dagen sinds evaluatie', 'Gezondheidsscore', 'Wat drukt de score'],
    refreshed: 'Overzicht: {added} nieuwe plantabbladen toegevoegd, {total} in totaal.',
    whitespace: ' Wat elke klant per productgroep koopt: het blad {sheet}.',
  },
} satisfies Record<Language, unknown>;

/** One overview row of native formulas reading a plan tab; "" where the plan has no such cell. With
 * `health` (the weights' cells), the health score and what pulls it down too. */
export function overviewRow(layout: PlanLayout, startCol = 0, health?: { weight: (check: HealthCheck) => string; language: Language }): SpecValue[] {
  const at = (key: string) => fieldRef(layout, key);
  const range = (table: string, column: string) => columnRef(layout, table, column);
  const show = (ref: string | null): SpecValue => (ref ? { formula: `=IF(${ref}="","",${ref})` } : null);
  const start = at('plan_start');
  const log = range('reviewLog', 'date');
  const lastReview = start ? (log ? `MAX(${log},${start})` : `N(${start})`) : null;
  const reviews = ['review_1', 'review_2', 'review_3'].map(at);
  const nextReview = lastReview && reviews.every(Boolean) ? `=IF(${reviews[0]}>${lastReview},${reviews[0]},IF(${reviews[1]}>${lastReview},${reviews[1]},IF(${reviews[2]}>${lastReview},${reviews[2]},"")))` : null;
  const due = range('actions', 'due');
  const status = range('actions', 'status');
  const overdue = due && status ? `=COUNTIFS(${due},"<"&TODAY(),${status},"<>${DONE_STATUSES[0]}",${status},"<>${DONE_STATUSES[1]}")` : null;
  const row: SpecValue[] = new Array(COLUMNS.length).fill(null);
  row[col('sheet')] = layout.sheet;
  row[col('account')] = show(at('account'));
  row[col('owner')] = show(at('owner'));
  row[col('tier')] = show(at('tier'));
  row[col('stage')] = show(at('stage'));
  row[col('target')] = show(at('target'));
  row[col('actual')] = show(at('actual'));
  const here = (key: (typeof COLUMNS)[number]) => `${columnLetter(startCol + col(key))}{row}`;
  row[col('gap')] = at('target') ? { formula: `=IF(${here('target')}="","",${here('target')}-N(${here('actual')}))` } : null;
  row[col('attainment')] = at('target') ? { formula: `=IF(N(${here('target')})=0,"",N(${here('actual')})/${here('target')})` } : null;
  row[col('nextReview')] = nextReview ? { formula: nextReview } : null;
  row[col('overdue')] = overdue ? { formula: overdue } : null;
  row[col('sinceReview')] = lastReview ? { formula: `=TODAY()-${lastReview}` } : null;
  if (!health) return row.slice(0, LEGACY_COLUMNS);
  const cell = (key: (typeof COLUMNS)[number]) => `$${columnLetter(startCol + col(key))}{row}`;
  const cells = { target: cell('target'), actual: cell('actual'), overdue: overdue ? cell('overdue') : null, sinceReview: lastReview ? cell('sinceReview') : null };
  const { score, reasons } = healthFormulas(healthConditions(layout, cells), health.weight, cells, health.language);
  row[col('health')] = { formula: score };
  row[col('pullsDown')] = { formula: reasons };
  return row;
}

/** Which built-in template made a plan tab, from its subtitle (either language). */
export function layoutOfPlanTab(sheet: string, values: SheetValues): PlanLayout | null {
  const subtitle = String(values.values[1 - values.origin.row]?.[0 - values.origin.col] ?? '');
  for (const template of TEMPLATES) {
    for (const language of ['en', 'nl'] as const) {
      if (subtitle === word('subtitle', language).replace('{template}', template.name[language])) {
        const source = { accounts: false, amounts: false, dates: false, tiers: false, categories: false };
        return renderPlan(template, { sheet, account: '', owner: '', planStart: 0, language, source }).layout;
      }
    }
  }
  return null;
}

/**
 * The overview's column widths and header height: tab names and accounts as long as the plans'
 * (within reason), money, dates and counts as wide as they show, headers wrapped onto two lines.
 */
function overviewLayout(layouts: PlanLayout[], language: Language, money: string) {
  const names = layouts.map((l) => charCount(l.sheet));
  const dates = shownLength(45000, language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd');
  const lengths: Record<(typeof COLUMNS)[number], number[]> = {
    sheet: names,
    account: names.map((n) => n - 7),
    owner: [15],
    tier: [1],
    stage: STAGES.options.map((o) => charCount(o[language])),
    target: [shownLength(LARGE_AMOUNT, money)],
    actual: [shownLength(LARGE_AMOUNT, money)],
    gap: [shownLength(-LARGE_AMOUNT, money)],
    attainment: [4],
    nextReview: [dates],
    overdue: [2],
    sinceReview: [3],
    health: [3],
    pullsDown: [60],
  };
  const wide = new Set(['sheet', 'account', 'stage']);
  return tableLayout(COLUMNS.map((key, i) => ({ header: OVERVIEW_WORDS[language].headers[i], lengths: lengths[key], max: key === 'pullsDown' ? 420 : wide.has(key) ? 200 : 120 })));
}

/**
 * The weights table right of a new overview: a row per check, its weight, the total, and a short
 * note on one line a sentence (no wrapped cells: its rows are the plans' rows too, and keep their
 * height). The manager edits the weights.
 */
function weightsTable(spec: SheetSpec, sheet: string, at: { row: number; col: number }, language: Language): Region {
  const w = HEALTH_WORDS[language];
  const rows: SpecValue[][] = [[w.title, w.weight], ...HEALTH_CHECKS.map((c) => [w.checks[c], DEFAULT_WEIGHTS[c]])];
  const first = at.row + 2;
  const last = at.row + HEALTH_CHECKS.length + 1;
  rows.push([w.total, { formula: `=SUM(${columnLetter(at.col + 1)}${first}:${columnLetter(at.col + 1)}${last})` }], ...w.note.map((line) => [line]));
  spec.blocks.push({ sheet, row: at.row, col: at.col, values: rectangle(rows) });
  const region: Region = { row: at.row, col: at.col, rows: HEALTH_CHECKS.length + 2, cols: 2 };
  const checks: Region = { row: at.row + 1, col: at.col + 1, rows: HEALTH_CHECKS.length, cols: 1 };
  spec.styles.push(
    { sheet, region: { row: at.row, col: at.col, rows: 1, cols: 2 }, bold: true, fill: '#F2F2F2', verticalAlign: 'top' },
    { sheet, region: checks, fill: '#FFF8E1', numberFormat: '0' },
    { sheet, region, gridLines: '#BFBFBF' },
    { sheet, region: { row: at.row + HEALTH_CHECKS.length + 1, col: at.col, rows: 1, cols: 2 }, bold: true },
    { sheet, region: { row: at.row + HEALTH_CHECKS.length + 2, col: at.col, rows: w.note.length, cols: 1 }, italic: true, fontColor: '#595959' },
  );
  const labels = columnPx([...HEALTH_CHECKS.map((c) => charCount(w.checks[c])), charCount(w.title) * 1.1], { max: 480 });
  spec.columnWidths.push({ sheet, col: at.col - 1, width: 24 }, { sheet, col: at.col, width: labels }, { sheet, col: at.col + 1, width: columnPx([charCount(w.weight) * 1.1, 4]) });
  spec.validations.push({ sheet, region: checks, decimal: { min: 0, max: 1000 }, message: language === 'nl' ? 'Een gewicht van 0 tot 1000.' : 'A weight from 0 to 1000.' });
  return region;
}

/** Rows for plans not yet listed, appended under the overview's own rows; nothing else is touched. */
export function overviewSpec(info: WorkbookInfo, existing: SheetValues | null, layouts: PlanLayout[], language: Language, money = '#,##0'): { spec: SheetSpec; sheet: string; added: number; total: number } {
  const w = OVERVIEW_WORDS[language];
  const spec = emptySpec();
  const own = info.names[OVERVIEW_NAME];
  const sheet = own && info.sheets.includes(own.sheet) ? own.sheet : freeSheetName(info.sheets, w.sheet);
  const listed = new Set<string>();
  let nextRow = HEADER_ROW + 1;
  const startCol = own?.region.col ?? 0;
  // The health score's weights: where an earlier run put them (the manager's edits kept), or a new
  // table right of a new overview. An overview made before the health score keeps its columns.
  const weightsName = info.names[HEALTH_WEIGHTS_NAME];
  let weights: Region | null = weightsName && weightsName.sheet === sheet ? weightsName.region : null;
  if (own && existing) {
    for (let r = own.region.row + 1; r < own.region.row + own.region.rows; r++) {
      const name = existing.values[r - existing.origin.row]?.[own.region.col - existing.origin.col];
      if (typeof name === 'string' && name) listed.add(name.toLowerCase());
    }
    nextRow = own.region.row + own.region.rows;
  } else {
    spec.addSheets.push(sheet);
    spec.blocks.push({ sheet, row: 0, col: 0, values: rectangle([[w.title], [w.note], [null], w.headers]) });
    spec.styles.push(
      { sheet, region: { row: 0, col: 0, rows: 1, cols: 1 }, bold: true, fontSize: 14 },
      { sheet, region: { row: 1, col: 0, rows: 1, cols: 1 }, italic: true, fontColor: '#595959' },
      { sheet, region: { row: HEADER_ROW, col: 0, rows: 1, cols: COLUMNS.length }, bold: true, fill: '#F2F2F2', wrap: true, verticalAlign: 'top' },
    );
    spec.freezeRows.push({ sheet, rows: HEADER_ROW + 1 });
    const { widths, headerPx } = overviewLayout(layouts, language, money);
    widths.forEach((width, col) => spec.columnWidths.push({ sheet, col, width }));
    spec.rowHeights.push({ sheet, row: HEADER_ROW, rows: 1, height: headerPx });
    // Seventeen columns: one page wide only reads on a landscape page.
    spec.fitToPageWidth.push(sheet);
    spec.landscape.push(sheet);
    weights = weightsTable(spec, sheet, { row: HEADER_ROW, col: COLUMNS.length + 1 }, language);
    spec.names.push({ name: HEALTH_WEIGHTS_NAME, sheet, region: weights });
  }
  const width = weights ? COLUMNS.length : Math.min(LEGACY_COLUMNS, own?.region.cols ?? LEGACY_COLUMNS);
  const weightCell = (check: HealthCheck) => `$${columnLetter(weights!.col + 1)}$${weights!.row + 2 + HEALTH_CHECKS.indexOf(check)}`;
  const health = weights ? { weight: weightCell, language } : undefined;
  const fresh = layouts.filter((l) => !listed.has(l.sheet.toLowerCase()));
  if (own && existing) {
    // Never write over something the manager put under the overview: every new row must be free.
    const occupied = (r: number) => Array.from({ length: width }, (_, c) => c).some((c) => holdsSomething(existing, r, startCol + c));
    const blocked = () => Array.from({ length: fresh.length }, (_, k) => nextRow + k).some(occupied);
    while (fresh.length && blocked()) nextRow++;
  }
  const headerRow = own?.region.row ?? HEADER_ROW;
  if (fresh.length) {
    const rows = fresh.map((l, i) => overviewRow(l, startCol, health).map((v) => (v && typeof v === 'object' ? { formula: v.formula.replace(/\{row\}/g, String(nextRow + i + 1)) } : v)));
    spec.blocks.push({ sheet, row: nextRow, col: startCol, values: rows });
    const region = (key: (typeof COLUMNS)[number]): Region => ({ row: nextRow, col: startCol + col(key), rows: fresh.length, cols: 1 });
    spec.styles.push(
      { sheet, region: region('target'), numberFormat: money },
      { sheet, region: region('actual'), numberFormat: money },
      { sheet, region: region('gap'), numberFormat: money },
      { sheet, region: region('attainment'), numberFormat: '0%' },
      { sheet, region: region('nextReview'), numberFormat: language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd' },
      { sheet, region: region('overdue'), numberFormat: '0' },
      { sheet, region: region('sinceReview'), numberFormat: '0' },
    );
    const first = (key: (typeof COLUMNS)[number]) => `$${columnLetter(startCol + col(key))}${nextRow + 1}`;
    spec.conditionalFormulas.push(
      { sheet, region: region('nextReview'), formula: `=AND(${first('nextReview')}<>"",${first('nextReview')}<TODAY())`, fill: '#FFC7CE', fontColor: '#9C0006' },
      { sheet, region: region('overdue'), formula: `=N(${first('overdue')})>0`, fill: '#FFC7CE', fontColor: '#9C0006' },
      { sheet, region: region('sinceReview'), formula: `=N(${first('sinceReview')})>30`, fill: '#FFEB9C', fontColor: '#7A4A00' },
    );
    if (health) {
      const score = first('health');
      // What pulls a score down wraps in its column (the most important first); a row shows its
      // first line, the cell all of it.
      spec.styles.push({ sheet, region: region('health'), numberFormat: '0', bold: true }, { sheet, region: region('pullsDown'), wrap: true, verticalAlign: 'top' });
      spec.conditionalFormulas.push(
        { sheet, region: region('health'), formula: `=AND(ISNUMBER(${score}),${score}>=${HEALTH_GREEN})`, fill: '#C6EFCE', fontColor: '#006100' },
        { sheet, region: region('health'), formula: `=AND(ISNUMBER(${score}),${score}>=${HEALTH_AMBER},${score}<${HEALTH_GREEN})`, fill: '#FFEB9C', fontColor: '#7A4A00' },
        { sheet, region: region('health'), formula: `=AND(ISNUMBER(${score}),${score}<${HEALTH_AMBER})`, fill: '#FFC7CE', fontColor: '#9C0006' },
      );
    }
  }
  const lastRow = nextRow + fresh.length - 1;
  const total = listed.size + fresh.length;
  spec.names.push({ name: OVERVIEW_NAME, sheet, region: { row: headerRow, col: startCol, rows: Math.max(lastRow, headerRow) - headerRow + 1, cols: width } });
  return { spec, sheet, added: fresh.length, total };
}

/** A cell the overview may not write over: anything but blank or "". */
const holdsSomething = (values: SheetValues, row: number, col: number): boolean => {
  const v = cellAt(values, row, col);
  return v !== null && v !== '';
};

export interface OverviewResult {
  sheet: string;
  /** The Whitespace sheet written with it (null without a product column). */
  whitespace: string | null;
  added: number;
  total: number;
  message: string;
}

/** Two specs as one write. */
function joined(a: SheetSpec, b: SheetSpec): SheetSpec {
  const out = emptySpec();
  for (const key of Object.keys(out) as (keyof SheetSpec)[]) (out[key] as unknown[]) = [...(a[key] as unknown[]), ...(b[key] as unknown[])];
  return out;
}

/** Whether one of the analysis' names sits beside the accounts (same sheet and rows), as plan formulas need. */
function beside(info: WorkbookInfo, name: string): boolean {
  const n = info.names[name];
  const accounts = info.names[SOURCE_NAMES.accounts];
  return !!n && !!accounts && n.sheet === accounts.sheet && n.region.row === accounts.region.row && n.region.rows === accounts.region.rows;
}

/**
 * Brings the overview up to date with the plan tabs in the workbook: reads the overview once and
 * each plan tab it does not list yet once (to tell its template), then writes once. With a product
 * column it rewrites the Whitespace sheet too, a row per plan tab (the accounts of tabs an earlier
 * Whitespace sheet lists are taken from it; others are read from the tab).
 */
export function refreshOverview(
  wb: Workbook,
  options: { language: Language; known?: PlanLayout[]; money?: string; product?: string | null; products?: Products | null },
): Awaitable<OverviewResult> {
  return andThen(wb.info(), (info) => {
    const own = info.names[OVERVIEW_NAME];
    const hasOwn = own && info.sheets.includes(own.sheet);
    const earlier = info.names[WHITESPACE_NAMES.own];
    const hasEarlier = earlier && info.sheets.includes(earlier.sheet) && (!hasOwn || earlier.sheet !== own.sheet);
    const products = options.products !== undefined ? options.products : readProducts(wb, info, null, { product: options.product, language: options.language });
    return andThen(products, (products) =>
      andThen(hasOwn ? wb.readSheet(own.sheet) : null, (existing) =>
        andThen(products && hasEarlier ? wb.readSheet(earlier.sheet) : null, (earlierValues) => {
          const listed = new Set<string>();
          if (hasOwn && existing) {
            for (let r = own.region.row + 1; r < own.region.row + own.region.rows; r++) {
              const v = cellAt(existing, r, own.region.col);
              if (typeof v === 'string' && v) listed.add(v.toLowerCase());
            }
          }
          const cached = products ? accountsOnSheet(info, earlierValues) : new Map<string, string | number>();
          const known = new Map((options.known ?? []).map((l) => [l.sheet.toLowerCase(), l]));
          const tabs = info.sheets.filter((s) => PLAN_SHEET.test(s));
          const unlisted = (s: string) => !listed.has(s.toLowerCase());
          const unknown = tabs.filter((s) => !known.has(s.toLowerCase()) && (unlisted(s) || (products && !cached.has(s.toLowerCase()))));
          const layouts: PlanLayout[] = [...known.values()].filter((l) => info.sheets.some((s) => s.toLowerCase() === l.sheet.toLowerCase()));
          const accountOf = new Map<string, string | number>(cached);
          for (const l of layouts) if (l.account !== undefined) accountOf.set(l.sheet.toLowerCase(), l.account);
          const readNext = (i: number): Awaitable<void> => {
            if (i >= unknown.length) return;
            return andThen(wb.readSheet(unknown[i]), (values) => {
              const layout = layoutOfPlanTab(unknown[i], values) ?? { sheet: unknown[i], fields: {}, tables: {} };
              const at = layout.fields.account;
              const account = at ? cellAt(values, at.row, at.col) : null;
              if ((typeof account === 'string' && account.trim()) || typeof account === 'number') accountOf.set(unknown[i].toLowerCase(), countedAs(account));
              if (unlisted(unknown[i])) layouts.push(layout);
              return readNext(i + 1);
            });
          };
          return andThen(readNext(0), () => {
            const order = new Map(info.sheets.map((s, i) => [s.toLowerCase(), i]));
            layouts.sort((a, b) => (order.get(a.sheet.toLowerCase()) ?? 0) - (order.get(b.sheet.toLowerCase()) ?? 0));
            const amounts = info.names[SOURCE_NAMES.amounts];
            // The revenue table's own money format, read here so every caller (pane, CLI, plans) gets it.
            const readFormat = options.money === undefined && amounts && info.sheets.includes(amounts.sheet) && wb.numberFormat ? wb.numberFormat(amounts.sheet, amounts.region.row, amounts.region.col) : null;
            return andThen(readFormat, (format) => {
              const money = options.money ?? moneyFormat(format);
              const { spec, sheet, added, total } = overviewSpec(info, existing, layouts, options.language, money);
              let whitespace: string | null = null;
              let write = spec;
              if (products) {
                const planned = tabs.filter((t) => accountOf.has(t.toLowerCase())).map((t) => ({ sheet: t, key: accountOf.get(t.toLowerCase())! }));
                const ws = whitespaceSpec(info, earlierValues, planned, products, { language: options.language, money, dates: beside(info, SOURCE_NAMES.dates), keys: beside(info, SOURCE_NAMES.keys) });
                whitespace = ws.names.find((n) => n.name === WHITESPACE_NAMES.own)!.sheet;
                write = joined(spec, ws);
              }
              const words = OVERVIEW_WORDS[options.language];
              const message = fill(words.refreshed, { added, total }) + (whitespace ? fill(words.whitespace, { sheet: whitespace }) : '');
              return andThen(wb.write(write), () => ({ sheet, added, total, message, whitespace }));
            });
          });
        }),
      ),
    );
  });
}
