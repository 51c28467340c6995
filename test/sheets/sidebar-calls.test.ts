// The sidebar's path to the workbook: the client bridge over a stand-in google.script.run that
// calls the entry points of the built dist/sheets (Code.js and Server.js in a vm, as Apps Script
// runs them) — the analysis and the plans — on the SpreadsheetApp stand-in. Arguments and answers
// cross as JSON, as they do in Sheets.
import { afterEach, describe, expect, it } from 'vitest';
import { sheetsBridge } from '../../src/sheets/client-bridge';
import { dateFromSerial, zoneNamed } from '../../src/sheets/dates';
import { AppsScriptGlobal, BOTH_ORDERS, loadAppsScript } from '../support/apps-script-project';
import { dutchInvoices, serialOf } from '../support/revenue-sheets';
import { productSales } from '../support/product-sales';
import { StandInOptions, standInSpreadsheet } from './stand-in';

/** The Dutch invoice sheet as getValues gives it: "" for blanks, Date objects in the date column. */
function verkoopAsSheetsGivesIt(): unknown[][] {
  const zone = zoneNamed('Europe/Amsterdam');
  return dutchInvoices().map((row, r) => row.map((v, c) => (v === null ? '' : c === 2 && r >= 3 && typeof v === 'number' ? dateFromSerial(v, zone) : v)));
}

