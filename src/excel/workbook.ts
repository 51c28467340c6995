// The Workbook port on Excel (Office.js). Every context.sync() is a round-trip to Excel (over the
// network in Excel on the web), so each method costs a constant number of them, never one per row:
//   info()       1 sync (2 when the selection is not one block of cells: then it is asked for again without it)
//   readSheet()  1 sync. Excel cannot tell a range's size before a round-trip, so the used range is
//                asked for whole; only if Excel answers that it is too large for one response is it
//                read again in row chunks of at most `cellBudget` cells, halved while Excel still
//                refuses: 1 + one per chunk, + 1 to learn the address when Excel refused outright.
//                Too large comes two ways (docs/hosts.md): Excel on the web refuses a response over
//                5 MB (ResponsePayloadSizeLimitExceeded), and any Excel may answer values = null for
//                a range over five million cells instead of an error (office-js #4783, #6781).
//   write()      1 sync, plus one per ~4 MB of cell data, so that no request passes Excel on the
//                web's 5 MB limit. All of it in one Excel.run. A spec that copies sheets, or protects
//                a sheet it does not add, costs one sync more: Excel must first say which sheets are
//                protected (writing into a protected sheet, or protecting it twice, is refused).
//                So does one whose names, or whose sheets with the add-in's chart to replace, the
//                port has not seen: which exist is unknown then. Those looks use *OrNullObject as
//                documented (docs/hosts.md): load isNullObject, sync, then act; no method is called
//                on an object that may be null. The port sees names in info(), which loads them
//                all anyway, and whether a sheet holds its chart in readSheet() (one isNullObject
//                more in that request), so a command (info, read, write) needs no look. A name or
//                chart that came or went between those and write() (another user, in seconds)
//                makes the write fail with Excel's message.
//                Printing one page wide is read back in the same request and reported in
//                `shortfalls` when Excel did not take it (office-js #1860).
// Host globals used here: Excel (only when no `run` is injected), Office.context.requirements
// (only when no `supports` is injected, and only if there).
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix } from '../../shared/cells';
import { Chart, LorenzChart, ParetoChart, Region, SheetSpec, SpecValue, Validation, a1, columnLetter, isFormula, sheetRef } from '../../shared/sheet-spec';
import { SheetValues, Shortfall, Workbook, WorkbookInfo } from '../../shared/workbook';
import { Language, fill, t } from '../../shared/i18n/strings';
import { UserError } from '../../shared/commands/errors';

/** Excel.run, or a stand-in for it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelWorkbookOptions {
  /** Most cells asked for per sync once Excel has said a sheet is too large for one response (default 200,000). */
  cellBudget?: number;
  /** The language of the messages this workbook gives (the pane's). */
  language?: Language;
  /** Most bytes of queued cell data per sync (Excel on the web refuses requests over 5 MB). */
  requestBytes?: number;
  /** Whether the host has an API set ("ExcelApi", "1.9"); default Office.context.requirements, or yes without it. */
  supports?: (set: string, version: string) => boolean;
}

/** Spec sizes are pixels; Excel's column widths and chart sizes are points (96 dpi). */
const POINTS_PER_PIXEL = 0.75;
/** What one non-data command (a style, a rule, a chart part) is counted as in a request. */
const COMMAND_BYTES = 256;
/** The add-in's own charts are found again by these names, so clearing or rewriting replaces only them. */
export const CHART_NAME = 'AccountPlannerPareto';
export const LORENZ_CHART_NAME = 'AccountPlannerLorenz';
const OWN_CHARTS = [CHART_NAME, LORENZ_CHART_NAME];
const chartName = (chart: Chart) => (chart.kind === 'lorenz' ? LORENZ_CHART_NAME : CHART_NAME);
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** Excel's answers when a range or a request is too large for one round-trip. */
const TOO_LARGE = ['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded', 'RangeExceedsLimit', 'OperationCellsExceedLimit'];

const errorCode = (e: unknown) => (e as { code?: unknown } | null)?.code;
const lower = (name: string) => name.toLowerCase();
/** Excel's own limits on a validation: a typed list of at most 255 characters, a message of at most 225. */
const MAX_LIST_SOURCE = 255;
const MAX_ALERT_MESSAGE = 225;
/** Reps may still widen columns and rows on a protected plan (as the .xlsx host allows). */
const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };

