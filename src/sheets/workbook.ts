// The Workbook port on SpreadsheetApp. Everything in Apps Script is synchronous, so every method
// answers with a plain value. Every method call on a Spreadsheet, Sheet, Range or builder is a
// call to Google's servers, so each operation costs a constant number of them, never one per row
// or per cell:
//   info()       6 + one per sheet (getName) + 5 per named range
//   readSheet()  3 (getSheetByName, getDataRange, getValues), +1 for the time zone if a date is read
//   write()      per sheet written: 2 to fetch every range the write needs at once (getRangeList,
//                getRanges; one getRange instead when it needs one or two); then one call per
//                block (two with one rectangle of formulas), per clear, merge (a stack of one-row
//                merges of the same columns: one mergeAcross), chart, name, conditional rule,
//                sheet copy and column-width run; formats: per format used, one 2-D write over the
//                box of its regions (plus one read of the box on a sheet that existed), or per
//                value one setter (two with getRangeList when its cells are not one rectangle),
//                whichever is fewer and keeps the cells outside the regions (see FORMATS);
//                validations: one setDataValidations (plus one getDataValidations on a sheet that
//                existed), or one setDataValidation per region when there are only one or two,
//                and two or three calls per distinct rule, built once per SheetsWorkbook;
//                protection: 3 whatever the unlocked regions. Plus a few per conditional rule and
//                chart already on a sheet with a cleared region.
//                A key-account plan tab: 58 calls (it was 526), 29 for each further plan.
// Host globals used here: SpreadsheetApp (only when no spreadsheet/app is injected).
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix } from '../../shared/cells';
import { Block, Chart, LorenzChart, ParetoChart, Region, SheetSpec, SpecValue, Styling, Validation, a1, chartRegions, isFormula, sheetRef, subtract } from '../../shared/sheet-spec';
import { CellRef, SheetValues, Workbook, WorkbookInfo } from '../../shared/workbook';
import { Zone, serialFromDate, zoneNamed } from './dates';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
/** The SpreadsheetApp services the writes need besides the spreadsheet itself: the rule builders. */
export type RuleFactory = Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newConditionalFormatRule' | 'newDataValidation'>;

/** What `skipped` names when a spec asks to print sheets one page wide. */
export const FIT_TO_PAGE_WIDTH = 'fit to page width';

/**
 * What getValues() hands back for an error cell: its code as text. A text cell that holds exactly
 * one of these strings (a user typing "#N/A") cannot be told apart without a second read
 * (getFormulas or getDisplayValues), so it is read as that error too.
 */
const SHEETS_ERRORS: Record<string, ErrorCode> = {
  ...Object.fromEntries(ERROR_CODES.map((code) => [code, code])),
  // Sheets' own parse error has no counterpart in the core's codes; it is a bad value there too.
  '#ERROR!': '#VALUE!',
};

/**
 * Above this many separate formula rectangles in one block, the block is written with one
 * setValues carrying the formulas as "=..." text (which setValues enters as formulas) instead
 * of one setFormulas per rectangle, so a block never costs more than two calls.
 */
const MAX_FORMULA_RANGES = 1;

/** From this many ranges on one sheet, one getRangeList + getRanges fetches them all; fewer cost one getRange each. */
const PREFETCH_FROM = 3;

type FormatValue = string | number | boolean | null;

/** One format a Styling can set, and the Apps Script calls that write it. */
interface FormatProperty {
  name: string;
  /** The value Apps Script takes for a styling, or undefined when the styling leaves this format alone. */
  value(st: Styling): FormatValue | undefined;
  /** One value on one range: one call. */
  setOne(range: Range, value: FormatValue): void;
  /** The same value on every range of a list: one call. */
  setEach(list: RangeList, value: FormatValue): void;
  /** A value per cell of a range: one call. Absent when no 2-D write can keep the other cells as they are. */
  setGrid?(range: Range, values: FormatValue[][]): void;
  /**
   * The cells' current values, when writing them back changes nothing visible. Absent when it
   * would: getBackgrounds and getFontColors turn theme colours into fixed ones, getWraps cannot
   * tell clipped from overflowing text, getNumberFormats gives the automatic format as the fixed
   * "0.###############" (a date typed there later would show as a number).
   */
  read?(range: Range): FormatValue[][];
  /**
   * The value that leaves a cell of a sheet inserted by this write as it is (all its cells have
   * the defaults), so no read is needed there: null where the 2-D setter documents null as
   * "reset"; wrap false is overflow, a new cell's own strategy. Absent: the font size (the
   * default is not written down anywhere), read instead.
   */
  fresh?: FormatValue;
}

/**
 * The formats of a Styling. Each value of a format goes on the cells that keep it: with one
 * setter on their range when they form one rectangle, else with a RangeList (getRangeList + one
 * setter); only those cells change. When a format has several values, one 2-D write over the box
 * of its regions is often fewer calls; the box's other cells then get their own values back,
 * read first (one call) or, on a sheet this write inserted, the `fresh` default unread.
 */
