import { describe, expect, it } from 'vitest';
import { apply } from '../../shared/commands/analysis';
import { PlanContext, renderPlan } from '../../shared/commands/plan-render';
import { generatePlans, PlansResult } from '../../shared/commands/plans';
import { OVERVIEW_NAME, refreshOverview } from '../../shared/commands/overview';
import { cleanSheetName, planSheetName, uniqueSheetName } from '../../shared/commands/sheet-names';
import { isFormula } from '../../shared/sheet-spec';
import { KEY_ACCOUNT_PLAN } from '../../shared/templates/key-account';
import { QUICK_ACCOUNT_PLAN } from '../../shared/templates/quick';
import { evaluate } from '../support/evaluate';
import { MemoryWorkbook } from '../support/memory-workbook';
import { invoiceLines, serialOf } from '../support/revenue-sheets';

const EPOCH = Date.UTC(1899, 11, 30);
const today = Math.floor((Date.now() - EPOCH) / 86400000);
const noSource: PlanContext['source'] = { accounts: false, amounts: false, dates: false, tiers: false, categories: false };
const allSource: PlanContext['source'] = { accounts: true, amounts: true, dates: true, tiers: true, categories: true, keys: true, dataEnd: true };

function textsOf(values: unknown[][]): string[] {
  return values.flat().filter((v): v is string => typeof v === 'string');
}

describe('templates to sheet specs', () => {
  for (const template of [KEY_ACCOUNT_PLAN, QUICK_ACCOUNT_PLAN]) {
    for (const language of ['en', 'nl'] as const) {
      it(`${template.id} plan in ${language}: labels, dropdowns, inputs, formulas, protection`, () => {
        const { spec, layout } = renderPlan(template, { sheet: 'Plan – Acme', account: 'Acme', owner: 'Sam', planStart: serialOf(2026, 1, 5), language, source: allSource });
        const texts = textsOf(spec.blocks[0].values);
        expect(texts[0]).toBe(`${template.name[language]} – Acme`);
        expect(texts).toContain(language === 'en' ? 'Relationship stage' : 'Fase van de relatie');
        // Every overview cell exists
        for (const key of ['account', 'owner', 'tier', 'stage', 'target', 'actual', 'plan_start', 'review_1', 'review_2', 'review_3']) expect(layout.fields[key], key).toBeDefined();
        expect(layout.tables.actions.cols).toMatchObject({ due: 2, status: 3 });
        expect(layout.tables.reviewLog.cols.date).toBe(0);
        // Dropdowns in the plan's language
        const stage = spec.validations.find((v) => v.region.row === layout.fields.stage.row)!;
        expect(stage.list![0]).toBe(language === 'en' ? '1 Make contact' : '1 Contact leggen');
        expect(stage.list).toHaveLength(6);
        // Review dates are formulas on the plan start
        const values = spec.blocks[0].values;
        const start = layout.fields.plan_start;
        expect(values[layout.fields.review_1.row][1]).toEqual({ formula: `=$B$${start.row + 1}+30` });
        expect(values[layout.fields.review_3.row][1]).toEqual({ formula: `=$B$${start.row + 1}+90` });
        // The account is a value, locked; the owner an unlocked input
        expect(values[layout.fields.account.row][1]).toBe('Acme');
        const unlocked = spec.protections[0].unlocked;
        const isUnlocked = (row: number, col: number) => unlocked.some((u) => row >= u.row && row < u.row + u.rows && col >= u.col && col < u.col + u.cols);
        expect(isUnlocked(layout.fields.account.row, 1)).toBe(false);
        expect(isUnlocked(layout.fields.owner.row, 1)).toBe(true);
        expect(isUnlocked(layout.fields.target.row, 1)).toBe(true);
        expect(isUnlocked(layout.fields.review_1.row, 1)).toBe(false);
        expect(spec.freezeRows).toEqual([{ sheet: 'Plan – Acme', rows: 2 }]);
        expect(spec.fitToPageWidth).toEqual(['Plan – Acme']);
        // Fits the page: nothing beyond column G
        expect(Math.max(...values.map((r) => r.length))).toBeLessThanOrEqual(7);
      });
    }
  }

  it('pulls revenue, tier and category with native formulas when the analysis names exist', () => {
    const { spec, layout } = renderPlan(KEY_ACCOUNT_PLAN, { sheet: 'P', account: 'Acme', owner: '', planStart: 46000, language: 'en', source: allSource });
    const v = spec.blocks[0].values;
    const f = (key: string) => v[layout.fields[key].row][1];
    const asOf = `$B$${layout.fields.as_of.row + 1}`;
    expect(f('tier')).toEqual({ formula: '=IFERROR(INDEX(AccountPlanner_TierColumn,MATCH("Acme",AccountPlanner_Keys,0)),"")' });
    // Measured up to the as-of date: the data's last date, never after the plan start
    expect(f('as_of')).toEqual({ formula: `=MIN($B$${layout.fields.plan_start.row + 1},AccountPlanner_DataEnd)` });
    expect(f('revenue_12m')).toEqual({ formula: `=SUMIFS(AccountPlanner_Amounts,AccountPlanner_Keys,"=Acme*",AccountPlanner_Keys,"<>Acme?*",AccountPlanner_Dates,">"&(${asOf}-365),AccountPlanner_Dates,"<"&(${asOf}+1))` });
    expect(isFormula(f('revenue_prior'))).toBe(true);
    // Without the names the same cells are plain inputs
    const plain = renderPlan(KEY_ACCOUNT_PLAN, { sheet: 'P', account: 'Acme', owner: '', planStart: 46000, language: 'en', source: noSource, tier: 'B' });
    expect(plain.spec.blocks[0].values[plain.layout.fields.tier.row][1]).toBe('B');
    expect(plain.spec.blocks[0].values[plain.layout.fields.revenue_12m.row][1]).toBe(null);
  });

  it('writes an account name that looks like a formula as text, never as a formula', () => {
    const { spec, layout } = renderPlan(QUICK_ACCOUNT_PLAN, { sheet: 'P', account: '=cmd|calc', owner: '@boss', planStart: 46000, language: 'en', source: noSource });
    expect(spec.blocks[0].values[layout.fields.account.row][1]).toBe('=cmd|calc');
    expect(spec.blocks[0].values[layout.fields.owner.row][1]).toBe('@boss');
  });
});

