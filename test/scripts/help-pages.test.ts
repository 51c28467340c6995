// The built dist/excel as Excel and AppSource read it: every function in every language's
// functions.json has a helpUrl on the add-in's own origin, whose page exists in dist/excel and shows
// that function's name and example; the Dutch metadata is the English one with Dutch help.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCEL_NAMESPACE, FUNCTIONS, functionNamed } from '../../shared/catalog';
import { FUNCTION_HELP } from '../../shared/i18n/function-help';
import { helpPageStrings } from '../../shared/i18n/help-pages';
import { Language } from '../../shared/i18n/strings';
import { DEV_BASE_URL, EXCEL_METADATA_FILES } from '../../scripts/build';
import { exampleOf, helpPages, syntaxOf } from '../../scripts/help-pages';
import { localFormula } from '../../shared/catalog';

const excel = join(__dirname, '../../dist/excel');

interface Metadata {
  functions: { id: string; name: string; description: string; helpUrl: string; parameters: { name: string; description: string }[] }[];
}
const metadata = (language: Language): Metadata => JSON.parse(readFileSync(join(excel, EXCEL_METADATA_FILES[language]), 'utf8'));

/** The file in dist/excel a URL of the development build names, or undefined when it is not on that origin. */
const fileOf = (url: string) => (url.startsWith(DEV_BASE_URL) ? join(excel, url.slice(DEV_BASE_URL.length)) : undefined);