function officeSupports(set: string, version: string): boolean {
  const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
  return typeof requirements?.isSetSupported === 'function' ? requirements.isSetSupported(set, version) : true;
}

/** What a write must know before its first command, when the spec copies or protects existing sheets. */
interface Survey {
  /** The spec's sheets to add that do not exist. */
  addSheets: string[];
  /** Existing sheets (lower case) the spec protects that are protected now: unprotected first. */
  protectedNow: Set<string>;
  /** Per copy (lower-case new name): the source's protection options if the source is protected. */
  copiedProtection: Map<string, Excel.WorksheetProtectionOptions>;
  /** The spec's names and removed names (lower case) that exist: deleted before they are added again. */
  names: Set<string>;
  /** Per sheet (lower case) the spec clears or charts, the add-in's charts it holds: deleted first. */
  charted: Map<string, Set<string>>;
}

/** Sheets whose add-in chart a spec replaces (clears or charts), not counting sheets it adds or copies. */
function chartSheets(spec: SheetSpec): string[] {
  const made = new Set([...spec.addSheets, ...spec.copySheets.map((c) => c.to)].map(lower));
  const sheets = [...spec.clear.map((c) => c.sheet), ...spec.charts.map((c) => c.sheet)];
  return sheets.filter((name, i) => !made.has(lower(name)) && sheets.findIndex((s) => lower(s) === lower(name)) === i);
}

/** The borders a Styling's gridLines draws: the region's outline and the lines between its cells. */
const GRID_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;

