// The server side of the built dist/sheets, run as Apps Script runs it (Code.js and Server.js in
// one vm's global scope) on the SpreadsheetApp stand-in: the menu, the sidebar, and the analysis
// entry points the sidebar calls through google.script.run. What they hand back must be plain
// JSON, their errors readable sentences, and their service calls must not grow with the rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n/strings';
import { dateFromSerial, zoneNamed } from '../../src/sheets/dates';
import { BOTH_ORDERS, SHEETS_DIST, ScriptFile, loadAppsScript } from '../support/apps-script-project';
import { dutchInvoices, serialOf } from '../support/revenue-sheets';
import { StandInOptions, standInHtmlService, standInSpreadsheet } from './stand-in';

const TIME_ZONE = 'Europe/Amsterdam';
const nl = t('nl');

/** Rows as getValues gives them: "" for blanks, Date objects at midnight in the sheet's zone for dates. */
function asSheetsGivesIt(rows: unknown[][], dateCol: number, firstDataRow: number): unknown[][] {
  const zone = zoneNamed(TIME_ZONE);
  return rows.map((row, r) => row.map((v, c) => (v === null ? '' : c === dateCol && r >= firstDataRow && typeof v === 'number' ? dateFromSerial(v, zone) : v)));
}

const verkoop = () => asSheetsGivesIt(dutchInvoices(), 2, 3);

/** A Dutch revenue sheet of n invoice lines over n/3 customers, under a title, as dutchInvoices. */
function dutchLines(n: number): unknown[][] {
  const rows: unknown[][] = [['Omzet per factuur', null, null, null], [null, null, null, null], ['Factuurnr', 'Klant', 'Factuurdatum', 'Omzet (€)']];
  const customers = Math.max(1, Math.floor(n / 3));
  for (let i = 0; i < n; i++) rows.push([1000 + i, `Klant ${(i * 7) % customers}`, serialOf(2024, 1, 1) + ((i * 13) % 700), 100 + ((i * 37) % 900)]);
  return asSheetsGivesIt(rows, 2, 3);
}

/** A fresh Apps Script global scope: the project's script files over a stand-in spreadsheet, HtmlService and Session. */
function appsScript(sheets: StandInOptions['sheets'], options: { locale?: string; active?: StandInOptions['active']; files?: readonly ScriptFile[] } = {}) {
  const s = standInSpreadsheet({ sheets, timeZone: TIME_ZONE, locale: 'nl_NL', active: options.active });
  const html = standInHtmlService((file) => readFileSync(join(SHEETS_DIST, `${file}.html`), 'utf8'));
  const services = {
    SpreadsheetApp: s.app,
    Session: { getActiveUserLocale: () => options.locale ?? 'nl_NL', getScriptTimeZone: () => TIME_ZONE },
    HtmlService: html.service,
  };
  const server = loadAppsScript(services, options.files);
  s.calls.reset();
  return { ...s, server, htmlFiles: html.outputs };
}

/** What google.script.run can carry: null, booleans, strings, finite numbers, arrays and plain objects of those. */
function plainJson(x: unknown, path = 'result'): string[] {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return [];
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [`${path} is ${x}`];
  if (Array.isArray(x)) return x.flatMap((v, i) => plainJson(v, `${path}[${i}]`));
  // Plain objects of the vm's realm: their prototype is that realm's Object.prototype.
  const proto = typeof x === 'object' ? Object.getPrototypeOf(x) : undefined;
  if (proto && Object.prototype.toString.call(x) === '[object Object]' && Object.getPrototypeOf(proto) === null)
    return Object.entries(x as object).flatMap(([k, v]) => plainJson(v, `${path}.${k}`));
  return [`${path} is ${Object.prototype.toString.call(x)}`];
}

