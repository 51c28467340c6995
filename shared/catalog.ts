// The ONE list of custom functions: name, parameters and the core function behind each. Excel's
// functions.json, the Apps Script wrappers with their @customfunction JSDoc and the pane's function
// help are all generated from this list, with the help text from ./i18n/function-help.ts: the
// custom functions run in every cell and carry no help (some 11 KB in two languages), so it is
// kept apart, keyed by these names and checked against them by the compiler.
import { Cell, Matrix } from './cells';
import { accountCategory, isSignificant, readPotential, readSignificantTiers } from './formulas/category';
import { concentration } from './formulas/concentration';
import { paretoCutoffs } from './formulas/cutoffs';
import { paretoMigration } from './formulas/migration';
import { accountScores } from './formulas/score';
import { ElementParam, Kind, RowLoop, Value, elementwise } from './formulas/elementwise';
import * as ROW_LOOPS from './formulas/row-loops';
import { paretoShareWithin, paretoSummaryWithin, paretoTierWithin } from './formulas/groups';
import { paretoShare, paretoSummary, paretoTier } from './formulas/pareto';
import {
  planActivities,
  planAttainment,
  planGap,
  planPhaseRange,
  planRequiredRate,
  planRunRate,
  checkActivitiesPerDeal,
  checkDealSize,
  checkWinRate,
  Per,
  Weights,
  readPer,
  readWeights,
  reviewDatesRange,
} from './formulas/plan';

/** An argument as the core receives it: a block of cells, or undefined when left out or empty. */
export type Arg = Matrix | undefined;

export type ParamSpec = ElementParam;

export interface FunctionSpec {
  name: string;
  family: 'pareto' | 'plan';
  params: readonly ParamSpec[];
  /** The arguments of a typical call, as a user would type them. */
  example: string;
  /** Dates come back as serial numbers; Apps Script turns them into Date objects. */
  returns: 'values' | 'dates';
  /** `reuseInputs`: the arguments' arrays belong to this call, and results may be written over them. */
  run: (args: Arg[], reuseInputs?: boolean) => Matrix;
}

// Parameter names stay literal types (not just string), so the help can be checked against them.
const param = <N extends string>(name: N, kind: Kind, optional = false, check?: ElementParam['check']) => ({ name, kind, optional, check });
const optional = <N extends string>(name: N, kind: Kind, check?: ElementParam['check']) => param(name, kind, true, check);

const VALUES = param('values', 'range');
const KEYS = optional('keys', 'range');
const CUTOFFS = optional('cutoffs', 'range');
const LABELS = optional('labels', 'range');
const GROUPS = optional('groups', 'range');

/**
 * Runs a scalar function over the catalog entry's element-wise parameters, through the entry's own
 * row loop (./formulas/row-loops.ts); it reads its values by position (v[0], v[1]...), and what it
 * needs from the whole call comes from `prepare`. All it calls is made once, at load: V8 drops
 * optimised code that used an object made for one call once that object is collected, and the
 * loop then ran unoptimised at every call (README, Performance).
 */
function each<C>(rowLoop: RowLoop, params: readonly ParamSpec[], scalar: (v: Value[], call: C) => Cell, prepare?: (args: Arg[]) => C) {
  return (args: Arg[], reuseInputs?: boolean) => {
    try {
      return elementwise(params, args, scalar as (v: Value[], call: unknown) => Cell, rowLoop, prepare?.(args), reuseInputs);
    } finally {
      for (const w of ALL_WORDS) w.forget();
    }
  };
}

/** Every word reader: all of them forget their words when any element-wise call ends. */
const ALL_WORDS: { forget(): void }[] = [];

