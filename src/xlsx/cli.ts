// The command-line runner: the same shared commands as the panes, on .xlsx files. Every failure
// the user can fix is one line on stderr and a non-zero exit; the input is never modified unless
// --in-place is given.
import { accessSync, constants, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisOptions, Detection, Preview, apply, detect } from '../../shared/commands/analysis';
import { UserError, isUserError } from '../../shared/commands/errors';
import { refreshOverview } from '../../shared/commands/overview';
import { PlanOptions, PlansResult, generatePlans, listAccounts } from '../../shared/commands/plans';
import { DEFAULT_MANAGERS, MAX_MANAGERS, SelectionOptions, SelectionResult, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { serialOfTime } from '../../shared/dates';
import { cliWords } from '../../shared/i18n/cli';
import { Language, fill, formatNumber, formatPercent, languageFrom } from '../../shared/i18n/strings';
import { isPackageError } from './package/errors';
import { XlsxWorkbook } from './workbook';

const USAGE = `Usage: account-planner <command> <workbook.xlsx> [options]

Commands:
  analyze    Pareto analysis of a revenue sheet: tiers, categories, summary (the pane's Analyse)
  plans      a plan tab per account, from a template, and the plans overview
  overview   add rows for new plan tabs to the plans overview
  select     a Key-account selection sheet: managers rate the candidates on agreed criteria

The input is never changed: the result goes to <name>.planned.xlsx unless --out or --in-place.
Run "account-planner <command> --help" for the options.`;

const PLANS_USAGE = `Usage: account-planner plans <workbook.xlsx> [options]

Makes a plan tab per account ("Plan – <account>") and lists every plan in the "Plans overview"
sheet. An account that already has a plan tab is skipped, never replaced.

Options:
  --tier LABEL         every account of this tier (default: A; needs "analyze" first)
  --accounts LIST      account names instead, separated by ";"
  --key-accounts       the accounts marked "yes" on the Key-account selection sheet
  --moved-down         the accounts that moved down a tier on the Tier migration sheet
                       (analyze --compare makes it)
  --template NAME      key (default), quick, or the name of a "Template …" sheet in the workbook
  --lang en|nl         language of the plans (default: from LANG)
  --start YYYY-MM-DD   plan start date (default: today)
  --owner NAME         account owner written into each plan
  --max N              make at most this many plans (default: 200); more stops with a message
  --product COLUMN     product (group) column for the whitespace grid and sheet, by header or
                       letter, or "none" (default: the one the analysis found)
  --out FILE           where to write (default: <name>.planned.xlsx beside the input)
  --in-place           write into the input file itself
  -h, --help           this help

Placeholders in your own template sheet: {{account}} {{tier}} {{category}} {{revenue}} {{owner}}
{{plan_start}} {{review_1}} {{review_2}} {{review_3}}`;

/** More plan tabs than this at once need --max: hundreds of tabs make a workbook slow to open. */
const MAX_PLANS = 200;

const SELECT_USAGE = `Usage: account-planner select <workbook.xlsx> [options]

Writes a "Key-account selection" sheet from the analysis: the candidate accounts with their
revenue, growth, tier and category (live formulas), the criteria and their weights, a block per
manager to rate every candidate 1-5 on every criterion, the consensus score, the spread between
managers (2 points or more: discuss), the rank and a "Key account?" column to decide in. Then
"plans --key-accounts" plans the accounts marked "yes". An earlier selection sheet is never
changed: a new round goes on a new sheet and starts from the earlier criteria and weights.

Options:
  --tiers LIST         candidates: the accounts of these tiers, e.g. A,B (default: the first two)
  --accounts LIST      candidates by name instead, separated by ";"
  --managers N         how many managers rate (default: 3, at most 12)
  --lang en|nl         language of the sheet (default: from LANG)
  --out FILE           where to write (default: <name>.planned.xlsx beside the input)
  --in-place           write into the input file itself
  -h, --help           this help`;

const OVERVIEW_USAGE = `Usage: account-planner overview <workbook.xlsx> [--lang en|nl] [--product COLUMN|none] [--out FILE] [--in-place]

Adds a row to the "Plans overview" sheet for every plan tab not listed yet, with its health
score; the weights and columns you added to the overview are kept. With a product column it
rewrites the Whitespace sheet (--product: by header or letter, or "none").`;

const ANALYZE_USAGE = `Usage: account-planner analyze <workbook.xlsx> [options]

Finds the revenue table, tiers the accounts (A/B/C), and writes the tier columns and a Pareto
sheet into a copy of the workbook. Columns are detected when not given.

Options:
  --sheet NAME         the sheet with the revenue table (default: the active sheet)
  --account COLUMN     account column, by header text or letter (e.g. "Klant" or B)
  --amount COLUMN      amount column, by header text or letter
  --date COLUMN        date column for the categories, or "none"
  --cutoffs LIST|auto  tier cutoffs as fractions, e.g. 0.8,0.95 (default); auto: computed from
                       the data (the computed ABC analysis of Ultsch & Lötsch, as PARETO_CUTOFFS)
  --labels LIST        tier labels, one more than the cutoffs, e.g. A,B,C (default)
  --compare            add a Tier migration sheet: who moved tier, the last 12 months of the
                       data against the 12 before (needs a date column)
  --split YYYY-MM-DD   with --compare: the lines before this date against the lines from it on
  --within COLUMN      tier each account within its group of this column (region, rep), by
                       header text or letter; not together with --compare
  --lang en|nl         language of the output (default: from LANG)
  --out FILE           where to write (default: <name>.planned.xlsx beside the input)
  --in-place           write into the input file itself
  --replace            replace the add-in's earlier analysis in this workbook
  -h, --help           this help`;

class CliError extends Error {}

type ErrorKey = keyof ReturnType<typeof cliWords>['errors'];

// The language of the run in progress and its error lines: main() sets them from the command
// line before anything can fail, so every check below can simply fail().
let messageLanguage: Language = 'en';
let errorWords = cliWords(messageLanguage).errors;

function fail(key: ErrorKey, values: Record<string, string | number> = {}): never {
  throw new CliError(fill(errorWords[key], values));
}

/** The language asked for with --lang (or LANG), read before the options are parsed. */
function languageOfArgs(argv: string[]): Language {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = at < 0 ? undefined : argv[at].startsWith('--lang=') ? argv[at].slice(7) : argv[at + 1];
  return given === 'nl' || given === 'en' ? given : languageFrom(process.env.LANG);
}

const progress = (message: string) => {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
};

/** Workbooks this run opened: closed when it ends, however it ends. */
const opened = new Set<XlsxWorkbook>();

/** Opens an .xlsx, with one clear sentence for each way that can go wrong. */
export function openWorkbook(path: string): XlsxWorkbook {
  let wb: XlsxWorkbook;
  try {
    wb = XlsxWorkbook.open(path);
  } catch (e) {
    if (isPackageError(e)) fail(e.key, e.values);
    throw e;
  }
  opened.add(wb);
  if (!wb.pkg.sheets.some((s) => s.kind === 'worksheet')) {
    wb.close();
    fail('noSheets', { name: basename(path) });
  }
  return wb;
}

/** The workbook being changed and where the result goes. */
interface Change {
  wb: XlsxWorkbook;
  input: string;
  target: string;
}

/** Opens the input for a command that writes. The output is the input's package with only the
 * command's changes, so writing in place loses nothing (a backup is kept all the same). */
function openForChange(input: string, options: { out?: string; 'in-place'?: boolean }): Change {
  const inPlace = Boolean(options['in-place']);
  if (!existsSync(input)) fail('noFile', { path: input });
  const target = outputFile(input, options.out, inPlace);
  progress(`Reading ${basename(input)}…`);
  return { wb: openWorkbook(input), input, target };
}

/** .xlsx, or .xlsm for a workbook with macros: the output keeps the input's kind. */
const kindOf = (path: string) => (extname(path).toLowerCase() === '.xlsm' ? '.xlsm' : '.xlsx');

function outputFile(input: string, out: string | undefined, inPlace: boolean): string {
  if (inPlace && out !== undefined) fail('inPlaceAndOut');
  if (inPlace) return writable(input);
  const kind = kindOf(input);
  if (out) {
    if (resolve(out) === resolve(input)) fail('outIsInput');
    if (extname(out).toLowerCase() !== kind) fail('outNotXlsx', { out, kind });
    if (!existsSync(dirname(resolve(out)))) fail('outFolder', { folder: dirname(out) });
    return writable(out);
  }
  return writable(join(dirname(input), `${basename(input, extname(input))}.planned${kind}`));
}

/** The target, once it is clear that its folder takes new files (the result is written beside it
 * and renamed): a read-only folder is said before any work, not after a summary. */
function writable(target: string): string {
  const folder = dirname(resolve(target));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    fail('readOnlyFolder', { folder, file: basename(target) });
  }
  return target;
}

