// The Workbook port on an .xlsx file in memory (ExcelJS): the host of the command-line runner and
// of tests on real files. Reading and writing are local, so every method answers directly.
import ExcelJS from 'exceljs';
import { Cell, ERROR_CODES, ErrorCode, FormulaError, Matrix } from '../../shared/cells';
import { serialOfTime } from '../../shared/dates';
import { Region, SheetSpec, a1, isFormula } from '../../shared/sheet-spec';
import { CellRef, SheetValues, Workbook, WorkbookInfo } from '../../shared/workbook';
import { DefinedName, keepNamesAsRanges } from './large-workbooks';


/** ExcelJS cell values (dates in UTC, formulas with cached results, rich text...) as core cells. */
export function cellFromExcelJs(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  // ExcelJS reads date cells as Date objects at UTC midnight of the serial's day.
  if (value instanceof Date) return serialOfTime(value.getTime());
  if ('error' in value) {
    const code = ERROR_CODES.includes(value.error as ErrorCode) ? (value.error as ErrorCode) : '#VALUE!';
    return new FormulaError(code, '');
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellFromExcelJs((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  return String(value);
}

/** "'Sales 2026'!$B$2:$D$9" → sheet and region. */
export function parseReference(reference: string): { sheet: string; region: Region } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(reference.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [r1, c1] = [Number(m[4]) - 1, col(m[3])];
  const [r2, c2] = m[5] ? [Number(m[6]) - 1, col(m[5])] : [r1, c1];
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), region: { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 } };
}

const absolute = (sheet: string, region: Region) =>
  `'${sheet.replace(/'/g, "''")}'!${a1(region).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;

/** A reference moved from one sheet to another when it is on the first: 'Plan'!$B$2 → 'Plan 2'!$B$2. */
function onSheet(reference: string, from: string, to: string): string {
  const m = /^('(?:[^']|'')+'|[^'!]+)!(.+)$/.exec(reference);
  const sheet = m?.[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m?.[1];
  return m && sheet === from ? `'${to.replace(/'/g, "''")}'!${m[2]}` : reference;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** A cell style with a Styling's settings laid over it. */
function withStyling(style: Partial<ExcelJS.Style>, st: SheetSpec['styles'][number]): Partial<ExcelJS.Style> {
  const next: Partial<ExcelJS.Style> = { ...style };
  if (st.numberFormat) next.numFmt = st.numberFormat;
  const font: Partial<ExcelJS.Font> = {};
  if (st.bold !== undefined) font.bold = st.bold;
  if (st.italic !== undefined) font.italic = st.italic;
  if (st.fontSize) font.size = st.fontSize;
  if (st.fontColor) font.color = { argb: argb(st.fontColor) };
  if (Object.keys(font).length) next.font = { ...style.font, ...font };
  if (st.fill) next.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.fill) } };
  if (st.wrap || st.verticalAlign) next.alignment = { ...style.alignment, ...(st.wrap ? { wrapText: true } : {}), ...(st.verticalAlign ? { vertical: st.verticalAlign } : {}) };
  return next;
}

export class XlsxWorkbook implements Workbook {
  /** Parts of a spec this host cannot render (ExcelJS writes no charts). */
  readonly skipped: string[] = [];

  constructor(readonly book: ExcelJS.Workbook) {
    keepNamesAsRanges(book);
  }

  private names(): DefinedName[] {
    return this.book.definedNames.model as unknown as DefinedName[];
  }

  private worksheet(name: string): ExcelJS.Worksheet {
    const ws = this.book.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  }

