// The sidebar's path to the workbook: the client bridge over a stand-in google.script.run that
// calls the analysis entry points of the built dist/sheets/Code.js (in a vm, as Apps Script runs
// it), on the SpreadsheetApp stand-in. Arguments and answers cross as JSON, as they do in Sheets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { sheetsBridge } from '../../src/sheets/client-bridge';
import { dateFromSerial, zoneNamed } from '../../src/sheets/dates';
import { dutchInvoices } from '../support/revenue-sheets';
import { standInSpreadsheet } from './stand-in';

const code = readFileSync(join(__dirname, '../../dist/sheets/Code.js'), 'utf8');
type Global = Record<string, (...args: unknown[]) => unknown>;

/** The Dutch invoice sheet as getValues gives it: "" for blanks, Date objects in the date column. */
function verkoopAsSheetsGivesIt(): unknown[][] {
  const zone = zoneNamed('Europe/Amsterdam');
  return dutchInvoices().map((row, r) => row.map((v, c) => (v === null ? '' : c === 2 && r >= 3 && typeof v === 'number' ? dateFromSerial(v, zone) : v)));
}

/** google.script.run as the sidebar sees it: asynchronous, JSON across, errors to the failure handler. */
function scriptRun(server: Global, failureShape: (e: Error) => unknown = (e) => e) {
  const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): Record<string, unknown> =>
    new Proxy(
      {},
      {
        get(_, name: string) {
          if (name === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, failure);
          if (name === 'withFailureHandler') return (f: (e: unknown) => void) => runner(success, f);
          return (arg: unknown) =>
            setTimeout(() => {
              try {
                const result = server[name](JSON.parse(JSON.stringify(arg)));
                success?.(JSON.parse(JSON.stringify(result)));
              } catch (e) {
                failure?.(failureShape(e as Error));
              }
            }, 1);
        },
      },
    );
  return runner();
}

function sidebar(failureShape?: (e: Error) => unknown) {
  const s = standInSpreadsheet({ sheets: { Verkoop: verkoopAsSheetsGivesIt() }, active: { sheet: 'Verkoop', row: 5, col: 1 } });
  const context = vm.createContext({
    SpreadsheetApp: s.app,
    Session: { getActiveUserLocale: () => 'nl', getScriptTimeZone: () => 'Europe/Amsterdam' },
    HtmlService: {},
  });
  vm.runInContext(code, context);
  (globalThis as Record<string, unknown>).google = { script: { run: scriptRun(context as Global, failureShape) } };
  return { s, bridge: sheetsBridge(() => 'nl-NL') };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).google;
});

describe('the sidebar calls the analysis on the spreadsheet', () => {
  it('detects the table, previews and writes, asking before it replaces', async () => {
    const { s, bridge } = sidebar();
    expect(bridge.host).toBe('sheets');
    expect(bridge.displayLanguage()).toBe('nl-NL');
    const d = await bridge.detect({ language: 'nl' });
    expect(d).toMatchObject({ sheet: 'Verkoop', address: 'A3:E14', suggestion: { account: 1, amount: 3, date: 2 } });
    const request = { language: 'nl' as const, sheet: d.sheet, at: { row: 2, col: 0 }, account: 1, amount: 3, date: 2 };
    const p = await bridge.preview(request);
    expect(p.headline).toBe('50,0% van uw klanten brengt 94,2% van de omzet');
    expect(p.categories).not.toBeNull();
    const written = await bridge.apply(request);
    expect(written).toMatchObject({ status: 'written', tierColumns: 'Verkoop!F3:H14', paretoSheet: 'Pareto' });
    expect(s.cellsOf('Verkoop')[3][5]).toBe('A');
    expect(s.sheetNames()).toEqual(['Verkoop', 'Pareto']);
    expect((await bridge.apply(request)).status).toBe('confirm');
    expect((await bridge.apply({ ...request, replace: true })).status).toBe('written');
  });

  it('rejects with the message the user should read', async () => {
    const { bridge } = sidebar();
    await expect(bridge.preview({ language: 'en', sheet: 'Verkoop', account: 1, amount: 1 })).rejects.toThrow(/^The account and amount columns must be different\.$/);
    await expect(bridge.detect({ language: 'nl', sheet: 'Inkoop' })).rejects.toThrow(/^Er is geen blad met de naam Inkoop\.$/);
  });

  it('drops the type Apps Script may put before a message', async () => {
    const { bridge } = sidebar((e) => ({ message: `Error: ${e.message}` }));
    await expect(bridge.detect({ language: 'en', sheet: 'Inkoop' })).rejects.toThrow(/^There is no sheet called Inkoop\.$/);
  });
});
