// Offline checks of the Excel add-in manifest and the Apps Script manifest.
// Microsoft's `office-addin-manifest validate` needs its online service, so this file checks what
// Office would reject: dangling resids, non-https URLs, a wrong namespace or permission, a runtime
// that is not shared; and, where xmllint and ../shared/office-xsd exist, the published schema.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, it, expect } from 'vitest';
import { ApiUse, apiUses, compareVersions } from './support/api-sets';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sourceManifestPath = join(repoRoot, 'manifest.xml');
const distManifestPath = join(repoRoot, 'dist', 'excel', 'manifest.xml');
// A fresh clone has no ../shared; the schema test is skipped there.
const xsdPath = resolve(repoRoot, '..', 'shared', 'office-xsd', 'OfficeAppManifestV1_1.xsd');
const xsdPresent = existsSync(xsdPath);
const xmllintAvailable = spawnSync('xmllint', ['--version']).status === 0;

/** The prefix every URL in the source manifest starts with; the build swaps it for the real base. */
const DEV_BASE = 'https://localhost:3000/';

// ---------------------------------------------------------------------------------------------
// Helpers: a small element tree over fast-xml-parser's ordered output, namespace prefixes dropped
// (bt:Image -> Image, xsi:type -> type).

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type OrderedItem = Record<string, unknown>;

function toNodes(items: OrderedItem[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((key) => key !== ':@');
    if (!name || name === '#text') continue;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawAttrs)) attrs[key.replace(/^@_/, '')] = String(value);
    const childItems = (item[name] ?? []) as OrderedItem[];
    const text = childItems
      .filter((child) => '#text' in child)
      .map((child) => String(child['#text']))
      .join('');
    nodes.push({ name, attrs, children: toNodes(childItems), text });
  }
  return nodes;
}

function parseManifest(xml: string): XmlNode {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    ignoreDeclaration: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const roots = toNodes(parser.parse(xml) as OrderedItem[]);
  const root = roots.find((node) => node.name === 'OfficeApp');
  if (!root) throw new Error('no <OfficeApp> root element');
  return root;
}

function* descendants(node: XmlNode): Generator<XmlNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  return names.reduce<XmlNode | undefined>((current, name) => child(current, name), node);
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';

/** Which resource collection a resid on this element must point into. */
function expectedKind(elementName: string): ResourceKind | undefined {
  switch (elementName) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'LearnMoreUrl':
    case 'Runtime':
      return 'Urls';
    case 'Label':
    case 'Title':
    case 'Namespace':
      return 'ShortStrings';
    case 'Description':
      return 'LongStrings';
    default:
      return undefined;
  }
}

/** id -> resource element, per collection under VersionOverrides/Resources. */
function resources(root: XmlNode): Record<ResourceKind, Map<string, XmlNode>> {
  const collections = path(root, 'VersionOverrides', 'Resources');
  const byKind = {} as Record<ResourceKind, Map<string, XmlNode>>;
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const) {
    byKind[kind] = new Map((child(collections, kind)?.children ?? []).map((res) => [res.attrs.id, res]));
  }
  return byKind;
}

/**
 * Every resid used in the manifest that Resources does not define, or defines in the wrong
 * collection (a Label pointing at a URL), as "resid (Element -> Kind)".
 */
function unresolvedResids(xml: string): string[] {
  const root = parseManifest(xml);
  const defined = resources(root);
  const problems: string[] = [];
  for (const node of descendants(root)) {
    const resid = node.attrs.resid;
    if (resid === undefined) continue;
    const kind = expectedKind(node.name);
    const found = kind
      ? defined[kind].has(resid)
      : Object.values(defined).some((collection) => collection.has(resid));
    if (!found) problems.push(`${resid} (${node.name} -> ${kind ?? 'any'})`);
  }
  return problems;
}

/** Every URL the manifest gives, direct or as a resource, including locale overrides. */
function manifestUrls(root: XmlNode): string[] {
  const urlElements = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']);
  const urls: string[] = [];
  const collect = (node: XmlNode | undefined): void => {
    if (!node) return;
    if (node.attrs.DefaultValue !== undefined) urls.push(node.attrs.DefaultValue);
    for (const override of node.children.filter((c) => c.name === 'Override')) {
      if (override.attrs.Value !== undefined) urls.push(override.attrs.Value);
    }
  };
  for (const node of root.children) if (urlElements.has(node.name)) collect(node);
  collect(path(root, 'DefaultSettings', 'SourceLocation'));
  const defined = resources(root);
  for (const res of [...defined.Images.values(), ...defined.Urls.values()]) collect(res);
  return urls;
}

