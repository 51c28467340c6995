// npm run build: writes dist/excel (task pane, functions.js, functions.json, manifest) and
// dist/sheets (Code.js, Server.js, Sidebar.html, appsscript.json), all from one catalog.
//   --base-url https://example.com/planner/   production base for the Excel manifest
//   --list                                    print what was built, with sizes
import { Plugin, build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS, FunctionSpec } from '../shared/catalog';
import { FUNCTION_HELP } from '../shared/i18n/function-help';
import { Language } from '../shared/i18n/strings';
import { helpPages, helpUrl } from './help-pages';
import { manifestVersion, packageInfo } from './package-info';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
export const DEV_BASE_URL = 'https://localhost:3000/';

/**
 * Excel's functions.json: every parameter a matrix of any, so ranges and single cells both fit.
 * One file per language (the manifest points Dutch Excel at the Dutch one): the same ids, names
 * and parameters, so workbooks travel between colleagues; only the help differs.
 */
export function excelMetadata(functions: readonly FunctionSpec[], baseUrl = DEV_BASE_URL, language: Language = 'en') {
  return {
    allowErrorForDataTypeAny: true,
    functions: functions.map((f) => ({
      id: f.name,
      name: f.name,
      description: FUNCTION_HELP[f.name].description[language],
      helpUrl: helpUrl(f, language, baseUrl),
      // The arguments' addresses let the shared runtime tell Excel desktop's empty cells (sent as
      // 0) from real zeros (src/excel/blanks.ts); this option needs a matrix result.
      options: { requiresParameterAddresses: true },
      result: { type: 'any', dimensionality: 'matrix' },
      parameters: f.params.map((p) => ({
        name: p.name,
        description: FUNCTION_HELP[f.name].params[p.name][language],
        type: 'any',
        dimensionality: 'matrix',
        optional: Boolean(p.optional),
      })),
    })),
  };
}

/** Excel's function metadata per language, under dist/excel; the manifest's nl-NL override names the Dutch one. */
export const EXCEL_METADATA_FILES: Record<Language, string> = { en: 'functions.json', nl: 'nl/functions.json' };

/** The global of Code.js's core: the custom functions, the only code that runs in a cell. */
const CELLS_GLOBAL = 'AccountPlanner';
/** The global of Server.js: the menu, the sidebar and everything the sidebar calls. */
const SERVER_GLOBAL = 'AccountPlannerServer';

const jsdocText = (text: string) => text.replace(/\*\//g, '* /');

/** The top-level wrapper Apps Script needs to see a custom function, with its JSDoc. */
export function appsScriptWrapper(f: FunctionSpec): string {
  const names = f.params.map((p) => p.name);
  const help = FUNCTION_HELP[f.name];
  const doc = [
    `/**`,
    ` * ${jsdocText(help.description.en)}`,
    ...f.params.map((p) => ` * @param {any} ${p.name} ${p.optional ? '[optional] ' : ''}${jsdocText(help.params[p.name].en)}`),
    ` * @return {any[][]} ${f.returns === 'dates' ? 'Dates, one per row.' : 'One result per row of the input.'}`,
    ` * @customfunction`,
    ` */`,
  ];
  return `${doc.join('\n')}\nfunction ${f.name}(${names.join(', ')}) {\n  return ${CELLS_GLOBAL}.sheetsFunctionNamed('${f.name}', [${names.join(', ')}]);\n}\n`;
}

/**
 * The top-level function Apps Script calls for a menu item, a trigger or google.script.run. It
 * names the server's global only inside its body: Apps Script loads a project's files in an order
 * of its own, and by the time anything is called all of them are loaded.
 */
const entryPointWrapper = (name: string): string => `function ${name}(e) {\n  return ${SERVER_GLOBAL}.${name}(e);\n}\n`;

export const SERVER_ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'analysisDetect',
  'analysisPreview',
  'analysisApply',
  'plansTemplates',
  'plansTiers',
  'plansAccounts',
  'plansGenerate',
  'overviewRefresh',
  'selectionWrite',
  'migrationWrite',
  'activateSheet',
];

