// The functions inside a real formula engine (HyperFormula): data in a sheet, formulas typed as a
// user would, spilled results read back cell by cell and compared with the core (callByName on the
// same data) and, where practical, with expectations computed independently in this file.
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { RawCellContent } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { Cell, FormulaError, Matrix } from '../../shared/cells';
import { FUNCTIONS } from '../../shared/catalog';
import { callByName } from '../../shared/run';
import { buildEngine, registerAccountPlanner } from './hyperformula-plugin';
import { prng } from '../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Helpers

/** Serial number of a date in the 1900 date system, computed without any spreadsheet. */
const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;


type Row = [string | null, number | null];

/**
 * Invoice lines: keys repeated in mixed case and with stray spaces, amounts in cents, a few blank
 * lines, a few lines with a key but no amount, a few credit notes.
 */
function invoiceLines(n: number, accounts: number, seed: number): Row[] {
  const rand = prng(seed);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 13) {
      rows.push([null, null]);
      continue;
    }
    const id = 1 + Math.floor(rand() ** 2 * accounts);
    const spelling = [`Customer ${id}`, `customer ${id}`, ` CUSTOMER ${id} `, `Customer ${id}  `][Math.floor(rand() * 4)];
    let amount: number | null = Math.round(rand() * rand() * 2_000_000) / 100;
    if (i % 41 === 7) amount = null;
    else if (i % 53 === 11) amount = -Math.round(amount * 50) / 100;
    rows.push([spelling, amount]);
  }
  return rows;
}

const column = (rows: Row[], i: 0 | 1): Matrix => rows.map((r) => [r[i]]);

/** Pads rows to the same width, so formulas can go in a column to the right of the data. */
function sheet(rows: RawCellContent[][], formulas: Record<string, string>): RawCellContent[][] {
  const out = rows.map((r) => [...r]);
  for (const [address, formula] of Object.entries(formulas)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]) - 1;
    while (out.length <= row) out.push([]);
    while (out[row].length < col) out[row].push(null);
    out[row][col] = formula;
  }
  return out;
}

/** What a cell shows, in a form both sides can be compared in: errors by type. */
type Shown = number | string | boolean | null | { error: string };
const ERROR_TYPE: Record<string, string> = {
  '#VALUE!': 'VALUE',
  '#NUM!': 'NUM',
  '#DIV/0!': 'DIV_BY_ZERO',
  '#N/A': 'NA',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#NULL!': 'ERROR',
};
const fromCore = (c: Cell): Shown => (c instanceof FormulaError ? { error: ERROR_TYPE[c.code] } : c);
const fromEngine = (v: unknown): Shown => (v instanceof DetailedCellError ? { error: v.type } : (v as Shown));

function read(engine: HyperFormula, range: string): Shown[][] {
  const r = engine.simpleCellRangeFromString(range, 0);
  if (!r) throw new Error(`bad range ${range}`);
  return engine.getRangeValues(r).map((row) => row.map(fromEngine));
}
const cell = (engine: HyperFormula, address: string): unknown => engine.getCellValue(engine.simpleCellAddressFromString(address, 0)!);

function core(name: string, args: (Matrix | null)[]): Shown[][] {
  const result = callByName(name, args);
  if (result instanceof FormulaError) throw new Error(`core returned ${result}`);
  return result.map((row) => row.map(fromCore));
}

// ---------------------------------------------------------------------------------------------
// Independent expectations (straight from FUNCTIONS.md, written without the core)

interface Account {
  total: number;
  hasAmount: boolean;
}

function accountsOf(rows: Row[]): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const [key, amount] of rows) {
    const k = key?.trim().toLowerCase();
    if (!k) continue;
    const a = accounts.get(k) ?? { total: 0, hasAmount: false };
    if (amount !== null) {
      a.total += amount;
      a.hasAmount = true;
    }
    accounts.set(k, a);
  }
  // Amounts are in cents: round the sums back to cents.
  for (const a of accounts.values()) a.total = Math.round(a.total * 100) / 100;
  return accounts;
}

