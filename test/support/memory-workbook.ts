// An in-memory Workbook: the host the command tests and benchmarks run against. It keeps what a
// spreadsheet keeps (values, formulas, formats, names, charts) and counts its round-trips.
import { Cell, Matrix } from '../../shared/cells';
import { Region, SheetSpec, SpecValue, isFormula } from '../../shared/sheet-spec';
import { CellRef, SheetValues, Workbook, WorkbookInfo } from '../../shared/workbook';

export interface MemoryCell {
  value: Cell;
  formula?: string;
}

export interface MemorySheet {
  cells: Map<string, MemoryCell>;
  formats: Omit<SheetSpec['styles'][number], 'sheet'>[];
  conditional: SheetSpec['conditionalColours'];
  conditionalFormulas: SheetSpec['conditionalFormulas'];
  validations: SheetSpec['validations'];
  merges: Region[];
  protection: SheetSpec['protections'][number] | null;
  fitToPageWidth: boolean;
  landscape: boolean;
  charts: SheetSpec['charts'];
  frozenRows: number;
  widths: Map<number, number>;
  heights: Map<number, number>;
}

const key = (row: number, col: number) => `${row},${col}`;

export class MemoryWorkbook implements Workbook {
  readonly sheets = new Map<string, MemorySheet>();
  names: WorkbookInfo['names'] = {};
  active: CellRef;
  selection?: Region;
  readonly calls = { info: 0, readSheet: 0, write: 0, numberFormat: 0 };

  constructor(sheets: Record<string, Cell[][]>, active?: CellRef) {
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = this.addSheet(name);
      rows.forEach((r, i) => r.forEach((v, j) => v !== null && v !== '' && sheet.cells.set(key(i, j), { value: v })));
    }
    this.active = active ?? { sheet: Object.keys(sheets)[0], row: 0, col: 0 };
  }

  addSheet(name: string): MemorySheet {
    const sheet: MemorySheet = {
      cells: new Map(),
      formats: [],
      conditional: [],
      conditionalFormulas: [],
      validations: [],
      merges: [],
      protection: null,
      fitToPageWidth: false,
      landscape: false,
      charts: [],
      frozenRows: 0,
      widths: new Map(),
      heights: new Map(),
    };
    this.sheets.set(name, sheet);
    return sheet;
  }

  sheet(name: string): MemorySheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  info(): WorkbookInfo {
    this.calls.info++;
    return { sheets: [...this.sheets.keys()], active: { ...this.active }, names: structuredClone(this.names), selection: this.selection && { ...this.selection } };
  }

  readSheet(name: string): SheetValues {
    this.calls.readSheet++;
    const sheet = this.sheet(name);
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
    for (const k of sheet.cells.keys()) {
      const [r, c] = k.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    if (bottom < 0) return { sheet: name, origin: { row: 0, col: 0 }, values: [[null]] };
    const values: Matrix = [];
    for (let r = top; r <= bottom; r++) {
      const row: Cell[] = [];
      for (let c = left; c <= right; c++) row.push(sheet.cells.get(key(r, c))?.value ?? null);
      values.push(row);
    }
    return { sheet: name, origin: { row: top, col: left }, values };
  }

  write(spec: SheetSpec): void {
    this.calls.write++;
    for (const name of spec.addSheets) if (!this.sheets.has(name)) this.addSheet(name);
    for (const { from, to } of spec.copySheets) {
      const original = this.sheet(from);
      const copy: MemorySheet = structuredClone({ ...original, widths: new Map(original.widths), heights: new Map(original.heights) });
      copy.cells = new Map([...original.cells].map(([k, v]) => [k, { ...v }]));
      copy.widths = new Map(original.widths);
      this.sheets.set(to, copy);
    }
    for (const { sheet, region } of spec.clear) {
      const s = this.sheet(sheet);
      for (let r = region.row; r < region.row + region.rows; r++) for (let c = region.col; c < region.col + region.cols; c++) s.cells.delete(key(r, c));
      s.charts = [];
      s.conditional = s.conditional.filter((cf) => !overlaps(cf.region, region));
    }
    for (const block of spec.blocks) {
      // Like the real hosts, refuse a block that is not a rectangle.
      if (block.values.some((r) => r.length !== block.values[0].length)) throw new Error(`block at ${block.sheet} row ${block.row} is not a rectangle`);
      const s = this.sheet(block.sheet);
      block.values.forEach((row, i) =>
        row.forEach((v: SpecValue, j) => {
          const at = key(block.row + i, block.col + j);
          if (v === null || v === '') s.cells.delete(at);
          else if (isFormula(v)) s.cells.set(at, { value: null, formula: v.formula });
          else s.cells.set(at, { value: v });
        }),
      );
    }
    for (const { sheet, ...st } of spec.styles) this.sheet(sheet).formats.push(st);
    for (const cf of spec.conditionalColours) this.sheet(cf.sheet).conditional.push(cf);
    for (const cf of spec.conditionalFormulas) this.sheet(cf.sheet).conditionalFormulas.push(cf);
    for (const v of spec.validations) this.sheet(v.sheet).validations.push(v);
    for (const m of spec.merges) this.sheet(m.sheet).merges.push(m.region);
    for (const p of spec.protections) this.sheet(p.sheet).protection = p;
    for (const name of spec.fitToPageWidth) this.sheet(name).fitToPageWidth = true;
    for (const name of spec.landscape) this.sheet(name).landscape = true;
    for (const chart of spec.charts) this.sheet(chart.sheet).charts.push(chart);
    for (const n of spec.names) this.names[n.name] = { sheet: n.sheet, region: n.region };
    for (const name of spec.removeNames) delete this.names[name];
    for (const w of spec.columnWidths) this.sheet(w.sheet).widths.set(w.col, w.width);
    for (const h of spec.rowHeights) for (let r = h.row; r < h.row + h.rows; r++) this.sheet(h.sheet).heights.set(r, h.height);
    for (const f of spec.freezeRows) this.sheet(f.sheet).frozenRows = f.rows;
  }

  /** The number format in force at a cell: the last styling over it that set one, else "General". */
  numberFormat(sheet: string, row: number, col: number): string {
    this.calls.numberFormat++;
    const over = this.sheet(sheet).formats.filter((f) => f.numberFormat && row >= f.region.row && row < f.region.row + f.region.rows && col >= f.region.col && col < f.region.col + f.region.cols);
    return over[over.length - 1]?.numberFormat ?? 'General';
  }

  /** What a cell holds: its formula if it has one, else its value. */
  get(sheet: string, row: number, col: number): Cell | string {
    const c = this.sheet(sheet).cells.get(key(row, col));
    return c?.formula ?? c?.value ?? null;
  }

  /** Every cell of a sheet, for before/after comparisons. */
  snapshot(sheet: string): Map<string, MemoryCell> {
    return new Map([...this.sheet(sheet).cells].map(([k, v]) => [k, { ...v }]));
  }
}

function overlaps(a: Region, b: Region): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
