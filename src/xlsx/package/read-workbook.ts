// The read half of the Workbook port on an .xlsx package: info() and readSheet() answered from
// the package as it is on disk (src/xlsx/workbook.ts puts them together with the write half).
import { Cell, Matrix } from '../../../shared/cells';
import { Region } from '../../../shared/sheet-spec';
import { SheetValues, WorkbookInfo } from '../../../shared/workbook';
import { CellContext, activeCell, cellContext, eachCell } from './read-cells';
import { XlsxPackage } from './read-package';

/** "'Sales 2026'!$B$2:$D$9" → sheet and region; null for anything else (formulas, constants, unions). */
export function parseReference(reference: string): { sheet: string; region: Region } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(reference.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [r1, c1] = [Number(m[4]) - 1, col(m[3])];
  const [r2, c2] = m[5] ? [Number(m[6]) - 1, col(m[5])] : [r1, c1];
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), region: { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 } };
}

/** The sheets (every kind, in tab order: their names are taken), the active cell, the workbook's names. */
export function workbookInfo(pkg: XlsxPackage): WorkbookInfo {
  const sheets = pkg.sheets.map((s) => s.name);
  const activeSheet = pkg.sheets[pkg.activeTab] ?? pkg.sheets[0];
  const at = activeSheet?.part && activeSheet.kind === 'worksheet' ? activeCell(pkg, activeSheet.part) : { row: 0, col: 0 };
  const names: WorkbookInfo['names'] = {};
  for (const entry of pkg.definedNames) {
    const ref = entry.localSheetId === undefined ? parseReference(entry.formula) : null;
    if (ref) names[entry.name] = ref;
  }
  return { sheets, active: { sheet: activeSheet?.name ?? '', ...at }, names };
}

/** Every value of a sheet's used range (the block from its first to its last cell with a value),
 * read streaming: memory grows with the values, not with the sheet's XML. */
export function sheetValues(pkg: XlsxPackage, name: string, context: CellContext = cellContext(pkg)): SheetValues {
  const sheet = pkg.sheet(name);
  const blank: SheetValues = { sheet: sheet?.name ?? name, origin: { row: 0, col: 0 }, values: [[null]] };
  if (!sheet?.part || sheet.kind !== 'worksheet') return blank;
  // Rows by absolute index, cells by absolute column; cut to the used range at the end.
  const rows: Cell[][] = [];
  let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
  eachCell(pkg, sheet.part, context, (r, c, value) => {
    (rows[r] ??= [])[c] = value;
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  });
  if (bottom < 0) return blank;
  const width = right - left + 1;
  const values: Matrix = new Array(bottom - top + 1);
  for (let r = top; r <= bottom; r++) {
    const row = rows[r];
    // A new array of the exact width, not the row grown cell by cell: V8 gives a growing array
    // room for 17 cells, which for 1,048,576 rows of 6 is some 85 MB of empty slots kept.
    const out: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) out[c] = row?.[left + c] ?? null;
    values[r - top] = out;
    rows[r] = undefined as unknown as Cell[];
  }
  return { sheet: sheet.name, origin: { row: top, col: left }, values };
}
