// npm start: the main job on the sample workbook — build, analyse examples/verkoop-2025.xlsx,
// make a key-account plan for every A account, and say where the result is. The sample is Dutch,
// so the sheets it writes are Dutch (--lang nl); every command is printed exactly as it runs.
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
/** An argument as a shell needs it: quoted when it holds anything but plain characters. */
const shellWord = (arg: string) => (/^[\w./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The runner's commands for the sample, as run and as printed. */
const SAMPLE_COMMANDS = [
  ['analyze', input, '--lang', 'nl', '--out', analysed, '--replace'],
  ['plans', analysed, '--tier', 'A', '--lang', 'nl', '--owner', 'Accountmanager', '--out', output],
];

async function run(args: string[]): Promise<number> {
  console.log(`$ account-planner ${args.map((a, i) => shellWord(i > 0 && a.startsWith(root) ? show(a) : a)).join(' ')}\n`);
  return main(args);
}

async function start(): Promise<number> {
  await buildAll();
  console.log('Built the add-ins into dist/ (Excel: dist/excel, Google Sheets: dist/sheets, command line: dist/cli).\n');
  mkdirSync(outDir, { recursive: true });
  for (const [i, args] of SAMPLE_COMMANDS.entries()) {
    if (i > 0) console.log('');
    const code = await run(args);
    if (code !== 0) return code;
  }
  console.log(`\nDone. Open ${show(output)} in Excel, LibreOffice or Google Sheets: the tier columns beside the`);
  console.log('invoices, the Pareto sheet, a plan tab per A account and the "Plannen-overzicht" — all native formulas.');
  console.log('The sample is Dutch, so the sheets are too; leave out --lang and the runner follows LANG.');
  return 0;
}

start().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(`npm start failed: ${e.message}`);
    process.exitCode = 1;
  },
);
