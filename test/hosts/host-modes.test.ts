// The built bundles in every host mode (./stand-ins.ts): Excel desktop, Excel on the web, Google
// Sheets. Each behaviour of docs/hosts.md ("Custom functions") has a test here that fails when the
// product ignores it; the first describe also shows that the modes differ where the hosts do.
import { beforeAll, describe, expect, it } from 'vitest';
import { serial } from '../helpers';
import { ExcelMode, SheetCell, Sheets, excelStandIn, sheetsStandIn } from './stand-ins';

const [jan1, mar31, dec31] = [serial(2026, 1, 1), serial(2026, 3, 31), serial(2026, 12, 31)];

/**
 * A manager's forecast: rows 2–11 filled in, 12–20 not yet. Row 5 has a real 0 typed as actual
 * (nothing sold yet), row 7 a real 0 as amount. H1:H3 hold as_of, period_start, period_end.
 */
function forecast(): Sheets {
  const rows: SheetCell[][] = [['Account', 'Target', 'Actual', 'Tier', 'Recurring', 'Potential', 'Amount', 'As of / period']];
  const filled: [string, number, number, string, boolean, string, number][] = [
    ['Jansen', 1000, 400, 'A', true, 'growth', 900],
    ['Van Dijk', 2000, 2500, 'A', true, 'stable', 500],
    ['Bakker', 500, 0, 'B', false, 'growth', 300],
    ['De Vries', 800, 200, 'C', true, 'none', 120],
    ['Visser', 300, 150, 'B', false, 'stable', 0],
    ['Smit', 1200, 1300, 'A', false, 'growth', 80],
    ['Meijer', 900, 100, 'C', false, 'stable', 60],
    ['Mulder', 650, 325, 'B', true, 'growth', 40],
    ['Bos', 400, 390, 'A', true, 'stable', 20],
    ['Jansen', 100, 50, 'C', false, 'none', 100], // a second line of Jansen
  ];
  for (const f of filled) rows.push([...f]);
  while (rows.length < 20) rows.push([]);
  rows[0][7] = { date: mar31 };
  rows[1][7] = { date: jan1 };
  rows[2][7] = { date: dec31 };
  return { Forecast: rows };
}

const CALLS: Record<string, (string | { value: string } | undefined)[]> = {
  PLAN_ATTAINMENT: ['B2:B20', 'C2:C20'],
  PLAN_GAP: ['B2:B20', 'C2:C20', 'H1', 'H2', 'H3'],
  PLAN_RUN_RATE: ['C2:C20', 'H2', 'H1', 'H3'],
  PLAN_REQUIRED_RATE: ['B2:B20', 'C2:C20', 'H1', 'H3', { value: 'week' }],
  ACCOUNT_CATEGORY: ['D2:D20', 'E2:E20', 'F2:F20'],
  PARETO_TIER: ['G2:G20', 'A2:A20'],
  PARETO_SHARE: ['G2:G20', 'A2:A20'],
};

const modes: ExcelMode[] = ['desktop', 'web'];

describe('half-filled ranges: the same visible results in Excel desktop, Excel on the web and Google Sheets', () => {
  for (const [name, args] of Object.entries(CALLS)) {
    it(`${name}: rows not filled in yet give "", real zeros stay zeros`, async () => {
      const sheets = sheetsStandIn(forecast());
      const expected = await sheets.call(name, ...args);
      expect(expected.cells.length).toBe(19);
      // Rows 12–20 are blank in every host...
      expect(expected.cells.slice(10).flat()).toEqual(Array(9).fill(''));
      // ...and the filled rows computed (no error anywhere).
      expect(expected.cells.slice(0, 10).flat().every((c) => c !== '' && !String(c).startsWith('#'))).toBe(true);
      for (const mode of modes) {
        const excel = excelStandIn(mode, forecast());
        expect(await excel.call(name, ...args), `${name} in Excel ${mode}`).toEqual(expected);
      }
    });
  }

  it('a real 0 typed in a cell counts as 0: attainment 0 for nothing sold, the last tier for an amount of 0', async () => {
    const excel = excelStandIn('desktop', forecast());
    expect((await excel.call('PLAN_ATTAINMENT', 'B2:B20', 'C2:C20')).cells[2]).toEqual([0]);
    expect((await excel.call('PARETO_TIER', 'G2:G20', 'A2:A20')).cells[4]).toEqual(['C']);
  });

  it('the desktop mode models the host: without the addresses, empty cells are zeros and the forecast shows errors', async () => {
    // What the product would show if it ignored desktop's zeros: this is why the tests above can fail.
    const blind = excelStandIn('desktop', forecast(), { withoutAddresses: true });
    const result = await blind.call('PLAN_ATTAINMENT', 'B2:B20', 'C2:C20');
    expect(result.cells.slice(10).flat()).toEqual(Array(9).fill('#DIV/0!'));
    const web = excelStandIn('web', forecast(), { withoutAddresses: true });
    expect((await web.call('PLAN_ATTAINMENT', 'B2:B20', 'C2:C20')).cells.slice(10).flat()).toEqual(Array(9).fill(''));
  });
});

