// Sheet names within the hosts' limits: Excel allows 31 characters and none of []:*?/\, no
// leading or trailing apostrophe, and names are unique regardless of case (Sheets is laxer).
export const MAX_SHEET_NAME = 31;

export function cleanSheetName(name: string, max = MAX_SHEET_NAME): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return cleaned.slice(0, max).trim().replace(/'+$/, '');
}

/** The tab name of an account's plan: "Plan – Bakkerij Jansen", cut to fit. */
export const planSheetName = (account: string): string => cleanSheetName(`Plan – ${account}`);

/** Whether the account's tab name had to be cut to fit: then the name alone cannot tell accounts apart. */
export const planNameIsCut = (account: string): boolean => cleanSheetName(`Plan – ${account}`, Infinity) !== planSheetName(account);

export const PLAN_SHEET = /^plan – /i;

/**
 * A sheet name for the add-in's own sheet: `own` when it still exists, else `base`, else
 * "base 2", "base 3", ... (compared without case).
 */
export function freeSheetName(sheets: readonly string[], base: string, own?: string): string {
  if (own && sheets.includes(own)) return own;
  const taken = new Set(sheets.map((s) => s.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

/** A name not yet in `taken` (compared without case): "Name", else "Name (2)", "Name (3)", ... */
export function uniqueSheetName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