export class ExcelWorkbook implements Workbook {
  private readonly cellBudget: number;
  private readonly language: Language;
  private readonly requestBytes: number;
  private readonly supports: (set: string, version: string) => boolean;
  /** What of the specs written this Excel could not do (print width: no ExcelApi 1.9, or it did not take). */
  readonly shortfalls = new Set<Shortfall>();
  /** Every workbook name (lower case) as info() last saw it, kept up to date by write(); null before info(). */
  private names: Set<string> | null = null;
  /** Per sheet read or written (lower case): which of the add-in's charts it holds. */
  private chartOn = new Map<string, Set<string>>();

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    options: ExcelWorkbookOptions = {},
  ) {
    // 200,000 cells of values and valueTypes are about 4 MB of invoice lines: under the web's 5 MB.
    this.cellBudget = options.cellBudget ?? 200_000;
    this.language = options.language ?? 'en';
    this.requestBytes = options.requestBytes ?? 4 * 1024 * 1024;
    this.supports = options.supports ?? officeSupports;
  }

  info(): Promise<WorkbookInfo> {
    // getSelectedRange() is refused when the selection is not one block of cells (several areas,
    // a chart), and with it the whole request: then it is asked for again without the selection.
    return this.readInfo(true).catch(() => this.readInfo(false));
  }

  private readInfo(withSelection: boolean): Promise<WorkbookInfo> {
    return this.run(async (context) => {
      const workbook = context.workbook;
      const sheets = workbook.worksheets.load('items/name');
      const active = workbook.getActiveCell().load('address');
      const selected = withSelection ? workbook.getSelectedRange().load('address') : null;
      const names = workbook.names.load('items/name,items/type,items/value');
      await context.sync();
      const own: WorkbookInfo['names'] = {};
      for (const item of names.items) {
        // The value of a Range name is its address; constants, formulas, #REF! and multi-area names are skipped.
        const ref = item.type === 'Range' && typeof item.value === 'string' ? parseAddress(item.value) : null;
        if (ref) own[item.name] = ref;
      }
      this.names = new Set(names.items.map((item) => lower(item.name)));
      const cell = parseAddress(active.address);
      const sheetNames = sheets.items.map((s) => s.name);
      const info: WorkbookInfo = {
        sheets: sheetNames,
        active: cell ? { sheet: cell.sheet, row: cell.region.row, col: cell.region.col } : { sheet: sheetNames[0], row: 0, col: 0 },
        names: own,
      };
      // The selection is on the active sheet; a whole column comes back as all its 1,048,576 rows.
      const selection = selected ? parseAddress(selected.address) : null;
      if (selection && cell && selection.sheet === cell.sheet) info.selection = selection.region;
      return info;
    });
  }

  async numberFormat(sheet: string, row: number, col: number): Promise<string | null> {
    return this.run(async (context) => {
      const cell = context.workbook.worksheets.getItem(sheet).getRange(a1({ row, col, rows: 1, cols: 1 })).load('numberFormat');
      await context.sync();
      return String(cell.numberFormat?.[0]?.[0] ?? 'General');
    });
  }

  async readSheet(sheet: string): Promise<SheetValues> {
    let used: Region | null = null;
    try {
      const whole = await this.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
        range.load('isNullObject,address,values,valueTypes');
        const chart = this.lookForChart(context, sheet);
        await context.sync();
        chart();
        if (range.isNullObject) return emptySheet(sheet);
        const { region } = parseAddress(range.address)!;
        // Too large, said with null instead of an error: the address is good, so read it in chunks.
        if (!range.values || !range.valueTypes) return region;
        return { sheet, origin: { row: region.row, col: region.col }, values: toCells(sheet, region, range.values, range.valueTypes) };
      });
      if ('values' in whole) return whole;
      used = whole;
    } catch (e) {
      if (!TOO_LARGE.includes(errorCode(e) as string)) throw e;
    }
    return this.readInChunks(sheet, used);
  }

  /**
   * The used range in row chunks, each its own Excel.run (a refused request leaves no context
   * behind). `used` is the used range when the whole read said where it is; else one sync asks.
   */
  private async readInChunks(sheet: string, known: Region | null): Promise<SheetValues> {
    const used =
      known ??
      (await this.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load('isNullObject,address');
        const chart = this.lookForChart(context, sheet);
        await context.sync();
        chart();
        return range.isNullObject ? null : parseAddress(range.address)!.region;
      }));
    if (!used) return emptySheet(sheet);
    const values: Matrix = [];
    let chunkRows = Math.max(1, Math.floor(this.cellBudget / used.cols));
    while (values.length < used.rows) {
      const chunk: Region = { row: used.row + values.length, col: used.col, rows: Math.min(chunkRows, used.rows - values.length), cols: used.cols };
      let rows: Matrix | null = null;
      try {
        rows = await this.run(async (context) => {
          const range = context.workbook.worksheets.getItem(sheet).getRange(a1(chunk)).load('values,valueTypes');
          await context.sync();
          return range.values && range.valueTypes ? toCells(sheet, chunk, range.values, range.valueTypes) : null;
        });
      } catch (e) {
        // Excel on the web limits bytes, not cells: a chunk of long texts can still be refused.
        if (!TOO_LARGE.includes(errorCode(e) as string) || chunk.rows === 1) throw e;
      }
      if (rows) for (const row of rows) values.push(row);
      else if (chunk.rows === 1) throw new UserError(fill(t(this.language).host.cellsWithheld, { where: sheetRef(sheet, chunk) }));
      else chunkRows = Math.ceil(chunk.rows / 2);
    }
    return { sheet, origin: { row: used.row, col: used.col }, values };
  }

  /** Queues which of the add-in's charts `sheet` holds; the answer is noted when called after the sync. */
  private lookForChart(context: Excel.RequestContext, sheet: string): () => void {
    const found = lookForCharts(context.workbook.worksheets.getItem(sheet));
    return () => this.chartOn.set(lower(sheet), found());
  }

  async write(spec: SheetSpec): Promise<void> {
    spec.validations.forEach(checkValidation);
    await this.writeSpec(spec);
    // Keep what the port knows up to date for the next write through it (plans, then the overview).
    for (const name of spec.removeNames) this.names?.delete(lower(name));
    for (const { name } of spec.names) this.names?.add(lower(name));
    for (const { sheet } of spec.clear) this.chartOn.set(lower(sheet), new Set());
    for (const chart of spec.charts) {
      const on = this.chartOn.get(lower(chart.sheet)) ?? new Set<string>();
      this.chartOn.set(lower(chart.sheet), on.add(chartName(chart)));
    }
  }

  private async writeSpec(spec: SheetSpec): Promise<void> {
    const adding = new Set(spec.addSheets.map(lower));
    const knownNames = this.names ?? (spec.names.length + spec.removeNames.length === 0 ? new Set<string>() : null);
    const charts = chartSheets(spec).map(lower);
    if (knownNames && spec.copySheets.length === 0 && spec.protections.every((p) => adding.has(lower(p.sheet))) && charts.every((s) => this.chartOn.has(s))) {
      try {
        const names = new Set([...spec.names.map((n) => n.name), ...spec.removeNames].map(lower).filter((name) => knownNames.has(name)));
        const charted = new Map(charts.map((s) => [s, new Set(this.chartOn.get(s))]));
        const known: Survey = { addSheets: spec.addSheets, protectedNow: new Set(), copiedProtection: new Map(), names, charted };
        await this.run((context) => this.render(context, spec, known));
        return;
      } catch (e) {
        // Excel cannot "add if missing" without a round-trip to look first; the port's addSheets come
        // from info(), so that round-trip is only spent when a sheet appeared since. The adds are the
        // first commands of the first request, so nothing else has landed when one of them is refused.
        if (spec.addSheets.length === 0 || errorCode(e) !== 'ItemAlreadyExists') throw e;
      }
    }
    await this.run(async (context) => this.render(context, spec, await survey(context, spec)));
  }

  private async render(context: Excel.RequestContext, spec: SheetSpec, survey: Survey): Promise<void> {
    const workbook = context.workbook;
    const batch = new Batch(context, this.requestBytes);
    const sheets = new Map<string, Excel.Worksheet>();
    const sheet = (name: string) => {
      if (!sheets.has(name)) sheets.set(name, workbook.worksheets.getItem(name));
      return sheets.get(name)!;
    };
    const range = (name: string, region: Region) => sheet(name).getRange(a1(region));

    for (const name of survey.addSheets) {
      await batch.room(COMMAND_BYTES);
      sheets.set(name, workbook.worksheets.add(name));
    }
    for (const { from, to } of spec.copySheets) {
      await batch.room(COMMAND_BYTES);
      // copy() hands back the new sheet ("Template (2)") within the same request: it is named at
      // once, and everything written to `to` goes through it.
      const copy = sheet(from).copy('End');
      copy.name = to;
      sheets.set(to, copy);
      // A copy of a protected sheet is protected: open it to be written, protected again at the end.
      if (survey.copiedProtection.has(lower(to))) copy.protection.unprotect();
    }
    for (const p of spec.protections) {
      if (!survey.protectedNow.has(lower(p.sheet))) continue;
      await batch.room(COMMAND_BYTES);
      sheet(p.sheet).protection.unprotect();
    }
    /** Deletes the add-in's charts on a sheet that the survey found there (once). */
    const deleteCharts = (name: string) => {
      for (const chart of survey.charted.get(lower(name)) ?? []) sheet(name).charts.getItem(chart).delete();
      survey.charted.delete(lower(name));
    };
    for (const { sheet: name, region } of spec.clear) {
      await batch.room(COMMAND_BYTES);
      range(name, region).clear();
      // range.clear() leaves charts over the range: the add-in's own goes with its output.
      deleteCharts(name);
    }
    for (const block of spec.blocks) {
      if (block.values.length === 0) continue;
      // A block with a formula is written through `formulas` (English names, commas, as the spec's), which takes constants too.
      const viaFormulas = block.values.some((row) => row.some(isFormula));
      const rows = block.values.map((row) => row.map(toExcel));
      await batch.rows(sheet(block.sheet), block.row, block.col, rows, (target, slice) => {
        if (viaFormulas) target.formulas = slice;
        else target.values = slice;
      });
    }
    for (const style of spec.styles) {
      await batch.room(COMMAND_BYTES);
      const format = range(style.sheet, style.region).format;
      if (style.bold !== undefined) format.font.bold = style.bold;
      if (style.italic !== undefined) format.font.italic = style.italic;
      if (style.fontSize) format.font.size = style.fontSize;
      if (style.fill) format.fill.color = style.fill;
      if (style.fontColor) format.font.color = style.fontColor;
      if (style.wrap !== undefined) format.wrapText = style.wrap;
      if (style.verticalAlign) format.verticalAlignment = style.verticalAlign === 'top' ? 'Top' : 'Center';
      if (style.gridLines) {
        // Every edge and the lines between the cells: the rows of an input block stay visible.
        for (const edge of GRID_EDGES) {
          const border = format.borders.getItem(edge);
          border.style = 'Continuous';
          border.weight = 'Thin';
          border.color = style.gridLines;
        }
      }
      if (style.numberFormat) {
        // numberFormat takes one code per cell: a filled 2-D array of the region's shape.
        const row = new Array<string>(style.region.cols).fill(style.numberFormat);
        const rows = new Array<string[]>(style.region.rows).fill(row);
        await batch.rows(sheet(style.sheet), style.region.row, style.region.col, rows, (target, slice) => (target.numberFormat = slice));
      }
    }
    for (const colours of spec.conditionalColours) {
      const target = range(colours.sheet, colours.region);
      for (const rule of colours.rules) {
        await batch.room(COMMAND_BYTES);
        // "Cell value equal to" compares whole values (containsText would colour "AB" as "A").
        const format = target.conditionalFormats.add('CellValue').cellValue;
        format.format.fill.color = rule.fill;
        format.format.font.color = rule.fontColor;
        format.rule = { formula1: `="${rule.equals.replace(/"/g, '""')}"`, operator: 'EqualTo' };
      }
    }
    for (const cf of spec.conditionalFormulas) {
      await batch.room(COMMAND_BYTES + cf.formula.length);
      // The formula is relative to the region's top-left cell, as Excel reads a custom rule's.
      const custom = range(cf.sheet, cf.region).conditionalFormats.add('Custom').custom;
      custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
      custom.format.fill.color = cf.fill;
      custom.format.font.color = cf.fontColor;
    }
    for (const m of spec.merges) {
      await batch.room(COMMAND_BYTES);
      range(m.sheet, m.region).merge(false);
    }
    for (const v of spec.validations) {
      await batch.room(COMMAND_BYTES + (v.list?.join(',').length ?? 0) + v.message.length);
      const validation = range(v.sheet, v.region).dataValidation;
      // A rule is set on a range without one (a copied template may carry its own).
      validation.clear();
      validation.rule = ruleOf(v);
      validation.ignoreBlanks = true;
      validation.errorAlert = { showAlert: true, style: 'Stop', title: '', message: v.message };
    }
    for (const chart of spec.charts) {
      await batch.room(COMMAND_BYTES);
      deleteCharts(chart.sheet);
      if (chart.kind === 'lorenz') addLorenzChart(sheet(chart.sheet), chart);
      else addParetoChart(sheet(chart.sheet), chart);
    }
    // Only names the survey (or info()) found are deleted: no method on a maybe-null object.
    const deleteName = (name: string) => {
      if (survey.names.delete(lower(name))) workbook.names.getItem(name).delete();
    };
    spec.removeNames.forEach(deleteName);
    for (const named of spec.names) {
      await batch.room(COMMAND_BYTES);
      // names.add refuses an existing name: delete it first.
      deleteName(named.name);
      workbook.names.add(named.name, range(named.sheet, named.region));
    }
    for (const { sheet: name, row, rows, height } of spec.rowHeights) {
      sheet(name).getRange(`${row + 1}:${row + rows}`).format.rowHeight = height * POINTS_PER_PIXEL;
    }
    for (const { sheet: name, col, width } of spec.columnWidths) {
      await batch.room(COMMAND_BYTES);
      const letter = columnLetter(col);
      sheet(name).getRange(`${letter}:${letter}`).format.columnWidth = width * POINTS_PER_PIXEL;
    }
    for (const { sheet: name, rows } of spec.freezeRows) {
      await batch.room(COMMAND_BYTES);
      if (rows > 0) sheet(name).freezePanes.freezeRows(rows);
      else sheet(name).freezePanes.unfreeze();
    }
    const layouts: Excel.PageLayout[] = [];
    if (spec.fitToPageWidth.length) {
      if (!this.supports('ExcelApi', '1.9')) {
        this.shortfalls.add('printWidthUnsupported');
      } else {
        const wide = new Set(spec.landscape.map(lower));
        for (const name of spec.fitToPageWidth) {
          await batch.room(COMMAND_BYTES);
          const layout = sheet(name).pageLayout;
          layout.orientation = wide.has(lower(name)) ? 'Landscape' : 'Portrait';
          // One page wide, as many tall as it takes (0: automatic). zoom is set as a whole object.
          layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
          // Read back in the same request: some builds drop fit-to-pages unless the Page Layout tab is open (office-js #1860).
          layouts.push(layout.load('zoom'));
        }
      }
    }
    // Protection last: a protected sheet refuses formats, merges and validations on its locked cells.
    const protecting = new Set<string>();
    for (const p of spec.protections) {
      protecting.add(lower(p.sheet));
      for (const region of p.unlocked) {
        await batch.room(COMMAND_BYTES);
        range(p.sheet, region).format.protection.locked = false;
      }
      await batch.room(COMMAND_BYTES);
      // No password: it guards against slips, and anyone can lift it (Review › Unprotect Sheet).
      sheet(p.sheet).protection.protect(PROTECTION_OPTIONS);
    }
    for (const { to } of spec.copySheets) {
      const options = survey.copiedProtection.get(lower(to));
      if (!options || protecting.has(lower(to))) continue;
      await batch.room(COMMAND_BYTES);
      sheet(to).protection.protect(options);
    }
    await batch.flush();
    if (layouts.length && this.supports('ExcelApi', '1.9')) {
      if (layouts.some((layout) => layout.zoom?.horizontalFitToPages !== 1)) this.shortfalls.add('printWidthNotApplied');
    }
  }
}

