// How the generated sheets print: every one a page wide; the wide ones (Pareto, overview,
// Whitespace, selection, Tier migration) on a landscape page, the plan tabs (seven columns) portrait.
import { describe, expect, it } from 'vitest';
import { apply } from '../../shared/commands/analysis';
import { PlansResult, generatePlans } from '../../shared/commands/plans';
import { SelectionResult, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { keysTable, serial } from '../support/account-keys';
import { MemoryWorkbook } from '../support/memory-workbook';

describe('print setup of the generated sheets', () => {
  it('one page wide; the Pareto, overview, Whitespace, selection and Tier migration sheets landscape, the plan tabs portrait', () => {
    const wb = new MemoryWorkbook({ Sales: keysTable() });
    const analysed = apply(wb, { host: 'sheets', language: 'en', compare: { split: serial('2025-01-01') } }) as { paretoSheet?: string };
    const plans = generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: ['Acme', '007'] }, template: 'key', planStart: serial('2026-01-15') }) as PlansResult;
    const selection = writeSelectionSheet(wb, { language: 'en' }) as SelectionResult;
    const print = (sheet: string) => [wb.sheet(sheet).fitToPageWidth, wb.sheet(sheet).landscape];
    for (const made of plans.made) expect(print(made.sheet), made.sheet).toEqual([true, false]);
    for (const sheet of [analysed.paretoSheet!, plans.overview!.sheet, plans.overview!.whitespace!, selection.sheet, 'Tier migration']) expect(print(sheet), sheet).toEqual([true, true]);
  });
});
