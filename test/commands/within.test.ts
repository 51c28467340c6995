// Tiers within groups (analyze --within, the pane's Within column): each (group, account) pair
// tiered among its own group, through the analysis on an in-memory workbook.
import { describe, expect, it } from 'vitest';
import { Cell, Matrix, naError } from '../../shared/cells';
import { AnalysisOptions, apply, preview } from '../../shared/commands/analysis';
import { listAccounts } from '../../shared/commands/plans';
import { cutTiers } from '../../shared/commands/tier-cut';
import { callByName } from '../../shared/run';
import { MemoryWorkbook } from '../support/memory-workbook';
import { serialOf } from '../support/revenue-sheets';

// North: Acme 900 (A), Beta 100 (90% before it: B). South: Dell 450 (A), Core 400 (50%: A),
// Acme 50 (94.4%: B). Blank region: Echo 300 (A), Fox 10 (96.8%: C). Acme is in two regions.
const SALES: Cell[][] = [
  ['Customer', 'Region', 'Date', 'Amount'],
  ['Acme', 'North', serialOf(2025, 1, 10), 900],
  ['Beta', 'north ', serialOf(2025, 2, 10), 100],
  ['Acme', 'South', serialOf(2025, 3, 10), 50],
  ['Core', 'South', serialOf(2025, 4, 10), 400],
  ['Dell', 'South', serialOf(2025, 5, 10), 450],
  ['Echo', null, serialOf(2025, 6, 10), 300],
  ['Fox', '  ', serialOf(2025, 7, 10), 10],
];
const REGION = 1;
const en = (o: Partial<AnalysisOptions> = {}): AnalysisOptions => ({ host: 'sheets', language: 'en', within: REGION, ...o });
const workbook = (rows = SALES) => new MemoryWorkbook({ Sales: rows });
const column = (wb: MemoryWorkbook, sheet: string, c: number, rows = 160) => Array.from({ length: rows }, (_, r) => wb.get(sheet, r, c));

describe('the preview with a Within column', () => {
  const p = preview(workbook(), en()) as Awaited<ReturnType<typeof preview>>;

  it('counts (group, account) pairs, each tiered within its group; a blank group is a group', () => {
    expect(p.within).toEqual({ column: expect.objectContaining({ col: REGION, title: 'Region' }), groups: 3 });
    expect(p.accounts).toBe(7);
    expect(p.tiers.map((l) => [l.label, l.accounts, l.revenue])).toEqual([
      ['A', 4, 2050],
      ['B', 2, 150],
      ['C', 1, 10],
    ]);
  });

  it('cuts the what-if within the groups too, as a new preview would', () => {
    const cut = cutTiers(p.basis, [0.5, 0.9], ['A', 'B', 'C'], 'en');
    const fresh = preview(workbook(), en({ cutoffs: [0.5, 0.9] })) as Awaited<ReturnType<typeof preview>>;
    expect(cut.tiers).toEqual(fresh.tiers);
    expect(cut.headline).toBe(fresh.headline);
    expect(cut.categories).toEqual(fresh.categories);
    // Not what cutting all accounts together would give: Acme South (50) would be C there.
    expect(cutTiers({ ...p.basis, groups: undefined }, [0.5, 0.9], ['A', 'B', 'C'], 'en').tiers).not.toEqual(fresh.tiers);
  });
});

