// dist/sheets/Code.js as Apps Script runs it: one script in a global scope, custom functions as
// top-level functions, blanks as "", dates as Date objects, errors thrown with their message.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/catalog';
import { midnightIn } from '../support/fixtures';
import { SERVER_ENTRY_POINTS } from '../../scripts/build';

const dist = join(__dirname, '../../dist/sheets');
const code = readFileSync(join(dist, 'Code.js'), 'utf8');

interface Calls {
  service: number;
  menus: { title: string; items: [string, string][] }[];
  sidebars: { file: string; title?: string }[];
}

/** A fresh Apps Script global scope with stand-ins for the services Code.js uses. */
function appsScript(options: { timeZone?: string; locale?: string } = {}) {
  const calls: Calls = { service: 0, menus: [], sidebars: [] };
  const ui = {
    createMenu(title: string) {
      calls.service++;
      const menu = { title, items: [] as [string, string][] };
      const builder = {
        addItem: (caption: string, fn: string) => (menu.items.push([caption, fn]), builder),
        addToUi: () => calls.menus.push(menu),
      };
      return builder;
    },
    showSidebar: (html: { file: string; title?: string }) => calls.sidebars.push(html),
  };
  const context = vm.createContext({
    SpreadsheetApp: {
      getActive: () => ({ getSpreadsheetTimeZone: () => (calls.service++, options.timeZone ?? 'Europe/Amsterdam') }),
      getUi: () => ui,
    },
    Session: { getActiveUserLocale: () => options.locale ?? 'en', getScriptTimeZone: () => 'UTC' },
    HtmlService: {
      createHtmlOutputFromFile: (file: string) => {
        const html = { file, title: undefined as string | undefined, setTitle: (t: string) => ((html.title = t), html) };
        return html;
      },
    },
  });
  vm.runInContext(code, context);
  return { global: context as Record<string, (...args: unknown[]) => unknown>, calls };
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

describe('dist/sheets/Code.js', () => {
  it('defines every catalog function as a top-level function with @customfunction JSDoc', () => {
    for (const f of FUNCTIONS) {
      expect(typeof host.global[f.name], f.name).toBe('function');
      const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${f.name}\\(`).exec(code);
      expect(doc, `JSDoc of ${f.name}`).not.toBeNull();
      expect(doc![1]).toContain('@customfunction');
      for (const p of f.params) expect(doc![1]).toContain(`@param {any} ${p.name}`);
    }
  });

  it('has no top-level function that the catalog does not know, besides the server entry points', () => {
    const names = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(names).toEqual([...FUNCTIONS.map((f) => f.name), ...SERVER_ENTRY_POINTS].sort());
    // Every entry point reaches a function the bundle really exports
    for (const name of SERVER_ENTRY_POINTS) expect(typeof (host.global.AccountPlanner as unknown as Record<string, unknown>)[name], name).toBe('function');
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

  it('adds the menu on open, in the user language', () => {
    host.global.onOpen();
    expect(host.calls.menus).toEqual([{ title: 'Account Planner', items: [['Open Account Planner', 'showSidebar']] }]);
    const dutch = appsScript({ locale: 'nl_NL' });
    dutch.global.onOpen();
    expect(dutch.calls.menus[0].items[0]).toEqual(['Account Planner openen', 'showSidebar']);
  });

  it('opens the sidebar from Sidebar.html, which is in dist/sheets', () => {
    host.global.showSidebar();
    expect(host.calls.sidebars).toEqual([expect.objectContaining({ file: 'Sidebar', title: 'Account Planner' })]);
    expect(existsSync(join(dist, 'Sidebar.html'))).toBe(true);
  });

  it('ships a self-contained sidebar: no external script, style or font', () => {
    const html = readFileSync(join(dist, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('PARETO_TIER');
    expect(html).toContain('Klasse (A, B, C)'); // the Dutch help is inside too
  });
});