describe('plan tab names', () => {
  it.each([
    ['Bakkerij Jansen', 'Plan – Bakkerij Jansen'],
    ['A/B [test]: *?', 'Plan – A B test'],
    // Excel forbids an apostrophe only at the very start or end of a sheet name
    ["'quoted'", "Plan – 'quoted"],
    // Cut in the middle: long names of one firm differ at their end
    ['Koninklijke Nederlandsche Petroleum Maatschappij', 'Plan – Koninklijke…Maatschappij'],
    ['Installatiebedrijf Van Dijk Holding', 'Plan – Installatie…Dijk Holding'],
    ['Installatiebedrijf Van Dijk BV', 'Plan – Installatieb…Van Dijk BV'],
    // Never half an emoji (two UTF-16 units, which is how Excel counts)
    ['😀'.repeat(20), `Plan – ${'😀'.repeat(7)}…${'😀'.repeat(4)}`],
  ])('%s → %s', (account, sheet) => {
    expect(planSheetName(account)).toBe(sheet);
    expect(planSheetName(account).length).toBeLessThanOrEqual(31);
  });

  it('makes names unique without case, within 31 characters', () => {
    const taken = new Set(['plan – acme', 'plan – acme (2)']);
    expect(uniqueSheetName('Plan – ACME', taken)).toBe('Plan – ACME (3)');
    const long = cleanSheetName('Plan – Koninklijke Nederlandsche');
    expect(uniqueSheetName(long, new Set([long.toLowerCase()]))).toBe('Plan – Koninklijke Nederlan (2)');
  });
});

