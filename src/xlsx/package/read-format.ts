// The number format of one cell, read from the package: the cell's own style, else its row's,
// else its column's (as spreadsheet applications resolve it), then that style's format code.
import { XlsxPackage } from './read-package';
import { parseCellReference, styleNumberFormats } from './read-cells';

/** The formats every spreadsheet knows by number (ECMA-376 18.8.30), as their codes. */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** Per cell style (index into cellXfs): its number format code. */
const formatCodes = (pkg: XlsxPackage): string[] =>
  styleNumberFormats(pkg).map(({ id, code }) => (code !== undefined ? (code ?? 'General') : (BUILT_IN[id] ?? 'General')));

/** The number format code of the cell at (row, col) of a sheet (0-based); "General" when it has none. */
export function numberFormatAt(pkg: XlsxPackage, sheetName: string, row: number, col: number): string {
  const sheet = pkg.sheet(sheetName);
  if (!sheet?.part) return 'General';
  let style: number | null = null;
  let rowStyle: number | null = null;
  let colStyle: number | null = null;
  let currentRow = -1;
  let currentCol = -1;
  pkg.readXml(sheet.part, {
    open: (name, a) => {
      if (name === 'col' && colStyle === null && a.style !== undefined && Number(a.min) - 1 <= col && col <= Number(a.max) - 1) colStyle = Number(a.style);
      else if (name === 'row') {
        currentRow = a.r ? Number(a.r) - 1 : currentRow + 1;
        currentCol = -1;
        if (currentRow === row && a.s !== undefined && a.customFormat !== undefined && a.customFormat !== '0' && a.customFormat !== 'false') rowStyle = Number(a.s);
      } else if (name === 'c') {
        const at = a.r ? parseCellReference(a.r) : null;
        currentCol = at ? at.col : currentCol + 1;
        if (at && at.row >= 0) currentRow = at.row;
        if (currentRow === row && currentCol === col) style = a.s ? Number(a.s) : 0;
      }
    },
    close: (name) => (name === 'row' && currentRow >= row) || style !== null ? false : undefined,
  });
  const xf = style ?? rowStyle ?? colStyle ?? 0;
  return formatCodes(pkg)[xf] ?? 'General';
}
