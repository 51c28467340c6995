// Pictures of generated sheets as a reader sees them printed: LibreOffice (headless) turns a copy
// of the workbook with only that sheet visible into a PDF (soffice --convert-to pdf), and
// pdftoppm turns its pages into PNGs. Used by the tests (pictures in test-artifacts/) and by
// `npm run docs:pictures` (the README's pictures in docs/).
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether soffice and pdftoppm are installed (the tests skip their pictures without them). */
export const canRender = (): boolean =>
  spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 && spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0;

export interface SheetPicture {
  sheet: string;
  /** One PNG per printed page, in order. */
  pages: string[];
}

/** A file name from a sheet name: letters, digits and dashes. */
const fileName = (sheet: string) => sheet.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'sheet';

/**
 * Renders sheets of an .xlsx to PNGs in `outDir` (`<prefix><sheet>-1.png`, ...): each from a copy
 * where only that sheet is visible, long sheets cut to their first `maxRows` rows, at most
 * `maxPages` pages each. One LibreOffice run for all the copies.
 */
export async function renderSheets(
  path: string,
  sheets: string[],
  outDir: string,
  options: { prefix?: string; maxRows?: number; maxPages?: number; dpi?: number; /** Keep only this top part of each page (0–1). */ top?: number } = {},
): Promise<SheetPicture[]> {
  const { prefix = '', maxRows = 60, maxPages = 3, dpi = 70, top = 1 } = options;
  const work = join(outDir, `.render-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const copies: { sheet: string; file: string }[] = [];
    // Read once; each copy shows one sheet (and prints at most maxRows of it).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const setups = new Map(book.worksheets.map((ws) => [ws.name, { ...ws.pageSetup }]));
    for (const sheet of sheets) {
      const index = book.worksheets.findIndex((ws) => ws.name === sheet);
      if (index < 0) throw new Error(`no sheet ${sheet} in ${path}`);
      book.worksheets.forEach((ws, i) => (ws.state = i === index ? 'visible' : 'hidden'));
      book.views = [{ ...(book.views?.[0] ?? {}), activeTab: index, firstSheet: index } as ExcelJS.WorkbookView];
      const ws = book.worksheets[index];
      book.worksheets.forEach((other) => (other.pageSetup = { ...setups.get(other.name)! }));
      if (ws.rowCount > maxRows) {
        ws.pageSetup = { ...ws.pageSetup, printArea: `A1:${ws.getColumn(ws.columnCount).letter}${maxRows}`, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
      }
      const file = join(work, `${prefix}${fileName(sheet)}.xlsx`);
      await book.xlsx.writeFile(file);
      copies.push({ sheet, file });
    }
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', work, ...copies.map((c) => c.file)], { stdio: 'pipe', timeout: 300_000 });
    return copies.map(({ sheet, file }) => {
      const pdf = file.replace(/\.xlsx$/, '.pdf');
      if (!existsSync(pdf)) throw new Error(`LibreOffice made no PDF of ${sheet}`);
      const base = join(work, `${prefix}${fileName(sheet)}`);
      // The page size in points (72 a inch), for cutting off the bottom of each page.
      const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
      const crop = size && top < 1 ? ['-x', '0', '-y', '0', '-W', String(Math.round((Number(size[1]) * dpi) / 72)), '-H', String(Math.round((Number(size[2]) * dpi * top) / 72))] : [];
      execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', String(maxPages), ...crop, pdf, base], { stdio: 'pipe' });
      const pages = readdirSync(work)
        .filter((f) => f.startsWith(`${prefix}${fileName(sheet)}-`) && f.endsWith('.png'))
        .sort()
        .map((f, i) => {
          const to = join(outDir, `${prefix}${fileName(sheet)}-${i + 1}.png`);
          renameSync(join(work, f), to);
          return to;
        });
      return { sheet, pages };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