/** Share of revenue held by accounts strictly larger, and the positive total. */
function largerShare(accounts: Map<string, Account>) {
  const positive = [...accounts.values()].map((a) => a.total).filter((t) => t > 0);
  const total = positive.reduce((a, b) => a + b, 0);
  return { total, larger: (t: number) => positive.filter((x) => x > t).reduce((a, b) => a + b, 0) / total };
}

function expectedTiers(rows: Row[], cutoffs = [0.8, 0.95], labels = ['A', 'B', 'C']): Shown[][] {
  const accounts = accountsOf(rows);
  const { larger } = largerShare(accounts);
  const tierOf = (t: number) => {
    if (t <= 0) return labels[cutoffs.length];
    const i = cutoffs.findIndex((c) => c > larger(t) + 1e-9);
    return labels[i < 0 ? cutoffs.length : i];
  };
  return rows.map(([key]) => {
    const a = key?.trim() ? accounts.get(key.trim().toLowerCase()) : undefined;
    return [a && a.hasAmount ? tierOf(a.total) : ''];
  });
}

function expectedShares(rows: Row[]): (number | '')[] {
  const accounts = accountsOf(rows);
  const { total, larger } = largerShare(accounts);
  return rows.map(([key]) => {
    const a = key?.trim() ? accounts.get(key.trim().toLowerCase()) : undefined;
    if (!a || !a.hasAmount) return '';
    return a.total > 0 ? larger(a.total) + a.total / total : 1;
  });
}

// ---------------------------------------------------------------------------------------------

describe('registration', () => {
  it('registers every catalog function under its bare name, and registering twice is harmless', () => {
    registerAccountPlanner();
    registerAccountPlanner();
    const names = HyperFormula.getRegisteredFunctionNames('enGB');
    for (const f of FUNCTIONS) expect(names).toContain(f.name);
    const engine = buildEngine([[1]]);
    expect(engine.getRegisteredFunctionNames()).toEqual(expect.arrayContaining(FUNCTIONS.map((f) => f.name)));
    // Each one is callable: the example of every catalog entry, typed in a cell, is not #NAME?.
    for (const f of FUNCTIONS) {
      engine.setCellContents({ sheet: 0, row: 0, col: 2 }, `=${f.name}()`);
      expect((engine.getCellValue({ sheet: 0, row: 0, col: 2 }) as DetailedCellError).type, f.name).toBe('VALUE');
    }
  });
});

describe('PARETO_TIER in a sheet', () => {
  it('tiers a tiny table exactly as computed by hand', () => {
    // Totals: a 50 (two lines), b 30, c 10 (one line without amount), d 6, e 4, f -5 (credit).
    // Shares held by larger accounts: a 0, b .5, c .8, d .9, e .96 -> A A B B C; f is last.
    const rows: Row[] = [
      ['a', 30],
      ['b', 30],
      [' A ', 20],
      ['c', 10],
      ['C', null],
      [null, null],
      ['d', 6],
      ['e', 4],
      ['f', -5],
    ];
    const engine = buildEngine(sheet(rows, { C1: '=PARETO_TIER(B1:B9,A1:A9)' }));
    expect(read(engine, 'C1:C9').flat()).toEqual(['A', 'A', 'A', 'B', 'B', '', 'B', 'C', 'C']);
    expect(read(engine, 'C1:C9')).toEqual(expectedTiers(rows));
    expect(cell(engine, 'C10')).toBe(null);
  });

  it('gives 500 invoice lines the same tiers as the core, cell by cell', () => {
    const rows = invoiceLines(500, 60, 42);
    const engine = buildEngine(sheet(rows, { C1: '=PARETO_TIER(B1:B500,A1:A500)' }));
    const spilled = read(engine, 'C1:C500');
    expect(spilled).toEqual(core('PARETO_TIER', [column(rows, 1), column(rows, 0)]));
    expect(spilled).toEqual(expectedTiers(rows));
    // The data really is invoice-like: repeated keys, blanks, every tier present.
    expect(new Set(spilled.flat())).toEqual(new Set(['A', 'B', 'C', '']));
  });

  it('takes cutoffs and labels, and works without keys (one row per account)', () => {
    const rows = invoiceLines(500, 60, 7).map(([, amount], i): Row => [`k${i}`, amount]);
    const engine = buildEngine(
      sheet(rows, {
        C1: '=PARETO_TIER(B1:B500)',
        D1: '=PARETO_TIER(B1:B500,,E1:E2,F1:F3)',
        E1: '=0.5',
        E2: '90%',
        F1: 'Gold',
        F2: 'Silver',
        F3: 'Bronze',
      }),
    );
    expect(read(engine, 'C1:C500')).toEqual(core('PARETO_TIER', [column(rows, 1)]));
    expect(read(engine, 'C1:C500')).toEqual(expectedTiers(rows));
    expect(read(engine, 'D1:D500')).toEqual(expectedTiers(rows, [0.5, 0.9], ['Gold', 'Silver', 'Bronze']));
  });
});