  info(): WorkbookInfo {
    const sheets = this.book.worksheets.map((ws) => ws.name);
    const activeTab = this.book.views?.[0]?.activeTab ?? 0;
    const activeSheet = this.book.worksheets[activeTab] ?? this.book.worksheets[0];
    const activeCell = (activeSheet?.views?.[0] as { activeCell?: string } | undefined)?.activeCell ?? 'A1';
    const at = parseReference(`x!${activeCell}`);
    const active: CellRef = { sheet: activeSheet?.name ?? sheets[0], row: at?.region.row ?? 0, col: at?.region.col ?? 0 };
    const names: WorkbookInfo['names'] = {};
    for (const entry of this.names()) {
      const ref = entry.ranges.length === 1 && entry.localSheetId === undefined ? parseReference(entry.ranges[0]) : null;
      if (ref) names[entry.name] = ref;
    }
    return { sheets, active, names };
  }

  /** The last read of each sheet, until the next write: a command reads a sheet the CLI just read. */
  private readonly reads = new Map<string, SheetValues>();

  readSheet(name: string): SheetValues {
    const cached = this.reads.get(name);
    if (cached) return { ...cached, values: cached.values.map((r) => r.slice()) };
    const values = this.readFresh(name);
    this.reads.set(name, values);
    return { ...values, values: values.values.map((r) => r.slice()) };
  }