describe('Excel desktop: telling empty cells from zeros costs one round-trip per call', () => {
  const column = (n: number, blankEvery: number): Sheets => ({
    S: Array.from({ length: n }, (_, i) => [i % blankEvery === 3 ? undefined : i % 7 === 0 ? 0 : i + 1, i % blankEvery === 3 ? undefined : 100]),
  });

  it('one sync for a call with zeros, at 20 rows and at 20,000 rows; none without zeros', async () => {
    for (const n of [20, 20_000]) {
      const excel = excelStandIn('desktop', column(n, 10));
      const result = await excel.call('PLAN_ATTAINMENT', `B1:B${n}`, `A1:A${n}`);
      expect(excel.syncs, `${n} rows`).toBe(1);
      expect(result.cells[3]).toEqual(['']);
      expect(result.cells[7]).toEqual([0]); // a real 0 (row 8: 7 % 7)
    }
    const noZeros = excelStandIn('desktop', { S: [[1, 2], [3, 4]] });
    await noZeros.call('PLAN_ATTAINMENT', 'B1:B2', 'A1:A2');
    expect(noZeros.syncs).toBe(0);
  });

  it('reads only the rows between the first and the last zero, both arguments in the same sync', async () => {
    const excel = excelStandIn('desktop', { S: [[1, 1], [0, 2], [3, undefined], [4, 4]] });
    const result = await excel.call('PLAN_ATTAINMENT', 'B1:B4', 'A1:A4');
    expect(excel.syncs).toBe(1);
    expect(result.cells).toEqual([[1], [0], [''], [1]]);
  });

  it('a read larger than one request (desktop: values = null) is made in chunks and gives the same result', async () => {
    const n = 120_000;
    const sheets = column(n, 10);
    const small = excelStandIn('desktop', sheets);
    const big = excelStandIn('desktop', sheets, { desktopReadLimit: 100_000 });
    const expected = await small.call('PLAN_ATTAINMENT', `B1:B${n}`, `A1:A${n}`);
    expect(await big.call('PLAN_ATTAINMENT', `B1:B${n}`, `A1:A${n}`)).toEqual(expected);
    // Both arguments hold zeros: each read answered null once, then came in two chunks.
    expect(big.failedReads).toBe(2);
    expect(big.syncs).toBe(1 + 2 * 2);
  });

  it('on the web, a read over the payload limit is made in chunks too', async () => {
    // The limit is 5 MB; lowered to 1.5 MB here to keep the test small. A chunk of the product's
    // 100,000 cells answers ~1.1 MB of valueTypes, under either. Real zeros on the web (empty
    // cells arrive as null there) still ask for a read.
    const n = 150_000;
    const sheets: Sheets = { S: Array.from({ length: n }, (_, i) => [i % 3 === 0 ? 0 : 5, i % 11 === 4 ? undefined : 10]) };
    const web = excelStandIn('web', sheets, { webPayloadLimit: 1.5 * 1024 * 1024 });
    const result = await web.call('PLAN_ATTAINMENT', `B1:B${n}`, `A1:A${n}`);
    expect(web.failedReads).toBe(1);
    expect(web.syncs).toBe(1 + 2);
    expect(result.cells[0]).toEqual([0]);
    expect(result.cells[4]).toEqual(['']);
  });
});

