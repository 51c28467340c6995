// How a generated sheet's native formulas find one account's lines in the analysis's "Counted as"
// column (AccountPlanner_Keys): criteria that SUMIFS/COUNTIFS and MATCH read literally, whatever
// the account's name holds. Plan facts, the Whitespace, selection and Tier migration sheets use them.
//
// Why not simply "=name": a criterion whose text looks like a number, date, time or TRUE/FALSE is
// read as that value. Excel then also counts text cells that read as the same value ("=007" counts
// 7, "7", "007" and "7.0"; ids of 16 or more digits are cut to 15, so two of them count as one;
// "1/2/2020" counts the date), LibreOffice counts the number with the text, and the words for TRUE
// and FALSE depend on the language of the program. The analysis tells all of these apart, so the
// sheets must too (see docs/hosts.md, "Criteria in generated sheets").
import { Cell } from '../cells';

/**
 * The account as the analysis counted it, for the "Counted as" column the plan tabs sum over:
 * trimmed, one spelling per account (its first), and a number when the name is a plain number,
 * so 1001 and " 1001 " are one account there as they are here. See matching.
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
/** The start of an escaped text, at most `length` characters, never ending in a lone escape. */
const startOf = (escaped: string, length: number) => escaped.slice(0, length).replace(/(^|[^~])((?:~~)*)~$/, '$1$2');

/**
 * The SUMIFS/COUNTIFS criteria ("range,criterion,range,criterion") that match exactly the cells of
 * `range` holding `key`, the same in Excel, Google Sheets and LibreOffice:
 * - a number: ">=" and "<=" the number, which every host compares with numbers only (never with
 *   text that reads as the number);
 * - text: "starts with the text" and "is not the text followed by one or more characters", with
 *   ~, * and ? escaped. A criterion with a wildcard is matched as text, never read as a number,
 *   date or TRUE/FALSE, and without case, as the analysis compares. (The key is never an operator:
 *   "=" or "<>" comes first.) A text past Excel's 255-character limit matches by its start.
 */
export function matching(range: string, key: string | number): string {
  if (typeof key === 'number') return `${range},">="&${key},${range},"<="&${key}`;
  const escaped = escapeWildcards(key);
  if (escaped.length + 4 > MAX_CRITERION) return `${range},${quoted(`=${startOf(escaped, MAX_CRITERION - 2)}*`)}`;
  return `${range},${quoted(`=${escaped}*`)},${range},${quoted(`<>${escaped}?*`)}`;
}

/** The same account as a MATCH lookup value (exact match compares types and reads wildcards, not operators). */
export function lookupValue(key: string | number): string {
  if (typeof key === 'number') return String(key);
  const escaped = escapeWildcards(key);
  return quoted(escaped.length <= MAX_CRITERION ? escaped : `${startOf(escaped, MAX_CRITERION - 1)}*`);
}

/**
 * Criteria (formula text) that match exactly the text in the cell `ref`, whatever it holds, as
 * matching does for a value known when writing: for criteria read from cells the user may edit,
 * such as tier labels ("B*", "<10k", "1").
 */
export function matchingCell(range: string, ref: string): string {
  const escaped = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
  return `${range},"="&${escaped}&"*",${range},"<>"&${escaped}&"?*"`;
}