describe('PARETO_SHARE in a sheet', () => {
  it('matches the core and the Pareto curve computed by hand', () => {
    const rows = invoiceLines(500, 60, 42);
    const engine = buildEngine(sheet(rows, { D1: '=PARETO_SHARE(B1:B500,A1:A500)' }));
    const spilled = read(engine, 'D1:D500');
    expect(spilled).toEqual(core('PARETO_SHARE', [column(rows, 1), column(rows, 0)]));
    expectedShares(rows).forEach((share, i) => {
      if (share === '') expect(spilled[i][0]).toBe('');
      else expect(spilled[i][0] as number).toBeCloseTo(share, 12);
    });
  });
});

describe('PARETO_SUMMARY in a sheet', () => {
  it('spills a 5-column table of (tiers + 2) rows equal to the core', () => {
    const rows = invoiceLines(500, 60, 42);
    const engine = buildEngine(sheet(rows, { F1: '=PARETO_SUMMARY(B1:B500,A1:A500)' }));
    const table = read(engine, 'F1:J5');
    expect(table).toEqual(core('PARETO_SUMMARY', [column(rows, 1), column(rows, 0)]));
    expect(table[0]).toEqual(['Tier', 'Accounts', 'Share of accounts', 'Revenue', 'Share of revenue']);
    expect(table.map((r) => r[0])).toEqual(['Tier', 'A', 'B', 'C', 'Total']);
    // Nothing beyond the table.
    expect(read(engine, 'K1:K6').flat().every((v) => v === null)).toBe(true);
    expect(read(engine, 'F6:J6').flat().every((v) => v === null)).toBe(true);
    // Counts agree with the tiers, computed independently.
    const accounts = accountsOf(rows);
    const tiers = expectedTiers(rows).flat();
    const perTier = (label: string) => new Set(rows.filter((_, i) => tiers[i] === label).map(([k]) => k!.trim().toLowerCase())).size;
    expect(table.slice(1, 4).map((r) => r[1])).toEqual(['A', 'B', 'C'].map(perTier));
    expect(table[4][1]).toBe([...accounts.values()].filter((a) => a.hasAmount).length);
  });

  it('hand-checked tiny table, with Dutch headers and as many rows as tiers', () => {
    const rows: Row[] = [
      ['a', 50],
      ['b', 30],
      ['c', 10],
      ['d', 6],
      ['e', 4],
      ['f', -5],
    ];
    const engine = buildEngine(sheet(rows, { H1: '=PARETO_SUMMARY(B1:B6,A1:A6,0.8,,"nl")' }));
    const table = read(engine, 'H1:L4');
    expect(table).toEqual(core('PARETO_SUMMARY', [column(rows, 1), column(rows, 0), [[0.8]], null, [['nl']]]));
    // Two tiers (one cutoff): A = a, b (80); B = c, d, e, f (10 + 6 + 4 = 20: f's credit counts as
    // an account, not as revenue); 6 accounts, 100 of positive revenue.
    expect(table.map((r) => [r[1], r[3]])).toEqual([
      [table[0][1], table[0][3]],
      [2, 80],
      [4, 20],
      [6, 100],
    ]);
    expect(table[0][0]).not.toBe('Tier');
    expect(read(engine, 'H5:L5').flat().every((v) => v === null)).toBe(true);
  });
});