describe('generating plans', () => {
  function analysedWorkbook() {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(400, 40) });
    apply(wb, { host: 'sheets', language: 'en' });
    return wb;
  }

  it('makes a plan per A account, largest first, and lists them in the overview', () => {
    const wb = analysedWorkbook();
    const result = generatePlans(wb, { host: 'sheets', language: 'en', accounts: { tier: 'A' }, template: 'key', owner: 'Sam', planStart: today - 40 }) as PlansResult;
    expect(result.failed).toBeNull();
    expect(result.made.length).toBeGreaterThan(3);
    expect(result.made.every((m) => m.sheet === `Plan – ${m.account}`)).toBe(true);
    expect(result.message).toMatch(/^Made \d+ plans\. Overview: \d+ new plan tabs added/);
    const overview = wb.names[OVERVIEW_NAME];
    expect(overview.sheet).toBe('Plans overview');
    expect(overview.region.rows).toBe(result.made.length + 1);
    expect(wb.get('Plans overview', 4, 0)).toBe(result.made[0].sheet);
  });

  it('skips accounts that already have a plan tab, never replacing it', () => {
    const wb = analysedWorkbook();
    const first = generatePlans(wb, { host: 'sheets', language: 'nl', accounts: { names: ['Customer 1', 'Customer 2'] }, template: 'quick', planStart: today }) as PlansResult;
    expect(first.made).toHaveLength(2);
    wb.sheet('Plan – Customer 1').cells.set('40,0', { value: 'mijn aantekening' });
    const second = generatePlans(wb, { host: 'sheets', language: 'nl', accounts: { names: ['customer 1', 'Customer 3'] }, template: 'quick', planStart: today }) as PlansResult;
    // Typed names are matched to the revenue table's own spelling
    expect(second.skipped).toEqual([{ account: 'Customer 1', sheet: 'Plan – Customer 1' }]);
    expect(second.made.map((m) => m.sheet)).toEqual(['Plan – Customer 3']);
    expect(wb.get('Plan – Customer 1', 40, 0)).toBe('mijn aantekening');
    expect(second.message).toMatch(/^1 plannen gemaakt\. 1 overgeslagen die al een plantabblad hebben\./);
    // The overview now lists all three, each once
    expect(wb.names[OVERVIEW_NAME].region.rows).toBe(4);
  });

  it('tells long account names apart when their tab names are cut to the same 31 characters', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(20, 3) });
    const long = ['Tandartspraktijk Mulder', 'Tandartspraktijk Mulder Holding', 'Tandartspraktijk Mulder & Zn'];
    const first = generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: long }, template: 'quick' }) as PlansResult;
    expect(first.made.map((m) => m.sheet)).toEqual(['Plan – Tandartspraktijk Mulder', 'Plan – Tandartspraktijk…Holding', 'Plan – Tandartsprak…Mulder & Zn']);
    // A second run finds each account's own tab by its title, and skips all three
    const second = generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: [...long, 'Tandartspraktijk Mulder BV'] }, template: 'quick' }) as PlansResult;
    expect(second.skipped.map((k) => k.account)).toEqual(long);
    expect(second.made.map((m) => m.sheet)).toEqual(['Plan – Tandartsprakti…Mulder BV']);
  });

  it('costs one write per plan, plus a constant number of reads', () => {
    for (const n of [1, 30]) {
      const wb = new MemoryWorkbook({ Sales: invoiceLines(50, 5) });
      const names = Array.from({ length: n }, (_, i) => `Account ${i}`);
      const before = { ...wb.calls };
      generatePlans(wb, { host: 'excel', language: 'en', accounts: { names }, template: 'key' });
      expect(wb.calls.write - before.write).toBe(n + 1); // each plan, then the overview
      expect(wb.calls.readSheet - before.readSheet).toBe(0); // no analysis, no overview yet: nothing to read
      expect(wb.calls.info - before.info).toBe(2);
    }
  });

  it('leaves the plans made so far complete and listed when a write fails half-way', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(50, 5) });
    const write = wb.write.bind(wb);
    let writes = 0;
    wb.write = (spec) => {
      if (++writes === 4) throw new Error('the host refused the request');
      write(spec);
    };
    const names = Array.from({ length: 6 }, (_, i) => `Account ${i}`);
    const result = generatePlans(wb, { host: 'excel', language: 'en', accounts: { names }, template: 'quick' }) as PlansResult;
    expect(result.made.map((m) => m.account)).toEqual(['Account 0', 'Account 1', 'Account 2']);
    expect(result.failed).toEqual({ account: 'Account 3', message: 'the host refused the request' });
    expect(result.message).toContain('Stopped at Account 3: the host refused the request.');
    expect(wb.names[OVERVIEW_NAME].region.rows).toBe(4);
    expect([...wb.sheets.keys()].filter((s) => s.startsWith('Plan – '))).toHaveLength(3);
  });

  it('uses the selection, and explains what is missing', () => {
    const wb = new MemoryWorkbook({ Names: [['Acme'], ['Beta'], ['acme '], [null]] });
    wb.selection = { row: 0, col: 0, rows: 4, cols: 1 };
    const result = generatePlans(wb, { host: 'excel', language: 'en', accounts: { selection: true }, template: 'quick' }) as PlansResult;
    expect(result.made.map((m) => m.account)).toEqual(['Acme', 'Beta']);
    expect(() => generatePlans(new MemoryWorkbook({ S: [['x']] }), { host: 'excel', language: 'en', accounts: { tier: 'A' }, template: 'key' })).toThrow(/Run the Pareto analysis first/);
    expect(() => generatePlans(wb, { host: 'excel', language: 'nl', accounts: { names: [' '] }, template: 'key' })).toThrow('Typ minstens één klantnaam.');
  });

  it('fills the placeholders of the user\'s own template sheet', () => {
    const wb = new MemoryWorkbook({
      Sales: invoiceLines(100, 5),
      'Sjabloon klant': [
        ['Plan voor {{account}}', null],
        ['Klasse', '{{tier}}'],
        ['Omzet', '{{revenue}}'],
        ['Start', '{{plan_start}}'],
        ['Eerste evaluatie', '{{review_1}}'],
        ['Door {{owner}} op {{plan_start}}, {{onbekend}} blijft', null],
      ],
    });
    apply(wb, { host: 'excel', language: 'nl' });
    const start = serialOf(2026, 2, 1);
    const result = generatePlans(wb, { host: 'excel', language: 'nl', accounts: { names: ['Customer 1'] }, template: { sheet: 'Sjabloon klant' }, owner: 'Piet', planStart: start }) as PlansResult;
    const sheet = result.made[0].sheet;
    expect(wb.get(sheet, 0, 0)).toBe('Plan voor Customer 1');
    expect(typeof wb.get(sheet, 1, 1)).toBe('string');
    expect(typeof wb.get(sheet, 2, 1)).toBe('number');
    expect(wb.get(sheet, 3, 1)).toBe(start);
    expect(wb.get(sheet, 4, 1)).toBe(start + 30);
    expect(wb.get(sheet, 5, 0)).toBe('Door Piet op 2026-02-01, {{onbekend}} blijft');
    // The template itself is untouched
    expect(wb.get('Sjabloon klant', 0, 0)).toBe('Plan voor {{account}}');
  });
});

