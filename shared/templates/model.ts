// What a plan template is made of: data, rendered once by shared/commands/plan-render.ts.
// A template is a column of rows: section headings, fields (a label and one input), and tables
// (a header and a few input rows). Formulas are native spreadsheet formulas with tokens:
//   {field:KEY}  the input cell of a field, absolute ($B$7)
//   {col:KEY}    the cell of column KEY on the same table row (relative, D12)
//   {n}          the table row's number (1, 2, 3, ...)
import { Language } from '../i18n/strings';

export type Localized = Record<Language, string>;

export type InputKind = 'text' | 'longtext' | 'money' | 'percent' | 'date' | 'rating' | 'choice';

/**
 * Values the generator fills in from what it knows about the account. With the revenue table's
 * names present they become live SUMIFS/INDEX formulas; without them, plain inputs.
 */
export type Computed =
  | 'account'
  | 'owner'
  | 'planStart'
  | 'asOf'
  | 'tier'
  | 'category'
  | 'revenue12'
  | 'revenuePrior12'
  | 'actualYear'
  | 'quarterActual'
  /** Per product group of the whitespace grid: this account's revenue, and the other planned accounts buying it. */
  | 'groupRevenue12'
  | 'groupRevenuePrior12'
  | 'groupOthers';

export interface Choices {
  id: string;
  options: Localized[];
}

export interface Section {
  kind: 'section';
  title: Localized;
  note?: Localized;
}

export interface Field {
  kind: 'field';
  key: string;
  label: Localized;
  input?: InputKind;
  choices?: Choices;
  /** Filled in by the generator (still editable unless it is a formula). */
  computed?: Computed;
  /** A native formula instead of an input. */
  formula?: string;
  /** Format of a formula's result. */
  format?: InputKind;
}

export interface Column {
  key: string;
  label: Localized;
  input?: InputKind;
  choices?: Choices;
  formula?: string;
  computed?: Computed;
  format?: InputKind;
}

export interface Table {
  kind: 'table';
  key: string;
  columns: Column[];
  rows: number;
  /** Text written into the first column, one per row (the seven conditions, the checklist). */
  preset?: Localized[];
}

/**
 * The whitespace grid: a row per product group of the revenue table (known only when the plan is
 * made), so it comes last, where its height moves nothing the overview reads.
 */
export interface Whitespace {
  kind: 'whitespace';
  title: Localized;
  note: Localized;
  columns: Column[];
}

export type TemplateRow = Section | Field | Table | Whitespace;

export interface Template {
  id: 'key' | 'quick';
  name: Localized;
  description: Localized;
  rows: TemplateRow[];
}

/** The cells the plans overview reads; every built-in template has them. */
export const OVERVIEW_FIELDS = ['account', 'owner', 'tier', 'stage', 'target', 'actual', 'plan_start', 'review_1', 'review_2', 'review_3'] as const;
export const OVERVIEW_TABLES = { actions: ['due', 'status'], reviewLog: ['date'] } as const;