describe('ACCOUNT_CATEGORY in a sheet', () => {
  const data: RawCellContent[][] = [
    ['A', true, 'growth'],
    ['a', true, 'Stabiel'],
    ['B', true, 'groei'],
    [true, false, 'growth'],
    [false, false, 'stable'],
    ['C', 'yes', 'none'],
    [null, true, 'growth'],
    ['A', false, true],
    ['B', true, false],
    ['A', true, 'geen'],
  ];
  const matrix = (i: number): Matrix => data.map((r) => [r[i] as Cell]);

  it('categorises element-wise, as worked out by hand', () => {
    const engine = buildEngine(
      sheet(data, {
        D1: '=ACCOUNT_CATEGORY(A1:A10,B1:B10,C1:C10)',
        E1: '=ACCOUNT_CATEGORY(A1:A10,B1:B10,C1:C10,"A,B")',
      }),
    );
    expect(read(engine, 'D1:D10').flat()).toEqual([1, 2, 3, 3, 4, 5, '', 3, 3, 5]);
    expect(read(engine, 'E1:E10').flat()).toEqual([1, 2, 1, 3, 4, 5, '', 3, 2, 5]);
    expect(read(engine, 'D1:D10')).toEqual(core('ACCOUNT_CATEGORY', [matrix(0), matrix(1), matrix(2)]));
    expect(read(engine, 'E1:E10')).toEqual(core('ACCOUNT_CATEGORY', [matrix(0), matrix(1), matrix(2), [['A,B']]]));
  });
});

describe('ACCOUNT_SCORE in a sheet', () => {
  it('scores each row of ratings by the weights in a row above, spilling one column', () => {
    const engine = buildEngine([
      [3, 2, 1, null],
      [4, 4, 1, '=ACCOUNT_SCORE(A2:C5,A1:C1)'],
      [5, null, 2],
      [0, 3, 3],
      [null, null, null],
    ]);
    // (12+8+1)/6, (15+2)/4 with the blank left out, (0+6+3)/6 with the real 0 counted, unrated ""
    expect(read(engine, 'D2:D5').flat()).toEqual([3.5, 4.25, 1.5, '']);
    expect(cell(engine, 'E2')).toBeNull(); // one column only
  });

  it('text in a rating: that row\'s #VALUE!, the others scored; weights all 0: #NUM!', () => {
    const engine = buildEngine([
      [1, 1, 0, 0, '=ACCOUNT_SCORE(A2:B3,A1:B1)', '=ACCOUNT_SCORE(A2:B3,C1:D1)'],
      [4, 'good'],
      [2, 4],
    ]);
    expect(read(engine, 'E1:E2').flat()).toEqual([{ error: 'VALUE' }, 3]);
    expect(read(engine, 'E1:E2')).toEqual(core('ACCOUNT_SCORE', [[[4, 'good'], [2, 4]], [[1, 1]]]));
    expect(cell(engine, 'F1')).toBeInstanceOf(DetailedCellError);
    expect((cell(engine, 'F1') as DetailedCellError).type).toBe('NUM');
  });
});

