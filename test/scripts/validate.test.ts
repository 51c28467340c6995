// npm run validate: it passes on what the build makes, and each check fails on the mistake it is
// there for (a copy of dist/ in test-artifacts, changed one way per test, then removed).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/build';
import { claspStatus, releaseBaseUrl } from '../../scripts/package';
import { CheckResult, iconCheck, manifestSchemaCheck, metadataLanguagesCheck, metadataSchemaCheck, officeXsdDir, pngSize, report, urlChecks, validateDist, validateSheets, versionCheck } from '../../scripts/validate';

const repo = join(__dirname, '../..');
const dist = join(repo, 'dist');
const scratch = join(repo, 'test-artifacts', `validate-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of dist/ to spoil. */
function distCopy(): string {
  const target = join(scratch, `dist-${++copies}`);
  cpSync(dist, target, { recursive: true });
  return target;
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
const problemsOf = (results: CheckResult[]) => results.flatMap((r) => r.problems);

const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const xsdPresent = existsSync(join(officeXsdDir(), 'OfficeAppManifestV1_1.xsd'));

describe('npm run validate on the development build', () => {
  it('passes every check (the schema check skips only for a stated reason)', () => {
    const results = validateDist(dist);
    expect(problemsOf(results)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(12);
    const skipped = results.filter((r) => r.skipped);
    expect(skipped.map((r) => r.name)).toEqual(xmllint && xsdPresent ? [] : ['manifest against the Office schemas (xmllint)']);
    for (const r of skipped) expect(r.skipped).toMatch(/xmllint is not installed|Office schemas are not at/);
  });

  it('runs as a command: one line per check, exit 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/validate.ts')], { encoding: 'utf8', cwd: repo });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ok {4}every URL is on one origin$/m);
    expect(run.stdout).toContain('Everything that can be checked offline passes.');
    expect(run.status).toBe(0);
  });
});

describe('each check fails on its mistake', () => {
  it('a URL that is not https, or on a second origin', () => {
    const copy = distCopy();
    edit(join(copy, 'excel/manifest.xml'), (xml) => xml.replace('https://localhost:3000/assets/icon-16.png', 'http://localhost:3000/assets/icon-16.png').replace('https://localhost:3000/help/nl/index.html', 'https://cdn.example.com/help/nl/index.html'));
    const [https, origin] = urlChecks(join(copy, 'excel'));
    expect(https.problems).toEqual(['not https: http://localhost:3000/assets/icon-16.png']);
    expect(origin.problems).toEqual([expect.stringMatching(/^3 origins: /)]);
  });

  it('a helpUrl whose page is missing', () => {
    const copy = distCopy();
    rmSync(join(copy, 'excel/help/nl/plan_gap.html'));
    const [, , files] = urlChecks(join(copy, 'excel'));
    expect(files.problems).toEqual(['no file for https://localhost:3000/help/nl/plan_gap.html']);
  });

  it('an icon of the wrong size, or missing', () => {
    const copy = distCopy();
    cpSync(join(copy, 'excel/assets/icon-64.png'), join(copy, 'excel/assets/icon-32.png'));
    rmSync(join(copy, 'excel/assets/icon-80.png'));
    const problems = iconCheck(join(copy, 'excel')).problems;
    expect(problems).toContain('IconUrl: https://localhost:3000/assets/icon-32.png is 64×64, not 32×32');
    expect(problems).toContain('Icon.32x32 (size 32): https://localhost:3000/assets/icon-32.png is 64×64, not 32×32');
    expect(problems).toContain('Icon.80x80 (size 80): https://localhost:3000/assets/icon-80.png is not a PNG in dist/excel');
  });

  it('a manifest version that is not package.json\'s, or a version the manifest cannot hold', () => {
    expect(versionCheck(join(dist, 'excel')).problems).toEqual([]);
    expect(versionCheck(join(dist, 'excel'), '0.2.0').problems).toEqual([expect.stringContaining("package.json's version 0.2.0 makes 0.2.0.0")]);
    expect(versionCheck(join(dist, 'excel'), '1.0.0-beta.1').problems[0]).toMatch(/three numbers such as 1\.2\.3/);
  });

  it('a functions.json without a helpUrl, or with a misspelt property', () => {
    const copy = distCopy();
    edit(join(copy, 'excel/nl/functions.json'), (json) => json.replace(/\s*"helpUrl": "[^"]*",/, '').replace('"optional"', '"optinal"'));
    const problems = metadataSchemaCheck(join(copy, 'excel')).problems;
    expect(problems).toContain("nl/functions.json/functions/0: must have required property 'helpUrl'");
    expect(problems).toContainEqual(expect.stringMatching(/^nl\/functions\.json\/functions\/0\/parameters\/0: must NOT have additional properties$/));
  });

  it('a Dutch functions.json that renames a parameter or keeps English help', () => {
    const copy = distCopy();
    const file = join(copy, 'excel/nl/functions.json');
    const nl = JSON.parse(readFileSync(file, 'utf8'));
    nl.functions[1].parameters[0].name = 'waarden';
    nl.functions[2].description = JSON.parse(readFileSync(join(copy, 'excel/functions.json'), 'utf8')).functions[2].description;
    writeFileSync(file, JSON.stringify(nl));
    expect(metadataLanguagesCheck(join(copy, 'excel')).problems).toEqual([
      'nl/functions.json differs from functions.json in ids, names, parameters, results or options',
      'nl/functions.json: PARETO_SUMMARY has the English description',
    ]);
  });

  it.skipIf(!xmllint || !xsdPresent)('a manifest the Office schema refuses', () => {
    const copy = distCopy();
    edit(join(copy, 'excel/manifest.xml'), (xml) => xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
    const result = manifestSchemaCheck(join(copy, 'excel/manifest.xml'));
    expect(result.problems.join('\n')).toMatch(/Permissions/);
    expect(manifestSchemaCheck(join(dist, 'excel/manifest.xml')).problems).toEqual([]);
  });

  it('an Apps Script project with a top-level menu, a wider scope or a missing file', () => {
    const copy = distCopy();
    edit(join(copy, 'sheets/Server.js'), (js) => js.replace('createAddonMenu()', 'createMenu("Account Planner")'));
    edit(join(copy, 'sheets/appsscript.json'), (json) => json.replace('spreadsheets.currentonly', 'spreadsheets'));
    expect(problemsOf(validateSheets(join(copy, 'sheets')))).toEqual([
      'oauthScopes are https://www.googleapis.com/auth/script.container.ui, https://www.googleapis.com/auth/spreadsheets',
      'Server.js never calls createAddonMenu()',
      'a top-level menu (createMenu) is made: the Marketplace wants the add-on menu',
    ]);
    rmSync(join(copy, 'sheets/Sidebar.html'));
    expect(problemsOf(validateSheets(join(copy, 'sheets')))).toEqual(['no Sidebar.html: run npm run build first']);
  });

  it('reports failures and skips apart, and counts only failures', () => {
    const { lines, failed } = report([
      { name: 'a', problems: [] },
      { name: 'b', problems: ['wrong'] },
      { name: 'c', problems: [], skipped: 'no tool' },
    ]);
    expect(lines).toEqual(['ok    a', 'FAIL  b', '        wrong', 'skip  c: no tool']);
    expect(failed).toBe(1);
  });

  it('reads PNG sizes, and nothing else as a PNG', () => {
    expect(pngSize(readFileSync(join(dist, 'excel/assets/icon-80.png')))).toEqual({ width: 80, height: 80 });
    expect(pngSize(Buffer.from('GIF89a not a png at all'))).toBeUndefined();
  });
});

describe('npm run package', () => {
  it('builds dist/excel for the release address, which passes every check', async () => {
    const target = join(scratch, 'release');
    mkdirSync(scratch, { recursive: true });
    await buildAll('https://planner.example.com/kam/', target);
    const results = validateDist(target);
    expect(problemsOf(results)).toEqual([]);
    const manifest = readFileSync(join(target, 'excel/manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain('<SupportUrl DefaultValue="https://planner.example.com/kam/help/en/index.html">');
    const nl = JSON.parse(readFileSync(join(target, 'excel/nl/functions.json'), 'utf8'));
    expect(nl.functions[0].helpUrl).toBe('https://planner.example.com/kam/help/nl/pareto_tier.html');
  });

  it('wants an https release address that is not the development server', () => {
    expect(releaseBaseUrl('https://planner.example.com/kam')).toBe('https://planner.example.com/kam/');
    expect(() => releaseBaseUrl(undefined)).toThrow(/--base-url https:\/\/planner\.example\.com\//);
    expect(() => releaseBaseUrl('http://planner.example.com/')).toThrow(/must be an https address/);
    expect(() => releaseBaseUrl('https://localhost:3000/')).toThrow(/development server/);
  });

  it('says whether clasp would push dist/sheets', () => {
    const dir = join(scratch, 'clasp');
    mkdirSync(dir, { recursive: true });
    expect(claspStatus(dir)).toMatch(/^no \.clasp\.json/);
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'x', rootDir: 'dist/sheets' }));
    expect(claspStatus(dir)).toMatch(/^npx clasp push -f/);
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'x' }));
    expect(claspStatus(dir)).toMatch(/rootDir is null, not dist\/sheets/);
  });
});

describe('a dist/ with pieces missing', () => {
  it('reports them as failures instead of stopping', () => {
    const copy = distCopy();
    rmSync(join(copy, 'excel/nl/functions.json'));
    const problems = problemsOf(validateDist(copy));
    expect(problems).toContain('nl/functions.json is missing');
    expect(problems).toContain('no file for https://localhost:3000/nl/functions.json');
    rmSync(join(copy, 'excel/manifest.xml'));
    expect(problemsOf(validateDist(copy))[0]).toMatch(/manifest\.xml: run npm run build first$/);
  });
});
