// Writes an .xlsx of invoice lines for the runner's benchmark: node --import tsx bench/make-workbook.ts FILE ROWS CUSTOMERS
import ExcelJS from 'exceljs';
import { invoiceLines } from '../test/support/revenue-sheets';

const [file, rows, customers] = process.argv.slice(2);
const book = new ExcelJS.Workbook();
const ws = book.addWorksheet('Sales');
for (const line of invoiceLines(Number(rows), Number(customers))) ws.addRow(line);
await book.xlsx.writeFile(file);