/** google.script.run as the sidebar sees it: asynchronous, JSON across, errors to the failure handler. */
function scriptRun(server: AppsScriptGlobal, failureShape: (e: Error) => unknown = (e) => e) {
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

function sidebar(failureShape?: (e: Error) => unknown, more: { sheets?: StandInOptions['sheets']; active?: StandInOptions['active'] } = {}) {
  const s = standInSpreadsheet({ sheets: { Verkoop: verkoopAsSheetsGivesIt(), ...more.sheets }, active: more.active ?? { sheet: 'Verkoop', row: 5, col: 1 } });
  const services = { SpreadsheetApp: s.app, Session: { getActiveUserLocale: () => 'nl', getScriptTimeZone: () => 'Europe/Amsterdam' }, HtmlService: {} };
  // Server.js first here, the other order elsewhere: Apps Script promises none.
  const server = loadAppsScript(services, BOTH_ORDERS[1]);
  (globalThis as Record<string, unknown>).google = { script: { run: scriptRun(server, failureShape) } };
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
    expect(written).toMatchObject({ status: 'written', tierColumns: 'Verkoop!F3:I14', paretoSheet: 'Pareto' });
    expect(s.cellsOf('Verkoop')[3][5]).toBe('A');
    expect(s.sheetNames()).toEqual(['Verkoop', 'Pareto']);
    expect((await bridge.apply(request)).status).toBe('confirm');
    expect((await bridge.apply({ ...request, replace: true })).status).toBe('written');
  });

  it('tiers within the groups of a column (built Server.js): the preview says so, the tiers are per group', async () => {
    const { s, bridge } = sidebar();
    const request = { language: 'nl' as const, sheet: 'Verkoop', at: { row: 2, col: 0 }, account: 1, amount: 3, date: 2, within: 4 };
    const p = await bridge.preview(request);
    expect(p.within).toMatchObject({ column: { col: 4, title: 'Opmerking' }, groups: 3 });
    expect(p.tiers.map((l) => l.accounts)).toEqual([4, 0, 1]);
    expect(p.basis.groups).toHaveLength(5);
    expect((await bridge.apply(request)).status).toBe('written');
    // " bakkerij jansen " (herhaalorder) is A in its own group; Kapper Anna C among the blank group
    expect([3, 5, 8].map((r) => s.cellsOf('Verkoop')[r][5])).toEqual(['A', 'A', 'C']);
    expect(s.cellsOf('Pareto').map((row) => row[0])).toContain('Klassen per Opmerking');
  });

  it('compares periods after the analysis (built Server.js, migrationWrite): the Verschuivingen sheet and its message', async () => {
    const { s, bridge } = sidebar();
    await expect(bridge.writeMigrationSheet({ language: 'nl' })).rejects.toThrow('Schrijf eerst de analyse met een datumkolom: perioden vergelijken telt de regels die de analyse telde.');
    await bridge.apply({ language: 'nl', sheet: 'Verkoop', at: { row: 2, col: 0 }, account: 1, amount: 3, date: 2 });
    const result = await bridge.writeMigrationSheet({ language: 'nl', cutoffs: [0.8, 0.95], labels: ['A', 'B', 'C'], split: serialOf(2025, 7, 1) });
    expect(result).toMatchObject({ sheet: 'Verschuivingen', movedDown: 0, lost: 0, added: 2 });
    expect(result.message).toBe('Verschuivingen op het blad Verschuivingen (2025-01-15 – 2025-06-30 tegen 2025-07-01 – 2025-11-12): 0 klanten gezakt, 0 verloren, 2 nieuw.');
    expect(s.sheetNames()).toEqual(['Verkoop', 'Pareto', 'Verschuivingen']);
    expect(s.cellsOf('Verschuivingen')[4].slice(9, 12)).toEqual(['Bakkerij Jansen', 'A', 'A']);
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

describe('the sidebar plans accounts of a table with product groups (built Server.js)', () => {
  it('the analysis names the product column; batches of plans get the whitespace grid, the overview the Whitespace sheet and the health score', async () => {
    const zone = zoneNamed('Europe/Amsterdam');
    const omzet = productSales().map((row, r) => row.map((v, c) => (v === null ? '' : c === 1 && r > 0 && typeof v === 'number' ? dateFromSerial(v, zone) : v)));
    const { s, bridge } = sidebar(undefined, { sheets: { Omzet: omzet }, active: { sheet: 'Omzet', row: 1, col: 0 } });
    const d = await bridge.detect({ language: 'nl', sheet: 'Omzet' });
    expect(d.suggestion).toEqual({ account: 0, amount: 3, date: 1, product: 2 });
    expect((await bridge.apply({ language: 'nl', sheet: 'Omzet', at: { row: 1, col: 0 }, account: 0, amount: 3, date: 1 })).status).toBe('written');
    expect(s.namedRanges().AccountPlanner_Products).toMatchObject({ sheet: 'Omzet' });
    for (const batch of [['Acme'], ['Bolt']]) await bridge.generatePlans({ language: 'nl', accounts: { names: batch }, template: 'key', planStart: serialOf(2026, 1, 15), skipOverview: true });
    const grid = s.cellsOf('Plan – Bolt');
    const header = grid.findIndex((row) => row[0] === 'Productgroep');
    expect(grid.slice(header + 1, header + 7).map((row) => row[0])).toEqual(['Koffie', 'Melk', 'Thee', 'Suiker', 200, 'Thee*']);
    const overview = await bridge.refreshOverview({ language: 'nl' });
    expect(overview).toMatchObject({ added: 2, whitespace: 'Witte vlekken' });
    expect(s.sheetNames()).toEqual(['Verkoop', 'Omzet', 'Pareto', 'Plan – Acme', 'Plan – Bolt', 'Plannen-overzicht', 'Witte vlekken']);
    expect(s.cellsOf('Witte vlekken').map((row) => row[0])).toEqual(expect.arrayContaining(['Acme', 'Bolt', 'Penetratie']));
    expect(s.namedRanges().AccountPlanner_HealthWeights).toMatchObject({ sheet: 'Plannen-overzicht' });
  });
});

describe('the sidebar makes plans on the spreadsheet', () => {
  const planStart = serialOf(2026, 3, 2);
  const names = ['Bakkerij Jansen', 'Van Dijk BV'];

  it('lists the templates and the accounts, generates two plans, refreshes the overview and shows a tab', async () => {
    const { s, bridge } = sidebar(undefined, { sheets: { 'Sjabloon partner': [['Partnerplan {{account}}', '{{plan_start}}']] } });
    const templates = await bridge.listTemplates('nl');
    expect(templates.map((x) => [x.id, x.name])).toEqual([
      ['key', 'Key-accountplan'],
      ['quick', 'Beknopt accountplan'],
      ['sheet:Sjabloon partner', 'Sjabloon partner'],
    ]);
    const accounts = await bridge.listAccounts({ language: 'nl', accounts: { names: [...names, ' bakkerij JANSEN '] } });
    expect(accounts.map((a) => a.name)).toEqual(names);

    // One batch, as the pane sends it: the names, the start date as a serial number, no overview.
    const result = await bridge.generatePlans({ language: 'nl', accounts: { names }, template: 'quick', planStart, owner: 'Sam', skipOverview: true });
    expect(result).toMatchObject({ made: names.map((account) => ({ account, sheet: `Plan – ${account}` })), skipped: [], failed: null, overview: null });
    expect(s.sheetNames()).toEqual(['Verkoop', 'Sjabloon partner', 'Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);
    const plan = s.cellsOf('Plan – Bakkerij Jansen');
    expect(plan[0][0]).toBe('Beknopt accountplan – Bakkerij Jansen');
    // The start date crossed as a serial number and is the plan's start.
    expect(plan.find((row) => row[0] === 'Start van het plan')?.[1]).toBe(planStart);
    expect(plan.flat()).toContain('Sam');

    const overview = await bridge.refreshOverview({ language: 'nl' });
    expect(overview).toMatchObject({ sheet: 'Plannen-overzicht', added: 2, total: 2 });
    expect(s.namedRanges().AccountPlanner_Overview.sheet).toBe('Plannen-overzicht');
    // (Column A under the plans is empty: the rows further down hold the health score's weights, on the right.)
    expect(s.cellsOf('Plannen-overzicht').map((row) => row[0]).slice(4).filter((v) => v !== null)).toEqual(['Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);

    await bridge.activateSheet('Plan – Van Dijk BV', 'nl');
    expect(s.spreadsheet.getActiveSheet()!.getName()).toBe('Plan – Van Dijk BV');
    await expect(bridge.activateSheet('Plan – Weg', 'nl')).rejects.toThrow(/^Er is geen blad Plan – Weg meer: het is hernoemd of verwijderd\.$/);

    // Again: nothing new, both skipped; the overview stays as it is.
    const again = await bridge.generatePlans({ language: 'nl', accounts: { names }, template: 'quick', planStart, skipOverview: true });
    expect(again.made).toEqual([]);
    expect(again.skipped.map((x) => x.sheet)).toEqual(['Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);
    expect(await bridge.refreshOverview({ language: 'nl' })).toMatchObject({ added: 0, total: 2 });

    // The workbook's own template: a copy of the sheet with its placeholders filled in.
    const own = await bridge.generatePlans({ language: 'nl', accounts: { names: ['Acme'] }, template: { sheet: 'Sjabloon partner' }, planStart, skipOverview: true });
    expect(own.made).toEqual([{ account: 'Acme', sheet: 'Plan – Acme' }]);
    expect(s.cellsOf('Plan – Acme')).toEqual([['Partnerplan Acme', planStart]]);
    expect(await bridge.refreshOverview({ language: 'nl' })).toMatchObject({ added: 1, total: 3 });
  });

  it('the overview made from the pane shows money in the revenue table\'s own format', async () => {
    const { s, bridge } = sidebar();
    await bridge.apply({ language: 'nl', sheet: 'Verkoop', at: { row: 2, col: 0 }, account: 1, amount: 3, date: 2 });
    s.spreadsheet.getSheetByName('Verkoop')!.getRange(4, 4, 11, 1).setNumberFormat('[$€-413] #,##0.00');
    await bridge.generatePlans({ language: 'nl', accounts: { names }, template: 'key', planStart, skipOverview: true });
    expect(await bridge.refreshOverview({ language: 'nl' })).toMatchObject({ added: 2 });
    // Target, actual and gap (columns F:H) of the two plans' rows (5 and 6).
    const overview = s.spreadsheet.getSheetByName('Plannen-overzicht')!;
    expect(overview.getRange(5, 6, 2, 3).getNumberFormats()).toEqual([0, 1].map(() => new Array(3).fill('[$€-413] #,##0.00')));
  });

  it('counts a tier after the analysis, and the selected cells; says what is missing otherwise', async () => {
    const { bridge } = sidebar(undefined, { active: { sheet: 'Verkoop', row: 3, col: 1, rows: 3, cols: 1 } });
    await expect(bridge.listAccounts({ language: 'en', accounts: { tier: 'A' } })).rejects.toThrow(/^Run the Pareto analysis first \(it tells which accounts are in which tier\), or type the account names\.$/);
    const selected = await bridge.listAccounts({ language: 'en', accounts: { selection: true } });
    expect(selected.map((a) => a.name)).toEqual(names);
    await bridge.apply({ language: 'en', sheet: 'Verkoop', at: { row: 2, col: 0 }, account: 1, amount: 3, date: 2 });
    const tierA = await bridge.listAccounts({ language: 'en', accounts: { tier: 'A' } });
    expect(tierA).toEqual([
      expect.objectContaining({ name: 'Bakkerij Jansen', tier: 'A', revenue: 10000 }),
      expect.objectContaining({ name: 'Van Dijk BV', tier: 'A', revenue: 3000 }),
    ]);
    await expect(bridge.generatePlans({ language: 'en', accounts: { names: ['Acme'] }, template: { sheet: 'Template weg' }, planStart })).rejects.toThrow(/^There is no template sheet called Template weg/);
  });
});
