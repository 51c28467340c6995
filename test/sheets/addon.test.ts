// The built dist/sheets as an Editor add-on (a standalone project installed from the Workspace
// Marketplace) and as a script bound to one spreadsheet. The add-on's onOpen runs in
// AuthMode.NONE until it is used in the open file: the menu must appear without a single call that
// needs authorization (the guarded services throw on any). Custom functions run in their own
// mode and must work from the same two files.
import { describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n/strings';
import { inAuthModeNone, inCustomFunctionMode, NoneModeOptions } from '../support/apps-script-auth';
import { BOTH_ORDERS, ScriptFile, loadAppsScript } from '../support/apps-script-project';
import { midnightIn } from '../support/fixtures';
import { standInHtmlService, standInSpreadsheet } from './stand-in';

const ZONE = 'Europe/Amsterdam';
const SHEETS = { Verkoop: [['Klant', 'Omzet'], ['Jansen', 700], ['De Vries', 200], ['Bakker', 60], ['Smit', 40]] };

/** The project's two files over a stand-in spreadsheet with the user's locale, Session and HtmlService. */
function services(locale: string) {
  const s = standInSpreadsheet({ sheets: SHEETS, timeZone: ZONE, locale });
  const html = standInHtmlService();
  const sidebars = html.outputs;
  const all = {
    SpreadsheetApp: s.app,
    Session: { getActiveUserLocale: () => locale, getScriptTimeZone: () => ZONE, getActiveUser: () => ({ getEmail: () => 'rep@example.com' }) },
    HtmlService: html.service,
    PropertiesService: { getDocumentProperties: () => ({ getProperty: () => null }) },
  };
  return { s, all, sidebars };
}

function addOnInModeNone(options: { locale?: string; files?: readonly ScriptFile[] } & NoneModeOptions = {}) {
  const { s, all } = services(options.locale ?? 'nl_NL');
  const { services: guarded, refusals } = inAuthModeNone(all, options);
  s.calls.reset();
  return { s, refusals, script: loadAppsScript(guarded, options.files) };
}

const noneEvent = { authMode: 'NONE' };

describe('the AuthMode.NONE stand-in is no kinder than Apps Script', () => {
  it('throws on every call that needs authorization, and records it', () => {
    const { all } = services('nl_NL');
    const { services: guarded, refusals } = inAuthModeNone(all);
    const app = guarded.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const session = guarded.Session as GoogleAppsScript.Base.Session;
    expect(() => app.getActive()).toThrow(/You do not have permission to call SpreadsheetApp.getActive\b/);
    expect(() => app.getUi().showSidebar({} as GoogleAppsScript.HTML.HtmlOutput)).toThrow(/Ui.showSidebar/);
    expect(() => session.getActiveUser()).toThrow(/Session.getActiveUser/);
    expect(() => (guarded.HtmlService as GoogleAppsScript.HTML.HtmlService).createHtmlOutputFromFile('Sidebar')).toThrow(/HtmlService/);
    expect(() => (guarded.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties()).toThrow(/PropertiesService/);
    expect(refusals.calls).toEqual([
      'SpreadsheetApp.getActive',
      'Ui.showSidebar',
      'Session.getActiveUser',
      'HtmlService.createHtmlOutputFromFile',
      'PropertiesService.getDocumentProperties',
    ]);
  });

  it('lets the built sidebar entry point fail there, as it would before authorization', () => {
    const { script, refusals } = addOnInModeNone();
    expect(() => script.showSidebar()).toThrow(/You do not have permission/);
    expect(refusals.calls.length).toBeGreaterThan(0);
  });
});

describe('dist/sheets as an Editor add-on, before it is used in the spreadsheet (AuthMode.NONE)', () => {
  for (const files of BOTH_ORDERS) {
    for (const trigger of ['onOpen', 'onInstall'] as const) {
      it(`${trigger} adds the add-on menu under Extensions with no authorized call (${files.join(' then ')})`, () => {
        const { s, refusals, script } = addOnInModeNone({ files });
        script[trigger](noneEvent);
        expect(refusals.calls).toEqual([]);
        expect(s.ui.menus).toEqual([{ title: 'Account Planner', items: [[t('nl').host.menuOpen, 'showSidebar']] }]);
        // createAddonMenu, never a top-level createMenu: the Marketplace rejects the latter.
        expect(s.calls.log).toEqual(['SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Menu.addItem', 'Menu.addToUi']);
      });
    }
  }

  it('speaks the user language, and English if a host refused the locale', () => {
    const english = addOnInModeNone({ locale: 'en_US' });
    english.script.onOpen(noneEvent);
    expect(english.s.ui.menus[0].items).toEqual([['Open Account Planner', 'showSidebar']]);

    const refused = addOnInModeNone({ locale: 'nl_NL', refuseLocale: true });
    refused.script.onOpen(noneEvent);
    expect(refused.refusals.calls).toEqual(['Session.getActiveUserLocale']);
    expect(refused.s.ui.menus).toEqual([{ title: 'Account Planner', items: [['Open Account Planner', 'showSidebar']] }]);
  });
});

describe('dist/sheets bound to one spreadsheet (all authorized)', () => {
  it('adds the same menu, named after the script project, and opens the sidebar from it', () => {
    const { s, all, sidebars } = services('nl_NL');
    const script = loadAppsScript(all);
    script.onOpen({ authMode: 'LIMITED' });
    expect(s.ui.menus).toEqual([{ title: 'Account Planner', items: [['Account Planner openen', 'showSidebar']] }]);
    const [, fn] = s.ui.menus[0].items[0];
    script[fn]();
    expect(sidebars.map((h) => h.file)).toEqual(['Sidebar']);
    expect(s.ui.sidebars).toHaveLength(1);
  });
});

describe('the add-on\'s custom functions (AuthMode.CUSTOM_FUNCTION, both files loaded)', () => {
  for (const files of BOTH_ORDERS) {
    it(`compute from cells with read-only access only (${files.join(' then ')})`, () => {
      const { all } = services('nl_NL');
      const { services: guarded, refusals } = inCustomFunctionMode(all);
      const script = loadAppsScript(guarded, files);
      const amounts = SHEETS.Verkoop.slice(1).map((row) => [row[1]]);
      // Cumulative 70%, 90%, 96%, 100%: the account that crosses a cutoff is in the tier it completes.
      expect(script.PARETO_TIER(amounts)).toEqual([['A'], ['A'], ['B'], ['C']]);
      const dates = script.PLAN_REVIEW_DATES(midnightIn(ZONE, 2026, 1, 5)) as Date[][];
      expect(dates.map(([d]) => d.getTime())).toEqual([midnightIn(ZONE, 2026, 2, 4), midnightIn(ZONE, 2026, 3, 6), midnightIn(ZONE, 2026, 4, 5)].map((d) => d.getTime()));
      expect(() => script.PLAN_ATTAINMENT([[0]], [[5]])).toThrow(/#DIV\/0!/);
      expect(refusals.calls).toEqual([]);
    });
  }
});
