// npm run package -- --base-url https://planner.example.com/
// Builds both add-ins for a release and checks them as the stores would (scripts/validate.ts):
//   dist/excel   every file the manifest names, its URLs on that base: copy the folder to the
//                static host that serves the base URL, then submit dist/excel/manifest.xml;
//   dist/sheets  the Apps Script project; `npx clasp push -f` from the project folder sends it,
//                with a .clasp.json beside package.json whose rootDir is dist/sheets (it survives
//                builds, which empty dist/; RELEASING.md shows how clasp makes it).
// See RELEASING.md for the whole release.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build';
import { packageInfo } from './package-info';
import { report, validateDist } from './validate';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The release's base URL, checked: https, ending in '/', not the development server. */
export function releaseBaseUrl(given: string | undefined): string {
  if (!given) throw new Error('give the address dist/excel will be served from: npm run package -- --base-url https://planner.example.com/');
  const url = given.endsWith('/') ? given : `${given}/`;
  if (!/^https:\/\/[^\s"'<>]+\/$/.test(url)) throw new Error(`--base-url must be an https address such as https://planner.example.com/ (got ${given})`);
  if (/^https:\/\/(localhost|127\.0\.0\.1)([:/])/.test(url)) throw new Error(`${url} is the development server; give the address users will load the add-in from`);
  return url;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--base-url');
  const baseUrl = releaseBaseUrl(at >= 0 ? args[at + 1] : process.env.BASE_URL);
  await buildAll(baseUrl);
  const dist = join(root, 'dist');
  const { lines, failed } = report(validateDist(dist));
  console.log(lines.join('\n'));
  if (failed) {
    console.error(`\n${failed} check(s) failed: fix them before submitting.`);
    process.exit(1);
  }
  const { version, contact } = packageInfo(root);
  console.log(`\nAccount Planner ${version} packaged for ${baseUrl}`);
  if (!contact) console.log('  Note:   package.json has no "bugs" (support address): the support page tells users to ask whoever installed the add-in.');
  console.log(`  Excel:  copy dist/excel/ to the host serving ${baseUrl}; submit dist/excel/manifest.xml.`);
  console.log(`  Sheets: ${claspStatus(root)}`);
}

/** Whether `npx clasp push -f` from the project folder would send dist/sheets, and what to do if not. */
export function claspStatus(projectDir: string): string {
  const file = join(projectDir, '.clasp.json');
  if (!existsSync(file)) return 'no .clasp.json beside package.json: make one as RELEASING.md shows (npx clasp create ... --rootDir dist/sheets), then npx clasp push -f';
  let rootDir: unknown;
  try {
    rootDir = (JSON.parse(readFileSync(file, 'utf8')) as { rootDir?: unknown }).rootDir;
  } catch {
    return '.clasp.json is not valid JSON: make it again as RELEASING.md shows';
  }
  return typeof rootDir === 'string' && resolve(projectDir, rootDir) === resolve(projectDir, 'dist', 'sheets')
    ? 'npx clasp push -f   (from this folder; .clasp.json points at dist/sheets)'
    : `.clasp.json's rootDir is ${JSON.stringify(rootDir ?? null)}, not dist/sheets: set "rootDir": "dist/sheets" before pushing`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  main().catch((e: Error) => {
    console.error(`Packaging failed: ${e.message}`);
    process.exit(1);
  });
}