/**
 * One round-trip before a write that copies sheets or protects sheets it does not add: which of the
 * sheets to add exist, that no copy's name is taken, and which sheets are protected now.
 */
async function survey(context: Excel.RequestContext, spec: SheetSpec): Promise<Survey> {
  const worksheets = context.workbook.worksheets;
  const nameList = [...new Set([...spec.names.map((n) => n.name), ...spec.removeNames])];
  const names = nameList.map((name) => context.workbook.names.getItemOrNullObject(name).load('isNullObject'));
  const chartsOf = (sheets: string[]) => sheets.map((name) => ({ name, found: lookForCharts(worksheets.getItem(name)) }));
  const charts = chartsOf(chartSheets(spec));
  const adds = spec.addSheets.map((name) => worksheets.getItemOrNullObject(name).load('isNullObject'));
  const targets = spec.copySheets.map(({ to }) => worksheets.getItemOrNullObject(to).load('isNullObject'));
  const sources = spec.copySheets.map(({ from }) => worksheets.getItem(from).protection.load('protected,options'));
  const made = new Set([...spec.addSheets, ...spec.copySheets.map((c) => c.to)].map(lower));
  const protectionOf = (names: string[]) => names.map((name) => ({ name, protection: worksheets.getItem(name).protection.load('protected') }));
  const existing = protectionOf(spec.protections.map((p) => p.sheet).filter((name) => !made.has(lower(name))));
  await context.sync();
  const taken = spec.copySheets.find((_, i) => !targets[i].isNullObject);
  if (taken) throw new Error(`There is already a sheet called ${taken.to}.`);
  const found = new Set(spec.addSheets.filter((_, i) => !adds[i].isNullObject).map(lower));
  // A sheet to add that appeared since info() and is to be protected or charted: one look more (rare).
  const late = protectionOf(spec.protections.map((p) => p.sheet).filter((name) => found.has(lower(name))));
  const charted = [...new Set(spec.charts.map((c) => c.sheet))].filter((name) => found.has(lower(name)));
  charts.push(...chartsOf(spec.addSheets.filter((name) => charted.some((c) => lower(c) === lower(name)))));
  if (late.length || charted.length) await context.sync();
  const copiedProtection = new Map<string, Excel.WorksheetProtectionOptions>();
  spec.copySheets.forEach(({ to }, i) => {
    if (sources[i].protected) copiedProtection.set(lower(to), sources[i].options);
  });
  return {
    addSheets: spec.addSheets.filter((_, i) => adds[i].isNullObject),
    protectedNow: new Set([...existing, ...late].filter((s) => s.protection.protected).map((s) => lower(s.name))),
    copiedProtection,
    names: new Set(nameList.filter((_, i) => !names[i].isNullObject).map(lower)),
    charted: new Map(charts.map((c) => [lower(c.name), c.found()])),
  };
}