describe('plan and overview formulas in a formula engine', () => {
  it('compute gap, attainment, review dates, next review and overdue actions', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(300, 10) });
    apply(wb, { host: 'sheets', language: 'en' });
    const start = today - 40;
    const result = generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: ['Customer 0'] }, template: 'key', planStart: start }) as PlansResult;
    const sheet = result.made[0].sheet;
    const { layout } = renderPlan(KEY_ACCOUNT_PLAN, { sheet, account: '', owner: '', planStart: 0, language: 'en', source: allSource });
    // A rep fills in: target 100,000; two actions, one overdue and open, one overdue but done
    const set = (row: number, col: number, value: number | string) => wb.sheet(sheet).cells.set(`${row},${col}`, { value });
    set(layout.fields.target.row, 1, 100000);
    const actions = layout.tables.actions;
    set(actions.firstRow, 0, 'Visit the board');
    set(actions.firstRow, 2, today - 3);
    set(actions.firstRow, 3, 'In progress');
    set(actions.firstRow + 1, 0, 'Send the proposal');
    set(actions.firstRow + 1, 2, today - 5);
    set(actions.firstRow + 1, 3, 'Done');
    const ev = evaluate(wb);
    const plan = (key: string) => ev.value(sheet, layout.fields[key].row, 1);
    // Revenue this year from the revenue table, by SUMIFS on the analysis' names
    const lines = invoiceLines(300, 10).slice(1).filter((r) => r[1] === 'Customer 0');
    // The plan starts after the data ends: measured up to the data's last date, as the categories are
    const dataEnd = Math.max(...invoiceLines(300, 10).slice(1).map((r) => r[2] as number));
    expect(plan('as_of')).toBe(dataEnd);
    const year = new Date(EPOCH + dataEnd * 86400000).getUTCFullYear();
    const sum = (keep: (d: number) => boolean) => lines.filter((r) => keep(r[2] as number)).reduce((s, r) => s + (r[3] as number), 0);
    const expectedActual = sum((d) => new Date(EPOCH + d * 86400000).getUTCFullYear() === year);
    expect(expectedActual).toBeGreaterThan(0);
    expect(plan('actual') as number).toBeCloseTo(expectedActual, 6);
    expect(plan('revenue_12m') as number).toBeCloseTo(sum((d) => d > dataEnd - 365), 6);
    expect(plan('revenue_prior') as number).toBeCloseTo(sum((d) => d > dataEnd - 730 && d <= dataEnd - 365), 6);
    expect(plan('review_1')).toBe(start + 30);
    expect(plan('review_3')).toBe(start + 90);
    expect(plan('tier')).toBe(wb.get('Sales', 1 + invoiceLines(300, 10).slice(1).findIndex((r) => r[1] === 'Customer 0'), 4));
    // The overview row
    const row = 4;
    const o = (col: number) => ev.value('Plans overview', row, col);
    expect(o(0)).toBe(sheet);
    expect(o(5)).toBe(100000);
    expect(o(7) as number).toBeCloseTo(100000 - expectedActual, 6);
    expect(o(8) as number).toBeCloseTo(expectedActual / 100000, 9);
    expect(o(9)).toBe(start + 30); // review 1 (day 30) is past and not logged: still the next one, overdue
    expect(o(10)).toBe(1); // one overdue open action
    expect(o(11)).toBe(40); // days since the plan start, no review logged yet
    // The overdue review stands out: the conditional-format rule is TRUE for this row
    const rules = wb.sheet('Plans overview').conditionalFormulas;
    expect(rules.map((r) => r.formula).slice(0, 3)).toEqual(['=AND($J5<>"",$J5<TODAY())', '=N($K5)>0', '=N($L5)>30']);
    rules.splice(3);
    rules.forEach((rule, i) => wb.sheet('Plans overview').cells.set(`${20 + i},0`, { value: null, formula: rule.formula }));
    const withRules = evaluate(wb);
    expect([0, 1, 2].map((i) => withRules.value('Plans overview', 20 + i, 0))).toEqual([true, true, true]);
    // A review logged today moves "days since" to 0
    wb.sheet(sheet).cells.set(`${layout.tables.reviewLog.firstRow},0`, { value: today });
    expect(evaluate(wb).value('Plans overview', row, 11)).toBe(0);
  });
});