/** Attribute values anywhere (namespace declarations aside) that look like a URL of any scheme. */
function urlLikeAttributes(root: XmlNode): string[] {
  const values: string[] = [];
  for (const node of [root, ...descendants(root)]) {
    for (const [key, value] of Object.entries(node.attrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) && value.includes('//')) values.push(value);
    }
  }
  return values;
}

function resourceUrl(root: XmlNode, resid: string | undefined): string | undefined {
  return resid === undefined ? undefined : resources(root).Urls.get(resid)?.attrs.DefaultValue;
}

function customFunctionsPoint(root: XmlNode): XmlNode | undefined {
  const host = path(root, 'VersionOverrides', 'Hosts', 'Host');
  return child(host, 'AllFormFactors')?.children.find(
    (c) => c.name === 'ExtensionPoint' && c.attrs.type === 'CustomFunctions',
  );
}

// ---------------------------------------------------------------------------------------------

describe('resid checker', () => {
  const wrap = (body: string, resourcesXml: string): string => `<?xml version="1.0"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="TaskPaneApp">
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts><Host xsi:type="Workbook">${body}</Host></Hosts>
    <Resources>${resourcesXml}</Resources>
  </VersionOverrides>
</OfficeApp>`;

  it('reports a resid that Resources does not define', () => {
    const xml = wrap(
      '<Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>' +
        '<DesktopFormFactor><FunctionFile resid="Missing.Url"/></DesktopFormFactor>',
      '<bt:Urls><bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/></bt:Urls>',
    );
    expect(unresolvedResids(xml)).toEqual(['Missing.Url (FunctionFile -> Urls)']);
  });

  it('reports a resid defined in the wrong collection', () => {
    const xml = wrap(
      '<DesktopFormFactor><GetStarted><Title resid="Taskpane.Url"/></GetStarted></DesktopFormFactor>',
      '<bt:Urls><bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/></bt:Urls>',
    );
    expect(unresolvedResids(xml)).toEqual(['Taskpane.Url (Title -> ShortStrings)']);
  });

  it('accepts a manifest whose resids all resolve', () => {
    const xml = wrap(
      '<Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>',
      '<bt:Urls><bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/></bt:Urls>',
    );
    expect(unresolvedResids(xml)).toEqual([]);
  });
});

const manifests = [
  { label: 'source manifest.xml', file: sourceManifestPath },
  { label: 'built dist/excel/manifest.xml', file: distManifestPath },
];