describe('plan functions in a sheet', () => {
  // Targets and actuals, one row per account; row 7 not filled in yet.
  const targets = [120000, 80000, 50000, 0.5, 10000, 250000, null, 64000, 1000, 99999.99];
  const actuals = [30000, 25000, 5000, 0.1, 12000, 40000, null, 0, 1000, 12345.67];
  const data: RawCellContent[][] = targets.map((t, i) => [`Account ${i + 1}`, t, actuals[i]]);
  const T: Matrix = targets.map((t) => [t]);
  const A: Matrix = actuals.map((a) => [a]);
  const jan1 = serial(2026, 1, 1);
  const mar31 = serial(2026, 3, 31);
  const dec31 = serial(2026, 12, 31);
  const handOrBlank = (f: (t: number, a: number) => number) =>
    targets.map((t, i) => (t === null || actuals[i] === null ? '' : f(t, actuals[i]!)));

  function expectClose(spilled: Shown[][], expected: (number | '')[]) {
    expect(spilled).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      if (e === '') expect(spilled[i][0]).toBe('');
      else expect(spilled[i][0] as number).toBeCloseTo(e, 6);
    });
  }

  it('PLAN_GAP with dates from DATE(): linear by days, and by monthly weights', () => {
    const weights = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
    const engine = buildEngine(
      sheet([...data, [], weights], {
        D1: '=PLAN_GAP(B1:B10,C1:C10)',
        E1: '=PLAN_GAP(B1:B10,C1:C10,DATE(2026,3,31),DATE(2026,1,1),DATE(2026,12,31))',
        F1: '=PLAN_GAP(B1:B10,C1:C10,DATE(2026,3,31),DATE(2026,1,1),DATE(2026,12,31),A12:L12)',
      }),
    );
    expect(read(engine, 'D1:D10')).toEqual(core('PLAN_GAP', [T, A]));
    expect(read(engine, 'E1:E10')).toEqual(core('PLAN_GAP', [T, A, [[mar31]], [[jan1]], [[dec31]]]));
    expect(read(engine, 'F1:F10')).toEqual(core('PLAN_GAP', [T, A, [[mar31]], [[jan1]], [[dec31]], [weights]]));
    expectClose(read(engine, 'D1:D10'), handOrBlank((t, a) => t - a));
    // 1 Jan to 31 Mar is 90 of 365 days.
    expectClose(read(engine, 'E1:E10'), handOrBlank((t, a) => (t * 90) / 365 - a));
    // 90/365 of the year is 2.959 monthly slices: weights 2 + 1 + 0.959 × 1 of 14.
    const due = (2 + 1 + ((90 / 365) * 12 - 2)) / 14;
    expectClose(read(engine, 'F1:F10'), handOrBlank((t, a) => t * due - a));
  });

  it('PLAN_ATTAINMENT, PLAN_RUN_RATE and PLAN_REQUIRED_RATE', () => {
    const engine = buildEngine(
      sheet(data, {
        D1: '=PLAN_ATTAINMENT(B1:B10,C1:C10)',
        E1: '=PLAN_RUN_RATE(C1:C10,DATE(2026,1,1),DATE(2026,3,31),DATE(2026,12,31))',
        F1: '=PLAN_REQUIRED_RATE(B1:B10,C1:C10,DATE(2026,3,31),DATE(2026,12,31),"week")',
        G1: '=PLAN_REQUIRED_RATE(B1:B10,C1:C10,DATE(2026,3,31),DATE(2026,12,31))',
      }),
    );
    expect(read(engine, 'D1:D10')).toEqual(core('PLAN_ATTAINMENT', [T, A]));
    expect(read(engine, 'E1:E10')).toEqual(core('PLAN_RUN_RATE', [A, [[jan1]], [[mar31]], [[dec31]]]));
    expect(read(engine, 'F1:F10')).toEqual(core('PLAN_REQUIRED_RATE', [T, A, [[mar31]], [[dec31]], [['week']]]));
    expect(read(engine, 'G1:G10')).toEqual(core('PLAN_REQUIRED_RATE', [T, A, [[mar31]], [[dec31]]]));
    expectClose(read(engine, 'D1:D10'), handOrBlank((t, a) => a / t));
    expectClose(read(engine, 'E1:E10'), handOrBlank((_, a) => (a * 365) / 90));
    // 31 Mar (exclusive) to 31 Dec (inclusive): 275 days.
    expectClose(read(engine, 'F1:F10'), handOrBlank((t, a) => (Math.max(0, t - a) / 275) * 7));
    expectClose(read(engine, 'G1:G10'), handOrBlank((t, a) => (Math.max(0, t - a) / 275) * (365.25 / 12)));
  });

  it('PLAN_PHASE spills a row of 12 whose native SUM is the rounded target, or follows the weights', () => {
    const engine = buildEngine([
      ['=PLAN_PHASE(120050,,100)'],
      ['=SUM(A1:L1)', '=SUM(PLAN_PHASE(120050,,100))'],
      [1, '=PLAN_PHASE(1000,A3:A5,1)', '=PLAN_PHASE(B7,A3:A5,1)'],
      [1],
      [1],
      ['=SUM(B3:B5)', '=SUM(C3:C5)'],
      [null, 2500],
    ]);
    const row = read(engine, 'A1:L1');
    expect(row).toEqual(core('PLAN_PHASE', [[[120050]], null, [[100]]]));
    // 1201 hundreds over 12 months: 100 each, the spare one to the first month.
    expect(row[0]).toEqual([10100, ...new Array(11).fill(10000)]);
    expect(cell(engine, 'M1')).toBe(null);
    expect(cell(engine, 'A2')).toBe(120100);
    expect(cell(engine, 'B2')).toBe(120100);
    // 1000 over three equal weights: 334, 333, 333 as a column, like the weights.
    expect(read(engine, 'B3:B5').flat()).toEqual([334, 333, 333]);
    expect(read(engine, 'C3:C5').flat()).toEqual([834, 833, 833]);
    expect(read(engine, 'A6:B6').flat()).toEqual([1000, 2500]);
  });

  it('PLAN_ACTIVITIES', () => {
    const gaps = [100000, 5000, 5001, 0, -300, 12500, 7, 20000];
    const engine = buildEngine(
      sheet(gaps.map((g) => [g]), {
        B1: '=PLAN_ACTIVITIES(A1:A8,5000,25%,3)',
        C1: '=PLAN_ACTIVITIES(A1:A8,5000,0.25)',
      }),
    );
    const G = gaps.map((g) => [g]);
    expect(read(engine, 'B1:B8')).toEqual(core('PLAN_ACTIVITIES', [G, [[5000]], [[0.25]], [[3]]]));
    expect(read(engine, 'C1:C8')).toEqual(core('PLAN_ACTIVITIES', [G, [[5000]], [[0.25]]]));
    const proposals = (g: number) => (g <= 0 ? 0 : Math.ceil(g / 5000 / 0.25 - 1e-9));
    expect(read(engine, 'C1:C8').flat()).toEqual(gaps.map(proposals));
    expect(read(engine, 'B1:B8').flat()).toEqual(gaps.map((g) => proposals(g) * 3));
  });

  it('PLAN_REVIEW_DATES spills a column of dates', () => {
    const start = serial(2026, 1, 5);
    const engine = buildEngine([
      ['=PLAN_REVIEW_DATES(DATE(2026,1,5))', '=PLAN_REVIEW_DATES(DATE(2026,1,5),365,7)', '=PLAN_REVIEW_DATES(D1,E1,F1)', start, 180, 45],
    ]);
    expect(read(engine, 'A1:A3')).toEqual(core('PLAN_REVIEW_DATES', [[[start]]]));
    expect(read(engine, 'A1:A3').flat()).toEqual([start + 30, start + 60, start + 90]);
    expect(cell(engine, 'A4')).toBe(null);
    const weekly = read(engine, 'B1:B52').flat();
    expect(weekly).toEqual(Array.from({ length: 52 }, (_, k) => start + 7 * (k + 1)));
    expect(read(engine, 'B1:B52')).toEqual(core('PLAN_REVIEW_DATES', [[[start]], [[365]], [[7]]]));
    expect(cell(engine, 'B53')).toBe(null);
    // Horizon and step from cells: the spill area is reserved generously, the rest stays empty.
    expect(read(engine, 'C1:C5').flat()).toEqual([start + 45, start + 90, start + 135, start + 180, null]);
  });
});