/** The rule of a validation as Excel takes it. */
function ruleOf(v: Validation): Excel.DataValidationRule {
  // A typed list is one comma-separated text: the choices are checked to hold no comma.
  if (v.list) return { list: { inCellDropDown: true, source: v.list.join(',') } };
  if (v.whole) return { wholeNumber: { formula1: v.whole.min, formula2: v.whole.max, operator: 'Between' } };
  if (v.decimal) return { decimal: { formula1: v.decimal.min, formula2: v.decimal.max, operator: 'Between' } };
  return { date: { formula1: '1900-01-01', operator: 'GreaterThan' } };
}

/** A validation Excel would refuse or misread, refused before anything is written. */
function checkValidation(v: Validation): void {
  const where = `validation at ${sheetRef(v.sheet, v.region)}`;
  const kinds = [v.list !== undefined, v.whole !== undefined, v.decimal !== undefined, v.date === true].filter(Boolean).length;
  if (kinds !== 1) throw new Error(`${where} needs exactly one of list, whole, decimal or date`);
  if (v.list) {
    if (v.list.length === 0) throw new Error(`${where} has an empty list`);
    if (v.list.some((choice) => choice.includes(','))) throw new Error(`${where} has a choice with a comma, which Excel would split`);
    if (v.list.join(',').length > MAX_LIST_SOURCE) throw new Error(`${where} lists more than Excel's ${MAX_LIST_SOURCE} characters`);
  }
  const range = v.whole ?? v.decimal;
  if (range && !(range.min <= range.max)) throw new Error(`${where} has min ${range.min} above max ${range.max}`);
  if (v.message.length > MAX_ALERT_MESSAGE) throw new Error(`${where} has a message over Excel's ${MAX_ALERT_MESSAGE} characters`);
}