/**
 * Readings of words (per, potential, tier labels) remembered during a call: trimming and
 * lower-casing the same few words a million times would cost more than the rest. One instance
 * per use, for the add-in's life (see `each`); it forgets its words when the call ends.
 *
 * The first four words are answered without a lookup, compared with ===: a single cell ("week") is
 * the same on every row and a tier or potential column holds three or four words, where a Map
 * lookup per row cost a tenth of PLAN_REQUIRED_RATE (profiled). Four kept words against one: paired
 * runs (31 calls each) of ACCOUNT_CATEGORY took 0.91× the time through functions.js, 0.97× through
 * Code.js.
 */
class Words<R, X = undefined> {
  private readonly seen = new Map<Value, R>();
  private readonly words: Value[] = [];
  private readonly readings: R[] = [];

  constructor(private readonly read: (value: Value, extra: X) => R) {
    ALL_WORDS.push(this);
  }

  of(value: Value, extra: X): R {
    const words = this.words;
    for (let i = 0; i < words.length; i++) if (words[i] === value) return this.readings[i];
    let r = this.seen.get(value);
    if (r === undefined && !this.seen.has(value)) this.seen.set(value, (r = this.read(value, extra)));
    if (words.length < 4) words.push(value), this.readings.push(r as R);
    return r as R;
  }

  forget(): void {
    this.seen.clear();
    this.words.length = 0;
    this.readings.length = 0;
  }
}

const n = (v: Value) => v as number;
const maybe = (v: Value) => v as number | undefined;

const SIGNIFICANT = new Words(isSignificant);
const POTENTIAL = new Words(readPotential);
const PER = new Words((v: Value): Per => readPer(v as string | undefined));

const GAP_PARAMS = [
  param('target', 'number'),
  param('actual', 'number'),
  optional('as_of', 'date'),
  optional('period_start', 'date'),
  optional('period_end', 'date'),
  optional('weights', 'range'),
] as const;
const ATTAINMENT_PARAMS = [GAP_PARAMS[0], GAP_PARAMS[1]] as const;
const RUN_RATE_PARAMS = [param('actual', 'number'), param('period_start', 'date'), param('as_of', 'date'), param('period_end', 'date')] as const;
const REQUIRED_RATE_PARAMS = [
  GAP_PARAMS[0],
  GAP_PARAMS[1],
  param('as_of', 'date'),
  param('period_end', 'date'),
  optional('per', 'text', (v) => readPer(v as string)),
] as const;
const ACTIVITY_PARAMS = [
  param('gap', 'number'),
  param('deal_size', 'number', false, (v) => checkDealSize(n(v))),
  param('win_rate', 'number', false, (v) => checkWinRate(n(v))),
  optional('activities_per_deal', 'number', (v) => checkActivitiesPerDeal(maybe(v))),
] as const;
const CATEGORY_PARAMS = [
  param('significant', 'any'),
  param('recurring', 'flag'),
  param('potential', 'any', false, (v) => void readPotential(v)),
  optional('significant_tiers', 'range'),
] as const;

/** Keeps the entries' names and parameter lists as literal types, for ./i18n/function-help.ts. */
const catalog = <const T extends readonly FunctionSpec[]>(functions: T): T => functions;

