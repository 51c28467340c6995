// The built runner at the edges of the command line: options it does not know, a closed pipe, a
// folder it cannot write in, contradicting options, a table with no room on its right.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basicParts, scratch } from '../support/package-files';

const files = scratch();
afterAll(() => files.done());
const CLI = join(__dirname, '../../dist/cli/account-planner.mjs');

const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`);
/** A small revenue table whose columns start at `first` (e.g. "A" or "XFB"). */
function revenueTable(columns: string[]): string {
  const rows: (string | number)[][] = [['Account', 'Revenue'], ['Acme', 900], ['Bolt', 50], ['Crane', 30], ['Delta', 20]];
  return rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(`${columns[j]}${i + 1}`, v)).join('')}</row>`).join('');
}
const input = files.file('sales.xlsx', basicParts(revenueTable(['A', 'B'])));

function run(args: string[], shell?: string) {
  const r = shell
    ? spawnSync('bash', ['-c', shell], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'en_US.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr.trim() };
}

describe('command-line edges', () => {
  it("answers an unknown option with the runner's own sentence naming the command's options, in English and Dutch", () => {
    const en = run(['analyze', input, '--versus']);
    expect(en.code).toBe(1);
    expect(en.err).toBe(
      'account-planner: unknown option --versus for analyze; its options are --lang, --out, --in-place, --help, --sheet, --account, --amount, --date, --cutoffs, --labels, --replace, --compare, --split, --within',
    );
    const nl = run(['plans', input, '--lang', 'nl', '--tiers', 'A']);
    expect(nl.code).toBe(1);
    expect(nl.err).toMatch(/^account-planner: onbekende optie --tiers voor plans; de opties zijn --lang, --out, --in-place, --help, --tier, --accounts/);
    expect(run(['overview', input, '--out']).err).toBe('account-planner: --out needs a value, e.g. --out "…"');
    expect(run(['overview', input, '--in-place=yes']).err).toBe('account-planner: --in-place takes no value');
  });

  it('refuses --in-place together with --out', () => {
    const r = run(['analyze', input, '--in-place', '--out', join(files.dir, 'x.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('account-planner: give --in-place or --out, not both: --in-place writes into the input file, --out to another file');
    expect(existsSync(join(files.dir, 'x.xlsx'))).toBe(false);
  });

  it.skipIf(!existsSync('/sys/kernel'))('fails on a folder it cannot write in with one line, before printing anything as if the run worked', () => {
    const r = run(['analyze', input, '--out', '/sys/kernel/sales.planned.xlsx']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('account-planner: cannot write sales.planned.xlsx: the folder /sys/kernel is read-only or not yours to write in; give another with --out');
  });

  it('exits quietly when the reader of its output goes away (analyze … | true)', () => {
    const out = join(files.dir, 'piped.xlsx');
    const r = run([], `"${process.execPath}" "${CLI}" analyze "${input}" --out "${out}" | true; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(r.err).toBe('exit 0');
    expect(existsSync(out)).toBe(true);
  });

  it('says there is no free column when the table reaches the last column (XFD)', () => {
    const path = files.file('wide.xlsx', basicParts(revenueTable(['XFC', 'XFD'])));
    const r = run(['analyze', path]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('account-planner: The table on Sales reaches the last column (XFD): there is no free column to its right for the tier columns. Move the table to the left or delete empty columns, then try again.');
    expect(readdirSync(files.dir).filter((f) => f.startsWith('wide.'))).toEqual(['wide.xlsx']);
  });

  it('leaves no file open after a run that stopped with a message', async () => {
    const { runCli } = await import('../support/run-cli');
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let i = 0; i < 5; i++) expect((await runCli('analyze', input, '--account', 'Nobody', '--lang', 'en')).code).toBe(1);
    expect(openFiles()).toBe(before);
  });
});
