// An in-memory stand-in for SpreadsheetApp and the objects it hands out (Spreadsheet, Sheet,
// Range, NamedRange, chart and conditional-rule builders), for testing Apps Script code without
// Google. Every method call on any of them counts as one service call, as it would cost one
// round-trip to Google's servers; the test helpers below (cellsOf, formatAt, ...) do not count.
//
// What it imitates of Sheets:
// - rows and columns are 1-based in the API, as in Apps Script (the helpers here are 0-based);
// - getValues gives "" for blanks, Date objects for dates, error cells as their code ("#N/A");
// - setValues and setFormulas enter strings as if typed: "=..." is a formula, "'..." is text
//   without the apostrophe, "123"/"12%"/"TRUE"/"2026-03-31" become numbers, booleans, dates;
// - getDataRange is bounded by A1 and the last row and column with content;
// - dimension mismatches and empty ranges throw, as Apps Script does;
// - copyTo appends "Copy of <name>" as the last sheet; merge keeps only the top-left value and
//   throws on a partial overlap with an earlier merge (mergeAcross: the same, row by row);
//   protect() hands back the sheet's existing protection when it has one;
// - the batch methods: getRangeList(a1s) (one call) and its getRanges and setters (one call each
//   for every range in the list), and the 2-D format and validation methods (getFontWeights,
//   setBackgrounds, setDataValidations, ...: one call for the whole grid). In the 2-D setters that
//   Apps Script documents with "null resets" (backgrounds, font colours, weights, styles,
//   vertical alignments, validations) null puts the cell back to its default; the others
//   (setFontSizes, setNumberFormats, setWraps) take no null and throw on one here;
// - the getters give a default cell as Apps Script does: "#ffffff" background, "#000000" font,
//   "normal" weight and style, size 10, "bottom" alignment, number format "0.###############".
// Formulas are not evaluated: a formula cell reads as "" unless seeded with a value.
import { dateFromSerial, serialFromDate, zoneNamed } from '../../src/sheets/dates';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** A seeded formula cell: its formula and, optionally, the value it shows. */
export interface SeedFormula {
  formula: string;
  value?: unknown;
}

export interface StandInOptions {
  /** Rows of each sheet as getValues would give them from A1 ("" blank, Date, "#N/A", ...). */
  sheets: Record<string, unknown[][]>;
  timeZone?: string;
  locale?: string;
  /** The selection, 0-based; the first sheet's A1 by default. */
  active?: { sheet: string; row: number; col: number; rows?: number; cols?: number };
  /** The name Sheets gives an add-on's submenu under Extensions: the add-on's (or bound script project's) name. */
  projectName?: string;
}

