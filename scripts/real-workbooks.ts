// The built runner on real workbooks from other projects' public test data (spreadsheet libraries
// in Python, Go, Rust, PHP and JavaScript): every .xlsx/.xlsm in the given git mirrors goes through
// `analyze` and `overview`; each run is counted as read (the workbook was read: a result, or a
// message about its content such as "no table found"), refused (one sentence saying why the file
// cannot be read) or crashed (anything else: an unexpected failure, a stack trace, a signal, a
// timeout, more than 1 GB). Outputs are checked with Python's zipfile and openpyxl. Needs the
// mirrors on disk and the network not at all; not part of `npm test`.
//   npx tsx scripts/real-workbooks.ts /work/.mirror/owner+name/repo … [--out DIR] [--most N]
// --most N takes at most N workbooks of each project, spread evenly over its list.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliWords } from '../shared/i18n/cli';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const mostAt = args.indexOf('--most');
const outDir = resolve(outAt >= 0 ? args[outAt + 1] : 'test-artifacts/real-workbooks');
const most = mostAt >= 0 ? Number(args[mostAt + 1]) : Infinity;
const mirrors = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1) && (mostAt < 0 || i !== mostAt + 1));
const CLI = resolve('dist/cli/account-planner.mjs');
const REPORTER = 'data:text/javascript,process.on("exit",()=>process.stderr.write("MAXRSS "+process.resourceUsage().maxRSS+"\\n"))';

/** The sentences the package reader gives for a file it cannot read, as patterns. */
const packageKeys = [...readFileSync('src/xlsx/package/zip-file.ts', 'utf8').matchAll(/PackageError\('(\w+)'/g), ...readFileSync('src/xlsx/package/read-package.ts', 'utf8').matchAll(/PackageError\('(\w+)'/g), ...readFileSync('src/xlsx/package/read-cells.ts', 'utf8').matchAll(/PackageError\('(\w+)'/g), ...readFileSync('src/xlsx/package/sheet-edit.ts', 'utf8').matchAll(/PackageError\('(\w+)'/g)].map((m) => m[1]);
const words = cliWords('en').errors as Record<string, string>;
const refusals = [...new Set([...packageKeys, 'noSheets'])].map((key) => new RegExp(`^account-planner: ${words[key].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.*')}$`));

type Verdict = 'read' | 'refused' | 'crashed';

function verdictOf(r: ReturnType<typeof spawnSync>): { verdict: Verdict; line: string; mb: number } {
  const stderr = String(r.stderr ?? '');
  const mb = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  const lines = stderr.split('\n').filter((l) => l && !l.startsWith('MAXRSS'));
  const line = lines[0] ?? '';
  if (r.error || r.signal || mb > 1024 || lines.length > 1 || r.status === 70 || (r.status !== 0 && r.status !== 1)) return { verdict: 'crashed', line: line || `signal ${r.signal ?? r.error}`, mb };
  if (r.status === 0) return { verdict: 'read', line: '', mb };
  return { verdict: refusals.some((re) => re.test(line)) ? 'refused' : 'read', line, mb };
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'in'), { recursive: true });
mkdirSync(join(outDir, 'out'), { recursive: true });
const results: { file: string; command: string; verdict: Verdict; line: string; mb: number }[] = [];
const outputs: string[] = [];
let n = 0;
let absent = 0;
for (const mirror of mirrors) {
  const repo = mirror.split('/').slice(-2, -1)[0];
  const files = execFileSync('git', ['-C', mirror, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter((f) => /\.(xlsx|xlsm)$/i.test(f));
  const step = Math.max(1, files.length / most);
  for (let k = 0; k < files.length; k += step) {
    const file = files[Math.floor(k)];
    const ext = file.toLowerCase().endsWith('.xlsm') ? '.xlsm' : '.xlsx';
    const input = join(outDir, 'in', `${n}${ext}`);
    try {
      writeFileSync(input, execFileSync('git', ['-C', mirror, 'show', `HEAD:${file}`], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // A mirror may list its largest files without holding them.
      absent++;
      continue;
    }
    for (const command of ['analyze', 'overview']) {
      const out = join(outDir, 'out', `${n}-${command}${ext}`);
      const r = spawnSync(process.execPath, ['--import', REPORTER, CLI, command, input, '--out', out, '--lang', 'en'], { encoding: 'utf8', timeout: 120_000 });
      const v = verdictOf(r);
      results.push({ file: `${repo}:${file}`, command, ...v });
      if (r.status === 0) outputs.push(`${out}\t${repo}:${file}`);
    }
    n++;
  }
}

// Every output through Python's zipfile (all parts inflate, CRCs right) and openpyxl, in one process.
const check = `import sys, zipfile, warnings, openpyxl
warnings.simplefilter("ignore")
for line in sys.stdin.read().splitlines():
    path, name = line.split("\\t")
    try:
        bad = zipfile.ZipFile(path).testzip()
        openpyxl.load_workbook(path, keep_vba=path.endswith(".xlsm"))
        print("ok" if bad is None else "bad zip part " + bad, "\\t", name)
    except Exception as e:
        print("fails:", type(e).__name__, str(e)[:100].replace("\\n", " "), "\\t", name)`;
const checked = outputs.length ? spawnSync('/usr/bin/python3', ['-c', check], { input: outputs.join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.trim().split('\n') : [];

const count = (command: string, verdict: Verdict) => results.filter((r) => r.command === command && r.verdict === verdict).length;
const report = [
  `${n} workbooks from ${mirrors.length} projects (${absent} listed but not in the mirrors)`,
  ...['analyze', 'overview'].map((c) => `${c}: read ${count(c, 'read')}, refused ${count(c, 'refused')}, crashed ${count(c, 'crashed')}`),
  `outputs checked with zipfile + openpyxl: ${checked.filter((l) => l.startsWith('ok')).length} of ${outputs.length} open`,
  `peak memory of one run: ${Math.round(Math.max(0, ...results.map((r) => r.mb)))} MB`,
  '',
  'refused:',
  ...results.filter((r) => r.verdict === 'refused').map((r) => `  ${r.command} ${r.file}: ${r.line}`),
  'crashed:',
  ...results.filter((r) => r.verdict === 'crashed').map((r) => `  ${r.command} ${r.file}: ${r.line}`),
  'outputs that do not open:',
  ...checked.filter((l) => !l.startsWith('ok')).map((l) => `  ${l}`),
].join('\n');
writeFileSync(join(outDir, 'report.txt'), `${report}\n`);
console.log(report);
