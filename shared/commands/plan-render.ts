// Renders a plan template (data) into a SheetSpec for one account's plan tab, and says where the
// cells the overview reads ended up. Written once for every template and both languages.
import { Language, categoryLabel } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, Styling, columnLetter, emptySpec, sheetRef } from '../sheet-spec';
import { Column, Computed, Field, InputKind, Localized, Table, Template, Whitespace } from '../templates/model';
import { SOURCE_NAMES } from './analysis';
import { LARGE_AMOUNT, charCount, linesIn, pxFor, rowPx, shownLength } from './layout';
import { countedAs, lookupValue, matching } from './criteria';
import { cutTo } from './sheet-names';
import { Group, WHITESPACE_NAMES } from './whitespace-sheet';

/** What the generator knows about one account. */
export interface PlanContext {
  sheet: string;
  account: string;
  owner: string;
  planStart: number; // serial date
  language: Language;
  /** Known tier/category when the revenue table's names are not there (typed accounts). */
  tier?: string;
  category?: number;
  /** Which of the analysis' names exist in the workbook (keys and dataEnd: analyses since the as-of date). */
  source: { accounts: boolean; amounts: boolean; dates: boolean; tiers: boolean; categories: boolean; keys?: boolean; dataEnd?: boolean };
  /** The revenue table's amount format (currency and all) for money cells; default "#,##0". */
  moneyFormat?: string;
  /** The product groups for the whitespace grid (the AccountPlanner_Products name exists): largest first, of `total`. */
  products?: { groups: Group[]; total: number };
}

/** Where the overview finds a plan's cells (0-based, on the plan's sheet). */
export interface PlanLayout {
  sheet: string;
  fields: Record<string, { row: number; col: number }>;
  tables: Record<string, { firstRow: number; rows: number; cols: Record<string, number> }>;
  /** The account as the analysis counts it, when known (the Whitespace sheet's rows). */
  account?: string | number;
}

/** A plan field's cell as an absolute reference from another sheet ('Plan – Acme'!$B$7), or null. */
export function fieldRef(layout: PlanLayout, key: string): string | null {
  const f = layout.fields[key];
  return f ? sheetRef(layout.sheet, { row: f.row, col: f.col, rows: 1, cols: 1 }).replace(/!([A-Z]+)(\d+)$/, '!$$$1$$$2') : null;
}

/** One column of a plan table's rows as a reference from another sheet, or null. */
export function columnRef(layout: PlanLayout, table: string, column: string): string | null {
  const tb = layout.tables[table];
  const c = tb?.cols[column];
  return tb && c !== undefined ? sheetRef(layout.sheet, { row: tb.firstRow, col: c, rows: tb.rows, cols: 1 }) : null;
}

const LABEL_COL = 0;
const INPUT_COL = 1;
export const PLAN_WIDTH = 7; // columns A–G: fits a portrait page when printed one page wide
const INPUT_FILL = '#FFF8E1';
/** Lines around and between input cells: a rep sees how many rows a block has. */
const INPUT_LINES = '#BFBFBF';
const TALL_ROW = 52; // px: three lines of long text
const SECTION_FILL = '#E8F1EC';
/** The widest a plan column grows for its header or values; wider headers wrap. */
const MAX_COLUMN = 150; // px
const LABEL_COLUMN = { min: 220, max: 300 }; // px
/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32767;

const WORDS: Record<string, Localized> = {
  subtitle: { en: '{template} · Account Planner · review every 30 days', nl: '{template} · Account Planner · elke 30 dagen evalueren' },
  inputs: { en: 'Fill in the shaded cells; the rest is protected (without a password).', nl: 'Vul de gekleurde cellen in; de rest is beveiligd (zonder wachtwoord).' },
  choose: { en: 'Choose one of the options in the list.', nl: 'Kies een van de opties in de lijst.' },
  rating: { en: 'A whole number from 1 to 5.', nl: 'Een geheel getal van 1 tot 5.' },
  percent: { en: 'A percentage from 0% to 100%.', nl: 'Een percentage van 0% tot 100%.' },
  date: { en: 'A date.', nl: 'Een datum.' },
  number: { en: 'A number.', nl: 'Een getal.' },
  largest: { en: 'The {shown} largest of {total} product groups.', nl: 'De {shown} grootste van {total} productgroepen.' },
};

export const word = (key: keyof typeof WORDS, language: Language) => WORDS[key][language];

