// Renders a plan template (data) into a SheetSpec for one account's plan tab, and says where the
// cells the overview reads ended up. Written once for every template and both languages.
import { Language } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, Styling, columnLetter, emptySpec } from '../sheet-spec';
import { Column, Computed, Field, InputKind, Localized, Table, Template } from '../templates/model';
import { SOURCE_NAMES } from './analysis';

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
  /** Which of the analysis' names exist in the workbook. */
  source: { accounts: boolean; amounts: boolean; dates: boolean; tiers: boolean; categories: boolean };
}

/** Where the overview finds a plan's cells (0-based, on the plan's sheet). */
export interface PlanLayout {
  sheet: string;
  fields: Record<string, { row: number; col: number }>;
  tables: Record<string, { firstRow: number; rows: number; cols: Record<string, number> }>;
}

const LABEL_COL = 0;
const INPUT_COL = 1;
export const PLAN_WIDTH = 7; // columns A–G: fits a portrait page when printed one page wide
const INPUT_FILL = '#FFF8E1';
const TWO_LINES = 34; // px
const TALL_ROW = 52; // px: three lines of long text
const SECTION_FILL = '#E8F1EC';

const WORDS: Record<string, Localized> = {
  subtitle: { en: '{template} · Account Planner · review every 30 days', nl: '{template} · Account Planner · elke 30 dagen evalueren' },
  inputs: { en: 'Fill in the shaded cells; the rest is protected (without a password).', nl: 'Vul de gekleurde cellen in; de rest is beveiligd (zonder wachtwoord).' },
  choose: { en: 'Choose one of the options in the list.', nl: 'Kies een van de opties in de lijst.' },
  rating: { en: 'A whole number from 1 to 5.', nl: 'Een geheel getal van 1 tot 5.' },
  percent: { en: 'A percentage from 0% to 100%.', nl: 'Een percentage van 0% tot 100%.' },
  date: { en: 'A date.', nl: 'Een datum.' },
  number: { en: 'A number.', nl: 'Een getal.' },
};

export const word = (key: keyof typeof WORDS, language: Language) => WORDS[key][language];

