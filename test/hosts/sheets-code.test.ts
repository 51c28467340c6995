// dist/sheets as Apps Script runs it: its script files in one global scope. Code.js on its own
// runs every custom function (top-level functions, blanks as "", dates as Date objects, errors
// thrown with their message); the menu and the sidebar need Server.js beside it, loaded first or
// last.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CatalogFunction, FUNCTIONS } from '../../shared/catalog';
import { midnightIn } from '../support/fixtures';
import { standInHtmlService } from '../sheets/stand-in';
import { SERVER_ENTRY_POINTS } from '../../scripts/build';
import { BOTH_ORDERS, SHEETS_DIST, ScriptFile, jsdocOf, loadAppsScript, scriptSource } from '../support/apps-script-project';

const code = scriptSource('Code.js');

interface Calls {
  service: number;
  menus: { title: string; items: [string, string][] }[];
  sidebars: { file: string; title?: string }[];
}

/** A fresh Apps Script global scope with stand-ins for the services; Code.js alone unless told. */
function appsScript(options: { timeZone?: string; locale?: string; files?: readonly ScriptFile[] } = {}) {
  const calls: Calls = { service: 0, menus: [], sidebars: [] };
  const menu = (title: string) => {
    calls.service++;
    const made = { title, items: [] as [string, string][] };
    const builder = {
      addItem: (caption: string, fn: string) => (made.items.push([caption, fn]), builder),
      addToUi: () => calls.menus.push(made),
    };
    return builder;
  };
  const ui = {
    createMenu: menu,
    // An add-on's submenu under Extensions, which Sheets names after the add-on (or script project).
    createAddonMenu: () => menu('Account Planner'),
    showSidebar: (html: { file: string; title?: string }) => calls.sidebars.push(html),
  };
  const services = {
    SpreadsheetApp: {
      getActive: () => ({ getSpreadsheetTimeZone: () => (calls.service++, options.timeZone ?? 'Europe/Amsterdam') }),
      getUi: () => ui,
    },
    Session: { getActiveUserLocale: () => options.locale ?? 'en', getScriptTimeZone: () => 'UTC' },
    // HtmlService as Sheets has it: <meta> in the file ignored, addMetaTag needed (test/sheets/stand-in.ts).
    HtmlService: standInHtmlService().service,
  };
  return { global: loadAppsScript(services, options.files ?? ['Code.js']), calls };
}

function thrownMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the function to throw');
}

let host: ReturnType<typeof appsScript>;
beforeEach(() => {
  host = appsScript();
});

const SERVICES = ['SpreadsheetApp', 'Session', 'HtmlService'];
/** What a script file left in the global scope, besides the services the test put there. */
const globalsOf = (global: object) => Object.keys(global).filter((name) => !SERVICES.includes(name));

const date = (y: number, m: number, d: number) => midnightIn('Europe/Amsterdam', y, m, d);