describe('writing the analysis within groups', () => {
  it('gives each row the tier and share of its pair, the same as PARETO_TIER and PARETO_SHARE with groups', () => {
    const wb = workbook();
    apply(wb, en());
    expect([4, 5, 6, 7].map((c) => wb.get('Sales', 0, c))).toEqual(['Tier', 'Cumulative share', 'Category', 'Counted as']);
    const tiers = column(wb, 'Sales', 4, 8).slice(1);
    expect(tiers).toEqual(['A', 'B', 'B', 'A', 'A', 'A', 'C']);
    const data = (c: number): Matrix => SALES.slice(1).map((r) => [r[c]]);
    const core = callByName('PARETO_TIER', [data(3), data(0), [[0.8, 0.95]], [['A', 'B', 'C']], data(REGION)]) as Matrix;
    expect(tiers).toEqual(core.map((r) => r[0]));
    const shares = callByName('PARETO_SHARE', [data(3), data(0), data(REGION)]) as Matrix;
    column(wb, 'Sales', 5, 8).slice(1).forEach((share, i) => expect(share).toBeCloseTo(shares[i][0] as number, 12));
    // The account as counted is the account, whatever its group: plans sum all its revenue.
    expect(column(wb, 'Sales', 7, 8).slice(1)).toEqual(['Acme', 'Beta', 'Acme', 'Core', 'Dell', 'Echo', 'Fox']);
  });

  it('puts a block per group under the chart, lists pairs with their group, and measures concentration over accounts', () => {
    const wb = workbook();
    apply(wb, en());
    const a = column(wb, 'Pareto', 0);
    const title = a.indexOf('Tiers within each Region');
    expect(title).toBeGreaterThan(a.indexOf('Left out of the analysis'));
    // Under the charts (the Pareto chart and the Lorenz curve's under it), not over them
    expect(title).toBeGreaterThanOrEqual(Math.max(...wb.sheet('Pareto').charts.map((c) => c.anchor.row + c.height / 20)));
    const block = (name: string) => {
      const at = a.indexOf(name);
      return Array.from({ length: 5 }, (_, i) => [0, 1, 3].map((c) => wb.get('Pareto', at + i, c)));
    };
    expect(block('North')).toEqual([['North', 'Accounts', 'Revenue'], ['A', 1, 900], ['B', 1, 100], ['C', 0, 0], ['Total', 2, 1000]]);
    expect(block('South')).toEqual([['South', 'Accounts', 'Revenue'], ['A', 2, 850], ['B', 1, 50], ['C', 0, 0], ['Total', 3, 900]]);
    expect(block('(blank)')).toEqual([['(blank)', 'Accounts', 'Revenue'], ['A', 1, 300], ['B', 0, 0], ['C', 1, 10], ['Total', 2, 310]]);
    expect(a.indexOf('North')).toBeLessThan(a.indexOf('South'));
    // Each group's tier cells coloured like the summary's
    const colours = wb.sheet('Pareto').conditional.filter((c) => c.region.col === 0);
    expect(colours.map((c) => c.region.row)).toEqual([a.indexOf('A'), a.indexOf('North') + 1, a.indexOf('South') + 1, a.indexOf('(blank)') + 1]);
    // The list: pairs by revenue, their tier within the group, the group last
    const header = 5;
    expect([6, 7, 8, 9, 10, 11].map((c) => wb.get('Pareto', header, c))).toEqual(['Account', 'Revenue', 'Cumulative share', 'Tier', 'Category', 'Region']);
    const acme = column(wb, 'Pareto', 6).map((v, r) => (v === 'Acme' ? [wb.get('Pareto', r, 7), wb.get('Pareto', r, 9), wb.get('Pareto', r, 11)] : null)).filter(Boolean);
    expect(acme).toEqual([[900, 'A', 'North'], [50, 'B', 'South']]);
    // Concentration: six accounts (Acme once, 950), not seven pairs
    const accounts = a.indexOf('Accounts with revenue');
    expect(wb.get('Pareto', accounts, 4)).toBe(6);
    expect(wb.get('Pareto', accounts + 1, 4)).toBeCloseTo(950 / 2210, 12);
  });

  it('writes live formulas with the groups as their last argument', () => {
    const wb = workbook();
    apply(wb, en({ output: 'formulas' }));
    expect(wb.get('Sales', 1, 4)).toBe('=PARETO_TIER(Sales!D2:D8,Sales!A2:A8,{0.8,0.95},{"A","B","C"},Sales!B2:B8)');
    expect(wb.get('Sales', 1, 5)).toBe('=PARETO_SHARE(Sales!D2:D8,Sales!A2:A8,Sales!B2:B8)');
  });

  it('plans by tier take an account\'s best tier over its groups (Acme: A in North, B in South)', () => {
    const wb = workbook();
    apply(wb, en());
    const a = listAccounts(wb, { accounts: { tier: 'A' }, language: 'en' }) as Awaited<ReturnType<typeof listAccounts>>;
    expect(a.map((f) => [f.name, f.tier, f.revenue])).toEqual([['Acme', 'A', 950], ['Dell', 'A', 450], ['Core', 'A', 400], ['Echo', 'A', 300]]);
    const b = listAccounts(wb, { accounts: { tier: 'B' }, language: 'en' }) as Awaited<ReturnType<typeof listAccounts>>;
    expect(b.map((f) => f.name)).toEqual(['Beta']);
  });

  it('leaves out a row whose group is an error, and says so', () => {
    const rows = SALES.map((r) => r.slice());
    rows[2][REGION] = naError('no region');
    const wb = workbook(rows);
    const result = apply(wb, en()) as Awaited<ReturnType<typeof apply>>;
    expect(result.preview.leftOut.errorRows).toEqual([3]);
    expect(wb.get('Sales', 2, 4)).toBe(null);
  });

  it('in Dutch: the blank group, the title and the refusals', () => {
    const wb = workbook();
    apply(wb, en({ language: 'nl' }));
    const a = column(wb, 'Pareto', 0);
    expect(a).toContain('Klassen per Region');
    expect(a).toContain('(leeg)');
    expect(() => apply(workbook(), en({ language: 'nl', within: 0 }))).toThrow('De kolom Binnen moet verschillen van de klantkolom en de bedragkolom.');
    expect(() => apply(workbook(), en({ within: 3 }))).toThrow('The Within column must differ from the account and amount columns.');
    expect(() => apply(workbook(), en({ compare: {} }))).toThrow('Comparing periods tiers all accounts together, not within groups: run it without a Within column.');
  });
});
