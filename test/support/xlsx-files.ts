// Real .xlsx files for tests, made with ExcelJS: dates as date cells, a style, a formula, a
// validation, so "every cell of the input survives" has something to check.
import ExcelJS from 'exceljs';
import { Cell } from '../../shared/cells';

const EPOCH = Date.UTC(1899, 11, 30);

export async function writeXlsx(path: string, sheets: Record<string, Cell[][]>, dateColumns: Record<string, number[]> = {}): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(name);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        if (typeof v === 'number' && dateColumns[name]?.includes(j) && i > 0) {
          cell.value = new Date(EPOCH + v * 86400000);
          cell.numFmt = 'dd-mm-yyyy';
        } else cell.value = v as ExcelJS.CellValue;
      }),
    );
    ws.getRow(1).font = { bold: true };
    // Something of the user's that must survive: a note with a formula and a validation.
    const note = ws.getCell(1, 30);
    note.value = { formula: 'SUM(1,2)', result: 3 };
    ws.getCell(2, 30).dataValidation = { type: 'list', allowBlank: true, formulae: ['"ja,nee"'] };
  }
  await book.xlsx.writeFile(path);
}

/** Every cell of every sheet: value (formulas as formula text), number format and bold. */
export async function cellsOf(path: string): Promise<Map<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const cells = new Map<string, string>();
  for (const ws of book.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.set(`${ws.name}!${cell.address}`, JSON.stringify([cell.value, cell.numFmt ?? null, cell.font?.bold ?? false, cell.dataValidation ?? null]));
      }),
    );
  }
  return cells;
}
