// The Key-account selection sheet as a command writes it (in-memory workbook), its native formulas
// evaluated by HyperFormula: a table without dates, candidates by name, and what is refused.
import { describe, expect, it } from 'vitest';
import { apply } from '../../shared/commands/analysis';
import { isUserError } from '../../shared/commands/errors';
import { SelectionResult, selectionLayout, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { emptySpec } from '../../shared/sheet-spec';
import { evaluate } from '../support/evaluate';
import { MemoryWorkbook } from '../support/memory-workbook';

/** Four accounts, no dates: A holds Acme and Bolt, B Cera, C Dyna (80% / 95% cutoffs). */
function analysed(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ Sales: [['Account', 'Revenue'], ['Acme', 500], ['Bolt', 300], ['acme ', 100], ['Cera', 80], ['Dyna', 20]] });
  apply(wb, { host: 'xlsx', language: 'en', today: 46000 });
  return wb;
}

const failure = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a message');
};

describe('the Key-account selection sheet (in-memory, HyperFormula)', () => {
  it('without dates: the total revenue, no growth, and a rating typed in scores as ACCOUNT_SCORE does', () => {
    const wb = analysed();
    const result = writeSelectionSheet(wb, { language: 'en', managers: 1 }) as SelectionResult;
    expect(result).toMatchObject({ sheet: 'Key-account selection', candidates: 3, managers: 1, criteria: 6 });
    const layout = selectionLayout(3, 6, 1);
    const c = layout.columns;
    const sheet = 'Key-account selection';
    expect(wb.get(sheet, layout.headerRow, c.revenue)).toBe('Revenue');
    const b = layout.blocks[0];
    wb.write({ ...emptySpec(), blocks: [{ sheet, row: b.firstRow, col: 1, values: [[4, null, 2, null, null, null]] }] });
    const ev = evaluate(wb);
    const cell = (i: number, col: number) => ev.value(sheet, layout.firstCandidate + i, col);
    expect([0, 1, 2].map((i) => cell(i, c.account))).toEqual(['Acme', 'Bolt', 'Cera']);
    expect([0, 1, 2].map((i) => cell(i, c.revenue))).toEqual([600, 300, 80]);
    expect([0, 1, 2].map((i) => cell(i, c.tier))).toEqual(['A', 'A', 'B']);
    expect(cell(0, c.growth)).toBeNull();
    // Weights 1 each, the blanks left out: (4 + 2) / 2
    expect(cell(0, c.managers[0])).toBe(3);
    expect(cell(0, c.consensus)).toBe(3);
    expect(cell(0, c.spread)).toBe(''); // one manager: no spread
    expect(cell(0, c.rank)).toBe(1);
    expect(cell(1, c.consensus)).toBe('');
  });

  it('takes the candidates by name (unknown names left out, and said) and in Dutch', () => {
    const wb = analysed();
    const result = writeSelectionSheet(wb, { language: 'nl', names: ['dyna', 'Nobody', 'ACME'] }) as SelectionResult;
    expect(result.sheet).toBe('Selectie key accounts');
    const layout = selectionLayout(2, 6, 3);
    expect([0, 1].map((i) => wb.get('Selectie key accounts', layout.firstCandidate + i, 0))).toEqual(['Dyna', 'Acme']);
    expect(wb.sheets.get('Selectie key accounts')!.validations.find((v) => v.list)?.list).toEqual(['ja', 'nee']);
    // The name that is not an analysed account is said, not dropped silently.
    expect(result.notFound).toEqual(['Nobody']);
    expect(result.message).toMatch(/ Niet in de geanalyseerde omzettabel, dus weggelaten: Nobody\.$/);
    const en = writeSelectionSheet(analysed(), { language: 'en', names: ['Acme', 'Nobody', 'Zeta'] }) as SelectionResult;
    expect(en.message).toMatch(/ Not in the analysed revenue table, so left out: Nobody, Zeta\.$/);
    expect((writeSelectionSheet(analysed(), { language: 'en', names: ['Acme'] }) as SelectionResult).notFound).toEqual([]);
  });

  it('says what is wrong, in the language asked for, and writes nothing', () => {
    const bare = new MemoryWorkbook({ Sales: [['Account', 'Revenue'], ['Acme', 5]] });
    expect(failure(() => writeSelectionSheet(bare, { language: 'en' }))).toMatch(/^Run the Pareto analysis first/);
    const wb = analysed();
    expect(failure(() => writeSelectionSheet(wb, { language: 'nl', tiers: ['Z'] }))).toBe('Geen klanten in klasse Z om uit te kiezen.');
    expect(failure(() => writeSelectionSheet(wb, { language: 'en', names: ['Nobody'] }))).toBe('None of these accounts is in the analysed revenue table: Nobody.');
    expect(failure(() => writeSelectionSheet(wb, { language: 'en', managers: 13 }))).toBe('The number of managers must be a whole number from 1 to 12, not 13.');
    expect([...wb.sheets.keys()]).toEqual(['Sales', 'Pareto']);
  });
});