/** A region of one sheet, 0-based. */
export interface Area {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface StoredCell {
  value: unknown;
  formula?: string;
}

export interface Formats {
  numberFormat?: string;
  fontWeight?: string;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  fontSize?: number;
  fontStyle?: string;
  verticalAlignment?: string;
  /** The colour of setBorder's lines around and between the cells. */
  border?: string;
}

export interface ValidationState {
  criteria?: { type: string; values: unknown[] };
  allowInvalid?: boolean;
  helpText?: string;
}

export interface ProtectionState {
  warningOnly: boolean;
  description?: string;
  unprotected: Area[];
}

export interface RuleState {
  condition?: { type: string; values: unknown[] };
  background?: string;
  fontColor?: string;
  bold?: boolean;
  ranges: Area[];
}

export interface ChartState {
  type?: string;
  ranges: Area[];
  options: Record<string, unknown>;
  numHeaders?: number;
  /** As given to setPosition: 1-based anchor row and column, offsets in pixels. */
  position?: { row: number; col: number; offsetX: number; offsetY: number };
}

export interface Calls {
  /** Every service call so far. */
  count: number;
  /** "Class.method" of every call, in order. */
  log: string[];
  /** How many calls of one "Class.method" (e.g. "Range.setValues"). */
  of(method: string): number;
  /** The arguments of every call of one "Class.method". */
  args(method: string): unknown[][];
  reset(): void;
}

/** A format setting: one value over an area (set), a reset (clear), or one value per cell (grid; null resets). */
interface FormatEntry {
  area: Omit<Area, 'sheet'>;
  set?: Formats;
  clear?: true;
  grid?: { key: keyof Formats; values: unknown[][] };
}

/** A validation setting: one rule over an area (null clears), or one rule per cell (grid). */
interface ValidationEntry {
  area: Omit<Area, 'sheet'>;
  rule?: ValidationState | null;
  grid?: (ValidationState | null)[][];
}

/** What a default cell reads as, per format. */
/** A new cell's formats (borders aside: a new cell has none). */
export const DEFAULT_FORMATS: Required<Omit<Formats, 'border'>> & Pick<Formats, 'border'> = {
  numberFormat: '0.###############',
  fontWeight: 'normal',
  background: '#ffffff',
  fontColor: '#000000',
  wrap: false,
  fontSize: 10,
  fontStyle: 'normal',
  verticalAlignment: 'bottom',
};

interface SheetModel {
  name: string;
  id: number;
  grid: (StoredCell | undefined)[][];
  formats: FormatEntry[];
  rules: RuleState[];
  charts: ChartState[];
  frozenRows: number;
  widths: Map<number, number>;
  heights: Map<number, number>;
  merges: Omit<Area, 'sheet'>[];
  /** setDataValidation(s) calls in order. */
  validations: ValidationEntry[];
  protection: ProtectionState | null;
}

interface RangeModel {
  sheet: SheetModel;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const A1 = (row: number, col: number) => `${letters(col)}${row + 1}`;
function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

export function standInSpreadsheet(options: StandInOptions) {
  const zone = zoneNamed(options.timeZone ?? 'Europe/Amsterdam');
  const log: string[] = [];
  const argLog: unknown[][] = [];
  const calls: Calls = {
    count: 0,
    log,
    of: (method) => log.filter((m) => m === method).length,
    args: (method) => argLog.filter((_, i) => log[i] === method),
    reset() {
      calls.count = 0;
      log.length = 0;
      argLog.length = 0;
    },
  };

  /** Wraps an API object so that every method call counts. */
  function counted<T extends object>(kind: string, target: T): T {
    return new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver);
        if (typeof v !== 'function' || typeof prop !== 'string') return v;
        return (...args: unknown[]) => {
          calls.count++;
          log.push(`${kind}.${prop}`);
          argLog.push(args);
          return (v as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  }

  // ----- the model -----
  const sheets: SheetModel[] = [];
  let nextId = 1;
  const named = new Map<string, RangeModel>();
  const rangeModels = new WeakMap<object, RangeModel>();
  const ruleModels = new WeakMap<object, RuleState>();
  const chartModels = new WeakMap<object, ChartState>();
  const validationModels = new WeakMap<object, ValidationState>();
  const sheetFacades = new Map<SheetModel, object>();
  const ui = { menus: [] as { title: string; items: [string, string][] }[], sidebars: [] as unknown[], alerts: [] as unknown[] };

  function addSheet(name: string, index = sheets.length): SheetModel {
    const model: SheetModel = { name, id: nextId++, grid: [], formats: [], rules: [], charts: [], frozenRows: 0, widths: new Map(), heights: new Map(), merges: [], validations: [], protection: null };
    sheets.splice(index, 0, model);
    return model;
  }

  function modelNamed(name: string): SheetModel {
    const model = sheets.find((s) => s.name === name);
    if (!model) throw new Error(`stand-in: no sheet ${name}`);
    return model;
  }

  const lastRow = (s: SheetModel) => {
    for (let r = s.grid.length - 1; r >= 0; r--) if (s.grid[r]?.some((c) => c !== undefined)) return r + 1;
    return 0;
  };
  const lastCol = (s: SheetModel) => {
    let last = 0;
    for (const row of s.grid) if (row) for (let c = row.length - 1; c >= last; c--) if (row[c] !== undefined) last = c + 1;
    return last;
  };
  const put = (s: SheetModel, r: number, c: number, cell: StoredCell | undefined) => {
    const row = (s.grid[r] ??= []);
    row[c] = cell;
  };

  /** A string entered as if typed into the cell. */
  function enter(text: string): StoredCell | undefined {
    if (text === '') return undefined;
    if (text.startsWith("'")) return { value: text.slice(1) };
    if (text.startsWith('=')) return { value: '', formula: text };
    const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?(%?)$/.exec(text);
    if (number) return { value: number[3] ? Number(text.slice(0, -1)) / 100 : Number(text) };
    if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true' };
    const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (date) return { value: dateFromSerial((Date.UTC(+date[1], +date[2] - 1, +date[3]) - Date.UTC(1899, 11, 30)) / 864e5, zone) };
    // A leading + or - that is not a number starts a formula, which fails to parse here.
    if (/^[+-]/.test(text)) return { value: '#ERROR!', formula: `=${text}` };
    return { value: text };
  }

  function fromValue(v: unknown): StoredCell | undefined {
    if (v === null || v === undefined || v === '') return undefined;
    if (typeof v === 'string') return enter(v);
    if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
    if (isDate(v)) return { value: new Date(v.getTime()) };
    return { value: String(v) };
  }

  const valueOut = (cell: StoredCell | undefined) => (cell === undefined ? '' : isDate(cell.value) ? new Date(cell.value.getTime()) : cell.value);

  function checkShape(data: unknown, m: RangeModel) {
    if (!Array.isArray(data) || data.length !== m.rows)
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(data) ? data.length : 0} but the range has ${m.rows}.`);
    for (const row of data)
      if (!Array.isArray(row) || row.length !== m.cols)
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${m.cols}.`);
  }

