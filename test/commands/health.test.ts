// The health score on the plans overview, recalculated by LibreOffice from the written workbook:
// a rep fills a plan in step by step (each step on its own plan tab, so one recalculation shows
// them all) and the score rises to 100, then falls when the last review goes stale or an action
// runs late; the reasons in words; the manager's weights kept by a later run; both languages.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { HEALTH_CHECKS, HEALTH_WEIGHTS_NAME, healthConditions } from '../../shared/commands/health';
import { OVERVIEW_NAME } from '../../shared/commands/overview';
import { generatePlans } from '../../shared/commands/plans';
import { MemoryWorkbook } from '../support/memory-workbook';
import { renderPlan } from '../../shared/commands/plan-render';
import { KEY_ACCOUNT_PLAN } from '../../shared/templates/key-account';
import { QUICK_ACCOUNT_PLAN } from '../../shared/templates/quick';
import { hasSoffice, sheetsAsCsv } from '../support/libreoffice';
import { runCli } from '../support/run-cli';
import { writeXlsx } from '../support/xlsx-files';

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86400000;
const today = Math.floor((Date.now() - EPOCH) / DAY);
const iso = (serial: number) => new Date(EPOCH + serial * DAY).toISOString().slice(0, 10);
const date = (serial: number) => new Date(EPOCH + serial * DAY);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('which checks a plan template allows', () => {
  const source = { accounts: false, amounts: false, dates: false, tiers: false, categories: false };
  const cells = { target: '$F5', actual: '$G5', overdue: '$K5', sinceReview: '$L5' };
  it('the key account plan has all ten; the quick plan only stage, actions, overdue, review and target', () => {
    const key = renderPlan(KEY_ACCOUNT_PLAN, { sheet: 'Plan – A', account: 'A', owner: '', planStart: 46000, language: 'en', source }).layout;
    expect(Object.keys(healthConditions(key, cells))).toEqual([...HEALTH_CHECKS]);
    const quick = renderPlan(QUICK_ACCOUNT_PLAN, { sheet: 'Plan – B', account: 'B', owner: '', planStart: 46000, language: 'en', source }).layout;
    expect(Object.keys(healthConditions(quick, cells))).toEqual(['stage', 'actions', 'noOverdue', 'review', 'onTrack']);
  });
});

describe('the health score on a new overview', () => {
  it('is green from 80, amber from 50, red below (conditional formats on its column), beside a weights table adding up to 100', async () => {
    const m = new MemoryWorkbook({ Data: [['Account', 'Revenue'], ['Acme', 100]] });
    await generatePlans(m, { host: 'xlsx', language: 'nl', accounts: { names: ['Acme'] }, template: 'key', planStart: 46000 });
    const sheet = m.sheet('Plannen-overzicht');
    expect(sheet.conditionalFormulas.filter((r) => r.region.col === 12).map((r) => [r.formula, r.fill])).toEqual([
      ['=AND(ISNUMBER($M5),$M5>=80)', '#C6EFCE'],
      ['=AND(ISNUMBER($M5),$M5>=50,$M5<80)', '#FFEB9C'],
      ['=AND(ISNUMBER($M5),$M5<50)', '#FFC7CE'],
    ]);
    const weights = m.names[HEALTH_WEIGHTS_NAME].region;
    expect(weights).toEqual({ row: 3, col: 15, rows: 12, cols: 2 });
    expect(sheet.cells.get('3,15')?.value).toBe('Gezondheidsscore: wat telt');
    const values = Array.from({ length: 10 }, (_, k) => sheet.cells.get(`${4 + k},16`)?.value as number);
    expect(values.reduce((a, b) => a + b, 0)).toBe(100);
    expect(sheet.cells.get('14,16')?.formula).toBe('=SUM(Q5:Q14)');
  });
});