/** Queues a look for each of the add-in's charts on a sheet; after the sync, the names found. */
function lookForCharts(ws: Excel.Worksheet): () => Set<string> {
  const looks = OWN_CHARTS.map((name) => ({ name, chart: ws.charts.getItemOrNullObject(name).load('isNullObject') }));
  return () => new Set(looks.filter((l) => !l.chart.isNullObject).map((l) => l.name));
}

/** One series of a chart: its name and its values. */
interface Series {
  name: string;
  values: Region;
}

/**
 * A chart of `type`, named to be found again, titled, with two series over the same x values (the
 * first from the range the chart is made of, the second added), placed at its anchor and sized.
 */
function addTwoSeriesChart(ws: Excel.Worksheet, spec: Chart, type: 'ColumnClustered' | 'XYScatterLinesNoMarkers', x: Region, first: Series, second: Series): [Excel.Chart, Excel.ChartSeries] {
  const range = (region: Region) => ws.getRange(a1(region));
  const chart = ws.charts.add(type, range(first.values), 'Columns');
  chart.name = chartName(spec);
  chart.title.text = spec.title;
  chart.legend.position = 'Bottom';
  const series = chart.series.getItemAt(0);
  series.name = first.name;
  series.setXAxisValues(range(x));
  const added = chart.series.add(second.name);
  added.setValues(range(second.values));
  added.setXAxisValues(range(x));
  chart.setPosition(range({ ...spec.anchor, rows: 1, cols: 1 }));
  chart.width = spec.width * POINTS_PER_PIXEL;
  chart.height = spec.height * POINTS_PER_PIXEL;
  return [chart, added];
}