/**
 * Gives every line `export { computeRows as name } from './row-loop';` of
 * shared/formulas/row-loops.ts a module of its own: a copy of row-loop.ts, so each element-wise
 * function gets its own row loop (and V8 its own feedback and optimised code for it). What the
 * copies import stays shared. A line written any other way fails the build rather than quietly
 * sharing one loop again.
 */
export const rowLoopCopies: Plugin = {
  name: 'row-loop-copies',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]formulas[\\/]row-loops\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const exports = text.match(/^\s*export\b/gm)?.length ?? 0;
      let copies = 0;
      const contents = text.replace(/^\s*export \{ computeRows as (\w+) \} from '\.\/row-loop';\s*$/gm, (_, name: string) => {
        copies++;
        return `export { computeRows as ${name} } from 'row-loop-copy:${name}';`;
      });
      if (copies === 0 || copies !== exports || /from\s*['"]\.\/row-loop['"]/.test(contents)) {
        throw new Error(`${args.path}: every export must read "export { computeRows as name } from './row-loop';" (${copies} of ${exports} do)`);
      }
      return { contents, loader: 'ts', resolveDir: dirname(args.path) };
    });
    b.onResolve({ filter: /^row-loop-copy:/ }, (args) => {
      const source = join(args.resolveDir, 'row-loop.ts');
      // The name the bundle's comment shows; relative, so no path of the build machine ships.
      const path = `${relative(root, source).split('\\').join('/')} for ${args.path.slice('row-loop-copy:'.length)}`;
      return { path, namespace: 'row-loop-copy', pluginData: source };
    });
    b.onLoad({ filter: /.*/, namespace: 'row-loop-copy' }, (args) => {
      const source = args.pluginData as string;
      return { contents: readFileSync(source, 'utf8'), loader: 'ts', resolveDir: dirname(source) };
    });
  },
};

/** `rowLoops`: a copy of the row loop per element-wise function, for the bundles that run in cells. */
async function bundle(entry: string, options: { globalName?: string; target?: string; minify?: boolean; rowLoops?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: options.globalName,
    target: options.target ?? 'es2019',
    minify: options.minify,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: options.rowLoops ? [rowLoopCopies] : [],
  });
  return result.outputFiles[0].text;
}

/** A script as an inline <script> element: a "</script" inside a string would end it early. */
export const inlineScript = (code: string): string => `<script>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;

const page = (title: string, hostClass: string, body: string, head = '') => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}<style>${readFileSync(join(root, 'src/ui/pane.css'), 'utf8')}</style>
</head>
<body class="${hostClass}">
${body}
</body>
</html>
`;