describe('an overview made before the health score', () => {
  it('keeps its twelve columns: new rows get no score and no weights table appears', async () => {
    const m = new MemoryWorkbook({ Data: [['Account', 'Revenue'], ['Acme', 100], ['Bolt', 50]] });
    await generatePlans(m, { host: 'xlsx', language: 'en', accounts: { names: ['Acme'] }, template: 'key', planStart: 46000 });
    // As an earlier version left it: the overview's name over twelve columns, no weights.
    const own = m.names[OVERVIEW_NAME];
    m.names[OVERVIEW_NAME] = { ...own, region: { ...own.region, cols: 12 } };
    delete m.names[HEALTH_WEIGHTS_NAME];
    for (const [k] of m.snapshot('Plans overview')) if (Number(k.split(',')[1]) >= 12) m.sheet('Plans overview').cells.delete(k);
    await generatePlans(m, { host: 'xlsx', language: 'en', accounts: { names: ['Bolt'] }, template: 'key', planStart: 46000 });
    const cells = [...m.snapshot('Plans overview').keys()].map((k) => k.split(',').map(Number));
    expect(Math.max(...cells.map(([, c]) => c))).toBe(11);
    expect(m.names[OVERVIEW_NAME].region.cols).toBe(12);
    expect(m.names[HEALTH_WEIGHTS_NAME]).toBeUndefined();
    expect(cells.filter(([, c]) => c === 0).length).toBe(3 + 2); // title, note, headers and the two plans' tabs
  });
});

/** A rep's steps in filling in a plan, by the labels in column A of the plan tab (English or Dutch). */
type Step = (plan: ExcelJS.Worksheet, row: (label: string) => number) => void;
const EN = {
  names: 'Name', sponsor: 'Their executive sponsor', stage: 'Relationship stage', condition: 'Condition',
  swot: ['Strengths', 'Weaknesses', 'Opportunities', 'Threats'], term: 'Term', action: 'Action', review: 'Review date', target: 'Target this year',
  maker: 'Decision maker', stageValue: '3 First sale', yes: 'Yes', status: 'In progress',
};
const NL: typeof EN = {
  names: 'Naam', sponsor: 'Hun sponsor in de directie', stage: 'Fase van de relatie', condition: 'Voorwaarde',
  swot: ['Sterktes', 'Zwaktes', 'Kansen', 'Bedreigingen'], term: 'Termijn', action: 'Actie', review: 'Evaluatiedatum', target: 'Doel dit jaar',
  maker: 'Beslisser', stageValue: '3 Eerste verkoop', yes: 'Ja', status: 'Bezig',
};
const steps = (w: typeof EN): Step[] => [
  (p, row) => ((p.getCell(row(w.names) + 1, 1).value = 'Pat'), (p.getCell(row(w.names) + 1, 3).value = w.maker)),
  (p, row) => (p.getCell(row(w.sponsor), 2).value = 'Kim'),
  (p, row) => (p.getCell(row(w.stage), 2).value = w.stageValue),
  (p, row) => Array.from({ length: 7 }, (_, k) => (p.getCell(row(w.condition) + 1 + k, 2).value = 4)),
  (p, row) => w.swot.forEach((label) => (p.getCell(row(label), 2).value = 'Written down')),
  (p, row) => ((p.getCell(row(w.term) + 1, 2).value = 'Second site'), (p.getCell(row(w.term) + 1, 7).value = w.yes)),
  (p, row) => {
    const r = row(w.action) + 1;
    p.getCell(r, 1).value = 'Visit the board';
    p.getCell(r, 2).value = 'Sam';
    p.getCell(r, 3).value = date(today + 10);
    p.getCell(r, 4).value = w.status;
  },
  (p, row) => (p.getCell(row(w.review) + 1, 1).value = date(today - 3)),
  (p, row) => (p.getCell(row(w.target), 2).value = 1000),
];
/** The score after each step, by the default weights: overdue 10 (met while there are no actions), then + 10, 10, 5, 10, 10, 10, 15, 10 (the review), 10 (on track). */
const EXPECTED = [10, 20, 30, 35, 45, 55, 65, 80, 90, 100];

function fillIn(plan: ExcelJS.Worksheet, upTo: Step[]) {
  const row = (label: string) => {
    const r = (plan.getColumn(1).values as unknown[]).findIndex((v) => v === label);
    expect(r, label).toBeGreaterThan(0);
    return r;
  };
  upTo.forEach((step) => step(plan, row));
}