for (const { label, file } of manifests) {
  // The built manifest exists once `npm run build` has run (npm test builds first).
  describe.skipIf(!existsSync(file))(label, () => {
    const read = (): string => readFileSync(file, 'utf8');

    it('is well-formed XML', () => {
      expect(XMLValidator.validate(read())).toBe(true);
    });

    it('defines every resid it uses, in the right resource collection', () => {
      const xml = read();
      expect(unresolvedResids(xml)).toEqual([]);
      // The schema caps resource ids at 32 characters.
      const tooLong = [...xml.matchAll(/\b(?:resid|id)="([^"]*)"/g)]
        .map((match) => match[1])
        .filter((id) => id.length > 32);
      expect(tooLong).toEqual([]);
    });

    it('gives every URL over https', () => {
      const root = parseManifest(read());
      const urls = manifestUrls(root);
      // Icons (16/32/80 + 64/128), taskpane, functions.js/.json, help, support: no URL slipped by.
      expect(urls.length).toBeGreaterThanOrEqual(10);
      expect(urls.filter((url) => !url.startsWith('https://'))).toEqual([]);
      expect(urlLikeAttributes(root).filter((url) => !url.startsWith('https://'))).toEqual([]);
    });

    it('names the custom functions namespace KAM', () => {
      const root = parseManifest(read());
      const namespace = child(customFunctionsPoint(root), 'Namespace');
      expect(namespace?.attrs.resid).toBe('Functions.Namespace');
      const value = resources(root).ShortStrings.get(namespace?.attrs.resid ?? '');
      expect(value?.attrs.DefaultValue).toBe('KAM');
      // A translated namespace would rename every formula in that language.
      expect(value?.children.filter((c) => c.name === 'Override' && c.attrs.Value !== 'KAM')).toEqual([]);
    });

    it('asks for ReadWriteDocument permission', () => {
      expect(child(parseManifest(read()), 'Permissions')?.text).toBe('ReadWriteDocument');
    });

    it('runs pane, button and functions in one long-lived shared runtime', () => {
      const root = parseManifest(read());
      const host = path(root, 'VersionOverrides', 'Hosts', 'Host');
      expect(host?.attrs.type).toBe('Workbook');
      const runtimes = child(host, 'Runtimes')?.children ?? [];
      expect(runtimes.map((r) => r.attrs.lifetime)).toEqual(['long']);
      const runtimeUrl = resourceUrl(root, runtimes[0]?.attrs.resid);
      expect(runtimeUrl).toMatch(/^https:\/\/.+\/taskpane\.html$/);

      const functions = customFunctionsPoint(root);
      expect(resourceUrl(root, path(functions, 'Page', 'SourceLocation')?.attrs.resid)).toBe(runtimeUrl);
      expect(resourceUrl(root, path(functions, 'Script', 'SourceLocation')?.attrs.resid)).toMatch(
        /^https:\/\/.+\/functions\.js$/,
      );
      expect(resourceUrl(root, path(functions, 'Metadata', 'SourceLocation')?.attrs.resid)).toMatch(
        /^https:\/\/.+\/functions\.json$/,
      );

      const desktop = child(host, 'DesktopFormFactor');
      expect(resourceUrl(root, child(desktop, 'FunctionFile')?.attrs.resid)).toBe(runtimeUrl);
      const actions = [...descendants(desktop ?? root)].filter((n) => n.name === 'Action');
      expect(actions.map((a) => a.attrs.type)).toEqual(['ShowTaskpane']);
      // Under a shared runtime an action carries no TaskpaneId ("Configure your Office Add-in to use a shared runtime").
      expect(child(actions[0], 'TaskpaneId')).toBeUndefined();
      expect(resourceUrl(root, child(actions[0], 'SourceLocation')?.attrs.resid)).toBe(runtimeUrl);
      expect(path(root, 'DefaultSettings', 'SourceLocation')?.attrs.DefaultValue).toBe(runtimeUrl);
    });

    it('requires exactly the sets the code needs: ExcelApi and CustomFunctionsRuntime as used, SharedRuntime 1.1', () => {
      const sets = path(parseManifest(read()), 'Requirements', 'Sets')?.children ?? [];
      const required = Object.fromEntries(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
      expect(required).toEqual({ ...neededSets(), SharedRuntime: '1.1' });
    });

    it.skipIf(!xmllintAvailable || !xsdPresent)('validates against the Office manifest schema (xmllint)', () => {
      const result = spawnSync('xmllint', ['--noout', '--schema', xsdPath, file], { encoding: 'utf8' });
      expect(result.stderr).toContain('validates');
      expect(result.status).toBe(0);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The sets the Excel code needs, read from the code (test/support/api-sets.ts).

const EXCEL_SOURCES = ['src/excel/workbook.ts', 'src/excel/bridge.ts', 'src/excel/taskpane.ts', 'src/excel/functions.ts'].map((f) => join(repoRoot, f));
/** Needs that are behaviours, not API members: errors inside a returned matrix (CustomFunctions.Error reference). */
const BEHAVIOURS = { CustomFunctionsRuntime: '1.2' };
let uses: ApiUse[] | null = null;
const apiUsesOnce = () => (uses ??= apiUses(EXCEL_SOURCES, join(repoRoot, 'tsconfig.json')));
const maxVersion = (versions: string[]) => versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));

/** Per set, the highest version used without a run-time check (or needed by a behaviour). */
function neededSets(): Record<string, string> {
  const needed: Record<string, string> = {};
  for (const use of apiUsesOnce().filter((u) => !u.guarded && u.set !== 'SharedRuntime')) needed[use.set] = maxVersion([needed[use.set] ?? '1.1', use.version]);
  for (const [set, version] of Object.entries(BEHAVIOURS)) needed[set] = maxVersion([needed[set] ?? '1.1', version]);
  return needed;
}

describe('requirement sets, audited from the Excel code', () => {
  it('finds the APIs the code uses and their sets (the reference docs\' remarks, as @types/office-js carries them)', () => {
    const found = apiUsesOnce();
    const at = (text: string) => found.filter((u) => u.use.includes(text)).map((u) => `${u.set} ${u.version}${u.guarded ? ' guarded' : ''}`);
    expect(at('.dataValidation')[0]).toBe('ExcelApi 1.8');
    expect(at('.axisGroup')[0]).toBe('ExcelApi 1.8');
    expect(at('getUsedRangeOrNullObject')[0]).toBe('ExcelApi 1.4');
    expect(at('.pageLayout')[0]).toBe('ExcelApi 1.9 guarded');
    expect(at('new CustomFunctions.Error')[0]).toBe('CustomFunctionsRuntime 1.2');
  }, 60_000);

  it('guards everything newer than the declared sets with a run-time check', () => {
    const needed = neededSets();
    const newer = apiUsesOnce().filter((u) => needed[u.set] && compareVersions(u.version, needed[u.set]) > 0);
    expect(newer.filter((u) => !u.guarded)).toEqual([]);
    // Today that is the page layout (ExcelApi 1.9), told in the pane when missing (test/excel, test/ui).
    expect([...new Set(newer.map((u) => `${u.set} ${u.version}`))]).toEqual(['ExcelApi 1.9']);
  }, 60_000);
});

describe('source manifest.xml (development URLs)', () => {
  const root = parseManifest(readFileSync(sourceManifestPath, 'utf8'));

  it(`starts every URL with ${DEV_BASE}, the prefix the build replaces`, () => {
    const urls = urlLikeAttributes(root);
    expect(urls.filter((url) => !url.startsWith(DEV_BASE))).toEqual([]);
    expect(urls).toEqual(expect.arrayContaining([
      `${DEV_BASE}taskpane.html`,
      `${DEV_BASE}functions.js`,
      `${DEV_BASE}functions.json`,
    ]));
  });

  it('points only at icons that exist in assets/', () => {
    const icons = urlLikeAttributes(root).filter((url) => url.startsWith(`${DEV_BASE}assets/`));
    expect(new Set(icons)).toEqual(
      // Ribbon 16/32/80, IconUrl 32, HighResolutionIconUrl 64 (icon-128 is for the store listings).
      new Set([16, 32, 64, 80].map((size) => `${DEV_BASE}assets/icon-${size}.png`)),
    );
    const missing = icons.filter((url) => !existsSync(join(repoRoot, url.slice(DEV_BASE.length))));
    expect(missing).toEqual([]);
  });

  it('has Dutch (nl-NL) text for every user-visible string', () => {
    const strings = [
      child(root, 'DisplayName'),
      child(root, 'Description'),
      ...resources(root).ShortStrings.values(),
      ...resources(root).LongStrings.values(),
    ].filter((node): node is XmlNode => node !== undefined && node.attrs.id !== 'Functions.Namespace');
    const untranslated = strings
      .filter((node) => !node.children.some((c) => c.name === 'Override' && c.attrs.Locale === 'nl-NL'))
      .map((node) => node.attrs.id ?? node.name);
    expect(strings.length).toBeGreaterThanOrEqual(6);
    expect(untranslated).toEqual([]);
  });
});

describe.skipIf(!existsSync(distManifestPath))('built dist/excel/manifest.xml (against the source)', () => {
  it('differs from the source only in the URL base', () => {
    const source = parseManifest(readFileSync(sourceManifestPath, 'utf8'));
    const built = parseManifest(readFileSync(distManifestPath, 'utf8'));
    const builtTaskpane = path(built, 'DefaultSettings', 'SourceLocation')?.attrs.DefaultValue ?? '';
    expect(builtTaskpane).toMatch(/^https:\/\/.*\/taskpane\.html$/);
    const base = builtTaskpane.slice(0, -'taskpane.html'.length);
    const expected = urlLikeAttributes(source).map((url) => base + url.slice(DEV_BASE.length));
    expect(urlLikeAttributes(built)).toEqual(expected);
    expect(unresolvedResids(readFileSync(distManifestPath, 'utf8'))).toEqual([]);
  });
});

const appsScriptManifests = [
  { label: 'appsscript.json', file: join(repoRoot, 'appsscript.json') },
  { label: 'built dist/sheets/appsscript.json', file: join(repoRoot, 'dist', 'sheets', 'appsscript.json') },
];

for (const { label, file } of appsScriptManifests) {
  describe.skipIf(!existsSync(file))(label, () => {
    const manifest = (): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

    it('runs on the V8 runtime in the Amsterdam time zone', () => {
      expect(manifest()).toMatchObject({
        runtimeVersion: 'V8',
        timeZone: 'Europe/Amsterdam',
        exceptionLogging: 'STACKDRIVER',
      });
    });

    it('asks for exactly the two narrow OAuth scopes', () => {
      const scopes = manifest().oauthScopes as string[];
      expect([...scopes].sort()).toEqual([
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
      ]);
    });
  });
}
