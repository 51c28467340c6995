// Which accounts moved down a tier on the latest Tier migration sheet (./migration-sheet.ts, made
// by Compare periods or analyze --compare): the plans can take them as their accounts. Read from
// the sheet's account table and its Movement column (values), named by MIGRATION_NAMES, so what
// the plans take is what the sheet shows.
import { accountKey } from '../formulas/pareto';
import { LANGUAGES, t } from '../i18n/strings';
import { SheetValues, WorkbookInfo } from '../workbook';
import { accountsWhere } from './key-accounts';
import { MIGRATION_NAMES } from './migration-sheet';

/** The migration sheet the plans read, or null when the workbook has none (or it was deleted). */
export function migrationSheetOf(info: WorkbookInfo): string | null {
  const accounts = info.names[MIGRATION_NAMES.accounts];
  const moves = info.names[MIGRATION_NAMES.moves];
  return accounts && moves && accounts.sheet === moves.sheet && info.sheets.includes(accounts.sheet) ? accounts.sheet : null;
}

/** "Down" in any language the sheet can be written in. */
const DOWN = new Set(LANGUAGES.map((language) => accountKey(t(language).migration.moves.down)));

/** The accounts whose Movement is Down (Omlaag), in the sheet's order: largest earlier revenue first. */
export function movedDownAccounts(info: WorkbookInfo, values: SheetValues): string[] {
  return accountsWhere(info, values, MIGRATION_NAMES.accounts, MIGRATION_NAMES.moves, (move) => DOWN.has(accountKey(move)));
}
