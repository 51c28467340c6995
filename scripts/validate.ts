// npm run validate: the checks the stores run on what we submit that can run offline, on the
// built dist/ (run `npm run build` first, with --base-url for a release).
//   Excel (AppSource): the manifest against Microsoft's published schemas (xmllint, where the
//   schemas are beside the project in ../shared/office-xsd or OFFICE_XSD_DIR, else skipped with
//   the reason); every functions.json against schemas/custom-functions.schema.json; the Dutch
//   metadata the same as the English but for its help; https everywhere, one origin, every file the
//   manifest and the helpUrls name present, icons at their sizes, the version from package.json.
//   Google (Workspace Marketplace): the Apps Script project holds its files, the two scopes, an
//   add-on menu and every custom function.
// Prints one line per check and exits 1 when one fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FUNCTIONS } from '../shared/catalog';
import { LANGUAGES } from '../shared/i18n/strings';
import { EXCEL_METADATA_FILES } from './build';
import { manifestVersion, packageInfo } from './package-info';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export interface CheckResult {
  name: string;
  problems: string[];
  /** Why the check did not run, when it could not. */
  skipped?: string;
}

// --- the manifest as a tree: elements with their attributes, namespace prefixes dropped ------------

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement[] {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false });
  const toElements = (items: Record<string, unknown>[]): XmlElement[] =>
    items.flatMap((item) => {
      const name = Object.keys(item).find((k) => k !== ':@' && k !== '#text');
      if (!name || name.startsWith('?')) return [];
      const inner = (item[name] ?? []) as Record<string, unknown>[];
      const attrs = Object.fromEntries(Object.entries((item[':@'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const text = inner.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
      return [{ name, attrs, children: toElements(inner), text }];
    });
  return toElements(parser.parse(xml) as Record<string, unknown>[]);
}

export function* allElements(elements: XmlElement[]): Generator<XmlElement> {
  for (const e of elements) {
    yield e;
    yield* allElements(e.children);
  }
}

const firstNamed = (elements: XmlElement[], name: string) => [...allElements(elements)].find((e) => e.name === name);

/** Every URL the manifest gives: DefaultValue and Override Value attributes that are URLs. */
export function manifestUrls(elements: XmlElement[]): string[] {
  return [...allElements(elements)].flatMap((e) =>
    Object.entries(e.attrs)
      .filter(([k, v]) => (k === 'DefaultValue' || k === 'Value') && /^[a-z][a-z0-9+.-]*:\/\//i.test(v))
      .map(([, v]) => v),
  );
}

/** Width and height of a PNG file, from its IHDR chunk; undefined for anything else. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature || bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// --- Excel --------------------------------------------------------------------------------------

/** The folder of Microsoft's manifest schemas: OFFICE_XSD_DIR, else ../shared/office-xsd beside the project. */
export const officeXsdDir = (): string => process.env.OFFICE_XSD_DIR ?? resolve(root, '..', 'shared', 'office-xsd');

export function manifestSchemaCheck(manifestPath: string, xsdDir = officeXsdDir()): CheckResult {
  const name = 'manifest against the Office schemas (xmllint)';
  const xsd = join(xsdDir, 'OfficeAppManifestV1_1.xsd');
  if (spawnSync('xmllint', ['--version']).status !== 0) return { name, problems: [], skipped: 'xmllint is not installed (Debian: libxml2-utils)' };
  if (!existsSync(xsd)) return { name, problems: [], skipped: `the Office schemas are not at ${xsdDir} (set OFFICE_XSD_DIR)` };
  const run = spawnSync('xmllint', ['--noout', '--schema', xsd, manifestPath], { encoding: 'utf8' });
  return { name, problems: run.status === 0 ? [] : run.stderr.trim().split('\n').filter((line) => !line.endsWith('fails to validate')) };
}

type Metadata = { functions: { id: string; name: string; helpUrl?: string; description?: string; parameters: Record<string, unknown>[]; result: unknown; options?: unknown }[] };

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

export function metadataSchemaCheck(excelDir: string): CheckResult {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(readJson(join(root, 'schemas', 'custom-functions.schema.json')) as object);
  const problems = Object.values(EXCEL_METADATA_FILES).flatMap((file) => {
    const path = join(excelDir, file);
    if (!existsSync(path)) return [`${file} is missing`];
    return validate(readJson(path)) ? [] : (validate.errors ?? []).map((e) => `${file}${e.instancePath}: ${e.message}`);
  });
  return { name: 'functions.json (every language) against schemas/custom-functions.schema.json', problems };
}

/** What must be the same in every language's functions.json: all but the help. */
const shapeOf = (m: Metadata) =>
  m.functions.map((f) => ({ id: f.id, name: f.name, result: f.result, options: f.options, parameters: f.parameters.map(({ description: _d, ...p }) => p) }));

/** Every language's functions.json that exists (the schema check reports a missing one). */
const metadataFiles = (excelDir: string) =>
  Object.values(EXCEL_METADATA_FILES)
    .filter((file) => existsSync(join(excelDir, file)))
    .map((file) => ({ file, metadata: readJson(join(excelDir, file)) as Metadata }));

export function metadataLanguagesCheck(excelDir: string): CheckResult {
  const [english, ...others] = metadataFiles(excelDir);
  if (!english) return { name: 'every language\'s functions.json has the same functions, names and parameters', problems: ['no functions.json'] };
  const problems = others.flatMap(({ file, metadata }) => {
    const expected = JSON.stringify(shapeOf(english.metadata));
    const found: string[] = [];
    if (JSON.stringify(shapeOf(metadata)) !== expected) found.push(`${file} differs from ${english.file} in ids, names, parameters, results or options`);
    metadata.functions.forEach((f, i) => {
      if (f.description === english.metadata.functions[i]?.description) found.push(`${file}: ${f.id} has the English description`);
    });
    return found;
  });
  const ids = english.metadata.functions.map((f) => f.id);
  const catalog = FUNCTIONS.map((f) => f.name);
  if (JSON.stringify(ids) !== JSON.stringify(catalog)) problems.push(`functions.json lists ${ids.join(', ')}; the catalog ${catalog.join(', ')}`);
  return { name: 'every language\'s functions.json has the same functions, names and parameters', problems };
}

/** The add-in's base URL: where the task pane lives (DefaultSettings/SourceLocation), without the file name. */
function baseUrlOf(elements: XmlElement[]): string | undefined {
  const settings = firstNamed(elements, 'DefaultSettings');
  const source = settings?.children.find((c) => c.name === 'SourceLocation')?.attrs.DefaultValue;
  return source?.replace(/[^/]*$/, '');
}

export function urlChecks(excelDir: string): CheckResult[] {
  const manifest = parseXml(readFileSync(join(excelDir, 'manifest.xml'), 'utf8'));
  const helpUrls = metadataFiles(excelDir).flatMap(({ metadata }) => metadata.functions.map((f) => f.helpUrl ?? ''));
  const urls = [...manifestUrls(manifest), ...helpUrls];
  const base = baseUrlOf(manifest);
  const origins = [...new Set(urls.map((u) => (URL.canParse(u) ? new URL(u).origin : u)))];
  const missing = urls.filter((u) => !base || !u.startsWith(base) || !existsSync(join(excelDir, decodeURIComponent(u.slice(base.length).split(/[?#]/)[0]))));
  return [
    { name: 'every URL in the manifest and the helpUrls is https', problems: urls.filter((u) => !u.startsWith('https://')).map((u) => `not https: ${u}`) },
    { name: 'every URL is on one origin', problems: origins.length === 1 ? [] : [`${origins.length} origins: ${origins.join(', ')}`] },
    { name: 'every file the manifest and the helpUrls name is in dist/excel', problems: [...new Set(missing)].map((u) => `no file for ${u}`) },
  ];
}

/** The sizes each icon must have: the task pane IconUrl 32, HighResolutionIconUrl 64, ribbon images as their size attribute says. */
export function iconCheck(excelDir: string): CheckResult {
  const manifest = parseXml(readFileSync(join(excelDir, 'manifest.xml'), 'utf8'));
  const base = baseUrlOf(manifest) ?? '';
  const images = new Map([...allElements(manifest)].filter((e) => e.name === 'Image' && e.attrs.id).map((e) => [e.attrs.id, e.attrs.DefaultValue]));
  const wanted: { what: string; url?: string; size: number }[] = [
    { what: 'IconUrl', url: firstNamed(manifest, 'IconUrl')?.attrs.DefaultValue, size: 32 },
    { what: 'HighResolutionIconUrl', url: firstNamed(manifest, 'HighResolutionIconUrl')?.attrs.DefaultValue, size: 64 },
    ...[...allElements(manifest)]
      .filter((e) => e.name === 'Image' && e.attrs.resid)
      .map((e) => ({ what: `${e.attrs.resid} (size ${e.attrs.size})`, url: images.get(e.attrs.resid), size: Number(e.attrs.size) })),
  ];
  const problems = wanted.flatMap(({ what, url, size }) => {
    if (!url) return [`${what}: no icon`];
    const file = join(excelDir, url.slice(base.length));
    const found = existsSync(file) ? pngSize(readFileSync(file)) : undefined;
    if (!found) return [`${what}: ${url} is not a PNG in dist/excel`];
    return found.width === size && found.height === size ? [] : [`${what}: ${url} is ${found.width}×${found.height}, not ${size}×${size}`];
  });
  return { name: 'icons present at their sizes (16/32/80 ribbon, 32 icon, 64 high resolution)', problems };
}

export function versionCheck(excelDir: string, version = packageInfo(root).version): CheckResult {
  const manifest = parseXml(readFileSync(join(excelDir, 'manifest.xml'), 'utf8'));
  const found = firstNamed(manifest, 'Version')?.text ?? '';
  const problems: string[] = [];
  let expected = '';
  try {
    expected = manifestVersion(version);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(found)) problems.push(`the manifest's Version "${found}" is not four numbers such as 1.2.3.0`);
  if (expected && found !== expected) problems.push(`the manifest's Version is ${found}; package.json's version ${version} makes ${expected}`);
  return { name: 'the manifest\'s version is package.json\'s', problems };
}

export function supportCheck(excelDir: string): CheckResult {
  const manifest = parseXml(readFileSync(join(excelDir, 'manifest.xml'), 'utf8'));
  const problems = ['SupportUrl', 'IconUrl', 'HighResolutionIconUrl'].filter((name) => !firstNamed(manifest, name)?.attrs.DefaultValue).map((name) => `no ${name}`);
  const privacy = LANGUAGES.map((language) => join('help', language, 'privacy.html')).filter((page) => !existsSync(join(excelDir, page)));
  return { name: 'support and privacy pages', problems: [...problems, ...privacy.map((page) => `no ${page}`)] };
}

export function validateExcel(excelDir: string): CheckResult[] {
  const manifestPath = join(excelDir, 'manifest.xml');
  if (!existsSync(manifestPath)) return [{ name: 'dist/excel', problems: [`no ${manifestPath}: run npm run build first`] }];
  const wellFormed = XMLValidator.validate(readFileSync(manifestPath, 'utf8'));
  if (wellFormed !== true) return [{ name: 'manifest is well-formed XML', problems: [wellFormed.err.msg] }];
  return [
    manifestSchemaCheck(manifestPath),
    metadataSchemaCheck(excelDir),
    metadataLanguagesCheck(excelDir),
    ...urlChecks(excelDir),
    iconCheck(excelDir),
    versionCheck(excelDir),
    supportCheck(excelDir),
  ];
}

// --- Google Sheets -----------------------------------------------------------------------------

/** The scopes the add-on asks for; the README and RELEASING.md say why each. */
export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/script.container.ui', 'https://www.googleapis.com/auth/spreadsheets.currentonly'];

export function validateSheets(sheetsDir: string): CheckResult[] {
  const files = ['appsscript.json', 'Code.js', 'Server.js', 'Sidebar.html'];
  const missing = files.filter((f) => !existsSync(join(sheetsDir, f)));
  if (missing.length) return [{ name: 'dist/sheets holds the Apps Script project', problems: missing.map((f) => `no ${f}: run npm run build first`) }];
  const manifest = readJson(join(sheetsDir, 'appsscript.json')) as { oauthScopes?: string[]; runtimeVersion?: string };
  const scopes = [...(manifest.oauthScopes ?? [])].sort();
  const code = readFileSync(join(sheetsDir, 'Code.js'), 'utf8');
  const server = readFileSync(join(sheetsDir, 'Server.js'), 'utf8');
  const undeclared = FUNCTIONS.filter((f) => !new RegExp(`@customfunction\\s*\\*/\\s*function ${f.name}\\(`).test(code)).map((f) => `${f.name} is not a @customfunction in Code.js`);
  return [
    {
      name: 'appsscript.json: V8 and exactly the two narrow scopes',
      problems: [
        ...(manifest.runtimeVersion === 'V8' ? [] : [`runtimeVersion is ${manifest.runtimeVersion}, not V8`]),
        ...(JSON.stringify(scopes) === JSON.stringify(SHEETS_SCOPES) ? [] : [`oauthScopes are ${scopes.join(', ') || 'not set'}`]),
      ],
    },
    {
      name: 'an Editor add-on: onOpen and onInstall, its menu made with createAddonMenu',
      problems: [
        ...['onOpen', 'onInstall'].filter((fn) => !new RegExp(`function ${fn}\\(e\\)`).test(code)).map((fn) => `Code.js has no ${fn}(e)`),
        ...(server.includes('createAddonMenu()') ? [] : ['Server.js never calls createAddonMenu()']),
        ...(/\.createMenu\(/.test(server + code) ? ['a top-level menu (createMenu) is made: the Marketplace wants the add-on menu'] : []),
      ],
    },
    { name: 'every custom function declared in Code.js', problems: undeclared },
  ];
}

// --- command line ------------------------------------------------------------------------------

export function report(results: CheckResult[]): { lines: string[]; failed: number } {
  const lines = results.flatMap((r) =>
    r.skipped ? [`skip  ${r.name}: ${r.skipped}`] : r.problems.length ? [`FAIL  ${r.name}`, ...r.problems.map((p) => `        ${p}`)] : [`ok    ${r.name}`],
  );
  return { lines, failed: results.filter((r) => !r.skipped && r.problems.length).length };
}

export function validateDist(dist: string): CheckResult[] {
  return [...validateExcel(join(dist, 'excel')), ...validateSheets(join(dist, 'sheets'))];
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const at = process.argv.indexOf('--dist');
  const dist = resolve(at >= 0 ? process.argv[at + 1] ?? 'dist' : join(root, 'dist'));
  try {
    const { lines, failed } = report(validateDist(dist));
    console.log(lines.join('\n'));
    console.log(failed ? `\n${failed} check(s) failed.` : '\nEverything that can be checked offline passes.');
    process.exit(failed ? 1 : 0);
  } catch (e) {
    console.error(`Validation could not run: ${(e as Error).message}`);
    process.exit(1);
  }
}
