import { describe, expect, it } from 'vitest';
import { apply, detect, OWN_NAMES, preview } from '../../shared/commands/analysis';
import { cutTiers } from '../../shared/commands/tier-cut';
import { isUserError } from '../../shared/commands/errors';
import { MemoryWorkbook } from '../support/memory-workbook';
import { ParetoChart } from '../../shared/sheet-spec';
import { dutchInvoices, invoiceLines, serialOf } from '../support/revenue-sheets';

const nl = { host: 'excel' as const, language: 'nl' as const };
const at = { sheet: 'Verkoop', row: 5, col: 1 };

function dutchWorkbook() {
  return new MemoryWorkbook({ Verkoop: dutchInvoices() }, at);
}

describe('finding the table', () => {
  it('finds the header under a title, and suggests account, amount and date from Dutch headers', () => {
    const d = detect(dutchWorkbook(), { language: 'nl' }) as Awaited<ReturnType<typeof detect>>;
    expect(d.sheet).toBe('Verkoop');
    expect(d.headerRow).toBe(3);
    // The table stops before the second table ("Regio, Verkoper") further down
    expect(d.address).toBe('A3:E14');
    expect(d.suggestion).toEqual({ account: 1, amount: 3, date: 2, product: null });
    expect(d.columns.map((c) => c.title)).toEqual(['Factuurnr', 'Klant', 'Factuurdatum', 'Omzet (€)', 'Opmerking']);
  });

  it('says clearly when there is no table', () => {
    const wb = new MemoryWorkbook({ Leeg: [['alleen een titel']] });
    try {
      detect(wb, { language: 'en' });
      throw new Error('expected an error');
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toBe('No table found on Leeg. Select a cell inside your revenue table (with a header row) and try again.');
    }
  });
});