const FORMATS: FormatProperty[] = [
  {
    name: 'numberFormat',
    // Excel's codes ("0.0%", "#,##0", "yyyy-mm-dd", "@") mean the same in Sheets.
    value: (st) => st.numberFormat,
    setOne: (range, v) => range.setNumberFormat(v as string),
    setEach: (list, v) => list.setNumberFormat(v as string),
  },
  {
    name: 'fontWeight',
    value: (st) => (st.bold === undefined ? undefined : st.bold ? 'bold' : 'normal'),
    setOne: (range, v) => range.setFontWeight(v as GoogleAppsScript.Spreadsheet.FontWeight),
    setEach: (list, v) => list.setFontWeight(v as GoogleAppsScript.Spreadsheet.FontWeight),
    setGrid: (range, vs) => range.setFontWeights(vs as GoogleAppsScript.Spreadsheet.FontWeight[][]),
    read: (range) => range.getFontWeights(),
    fresh: null,
  },
  {
    name: 'background',
    value: (st) => st.fill,
    setOne: (range, v) => range.setBackground(v as string),
    setEach: (list, v) => list.setBackground(v as string),
    setGrid: (range, vs) => range.setBackgrounds(vs as string[][]),
    fresh: null,
  },
  {
    name: 'fontColor',
    value: (st) => st.fontColor,
    setOne: (range, v) => range.setFontColor(v as string),
    setEach: (list, v) => list.setFontColor(v as string),
    setGrid: (range, vs) => range.setFontColors(vs),
    fresh: null,
  },
  {
    name: 'wrap',
    value: (st) => st.wrap,
    setOne: (range, v) => range.setWrap(v as boolean),
    setEach: (list, v) => list.setWrap(v as boolean),
    setGrid: (range, vs) => range.setWraps(vs as boolean[][]),
    fresh: false,
  },
  {
    name: 'fontSize',
    value: (st) => st.fontSize,
    setOne: (range, v) => range.setFontSize(v as number),
    setEach: (list, v) => list.setFontSize(v as number),
    setGrid: (range, vs) => range.setFontSizes(vs as number[][]),
    read: (range) => range.getFontSizes(),
  },
  {
    name: 'fontStyle',
    value: (st) => (st.italic === undefined ? undefined : st.italic ? 'italic' : 'normal'),
    setOne: (range, v) => range.setFontStyle(v as GoogleAppsScript.Spreadsheet.FontStyle),
    setEach: (list, v) => list.setFontStyle(v as GoogleAppsScript.Spreadsheet.FontStyle),
    setGrid: (range, vs) => range.setFontStyles(vs as GoogleAppsScript.Spreadsheet.FontStyle[][]),
    read: (range) => range.getFontStyles(),
    fresh: null,
  },
  {
    name: 'verticalAlignment',
    value: (st) => st.verticalAlign,
    setOne: (range, v) => range.setVerticalAlignment(v as 'top' | 'middle'),
    setEach: (list, v) => list.setVerticalAlignment(v as 'top' | 'middle'),
    setGrid: (range, vs) => range.setVerticalAlignments(vs as ('top' | 'middle' | 'bottom' | null)[][]),
    read: (range) => range.getVerticalAlignments() as FormatValue[][],
    fresh: null,
  },
  {
    name: 'gridLines',
    // top, left, bottom, right, vertical, horizontal: the outline and every line between cells;
    // a null style is the default thin solid line. No 2-D setter exists for borders.
    value: (st) => st.gridLines,
    setOne: (range, v) => range.setBorder(true, true, true, true, true, true, v as string, null),
    setEach: (list, v) => list.setBorder(true, true, true, true, true, true, v as string, null),
  },
];

/** How one format is written on one sheet. */
type FormatPlan =
  | { property: FormatProperty; kind: 'grid'; box: Region; read: boolean; layers: { region: Region; value: FormatValue }[] }
  | { property: FormatProperty; kind: 'each'; values: { value: FormatValue; regions: Region[] }[] };

/** Calls to write a format value by value: one setter on a range fetched with the others, or getRangeList + setter. */
const eachCalls = (values: { regions: Region[] }[]) => values.reduce((n, v) => n + (v.regions.length === 1 ? 1 : 2), 0);

/**
 * How the validations of one sheet are written: one 2-D setDataValidations over the box of their
 * regions (rules by key, later regions winning; the box's other cells keep theirs, read first on
 * a sheet that existed), or one setDataValidation per rectangle that ends up with a rule, when
 * that is no more calls (one region: one call, no read).
 */
type ValidationPlan =
  | { sheet: string; kind: 'grid'; box: Region; read: boolean; layers: { region: Region; key: string }[] }
  | { sheet: string; kind: 'each'; pieces: { region: Region; key: string }[] };

const isDate = (v: unknown): v is Date => v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';

export class SheetsWorkbook implements Workbook {
  /** Parts of a spec this host cannot render (Apps Script has no print setup). */
  readonly skipped: string[] = [];
  /** Data validation rules built so far, by ruleKey, and the one builder that builds them. */
  private readonly rules = new Map<string, DataValidation>();
  private builder?: DataValidationBuilder;
  private helpText?: string;

  constructor(
    private readonly spreadsheet: Spreadsheet = SpreadsheetApp.getActive(),
    private readonly app: RuleFactory = SpreadsheetApp,
  ) {}

