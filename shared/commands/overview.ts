// The plans overview: one row per plan tab, all native formulas that read the tabs, so it stays
// true as reps fill them in. Refreshing adds rows for new plan tabs and leaves every other cell
// (the manager's own columns, notes) as it is.
import { Language, fill } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, columnLetter, emptySpec, rectangle, sheetRef } from '../sheet-spec';
import { DONE_STATUSES, STAGES } from '../templates/lists';
import { TEMPLATES } from '../templates';
import { Awaitable, SheetValues, Workbook, WorkbookInfo, andThen, cellAt } from '../workbook';
import { PLAN_SHEET, freeSheetName } from './sheet-names';
import { PlanLayout, renderPlan, word } from './plan-render';
import { LARGE_AMOUNT, charCount, shownLength, tableLayout } from './layout';

export const OVERVIEW_NAME = 'AccountPlanner_Overview';
const HEADER_ROW = 3;
const COLUMNS = ['sheet', 'account', 'owner', 'tier', 'stage', 'target', 'actual', 'gap', 'attainment', 'nextReview', 'overdue', 'sinceReview'] as const;
const col = (key: (typeof COLUMNS)[number]) => COLUMNS.indexOf(key);

export const OVERVIEW_WORDS = {
  en: {
    sheet: 'Plans overview',
    title: 'Account plans at a glance',
    note: 'Live: every figure reads the plan tabs. Red: a review is overdue or actions are late. Amber: no review for more than 30 days. Columns you add to the right are kept.',
    headers: ['Plan tab', 'Account', 'Owner', 'Tier', 'Stage', 'Target', 'Actual', 'Gap', 'Attainment', 'Next review', 'Overdue actions', 'Days since last review'],
    refreshed: 'Overview: {added} new plan tabs added, {total} in all.',
  },
  nl: {
    sheet: 'Plannen-overzicht',
    title: 'Accountplannen in één oogopslag',
    note: 'Live: elk getal leest de plantabbladen. Rood: een evaluatie is te laat of acties zijn verlopen. Oranje: meer dan 30 dagen geen evaluatie. Kolommen die u rechts toevoegt blijven staan.',
    headers: ['Plantabblad', 'Klant', 'Accountmanager', 'Klasse', 'Fase', 'Doel', 'Realisatie', 'Verschil', 'Behaald', 'Volgende evaluatie', 'Verlopen acties', 'Dagen sinds evaluatie'],
    refreshed: 'Overzicht: {added} nieuwe plantabbladen toegevoegd, {total} in totaal.',
  },
} satisfies Record<Language, unknown>;

/** One overview row of native formulas reading a plan tab; "" where the plan has no such cell. */
export function overviewRow(layout: PlanLayout, startCol = 0): SpecValue[] {
  const at = (key: string) => {
    const f = layout.fields[key];
    return f ? sheetRef(layout.sheet, { row: f.row, col: f.col, rows: 1, cols: 1 }).replace(/!([A-Z]+)(\d+)$/, '!$$$1$$$2') : null;
  };
  const range = (table: string, column: string) => {
    const tb = layout.tables[table];
    const c = tb?.cols[column];
    return tb && c !== undefined ? sheetRef(layout.sheet, { row: tb.firstRow, col: c, rows: tb.rows, cols: 1 }) : null;
  };
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

/** Rows for plans not yet listed, appended under the overview's own rows; nothing else is touched. */
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
  };
  const wide = new Set(['sheet', 'account', 'stage']);
  return tableLayout(COLUMNS.map((key, i) => ({ header: OVERVIEW_WORDS[language].headers[i], lengths: lengths[key], max: wide.has(key) ? 200 : 120 })));
}