  private readFresh(name: string): SheetValues {
    const ws = this.worksheet(name);
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
    const cells: [number, number, Cell][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const value = cellFromExcelJs(cell.value);
        if (value === null) return;
        cells.push([r - 1, c - 1, value]);
        top = Math.min(top, r - 1);
        bottom = Math.max(bottom, r - 1);
        left = Math.min(left, c - 1);
        right = Math.max(right, c - 1);
      });
    });
    if (bottom < 0) return { sheet: name, origin: { row: 0, col: 0 }, values: [[null]] };
    const values: Matrix = Array.from({ length: bottom - top + 1 }, () => new Array<Cell>(right - left + 1).fill(null));
    for (const [r, c, v] of cells) values[r - top][c - left] = v;
    return { sheet: name, origin: { row: top, col: left }, values };
  }

  write(spec: SheetSpec): Promise<void> | void {
    this.reads.clear();
    for (const name of spec.addSheets) if (!this.book.getWorksheet(name)) this.book.addWorksheet(name);
    for (const { from, to } of spec.copySheets) this.copySheet(from, to);
    for (const { sheet, region } of spec.clear) {
      const ws = this.worksheet(sheet);
      this.eachCell(ws, region, (cell) => {
        cell.value = null;
        cell.style = {};
      });
    }
    for (const block of spec.blocks) {
      const ws = this.worksheet(block.sheet);
      block.values.forEach((row, i) =>
        row.forEach((v, j) => {
          // ExcelJS stores a string as a string: text starting with "=" stays text without a prefix.
          ws.getCell(block.row + i + 1, block.col + j + 1).value = isFormula(v) ? { formula: v.formula.replace(/^=/, '') } : v;
        }),
      );
    }
    for (const st of spec.styles) {
      // Cells that had the same style get the same new style object: ExcelJS keeps a style per
      // cell, and 100,000 copies of one number format cost hundreds of megabytes.
      const restyled = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();
      this.eachCell(this.worksheet(st.sheet), st.region, (cell) => {
        const before = cell.style;
        let after = restyled.get(before);
        if (!after) {
          after = withStyling(before, st);
          restyled.set(before, after);
        }
        cell.style = after;
      });
    }
    for (const cf of spec.conditionalColours) {
      this.worksheet(cf.sheet).addConditionalFormatting({
        ref: a1(cf.region),
        rules: cf.rules.map((rule, i) => ({
          type: 'cellIs',
          operator: 'equal',
          priority: i + 1,
          formulae: [`"${rule.equals.replace(/"/g, '""')}"`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(rule.fill) } }, font: { color: { argb: argb(rule.fontColor) } } },
        })),
      });
    }
    for (const cf of spec.conditionalFormulas) {
      this.worksheet(cf.sheet).addConditionalFormatting({
        ref: a1(cf.region),
        rules: [{ type: 'expression', priority: 1, formulae: [cf.formula.replace(/^=/, '')], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } }, font: { color: { argb: argb(cf.fontColor) } } } }],
      });
    }
    for (const v of spec.validations) {
      const rule: ExcelJS.DataValidation = v.list
        ? { type: 'list', allowBlank: true, formulae: [`"${v.list.join(',').replace(/"/g, '""')}"`] }
        : v.whole
          ? { type: 'whole', operator: 'between', allowBlank: true, formulae: [v.whole.min, v.whole.max] }
          : v.decimal
            ? { type: 'decimal', operator: 'between', allowBlank: true, formulae: [v.decimal.min, v.decimal.max] }
            : { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1900, 0, 1))] };
      this.eachCell(this.worksheet(v.sheet), v.region, (cell) => {
        cell.dataValidation = { ...rule, showErrorMessage: true, error: v.message };
      });
    }
    for (const m of spec.merges) {
      const { row, col, rows, cols } = m.region;
      this.worksheet(m.sheet).mergeCells(row + 1, col + 1, row + rows, col + cols);
    }
    for (const name of spec.fitToPageWidth) {
      const ws = this.worksheet(name);
      ws.pageSetup = { ...ws.pageSetup, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    }
    if (spec.charts.length) this.skipped.push('chart');
    if (spec.names.length || spec.removeNames.length) {
      // The port's names are workbook names: a sheet-scoped name of the same name is another name.
      const replaced = new Set([...spec.names.map((n) => n.name), ...spec.removeNames]);
      const kept = this.names().filter((m) => m.localSheetId !== undefined || !replaced.has(m.name));
      this.book.definedNames.model = [...kept, ...spec.names.map((n) => ({ name: n.name, ranges: [absolute(n.sheet, n.region)] }))] as never;
    }
    for (const w of spec.columnWidths) this.worksheet(w.sheet).getColumn(w.col + 1).width = Math.round(w.width / 7);
    // Row heights are in points in the file; the spec says pixels (96 per inch, 72 points).
    for (const h of spec.rowHeights) for (let r = h.row; r < h.row + h.rows; r++) this.worksheet(h.sheet).getRow(r + 1).height = h.height * 0.75;
    for (const f of spec.freezeRows) this.worksheet(f.sheet).views = [{ state: 'frozen', ySplit: f.rows }];
    // Protection without a password: inputs unlocked, the rest guarded against slips.
    const protecting = spec.protections.map((p) => {
      const ws = this.worksheet(p.sheet);
      for (const region of p.unlocked) this.eachCell(ws, region, (cell) => (cell.protection = { locked: false }));
      return ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
    });
    if (protecting.length) return Promise.all(protecting).then(() => undefined);
  }

  /** ExcelJS has no sheet copy: a new sheet takes the original's model (cells, styles, merges,
   * validations, formatting), keeping its own id and name. The sheet's own names go along, scoped
   * to the copy and pointing into it, as Excel's sheet copy does: a template's formulas that use
   * them then work in every plan. */
  private copySheet(from: string, to: string): void {
    const original = this.worksheet(from);
    const copy = this.book.addWorksheet(to);
    const model = structuredClone(original.model) as ExcelJS.WorksheetModel;
    copy.model = { ...model, id: copy.id, name: to } as ExcelJS.WorksheetModel;
    const [fromAt, toAt] = [original, copy].map((ws) => this.book.worksheets.indexOf(ws));
    const names = this.names();
    const own = names.filter((n) => n.localSheetId === fromAt);
    if (own.length) {
      this.book.definedNames.model = [...names, ...own.map((n) => ({ ...n, localSheetId: toAt, ranges: n.ranges.map((r) => onSheet(r, from, to)) }))] as never;
    }
  }

  private eachCell(ws: ExcelJS.Worksheet, region: Region, f: (cell: ExcelJS.Cell) => void): void {
    for (let r = region.row; r < region.row + region.rows; r++) for (let c = region.col; c < region.col + region.cols; c++) f(ws.getCell(r + 1, c + 1));
  }
}