describe.skipIf(!hasSoffice)('the health score, recalculated by LibreOffice', () => {
  it('rises to 100 as a rep fills in the plan, falls when the review goes stale or an action is late, and keeps the edited weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-planner-health-'));
    dirs.push(dir);
    // One line per account on the day the plans start: the data ends then, so each plan's
    // revenue this year is 1,000 up to its measuring date, whatever the day of the year.
    const start = today - 60;
    const accounts = [...EXPECTED.map((_, i) => `Step ${i}`), 'Stale', 'Late', 'Nederlands'];
    const rows: Cell[][] = [['Customer', 'Date', 'Sales'], ...accounts.map((a) => [a, start, 1000])];
    await writeXlsx(join(dir, 'sales.xlsx'), { Sales: rows }, { Sales: [1] });
    const run = async (...args: string[]) => expect((await runCli(...args)).code, args.join(' ')).toBe(0);
    await run('analyze', join(dir, 'sales.xlsx'), '--lang', 'en', '--out', join(dir, 'analysed.xlsx'));
    await run('plans', join(dir, 'analysed.xlsx'), '--accounts', accounts.slice(0, -1).join(';'), '--start', iso(start), '--lang', 'en', '--out', join(dir, 'en.xlsx'));
    await run('plans', join(dir, 'en.xlsx'), '--accounts', 'Nederlands', '--start', iso(start), '--lang', 'nl', '--out', join(dir, 'planned.xlsx'));

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'planned.xlsx'));
    const plan = (account: string) => book.getWorksheet(`Plan – ${account}`)!;
    EXPECTED.forEach((_, i) => fillIn(plan(`Step ${i}`), steps(EN).slice(0, i)));
    fillIn(plan('Stale'), steps(EN));
    fillIn(plan('Late'), steps(EN));
    fillIn(plan('Nederlands'), steps(NL));
    // Stale: the last review 45 days ago (and the plan started 60 days ago). Late: a second action, due yesterday, open.
    const reviewRow = (plan('Stale').getColumn(1).values as unknown[]).indexOf('Review date');
    plan('Stale').getCell(reviewRow + 1, 1).value = date(today - 45);
    const actionRow = (plan('Late').getColumn(1).values as unknown[]).indexOf('Action');
    Object.entries({ 1: 'Send the proposal', 2: 'Sam', 3: date(today - 1), 4: 'Not started' }).forEach(([c, v]) => (plan('Late').getCell(actionRow + 2, Number(c)).value = v));
    await book.xlsx.writeFile(join(dir, 'filled.xlsx'));

    const overview = sheetsAsCsv(join(dir, 'filled.xlsx'), dir)['Plans overview'];
    const line = (account: string) => overview.find((r) => r[0] === `Plan – ${account}`)!;
    expect(EXPECTED.map((_, i) => Number(line(`Step ${i}`)[12]))).toEqual(EXPECTED);
    expect(line('Step 0')[13]).toBe('no decision maker; no executive sponsor; no stage; conditions not all rated; SWOT incomplete; no opportunity checked against their need; actions lack owner or date; no review for 30 days; no target');
    expect(line('Step 8')[13]).toBe('no target');
    expect(line('Step 9')[13]).toBe('');
    expect([Number(line('Stale')[12]), line('Stale')[13]]).toEqual([90, 'no review for 30 days']);
    expect([Number(line('Late')[12]), line('Late')[13]]).toEqual([90, 'overdue actions']);
    expect([Number(line('Nederlands')[12]), line('Nederlands')[13]]).toEqual([100, '']);
    // The weights table beside the overview, with its total
    expect(overview[3].slice(15, 17)).toEqual(['Health score: what counts', 'Weight']);
    expect(overview[14].slice(15, 17)).toEqual(['Total', '100']);

    // The manager makes the stage count for nothing; later runs (a plan already there, the overview) keep that weight.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(join(dir, 'filled.xlsx'));
    const sheet = edited.getWorksheet('Plans overview')!;
    expect(sheet.getCell('P7').value).toBe('Relationship stage set');
    sheet.getCell('Q7').value = 0;
    await edited.xlsx.writeFile(join(dir, 'weighted.xlsx'));
    await run('plans', join(dir, 'weighted.xlsx'), '--accounts', 'Stale', '--start', iso(start), '--lang', 'en', '--out', join(dir, 'again.xlsx'));
    await run('overview', join(dir, 'again.xlsx'), '--lang', 'en', '--out', join(dir, 'rerun.xlsx'));
    const again = sheetsAsCsv(join(dir, 'rerun.xlsx'), dir)['Plans overview'];
    expect(again[6].slice(15, 17)).toEqual(['Relationship stage set', '0']);
    const score = (account: string) => Number(again.find((r) => r[0] === `Plan – ${account}`)![12]);
    // Step 3 met the decision maker, the sponsor, the stage and "no overdue": 30 of the 95 that count now.
    expect(score('Step 3')).toBe(Math.round((100 * 30) / 95));
    expect(score('Step 9')).toBe(100);
    expect(score('Step 0')).toBe(Math.round((100 * 10) / 95));
  }, 300_000);
});