describe('the preview', () => {
  const p = preview(dutchWorkbook(), nl) as Awaited<ReturnType<typeof preview>>;

  it('tiers accounts over their invoice lines, keys trimmed and case-insensitive', () => {
    // Jansen 10,000 (starts at 0%), Van Dijk 3,000 (starts at 72.5%) → A; Anna 500 (starts at
    // 94.2%) → B; =HYPERLINK 300 (starts at 97.8%) → C. Total 13,800.
    expect(p.accounts).toBe(4);
    expect(p.revenue).toBe(13800);
    expect(p.tiers.map((t) => [t.label, t.accounts, t.revenue])).toEqual([
      ['A', 2, 13000],
      ['B', 1, 500],
      ['C', 1, 300],
    ]);
    expect(p.headline).toBe('50,0% van uw klanten brengt 94,2% van de omzet');
  });

  it('says what was left out and why, with the row numbers the user sees', () => {
    expect(p.leftOut).toEqual({ totalsRows: [14], textRows: [7, 13], errorRows: [], missingAccountRows: [], blankRows: 1, blankRowList: [8] });
  });

  it('derives categories from the date column', () => {
    expect(p.columns.date?.title).toBe('Factuurdatum');
    expect(p.categories).not.toBeNull();
    expect(p.categories!.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('offers live formulas only for clean data', () => {
    expect(p.formula.available).toBe(false);
    expect(p.formula.reason).toMatch(/herstel eerst de rijen met tekst/);
  });
});

describe('writing the analysis', () => {
  it('writes tiers right of the table without touching a single original cell', () => {
    const wb = dutchWorkbook();
    const before = wb.snapshot('Verkoop');
    const result = apply(wb, nl) as Awaited<ReturnType<typeof apply>>;
    expect(result.status).toBe('written');
    const after = wb.snapshot('Verkoop');
    for (const [k, v] of before) expect(after.get(k), `cell ${k}`).toEqual(v);
    // Tier, share, category and the account as counted in F–I (columns 5–8), header on row 3
    expect([5, 6, 7, 8].map((c) => wb.get('Verkoop', 2, c))).toEqual(['Klasse', 'Cumulatief aandeel', 'Categorie', 'Geteld als']);
    expect(wb.get('Verkoop', 3, 5)).toBe('A'); // Bakkerij Jansen
    expect(wb.get('Verkoop', 4, 5)).toBe('A'); // Van Dijk
    expect(wb.get('Verkoop', 8, 5)).toBe('B'); // Kapper Anna
    expect(wb.get('Verkoop', 6, 5)).toBe(null); // the text-amount row gets nothing
    expect(wb.get('Verkoop', 13, 5)).toBe(null); // nor the totals row
    expect(wb.get('Verkoop', 3, 6)).toBeCloseTo(10000 / 13800, 12);
    // The category readable without a legend; the account as the analysis counted it: one
    // spelling for " bakkerij jansen " and "Bakkerij Jansen", nothing on rows left out.
    expect(wb.get('Verkoop', 3, 7)).toMatch(/^[1-5] [A-Z]/);
    expect([3, 5, 6, 10, 12, 13].map((r) => wb.get('Verkoop', r, 8))).toEqual(['Bakkerij Jansen', 'Bakkerij Jansen', null, '=HYPERLINK("http://x")', null, null]);
    expect(wb.names.AccountPlanner_Keys).toEqual({ sheet: 'Verkoop', region: { row: 3, col: 8, rows: 11, cols: 1 } });
    expect(wb.names[OWN_NAMES.tiers]).toEqual({ sheet: 'Verkoop', region: { row: 2, col: 5, rows: 12, cols: 4 } });
    expect(result.tierColumns).toBe('Verkoop!F3:I14');
  });

  it('writes a Pareto sheet with the summary, chart data and a native chart', () => {
    const wb = dutchWorkbook();
    apply(wb, nl);
    // The date the data runs up to, named for the plans' as-of date
    expect([wb.get('Pareto', 3, 0), wb.get('Pareto', 3, 1)]).toEqual(['Omzetgegevens tot en met', serialOf(2025, 11, 12)]); // Dec 1 is a text amount, left out
    expect(wb.names.AccountPlanner_DataEnd).toEqual({ sheet: 'Pareto', region: { row: 3, col: 1, rows: 1, cols: 1 } });
    expect(wb.get('Pareto', 5, 0)).toBe('Klasse');
    expect([wb.get('Pareto', 6, 0), wb.get('Pareto', 6, 1), wb.get('Pareto', 6, 3)]).toEqual(['A', 2, 13000]);
    expect([wb.get('Pareto', 9, 0), wb.get('Pareto', 9, 1), wb.get('Pareto', 9, 3)]).toEqual(['Totaal', 4, 13800]);
    // Chart data sorted by revenue with tier and category, the odd name kept as text
    expect([5, 6, 7, 8, 9, 10].map((c) => wb.get('Pareto', 5, c))).toEqual([null, 'Klant', 'Omzet', 'Cumulatief aandeel', 'Klasse', 'Categorie']);
    expect([wb.get('Pareto', 6, 6), wb.get('Pareto', 6, 9), wb.get('Pareto', 9, 6), wb.get('Pareto', 9, 9)]).toEqual(['Bakkerij Jansen', 'A', '=HYPERLINK("http://x")', 'C']);
    const chart = wb.sheet('Pareto').charts[0] as ParetoChart;
    expect(chart.kind).toBeUndefined();
    expect(chart.categories).toEqual({ row: 6, col: 6, rows: 4, cols: 1 });
    expect(chart.line).toEqual({ row: 6, col: 8, rows: 4, cols: 1 });
    expect(wb.get('Pareto', 9, 8)).toBe(1);
    // One legend of the five categories, as the category cells show them
    const column = (c: number) => Array.from({ length: 60 }, (_, r) => wb.get('Pareto', r, c));
    const legend = column(0).indexOf('Categorieën');
    expect(column(0).slice(legend + 1, legend + 6)).toEqual([1, 2, 3, 4, 5].map((n) => expect.stringMatching(new RegExp(`^${n} `))));
    expect(column(0).slice(legend + 1, legend + 6)).toContain(wb.get('Verkoop', 3, 7));
    // How concentrated revenue is: CONCENTRATION's measures over the same accounts, in Dutch
    const concentrationTop = column(0).indexOf('Hoe geconcentreerd is de omzet');
    expect(concentrationTop).toBeGreaterThan(legend);
    const shown = Array.from({ length: 8 }, (_, i) => [wb.get('Pareto', concentrationTop + 1 + i, 0), wb.get('Pareto', concentrationTop + 1 + i, 4)]);
    expect(shown.map((r) => r[0])).toEqual(['Klanten met omzet', 'Aandeel van de grootste klant', 'Aandeel van de grootste 5', 'Aandeel van de grootste 10', 'Klanten voor 50% van de omzet', 'Klanten voor 80% van de omzet', 'Herfindahl-Hirschman-index (HHI)', 'Gini-coëfficiënt']);
    // The four accounts' totals as the summary counts them: Jansen 10,000 and Van Dijk 3,000 (A), 500 (B), 300 (C).
    const totals = [10000, 3000, 500, 300];
    const shares = totals.map((x) => x / 13800);
    expect(shown[0][1]).toBe(4);
    expect(shown[1][1]).toBeCloseTo(shares[0], 12);
    expect(shown[2][1]).toBe(1);
    expect([shown[4][1], shown[5][1]]).toEqual([1, 2]);
    expect(shown[6][1]).toBeCloseTo(shares.reduce((h, x) => h + (100 * x) ** 2, 0), 9);
    const meanDifference = totals.flatMap((x) => totals.map((y) => Math.abs(x - y))).reduce((a, b) => a + b, 0) / 16;
    expect(shown[7][1]).toBeCloseTo(meanDifference / (2 * (13800 / 4)), 12);
    // What was left out, with the row numbers the user sees
    const leftOut = column(0).indexOf('Niet meegeteld in de analyse');
    const lines = Array.from({ length: 5 }, (_, i) => [0, 1, 3].map((c) => wb.get('Pareto', leftOut + 2 + i, c)));
    expect(lines).toEqual([
      ['Totaalregel', 1, '14'],
      ['Bedrag is tekst', 2, '7, 13'],
      ['Lege rij', 1, '8'],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('colours the tier column per tier', () => {
    const wb = dutchWorkbook();
    apply(wb, nl);
    const cf = wb.sheet('Verkoop').conditional[0];
    expect(cf.region).toEqual({ row: 3, col: 5, rows: 11, cols: 1 });
    expect(cf.rules.map((r) => r.equals)).toEqual(['A', 'B', 'C']);
  });

  it('asks before replacing its own earlier output, then replaces only that', () => {
    const wb = dutchWorkbook();
    apply(wb, nl);
    wb.sheet('Verkoop').cells.set('20,0', { value: 'notitie van de manager' });
    const again = apply(wb, nl) as Awaited<ReturnType<typeof apply>>;
    expect(again.status).toBe('confirm');
    expect(again.message).toContain('Verkoop!F3:I14');
    const replaced = apply(wb, { ...nl, replace: true, cutoffs: [0.5, 0.9] }) as Awaited<ReturnType<typeof apply>>;
    expect(replaced.status).toBe('written');
    expect(replaced.tierColumns).toBe('Verkoop!F3:I14'); // same place, not pushed further right
    expect(wb.get('Verkoop', 20, 0)).toBe('notitie van de manager');
    expect([...wb.sheets.keys()]).toEqual(['Verkoop', 'Pareto']);
  });

  it('never writes into a column the user filled, and never replaces a sheet called Pareto it did not make', () => {
    const rows = dutchInvoices();
    rows[30] = [null, null, null, null, null, null, 'notes far below'];
    const wb = new MemoryWorkbook({ Verkoop: rows, Pareto: [['my own pareto']] }, at);
    const result = apply(wb, nl) as Awaited<ReturnType<typeof apply>>;
    expect(result.tierColumns).toBe('Verkoop!H3:K14');
    expect(result.paretoSheet).toBe('Pareto 2');
    expect(wb.get('Pareto', 0, 0)).toBe('my own pareto');
  });

  it('writes live formulas on clean data when asked (KAM. in Excel, bare in Sheets)', () => {
    const lines = invoiceLines(50, 10);
    const excel = new MemoryWorkbook({ Sales: lines });
    apply(excel, { host: 'excel', language: 'en', output: 'formulas' });
    expect(excel.get('Sales', 1, 4)).toBe('=KAM.PARETO_TIER(Sales!D2:D51,Sales!B2:B51)');
    expect(excel.get('Sales', 1, 5)).toBe('=KAM.PARETO_SHARE(Sales!D2:D51,Sales!B2:B51)');
    expect(excel.get('Sales', 2, 4)).toBe(null); // the rest of the column is left for the spill
    const sheets = new MemoryWorkbook({ Sales: lines });
    apply(sheets, { host: 'sheets', language: 'en', output: 'formulas', cutoffs: [0.7], labels: ['Key', 'Other'] });
    expect(sheets.get('Sales', 1, 4)).toBe('=PARETO_TIER(Sales!D2:D51,Sales!B2:B51,{0.7},{"Key","Other"})');
  });

  it('costs one info, one read and one write, whatever the size', () => {
    for (const n of [10, 20000]) {
      const wb = new MemoryWorkbook({ Sales: invoiceLines(n, 500) });
      apply(wb, { host: 'sheets', language: 'en' });
      expect(wb.calls).toEqual({ info: 1, readSheet: 1, write: 1, numberFormat: 1 });
    }
  });

  it('explains bad choices in the user language', () => {
    const wb = dutchWorkbook();
    expect(() => apply(wb, { ...nl, account: 3, amount: 3 })).toThrow('De klantkolom en de bedragkolom moeten verschillen.');
    expect(() => apply(wb, { ...nl, cutoffs: [80] })).toThrow(/write 0.8 or 80%/);
    expect(() => apply(wb, { ...nl, sheet: 'Nope' })).toThrow('Er is geen blad met de naam Nope.');
    expect(wb.calls.write).toBe(0);
  });

  it('says so when the amounts add up beyond the largest number, instead of ∞, NaN or a wrong tier', () => {
    const rows = [['Customer', 'Sales'], ['A', 1e308], ['B', 1e308], ['C', 5]];
    const wb = new MemoryWorkbook({ Sales: rows });
    const message = 'The amounts in the Sales column add up to more than a spreadsheet number can hold (about 1.8e308): check for amounts that are far too large.';
    expect(() => preview(wb, { host: 'excel', language: 'en' })).toThrow(message);
    expect(() => apply(wb, { host: 'sheets', language: 'nl' })).toThrow(/tellen op tot meer dan een getal in een spreadsheet kan bevatten/);
    expect(wb.calls.write).toBe(0);
  });
});

describe('categories from dates', () => {
  it('recurring needs revenue in 3 of the last 4 quarters; growth compares the last 12 months with the 12 before', () => {
    const q = (y: number, m: number) => serialOf(y, m, 15);
    const rows = [
      ['Customer', 'Date', 'Sales'],
      // Big: every quarter of 2025, more than 2024 → significant, recurring, growth → 1
      ['Big', q(2024, 2), 1000], ['Big', q(2025, 2), 3000], ['Big', q(2025, 5), 3000], ['Big', q(2025, 8), 3000], ['Big', q(2025, 11), 3000],
      // Steady: 3 quarters, less than before → recurring, not significant → 3
      ['Steady', q(2024, 2), 900], ['Steady', q(2025, 2), 100], ['Steady', q(2025, 5), 100], ['Steady', q(2025, 8), 100],
      // Once: one order last year → neither → 4
      ['Once', q(2025, 3), 200],
    ];
    const p = preview(new MemoryWorkbook({ S: rows }), { host: 'xlsx', language: 'en' }) as Awaited<ReturnType<typeof preview>>;
    expect(p.categories).toEqual([1, 0, 1, 1, 0]);
  });
});

describe('finding the table (edge cases from review)', () => {
  it('keeps a data row that only has text (amount not in yet) inside the table', () => {
    const rows = [
      ['Customer', 'Region', 'Sales', 'Rep'],
      ['Acme', 'North', 9000, 'Jan'],
      ['Beta', 'South', 500, 'Piet'],
      ['Gamma', 'North', null, null],
      ['Delta', 'East', 20000, 'Jan'],
      ['Epsilon', 'West', 300, 'Piet'],
      ['Zeta', 'North', 7000, 'Jan'],
    ];
    const p = preview(new MemoryWorkbook({ S: rows }), { host: 'xlsx', language: 'en' }) as Awaited<ReturnType<typeof preview>>;
    expect(p.address).toBe('A1:D7');
    expect(p.revenue).toBe(36800);
  });

  it('ends the table at a second table pasted right under it, without a blank row', () => {
    const rows = [
      ['Order', 'Customer', 'Region', 'Sales'],
      [1, 'Acme', 'North', 100],
      [2, 'Beta', 'South', 50],
      ['Person', 'Region', null, null],
      ['Anna', 'West', null, null],
      ['Chuck', 'East', null, null],
    ];
    const p = preview(new MemoryWorkbook({ S: rows }), { host: 'xlsx', language: 'en' }) as Awaited<ReturnType<typeof preview>>;
    expect(p.address).toBe('A1:D3');
  });

  it('finds a header even with a number elsewhere on its row', () => {
    const rows = [['Customer', 'Sales', null, null, 'Fiscal year', 2025], ['Acme', 100], ['Beta', 50], ['Gamma', 10]];
    const d = detect(new MemoryWorkbook({ S: rows }), { language: 'en' }) as Awaited<ReturnType<typeof detect>>;
    expect(d.address).toBe('A1:B4');
  });

  it('takes an unnamed last row equal to the sum as the totals row, but never a named customer', () => {
    const named = [['Customer', 'Sales'], ['Acme', 2500], ['Beta', 1500], ['Gamma', 1000], ['Delta', 5000]];
    const p = preview(new MemoryWorkbook({ S: named }), { host: 'xlsx', language: 'en' }) as Awaited<ReturnType<typeof preview>>;
    expect([p.accounts, p.revenue, p.leftOut.totalsRows]).toEqual([4, 10000, []]);
    const unnamed = [['Customer', 'Sales'], ['Acme', 2500], ['Beta', 1500], ['Gamma', 1000], [null, 5000]];
    const q = preview(new MemoryWorkbook({ S: unnamed }), { host: 'xlsx', language: 'en' }) as Awaited<ReturnType<typeof preview>>;
    expect([q.accounts, q.revenue, q.leftOut.totalsRows, q.leftOut.missingAccountRows]).toEqual([3, 5000, [5], []]);
  });
});

describe('analysing another table after one with dates', () => {
  it('removes the date and category names the new table does not have, so plans never mix tables', () => {
    const wb = new MemoryWorkbook({
      'Sales 2024': [['Customer', 'Date', 'Sales'], ['Acme', serialOf(2024, 3, 1), 9000], ['Beta', serialOf(2024, 5, 1), 1000]],
      'Sales 2025': [['Customer', 'Sales'], ['Acme', 10000], ['Beta', 500]],
    });
    apply(wb, { host: 'excel', language: 'en', sheet: 'Sales 2024' });
    expect(wb.names.AccountPlanner_Dates.sheet).toBe('Sales 2024');
    apply(wb, { host: 'excel', language: 'en', sheet: 'Sales 2025', replace: true });
    expect(wb.names.AccountPlanner_Accounts.sheet).toBe('Sales 2025');
    expect(wb.names.AccountPlanner_Dates).toBeUndefined();
    expect(wb.names.AccountPlanner_CategoryColumn).toBeUndefined();
  });

  it('asks before replacing the Pareto sheet even when only its name is left', () => {
    const wb = new MemoryWorkbook({ S: [['Customer', 'Sales'], ['Acme', 100], ['Beta', 50]] });
    apply(wb, { host: 'excel', language: 'en' });
    delete wb.names.AccountPlanner_Tiers;
    expect((apply(wb, { host: 'excel', language: 'en' }) as { status: string }).status).toBe('confirm');
  });
});

describe('re-running with more accounts', () => {
  it('never writes the larger Pareto output over cells the user added beside the old one', () => {
    const rows = (n: number) => [['Customer', 'Sales'], ...Array.from({ length: n }, (_, i) => [`C${i}`, 1000 - i])];
    const wb = new MemoryWorkbook({ S: rows(3) });
    apply(wb, { host: 'excel', language: 'en' });
    const old = wb.names.AccountPlanner_Pareto.region;
    wb.sheet('Pareto').cells.set(`${old.rows + 1},7`, { value: 'Call C0 about the renewal' });
    // The same sheet, now with 117 more customers: the chart data grows past the old region
    // (which reaches below both charts)
    for (const [i, r] of rows(120).entries()) r.forEach((v, j) => wb.sheet('S').cells.set(`${i},${j}`, { value: v }));
    const result = apply(wb, { host: 'excel', language: 'en', replace: true }) as Awaited<ReturnType<typeof apply>>;
    expect(wb.get('Pareto', old.rows + 1, 7)).toBe('Call C0 about the renewal');
    expect(result.paretoSheet).toBe('Pareto 2');
    // and the old output on Pareto was cleared, the user's note kept
    expect(wb.get('Pareto', 0, 0)).toBe(null);
  });

  it('charts the 100 largest accounts one by one and lists the others as one line, outside the chart', () => {
    // 150 accounts: C0 1,000 down to C149 851. The 50 smallest together (43,775) are far larger
    // than the largest account: as a bar they would flatten every other bar.
    const wb = new MemoryWorkbook({ S: [['Customer', 'Sales'], ...Array.from({ length: 150 }, (_, i) => [`C${i}`, 1000 - i])] });
    apply(wb, { host: 'excel', language: 'en' });
    const chart = wb.sheet('Pareto').charts[0] as ParetoChart;
    expect(chart.title).toBe('Revenue of the 100 largest accounts and cumulative share');
    const { row, col } = chart.categories;
    expect([chart.categories.rows, chart.columns.rows, chart.line.rows]).toEqual([100, 100, 100]);
    expect([wb.get('Pareto', row, col), wb.get('Pareto', row + 99, col)]).toEqual(['C0', 'C99']);
    // The line under the chart's rows: the other 50 accounts, their revenue, 100% of all revenue
    const whole = Array.from({ length: 150 }, (_, i) => 1000 - i).reduce((a, b) => a + b, 0);
    const others = Array.from({ length: 50 }, (_, i) => 900 - i).reduce((a, b) => a + b, 0);
    expect([0, 1, 2].map((c) => wb.get('Pareto', row + 100, col + c))).toEqual(['Other 50 accounts', others, 1]);
    expect(others).toBeGreaterThan(1000);
    // The chart's line ends at the share the 100 largest hold of all revenue
    expect(wb.get('Pareto', row + 99, col + 2)).toBeCloseTo((whole - others) / whole, 12);
    // In Dutch, from Sheets
    const dutch = new MemoryWorkbook({ S: [['Klant', 'Omzet'], ...Array.from({ length: 150 }, (_, i) => [`K${i}`, 1000 - i])] });
    apply(dutch, { host: 'sheets', language: 'nl' });
    const nlChart = dutch.sheet('Pareto').charts[0] as ParetoChart;
    expect([nlChart.title, nlChart.columns.rows]).toEqual(['Omzet van de 100 grootste klanten en cumulatief aandeel', 100]);
    expect(dutch.get('Pareto', nlChart.categories.row + 100, nlChart.categories.col)).toBe('Overige 50 klanten');
    // With 100 accounts or fewer every one is in the chart under the plain title; with 101 the
    // 101st too, by name, rather than a line "Other 1 accounts"
    for (const count of [100, 101]) {
      const small = new MemoryWorkbook({ S: [['Klant', 'Omzet'], ...Array.from({ length: count }, (_, i) => [`K${i}`, 500 - i])] });
      apply(small, { host: 'sheets', language: 'nl' });
      const all = small.sheet('Pareto').charts[0] as ParetoChart;
      expect([all.title, all.categories.rows]).toEqual(['Omzet per klant en cumulatief aandeel', count]);
      expect(small.get('Pareto', all.categories.row + count - 1, all.categories.col)).toBe(`K${count - 1}`);
      expect(small.get('Pareto', all.categories.row + count - 1, all.categories.col + 2)).toBe(1);
      expect(small.get('Pareto', all.categories.row + count, all.categories.col)).toBe(null);
    }
  });

  it('reuses the Pareto sheet when the new output fits', () => {
    const wb = new MemoryWorkbook({ S: [['Customer', 'Sales'], ['A', 10], ['B', 5]] });
    apply(wb, { host: 'excel', language: 'en' });
    const again = apply(wb, { host: 'excel', language: 'en', replace: true }) as Awaited<ReturnType<typeof apply>>;
    expect(again.paretoSheet).toBe('Pareto');
  });
});

describe('the what-if: tiers cut again from the preview\'s basis', () => {
  const options = (cutoffs: number[], labels: string[], language: 'en' | 'nl') => ({ host: 'excel' as const, language, cutoffs, labels });
  const settings: [number[], string[]][] = [
    [[0.8, 0.95], ['A', 'B', 'C']],
    [[0.5, 0.9], ['Gold', 'Silver', 'Bronze']],
    [[0, 0.7], ['A', 'B', 'C']],
    [[0.6], ['Key', 'Other']],
    [[0.3, 0.6, 0.9, 0.99], ['A', 'B', 'C', 'D', 'E']],
  ];

  it('gives what a new preview of the same columns gives, with and without a date column', () => {
    for (const date of [undefined, null]) {
      const wb = new MemoryWorkbook({ S: invoiceLines(3000, 400) }, { sheet: 'S', row: 1, col: 1 });
      const first = preview(wb, { host: 'excel', language: 'en', date }) as Awaited<ReturnType<typeof preview>>;
      expect(first.basis.totals).toHaveLength(first.accounts);
      expect(first.basis.traits === null).toBe(date === null);
      for (const [cutoffs, labels] of settings) {
        for (const language of ['en', 'nl'] as const) {
          const fresh = preview(wb, { ...options(cutoffs, labels, language), date }) as Awaited<ReturnType<typeof preview>>;
          const cut = cutTiers(first.basis, cutoffs, labels, language);
          expect(cut).toEqual({ headline: fresh.headline, tiers: fresh.tiers, accounts: fresh.accounts, revenue: fresh.revenue, categories: fresh.categories, cutoffs: fresh.cutoffs });
        }
      }
    }
  });

  it('refuses cutoffs and labels that do not fit, as the preview does', () => {
    const p = preview(dutchWorkbook(), nl) as Awaited<ReturnType<typeof preview>>;
    expect(() => cutTiers(p.basis, [0.9, 0.5], ['A', 'B', 'C'], 'en')).toThrow(/strictly increasing/);
    expect(() => cutTiers(p.basis, [0.5], ['A', 'B', 'C'], 'en')).toThrow(/one more than the cutoffs/);
  });
});
