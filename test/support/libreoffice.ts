// LibreOffice (headless) as a second spreadsheet application for the tests: it opens a workbook,
// recalculates its formulas and writes every sheet to CSV.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvLine } from './fixtures';

export const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Every sheet of a workbook as rows of CSV cells, keyed by sheet name. `asShown`: each cell's
 * text as its number format shows it (the CSV filter's "save cell contents as shown"), which is
 * what a reader sees, except that a too-narrow column shows ### instead.
 */
export function sheetsAsCsv(path: string, dir: string, options: { asShown?: boolean } = {}): Record<string, string[][]> {
  const out = join(dir, `csv-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out, { recursive: true });
  // LibreOffice names each file <base>-<sheet>.csv: a base without "-" keeps the sheet name clean.
  const book = join(out, 'book.xlsx');
  copyFileSync(path, book);
  // Separator comma, quote ", UTF-8, from line 1; token 9 = as shown; sheet -1 = every sheet to its own file.
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${options.asShown ? 'true' : 'false'},false,false,-1`;
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', filter, book, '--outdir', out], { stdio: 'pipe', timeout: 300_000 });
  const sheets: Record<string, string[][]> = {};
  for (const file of readdirSync(out)) {
    if (!file.endsWith('.csv')) continue;
    sheets[file.replace(/^book-/, '').replace(/\.csv$/, '')] = readFileSync(join(out, file), 'utf8').split('\n').map(parseCsvLine);
  }
  return sheets;
}