describe('errors in a sheet', () => {
  it('cutoffs of 80 show #NUM! with a message that suggests 0.8', () => {
    const engine = buildEngine([[1, 'x', '=PARETO_TIER(A1:A3,B1:B3,80)'], [2, 'y'], [3, 'z']]);
    const v = cell(engine, 'C1');
    expect(v).toBeInstanceOf(DetailedCellError);
    expect((v as DetailedCellError).type).toBe('NUM');
    expect((v as DetailedCellError).value).toBe('#NUM!');
    expect((v as DetailedCellError).message).toMatch(/0\.8 or 80%/);
  });

  it('each kind of core error arrives as the same HyperFormula error type, with the core message', () => {
    const engine = buildEngine([
      [100, 'a', "'1,234", 0, 5],
      ['=1/0', 'b', 7, 10, 5],
      [50, null],
      [],
      [
        '=PLAN_ATTAINMENT(D1:D2,E1:E2)',
        '=PARETO_TIER(A1:A3,B1:B3)',
        '=PARETO_TIER(C1:C2)',
        '=PARETO_TIER(A1:A1,B1:B1,,{"x","y"})',
        '=PARETO_TIER(-A1)',
        '=PLAN_ATTAINMENT(1,2,3)',
      ],
    ]);
    const error = (address: string) => {
      const v = cell(engine, address);
      expect(v, address).toBeInstanceOf(DetailedCellError);
      return { type: (v as DetailedCellError).type, message: (v as DetailedCellError).message };
    };
    expect(error('A5')).toEqual({ type: 'DIV_BY_ZERO', message: expect.stringMatching(/row 1: target is 0/) });
    expect(error('B5')).toEqual({ type: 'DIV_BY_ZERO', message: expect.stringMatching(/row 2 of values is #DIV\/0!/) });
    expect(error('C5')).toEqual({ type: 'VALUE', message: expect.stringMatching(/number stored as text/) });
    expect(error('D5')).toEqual({ type: 'VALUE', message: expect.stringMatching(/labels has 2 labels for 2 cutoffs/) });
    expect(error('E5')).toEqual({ type: 'DIV_BY_ZERO', message: expect.stringMatching(/no account/) });
    expect(error('F5')).toEqual({ type: 'VALUE', message: expect.stringMatching(/at most 2 arguments/) });
    // The same calls in the core give the same codes.
    expect(callByName('PLAN_ATTAINMENT', [[[0], [10]], [[5], [5]]])).toMatchObject([[{ code: '#DIV/0!' }], [0.5]]);
    expect(callByName('PARETO_TIER', [[['1,234'], [7]]])).toMatchObject({ code: '#VALUE!' });
  });

  it('a blank key next to an amount is #VALUE! naming the row', () => {
    const engine = buildEngine([[10, 'a', '=PARETO_TIER(A1:A3,B1:B3)'], [20, null], [30, 'c']]);
    const v = cell(engine, 'C1') as DetailedCellError;
    expect(v.type).toBe('VALUE');
    expect(v.message).toMatch(/row 2 of keys is blank/);
  });
});

describe('chained formulas', () => {
  it('native COUNTIF and SUMIF over the spilled tiers agree with the core', () => {
    const rows = invoiceLines(500, 60, 42);
    const engine = buildEngine(
      sheet(rows, {
        C1: '=PARETO_TIER(B1:B500,A1:A500)',
        E1: '=COUNTIF(C1:C500,"A")',
        E2: '=COUNTIF(C1:C500,"B")',
        E3: '=COUNTIF(C1:C500,"C")',
        E4: '=SUMIF(C1:C500,"A",B1:B500)',
        E5: '=COUNTIF(PARETO_TIER(B1:B500,A1:A500),"A")',
        E6: '=SUM(E1:E3)',
      }),
    );
    const tiers = (callByName('PARETO_TIER', [column(rows, 1), column(rows, 0)]) as Matrix).flat();
    const count = (label: string) => tiers.filter((t) => t === label).length;
    expect(cell(engine, 'E1')).toBe(count('A'));
    expect(cell(engine, 'E2')).toBe(count('B'));
    expect(cell(engine, 'E3')).toBe(count('C'));
    expect(cell(engine, 'E5')).toBe(count('A'));
    expect(cell(engine, 'E6')).toBe(rows.filter((_, i) => tiers[i] !== '').length);
    const revenueA = rows.reduce((s, [, amount], i) => s + (tiers[i] === 'A' && amount !== null ? amount : 0), 0);
    expect(cell(engine, 'E4') as number).toBeCloseTo(revenueA, 6);
    // The tiers react to a change of the data, like any formula.
    const top = expectedTiers(rows).findIndex((r) => r[0] === 'C');
    engine.setCellContents({ sheet: 0, row: top, col: 1 }, 10_000_000);
    expect(cell(engine, `C${top + 1}`)).toBe('A');
    expect(cell(engine, 'E1')).toBe((callByName('PARETO_TIER', [read(engine, 'B1:B500') as Matrix, column(rows, 0)]) as Matrix).flat().filter((t) => t === 'A').length);
  });
});