describe('one bad row spoils one row in Excel; Sheets names it for the whole call', () => {
  const thousand = (bad: SheetCell): Sheets => ({
    S: Array.from({ length: 1000 }, (_, i) => [i === 499 ? bad : 100 + i, 50]),
  });

  for (const mode of modes) {
    it(`Excel ${mode}: 999 results and one error with its message in row 500`, async () => {
      const excel = excelStandIn(mode, thousand('n/a'));
      const result = await excel.call('PLAN_ATTAINMENT', 'A1:A1000', 'B1:B1000');
      const cells = result.cells.flat();
      expect(cells.filter((c) => typeof c === 'number')).toHaveLength(999);
      expect(cells[499]).toBe('#VALUE!');
      expect(result.messages).toEqual({ '499,0': "row 500 of target is 'n/a', not a number" });
    });

    it(`Excel ${mode}: a zero target gives #DIV/0! in its row only (no message: Excel shows none with #DIV/0!)`, async () => {
      const excel = excelStandIn(mode, thousand(0));
      const result = await excel.call('PLAN_ATTAINMENT', 'A1:A1000', 'B1:B1000');
      expect(result.cells[499]).toEqual(['#DIV/0!']);
      expect(result.cells[500]).toEqual([50 / 600]);
      expect(result.messages).toEqual({});
    });
  }

  it('ACCOUNT_CATEGORY: a bad potential spoils its row only', async () => {
    const excel = excelStandIn('web', { S: [['A', true, 'growth'], ['A', true, 'maybe'], ['B', false, 'none']] });
    const result = await excel.call('ACCOUNT_CATEGORY', 'A1:A3', 'B1:B3', 'C1:C3');
    expect(result.cells).toEqual([[1], ['#VALUE!'], [5]]);
    expect(result.messages['1,0']).toMatch(/^row 2: potential is 'maybe'/);
  });

  it('whole-argument problems stay one error: shapes, a bad single-cell argument', async () => {
    const excel = excelStandIn('web', { S: [[1, 2], [3, 4], [5, 6]] });
    expect((await excel.call('PLAN_ATTAINMENT', 'A1:A3', 'B1:B2')).cells).toEqual([['#VALUE!']]);
    const single = await excel.call('PLAN_ACTIVITIES', 'A1:A3', 'B1', { value: 40 });
    expect(single.cells).toEqual([['#NUM!']]);
    const per = await excel.call('PLAN_REQUIRED_RATE', 'A1:A3', 'B1:B3', { value: jan1 }, { value: dec31 }, { value: 'fortnight' });
    expect(per).toEqual({ cells: [['#VALUE!']], messages: { '0,0': "per is 'fortnight': use day, week or month (dag, week, maand)" } });
  });

  it('Sheets: one error naming the first bad row', async () => {
    const sheets = sheetsStandIn(thousand('n/a'));
    expect(await sheets.call('PLAN_ATTAINMENT', 'A1:A1000', 'B1:B1000')).toEqual({
      cells: [['#ERROR!']],
      messages: { '0,0': "#VALUE! row 500 of target is 'n/a', not a number" },
    });
  });
});