export const FUNCTIONS = catalog([
  {
    name: 'PARETO_TIER',
    family: 'pareto',
    params: [VALUES, KEYS, CUTOFFS, LABELS, GROUPS],
    example: 'C2:C500, A2:A500',
    returns: 'values',
    run: ([values, keys, cutoffs, labels, groups]) =>
      groups ? paretoTierWithin(values!, keys, cutoffs, labels, groups) : paretoTier(values!, keys, cutoffs, labels),
  },
  {
    name: 'PARETO_SHARE',
    family: 'pareto',
    params: [VALUES, KEYS, GROUPS],
    example: 'C2:C500, A2:A500',
    returns: 'values',
    run: ([values, keys, groups]) => (groups ? paretoShareWithin(values!, keys, groups) : paretoShare(values!, keys)),
  },
  {
    name: 'PARETO_SUMMARY',
    family: 'pareto',
    params: [VALUES, KEYS, CUTOFFS, LABELS, optional('language', 'text'), GROUPS],
    example: 'C2:C500, A2:A500, , , "nl"',
    returns: 'values',
    run: ([values, keys, cutoffs, labels, language, groups]) =>
      groups ? paretoSummaryWithin(values!, keys, cutoffs, labels, language, groups) : paretoSummary(values!, keys, cutoffs, labels, language),
  },
  {
    name: 'ACCOUNT_CATEGORY',
    family: 'pareto',
    params: CATEGORY_PARAMS,
    example: 'D2:D60, E2:E60, F2:F60',
    returns: 'values',
    run: each(
      ROW_LOOPS.accountCategoryRows,
      CATEGORY_PARAMS,
      (v, tiers: Set<string>) => accountCategory(SIGNIFICANT.of(v[0], tiers), v[1] as boolean, POTENTIAL.of(v[2], undefined)),
      (args) => readSignificantTiers(args[3]),
    ),
  },
  {
    name: 'PLAN_GAP',
    family: 'plan',
    params: GAP_PARAMS,
    // A date to measure at from a cell, never TODAY(): Google Sheets may leave a custom function
    // with a volatile argument on "Loading..." (HOSTS.md).
    example: 'B2, C2, $H$1, DATE(2026,1,1), DATE(2026,12,31)',
    returns: 'values',
    run: each(
      ROW_LOOPS.planGapRows,
      GAP_PARAMS,
      (v, weights: Weights | undefined) => planGap(n(v[0]), n(v[1]), maybe(v[2]), maybe(v[3]), maybe(v[4]), weights),
      (args) => readWeights(args[5]),
    ),
  },
  {
    name: 'PLAN_ATTAINMENT',
    family: 'plan',
    params: ATTAINMENT_PARAMS,
    example: 'B2:B20, C2:C20',
    returns: 'values',
    run: each(ROW_LOOPS.planAttainmentRows, ATTAINMENT_PARAMS, (v) => planAttainment(n(v[0]), n(v[1]))),
  },
  {
    name: 'PLAN_RUN_RATE',
    family: 'plan',
    params: RUN_RATE_PARAMS,
    example: 'C2, DATE(2026,1,1), $H$1, DATE(2026,12,31)',
    returns: 'values',
    run: each(ROW_LOOPS.planRunRateRows, RUN_RATE_PARAMS, (v) => planRunRate(n(v[0]), n(v[1]), n(v[2]), n(v[3]))),
  },
  {
    name: 'PLAN_REQUIRED_RATE',
    family: 'plan',
    params: REQUIRED_RATE_PARAMS,
    example: 'B2, C2, $H$1, DATE(2026,12,31), "week"',
    returns: 'values',
    run: each(
      ROW_LOOPS.planRequiredRateRows,
      REQUIRED_RATE_PARAMS,
      (v) => planRequiredRate(n(v[0]), n(v[1]), n(v[2]), n(v[3]), PER.of(v[4], undefined)),
    ),
  },
  {
    name: 'PLAN_PHASE',
    family: 'plan',
    params: [param('target', 'number'), optional('weights', 'range'), optional('round_to', 'number')],
    example: '120000, B1:M1, 100',
    returns: 'values',
    run: ([target, weights, roundTo]) => planPhaseRange(target!, weights, roundTo),
  },
  {
    name: 'PLAN_ACTIVITIES',
    family: 'plan',
    params: ACTIVITY_PARAMS,
    example: 'D2, 5000, 25%, 3',
    returns: 'values',
    run: each(ROW_LOOPS.planActivitiesRows, ACTIVITY_PARAMS, (v) => planActivities(n(v[0]), n(v[1]), n(v[2]), maybe(v[3]))),
  },
  {
    name: 'PLAN_REVIEW_DATES',
    family: 'plan',
    params: [param('start', 'date'), optional('horizon_days', 'number'), optional('every_days', 'number')],
    example: 'DATE(2026,1,5)',
    returns: 'dates',
    run: ([start, horizon, every]) => reviewDatesRange(start!, horizon, every),
  },
  // Computed analysis (issue 13): appended here, after the original functions.
  {
    name: 'PARETO_CUTOFFS',
    family: 'pareto',
    params: [VALUES, KEYS],
    example: 'C2:C500, A2:A500',
    returns: 'values',
    run: ([values, keys]) => paretoCutoffs(values!, keys),
  },
  {
    name: 'CONCENTRATION',
    family: 'pareto',
    params: [VALUES, KEYS, optional('measure', 'text'), optional('language', 'text')],
    example: 'C2:C500, A2:A500, "HHI"',
    returns: 'values',
    run: ([values, keys, measure, language]) => concentration(values!, keys, measure, language),
  },
  {
    name: 'PARETO_MIGRATION',
    family: 'pareto',
    params: [VALUES, param('keys', 'range'), param('dates', 'range'), param('split_date', 'date'), optional('from', 'date'), optional('to', 'date'), CUTOFFS, LABELS],
    example: 'C2:C5000, A2:A5000, B2:B5000, DATE(2026,1,1)',
    returns: 'values',
    run: ([values, keys, dates, split, from, to, cutoffs, labels]) => paretoMigration(values!, keys!, dates!, split!, from, to, cutoffs, labels),
  },
  // Key-account selection (issue 14): appended here, after the analysis functions.
  {
    name: 'ACCOUNT_SCORE',
    family: 'pareto',
    params: [param('ratings', 'range'), param('weights', 'range')],
    example: 'C5:H20, C3:H3',
    returns: 'values',
    run: ([ratings, weights]) => accountScores(ratings!, weights!),
  },
]);

