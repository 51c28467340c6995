// npm start: the main job on the sample workbook — build, analyse examples/verkoop-2025.xlsx,
// make a key-account plan for every A account, and say where the result is.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/xlsx/cli';
import { buildAll } from './build';

const root = fileURLToPath(new URL('..', import.meta.url));
const input = join(root, 'examples', 'verkoop-2025.xlsx');
const outDir = join(root, 'examples', 'output');
const analysed = join(outDir, 'verkoop-2025.analysed.xlsx');
const output = join(outDir, 'verkoop-2025.planned.xlsx');
const show = (path: string) => relative(process.cwd(), path) || path;

async function start(): Promise<number> {
  await buildAll();
  console.log('Built the add-ins into dist/ (Excel: dist/excel, Google Sheets: dist/sheets, command line: dist/cli).\n');
  mkdirSync(outDir, { recursive: true });
  console.log(`$ account-planner analyze ${show(input)} --out ${show(analysed)}\n`);
  let code = await main(['analyze', input, '--out', analysed, '--replace']);
  if (code !== 0) return code;
  console.log(`\n$ account-planner plans ${show(analysed)} --tier A --out ${show(output)}\n`);
  code = await main(['plans', analysed, '--tier', 'A', '--out', output, '--owner', 'Account manager']);
  if (code !== 0) return code;
  console.log(`\nDone. Open ${show(output)} in Excel, LibreOffice or Google Sheets: the tier columns beside the`);
  console.log('invoices, the Pareto sheet, a plan tab per A account and the "Plans overview" — all native formulas.');
  return 0;
}

start().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(`npm start failed: ${e.message}`);
    process.exitCode = 1;
  },
);