  info(): WorkbookInfo {
    // No batch call returns the sheet names: one getName per sheet.
    const sheets = this.spreadsheet.getSheets().map((s) => s.getName());
    // Null when the script runs without a user selection (a trigger); the first sheet's A1 then.
    // getActiveRange is the active sheet's selection (the last block of a multiple selection).
    const range = this.spreadsheet.getActiveRange();
    const selection = range ? regionOf(range) : undefined;
    const active: CellRef = range && selection ? { sheet: range.getSheet().getName(), row: selection.row, col: selection.col } : { sheet: sheets[0], row: 0, col: 0 };
    const names: WorkbookInfo['names'] = {};
    for (const named of this.spreadsheet.getNamedRanges()) {
      const range = named.getRange();
      names[named.getName()] = { sheet: range.getSheet().getName(), region: regionOf(range) };
    }
    return selection ? { sheets, active, selection, names } : { sheets, active, names };
  }

  readSheet(name: string): SheetValues {
    const sheet = this.sheetNamed(name);
    // getDataRange() is bounded by A1 and the last row and column with content, whatever
    // the first used cell is: its origin is always A1, the leading blanks are trimmed below.
    const raw = sheet.getDataRange().getValues();
    let zone: Zone | undefined;
    const zoneOnce = () => (zone ??= zoneNamed(this.spreadsheet.getSpreadsheetTimeZone()));
    let top = -1;
    let left = Infinity;
    const values: Matrix = raw.map((row, r) =>
      row.map((v, c) => {
        const cell = fromSheets(v, zoneOnce, name, r, c);
        if (cell !== null) {
          if (top < 0) top = r;
          if (c < left) left = c;
        }
        return cell;
      }),
    );
    if (top < 0) return { sheet: name, origin: { row: 0, col: 0 }, values: [[null]] };
    const trimmed = values.slice(top);
    return { sheet: name, origin: { row: top, col: left }, values: left > 0 ? trimmed.map((row) => row.slice(left)) : trimmed };
  }