  const each = (m: RangeModel, f: (r: number, c: number, i: number, j: number) => void) => {
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) f(m.row + i, m.col + j, i, j);
  };
  const grid = <T>(m: RangeModel, f: (cell: StoredCell | undefined) => T): T[][] =>
    Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => f(m.sheet.grid[m.row + i]?.[m.col + j])));
  const areaOf = (m: RangeModel): Area => ({ sheet: m.sheet.name, row: m.row, col: m.col, rows: m.rows, cols: m.cols });
  const within = (a: Omit<Area, 'sheet'>, row: number, col: number) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols;
  const overlaps = (a: Omit<Area, 'sheet'>, b: Omit<Area, 'sheet'>) =>
    a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
  const contains = (outer: Omit<Area, 'sheet'>, inner: Omit<Area, 'sheet'>) =>
    inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols;
  const bounds = (m: RangeModel) => ({ row: m.row, col: m.col, rows: m.rows, cols: m.cols });

  /** The formats set on one cell (0-based): later settings win, clear() resets, a null in a grid resets one format. */
  function formatsAt(s: SheetModel, row: number, col: number): Formats {
    let formats: Formats = {};
    for (const f of s.formats) {
      if (!within(f.area, row, col)) continue;
      if (f.clear) formats = {};
      else if (f.set) formats = { ...formats, ...f.set };
      else if (f.grid) {
        const v = f.grid.values[row - f.area.row][col - f.area.col];
        formats = { ...formats };
        if (v === null) delete formats[f.grid.key];
        else (formats as Record<string, unknown>)[f.grid.key] = v;
      }
    }
    return formats;
  }

  /** The data validation in force at one cell (0-based), or null. */
  function validationIn(s: SheetModel, row: number, col: number): ValidationState | null {
    let rule: ValidationState | null = null;
    for (const v of s.validations) {
      if (!within(v.area, row, col)) continue;
      rule = v.grid ? v.grid[row - v.area.row][col - v.area.col] : (v.rule ?? null);
    }
    return rule;
  }

  /** A built DataValidation as the API hands it out, for a rule of the model. */
  function validationFacade(rule: ValidationState): GoogleAppsScript.Spreadsheet.DataValidation {
    const built = counted('DataValidation', { getHelpText: () => rule.helpText ?? '', getAllowInvalid: () => rule.allowInvalid ?? true });
    validationModels.set(built, rule);
    return built as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }

  /** Merges a range (merge) or each of its rows (mergeAcross). */
  function mergeArea(s: SheetModel, area: Omit<Area, 'sheet'>) {
    if (s.merges.some((x) => overlaps(x, area) && !contains(area, x))) throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    s.merges = s.merges.filter((x) => !contains(area, x));
    if (area.rows * area.cols > 1) s.merges.push(area);
    // Only the top-left value survives a merge.
    for (let i = 0; i < area.rows; i++) for (let j = 0; j < area.cols; j++) if (i || j) put(s, area.row + i, area.col + j, undefined);
  }

  // ----- the API facades -----
  /** A Range; `count` false gives its methods uncounted, for a RangeList's one call. */
  function rangeFacade(m: RangeModel, count = true): GoogleAppsScript.Spreadsheet.Range {
    if (!(m.rows >= 1)) throw new Error('The number of rows in the range must be at least 1.');
    if (!(m.cols >= 1)) throw new Error('The number of columns in the range must be at least 1.');
    if (m.row < 0 || m.col < 0) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    const format = (set: Formats) => {
      m.sheet.formats.push({ area: { row: m.row, col: m.col, rows: m.rows, cols: m.cols }, set });
      return facade;
    };
    /** A 2-D getter: one format of every cell, a default cell as Apps Script reads it. */
    const formats = (key: keyof Formats) => () =>
      Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => formatsAt(m.sheet, m.row + i, m.col + j)[key] ?? DEFAULT_FORMATS[key]));
    /** A 2-D setter: one value per cell; null resets the cell's format where Apps Script allows it. */
    const formatGrid = (key: keyof Formats, type: 'string' | 'number' | 'boolean', nullResets: boolean) => (values: unknown[][]) => {
      checkShape(values, m);
      for (const row of values)
        for (const v of row)
          if (v === null ? !nullResets : typeof v !== type) throw new Error(`stand-in: ${String(v)} is not a ${key} for this setter`);
      m.sheet.formats.push({ area: bounds(m), grid: { key, values: values.map((row) => [...row]) } });
      return facade;
    };
    const api = {
      getRow: () => m.row + 1,
      getColumn: () => m.col + 1,
      getNumRows: () => m.rows,
      getNumColumns: () => m.cols,
      getLastRow: () => m.row + m.rows,
      getLastColumn: () => m.col + m.cols,
      getA1Notation: () => (m.rows === 1 && m.cols === 1 ? A1(m.row, m.col) : `${A1(m.row, m.col)}:${A1(m.row + m.rows - 1, m.col + m.cols - 1)}`),
      getSheet: () => sheetFacade(m.sheet),
      getValues: () => grid(m, valueOut),
      getValue: () => valueOut(m.sheet.grid[m.row]?.[m.col]),
      getFormulas: () => grid(m, (cell) => cell?.formula ?? ''),
      getDisplayValues: () =>
        grid(m, (cell) => {
          const v = valueOut(cell);
          if (isDate(v)) {
            const s = serialFromDate(v, zone);
            return new Date(Date.UTC(1899, 11, 30) + Math.floor(s) * 864e5).toISOString().slice(0, 10);
          }
          return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
        }),
      setValues(values: unknown[][]) {
        checkShape(values, m);
        each(m, (r, c, i, j) => put(m.sheet, r, c, fromValue(values[i][j])));
        return facade;
      },
      setValue(value: unknown) {
        each(m, (r, c) => put(m.sheet, r, c, fromValue(value)));
        return facade;
      },
      setFormulas(formulas: string[][]) {
        checkShape(formulas, m);
        each(m, (_, __, i, j) => {
          if (typeof formulas[i][j] !== 'string') throw new Error(`Cannot convert ${String(formulas[i][j])} to a formula: setFormulas takes strings.`);
        });
        each(m, (r, c, i, j) => put(m.sheet, r, c, enter(formulas[i][j])));
        return facade;
      },
      setFormula(formula: string) {
        each(m, (r, c) => put(m.sheet, r, c, enter(formula)));
        return facade;
      },
      clear() {
        each(m, (r, c) => put(m.sheet, r, c, undefined));
        m.sheet.formats.push({ area: { row: m.row, col: m.col, rows: m.rows, cols: m.cols }, clear: true });
        return facade;
      },
      clearContent() {
        each(m, (r, c) => put(m.sheet, r, c, undefined));
        return facade;
      },
      setNumberFormat: (numberFormat: string) => format({ numberFormat }),
      setFontWeight: (fontWeight: string) => format({ fontWeight }),
      setBackground: (background: string) => format({ background }),
      setFontColor: (fontColor: string) => format({ fontColor }),
      setWrap: (wrap: boolean) => format({ wrap }),
      setFontSize: (fontSize: number) => format({ fontSize }),
      setFontStyle: (fontStyle: string) => format({ fontStyle }),
      setVerticalAlignment: (verticalAlignment: string) => format({ verticalAlignment }),
      setBorder: (...args: unknown[]) => format({ border: String(args[6] ?? '#000000') }),
      getNumberFormat: () => formatsAt(m.sheet, m.row, m.col).numberFormat ?? DEFAULT_FORMATS.numberFormat,
      getNumberFormats: formats('numberFormat'),
      getFontWeights: formats('fontWeight'),
      getBackgrounds: formats('background'),
      getFontColors: formats('fontColor'),
      getFontSizes: formats('fontSize'),
      getFontStyles: formats('fontStyle'),
      getVerticalAlignments: formats('verticalAlignment'),
      setNumberFormats: formatGrid('numberFormat', 'string', false),
      setFontWeights: formatGrid('fontWeight', 'string', true),
      setBackgrounds: formatGrid('background', 'string', true),
      setFontColors: formatGrid('fontColor', 'string', true),
      setWraps: formatGrid('wrap', 'boolean', false),
      setFontSizes: formatGrid('fontSize', 'number', false),
      setFontStyles: formatGrid('fontStyle', 'string', true),
      setVerticalAlignments: formatGrid('verticalAlignment', 'string', true),
      merge() {
        mergeArea(m.sheet, bounds(m));
        return facade;
      },
      mergeAcross() {
        for (let i = 0; i < m.rows; i++) mergeArea(m.sheet, { row: m.row + i, col: m.col, rows: 1, cols: m.cols });
        return facade;
      },
      isPartOfMerge: () => m.sheet.merges.some((x) => overlaps(x, bounds(m))),
      setDataValidation(rule: unknown) {
        const state = rule === null ? null : validationModels.get(rule as object);
        if (state === undefined) throw new Error('stand-in: not a DataValidation');
        m.sheet.validations.push({ area: bounds(m), rule: state });
        return facade;
      },
      getDataValidations: () =>
        Array.from({ length: m.rows }, (_, i) =>
          Array.from({ length: m.cols }, (_, j) => {
            const rule = validationIn(m.sheet, m.row + i, m.col + j);
            return rule ? validationFacade(rule) : null;
          }),
        ),
      setDataValidations(rules: unknown[][]) {
        checkShape(rules, m);
        const grid = rules.map((row) =>
          row.map((rule) => {
            const state = rule === null ? null : validationModels.get(rule as object);
            if (state === undefined) throw new Error('stand-in: not a DataValidation');
            return state;
          }),
        );
        m.sheet.validations.push({ area: bounds(m), grid });
        return facade;
      },
      activate: () => ((active = m), facade),
    };
    const facade = counted('Range', api) as unknown as GoogleAppsScript.Spreadsheet.Range;
    rangeModels.set(facade, m);
    return count ? facade : (api as unknown as GoogleAppsScript.Spreadsheet.Range);
  }

  function modelOfRange(range: unknown): RangeModel {
    const m = rangeModels.get(range as object);
    if (!m) throw new Error('stand-in: not a Range of this spreadsheet');
    return m;
  }

  function parseA1(s: SheetModel, a1: string): RangeModel {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a1);
    if (!m) throw new Error(`stand-in: cannot read the range ${a1}`);
    const col = (l: string) => [...l.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const [row0, col0] = [Number(m[2]) - 1, col(m[1])];
    const [row1, col1] = m[3] ? [Number(m[4]) - 1, col(m[3])] : [row0, col0];
    return { sheet: s, row: Math.min(row0, row1), col: Math.min(col0, col1), rows: Math.abs(row1 - row0) + 1, cols: Math.abs(col1 - col0) + 1 };
  }

  function ruleFacade(rule: RuleState): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    const facade = counted('ConditionalFormatRule', {
      getRanges: () => rule.ranges.map((a) => rangeFacade({ sheet: modelNamed(a.sheet), row: a.row, col: a.col, rows: a.rows, cols: a.cols })),
      copy: () => ruleBuilder({ ...rule, ranges: [...rule.ranges] }),
    }) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
    ruleModels.set(facade, rule);
    return facade;
  }

  function ruleBuilder(rule: RuleState = { ranges: [] }): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    const when = (type: string) => (...values: unknown[]) => ((rule.condition = { type, values }), builder);
    const builder = counted('ConditionalFormatRuleBuilder', {
      whenTextEqualTo: when('TEXT_EQUAL_TO'),
      whenTextContains: when('TEXT_CONTAINS'),
      whenNumberGreaterThan: when('NUMBER_GREATER_THAN'),
      whenNumberLessThan: when('NUMBER_LESS_THAN'),
      whenFormulaSatisfied: when('CUSTOM_FORMULA'),
      whenCellNotEmpty: when('CELL_NOT_EMPTY'),
      setBackground: (color: string) => ((rule.background = color), builder),
      setFontColor: (color: string) => ((rule.fontColor = color), builder),
      setBold: (bold: boolean) => ((rule.bold = bold), builder),
      setRanges: (ranges: unknown[]) => ((rule.ranges = ranges.map((r) => areaOf(modelOfRange(r)))), builder),
      build: () => ruleFacade({ ...rule, ranges: [...rule.ranges] }),
    }) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
    return builder;
  }

  function chartFacade(chart: ChartState): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    const facade = counted('EmbeddedChart', {
      getContainerInfo: () =>
        counted('ContainerInfo', {
          getAnchorRow: () => chart.position?.row ?? 1,
          getAnchorColumn: () => chart.position?.col ?? 1,
          getOffsetX: () => chart.position?.offsetX ?? 0,
          getOffsetY: () => chart.position?.offsetY ?? 0,
        }),
      getRanges: () => chart.ranges.map((a) => rangeFacade({ sheet: modelNamed(a.sheet), row: a.row, col: a.col, rows: a.rows, cols: a.cols })),
      getNumHeaders: () => chart.numHeaders ?? -1,
      getOptions: () => counted('ChartOptions', { get: (option: string) => chart.options[option] ?? null }),
    }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
    chartModels.set(facade, chart);
    return facade;
  }

  function chartBuilder(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const chart: ChartState = { ranges: [], options: {} };
    const as = (type: string) => () => ((chart.type = type), builder);
    const builder = counted('EmbeddedChartBuilder', {
      asComboChart: as('COMBO'),
      asColumnChart: as('COLUMN'),
      asLineChart: as('LINE'),
      asBarChart: as('BAR'),
      setChartType: (type: unknown) => ((chart.type = String(type)), builder),
      addRange: (range: unknown) => (chart.ranges.push(areaOf(modelOfRange(range))), builder),
      setOption: (option: string, value: unknown) => ((chart.options[option] = value), builder),
      setNumHeaders: (n: number) => ((chart.numHeaders = n), builder),
      setPosition: (row: number, col: number, offsetX: number, offsetY: number) => ((chart.position = { row, col, offsetX, offsetY }), builder),
      build: () => chartFacade({ ...chart, ranges: [...chart.ranges], options: { ...chart.options } }),
    }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
    return builder;
  }

  function validationBuilder(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    const rule: ValidationState = {};
    const require = (type: string) => (...values: unknown[]) => ((rule.criteria = { type, values }), builder);
    const builder = counted('DataValidationBuilder', {
      requireValueInList(values: unknown, showDropdown?: boolean) {
        if (!Array.isArray(values) || values.length === 0) throw new Error('stand-in: requireValueInList needs a list of values');
        rule.criteria = { type: 'VALUE_IN_LIST', values: [values.map(String), showDropdown ?? true] };
        return builder;
      },
      requireNumberBetween: require('NUMBER_BETWEEN'),
      requireNumberGreaterThan: require('NUMBER_GREATER_THAN'),
      requireDate: require('DATE_IS_VALID_DATE'),
      requireFormulaSatisfied: require('CUSTOM_FORMULA'),
      requireCheckbox: require('CHECKBOX'),
      setAllowInvalid: (allow: boolean) => ((rule.allowInvalid = allow), builder),
      setHelpText: (text: string) => ((rule.helpText = text), builder),
      build() {
        if (!rule.criteria) throw new Error('stand-in: a data validation needs a criterion');
        // A snapshot: changing the builder afterwards (to build the next rule) leaves this one as it is.
        return validationFacade({ ...rule });
      },
    }) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
    return builder;
  }

  /** A RangeList: each setter is one call, whatever the number of ranges. */
  function rangeListFacade(ranges: RangeModel[]): GoogleAppsScript.Spreadsheet.RangeList {
    // The ranges' own setters, uncounted: the list's call is the one round-trip.
    const all = (set: (range: GoogleAppsScript.Spreadsheet.Range) => void) => {
      for (const m of ranges) set(rangeFacade(m, false));
      return facade;
    };
    const facade = counted('RangeList', {
      getRanges: () => ranges.map((m) => rangeFacade(m)),
      setNumberFormat: (v: string) => all((r) => r.setNumberFormat(v)),
      setFontWeight: (v: GoogleAppsScript.Spreadsheet.FontWeight) => all((r) => r.setFontWeight(v)),
      setBackground: (v: string) => all((r) => r.setBackground(v)),
      setFontColor: (v: string) => all((r) => r.setFontColor(v)),
      setWrap: (v: boolean) => all((r) => r.setWrap(v)),
      setFontSize: (v: number) => all((r) => r.setFontSize(v)),
      setFontStyle: (v: GoogleAppsScript.Spreadsheet.FontStyle) => all((r) => r.setFontStyle(v)),
      setVerticalAlignment: (v: 'top' | 'middle' | 'bottom') => all((r) => r.setVerticalAlignment(v)),
      setBorder: (...args: unknown[]) => all((r) => (r.setBorder as (...a: unknown[]) => unknown)(...args)),
      clear: () => all((r) => r.clear()),
    }) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
    return facade;
  }

  function protectionFacade(s: SheetModel, p: ProtectionState): GoogleAppsScript.Spreadsheet.Protection {
    const facade = counted('Protection', {
      isWarningOnly: () => p.warningOnly,
      setWarningOnly: (warningOnly: boolean) => ((p.warningOnly = warningOnly), facade),
      getDescription: () => p.description ?? '',
      setDescription: (description: string) => ((p.description = description), facade),
      getUnprotectedRanges: () => p.unprotected.map((a) => rangeFacade({ sheet: modelNamed(a.sheet), row: a.row, col: a.col, rows: a.rows, cols: a.cols })),
      setUnprotectedRanges(ranges: unknown[]) {
        const models = ranges.map(modelOfRange);
        if (models.some((r) => r.sheet !== s)) throw new Error('The range must be on the protected sheet.');
        p.unprotected = models.map(areaOf);
        return facade;
      },
      remove: () => void (s.protection = null),
    }) as unknown as GoogleAppsScript.Spreadsheet.Protection;
    return facade;
  }

  /** Rule and chart ranges name their sheet: follow a rename. */
  function renamed(from: string, to: string) {
    for (const sh of sheets) {
      for (const area of [...sh.rules.flatMap((r) => r.ranges), ...sh.charts.flatMap((c) => c.ranges)]) if (area.sheet === from) area.sheet = to;
      if (sh.protection) for (const area of sh.protection.unprotected) if (area.sheet === from) area.sheet = to;
    }
  }

  function copyOf(s: SheetModel): SheetModel {
    let name = `Copy of ${s.name}`;
    for (let i = 2; sheets.some((x) => x.name === name); i++) name = `Copy of ${s.name} ${i}`;
    const copy = addSheet(name);
    const area = (a: Area): Area => ({ ...a, sheet: a.sheet === s.name ? name : a.sheet });
    copy.grid = s.grid.map((row) => row?.map((c) => (c === undefined ? undefined : { ...c, value: isDate(c.value) ? new Date(c.value.getTime()) : c.value })));
    copy.formats = s.formats.map((f) => ({ area: { ...f.area }, set: f.set && { ...f.set }, clear: f.clear, grid: f.grid && { key: f.grid.key, values: f.grid.values.map((row) => [...row]) } }));
    copy.rules = s.rules.map((r) => ({ ...r, ranges: r.ranges.map(area) }));
    copy.charts = s.charts.map((c) => ({ ...c, ranges: c.ranges.map(area), options: { ...c.options } }));
    copy.frozenRows = s.frozenRows;
    copy.widths = new Map(s.widths);
    copy.heights = new Map(s.heights);
    copy.merges = s.merges.map((x) => ({ ...x }));
    copy.validations = s.validations.map((v) => ({ area: { ...v.area }, rule: v.rule && { ...v.rule }, grid: v.grid?.map((row) => [...row]) }));
    return copy;
  }

  function sheetFacade(s: SheetModel): GoogleAppsScript.Spreadsheet.Sheet {
    const existing = sheetFacades.get(s);
    if (existing) return existing as GoogleAppsScript.Spreadsheet.Sheet;
    const api = {
      getName: () => s.name,
      setName(name: string) {
        if (sheets.some((x) => x !== s && x.name === name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
        const old = s.name;
        s.name = name;
        renamed(old, name);
        return facade;
      },
      copyTo(target: unknown) {
        if (target !== spreadsheet) throw new Error('stand-in: copyTo supports only this spreadsheet');
        return sheetFacade(copyOf(s));
      },
      protect: () => protectionFacade(s, (s.protection ??= { warningOnly: false, unprotected: [] })),
      getProtections: (type: unknown) => (String(type) === 'SHEET' && s.protection ? [protectionFacade(s, s.protection)] : []),
      getIndex: () => sheets.indexOf(s) + 1,
      getRange(a: number | string, col?: number, rows = 1, cols = 1) {
        if (typeof a === 'string') return rangeFacade(parseA1(s, a));
        return rangeFacade({ sheet: s, row: a - 1, col: (col ?? 1) - 1, rows, cols });
      },
      getRangeList(a1s: string[]) {
        if (!Array.isArray(a1s) || a1s.length === 0) throw new Error('stand-in: getRangeList needs at least one A1 notation');
        return rangeListFacade(a1s.map((a1) => parseA1(s, a1)));
      },
      getDataRange: () => rangeFacade({ sheet: s, row: 0, col: 0, rows: Math.max(1, lastRow(s)), cols: Math.max(1, lastCol(s)) }),
      getLastRow: () => lastRow(s),
      getLastColumn: () => lastCol(s),
      getFrozenRows: () => s.frozenRows,
      setFrozenRows: (rows: number) => void (s.frozenRows = rows),
      getColumnWidth: (col: number) => s.widths.get(col - 1) ?? 100,
      setColumnWidth: (col: number, width: number) => (s.widths.set(col - 1, width), facade),
      setRowHeights(start: number, count: number, height: number) {
        for (let r = start - 1; r < start - 1 + count; r++) s.heights.set(r, height);
        return facade;
      },
      setColumnWidths(start: number, count: number, width: number) {
        for (let c = start - 1; c < start - 1 + count; c++) s.widths.set(c, width);
        return facade;
      },
      getConditionalFormatRules: () => s.rules.map(ruleFacade),
      setConditionalFormatRules(rules: unknown[]) {
        s.rules = rules.map((r) => {
          const rule = ruleModels.get(r as object);
          if (!rule) throw new Error('stand-in: not a ConditionalFormatRule');
          return rule;
        });
      },
      newChart: () => chartBuilder(),
      insertChart: (chart: unknown) => void s.charts.push(chartModels.get(chart as object)!),
      getCharts: () => s.charts.map(chartFacade),
      removeChart(chart: unknown) {
        const model = chartModels.get(chart as object);
        s.charts = s.charts.filter((c) => c !== model);
      },
      activate: () => ((active = { sheet: s, row: 0, col: 0, rows: 1, cols: 1 }), facade),
    };
    const facade = counted('Sheet', api) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    sheetFacades.set(s, facade);
    return facade;
  }

  function namedRangeFacade(name: string): GoogleAppsScript.Spreadsheet.NamedRange {
    return counted('NamedRange', {
      getName: () => name,
      getRange: () => rangeFacade(named.get(name)!),
      setRange: (range: unknown) => (named.set(name, modelOfRange(range)), namedRangeFacade(name)),
      remove: () => void named.delete(name),
    }) as unknown as GoogleAppsScript.Spreadsheet.NamedRange;
  }

  // ----- the seed -----
  for (const [name, rows] of Object.entries(options.sheets)) {
    const s = addSheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && typeof v === 'object' && 'formula' in v) {
          const f = v as SeedFormula;
          put(s, r, c, { value: f.value ?? '', formula: f.formula });
        } else if (v !== '' && v !== null && v !== undefined) put(s, r, c, { value: isDate(v) ? new Date(v.getTime()) : v });
      }),
    );
  }
  let active: RangeModel | null = sheets.length
    ? options.active
      ? { sheet: modelNamed(options.active.sheet), row: options.active.row, col: options.active.col, rows: options.active.rows ?? 1, cols: options.active.cols ?? 1 }
      : { sheet: sheets[0], row: 0, col: 0, rows: 1, cols: 1 }
    : null;

  const spreadsheet = counted('Spreadsheet', {
    getId: () => 'stand-in',
    getName: () => 'Stand-in spreadsheet',
    getSpreadsheetTimeZone: () => options.timeZone ?? 'Europe/Amsterdam',
    getSpreadsheetLocale: () => options.locale ?? 'en_US',
    getSheets: () => sheets.map(sheetFacade),
    getNumSheets: () => sheets.length,
    getSheetByName: (name: string) => {
      const s = sheets.find((x) => x.name === name);
      return s ? sheetFacade(s) : null;
    },
    insertSheet(name: string, index?: number) {
      if (sheets.some((s) => s.name === name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
      const s = addSheet(name, index ?? (active ? sheets.indexOf(active.sheet) + 1 : sheets.length));
      active = { sheet: s, row: 0, col: 0, rows: 1, cols: 1 };
      return sheetFacade(s);
    },
    getActiveSheet: () => (active ? sheetFacade(active.sheet) : null),
    getActiveRange: () => (active ? rangeFacade(active) : null),
    getCurrentCell: () => (active ? rangeFacade({ ...active, rows: 1, cols: 1 }) : null),
    getNamedRanges: () => [...named.keys()].map(namedRangeFacade),
    getRangeByName: (name: string) => (named.has(name) ? rangeFacade(named.get(name)!) : null),
    setNamedRange: (name: string, range: unknown) => void named.set(name, modelOfRange(range)),
    // Apps Script throws for a name that does not exist.
    removeNamedRange: (name: string) => {
      if (!named.delete(name)) throw new Error(`Named range ${name} not found.`);
    },
  }) as unknown as Spreadsheet;

  function menuBuilder(title: string) {
    const menu = { title, items: [] as [string, string][] };
    const builder = counted('Menu', {
      addItem: (caption: string, fn: string) => (menu.items.push([caption, fn]), builder),
      addSeparator: () => builder,
      addToUi: () => void ui.menus.push(menu),
    });
    return builder;
  }

  const app = counted('SpreadsheetApp', {
    getActive: () => spreadsheet,
    getActiveSpreadsheet: () => spreadsheet,
    getActiveSheet: () => spreadsheet.getActiveSheet(),
    newConditionalFormatRule: () => ruleBuilder(),
    newDataValidation: () => validationBuilder(),
    flush: () => undefined,
    getUi: () =>
      counted('Ui', {
        createMenu: (title: string) => menuBuilder(title),
        // The submenu under Extensions, named by the host after the add-on or the script project.
        createAddonMenu: () => menuBuilder(options.projectName ?? 'Account Planner'),
        showSidebar: (html: unknown) => void ui.sidebars.push(html),
        alert: (...args: unknown[]) => (ui.alerts.push(args), 'OK'),
      }),
  }) as unknown as SpreadsheetApp;

  // ----- what tests look at (not counted) -----
  return {
    app,
    spreadsheet,
    calls,
    ui,
    sheetNames: () => sheets.map((s) => s.name),
    /** Every cell from A1 to the last row and column with content: formula text for formulas, null for blanks. */
    cellsOf(sheet: string): unknown[][] {
      const s = modelNamed(sheet);
      const cols = lastCol(s);
      return Array.from({ length: lastRow(s) }, (_, r) =>
        Array.from({ length: cols }, (_, c) => {
          const cell = s.grid[r]?.[c];
          return cell === undefined ? null : (cell.formula ?? cell.value);
        }),
      );
    },
    /** One cell as stored (0-based), or undefined when blank. */
    cell: (sheet: string, row: number, col: number): StoredCell | undefined => modelNamed(sheet).grid[row]?.[col],
    /** The formats in force at one cell (0-based): later settings win, clear() resets. */
    formatAt: (sheet: string, row: number, col: number): Formats => formatsAt(modelNamed(sheet), row, col),
    rulesOf: (sheet: string): RuleState[] => modelNamed(sheet).rules,
    chartsOf: (sheet: string): ChartState[] => modelNamed(sheet).charts,
    frozenRowsOf: (sheet: string) => modelNamed(sheet).frozenRows,
    widthsOf: (sheet: string): Map<number, number> => modelNamed(sheet).widths,
    /** Merged regions (0-based). */
    mergesOf: (sheet: string): Omit<Area, 'sheet'>[] => modelNamed(sheet).merges,
    /** The data validation in force at one cell (0-based), or null. */
    validationAt: (sheet: string, row: number, col: number): ValidationState | null => validationIn(modelNamed(sheet), row, col),
    /** Every setDataValidation (one rule over an area) and setDataValidations (a grid) a sheet got, in order. */
    validationsOf: (sheet: string): ValidationEntry[] => modelNamed(sheet).validations,
    protectionOf: (sheet: string): ProtectionState | null => modelNamed(sheet).protection,
    /** Named ranges and where they point (0-based). */
    namedRanges: (): Record<string, Area> => Object.fromEntries([...named].map(([name, m]) => [name, areaOf(m)])),
    /** The region of a Range this stand-in handed out (0-based). */
    areaOf: (range: unknown): Area => areaOf(modelOfRange(range)),
  };
}

export type StandIn = ReturnType<typeof standInSpreadsheet>;

// ---------------------------------------------------------------------------------------------
// HtmlService, as far as the sidebar needs it. What it imitates (docs/hosts.md, Google Sheets):
// <meta> tags written in the HTML file are ignored (HtmlOutput.addMetaTag reference: "meta tags
// included directly in an Apps Script HTML file are ignored"); only addMetaTag sets them, and only
// for the names Apps Script allows. `viewport` is the viewport the page gets.

const ALLOWED_META_TAGS = ['apple-mobile-web-app-capable', 'google-site-verification', 'mobile-web-app-capable', 'viewport'];

export interface StandInHtmlOutput {
  file: string;
  /** The HTML file's text, with whatever <meta> it holds (ignored). */
  content: string;
  title?: string;
  metaTags: { name: string; content: string }[];
  /** The viewport the sidebar gets: only from addMetaTag. */
  readonly viewport: string | null;
  setTitle(title: string): StandInHtmlOutput;
  addMetaTag(name: string, content: string): StandInHtmlOutput;
}

/** HtmlService over the project's HTML files (`read` gives a file's text by its name without .html). */
export function standInHtmlService(read: (file: string) => string = () => '') {
  const outputs: StandInHtmlOutput[] = [];
  const service = {
    createHtmlOutputFromFile(file: string): StandInHtmlOutput {
      const output: StandInHtmlOutput = {
        file,
        content: read(file),
        metaTags: [],
        get viewport() {
          return this.metaTags.filter((m) => m.name === 'viewport').at(-1)?.content ?? null;
        },
        setTitle(title) {
          output.title = title;
          return output;
        },
        addMetaTag(name, content) {
          if (!ALLOWED_META_TAGS.includes(name)) throw new Error(`Meta tag ${name} is not allowed.`);
          output.metaTags.push({ name, content });
          return output;
        },
      };
      outputs.push(output);
      return output;
    },
  };
  return { service, outputs };
}