/** A function of the catalog with its literal name and parameter names. */
export type CatalogFunction = (typeof FUNCTIONS)[number];

export const functionNamed = (name: string): FunctionSpec | undefined =>
  FUNCTIONS.find((f) => f.name === name.toUpperCase());

/** The prefix Excel puts before the names (Sheets uses the bare names). */
export const EXCEL_NAMESPACE = 'KAM';

/**
 * How a user types the example in each host and language (the pane shows it, the help pages
 * print it). The pane inserts the English form: both hosts take formulas through their APIs in
 * English and show them in the user's locale.
 */
export const exampleFormula = (f: FunctionSpec, host: 'excel' | 'sheets', language: 'en' | 'nl' = 'en'): string =>
  localFormula(`=${host === 'excel' ? `${EXCEL_NAMESPACE}.` : ''}${f.name}(${f.example})`, host, language);

// Dutch Excel translates its built-in functions; Google Sheets keeps the English names in every
// locale. These are the built-ins the catalog's examples use.
const DUTCH_EXCEL_BUILT_INS: Record<string, string> = { DATE: 'DATUM', TODAY: 'VANDAAG' };

/**
 * A formula written in English as a user of the host types it in that language. Dutch (like
 * most European) locales separate arguments with ";" and write decimals with ","; Dutch Excel
 * also names its built-ins in Dutch. Quoted text is left alone.
 */
export function localFormula(formula: string, host: 'excel' | 'sheets', language: 'en' | 'nl'): string {
  if (language === 'en') return formula;
  return localSeparators(formula)
    .split(/("[^"]*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/(\d)\.(\d)/g, '$1,$2')
            .replace(/\b([A-Z]+)\(/g, (whole, name: string) => (host === 'excel' && DUTCH_EXCEL_BUILT_INS[name] ? `${DUTCH_EXCEL_BUILT_INS[name]}(` : whole)),
    )
    .join('');
}

/** Argument separators "," as ";", outside quoted text. */
export function localSeparators(args: string): string {
  let quoted = false;
  let out = '';
  for (const ch of args) {
    if (ch === '"') quoted = !quoted;
    out += ch === ',' && !quoted ? ';' : ch;
  }
  return out;
}