  write(spec: SheetSpec): void {
    // Collect: check the whole spec and find every sheet before the first change, so a spec
    // that cannot be written changes nothing.
    const blocks = spec.blocks.map(planBlock);
    for (const region of regionsOf(spec)) checkRegion(region);
    for (const v of spec.validations) checkValidation(v);
    const sheets = new Map<string, Sheet | null>();
    for (const name of sheetNamesOf(spec)) sheets.set(name, this.spreadsheet.getSheetByName(name));
    const toAdd = [...new Set(spec.addSheets)].filter((name) => !sheets.get(name));
    const copied = new Set<string>();
    for (const { from, to } of spec.copySheets) {
      if (sheets.get(to) || toAdd.includes(to) || copied.has(to)) throw new Error(`cannot copy ${from} to ${to}: there is already a sheet named ${to}`);
      if (!sheets.get(from) && !toAdd.includes(from) && !copied.has(from)) throw new Error(`cannot copy ${from}: no such sheet`);
      copied.add(to);
    }
    const missing = [...sheets.keys()].filter((name) => !sheets.get(name) && !toAdd.includes(name) && !copied.has(name));
    if (missing.length) throw new Error(`cannot write to ${missing.join(', ')}: no such sheet`);

    // Write.
    if (toAdd.length || copied.size) {
      // insertSheet activates the new sheet; the user's selection is put back afterwards, so the
      // next command still starts where the user is (as in Excel, where adding a sheet does not).
      const selection = this.spreadsheet.getActiveRange();
      if (toAdd.length) {
        let index = this.spreadsheet.getNumSheets();
        // insertSheet(name) would insert after the active sheet; an index puts it at the end.
        for (const name of toAdd) sheets.set(name, this.spreadsheet.insertSheet(name, index++));
      }
      // copyTo (formats, validations, rules and formulas kept) names the copy "Copy of <name>"
      // and appends it as the last sheet; setName gives it its name.
      for (const { from, to } of spec.copySheets) sheets.set(to, sheets.get(from)!.copyTo(this.spreadsheet).setName(to));
      selection?.activate();
    }
    const sheet = (name: string) => sheets.get(name)!;
    // A sheet inserted now has every cell at its defaults: nothing there to read and keep.
    const fresh = new Set(toAdd);

    // Plan the formats, validations and merges, so every range the write needs is known before
    // the first is asked for: one getRangeList per sheet then hands them all out.
    const formats = [...groupBy(spec.styles, (st) => st.sheet)].map(([name, styles]) => ({ name, plans: planFormats(styles, fresh.has(name)) }));
    const validations = [...groupBy(spec.validations, (v) => v.sheet)].map(([name, vs]) => planValidations(name, vs, fresh.has(name)));
    const merges = planMerges(spec.merges);
    const wanted: { sheet: string; region: Region }[] = [
      ...spec.clear,
      ...blocks.flatMap((plan) => (plan ? blockRegions(plan).map((region) => ({ sheet: plan.block.sheet, region })) : [])),
      ...formats.flatMap(({ name, plans }) =>
        plans.flatMap((p) => (p.kind === 'grid' ? [p.box] : p.values.flatMap((v) => (v.regions.length === 1 ? v.regions : [])))).map((region) => ({ sheet: name, region })),
      ),
      ...validations.flatMap((v) => (v.kind === 'grid' ? [v.box] : v.pieces.map((p) => p.region)).map((region) => ({ sheet: v.sheet, region }))),
      ...merges,
      ...spec.conditionalColours,
      ...spec.conditionalFormulas,
      ...spec.charts.flatMap((c) => chartRegions(c).map((region) => ({ sheet: c.sheet, region }))),
      ...spec.names,
      ...spec.protections.flatMap((p) => p.unlocked.map((region) => ({ sheet: p.sheet, region }))),
    ];
    const ranges = new Map<string, Range>();
    const keyOf = (name: string, r: Region) => `${name}\u0000${a1(r)}`;
    for (const [name, want] of groupBy(wanted, (w) => w.sheet)) {
      const a1s = [...new Set(want.map((w) => a1(w.region)))];
      if (a1s.length < PREFETCH_FROM) continue;
      // getRanges hands the ranges back in the order of the list.
      sheet(name)
        .getRangeList(a1s)
        .getRanges()
        .forEach((range, i) => ranges.set(`${name}\u0000${a1s[i]}`, range));
    }
    const rangeOf = (name: string, r: Region) => {
      const key = keyOf(name, r);
      let range = ranges.get(key);
      if (!range) ranges.set(key, (range = sheet(name).getRange(r.row + 1, r.col + 1, r.rows, r.cols)));
      return range;
    };

    // clear() empties values and formats, but not the sheet's conditional rules (handled below)
    // nor its charts, which float over the cells.
    for (const { sheet: name, region } of spec.clear) rangeOf(name, region).clear();
    const cleared = new Map([...groupBy(spec.clear, (c) => c.sheet)].map(([name, cs]) => [name, cs.map((c) => c.region)]));
    for (const name of cleared.keys()) removeChartsOf(sheet(name), cleared);

    for (const plan of blocks) {
      if (!plan) continue;
      const { block } = plan;
      const range = rangeOf(block.sheet, { row: block.row, col: block.col, rows: plan.rows, cols: plan.cols });
      if (plan.values) range.setValues(plan.values);
      for (const f of plan.formulas) {
        // setFormulas writes "" as an empty cell, so it only ever gets rectangles of formulas.
        const whole = f.region.rows === plan.rows && f.region.cols === plan.cols;
        const target = whole ? range : rangeOf(block.sheet, { ...f.region, row: block.row + f.region.row, col: block.col + f.region.col });
        target.setFormulas(f.formulas);
      }
    }

    for (const { name, plans } of formats) {
      for (const p of plans) {
        if (p.kind === 'each') {
          for (const { value, regions } of p.values) {
            if (regions.length === 1) p.property.setOne(rangeOf(name, regions[0]), value);
            else p.property.setEach(sheet(name).getRangeList(regions.map(a1)), value);
          }
          continue;
        }
        const range = rangeOf(name, p.box);
        const values = p.read ? p.property.read!(range) : grid(p.box, p.property.fresh ?? null);
        for (const { region, value } of p.layers) paint(values, p.box, region, value);
        p.property.setGrid!(range, values);
      }
    }

    // merge() keeps only the top-left value, and throws if the region cuts through an earlier merge;
    // mergeAcross() does the same for each row of its range.
    for (const m of merges) {
      const range = rangeOf(m.sheet, m.region);
      if (m.across) range.mergeAcross();
      else range.merge();
    }

    this.writeConditionalRules(spec, cleared, sheet, rangeOf);

    if (validations.length) {
      const rules = this.rulesFor(spec.validations);
      for (const v of validations) {
        if (v.kind === 'each') {
          for (const { region, key } of v.pieces) rangeOf(v.sheet, region).setDataValidation(rules.get(key)!);
          continue;
        }
        const range = rangeOf(v.sheet, v.box);
        // Null where a cell has no rule: on a sheet that existed, the rules read keep the user's.
        const values: (DataValidation | null)[][] = v.read ? range.getDataValidations() : grid(v.box, null);
        for (const { region, key } of v.layers) paint(values, v.box, region, rules.get(key)!);
        range.setDataValidations(values);
      }
    }

    for (const chart of spec.charts) sheet(chart.sheet).insertChart(chartOf(chart, sheet(chart.sheet), rangeOf));

    // setNamedRange on a name that exists moves that name to the new range.
    for (const n of spec.names) this.spreadsheet.setNamedRange(n.name, rangeOf(n.sheet, n.region));
    for (const name of spec.removeNames) this.spreadsheet.removeNamedRange(name);

    for (const [name, widths] of groupBy(spec.columnWidths, (w) => w.sheet)) {
      const byCol = new Map(widths.map((w) => [w.col, w.width]));
      const cols = [...byCol.keys()].sort((a, b) => a - b);
      for (let i = 0; i < cols.length; ) {
        let j = i + 1;
        while (j < cols.length && cols[j] === cols[j - 1] + 1 && byCol.get(cols[j]) === byCol.get(cols[i])) j++;
        // One call for a run of neighbouring columns of the same width.
        if (j - i === 1) sheet(name).setColumnWidth(cols[i] + 1, byCol.get(cols[i])!);
        else sheet(name).setColumnWidths(cols[i] + 1, j - i, byCol.get(cols[i])!);
        i = j;
      }
    }

    // One call per run of neighbouring rows of one height (setRowHeights: start, count, height).
    for (const [name, heights] of groupBy(spec.rowHeights, (h) => h.sheet)) {
      const runs = [...heights].sort((a, b) => a.row - b.row).reduce<{ row: number; rows: number; height: number }[]>((acc, h) => {
        const last = acc[acc.length - 1];
        if (last && last.height === h.height && last.row + last.rows === h.row) last.rows += h.rows;
        else acc.push({ row: h.row, rows: h.rows, height: h.height });
        return acc;
      }, []);
      for (const run of runs) sheet(name).setRowHeights(run.row + 1, run.rows, run.height);
    }
    for (const f of spec.freezeRows) sheet(f.sheet).setFrozenRows(f.rows);

    // Sheets has no password protection, and protect() alone keeps the spreadsheet's editors (so
    // it guards nothing); warning-only asks anyone editing outside the unlocked ranges to confirm,
    // which guards against accidents and locks nobody out. protect() hands back the sheet's
    // existing protection, so a re-run does not stack them; setUnprotectedRanges replaces the list.
    for (const p of spec.protections) {
      sheet(p.sheet)
        .protect()
        .setUnprotectedRanges(p.unlocked.map((r) => rangeOf(p.sheet, r)))
        .setWarningOnly(true);
    }

    // Apps Script has no print setup API: one page wide and landscape are the user's choice in File › Print.
    if ((spec.fitToPageWidth.length || spec.landscape.length) && !this.skipped.includes(FIT_TO_PAGE_WIDTH)) this.skipped.push(FIT_TO_PAGE_WIDTH);
  }

