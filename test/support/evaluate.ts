// Evaluates a MemoryWorkbook's formulas in a real formula engine (HyperFormula, tests only): the
// proof that generated sheets compute with native functions alone, without the add-in.
import { HyperFormula, RawCellContent } from 'hyperformula';
import { sheetRef } from '../../shared/sheet-spec';
import { MemoryWorkbook } from './memory-workbook';

export interface Evaluated {
  engine: HyperFormula;
  value(sheet: string, row: number, col: number): unknown;
}

export function evaluate(wb: MemoryWorkbook): Evaluated {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const [name, sheet] of wb.sheets) {
    const rows: RawCellContent[][] = [];
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number);
      while (rows.length <= r) rows.push([]);
      // A text value that looks like a formula stays text, as the hosts keep it.
      const v = cell.formula ?? (typeof cell.value === 'string' && /^[=+\-@']/.test(cell.value) ? `'${cell.value}` : cell.value);
      rows[r][c] = v as RawCellContent;
    }
    sheets[name] = rows;
  }
  const engine = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', dateFormats: ['YYYY-MM-DD'], useArrayArithmetic: true });
  for (const [name, { sheet, region }] of Object.entries(wb.names)) {
    engine.addNamedExpression(name, `=${sheetRef(sheet, region).replace(/!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/, (_, c1, r1, c2, r2) => `!$${c1}$${r1}${c2 ? `:$${c2}$${r2}` : ''}`)}`);
  }
  return {
    engine,
    value(sheet, row, col) {
      const id = engine.getSheetId(sheet);
      if (id === undefined) throw new Error(`no sheet ${sheet}`);
      return engine.getCellValue({ sheet: id, row, col });
    },
  };
}