describe('#NAME? and #REF! as inputs: #VALUE! naming the row and the original error', () => {
  const sheets: Sheets = { S: [[10, 'x'], [{ error: '#REF!' }, 'y'], [5, { error: '#NAME?' }]] };

  it('Excel: in the bad row for element-wise functions, for the call for the Pareto family', async () => {
    const excel = excelStandIn('web', sheets);
    const attainment = await excel.call('PLAN_ATTAINMENT', 'A1:A3', 'A1:A3');
    expect(attainment.cells).toEqual([[1], ['#VALUE!'], [1]]);
    expect(attainment.messages).toEqual({ '1,0': 'row 2 of target is #REF!' });
    expect(await excel.call('PARETO_TIER', 'A1:A3')).toEqual({ cells: [['#VALUE!']], messages: { '0,0': 'row 2 of values is #REF!' } });
    expect(await excel.call('PARETO_TIER', 'A1:A3', 'B1:B3')).toEqual({ cells: [['#VALUE!']], messages: { '0,0': 'row 2 of values is #REF!' } });
    expect(await excel.call('PARETO_TIER', { value: 1 }, 'B3')).toEqual({ cells: [['#VALUE!']], messages: { '0,0': 'keys is #NAME?' } });
  });

  it('Sheets: the same message', async () => {
    const host = sheetsStandIn(sheets);
    expect((await host.call('PARETO_TIER', 'A1:A3')).messages['0,0']).toBe('#VALUE! row 2 of values is #REF!');
  });
});

describe('no JavaScript error text in a cell', () => {
  let host: ReturnType<typeof sheetsStandIn>;
  beforeAll(() => {
    host = sheetsStandIn({ S: [[1]] }, 'UTC');
  });

  it('Sheets: an input object without a prototype gives a readable error naming the argument and row', () => {
    const odd = Object.create(null);
    expect(host.callRaw('PLAN_ATTAINMENT', [[100], [odd]], [[50], [50]]).messages['0,0']).toBe(
      '#VALUE! row 2 of target is #VALUE!: not a number, text, TRUE/FALSE or a date',
    );
  });

  it('Sheets: an invalid Date gives a readable error naming the argument', () => {
    expect(host.callRaw('PLAN_RUN_RATE', 100, new Date(NaN), new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 11, 31))).messages['0,0']).toBe(
      '#VALUE! period_start is #VALUE!: an invalid date',
    );
  });

  it('Sheets: a date of the year 50 is not taken for 1950', () => {
    const year50 = new Date(0);
    year50.setUTCFullYear(50, 5, 1);
    const result = host.callRaw('PLAN_REVIEW_DATES', year50);
    expect(result.cells).toEqual([['#ERROR!']]);
    expect(result.messages['0,0']).toMatch(/^#NUM! start \(-\d+\) is not a date between 1900 and 9999$/);
  });

  it('Excel: an error object of a code the core does not know travels on as #VALUE! naming it', async () => {
    const excel = excelStandIn('web', { S: [[1], [{ error: '#SPILL!' }]] });
    expect(await excel.call('PARETO_TIER', 'A1:A2')).toEqual({ cells: [['#VALUE!']], messages: { '0,0': 'row 2 of values is #VALUE!: #SPILL!' } });
  });
});

describe('hostile inputs', () => {
  const huge: Sheets = { S: [[1e308, 'a'], [1e308, 'b'], [5, 'c']] };

  for (const name of ['PARETO_TIER', 'PARETO_SHARE', 'PARETO_SUMMARY']) {
    it(`${name}: amounts that add up beyond the float range give #NUM!, never a wrong tier`, async () => {
      expect((await excelStandIn('desktop', huge).call(name, 'A1:A3', 'B1:B3')).cells).toEqual([['#NUM!']]);
      const sheets = await sheetsStandIn(huge).call(name, 'A1:A3', 'B1:B3');
      expect(sheets.messages['0,0']).toMatch(/^#NUM! the amounts add up to more than the largest number a spreadsheet holds/);
    });
  }

  it('PLAN_PHASE(1e13, {1,1,1}, 0.01): the parts add up exactly', async () => {
    const excel = excelStandIn('web', { S: [[1, 1, 1]] });
    const parts = (await excel.call('PLAN_PHASE', { value: 1e13 }, 'A1:C1', { value: 0.01 })).cells[0] as number[];
    expect(parts).toEqual([3333333333333.34, 3333333333333.33, 3333333333333.33]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1e13);
  });

  it('PLAN_PHASE with more digits than a number holds says so with #NUM!', async () => {
    const excel = excelStandIn('web', { S: [[1, 1, 1]] });
    expect((await excel.call('PLAN_PHASE', { value: 1e14 }, 'A1:C1', { value: 0.01 })).cells).toEqual([['#NUM!']]);
  });
});