const dateFormat = (language: Language) => (language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd');

function numberFormat(kind: InputKind | undefined, language: Language): string | undefined {
  if (kind === 'money') return '#,##0';
  if (kind === 'percent') return '0%';
  if (kind === 'date') return dateFormat(language);
  return undefined;
}

/** Native formulas over the revenue table's names, so plan facts stay live. */
function sumifs(account: string, from?: string, to?: string): string {
  const base = `SUMIFS(${SOURCE_NAMES.amounts},${SOURCE_NAMES.accounts},${account}`;
  const dates = [from ? `,${SOURCE_NAMES.dates},">="&${from}` : '', to ? `,${SOURCE_NAMES.dates},"<="&${to}` : ''].join('');
  return `${base}${dates})`;
}

/** A computed value: a live formula when the workbook has the names for it, else a plain value or input. */
function computedValue(what: Computed, ctx: PlanContext, ref: (key: string) => string, sameRow: (key: string) => string): { value: SpecValue; input: boolean } {
  const s = ctx.source;
  const account = ref('account');
  const start = ref('plan_start');
  const revenue = s.accounts && s.amounts;
  // The account is written as text; a numeric code (1001) in the revenue table only matches its
  // number in Excel, so the lookup tries the text, then the number.
  const lookup = (name: string) => ({
    formula: `=IFERROR(INDEX(${name},MATCH(${account},${SOURCE_NAMES.accounts},0)),IFERROR(INDEX(${name},MATCH(VALUE(${account}),${SOURCE_NAMES.accounts},0)),""))`,
  });
  switch (what) {
    case 'account':
      return { value: ctx.account, input: false };
    case 'owner':
      return { value: ctx.owner || null, input: true };
    case 'planStart':
      return { value: ctx.planStart, input: true };
    case 'tier':
      return s.tiers && s.accounts ? { value: lookup(SOURCE_NAMES.tiers), input: false } : { value: ctx.tier ?? null, input: true };
    case 'category':
      return s.categories && s.accounts ? { value: lookup(SOURCE_NAMES.categories), input: false } : { value: ctx.category ?? null, input: true };
    case 'revenue12':
      if (!revenue) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, s.dates ? `(${start}-364)` : undefined, s.dates ? start : undefined)}` }, input: false };
    case 'revenuePrior12':
      if (!revenue || !s.dates) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, `(${start}-729)`, `(${start}-365)`)}` }, input: false };
    case 'actualYear':
      if (!revenue || !s.dates) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, `DATE(YEAR(${start}),1,1)`, `DATE(YEAR(${start}),12,31)`)}` }, input: false };
    case 'quarterActual':
      if (!revenue || !s.dates) return { value: null, input: true };
      return { value: { formula: `=${sumifs(account, sameRow('from'), sameRow('to'))}` }, input: false };
  }
}

export function renderPlan(template: Template, ctx: PlanContext): { spec: SheetSpec; layout: PlanLayout } {
  const lang = ctx.language;
  const sheet = ctx.sheet;
  const spec = emptySpec();
  const layout: PlanLayout = { sheet, fields: {}, tables: {} };
  const rows: SpecValue[][] = [];
  const unlocked: Region[] = [];
  const style = (region: Region, s: Omit<Styling, 'sheet' | 'region'>) => spec.styles.push({ sheet, region, ...s });
  const line = (): SpecValue[] => new Array<SpecValue>(PLAN_WIDTH).fill(null);

  // First pass: where every field and table lands, so formulas can refer to any of them.
  let r = 3;
  for (const row of template.rows) {
    if (row.kind === 'section') r += row.note ? 2 : 1;
    else if (row.kind === 'field') layout.fields[row.key] = { row: r++, col: INPUT_COL };
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
    style(region, { fill: INPUT_FILL, wrap: kind === 'longtext' });
    const format = numberFormat(kind, lang);
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

  // The title, frozen with the subtitle that also tells the overview which template this is.
  put(0, 0, `${template.name[lang]} – ${ctx.account}`);
  put(1, 0, word('subtitle', lang).replace('{template}', template.name[lang]));
  put(2, 0, word('inputs', lang));
  style({ row: 0, col: 0, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });
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
    } else {
      renderTable(row, r);
      r += row.rows + 2;
    }
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
      const format = numberFormat(field.format, lang);
      if (format) style(cell, { numberFormat: format });
    } else if (field.computed) {
      const { value, input: isInput } = computedValue(field.computed, ctx, ref, () => '');
      put(row, INPUT_COL, value);
      const kind = field.computed === 'planStart' ? 'date' : field.format ?? field.input;
      if (isInput) input(cell, kind);
      else {
        const format = numberFormat(kind, lang);
        if (format) style(cell, { numberFormat: format });
      }
      if (field.computed === 'account') style(cell, { bold: true });
    } else input(cell, field.input, field.choices);
  }

  function renderTable(table: Table, headerRow: number) {
    table.columns.forEach((c, i) => put(headerRow, i, c.label[lang]));
    // Rows whose first column holds a sentence, or whose input is long text, get room for two lines.
    if (table.preset || table.columns.some((c) => c.input === 'longtext')) {
      spec.rowHeights.push({ sheet, row: headerRow + 1, rows: table.rows, height: TWO_LINES });
      style({ row: headerRow + 1, col: 0, rows: table.rows, cols: table.columns.length }, { verticalAlign: 'top' });
    }
    style({ row: headerRow, col: 0, rows: 1, cols: table.columns.length }, { bold: true, fill: '#F2F2F2', wrap: true });
    for (let k = 0; k < table.rows; k++) {
      const row = headerRow + 1 + k;
      table.columns.forEach((c, i) => {
        const cell: Region = { row, col: i, rows: 1, cols: 1 };
        if (i === 0 && table.preset) {
          put(row, i, table.preset[k]?.[lang] ?? null);
          style(cell, { wrap: true });
        } else if (c.formula) put(row, i, { formula: expand(c.formula, row, table, k + 1) });
        else if (c.computed) {
          const { value, input: isInput } = computedValue(c.computed, ctx, ref, (key) => expand(`{col:${key}}`, row, table));
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
        const format = numberFormat(c.format, lang);
        if (format) style(region, { numberFormat: format });
      }
    });
  }

  spec.addSheets.push(sheet);
  spec.blocks.push({ sheet, row: 0, col: 0, values: rows });
  spec.columnWidths.push({ sheet, col: 0, width: 220 }, ...Array.from({ length: PLAN_WIDTH - 1 }, (_, i) => ({ sheet, col: i + 1, width: 110 })));
  spec.freezeRows.push({ sheet, rows: 2 });
  spec.protections.push({ sheet, unlocked });
  spec.fitToPageWidth.push(sheet);
  return { spec, layout };
}