/** A call of every custom function, as a sheet would make it, and its result worked out by hand. */
const EVERY_FUNCTION: Record<CatalogFunction['name'], { args: unknown[]; result: unknown[][] }> = {
  // The accounts larger than 6 hold 90%: past A's 80%, within B's 95%
  PARETO_TIER: { args: [[[70], [20], [6], [4]]], result: [['A'], ['A'], ['B'], ['C']] },
  // b and B are one account of 40, after a's 60
  PARETO_SHARE: { args: [[[10], [60], [30]], [['b'], ['a'], ['B']]], result: [[1], [0.6], [1]] },
  PARETO_SUMMARY: {
    args: [[[70], [20], [6], [4]]],
    result: [
      ['Tier', 'Accounts', 'Share of accounts', 'Revenue', 'Share of revenue'],
      ['A', 2, 0.5, 90, 0.9],
      ['B', 1, 0.25, 6, 0.06],
      ['C', 1, 0.25, 4, 0.04],
      ['Total', 4, 1, 100, 1],
    ],
  },
  ACCOUNT_CATEGORY: { args: [[['A'], ['B']], [[true], [true]], 'growth'], result: [[1], [3]] },
  PLAN_GAP: { args: [1000, 400], result: [[600]] },
  PLAN_ATTAINMENT: { args: [200, 50], result: [[0.25]] },
  // 20 days of a 100-day period (10 March to 17 June 2026) at 1,000: 5,000 at this pace
  PLAN_RUN_RATE: { args: [1000, date(2026, 3, 10), date(2026, 3, 29), date(2026, 6, 17)], result: [[5000]] },
  // 600 still to go over the 6 days after 25 December
  PLAN_REQUIRED_RATE: { args: [1000, 400, date(2026, 12, 25), date(2026, 12, 31), 'day'], result: [[100]] },
  PLAN_PHASE: { args: [1000, [[1, 1, 2]]], result: [[250, 250, 500]] },
  PLAN_ACTIVITIES: { args: [7000, 1000, 0.7], result: [[10]] },
  PLAN_REVIEW_DATES: { args: [date(2026, 1, 5)], result: [[date(2026, 2, 4)], [date(2026, 3, 6)], [date(2026, 4, 5)]] },
  // ABCanalysis: the A/B limit falls on the 70 itself, so A is empty (cutoff 0) and B holds 70%
  PARETO_CUTOFFS: { args: [[[70], [30]]], result: [[0, 0.7]] },
  // Shares 0.7 and 0.3: 4,900 + 900
  CONCENTRATION: { args: [[[70], [30]], '', 'HHI'], result: [[5800]] },
  // a: A before 1 January (alone), B after (b's 90 is larger); b: new
  PARETO_MIGRATION: {
    args: [[[10], [5], [90]], [['a'], ['a'], ['b']], [[date(2025, 6, 1)], [date(2026, 2, 1)], [date(2026, 3, 1)]], date(2026, 1, 1)],
    result: [['A', 'B'], ['A', 'B'], ['', 'A']],
  },
  // (4×3 + 2×1) / 4; the second account's blank criterion is left out: 5
  ACCOUNT_SCORE: { args: [[[4, 2], [5, '']], [[3, 1]]], result: [[3.5], [5]] },
};