const dateFormat = (language: Language) => (language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd');

function numberFormat(kind: InputKind | undefined, language: Language, money = '#,##0'): string | undefined {
  if (kind === 'money') return money;
  if (kind === 'percent') return '0%';
  if (kind === 'date') return dateFormat(language);
  return undefined;
}

/** A revenue fact: the account's counted amounts (`account`: its criteria), between dates when the table has them, of one product group if given. */
function sumifs(account: string, dates: [string, string][] = [], group?: Group): string {
  const product = group === undefined ? '' : `,${matching(SOURCE_NAMES.products, group)}`;
  return `SUMIFS(${SOURCE_NAMES.amounts},${account}${product}${dates.map(([op, date]) => `,${SOURCE_NAMES.dates},"${op}"&${date}`).join('')})`;
}

/**
 * A computed value: a live formula when the workbook has the names for it, else a plain value or
 * input. Revenue facts are measured up to the as-of date, the way the analysis measures its
 * categories: the last 12 months are the 365 days up to and including it.
 */
function computedValue(what: Computed, ctx: PlanContext, ref: (key: string) => string, sameRow: (key: string) => string, group?: Group): { value: SpecValue; input: boolean } {
  const s = ctx.source;
  const keys = s.keys ? SOURCE_NAMES.keys : SOURCE_NAMES.accounts;
  const key = countedAs(ctx.account);
  const account = matching(keys, key);
  const revenue = s.accounts && s.amounts;
  const dated = revenue && s.dates;
  const asOf = () => ref('as_of');
  const lookup = (name: string) => ({ formula: `=IFERROR(INDEX(${name},MATCH(${lookupValue(key)},${keys},0)),"")` });
  switch (what) {
    case 'account':
      return { value: cutTo(ctx.account, MAX_CELL_TEXT), input: false };
    case 'owner':
      return { value: ctx.owner || null, input: true };
    case 'planStart':
      return { value: ctx.planStart, input: true };
    case 'asOf':
      // The data's last date, but never after the plan start; the rep may type another date.
      return { value: { formula: s.dataEnd ? `=MIN(${ref('plan_start')},${SOURCE_NAMES.dataEnd})` : `=${ref('plan_start')}` }, input: true };
    case 'tier':
      return s.tiers && s.accounts ? { value: lookup(SOURCE_NAMES.tiers), input: false } : { value: ctx.tier ?? null, input: true };
    case 'category':
      return s.categories && s.accounts ? { value: lookup(SOURCE_NAMES.categories), input: false } : { value: ctx.category ? categoryLabel(ctx.category, ctx.language) : null, input: true };
    case 'revenue12':
      if (!revenue) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, dated ? [['>', `(${asOf()}-365)`], ['<', `(${asOf()}+1)`]] : [])}` }, input: false };
    case 'revenuePrior12':
      if (!dated) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, [['>', `(${asOf()}-730)`], ['<=', `(${asOf()}-365)`]])}` }, input: false };
    case 'actualYear':
      if (!dated) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, [['>=', `DATE(YEAR(${asOf()}),1,1)`], ['<', `(${asOf()}+1)`]])}` }, input: false };
    case 'quarterActual':
      if (!dated) return { value: null, input: true };
      // Up to the as-of date; a quarter that starts after it has no actual yet.
      return { value: { formula: `=IF(${sameRow('from')}>${asOf()},"",${sumifs(account, [['>=', sameRow('from')], ['<', `(MIN(${sameRow('to')},${asOf()})+1)`]])})` }, input: false };
    case 'groupRevenue12':
      return { value: { formula: `=${sumifs(account, dated ? [['>', `(${asOf()}-365)`], ['<', `(${asOf()}+1)`]] : [], group)}` }, input: false };
    case 'groupRevenuePrior12':
      return { value: dated ? { formula: `=${sumifs(account, [['>', `(${asOf()}-730)`], ['<=', `(${asOf()}-365)`]], group)}` } : null, input: false };
    case 'groupOthers': {
      // Counted on the Whitespace sheet (all planned accounts, one column per group): the others
      // with revenue in this group, shown only where this account buys nothing of it.
      const column = `INDEX(${WHITESPACE_NAMES.grid},0,MATCH(${lookupValue(group!)},${WHITESPACE_NAMES.groups},0))`;
      return { value: { formula: `=IF(N(${sameRow('group_12m')})>0,"",IFERROR(COUNTIFS(${column},">0")-COUNTIFS(${column},">0",${matching(WHITESPACE_NAMES.accounts, key)}),""))` }, input: false };
    }
  }
}

/** Excel's tallest row (409 points). */
const MAX_ROW_PX = 545;

/** The characters a column's value shows at most: money, dates, percentages, a chosen option. */
function valueChars(kind: InputKind | undefined, choices: Column['choices'], language: Language, money: string): number {
  if (choices) return Math.max(...choices.options.map((o) => charCount(o[language])));
  if (kind === 'money') return shownLength(LARGE_AMOUNT, money);
  if (kind === 'date') return shownLength(45000, numberFormat('date', language)!);
  if (kind === 'percent') return 4;
  if (kind === 'rating') return 1;
  return 0;
}

/**
 * The widths of a plan's seven columns: the labels' column as wide as the longest label, the
 * others as wide as the widest value any table or field puts in any of them (money, dates,
 * options) and each header's longest word, headers wrapping onto two lines at most where they fit.
 */
export function planWidths(template: Template, language: Language, money: string): number[] {
  const needs: number[][] = Array.from({ length: PLAN_WIDTH }, () => []);
  const bold: number[][] = Array.from({ length: PLAN_WIDTH }, () => []);
  for (const row of template.rows) {
    if (row.kind === 'field') {
      if (row.input !== 'longtext') needs[LABEL_COL].push(charCount(row.label[language]));
      const kind = row.computed === 'planStart' || row.computed === 'asOf' ? 'date' : row.format ?? row.input;
      needs[INPUT_COL].push(valueChars(kind, row.choices, language, money));
    } else if (row.kind === 'table' || row.kind === 'whitespace') {
      row.columns.forEach((c, i) => {
        const label = c.label[language];
        bold[i].push(Math.max(...label.split(' ').map(charCount), Math.ceil(charCount(label) / 2)));
        if (!(i === 0 && (row.kind === 'whitespace' || row.preset))) needs[i].push(valueChars(c.format ?? c.input, c.choices, language, money));
        if (c.key === 'quarter') needs[i].push(7); // "Q4 2026"
      });
    }
  }
  const px = needs.map((n, i) => Math.max(pxFor(Math.max(0, ...n)), pxFor(Math.max(0, ...bold[i]), true)));
  // The input columns share one width, the widest any of them needs: a tidy grid, and one call
  // for Sheets to set them.
  const inputs = Math.min(MAX_COLUMN, Math.max(90, ...px.slice(1)));
  return px.map((w, i) => (i === LABEL_COL ? Math.min(LABEL_COLUMN.max, Math.max(LABEL_COLUMN.min, w)) : inputs));
}

export function renderPlan(template: Template, ctx: PlanContext): { spec: SheetSpec; layout: PlanLayout } {
  const lang = ctx.language;
  const sheet = ctx.sheet;
  const spec = emptySpec();
  const layout: PlanLayout = { sheet, fields: {}, tables: {}, account: ctx.account ? countedAs(ctx.account) : undefined };
  const rows: SpecValue[][] = [];
  const unlocked: Region[] = [];
  const style = (region: Region, s: Omit<Styling, 'sheet' | 'region'>) => spec.styles.push({ sheet, region, ...s });
  const line = (): SpecValue[] => new Array<SpecValue>(PLAN_WIDTH).fill(null);
  const money = ctx.moneyFormat ?? '#,##0';
  const format = (kind: InputKind | undefined) => numberFormat(kind, lang, money);

  // First pass: where every field and table lands, so formulas can refer to any of them.
  let r = 3;
  for (const row of template.rows) {
    if (row.kind === 'section') r += row.note ? 2 : 1;
    else if (row.kind === 'field') layout.fields[row.key] = { row: r++, col: INPUT_COL };
    else if (row.kind === 'whitespace') continue; // last, and drawn only when there are groups
    else {
      layout.tables[row.key] = { firstRow: r + 1, rows: row.rows, cols: Object.fromEntries(row.columns.map((c, i) => [c.key, i])) };
      r += row.rows + 2;
    }
  }
  const ref = (key: string) => {
    const f = layout.fields[key];
    if (!f) throw new Error(`template ${template.id}: no field ${key}`);
    return `$${columnLetter(f.col)}$${f.row + 1}`;
  };
  const expand = (formula: string, row: number, table?: Table, n = 0) =>
    formula
      .replace(/\{field:(\w+)\}/g, (_, key: string) => ref(key))
      .replace(/\{col:(\w+)\}/g, (_, key: string) => {
        const col = table?.columns.findIndex((c) => c.key === key) ?? -1;
        if (col < 0) throw new Error(`template ${template.id}: no column ${key}`);
        return `${columnLetter(col)}${row + 1}`;
      })
      .replace(/\{n\}/g, String(n));

  const input = (region: Region, kind: InputKind | undefined, choices?: Column['choices']) => {
    unlocked.push(region);
    style(region, { fill: INPUT_FILL, wrap: kind === 'longtext', gridLines: INPUT_LINES });
    const format = numberFormat(kind, lang, money);
    if (format) style(region, { numberFormat: format });
    if (choices) spec.validations.push({ sheet, region, list: choices.options.map((o) => o[lang]), message: word('choose', lang) });
    else if (kind === 'rating') spec.validations.push({ sheet, region, whole: { min: 1, max: 5 }, message: word('rating', lang) });
    else if (kind === 'percent') spec.validations.push({ sheet, region, decimal: { min: 0, max: 1 }, message: word('percent', lang) });
    else if (kind === 'date') spec.validations.push({ sheet, region, date: true, message: word('date', lang) });
    else if (kind === 'money') spec.validations.push({ sheet, region, decimal: { min: -1e12, max: 1e12 }, message: word('number', lang) });
  };

  const put = (row: number, col: number, value: SpecValue) => {
    while (rows.length <= row) rows.push(line());
    rows[row][col] = value;
  };

  const widths = planWidths(template, lang, money);
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  // The title, frozen with the subtitle that also tells the overview which template this is. It
  // holds the account's full name (a tab name may be cut), within what one cell can hold.
  put(0, 0, cutTo(`${template.name[lang]} – ${ctx.account}`, MAX_CELL_TEXT));
  put(1, 0, word('subtitle', lang).replace('{template}', template.name[lang]));
  put(2, 0, word('inputs', lang));
  style({ row: 0, col: 0, rows: 1, cols: PLAN_WIDTH }, { bold: true, fontSize: 14, wrap: true, verticalAlign: 'top' });
  spec.merges.push({ sheet, region: { row: 0, col: 0, rows: 1, cols: PLAN_WIDTH } });
  // 14-point bold runs about 1.4 times as wide and 1.3 times as tall as the default text.
  const titleLines = linesIn(String(rows[0][0]), totalWidth / 1.4, true);
  if (titleLines > 1) spec.rowHeights.push({ sheet, row: 0, rows: 1, height: Math.min(MAX_ROW_PX, Math.round(rowPx(titleLines) * 1.3)) });
  style({ row: 1, col: 0, rows: 2, cols: 1 }, { italic: true, fontColor: '#595959' });

  r = 3;
  for (const row of template.rows) {
    if (row.kind === 'section') {
      put(r, 0, row.title[lang]);
      style({ row: r, col: 0, rows: 1, cols: PLAN_WIDTH }, { bold: true, fill: SECTION_FILL, fontSize: 12 });
      r++;
      if (row.note) {
        put(r, 0, row.note[lang]);
        style({ row: r, col: 0, rows: 1, cols: 1 }, { italic: true, fontColor: '#595959' });
        r++;
      }
    } else if (row.kind === 'field') {
      renderField(row, r);
      r++;
    } else if (row.kind === 'whitespace') {
      r = renderWhitespace(row, r);
    } else {
      renderTable(row, r);
      r += row.rows + 2;
    }
  }

  /** The whitespace grid: a section, its note, and a row per product group (none without them). */
  function renderWhitespace(block: Whitespace, at: number): number {
    const products = ctx.products;
    if (!products?.groups.length || !ctx.source.accounts || !ctx.source.amounts) return at;
    put(at, 0, block.title[lang]);
    style({ row: at, col: 0, rows: 1, cols: PLAN_WIDTH }, { bold: true, fill: SECTION_FILL, fontSize: 12 });
    const shown = products.total > products.groups.length ? ` ${word('largest', lang).replace('{shown}', String(products.groups.length)).replace('{total}', String(products.total))}` : '';
    put(at + 1, 0, block.note[lang] + shown);
    const notePx = widths.reduce((a, b) => a + b, 0);
    spec.merges.push({ sheet, region: { row: at + 1, col: 0, rows: 1, cols: PLAN_WIDTH } });
    style({ row: at + 1, col: 0, rows: 1, cols: PLAN_WIDTH }, { italic: true, fontColor: '#595959', wrap: true, verticalAlign: 'top' });
    spec.rowHeights.push({ sheet, row: at + 1, rows: 1, height: rowPx(linesIn(block.note[lang] + shown, notePx)) });
    const table: Table = { kind: 'table', key: 'whitespace', rows: products.groups.length, columns: block.columns };
    layout.tables.whitespace = { firstRow: at + 3, rows: table.rows, cols: Object.fromEntries(block.columns.map((c, i) => [c.key, i])) };
    renderTable(table, at + 2, products.groups);
    // A group they do not buy that other planned accounts do: a cross-sell conversation.
    const first = at + 4;
    spec.conditionalFormulas.push({ sheet, region: { row: at + 3, col: 0, rows: table.rows, cols: 1 }, formula: `=AND(N($B${first})<=0,N($D${first})>0)`, fill: '#FCE4D6', fontColor: '#9C5700' });
    return at + 3 + table.rows;
  }

  function renderField(field: Field, row: number) {
    put(row, LABEL_COL, field.label[lang]);
    const cell: Region = { row, col: INPUT_COL, rows: 1, cols: field.input === 'longtext' ? PLAN_WIDTH - 1 : 1 };
    if (cell.cols > 1) {
      spec.merges.push({ sheet, region: cell });
      spec.rowHeights.push({ sheet, row, rows: 1, height: TALL_ROW });
      style(cell, { verticalAlign: 'top' });
      style({ row, col: LABEL_COL, rows: 1, cols: 1 }, { verticalAlign: 'top', wrap: true });
    }
    if (field.formula) {
      put(row, INPUT_COL, { formula: expand(field.formula, row) });
      const format = numberFormat(field.format, lang, money);
      if (format) style(cell, { numberFormat: format });
    } else if (field.computed) {
      const { value, input: isInput } = computedValue(field.computed, ctx, ref, () => '');
      put(row, INPUT_COL, value);
      const kind = field.computed === 'planStart' ? 'date' : field.format ?? field.input;
      if (isInput) input(cell, kind);
      else {
        if (format(kind)) style(cell, { numberFormat: format(kind)! });
      }
      if (field.computed === 'account') style(cell, { bold: true });
    } else input(cell, field.input, field.choices);
  }

  function renderTable(table: Table, headerRow: number, groups?: Group[]) {
    table.columns.forEach((c, i) => put(headerRow, i, c.label[lang]));
    // Headers wrap in a row as tall as the most-wrapped one; a row whose first column holds a
    // sentence is as tall as that sentence wraps; long-text inputs get two lines.
    // (One height for all of a table's rows: each run of rows of one height costs Sheets a call.)
    const headerLines = Math.max(...table.columns.map((c, i) => linesIn(c.label[lang], widths[i], true)));
    if (headerLines > 1) spec.rowHeights.push({ sheet, row: headerRow, rows: 1, height: rowPx(headerLines) });
    if (table.preset || table.columns.some((c) => c.input === 'longtext')) {
      const lines = table.preset ? Math.max(...table.preset.map((p) => linesIn(p[lang], widths[0]))) : 2;
      spec.rowHeights.push({ sheet, row: headerRow + 1, rows: table.rows, height: rowPx(Math.max(2, lines)) });
      style({ row: headerRow + 1, col: 0, rows: table.rows, cols: table.columns.length }, { verticalAlign: 'top' });
    }
    style({ row: headerRow, col: 0, rows: 1, cols: table.columns.length }, { bold: true, fill: '#F2F2F2', wrap: true, verticalAlign: 'top' });
    for (let k = 0; k < table.rows; k++) {
      const row = headerRow + 1 + k;
      table.columns.forEach((c, i) => {
        const cell: Region = { row, col: i, rows: 1, cols: 1 };
        if (i === 0 && groups) {
          put(row, i, typeof groups[k] === 'string' ? cutTo(groups[k] as string, MAX_CELL_TEXT) : groups[k]);
          style(cell, { wrap: true });
        } else if (i === 0 && table.preset) {
          put(row, i, table.preset[k]?.[lang] ?? null);
          style(cell, { wrap: true });
        } else if (c.formula) put(row, i, { formula: expand(c.formula, row, table, k + 1) });
        else if (c.computed) {
          const { value, input: isInput } = computedValue(c.computed, ctx, ref, (key) => expand(`{col:${key}}`, row, table), groups?.[k]);
          put(row, i, value);
          if (isInput) input(cell, c.format ?? c.input);
        }
      });
    }
    // Inputs and formats column by column: one style per column, not per cell.
    table.columns.forEach((c, i) => {
      const region: Region = { row: headerRow + 1, col: i, rows: table.rows, cols: 1 };
      if (c.input && !(i === 0 && table.preset)) input(region, c.input, c.choices);
      else {
        if (format(c.format)) style(region, { numberFormat: format(c.format)! });
      }
    });
  }

  spec.addSheets.push(sheet);
  spec.blocks.push({ sheet, row: 0, col: 0, values: rows });
  widths.forEach((width, col) => spec.columnWidths.push({ sheet, col, width }));
  spec.freezeRows.push({ sheet, rows: 2 });
  spec.protections.push({ sheet, unlocked });
  spec.fitToPageWidth.push(sheet);
  return { spec, layout };
}
