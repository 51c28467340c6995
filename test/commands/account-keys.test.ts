// Account names a spreadsheet's criteria would read as something else ("007" and 7, ids of 16
// digits, dates, TRUE) through the analysis, plans with the Whitespace sheet, the selection sheet
// and the Tier migration sheet, computed by HyperFormula: every sum is the account's own lines as
// the analysis counts them. (LibreOffice does the same on the runner's .xlsx in
// test/xlsx/account-keys.test.ts.)
import { describe, expect, it } from 'vitest';
import { apply } from '../../shared/commands/analysis';
import { countedAs } from '../../shared/commands/criteria';
import { PlansResult, generatePlans } from '../../shared/commands/plans';
import { SelectionResult, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { ACCOUNTS, GROUPS, before12, keysTable, last12, serial, sumOf } from '../support/account-keys';
import { evaluate } from '../support/evaluate';
import { MemoryWorkbook } from '../support/memory-workbook';

const nameOf = (a: number) => String(ACCOUNTS[a]).trim();

describe('account names the criteria would misread, computed by HyperFormula', () => {
  const wb = new MemoryWorkbook({ Sales: keysTable() });
  apply(wb, { host: 'sheets', language: 'en', compare: { split: serial('2025-01-01') } });
  const plans = generatePlans(wb, { host: 'sheets', language: 'en', accounts: { names: ACCOUNTS.map((_, a) => nameOf(a)) }, template: 'key', planStart: serial('2026-01-15') }) as PlansResult;
  const selection = writeSelectionSheet(wb, { language: 'en', names: ACCOUNTS.map((_, a) => nameOf(a)) }) as SelectionResult;
  const ev = evaluate(wb);
  /** The 0-based rows of a sheet, each as its cells' computed values. */
  const rowsOf = (sheet: string): unknown[][] => {
    const rows: unknown[][] = [];
    for (const key of wb.sheet(sheet).cells.keys()) {
      const [r, c] = key.split(',').map(Number);
      while (rows.length <= r) rows.push([]);
      rows[r][c] = ev.value(sheet, r, c);
    }
    return rows;
  };

  it('plan facts: each plan\'s revenue of the last 12 months and of the 12 before', () => {
    expect(plans.made).toHaveLength(ACCOUNTS.length);
    for (const made of plans.made) {
      const a = ACCOUNTS.findIndex((_, i) => nameOf(i) === made.account);
      const rows = rowsOf(made.sheet);
      const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
      expect([value('Revenue, last 12 months'), value('Revenue, the 12 months before')], made.account).toEqual([sumOf(a, last12), sumOf(a, before12)]);
    }
  });

  it('the Whitespace sheet: each account × product group', () => {
    const rows = rowsOf(plans.overview!.whitespace!);
    const header = rows.findIndex((r) => r[0] === 'Account');
    const groups = rows[header].slice(2, 2 + GROUPS.length);
    ACCOUNTS.forEach((_, a) => {
      const row = rows.find((r, i) => i > header && r[0] === countedAs(ACCOUNTS[a]))!;
      expect(groups.map((_, j) => row[2 + j]), nameOf(a)).toEqual(groups.map((g) => sumOf(a, (l) => last12(l) && l.group === g)));
    });
  });

  it('the selection sheet: each candidate\'s revenue of the last 12 months', () => {
    const rows = rowsOf(selection.sheet);
    ACCOUNTS.forEach((_, a) => expect(rows.find((r) => r[0] === nameOf(a))?.[3], nameOf(a)).toBe(sumOf(a, last12)));
  });

  it('the Tier migration sheet: each account\'s revenue in both periods', () => {
    const rows = rowsOf('Tier migration');
    const header = rows.findIndex((r) => r[9] === 'Account');
    const split = serial('2025-01-01');
    ACCOUNTS.forEach((_, a) => {
      const row = rows.find((r, i) => i > header && r[9] === nameOf(a))!;
      expect([row[12], row[13]], nameOf(a)).toEqual([sumOf(a, (l) => l.date >= split - 366 && l.date < split), sumOf(a, (l) => l.date >= split)]);
    });
  });
});