describe('dist/sheets/Code.js on its own: every custom function', () => {
  it('defines every catalog function as a top-level function with @customfunction JSDoc', () => {
    for (const f of FUNCTIONS) {
      expect(typeof host.global[f.name], f.name).toBe('function');
      const doc = jsdocOf(code, f.name);
      expect(doc, `JSDoc of ${f.name}`).toBeDefined();
      expect(doc).toContain('@customfunction');
      for (const p of f.params) expect(doc).toContain(`@param {any} ${p.name}`);
    }
  });

  it('has no top-level function that the catalog does not know, besides the server entry points', () => {
    const names = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(names).toEqual([...FUNCTIONS.map((f) => f.name), ...SERVER_ENTRY_POINTS].sort());
    expect(globalsOf(host.global).sort()).toEqual(['AccountPlanner', ...names].sort());
  });

  it('runs every custom function without Server.js', () => {
    for (const f of FUNCTIONS) {
      const { args, result } = EVERY_FUNCTION[f.name];
      expect(host.global[f.name](...args), f.name).toEqual(result);
    }
  });

  it('reads blanks as "" and single cells as plain values', () => {
    expect(host.global.PARETO_TIER([[90], [''], [10]])).toEqual([['A'], [''], ['B']]);
    expect(host.global.PLAN_ATTAINMENT(200, 50)).toEqual([[0.25]]);
  });

  it('treats arguments left out (undefined) or left empty ("") as defaults', () => {
    expect(host.global.PARETO_TIER([[80], [15], [5]], undefined, '')).toEqual([['A'], ['B'], ['C']]);
  });

  it('reads Date objects in the spreadsheet time zone', () => {
    const zone = 'America/Los_Angeles';
    const la = appsScript({ timeZone: zone });
    const gap = la.global.PLAN_GAP(365, 0, midnightIn(zone, 2026, 3, 31), midnightIn(zone, 2026, 1, 1), midnightIn(zone, 2026, 12, 31));
    expect(gap).toEqual([[90]]);
  });

  it('returns review dates as Date objects at midnight in the spreadsheet time zone', () => {
    const zone = 'Europe/Amsterdam';
    const dates = host.global.PLAN_REVIEW_DATES(midnightIn(zone, 2026, 3, 1)) as Date[][];
    // Across the switch to summer time on 29 March, midnight stays midnight
    expect(dates.map((r) => r[0].getTime())).toEqual([
      midnightIn(zone, 2026, 3, 31).getTime(),
      midnightIn(zone, 2026, 4, 30).getTime(),
      midnightIn(zone, 2026, 5, 30).getTime(),
    ]);
  });

  it('asks for the time zone only when a date is involved, once per call', () => {
    host.global.PARETO_TIER([[1], [2], [3]]);
    expect(host.calls.service).toBe(0);
    host.global.PLAN_RUN_RATE([[1], [2], [3]], new Date(2026, 0, 1), new Date(2026, 2, 1), new Date(2026, 11, 31));
    expect(host.calls.service).toBe(1);
  });

  it('throws errors with the code and the message, which Sheets shows on the cell', () => {
    expect(thrownMessage(() => host.global.PARETO_TIER([[10], ['n/a']]))).toBe("#VALUE! row 2 of values is 'n/a', not a number");
    expect(thrownMessage(() => host.global.PLAN_ATTAINMENT(0, 5))).toBe('#DIV/0! target is 0, so attainment has no base');
  });

  it('passes error values in a range on with their row', () => {
    expect(thrownMessage(() => host.global.PARETO_TIER([[10], ['#N/A']]))).toBe('#N/A row 2 of values is #N/A');
  });
});

describe('dist/sheets/Code.js with Server.js: the menu and the sidebar', () => {
  it('Server.js leaves one global, the server, with exactly the entry points of Code.js', () => {
    const server = loadAppsScript({}, ['Server.js']);
    expect(globalsOf(server)).toEqual(['AccountPlannerServer']);
    expect(Object.keys(server.AccountPlannerServer).sort()).toEqual([...SERVER_ENTRY_POINTS].sort());
  });

  it('Code.js reaches the server only when an entry point is called, so it loads without it', () => {
    expect(thrownMessage(() => host.global.onOpen())).toMatch(/AccountPlannerServer is not defined/);
    expect(host.calls.menus).toEqual([]);
  });

  for (const files of BOTH_ORDERS) {
    it(`adds the menu on open, in the user language (${files.join(' then ')})`, () => {
      const english = appsScript({ files });
      english.global.onOpen();
      expect(english.calls.menus).toEqual([{ title: 'Account Planner', items: [['Open Account Planner', 'showSidebar']] }]);
      const dutch = appsScript({ locale: 'nl_NL', files });
      dutch.global.onOpen();
      expect(dutch.calls.menus[0].items[0]).toEqual(['Account Planner openen', 'showSidebar']);
    });

    it(`opens the sidebar from Sidebar.html, which is in dist/sheets (${files.join(' then ')})`, () => {
      const both = appsScript({ files });
      both.global.showSidebar();
      expect(both.calls.sidebars).toEqual([expect.objectContaining({ file: 'Sidebar', title: 'Account Planner' })]);
      expect(existsSync(join(SHEETS_DIST, 'Sidebar.html'))).toBe(true);
    });
  }

  it('ships a self-contained sidebar: no external script, style or font', () => {
    const html = readFileSync(join(SHEETS_DIST, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('PARETO_TIER');
    expect(html).toContain('Klasse (A, B, C)'); // the Dutch help is inside too
  });
});