  /**
   * One DataValidation per distinct rule (criterion and message), by key. A built rule is a value,
   * not tied to a range, so each is built once per SheetsWorkbook and reused by every later write
   * (the next plan tab): one builder, told once to reject invalid input, then per rule its
   * criterion and build, and the help text only when it changes (rules are built in the order of
   * their messages).
   */
  private rulesFor(validations: Validation[]): Map<string, DataValidation> {
    const todo = new Map<string, Validation>();
    for (const v of validations) {
      const key = ruleKey(v);
      if (!this.rules.has(key) && !todo.has(key)) todo.set(key, v);
    }
    const byMessage = groupBy([...todo], ([, v]) => v.message);
    // The builder's current help text first: its rules need no setHelpText.
    const messages = [...byMessage.keys()].sort((a, b) => Number(b === this.helpText) - Number(a === this.helpText));
    for (const [key, v] of messages.flatMap((m) => byMessage.get(m)!)) {
      // setAllowInvalid(false) rejects other input and shows the help text.
      const builder = (this.builder ??= this.app.newDataValidation().setAllowInvalid(false));
      if (this.helpText !== v.message) builder.setHelpText((this.helpText = v.message));
      this.rules.set(key, criterionOf(v, builder).build());
    }
    return this.rules;
  }

  /**
   * Conditional rules live on the sheet, not on the cells: getConditionalFormatRules and
   * setConditionalFormatRules replace the whole list, so the user's rules are read and written
   * back. Rules whose every range lies inside a region cleared now are the add-in's own earlier
   * output and are dropped; the new rules go after the user's, which therefore still win
   * (the first matching rule applies).
   */
  private writeConditionalRules(
    spec: SheetSpec,
    cleared: Map<string, Region[]>,
    sheet: (name: string) => Sheet,
    rangeOf: (name: string, r: Region) => Range,
  ): void {
    const colours = groupBy(spec.conditionalColours, (c) => c.sheet);
    const formulas = groupBy(spec.conditionalFormulas, (c) => c.sheet);
    for (const name of new Set([...cleared.keys(), ...colours.keys(), ...formulas.keys()])) {
      const existing = sheet(name).getConditionalFormatRules();
      const regions = cleared.get(name) ?? [];
      const earlier = (rule: ConditionalFormatRule) => {
        const ranges = rule.getRanges();
        return ranges.length > 0 && ranges.map(regionOf).every((r) => regions.some((region) => inside(r, region)));
      };
      const kept = regions.length ? existing.filter((rule) => !earlier(rule)) : existing;
      const added: ConditionalFormatRule[] = [];
      for (const cc of colours.get(name) ?? []) {
        const range = rangeOf(name, cc.region);
        for (const r of cc.rules) {
          added.push(
            this.app
              .newConditionalFormatRule()
              .whenTextEqualTo(r.equals)
              .setBackground(r.fill)
              .setFontColor(r.fontColor)
              .setRanges([range])
              .build(),
          );
        }
      }
      for (const cf of formulas.get(name) ?? []) {
        added.push(
          this.app
            .newConditionalFormatRule()
            // Relative references are read from the region's top-left cell and move with each cell.
            .whenFormulaSatisfied(formulaText(cf))
            .setBackground(cf.fill)
            .setFontColor(cf.fontColor)
            .setRanges([rangeOf(name, cf.region)])
            .build(),
        );
      }
      if (added.length || kept.length !== existing.length) sheet(name).setConditionalFormatRules([...kept, ...added]);
    }
  }

  numberFormat(sheet: string, row: number, col: number): string {
    return this.sheetNamed(sheet).getRange(row + 1, col + 1).getNumberFormat();
  }

  private sheetNamed(name: string): Sheet {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`there is no sheet named ${name}`);
    return sheet;
  }
}

type RangeOf = (name: string, r: Region) => Range;