/** Text of an HTML page as a browser shows it: tags dropped, entities read. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

for (const language of ['en', 'nl'] as const) {
  describe(`dist/excel/${EXCEL_METADATA_FILES[language]}: each function's help page (${language})`, () => {
    it('lists every catalog function, each with a helpUrl on the add-in\'s origin', () => {
      const functions = metadata(language).functions;
      expect(functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.name));
      for (const f of functions) expect(f.helpUrl, f.id).toMatch(new RegExp(`^${DEV_BASE_URL}help/${language}/[a-z_]+\\.html$`));
      expect(new Set(functions.map((f) => f.helpUrl)).size).toBe(functions.length);
    });

    for (const f of FUNCTIONS) {
      it(`${f.name}: the page exists and shows the name, the syntax, every argument and the example`, () => {
        const entry = metadata(language).functions.find((m) => m.id === f.name)!;
        const file = fileOf(entry.helpUrl);
        expect(file && existsSync(file), entry.helpUrl).toBe(true);
        const html = readFileSync(file!, 'utf8');
        expect(html).toContain(`<html lang="${language}">`);
        const text = textOf(html);
        expect(text).toContain(`${EXCEL_NAMESPACE}.${f.name}`);
        expect(text).toContain(exampleOf(f, language));
        expect(text).toContain(syntaxOf(f, language));
        expect(text).toContain(FUNCTION_HELP[f.name].description[language]);
        for (const p of f.params) expect(text).toContain(FUNCTION_HELP[f.name].params[p.name][language]);
      });
    }
  });
}

describe('the Dutch functions.json against the English', () => {
  const [en, nl] = [metadata('en'), metadata('nl')];

  it('has the same ids, names and parameters, so a workbook works in both languages', () => {
    const shape = (m: Metadata) => m.functions.map(({ description: _d, helpUrl: _h, parameters, ...rest }) => ({ ...rest, parameters: parameters.map(({ description: _p, ...p }) => p) }));
    expect(shape(nl)).toEqual(shape(en));
  });

  it('describes every function and argument in Dutch, from the function help', () => {
    for (const [i, f] of FUNCTIONS.entries()) {
      expect(nl.functions[i].description).toBe(FUNCTION_HELP[f.name].description.nl);
      expect(nl.functions[i].description).not.toBe(en.functions[i].description);
      expect(nl.functions[i].parameters.map((p) => p.description)).toEqual(f.params.map((p) => FUNCTION_HELP[f.name].params[p.name].nl));
    }
  });
});

describe('examples as a Dutch Excel user types them', () => {
  it('takes the catalog\'s semicolons, and writes decimal commas and Dutch built-ins, leaving text alone', () => {
    expect(exampleOf(functionNamed('PLAN_GAP')!, 'nl')).toBe('=KAM.PLAN_GAP(B2; C2; $H$1; DATUM(2026;1;1); DATUM(2026;12;31))');
    expect(localFormula('=KAM.PARETO_SUMMARY(C2:C500, A2:A500, {0.7, 0.9}, , "DATE(1.5)", TODAY())', 'excel', 'nl')).toBe('=KAM.PARETO_SUMMARY(C2:C500; A2:A500; {0,7; 0,9}; ; "DATE(1.5)"; VANDAAG())');
    expect(localFormula('=KAM.PLAN_PHASE(120000, B1:M1, 0.5)', 'excel', 'en')).toBe('=KAM.PLAN_PHASE(120000, B1:M1, 0.5)');
  });
});

describe('the support and privacy pages', () => {
  const pages = new Map(helpPages({ version: '9.8.7', contact: 'support@example.com' }).map((p) => [p.path, p.html]));

  for (const language of ['en', 'nl'] as const) {
    it(`links every function's page and gives the contact (${language})`, () => {
      const index = pages.get(`help/${language}/index.html`)!;
      for (const f of FUNCTIONS) expect(index).toContain(`href="${f.name.toLowerCase()}.html"`);
      expect(index).toContain('href="mailto:support@example.com"');
      expect(index).toContain('href="privacy.html"');
    });

    it(`says the add-in sends nothing anywhere and names the version (${language})`, () => {
      const privacy = textOf(pages.get(`help/${language}/privacy.html`)!);
      expect(privacy).toContain(helpPageStrings(language).privacy[0]);
      expect(privacy).toContain('9.8.7');
    });
  }

  it('pairs every page with its other language, and every link stays inside the help', () => {
    for (const [path, html] of pages) {
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => !href.startsWith('mailto:'));
      for (const href of links) expect(pages.has(join(path, '..', href)), `${path} -> ${href}`).toBe(true);
    }
  });

  it('escapes what it writes, and says whom to ask when package.json names no contact', () => {
    const withoutContact = helpPages({ version: '1.0.0' }).find((p) => p.path === 'help/nl/index.html')!.html;
    expect(withoutContact).toContain(helpPageStrings('nl').supportNoContact);
    const odd = helpPages({ version: '1.0.0', contact: 'https://example.com/?a=<b>&c' }).find((p) => p.path === 'help/en/index.html')!.html;
    expect(odd).toContain('href="https://example.com/?a=&lt;b&gt;&amp;c"');
    expect(odd).not.toContain('<b>');
  });
});

describe('what the privacy page promises, in the built add-ins', () => {
  const dist = join(__dirname, '../../dist');
  const built = ['excel/taskpane.js', 'excel/functions.js', 'excel/taskpane.html', 'sheets/Code.js', 'sheets/Server.js', 'sheets/Sidebar.html'];
  // Every way a page or a script could send or keep data: network calls and browser storage.
  const SENDING = /\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|UrlFetchApp|localStorage|sessionStorage|indexedDB|document\.cookie|PropertiesService|CacheService/;

  for (const file of built) {
    it(`${file} makes no network call and stores nothing`, () => {
      expect(readFileSync(join(dist, file), 'utf8').match(SENDING)?.[0]).toBeUndefined();
    });
  }

  it('loads scripts only from the add-in\'s own folder, and Office.js from Microsoft', () => {
    const taskpane = readFileSync(join(dist, 'excel/taskpane.html'), 'utf8');
    const sources = [...taskpane.matchAll(/<(?:script|link|img)[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'functions.js', 'taskpane.js']);
    expect(readFileSync(join(dist, 'sheets/Sidebar.html'), 'utf8')).not.toMatch(/<(?:script|link|img)[^>]*\b(?:src|href)=/);
  });

  it('the matcher catches each of those calls', () => {
    for (const call of ['fetch(url)', 'new XMLHttpRequest()', 'navigator.sendBeacon(u)', 'UrlFetchApp.fetch(u)', 'localStorage.setItem', 'document.cookie = x']) expect(call).toMatch(SENDING);
    expect('navigator.language').not.toMatch(SENDING);
  });
});
