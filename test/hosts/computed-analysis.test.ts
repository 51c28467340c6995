// The computed-analysis functions (issue 13) through both built bundles, as the hosts load them:
// dist/excel/functions.js (CustomFunctions.associate) and dist/sheets/Code.js (top-level
// functions). Each result must equal the core's, and feed the next function as a sheet would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/catalog';
import { loadAppsScript } from '../support/apps-script-project';

class StandInError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const ErrorCode = { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' };

type Host = (name: string, ...args: unknown[]) => unknown;
const hosts: Record<'excel' | 'sheets', Host> = {} as never;

beforeAll(() => {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const context = vm.createContext({ CustomFunctions: { associate: (id: string, fn: (...a: unknown[]) => unknown) => associated.set(id, fn), Error: StandInError, ErrorCode } });
  vm.runInContext(readFileSync(join(__dirname, '../../dist/excel/functions.js'), 'utf8'), context);
  // Excel passes one argument per declared parameter (undefined when left out), then the invocation.
  hosts.excel = (name, ...args) => {
    const spec = FUNCTIONS.find((f) => f.name === name)!;
    return associated.get(name)!(...spec.params.map((_, i) => args[i]), { address: 'Sheet1!C1', functionName: `KAM.${name}` });
  };
  const services = {
    SpreadsheetApp: { getActive: () => ({ getSpreadsheetTimeZone: () => 'Europe/Amsterdam' }) },
    Session: { getActiveUserLocale: () => 'en', getScriptTimeZone: () => 'UTC' },
  };
  const code = loadAppsScript(services, ['Code.js']);
  hosts.sheets = (name, ...args) => code[name](...args);
});

/** The error a host shows: Excel's CustomFunctions.Error code, or the text Apps Script shows. */
function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof StandInError ? `${e.code} ${e.message ?? ''}`.trim() : (e as Error).message;
  }
  throw new Error('expected the function to fail');
}

const REFERENCE = JSON.parse(readFileSync(join(__dirname, '../fixtures/abc/reference.json'), 'utf8'));

describe.each(['excel', 'sheets'] as const)('PARETO_CUTOFFS in the %s bundle', (name) => {
  it('fed to PARETO_TIER, gives ABCanalysis\'s A, B and C customers of the Superstore', () => {
    const host = hosts[name];
    const r = REFERENCE.superstore_customers;
    const values = r.values.map((v: number) => [v]);
    const cutoffs = host('PARETO_CUTOFFS', values) as number[][];
    expect(cutoffs).toHaveLength(1);
    expect(cutoffs[0]).toHaveLength(2);
    const expected: string[] = new Array(r.values.length);
    for (const [label, list] of [['A', r.Aind], ['B', r.Bind], ['C', r.Cind]] as const) for (const i of list) expected[i - 1] = label;
    expect(host('PARETO_TIER', values, null, cutoffs, null)).toEqual(expected.map((t) => [t]));
  });

  it('gives 0 as the first cutoff when A stays empty, and PARETO_TIER takes it', () => {
    const host = hosts[name];
    expect(host('PARETO_CUTOFFS', [[70], [30]])).toEqual([[0, 0.7]]);
    expect(host('PARETO_TIER', [[70], [30]], null, [[0, 0.7]])).toEqual([['B'], ['C']]);
  });

  it('fails with the host\'s error for one account and for all accounts equal', () => {
    const host = hosts[name];
    const one = failure(() => host('PARETO_CUTOFFS', [[5], [7]], [['a'], ['A']]));
    const even = failure(() => host('PARETO_CUTOFFS', [[5], [5], [5]]));
    if (name === 'excel') {
      // Excel shows messages only with #VALUE! and #N/A.
      expect([one, even]).toEqual(['#NUM!', '#NUM!']);
    } else {
      expect(one).toMatch(/^#NUM! there is only one account/);
      expect(even).toMatch(/^#NUM! the totals are too even/);
    }
  });
});

describe.each(['excel', 'sheets'] as const)('CONCENTRATION in the %s bundle', (name) => {
  it('gives one measure, or the labelled table in Dutch, as the core computes them', () => {
    const host = hosts[name];
    // Shares 0.6, 0.3, 0.1: HHI 3,600 + 900 + 100
    expect((host('CONCENTRATION', [[60], [30], [10]], null, 'HHI') as number[][])[0][0]).toBeCloseTo(4600, 9);
    const table = host('CONCENTRATION', [[50], [10], [30], [10]], [['a'], ['b'], ['A'], ['c']], null, 'nl') as unknown[][];
    expect(table).toHaveLength(8);
    expect(table[0]).toEqual(['Klanten met omzet', 3]);
    expect(table[4]).toEqual(['Klanten voor 50% van de omzet', 1]);
  });

  it('fails with #VALUE! and its message (both hosts show it) for an unknown measure', () => {
    expect(failure(() => hosts[name]('CONCENTRATION', [[1], [2]], null, 'MEAN'))).toMatch(/^#VALUE! measure is 'MEAN'/);
  });
});

describe.each(['excel', 'sheets'] as const)('PARETO_MIGRATION in the %s bundle', (name) => {
  it('gives each line its account\'s tier before and from the split, dates as each host passes them', () => {
    // Excel passes dates as serial numbers; Apps Script as Date objects (midnight in the sheet's zone).
    const date = (y: number, m: number, d: number) =>
      name === 'excel' ? (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 : new Date(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00+01:00`);
    const result = hosts[name](
      'PARETO_MIGRATION',
      [[100], [50], [10], [20], [100], [30]],
      [['a'], ['b'], ['c'], ['a'], ['b'], ['d']],
      [[date(2025, 1, 10)], [date(2025, 2, 1)], [date(2025, 3, 1)], [date(2026, 1, 10)], [date(2026, 2, 1)], [date(2026, 3, 1)]],
      date(2026, 1, 1),
    );
    expect(result).toEqual([['A', 'B'], ['A', 'A'], ['B', ''], ['A', 'B'], ['A', 'A'], ['', 'A']]);
  });

  it('fails with #VALUE! and its message for a line without a date', () => {
    const message = failure(() => hosts[name]('PARETO_MIGRATION', [[10], [5]], [['a'], ['b']], [[45000], ['']], 45500));
    expect(message).toBe('#VALUE! row 2 of dates is blank but row 2 of values has an amount: each line needs its date');
  });
});

describe.each(['excel', 'sheets'] as const)('the groups argument in the %s bundle', (name) => {
  it('tiers within each group, and PARETO_SUMMARY gives a block per group', () => {
    const host = hosts[name];
    const values = [[60], [30], [10], [5], [90], [5]];
    const keys = [['a'], ['b'], ['c'], ['a'], ['d'], ['e']];
    const groups = [['North'], ['North'], ['North'], ['South'], ['South'], ['South']];
    expect(host('PARETO_TIER', values, keys, null, null, groups)).toEqual([['A'], ['A'], ['B'], ['B'], ['A'], ['B']]);
    const summary = host('PARETO_SUMMARY', values, keys, null, null, 'nl', groups) as unknown[][];
    expect(summary[0]).toEqual(['Groep', 'Klasse', 'Klanten', 'Aandeel klanten', 'Omzet', 'Aandeel omzet']);
    expect(summary.map((r) => `${r[0]} ${r[1]}`)).toEqual(['Groep Klasse', 'North A', 'North B', 'North C', 'North Totaal', 'South A', 'South B', 'South C', 'South Totaal']);
  });
});