/** The add-in's chart of either kind, built and ready to insert. */
function chartOf(chart: Chart, sheet: Sheet, rangeOf: RangeOf): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  return chart.kind === 'lorenz' ? lorenzChart(chart, sheet, rangeOf) : paretoChart(chart, sheet, rangeOf);
}

/** A chart builder with what both kinds share: the ranges (no header row), place, size, title, legend. */
function builderOf(chart: Chart, builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, rangeOf: RangeOf): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  for (const region of chartRegions(chart)) builder.addRange(rangeOf(chart.sheet, region));
  return (
    builder
      // The regions hold no header row; without this Sheets guesses one from a text column.
      .setNumHeaders(0)
      .setPosition(chart.anchor.row + 1, chart.anchor.col + 1, 0, 0)
      .setOption('title', chart.title)
      .setOption('width', chart.width)
      .setOption('height', chart.height)
      .setOption('legend', { position: 'bottom' })
  );
}

/** A Pareto chart: a combo chart, accounts as columns, the cumulative share as a line on a 0–100% right axis. */
function paretoChart(chart: ParetoChart, sheet: Sheet, rangeOf: RangeOf): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  return builderOf(chart, sheet.newChart().asComboChart(), rangeOf)
    .setOption('seriesType', 'bars')
    // Series are counted after the first (domain) range: 0 the columns, 1 the line.
    .setOption('series', {
      0: { type: 'bars', targetAxisIndex: 0, labelInLegend: chart.columnsLabel },
      1: { type: 'line', targetAxisIndex: 1, labelInLegend: chart.lineLabel },
    })
    .setOption('vAxes', {
      0: { title: chart.columnsLabel },
      1: { title: chart.lineLabel, format: 'percent', minValue: 0, maxValue: 1, viewWindow: { min: 0, max: 1 } },
    })
    .build();
}

/**
 * A Lorenz curve: a line chart over the share of accounts (numbers, so Sheets spaces them as
 * numbers), the curve and the dashed line of equality, both axes 0–100%.
 */
function lorenzChart(chart: LorenzChart, sheet: Sheet, rangeOf: RangeOf): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const axis = (title: string) => ({ title, format: 'percent', minValue: 0, maxValue: 1, viewWindow: { min: 0, max: 1 } });
  return builderOf(chart, sheet.newChart().asLineChart(), rangeOf)
    .setOption('series', {
      0: { labelInLegend: chart.curveLabel, lineWidth: 2 },
      1: { labelInLegend: chart.equalityLabel, color: '#7F7F7F', lineWidth: 1, lineDashStyle: [4, 4] },
    })
    .setOption('hAxis', axis(chart.accountsTitle))
    .setOption('vAxis', axis(chart.revenueTitle))
    .build();
}

/**
 * A chart drawn only from regions cleared now is the add-in's earlier chart (its data is the
 * add-in's own output): it goes with its data. Charts with any range elsewhere (on this sheet
 * or another) are the user's and stay.
 */
function removeChartsOf(sheet: Sheet, cleared: Map<string, Region[]>): void {
  for (const chart of sheet.getCharts()) {
    const ranges = chart.getRanges();
    const within = (range: Range) => {
      const regions = cleared.get(range.getSheet().getName());
      if (!regions) return false;
      const r = regionOf(range);
      return regions.some((region) => inside(r, region));
    };
    if (ranges.length && ranges.every(within)) sheet.removeChart(chart);
  }
}

/** One cell as getValues() gives it, in the core's terms. r and c are 0-based from A1. */
function fromSheets(v: unknown, zone: () => Zone, sheet: string, r: number, c: number): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const code = SHEETS_ERRORS[v];
    return code ? new FormulaError(code, `${sheetRef(sheet, { row: r, col: c, rows: 1, cols: 1 })} is ${v}`) : v;
  }
  // Date and time cells arrive as Date objects; their wall clock is in the spreadsheet's zone.
  if (isDate(v)) return serialFromDate(v, zone());
  return String(v);
}

interface BlockPlan {
  block: Block;
  rows: number;
  cols: number;
  /** What one setValues writes, or null when the block is all formulas. */
  values: unknown[][] | null;
  /** Rectangles of formulas, relative to the block, each for one setFormulas. */
  formulas: { region: Region; formulas: string[][] }[];
}

/** Checks a block and turns it into at most a few calls' worth of arrays. Null for an empty block. */
function planBlock(block: Block): BlockPlan | null {
  const rows = block.values.length;
  if (rows === 0) return null;
  const cols = block.values[0].length;
  const where = `block at ${sheetRef(block.sheet, { row: block.row, col: block.col, rows: 1, cols: 1 })}`;
  if (cols === 0 || block.values.some((row) => row.length !== cols)) throw new Error(`${where} is not a rectangle of cells`);
  if (block.row < 0 || block.col < 0) throw new Error(`${where} starts outside the sheet`);
  const regions = formulaRegions(block.values, rows, cols);
  const formulasOf = (r: Region) =>
    block.values.slice(r.row, r.row + r.rows).map((row) => row.slice(r.col, r.col + r.cols).map((v) => formulaText(v as { formula: string })));
  if (regions.length === 1 && regions[0].rows === rows && regions[0].cols === cols) {
    return { block, rows, cols, values: null, formulas: [{ region: regions[0], formulas: formulasOf(regions[0]) }] };
  }
  const inline = regions.length > MAX_FORMULA_RANGES;
  const values = block.values.map((row) =>
    row.map((v) => {
      if (isFormula(v)) return inline ? formulaText(v) : ''; // setValues enters "=..." as a formula
      return toSheets(v, where);
    }),
  );
  return { block, rows, cols, values, formulas: inline ? [] : regions.map((region) => ({ region, formulas: formulasOf(region) })) };
}