describe('refreshing the overview', () => {
  it('adds rows for new plan tabs and keeps the manager\'s own columns', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(50, 5) });
    generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: ['A1', 'A2'] }, template: 'quick' });
    wb.sheet('Plans overview').cells.set('4,13', { value: 'call Monday' });
    // A plan tab made another way (a copy of a plan tab): found and listed
    wb.write({ ...renderPlan(QUICK_ACCOUNT_PLAN, { sheet: 'Plan – A3', account: 'A3', owner: '', planStart: today, language: 'nl', source: noSource }).spec });
    const r = refreshOverview(wb, { language: 'en' }) as { added: number; total: number };
    expect(r).toMatchObject({ added: 1, total: 3 });
    expect(wb.get('Plans overview', 6, 0)).toBe('Plan – A3');
    expect(wb.get('Plans overview', 6, 1)).toMatch(/^=IF\('Plan – A3'!\$B\$5="",""/);
    expect(wb.get('Plans overview', 4, 13)).toBe('call Monday');
    expect((refreshOverview(wb, { language: 'en' }) as { added: number }).added).toBe(0);
  });
});

describe('the overview keeps the manager\'s cells (from review)', () => {
  it('never writes new rows over notes under the overview', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(50, 5) });
    generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: ['A1'] }, template: 'quick' });
    // A note two rows under the overview's last row
    wb.sheet('Plans overview').cells.set('6,0', { value: 'Note: Q3 targets agreed' });
    generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: ['B1', 'B2', 'B3'] }, template: 'quick' });
    expect(wb.get('Plans overview', 6, 0)).toBe('Note: Q3 targets agreed');
    const listed = [...Array(20).keys()].map((r) => wb.get('Plans overview', r, 0)).filter((v) => typeof v === 'string' && v.startsWith('Plan – '));
    expect(listed).toEqual(['Plan – A1', 'Plan – B1', 'Plan – B2', 'Plan – B3']);
  });

  it('writes new rows\' own formulas in the overview\'s columns, wherever the overview starts', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(50, 5) });
    generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: ['A1'] }, template: 'quick' });
    // The manager inserted a column left of the overview: its name moved one column right
    const o = wb.names[OVERVIEW_NAME];
    wb.names[OVERVIEW_NAME] = { ...o, region: { ...o.region, col: 1 } };
    const sheet = wb.sheet('Plans overview');
    sheet.cells = new Map(
      [...sheet.cells].map(([k, v]) => {
        const [r, c] = k.split(',').map(Number);
        return [r >= 3 ? `${r},${c + 1}` : k, v];
      }),
    );
    generatePlans(wb, { host: 'excel', language: 'en', accounts: { names: ['B1'] }, template: 'quick' });
    expect(wb.get('Plans overview', 5, 1)).toBe('Plan – B1');
    expect(wb.get('Plans overview', 5, 8)).toBe('=IF(G6="","",G6-N(H6))'); // gap = target (G) − actual (H)
  });
});