function expectPlainJson(x: unknown): void {
  expect(plainJson(x)).toEqual([]);
  expect(JSON.parse(JSON.stringify(x))).toEqual(x);
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

const request = { language: 'nl', sheet: 'Verkoop', account: 1, amount: 3, date: 2 } as const;

describe('dist/sheets (Code.js and Server.js) on the stand-in spreadsheet', () => {
  it('(the plain-JSON check catches what google.script.run would not carry)', () => {
    class Line {
      label = 'A';
    }
    expect(plainJson({ a: [1, 'x', null, { b: true }] })).toEqual([]);
    expect(plainJson({ at: new Date(0), gone: undefined, n: NaN, line: new Line(), f: () => 1 })).toEqual([
      'result.at is [object Date]',
      'result.gone is [object Undefined]',
      'result.n is NaN',
      'result.line is [object Object]',
      'result.f is [object Function]',
    ]);
  });

  it('adds the Account Planner menu on open, in the user language', () => {
    const dutch = appsScript({ Verkoop: verkoop() });
    dutch.server.onOpen({});
    expect(dutch.ui.menus).toEqual([{ title: 'Account Planner', items: [['Account Planner openen', 'showSidebar']] }]);
    const english = appsScript({ Verkoop: verkoop() }, { locale: 'en_GB' });
    english.server.onInstall({});
    expect(english.ui.menus).toEqual([{ title: 'Account Planner', items: [['Open Account Planner', 'showSidebar']] }]);
  });

  it('answers the same whichever script file Apps Script loads first', () => {
    const [codeFirst, serverFirst] = BOTH_ORDERS.map((files) => {
      const s = appsScript({ Verkoop: verkoop() }, { files });
      s.server.onOpen({});
      const preview = s.server.analysisPreview(request);
      return { menus: s.ui.menus, preview, log: s.calls.log };
    });
    expect(serverFirst.menus).toEqual([{ title: 'Account Planner', items: [['Account Planner openen', 'showSidebar']] }]);
    expect((serverFirst.preview as Record<string, unknown>).headline).toBe('50,0% van uw klanten brengt 94,2% van de omzet');
    expect(serverFirst).toEqual(codeFirst);
  });

  it('opens Sidebar.html as the sidebar, titled, its viewport set through addMetaTag (HtmlService ignores <meta> in the file)', () => {
    const s = appsScript({ Verkoop: verkoop() });
    s.server.showSidebar();
    expect(s.htmlFiles.map((h) => h.file)).toEqual(['Sidebar']);
    expect(s.ui.sidebars).toEqual([expect.objectContaining({ file: 'Sidebar', title: nl.host.title })]);
    // The file's own <meta name="viewport"> would do nothing in Sheets.
    expect(s.htmlFiles[0].content).toContain('<meta name="viewport"');
    expect(s.htmlFiles[0].viewport).toBe('width=device-width, initial-scale=1');
  });

  it('detects the table and suggests the account, amount and date columns', () => {
    const s = appsScript({ Verkoop: verkoop() }, { active: { sheet: 'Verkoop', row: 5, col: 1 } });
    const d = s.server.analysisDetect({ language: 'nl' }) as Record<string, unknown>;
    expectPlainJson(d);
    expect(d).toMatchObject({ sheet: 'Verkoop', sheets: ['Verkoop'], address: 'A3:E14', headerRow: 3, suggestion: { account: 1, amount: 3, date: 2 } });
    expect((d.columns as { title: string }[]).map((c) => c.title)).toEqual(['Factuurnr', 'Klant', 'Factuurdatum', 'Omzet (€)', 'Opmerking']);
  });

  it('previews in plain JSON: tiers worked out by hand, rows left out and why', () => {
    const s = appsScript({ Verkoop: verkoop() });
    const p = s.server.analysisPreview(request) as Record<string, unknown>;
    expectPlainJson(p);
    // Bakkerij Jansen 10,000 and Van Dijk 3,000 of 13,800 (the text amounts left out): half the accounts, 94.2%
    expect(p.headline).toBe('50,0% van uw klanten brengt 94,2% van de omzet');
    expect(p).toMatchObject({ accounts: 4, revenue: 13800, leftOut: { textRows: [7, 13], totalsRows: [14] } });
    expect((p.tiers as { label: string; accounts: number }[]).map((l) => [l.label, l.accounts])).toEqual([['A', 2], ['B', 1], ['C', 1]]);
    expect(s.calls.of('Range.setValues') + s.calls.of('Range.setFormulas')).toBe(0); // a preview writes nothing
  });

  it('applies: tiers in the cells next to the table, the Pareto sheet, and asks before replacing', () => {
    const s = appsScript({ Verkoop: verkoop() });
    const written = s.server.analysisApply(request) as Record<string, unknown>;
    expectPlainJson(written);
    expect(written).toMatchObject({ status: 'written', tierColumns: 'Verkoop!F3:I14', paretoSheet: 'Pareto' });
    const tiers = s.cellsOf('Verkoop').slice(2, 14).map((row) => row[5]);
    expect(tiers).toEqual([nl.analysis.tierHeader, 'A', 'A', 'A', null, null, 'B', 'A', 'C', 'A', null, null]);
    expect(s.sheetNames()).toEqual(['Verkoop', 'Pareto']);
    expect(s.cellsOf('Pareto')[0][0]).toContain('Verkoop');
    expect(s.chartsOf('Pareto').map((c) => c.type)).toEqual(['COMBO', 'LINE']); // the Pareto chart and the Lorenz curve
    expect(s.rulesOf('Verkoop')).toHaveLength(3);

    s.calls.reset();
    const again = s.server.analysisApply(request) as Record<string, unknown>;
    expectPlainJson(again);
    expect(again.status).toBe('confirm');
    expect(again.message).toBe(nl.analysis.confirmReplace.replace('{where}', 'Verkoop!F3:I14'));
    expect(s.calls.log.filter((m) => /^(Range\.set|Spreadsheet\.insertSheet|Sheet\.insertChart)/.test(m))).toEqual([]);

    expect((s.server.analysisApply({ ...request, replace: true }) as Record<string, unknown>).status).toBe('written');
    expect(s.sheetNames()).toEqual(['Verkoop', 'Pareto']);
    expect(s.chartsOf('Pareto').map((c) => c.type)).toEqual(['COMBO', 'LINE']); // the Pareto chart and the Lorenz curve
    expect(s.rulesOf('Verkoop')).toHaveLength(3);
  });

  it('throws a plain Error with the readable Dutch sentence for a bad option', () => {
    const s = appsScript({ Verkoop: verkoop() });
    for (const call of ['analysisPreview', 'analysisApply']) {
      const e = thrown(() => s.server[call]({ ...request, amount: 1 }));
      expect(Object.prototype.toString.call(e), call).toBe('[object Error]');
      expect(e.name, call).toBe('Error'); // not UserError: the sidebar's failure handler sees "Error: <message>" at most
      expect(e.message, call).toBe('De klantkolom en de bedragkolom moeten verschillen.');
      expect(e.message).toBe(nl.analysis.sameColumn);
    }
    expect(thrown(() => s.server.analysisDetect({ language: 'nl', sheet: 'Inkoop' })).message).toBe('Er is geen blad met de naam Inkoop.');
    expect(s.sheetNames()).toEqual(['Verkoop']);
    expect(s.calls.log.filter((m) => m.startsWith('Range.set'))).toEqual([]);
  });

  it('costs the same service calls to apply at 30 rows and at 3,000 rows', () => {
    const runs = [30, 3000].map((n) => {
      const s = appsScript({ Verkoop: dutchLines(n) });
      const first = s.server.analysisApply({ language: 'nl', sheet: 'Verkoop' }) as Record<string, unknown>;
      expect(first.status).toBe('written');
      expect(s.cellsOf('Verkoop')).toHaveLength(n + 3);
      const firstLog = [...s.calls.log];
      s.calls.reset();
      expect((s.server.analysisApply({ language: 'nl', sheet: 'Verkoop', replace: true }) as Record<string, unknown>).status).toBe('written');
      return { first: firstLog, replace: [...s.calls.log] };
    });
    expect(runs[1].first.length).toBe(runs[0].first.length);
    expect(runs[1].first).toEqual(runs[0].first);
    expect(runs[1].replace).toEqual(runs[0].replace);
    // About 170 today (36 for the six tier rules, 17 for each of the two charts, ...): a ceiling, not a pin.
    expect(runs[0].first.length).toBeLessThan(190);
  });
});
