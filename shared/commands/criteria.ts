// How a generated sheet's native formulas find one account's lines in the analysis's "Counted as"
// column (AccountPlanner_Keys): criteria that SUMIFS/COUNTIFS and MATCH read literally, whatever
// the account's name holds. Plan facts and the Tier migration sheet both use them.
import { Cell } from '../cells';

/**
 * The account as the analysis counted it, for the "Counted as" column the plan tabs sum over:
 * trimmed, one spelling per account (its first), and a number when the name is a plain number,
 * so 1001 and " 1001 " are one account there as they are here. See accountCriterion.
 */
export function countedAs(name: Cell): string | number {
  if (typeof name === 'number') return name;
  const trimmed = String(name).trim();
  return /^-?(0|[1-9]\d{0,14})(\.\d{1,6})?$/.test(trimmed) && String(Number(trimmed)) === trimmed ? Number(trimmed) : trimmed;
}

/** Excel refuses a SUMIFS criterion longer than 255 characters. */
const MAX_CRITERION = 255;
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
const escapeWildcards = (text: string) => text.replace(/[~*?]/g, '~$&');

/**
 * The SUMIFS criterion that matches exactly the "Counted as" cells of one account, whatever its
 * name holds: a number as itself; text behind "=" (so a name starting with =, < or > is no
 * operator) with ~, * and ? escaped (so they are no wildcards). SUMIFS compares without case, as
 * the analysis does. A name past Excel's 255-character limit matches by its start.
 */
export function accountCriterion(key: string | number): string {
  if (typeof key === 'number') return String(key);
  const escaped = `=${escapeWildcards(key)}`;
  if (escaped.length <= MAX_CRITERION) return quoted(escaped);
  return quoted(`${escaped.slice(0, MAX_CRITERION - 1).replace(/~$/, '')}*`);
}

/** The same account as a MATCH lookup value (exact match reads wildcards, not operators). */
export function lookupValue(key: string | number): string {
  if (typeof key === 'number') return String(key);
  const escaped = escapeWildcards(key);
  return quoted(escaped.length <= MAX_CRITERION ? escaped : `${escaped.slice(0, MAX_CRITERION - 1).replace(/~$/, '')}*`);
}

/**
 * The COUNTIFS criterion for every account but this one: "<>" followed by the name read literally
 * (wildcards escaped; "<>" compares without case, as the analysis does).
 */
export function otherThan(key: string | number): string {
  if (typeof key === 'number') return `"<>${key}"`;
  const escaped = `<>${escapeWildcards(key)}`;
  return quoted(escaped.length <= MAX_CRITERION ? escaped : `${escaped.slice(0, MAX_CRITERION - 1).replace(/~$/, '')}*`);
}

/**
 * A criterion (formula text) that matches exactly the text in the cell `ref`, whatever it holds:
 * behind "=", with ~, * and ? escaped, as accountCriterion does for a value known when writing.
 * For criteria read from cells the user may edit, such as tier labels ("B*", "<10k").
 */
export const exactCriterionOf = (ref: string): string => `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