export function overviewSpec(info: WorkbookInfo, existing: SheetValues | null, layouts: PlanLayout[], language: Language, money = '#,##0'): { spec: SheetSpec; sheet: string; added: number; total: number } {
  const w = OVERVIEW_WORDS[language];
  const spec = emptySpec();
  const own = info.names[OVERVIEW_NAME];
  const sheet = own && info.sheets.includes(own.sheet) ? own.sheet : freeSheetName(info.sheets, w.sheet);
  const listed = new Set<string>();
  let nextRow = HEADER_ROW + 1;
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
    spec.fitToPageWidth.push(sheet);
  }
  const fresh = layouts.filter((l) => !listed.has(l.sheet.toLowerCase()));
  const startCol = own?.region.col ?? 0;
  if (own && existing) {
    // Never write over something the manager put under the overview: every new row must be free.
    const occupied = (r: number) => COLUMNS.some((_, c) => holdsSomething(existing, r, startCol + c));
    const blocked = () => Array.from({ length: fresh.length }, (_, k) => nextRow + k).some(occupied);
    while (fresh.length && blocked()) nextRow++;
  }
  const headerRow = own?.region.row ?? HEADER_ROW;
  if (fresh.length) {
    const rows = fresh.map((l, i) => overviewRow(l, startCol).map((v) => (v && typeof v === 'object' ? { formula: v.formula.replace(/\{row\}/g, String(nextRow + i + 1)) } : v)));
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
  }
  const lastRow = nextRow + fresh.length - 1;
  const total = listed.size + fresh.length;
  spec.names.push({ name: OVERVIEW_NAME, sheet, region: { row: headerRow, col: startCol, rows: Math.max(lastRow, headerRow) - headerRow + 1, cols: COLUMNS.length } });
  return { spec, sheet, added: fresh.length, total };
}

/** A cell the overview may not write over: anything but blank or "". */
const holdsSomething = (values: SheetValues, row: number, col: number): boolean => {
  const v = cellAt(values, row, col);
  return v !== null && v !== '';
};

export interface OverviewResult {
  sheet: string;
  added: number;
  total: number;
  message: string;
}

/**
 * Brings the overview up to date with the plan tabs in the workbook: reads the overview once and
 * each plan tab it does not list yet once (to tell its template), then writes once.
 */
export function refreshOverview(wb: Workbook, options: { language: Language; known?: PlanLayout[]; money?: string }): Awaitable<OverviewResult> {
  return andThen(wb.info(), (info) => {
    const own = info.names[OVERVIEW_NAME];
    const hasOwn = own && info.sheets.includes(own.sheet);
    return andThen(hasOwn ? wb.readSheet(own.sheet) : null, (existing) => {
      const listed = new Set<string>();
      if (hasOwn && existing) {
        for (let r = own.region.row + 1; r < own.region.row + own.region.rows; r++) {
          const v = cellAt(existing, r, own.region.col);
          if (typeof v === 'string' && v) listed.add(v.toLowerCase());
        }
      }
      const known = new Map((options.known ?? []).map((l) => [l.sheet.toLowerCase(), l]));
      const unknown = info.sheets.filter((s) => PLAN_SHEET.test(s) && !listed.has(s.toLowerCase()) && !known.has(s.toLowerCase()));
      const layouts: PlanLayout[] = [...known.values()].filter((l) => info.sheets.some((s) => s.toLowerCase() === l.sheet.toLowerCase()));
      const readNext = (i: number): Awaitable<void> => {
        if (i >= unknown.length) return;
        return andThen(wb.readSheet(unknown[i]), (values) => {
          layouts.push(layoutOfPlanTab(unknown[i], values) ?? { sheet: unknown[i], fields: {}, tables: {} });
          return readNext(i + 1);
        });
      };
      return andThen(readNext(0), () => {
        const order = new Map(info.sheets.map((s, i) => [s.toLowerCase(), i]));
        layouts.sort((a, b) => (order.get(a.sheet.toLowerCase()) ?? 0) - (order.get(b.sheet.toLowerCase()) ?? 0));
        const { spec, sheet, added, total } = overviewSpec(info, existing, layouts, options.language, options.money);
        const message = fill(OVERVIEW_WORDS[options.language].refreshed, { added, total });
        return andThen(wb.write(spec), () => ({ sheet, added, total, message }));
      });
    });
  });
}