describe('listing the tiers for the pane', () => {
  it('gives the analysis\' own labels in tier order, and none before an analysis', async () => {
    const { listTiers } = await import('../../shared/commands/plans');
    const wb = new MemoryWorkbook({ Sales: invoiceLines(300, 30) });
    expect(listTiers(wb)).toEqual([]);
    apply(wb, { host: 'excel', language: 'en', cutoffs: [0.5, 0.8, 0.95], labels: ['Gold', 'Silver', 'Bronze', 'Rest'] });
    expect(listTiers(wb)).toEqual(['Gold', 'Silver', 'Bronze', 'Rest']);
  });
});

describe('generating in batches from the pane', () => {
  it('does not read the revenue table again for names the pane already resolved (built-in template)', () => {
    const wb = new MemoryWorkbook({ Sales: invoiceLines(300, 30) });
    apply(wb, { host: 'excel', language: 'en' });
    const before = wb.calls.readSheet;
    const result = generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: ['Customer 1', 'Customer 2'] }, template: 'key', skipOverview: true, exactNames: true }) as PlansResult;
    expect(result.made.map((m) => m.sheet)).toEqual(['Plan – Customer 1', 'Plan – Customer 2']);
    expect(wb.calls.readSheet - before).toBe(0);
    // Typed names (not exact) are still matched to the table's spelling, which needs the read
    generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: ['customer 3'] }, template: 'key', skipOverview: true });
    expect(wb.calls.readSheet - before).toBe(1);
    expect(wb.sheets.has('Plan – Customer 3')).toBe(true);
  });
});