async function buildExcel(target: string, baseUrl: string): Promise<void> {
  const out = join(target, 'excel');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'functions.js'), await bundle('src/excel/functions.ts', { rowLoops: true }));
  for (const [language, file] of Object.entries(EXCEL_METADATA_FILES) as [Language, string][]) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), JSON.stringify(excelMetadata(FUNCTIONS, baseUrl, language), null, 2) + '\n');
  }
  // The pane loads on every open: minified. ES2019 also suits older Office webviews (Safari, EdgeHTML).
  writeFileSync(join(out, 'taskpane.js'), await bundle('src/excel/taskpane.ts', { minify: true }));
  // Shared runtime: the task pane page is also the page that runs the custom functions.
  writeFileSync(
    join(out, 'taskpane.html'),
    page(
      'Account Planner',
      'excel',
      '<main id="app"></main>',
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>\n<script src="functions.js"></script>\n<script src="taskpane.js"></script>\n',
    ),
  );
  const info = packageInfo(root);
  const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8')
    .split(DEV_BASE_URL)
    .join(baseUrl)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(info.version)}</Version>`);
  writeFileSync(join(out, 'manifest.xml'), manifest);
  cpSync(join(root, 'assets'), join(out, 'assets'), { recursive: true });
  // The functions' helpUrl pages, the support page and the privacy page, served beside the add-in.
  for (const { path, html } of helpPages(info)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), html);
  }
}

async function buildSheets(target: string): Promise<void> {
  const out = join(target, 'sheets');
  mkdirSync(out, { recursive: true });
  // Two script files. Code.js is what runs in cells, left readable: the custom functions' core, a
  // wrapper per function with the @customfunction JSDoc Sheets reads, and the top-level entry
  // points of the menu and the sidebar. Server.js is the sidebar's server (analysis, plans,
  // overview, the Sheets adapter), minified like the pane's bundles; only those entry points use it.
  const core = await bundle('src/sheets/functions.ts', { globalName: CELLS_GLOBAL, rowLoops: true });
  const code = [
    '// Account Planner for Google Sheets: the custom functions and the entry points of the menu and',
    `// sidebar, which call the sidebar's server in Server.js (${SERVER_GLOBAL}). Generated by`,
    '// `npm run build`; edit the sources, not this file.',
    core,
    ...FUNCTIONS.map(appsScriptWrapper),
    ...SERVER_ENTRY_POINTS.map(entryPointWrapper),
  ].join('\n');
  writeFileSync(join(out, 'Code.js'), code);
  const server = await bundle('src/sheets/server.ts', { globalName: SERVER_GLOBAL, minify: true });
  writeFileSync(join(out, 'Server.js'), `// Account Planner for Google Sheets: the sidebar's server, called through Code.js. Generated by \`npm run build\`.\n${server}`);
  // HtmlService cannot load local scripts: one self-contained page, the pane's bundle (with the
  // function help in both languages) inlined after its mount point.
  const sidebar = await bundle('src/sheets/sidebar.ts', { minify: true });
  writeFileSync(join(out, 'Sidebar.html'), page('Account Planner', 'sheets', `<main id="app"></main>\n${inlineScript(sidebar)}`));
  cpSync(join(root, 'appsscript.json'), join(out, 'appsscript.json'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export async function buildAll(baseUrl = DEV_BASE_URL, target = dist): Promise<void> {
  if (!/^https:\/\/[^\s"'<>]+\/$/.test(baseUrl)) {
    throw new Error(`--base-url must be an https URL ending in "/", such as https://planner.example.com/ (got ${baseUrl})`);
  }
  const staging = join(root, `.dist-${process.pid}-${Date.now()}`);
  try {
    await Promise.all([buildExcel(staging, baseUrl), buildSheets(staging), buildCli(staging)]);
    swapInto(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The command-line runner: one ES module for Node with its npm dependencies (fflate, saxes) inside:
 * a run then loads one file, not three packages (one of them CommonJS, read twice to find its
 * exports), which takes a tenth of a second off every command. */
async function buildCli(target: string): Promise<void> {
  const out = join(target, 'cli');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/xlsx/bin.ts')],
    outfile: join(out, 'account-planner.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
    plugins: [rowLoopCopies],
  });
  chmodSync(join(out, 'account-planner.mjs'), 0o755);
}

/** Replaces dist/ in one rename, so a reader (a test run beside a build) never sees half of it. */
function swapInto(staging: string, target: string): void {
  for (let attempt = 0; ; attempt++) {
    const old = `${target}.old-${process.pid}-${attempt}`;
    try {
      renameSync(target, old);
    } catch {
      // no dist/ yet
    }
    try {
      renameSync(staging, target);
      rmSync(old, { recursive: true, force: true });
      return;
    } catch (e) {
      rmSync(old, { recursive: true, force: true });
      if (attempt > 20) throw e;
    }
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--base-url');
  const baseUrl = at >= 0 ? args[at + 1] ?? '' : process.env.BASE_URL ?? DEV_BASE_URL;
  buildAll(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
    .then(() => {
      const files = listFiles(dist);
      console.log(`Built ${files.length} files in dist/ for ${baseUrl}`);
      if (args.includes('--list')) {
        for (const f of files) console.log(`  ${relative(root, f).padEnd(36)} ${(statSync(f).size / 1024).toFixed(1).padStart(7)} KB`);
        console.log('\nNext: load dist/excel/manifest.xml into Excel, or `clasp push` from dist/sheets (see README).');
      }
    })
    .catch((e: Error) => {
      console.error(`Build failed: ${e.message}`);
      process.exit(1);
    });
}
