// Which accounts the management team marked as key account on the latest "Key-account selection"
// sheet (./selection-sheet.ts): the plans can take them as their accounts. Kept apart from the
// sheet itself so the plans read the decisions without the sheet's builder.
import { Cell, isError } from '../cells';
import { flagWord } from '../formulas/args';
import { SheetValues, WorkbookInfo, cellAt } from '../workbook';

/** How many managers rate on a selection sheet by default, and at most (the pane's choice too). */
export const DEFAULT_MANAGERS = 3;
export const MAX_MANAGERS = 12;

/** The workbook names of the latest selection sheet: the plans read its accounts and decisions. */
export const SELECTION_NAMES = {
  sheet: 'AccountPlanner_Selection',
  accounts: 'AccountPlanner_SelectionAccounts',
  decisions: 'AccountPlanner_SelectionDecisions',
  criteria: 'AccountPlanner_SelectionCriteria',
  weights: 'AccountPlanner_SelectionWeights',
} as const;

/** The selection sheet the plans read, or null when the workbook has none (or it was deleted). */
export function selectionSheetOf(info: WorkbookInfo): string | null {
  const accounts = info.names[SELECTION_NAMES.accounts];
  const decisions = info.names[SELECTION_NAMES.decisions];
  return accounts && decisions && accounts.sheet === decisions.sheet && info.sheets.includes(accounts.sheet) ? accounts.sheet : null;
}

/** The accounts marked key account (yes / ja, or TRUE), in the sheet's order. */
export function markedKeyAccounts(info: WorkbookInfo, values: SheetValues): string[] {
  return accountsWhere(info, values, SELECTION_NAMES.accounts, SELECTION_NAMES.decisions, (decision) => flagWord(decision) === true);
}

/**
 * The names in one named column of an add-in sheet whose cell beside them, in another named
 * column of the same rows, passes `keep` (a decision, a movement), in the sheet's order.
 */
export function accountsWhere(info: WorkbookInfo, values: SheetValues, accountsName: string, besideName: string, keep: (cell: Cell) => boolean): string[] {
  const accounts = info.names[accountsName];
  const beside = info.names[besideName];
  const kept: string[] = [];
  for (let i = 0; i < accounts.region.rows; i++) {
    const name = cellAt(values, accounts.region.row + i, accounts.region.col);
    if (keep(cellAt(values, beside.region.row + i, beside.region.col)) && name !== null && !isError(name) && String(name).trim()) kept.push(String(name).trim());
  }
  return kept;
}