function list(text: string | undefined, what: string): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) fail('empty', { option: what });
  return parts;
}

function fractions(text: string | undefined): number[] | undefined {
  return list(text, '--cutoffs')?.map((p) => {
    const percent = p.endsWith('%');
    const x = Number(percent ? p.slice(0, -1) : p);
    if (!Number.isFinite(x)) fail('notANumber', { value: p });
    return percent ? x / 100 : x;
  });
}

/** A column given by header text (any case) or by letter, among the table's columns. */
function columnOf(detection: Detection, given: string | undefined, what: string): number | undefined {
  if (given === undefined) return undefined;
  const wanted = given.trim().toLowerCase();
  const byTitle = detection.columns.find((c) => c.title.toLowerCase() === wanted);
  const byLetter = detection.columns.find((c) => c.letter.toLowerCase() === wanted);
  const column = byTitle ?? byLetter;
  if (!column) {
    const known = detection.columns.map((c) => `${c.letter} "${c.title}"`).join(', ');
    fail('noColumn', { option: what, given, sheet: detection.sheet, known });
  }
  return column.col;
}

function printSummary(p: Preview, language: Language, out: (line: string) => void): void {
  const w = cliWords(language);
  out(fill(w.summary, { where: `${p.sheet}!${p.address}`, rows: formatNumber(p.rows, language), accounts: formatNumber(p.accounts, language), revenue: formatNumber(p.revenue, language, 2) }));
  out(p.headline);
  out('');
  const rows = [
    w.headers,
    ...p.tiers.map((t) => [t.label, formatNumber(t.accounts, language), formatPercent(t.accountShare, language), formatNumber(t.revenue, language, 2), formatPercent(t.revenueShare, language)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  rows.forEach((r, k) => {
    out(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    if (k === 0) out(widths.map((n) => '-'.repeat(n)).join('  '));
  });
  const l = p.leftOut;
  const few = (rows: number[]) => rows.slice(0, 5).join(', ') + (rows.length > 5 ? ', ...' : '');
  const count = (n: number, one: string, many: string) => (n === 1 ? one : fill(many, { n }));
  const notes = [
    l.totalsRows.length ? `${l.totalsRows.length === 1 ? w.totalsRow : w.totalsRows} ${few(l.totalsRows)}` : '',
    l.textRows.length ? `${count(l.textRows.length, w.rowText, w.rowsText)} (${few(l.textRows)})` : '',
    l.errorRows.length ? `${count(l.errorRows.length, w.rowError, w.rowsError)} (${few(l.errorRows)})` : '',
    l.missingAccountRows.length ? `${count(l.missingAccountRows.length, w.rowNoAccount, w.rowsNoAccount)} (${few(l.missingAccountRows)})` : '',
    l.blankRows ? count(l.blankRows, w.blankRow, w.blankRows) : '',
  ].filter(Boolean);
  if (notes.length) out(`\n${w.leftOut}: ${notes.join('; ')}`);
  if (p.categories) out(fill(w.categories, { counts: p.categories.join(' / ') }));
}

const FILE_OPTIONS = {
  lang: { type: 'string' },
  out: { type: 'string' },
  'in-place': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** The command's options, parsed; an unknown option or a missing value gets the runner's own
 * sentence naming the command's options, not the argument parser's text. */
function parseOptions<T extends OptionSpec>(args: string[], command: string, options: T) {
  const { values, positionals, tokens } = parseArgs({ args, allowPositionals: true, strict: false, tokens: true, options });
  const known = Object.keys(options).map((name) => `--${name}`).join(', ');
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) fail('unknownOption', { option: token.rawName, command, options: known });
    if (spec.type === 'string' && token.value === undefined) fail('optionValue', { option: token.rawName });
    if (spec.type === 'boolean' && token.value !== undefined) fail('optionNoValue', { option: token.rawName });
  }
  return { values: values as { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean }, positionals };
}

function languageOption(lang: string | undefined): Language {
  if (lang === undefined) return languageFrom(process.env.LANG);
  if (lang === 'nl' || lang === 'en') return lang;
  return fail('lang', { lang });
}

function oneWorkbook(positionals: string[], command: string): string {
  if (positionals.length !== 1) positionals.length ? fail('manyWorkbooks', { n: positionals.length }) : fail('whichWorkbook', { command });
  return positionals[0];
}

/** A free name beside the input for the file as it was: verkoop.backup.xlsx, verkoop.backup 2.xlsx... */
function backupPath(input: string): string {
  const base = join(dirname(input), basename(input, extname(input)));
  for (let n = 1; ; n++) {
    const path = `${base}.backup${n === 1 ? '' : ` ${n}`}${kindOf(input)}`;
    if (!existsSync(path)) return path;
  }
}

/** Writes beside the target and renames, so a failure never leaves half a workbook. Writing in
 * place keeps the file as it was beside it too, as a user's safety net. */
async function save(change: Change, language: Language, out: (line: string) => void): Promise<void> {
  progress(`Writing ${basename(change.target)}…`);
  const temporary = `${change.target}.tmp-${process.pid}`;
  try {
    change.wb.save(temporary);
    if (change.target === change.input) {
      const backup = backupPath(change.input);
      copyFileSync(change.input, backup, constants.COPYFILE_EXCL);
      out(fill(cliWords(language).backup, { file: basename(change.input), backup }));
    }
    renameSync(temporary, change.target);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const folder = dirname(resolve(change.target));
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') fail('readOnlyFolder', { folder, file: basename(change.target) });
    if (code === 'ENOSPC' || code === 'EDQUOT') fail('diskFull', { folder, file: basename(change.target) });
    if (code) fail('cannotWrite', { file: change.target });
    throw e;
  } finally {
    change.wb.close();
    rmSync(temporary, { force: true });
  }
}

function isoToSerial(text: string, option: 'start' | 'split' = 'start'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2026-13-01 over into 2027: a real date reads back as written.
  if (!m || !Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== text) fail(option, { text });
  return Math.round(serialOfTime(time));
}

/** --product COLUMN (a header or a letter, checked by the command against the revenue table) or none. */
const productOption = (given: string | undefined): string | null | undefined => (given?.trim().toLowerCase() === 'none' ? null : given);

async function plans(args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseOptions(args, 'plans', {
    ...FILE_OPTIONS,
    tier: { type: 'string' },
    accounts: { type: 'string' },
    template: { type: 'string' },
    start: { type: 'string' },
    owner: { type: 'string' },
    max: { type: 'string' },
    product: { type: 'string' },
    'key-accounts': { type: 'boolean' },
    'moved-down': { type: 'boolean' },
  });
  if (values.help) return out(PLANS_USAGE);
  const input = oneWorkbook(positionals, 'plans');
  const language = languageOption(values.lang);
  if ([values.tier !== undefined, values.accounts !== undefined, Boolean(values['key-accounts']), Boolean(values['moved-down'])].filter(Boolean).length > 1) fail('tierOrAccounts');
  const planStart = values.start === undefined ? undefined : isoToSerial(values.start);
  const max = values.max === undefined ? MAX_PLANS : Number(values.max);
  if (!Number.isInteger(max) || max < 1) fail('max', { max: String(values.max) });
  const change = openForChange(input, values);
  const { wb } = change;
  const template = values.template ?? 'key';
  const options: PlanOptions = {
    host: 'xlsx',
    language,
    accounts: values['key-accounts']
      ? { keyAccounts: true }
      : values['moved-down']
        ? { movedDown: true }
        : values.accounts !== undefined
          ? { names: values.accounts.split(';') }
          : { tier: values.tier ?? 'A' },
    template: template === 'key' || template === 'quick' ? template : { sheet: template },
    planStart,
    owner: values.owner,
    product: productOption(values.product),
    onProgress: (done, total, account) => progress(`Plan ${done} of ${total}: ${account}`),
  };
  let result: PlansResult;
  try {
    // The pane shows the count before anything is made; here a tier of a large customer base
    // would quietly make thousands of tabs, and a workbook with that many is slow to open.
    const count = (await listAccounts(wb, options)).length;
    if (count > max) {
      const what = 'tier' in options.accounts
        ? fill(errorWords.tier, { tier: options.accounts.tier })
        : 'keyAccounts' in options.accounts
          ? '--key-accounts'
          : 'movedDown' in options.accounts
            ? '--moved-down'
            : '--accounts';
      fail('tooMany', { what, count, max });
    }
    result = await generatePlans(wb, options);
  } catch (e) {
    if (isUserError(e) && 'tier' in options.accounts && /Pareto/.test(e.message)) fail('analyzeFirst', { message: e.message, name: basename(input) });
    throw e;
  }
  const w = cliWords(language);
  const width = Math.max(w.made.length, w.skipped.length);
  const notes: string[] = [];
  await save(change, language, (line) => notes.push(line));
  for (const m of result.made) out(`  ${w.made.padEnd(width)}  ${m.sheet}`);
  for (const k of result.skipped) out(`  ${w.skipped.padEnd(width)}  ${k.sheet} ${w.already}`);
  notes.forEach((line) => out(line));
  out(`\n${result.message}`);
  out(fill(w.written, { path: change.target }));
  if (result.failed) throw new CliError(`stopped at ${result.failed.account}: ${result.failed.message}`);
}

async function select(args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseOptions(args, 'select', { ...FILE_OPTIONS, tiers: { type: 'string' }, accounts: { type: 'string' }, managers: { type: 'string' } });
  if (values.help) return out(SELECT_USAGE);
  const input = oneWorkbook(positionals, 'select');
  const language = languageOption(values.lang);
  if (values.tiers !== undefined && values.accounts !== undefined) fail('tiersOrAccounts');
  const managers = values.managers === undefined ? DEFAULT_MANAGERS : Number(values.managers);
  if (!Number.isInteger(managers) || managers < 1 || managers > MAX_MANAGERS) fail('managers', { managers: String(values.managers), max: MAX_MANAGERS });
  const options: SelectionOptions = { language, managers, tiers: list(values.tiers, '--tiers'), names: values.accounts === undefined ? undefined : list(values.accounts, '--accounts') };
  const change = openForChange(input, values);
  let result: SelectionResult;
  try {
    result = await writeSelectionSheet(change.wb, options);
  } catch (e) {
    if (isUserError(e) && /Pareto/.test(e.message)) fail('analyzeFirst', { message: e.message, name: basename(input) });
    throw e;
  }
  await save(change, language, out);
  out(result.message);
  out(fill(cliWords(language).written, { path: change.target }));
}

async function overview(args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseOptions(args, 'overview', { ...FILE_OPTIONS, product: { type: 'string' } });
  if (values.help) return out(OVERVIEW_USAGE);
  const input = oneWorkbook(positionals, 'overview');
  const language = languageOption(values.lang);
  const change = openForChange(input, values);
  const result = await refreshOverview(change.wb, { language, product: productOption(values.product) });
  await save(change, language, out);
  out(result.message);
  out(fill(cliWords(language).written, { path: change.target }));
}

async function analyze(args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseOptions(args, 'analyze', {
    ...FILE_OPTIONS,
    sheet: { type: 'string' },
    account: { type: 'string' },
    amount: { type: 'string' },
    date: { type: 'string' },
    cutoffs: { type: 'string' },
    labels: { type: 'string' },
    replace: { type: 'boolean' },
    compare: { type: 'boolean' },
    split: { type: 'string' },
    within: { type: 'string' },
  });
  if (values.help) return out(ANALYZE_USAGE);
  const input = oneWorkbook(positionals, 'analyze');
  const language = languageOption(values.lang);
  const change = openForChange(input, values);
  const { wb } = change;
  const detection = detect(wb, { sheet: values.sheet, language }) as Detection;
  const options: AnalysisOptions = {
    host: 'xlsx',
    language,
    sheet: detection.sheet,
    account: columnOf(detection, values.account, 'account'),
    amount: columnOf(detection, values.amount, 'amount'),
    date: values.date?.toLowerCase() === 'none' ? null : columnOf(detection, values.date, 'date'),
    cutoffs: values.cutoffs?.trim().toLowerCase() === 'auto' ? 'auto' : fractions(values.cutoffs),
    labels: list(values.labels, '--labels'),
    replace: Boolean(values.replace),
    compare: values.compare || values.split !== undefined ? { split: values.split === undefined ? undefined : isoToSerial(values.split, 'split') } : undefined,
    within: columnOf(detection, values.within, 'within'),
  };
  progress(`Analysing ${formatNumber(detection.dataRows, language)} rows…`);
  const result = await apply(wb, options);
  if (result.status === 'confirm') fail('replace', { message: result.message.replace(/\?$/, '') });
  // The summary is printed once the file is written: a run that could not save never looks done.
  const notes: string[] = [];
  await save(change, language, (line) => notes.push(line));
  printSummary(result.preview, language, out);
  if (options.cutoffs === 'auto') {
    const [a, b] = result.preview.cutoffs.map((c) => formatPercent(c, language));
    out(fill(cliWords(language).computedCutoffs, { a, b }));
  }
  if (result.migration) {
    const m = result.migration;
    out(fill(cliWords(language).migrationWritten, { sheet: m.sheet, down: m.movedDown, lost: m.lost, added: m.added }));
  }
  notes.forEach((line) => out(line));
  out(`\n${result.message}`);
  if (wb.skipped.includes('chart')) out(cliWords(language).noChart);
  out(fill(cliWords(language).written, { path: change.target }));
}

/** Runs the CLI; returns the exit code. Output and errors go through the given writers. */
export async function main(argv: string[], out = (l: string) => console.log(l), err = (l: string) => console.error(l)): Promise<number> {
  const [command, ...rest] = argv;
  messageLanguage = languageOfArgs(argv);
  errorWords = cliWords(messageLanguage).errors;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'analyze' || command === 'analyse') await analyze(rest, out);
    else if (command === 'plans') await plans(rest, out);
    else if (command === 'overview') await overview(rest, out);
    else if (command === 'select') await select(rest, out);
    else fail('unknownCommand', { command });
    return 0;
  } catch (e) {
    if (isPackageError(e)) {
      err(`account-planner: ${fill(errorWords[e.key], e.values)}`);
      return 1;
    }
    if (e instanceof CliError || isUserError(e) || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`account-planner: ${(e as Error).message.split('\n')[0]}`);
      return e instanceof UserError || e instanceof CliError ? 1 : 2;
    }
    err(`account-planner: ${fill(errorWords.unexpected, { message: (e as Error)?.message ?? String(e) })}`);
    return 70;
  } finally {
    // A command that stopped halfway (a message, a failure) leaves no file open behind it.
    for (const wb of opened) wb.close();
    opened.clear();
  }
}