/**
 * A value as setValues must get it. setValues enters a string as if the user typed it: "=x"
 * becomes a formula, "00123" the number 123, "1/2" a date, "TRUE" a boolean, and a leading
 * apostrophe is swallowed. An apostrophe in front keeps any text exactly as it is (the
 * apostrophe is not part of the value), so every text gets one, not only those literalText
 * would prefix.
 */
function toSheets(v: SpecValue, where: string): unknown {
  if (v === null || v === '') return '';
  if (typeof v === 'string') return `'${v}`;
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${where} holds ${v}, which a sheet cannot store`);
  return v;
}

/** The ranges a planned block writes to: the whole block, and each rectangle of formulas set apart. */
function blockRegions(plan: BlockPlan): Region[] {
  const { block } = plan;
  const whole = { row: block.row, col: block.col, rows: plan.rows, cols: plan.cols };
  const apart = plan.formulas.filter((f) => f.region.rows !== plan.rows || f.region.cols !== plan.cols);
  return [...(plan.values ? [whole] : []), ...apart.map((f) => ({ ...f.region, row: block.row + f.region.row, col: block.col + f.region.col }))];
}

/**
 * How each format of one sheet's stylings is written: one 2-D write over the box of its regions
 * when that is fewer calls than a RangeList per value and can keep the box's other cells (see
 * FORMATS), else a RangeList per value over the cells that end up with it (a later styling wins
 * where regions overlap, as when each region was set in turn).
 */
function planFormats(styles: Styling[], fresh: boolean): FormatPlan[] {
  const plans: FormatPlan[] = [];
  for (const property of FORMATS) {
    const layers = styles.flatMap((st) => {
      const value = property.value(st);
      return value === undefined ? [] : [{ region: st.region, value }];
    });
    if (!layers.length) continue;
    const values = finalRegions(layers);
    const unread = fresh && property.fresh !== undefined;
    const gridCalls = unread ? 1 : property.read ? 2 : Infinity;
    if (property.setGrid && gridCalls < eachCalls(values)) plans.push({ property, kind: 'grid', box: boxOf(layers.map((l) => l.region)), read: !unread, layers });
    else plans.push({ property, kind: 'each', values });
  }
  return plans;
}

/** The validations of one sheet, as a 2-D write or region by region, whichever is fewer calls (see ValidationPlan). */
function planValidations(sheet: string, validations: Validation[], fresh: boolean): ValidationPlan {
  const layers = validations.map((v) => ({ region: v.region, value: ruleKey(v) }));
  const pieces = finalRegions(layers).flatMap(({ value, regions }) => regions.map((region) => ({ region, key: value })));
  if (pieces.length <= (fresh ? 1 : 2)) return { sheet, kind: 'each', pieces };
  return { sheet, kind: 'grid', box: boxOf(validations.map((v) => v.region)), read: !fresh, layers: layers.map((l) => ({ region: l.region, key: l.value })) };
}

/** What tells two validations' rules apart: criterion and message. */
const ruleKey = (v: Validation) => JSON.stringify([v.list ?? null, v.whole ?? null, v.decimal ?? null, v.date ?? null, v.message]);

/**
 * The merges, with a stack of one-row merges over the same columns in neighbouring rows (one
 * long-text input under another) as one mergeAcross, which merges each row of its range.
 */
function planMerges(merges: SheetSpec['merges']): { sheet: string; region: Region; across: boolean }[] {
  const planned: { sheet: string; region: Region; across: boolean }[] = [];
  for (const { sheet, region } of merges) {
    const last = planned[planned.length - 1];
    const stacks =
      last && last.sheet === sheet && region.rows === 1 && (last.across || last.region.rows === 1) && last.region.col === region.col && last.region.cols === region.cols && last.region.row + last.region.rows === region.row;
    if (stacks) planned[planned.length - 1] = { sheet, region: { ...last.region, rows: last.region.rows + 1 }, across: true };
    else planned.push({ sheet, region, across: false });
  }
  return planned;
}

/** The smallest region holding all of them. */
function boxOf(regions: Region[]): Region {
  const row = Math.min(...regions.map((r) => r.row));
  const col = Math.min(...regions.map((r) => r.col));
  const rows = Math.max(...regions.map((r) => r.row + r.rows)) - row;
  const cols = Math.max(...regions.map((r) => r.col + r.cols)) - col;
  return { row, col, rows, cols };
}

/** A box's worth of one value. */
const grid = <T>(box: Region, value: T): T[][] => Array.from({ length: box.rows }, () => new Array<T>(box.cols).fill(value));

/** Sets a region's cells in a grid laid over box. */
function paint<T>(values: T[][], box: Region, region: Region, value: T): void {
  for (let r = region.row - box.row; r < region.row - box.row + region.rows; r++) values[r].fill(value, region.col - box.col, region.col - box.col + region.cols);
}

/** Each value with the cells that keep it once all layers are laid in order: disjoint rectangles. */
function finalRegions<T extends FormatValue>(layers: { region: Region; value: T }[]): { value: T; regions: Region[] }[] {
  let pieces: { region: Region; value: T }[] = [];
  for (const layer of layers) {
    pieces = pieces.flatMap((p) => subtract(p.region, layer.region).map((region) => ({ region, value: p.value })));
    pieces.push(layer);
  }
  return [...groupBy(pieces, (p) => JSON.stringify(p.value))].map(([, ps]) => ({ value: ps[0].value, regions: ps.map((p) => p.region) }));
}


/** The criterion of a validation, on a builder (which keeps one criterion: this replaces it). */
function criterionOf(v: Validation, builder: DataValidationBuilder): DataValidationBuilder {
  // showDropdown: the cell gets an arrow with the choices.
  if (v.list) return builder.requireValueInList(v.list, true);
  // Between is inclusive. Sheets has no whole-number criterion short of a custom formula: the
  // range is enforced, whole numbers only by the help text.
  const range = v.whole ?? v.decimal;
  if (range) return builder.requireNumberBetween(range.min, range.max);
  return builder.requireDate();
}

function checkValidation(v: Validation): void {
  const where = `validation at ${sheetRef(v.sheet, v.region)}`;
  const kinds = [v.list !== undefined, v.whole !== undefined, v.decimal !== undefined, v.date === true].filter(Boolean).length;
  if (kinds !== 1) throw new Error(`${where} needs exactly one of list, whole, decimal or date`);
  if (v.list && v.list.length === 0) throw new Error(`${where} has an empty list`);
  const range = v.whole ?? v.decimal;
  if (range && !(range.min <= range.max)) throw new Error(`${where} has min ${range.min} above max ${range.max}`);
}

const formulaText = (v: { formula: string }) => (v.formula.startsWith('=') ? v.formula : `=${v.formula}`);

/** The formula cells of a block as rectangles: runs down each column, joined across neighbouring columns with the same run. */
function formulaRegions(values: SpecValue[][], rows: number, cols: number): Region[] {
  const regions: Region[] = [];
  let open = new Map<string, Region>();
  for (let c = 0; c < cols; c++) {
    const next = new Map<string, Region>();
    for (let r = 0; r < rows; ) {
      if (!isFormula(values[r][c])) {
        r++;
        continue;
      }
      const start = r;
      while (r < rows && isFormula(values[r][c])) r++;
      const key = `${start}:${r}`;
      const region = open.get(key);
      if (region) region.cols++;
      const current = region ?? { row: start, col: c, rows: r - start, cols: 1 };
      if (!region) regions.push(current);
      next.set(key, current);
    }
    open = next;
  }
  return regions;
}

/** A range's region from its A1 notation (one call); open-ended ranges ("A:A", "3:3") ask for their bounds. */
function regionOf(range: Range): Region {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.getA1Notation());
  if (!m) return { row: range.getRow() - 1, col: range.getColumn() - 1, rows: range.getNumRows(), cols: range.getNumColumns() };
  const [row, col] = [Number(m[2]) - 1, columnIndex(m[1])];
  const [lastRow, lastCol] = m[3] ? [Number(m[4]) - 1, columnIndex(m[3])] : [row, col];
  return { row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 };
}

const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

const inside = (a: Region, b: Region) => a.row >= b.row && a.col >= b.col && a.row + a.rows <= b.row + b.rows && a.col + a.cols <= b.col + b.cols;

function checkRegion(r: Region): void {
  if (!(r.row >= 0 && r.col >= 0 && r.rows >= 1 && r.cols >= 1)) throw new Error(`region ${JSON.stringify(r)} is not a range of cells`);
}

function regionsOf(spec: SheetSpec): Region[] {
  return [
    ...spec.clear.map((c) => c.region),
    ...spec.styles.map((s) => s.region),
    ...spec.conditionalColours.map((c) => c.region),
    ...spec.conditionalFormulas.map((c) => c.region),
    ...spec.validations.map((v) => v.region),
    ...spec.merges.map((m) => m.region),
    ...spec.protections.flatMap((p) => p.unlocked),
    ...spec.charts.flatMap((c) => [...chartRegions(c), { ...c.anchor, rows: 1, cols: 1 }]),
    ...spec.names.map((n) => n.region),
    ...spec.columnWidths.map((w) => ({ row: 0, col: w.col, rows: 1, cols: 1 })),
    ...spec.rowHeights.map((h) => ({ row: h.row, col: 0, rows: h.rows, cols: 1 })),
  ];
}

function sheetNamesOf(spec: SheetSpec): Set<string> {
  return new Set([
    ...spec.addSheets,
    ...spec.copySheets.flatMap((c) => [c.from, c.to]),
    ...[
      spec.clear,
      spec.blocks,
      spec.styles,
      spec.conditionalColours,
      spec.conditionalFormulas,
      spec.validations,
      spec.charts,
      spec.names,
      spec.merges,
      spec.columnWidths,
      spec.rowHeights,
      spec.freezeRows,
      spec.protections,
    ]
      .flat()
      .map((x: { sheet: string }) => x.sheet),
    ...spec.fitToPageWidth,
  ]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
