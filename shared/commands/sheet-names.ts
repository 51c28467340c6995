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
  return cutTo(cleaned, max).trim().replace(/'+$/, '');
}

/**
 * The longest start of a text within `units` UTF-16 units (Excel counts sheet-name length in
 * those) that never cuts an emoji or other character of two units in half, nor leaves a joiner
 * or variation selector dangling at the end.
 */
export function cutTo(text: string, units: number): string {
  if (text.length <= units) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > units) break;
    out += ch;
  }
  return out.replace(/[\u200d\ufe0e\ufe0f]+$/u, '');
}

/** The same from the end: the longest end of a text within `units` units, whole characters only. */
function lastUnits(text: string, units: number): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = chars.length - 1; i >= 0 && out.length + chars[i].length <= units; i--) out = chars[i] + out;
  return out.replace(/^[\u200d\ufe0e\ufe0f]+/u, '');
}

const PLAN_PREFIX = 'Plan – ';
/** Units of a cut name kept from its end: long names of one firm differ at the end ("… Holding",
 * "… BV"). Whole words up to TAIL_UNITS, else the last TAIL_CHARS characters. */
const TAIL_UNITS = 12;
const TAIL_CHARS = 8;

/**
 * The tab name of an account's plan: "Plan – Bakkerij Jansen". A name too long for Excel's 31
 * characters keeps its start and its end, joined by "…" ("Plan – Installatieb…Van Dijk BV"), so
 * two names that share a long start stay apart; the full name is in the plan's title.
 */
export function planSheetName(account: string): string {
  const full = cleanSheetName(`${PLAN_PREFIX}${account}`, Infinity);
  if (full.length <= MAX_SHEET_NAME) return full;
  const body = full.slice(PLAN_PREFIX.length);
  const room = MAX_SHEET_NAME - PLAN_PREFIX.length - 1;
  // The end: whole words that fit, else the last few characters.
  const words = body.split(' ');
  let tail = '';
  for (let i = words.length - 1; i > 0; i--) {
    const next = tail ? `${words[i]} ${tail}` : words[i];
    if (next.length > TAIL_UNITS) break;
    tail = next;
  }
  if (!tail) tail = lastUnits(body, TAIL_CHARS);
  const head = cutTo(body, room - tail.length).trimEnd();
  return cleanSheetName(`${PLAN_PREFIX}${head}…${tail.trimStart()}`);
}

/** Whether the tab name had to be cut or cleaned ("a*b" and "a?b" both give "Plan – a b"): then it alone cannot tell accounts apart. */
export const planNameIsCut = (account: string): boolean => `${PLAN_PREFIX}${account.trim()}` !== planSheetName(account);

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
    const name = `${cutTo(base, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