/** Columns of `columns` over `categories`, the cumulative share as a line on a 0–100% secondary axis. */
function addParetoChart(ws: Excel.Worksheet, spec: ParetoChart): void {
  const [chart, line] = addTwoSeriesChart(ws, spec, 'ColumnClustered', spec.categories, { name: spec.columnsLabel, values: spec.columns }, { name: spec.lineLabel, values: spec.line });
  line.chartType = 'Line';
  line.axisGroup = 'Secondary';
  const share = chart.axes.getItem('Value', 'Secondary');
  share.minimum = 0;
  share.maximum = 1;
  share.numberFormat = '0%';
}

/** The Lorenz curve and the line of equality as straight lines over the share of accounts, both axes 0–100%. */
function addLorenzChart(ws: Excel.Worksheet, spec: LorenzChart): void {
  const [chart, equality] = addTwoSeriesChart(ws, spec, 'XYScatterLinesNoMarkers', spec.accounts, { name: spec.curveLabel, values: spec.curve }, { name: spec.equalityLabel, values: spec.equality });
  equality.format.line.color = '#7F7F7F';
  equality.format.line.lineStyle = 'Dash';
  // An XY chart's horizontal axis is its category axis in Excel's object model.
  const axes: [Excel.ChartAxis, string][] = [
    [chart.axes.categoryAxis, spec.accountsTitle],
    [chart.axes.valueAxis, spec.revenueTitle],
  ];
  for (const [axis, title] of axes) {
    axis.minimum = 0;
    axis.maximum = 1;
    axis.numberFormat = '0%';
    axis.title.text = title;
  }
}

const encoder = new TextEncoder();
const bytesOf = (row: unknown[]) => encoder.encode(JSON.stringify(row)).length + 1;

