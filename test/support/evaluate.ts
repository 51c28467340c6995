// Evaluates a MemoryWorkbook's formulas in a real formula engine (HyperFormula, tests only): the
// proof that generated sheets compute with native functions alone, without the add-in.
import { HyperFormula, RawCellContent } from 'hyperformula';
// HyperFormula's own module, for the one place where it reads criteria unlike every spreadsheet.
import { ArithmeticHelper } from '../../node_modules/hyperformula/es/interpreter/ArithmeticHelper.mjs';
import { sheetRef } from '../../shared/sheet-spec';
import { MemoryWorkbook } from './memory-workbook';

export interface Evaluated {
  engine: HyperFormula;
  value(sheet: string, row: number, col: number): unknown;
}

/**
 * HyperFormula 3.5 reads the wildcard ? in a criterion as "one character or none"; Excel, Google
 * Sheets and LibreOffice read it as exactly one (Excel's SUMIFS reference: "a question mark matches
 * any single character"). The generated sheets rely on that ("<>Acme?*": not Acme followed by
 * more), so the tests' engine reads wildcards as the hosts do: ? one character, * any run, ~ the
 * next character literally. Without case, as HyperFormula's settings here say.
 */
function readWildcardsAsTheHostsDo(): void {
  const helper = ArithmeticHelper.prototype as unknown as {
    buildRegex(this: HelperThis, pattern: string, matchWholeCell?: boolean): RegExp;
    normalizeString(this: HelperThis, text: string): string;
  };
  type HelperThis = { config: { useRegularExpressions: boolean; useWildcards: boolean; matchWholeCell: boolean }; normalizeString(text: string): string };
  if (typeof helper.buildRegex !== 'function' || typeof helper.normalizeString !== 'function') throw new Error('HyperFormula changed: check how it reads criteria wildcards');
  const original = helper.buildRegex;
  helper.buildRegex = function (pattern, matchWholeCell = true) {
    if (this.config.useRegularExpressions || !this.config.useWildcards) return original.call(this, pattern, matchWholeCell);
    const text = this.normalizeString(pattern);
    let source = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '~' && i + 1 < text.length && '~*?'.includes(text[i + 1])) source += `\\${text[++i]}`;
      else if (c === '*') source += '.*';
      else if (c === '?') source += '.';
      else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    return new RegExp(this.config.matchWholeCell && matchWholeCell ? `^(?:${source})$` : source, 's');
  };
}
readWildcardsAsTheHostsDo();

export function evaluate(wb: MemoryWorkbook): Evaluated {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const [name, sheet] of wb.sheets) {
    const rows: RawCellContent[][] = [];
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number);
      while (rows.length <= r) rows.push([]);
      // A text value stays text, as the hosts keep it (they write every text behind an apostrophe):
      // HyperFormula would read "007" as 7, "TRUE" as TRUE, "2020-01-02" as a date, "=x" as a formula.
      const v = cell.formula ?? (typeof cell.value === 'string' ? `'${cell.value}` : cell.value);
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