/** Commands queued on one context, synced whenever the next would take a request past `limit` bytes. */
class Batch {
  private pending = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
  ) {}

  /** Makes room for `bytes` more in the current request, syncing what is queued first if need be. */
  async room(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.limit) await this.flush();
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.context.sync();
    this.pending = 0;
  }

  /** Queues rows of cells from (row, col) down, in row slices that each fit in one request. */
  async rows<T>(sheet: Excel.Worksheet, row: number, col: number, rows: T[][], set: (target: Excel.Range, slice: T[][]) => void): Promise<void> {
    const cols = rows.reduce((n, r) => Math.max(n, r.length), 0);
    // Cells a short row leaves out are null: Excel leaves those cells as they are.
    const square = rows.map((r) => (r.length < cols ? [...r, ...new Array<null>(cols - r.length).fill(null)] : r)) as T[][];
    const queue = (start: number, end: number) =>
      set(sheet.getRange(a1({ row: row + start, col, rows: end - start, cols })), start === 0 && end === square.length ? square : square.slice(start, end));
    let start = 0;
    for (let i = 0; i < square.length; i++) {
      const bytes = bytesOf(square[i]);
      if (this.pending > 0 && this.pending + bytes > this.limit) {
        if (i > start) queue(start, i);
        await this.flush();
        start = i;
      }
      this.pending += bytes;
    }
    queue(start, square.length);
  }
}

/** A spec value as Excel's `values`/`formulas` take it. */
function toExcel(value: SpecValue): string | number | boolean {
  // In a 2-D array null means "leave this cell as it is"; the spec's null is a blank cell: "".
  if (value === null) return '';
  if (isFormula(value)) return value.formula;
  if (typeof value !== 'string' || value === '') return value;
  // Excel enters a written string as if typed: "=x" becomes a formula, "00123" the number 123,
  // "1-2" a date, "10%" 0.1, "TRUE" a boolean, and a leading apostrophe is eaten ("'t Veld").
  // Behind an apostrophe it keeps any text exactly (the apostrophe is not part of the value), so
  // every text gets one, as in the Sheets host.
  return `'${value}`;
}

/** Excel's values and valueTypes as core cells; `at` is where values[0][0] sits. */
function toCells(sheet: string, at: Region, values: unknown[][], types: string[][]): Matrix {
  return values.map((row, r) =>
    row.map((value, c): Cell => {
      const type = types[r]?.[c];
      if (value === '' || value === null || value === undefined || type === 'Empty') return null;
      // An error cell's value is its text ("#N/A"); only its valueType tells it from that text typed in.
      if (type === 'Error') {
        const code = ERROR_CODES.includes(value as ErrorCode) ? (value as ErrorCode) : '#VALUE!';
        return new FormulaError(code, `${sheetRef(sheet, { row: at.row + r, col: at.col + c, rows: 1, cols: 1 })} is ${value}`);
      }
      return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : String(value);
    }),
  );
}

const emptySheet = (sheet: string): SheetValues => ({ sheet, origin: { row: 0, col: 0 }, values: [[null]] });

const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * An Excel address as sheet and region: "'Sales 2026'!$B$3:$D$9", "Data!A1", "Data!$C:$C",
 * "Data!3:5". Null for what is not one rectangle on a sheet of this workbook (several areas,
 * #REF!, another workbook).
 */
export function parseAddress(address: string): { sheet: string; region: Region } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!,[\]]+))!([$A-Z0-9:]+)$/.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (sheet.startsWith('[')) return null;
  const ref = m[3].replace(/\$/g, '');
  let r = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
  if (r) {
    const [row, col] = [Number(r[2]) - 1, columnIndex(r[1])];
    const [endRow, endCol] = r[3] ? [Number(r[4]) - 1, columnIndex(r[3])] : [row, col];
    return { sheet, region: { row, col, rows: endRow - row + 1, cols: endCol - col + 1 } };
  }
  if ((r = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(ref))) {
    const col = columnIndex(r[1]);
    return { sheet, region: { row: 0, col, rows: MAX_ROWS, cols: columnIndex(r[2]) - col + 1 } };
  }
  if ((r = /^(\d+):(\d+)$/.exec(ref))) {
    const row = Number(r[1]) - 1;
    return { sheet, region: { row, col: 0, rows: Number(r[2]) - row, cols: MAX_COLS } };
  }
  return null;
}
