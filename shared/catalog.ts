// The ONE list of custom functions: name, parameters, help in English and Dutch, and the core
// function behind each. Excel's functions.json, the Apps Script wrappers with their
// @customfunction JSDoc and the pane's function help are all generated from this list.
import { Cell, Matrix } from './cells';
import { accountCategory, isSignificant, readPotential, readSignificantTiers } from './formulas/category';
import { ElementParam, Kind, Value, elementwise } from './formulas/elementwise';
import { paretoShare, paretoSummary, paretoTier } from './formulas/pareto';
import {
  planActivities,
  planAttainment,
  planGap,
  planPhaseRange,
  planRequiredRate,
  planRunRate,
  readPer,
  readWeights,
  reviewDatesRange,
} from './formulas/plan';
import { Language } from './i18n/strings';

export type Help = Record<Language, string>;
/** An argument as the core receives it: a block of cells, or undefined when left out or empty. */
export type Arg = Matrix | undefined;

export interface ParamSpec extends ElementParam {
  help: Help;
}

export interface FunctionSpec {
  name: string;
  family: 'pareto' | 'plan';
  help: Help;
  params: ParamSpec[];
  /** The arguments of a typical call, as a user would type them. */
  example: string;
  /** Dates come back as serial numbers; Apps Script turns them into Date objects. */
  returns: 'values' | 'dates';
  run: (args: Arg[]) => Matrix;
}

const param = (name: string, kind: Kind, en: string, nl: string, optional = false): ParamSpec => ({
  name,
  kind,
  optional,
  help: { en, nl },
});
const optional = (name: string, kind: Kind, en: string, nl: string) => param(name, kind, en, nl, true);

const VALUES = param('values', 'range', 'Amounts, one column or one row. Blank cells are skipped.', 'Bedragen, één kolom of één rij. Lege cellen tellen niet mee.');
const KEYS = optional('keys', 'range', 'Account names or codes, same shape as values. Rows with the same key (ignoring case and spaces) are added up first.', 'Klantnamen of -codes, zelfde vorm als values. Rijen met dezelfde sleutel (hoofdletters en spaties tellen niet) worden eerst opgeteld.');
const CUTOFFS = optional('cutoffs', 'range', 'Increasing fractions where a tier ends. Default 0.8 and 0.95.', 'Oplopende fracties waar een klasse eindigt. Standaard 0,8 en 0,95.');
const LABELS = optional('labels', 'range', 'Names of the tiers, one more than the cutoffs. Default A, B, C.', 'Namen van de klassen, één meer dan de grenzen. Standaard A, B, C.');

/** Runs a scalar function over the catalog entry's element-wise parameters. */
function each(params: ParamSpec[], prepare: (args: Arg[]) => (v: Value[]) => Cell) {
  return (args: Arg[]) => elementwise(params, args, prepare(args));
}

const n = (v: Value) => v as number;
const maybe = (v: Value) => v as number | undefined;

const GAP_PARAMS = [
  param('target', 'number', 'The target for the period.', 'Het doel (target) voor de periode.'),
  param('actual', 'number', 'What has been sold so far.', 'Wat er tot nu toe verkocht is.'),
  optional('as_of', 'date', 'The date to measure at. With period_start and period_end, only the target due by this date counts.', 'De peildatum. Samen met period_start en period_end telt alleen het doel dat op die datum bereikt moet zijn.'),
  optional('period_start', 'date', 'First day of the period.', 'Eerste dag van de periode.'),
  optional('period_end', 'date', 'Last day of the period.', 'Laatste dag van de periode.'),
  optional('weights', 'range', 'Seasonality: one weight per equal slice of the period (12 for months, 4 for quarters).', 'Seizoenspatroon: één gewicht per gelijk deel van de periode (12 voor maanden, 4 voor kwartalen).'),
];
const ATTAINMENT_PARAMS = GAP_PARAMS.slice(0, 2);
const RUN_RATE_PARAMS = [
  param('actual', 'number', 'What has been sold so far.', 'Wat er tot nu toe verkocht is.'),
  param('period_start', 'date', 'First day of the period.', 'Eerste dag van de periode.'),
  param('as_of', 'date', 'The date the actual was measured.', 'De datum waarop actual gemeten is.'),
  param('period_end', 'date', 'Last day of the period.', 'Laatste dag van de periode.'),
];
const REQUIRED_RATE_PARAMS = [
  GAP_PARAMS[0],
  GAP_PARAMS[1],
  param('as_of', 'date', 'Today, or the date the actual was measured.', 'Vandaag, of de datum waarop actual gemeten is.'),
  param('period_end', 'date', 'Last day of the period.', 'Laatste dag van de periode.'),
  optional('per', 'text', '"day", "week" or "month" (default).', '"dag", "week" of "maand" (standaard).'),
];
const ACTIVITY_PARAMS = [
  param('gap', 'number', 'Revenue still to win.', 'Omzet die nog binnengehaald moet worden.'),
  param('deal_size', 'number', 'Average value of a won deal.', 'Gemiddelde waarde van een gewonnen order.'),
  param('win_rate', 'number', 'Share of proposals that are won, above 0 and at most 1 (for example 25%).', 'Deel van de offertes dat gewonnen wordt, boven 0 en hoogstens 1 (bijvoorbeeld 25%).'),
  optional('activities_per_deal', 'number', 'Activities (visits, calls) needed per proposal.', 'Activiteiten (bezoeken, gesprekken) nodig per offerte.'),
];
const CATEGORY_PARAMS = [
  param('significant', 'any', 'TRUE when the revenue is significant, or a tier label such as "A".', 'WAAR als de omzet significant is, of een klasse zoals "A".'),
  param('recurring', 'flag', 'TRUE when the revenue is structural (recurring), FALSE when once only.', 'WAAR als de omzet structureel (terugkerend) is, ONWAAR als eenmalig.'),
  param('potential', 'any', '"growth", "stable" or "none" (groei, stabiel, geen); TRUE means growth.', '"groei", "stabiel" of "geen" (growth, stable, none); WAAR betekent groei.'),
  optional('significant_tiers', 'range', 'Tier labels that count as significant. Default "A".', 'Klassen die als significant tellen. Standaard "A".'),
];

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'PARETO_TIER',
    family: 'pareto',
    help: {
      en: 'Tier (A, B, C) of each row by its account\'s share of total revenue: A holds the first 80%, B up to 95%, C the rest. Equal totals share a tier; totals of zero or less are in the last tier.',
      nl: 'Klasse (A, B, C) van elke rij naar het aandeel van de klant in de totale omzet: A is de eerste 80%, B tot 95%, C de rest. Gelijke totalen krijgen dezelfde klasse; totalen van nul of minder vallen in de laatste klasse.',
    },
    params: [VALUES, KEYS, CUTOFFS, LABELS],
    example: 'C2:C500, A2:A500',
    returns: 'values',
    run: ([values, keys, cutoffs, labels]) => paretoTier(values!, keys, cutoffs, labels),
  },
  {
    name: 'PARETO_SHARE',
    family: 'pareto',
    help: {
      en: 'Cumulative share of total revenue (0–1) held by the row\'s account and all larger accounts: the Pareto curve.',
      nl: 'Cumulatief aandeel in de totale omzet (0–1) van de klant van de rij samen met alle grotere klanten: de Paretocurve.',
    },
    params: [VALUES, KEYS],
    example: 'C2:C500, A2:A500',
    returns: 'values',
    run: ([values, keys]) => paretoShare(values!, keys),
  },
  {
    name: 'PARETO_SUMMARY',
    family: 'pareto',
    help: {
      en: 'A table of tiers: accounts, share of accounts, revenue and share of revenue per tier, with a total row.',
      nl: 'Een tabel per klasse: aantal klanten, aandeel klanten, omzet en aandeel omzet, met een totaalregel.',
    },
    params: [VALUES, KEYS, CUTOFFS, LABELS, optional('language', 'text', '"en" (default) or "nl" for the headers.', '"en" (standaard) of "nl" voor de kopjes.')],
    example: 'C2:C500, A2:A500, , , "nl"',
    returns: 'values',
    run: ([values, keys, cutoffs, labels, language]) => paretoSummary(values!, keys, cutoffs, labels, language),
  },
  {
    name: 'ACCOUNT_CATEGORY',
    family: 'pareto',
    help: {
      en: 'Account category 1–5: 1 significant, recurring and growing; 2 significant and recurring, stable; 3 significant or recurring (not both); 4 neither; 5 no revenue possible. "" while a row is incomplete.',
      nl: 'Klantcategorie 1–5: 1 significant, structureel en groeiend; 2 significant en structureel, stabiel; 3 significant of structureel (niet beide); 4 geen van beide; 5 geen omzet mogelijk. "" zolang een rij niet compleet is.',
    },
    params: CATEGORY_PARAMS,
    example: 'D2:D60, E2:E60, F2:F60',
    returns: 'values',
    run: each(CATEGORY_PARAMS, (args) => {
      const tiers = readSignificantTiers(args[3]);
      return ([significant, recurring, potential]) =>
        accountCategory(isSignificant(significant, tiers), recurring as boolean, readPotential(potential));
    }),
  },
  {
    name: 'PLAN_GAP',
    family: 'plan',
    help: {
      en: 'Target minus actual: what is still to go (negative means ahead). With as_of and the period, the gap against the part of the target due by then, linear by days or by the weights.',
      nl: 'Doel min realisatie: wat er nog moet komen (negatief is voor op schema). Met as_of en de periode: het verschil met het deel van het doel dat dan bereikt moet zijn, lineair per dag of volgens de gewichten.',
    },
    params: GAP_PARAMS,
    example: 'B2, C2, TODAY(), DATE(2026,1,1), DATE(2026,12,31)',
    returns: 'values',
    run: each(GAP_PARAMS, (args) => {
      const weights = readWeights(args[5]);
      return ([target, actual, asOf, start, end]) => planGap(n(target), n(actual), maybe(asOf), maybe(start), maybe(end), weights);
    }),
  },
  {
    name: 'PLAN_ATTAINMENT',
    family: 'plan',
    help: {
      en: 'Actual divided by target (format as a percentage).',
      nl: 'Realisatie gedeeld door doel (opmaken als percentage).',
    },
    params: ATTAINMENT_PARAMS,
    example: 'B2:B20, C2:C20',
    returns: 'values',
    run: each(ATTAINMENT_PARAMS, () => ([target, actual]) => planAttainment(n(target), n(actual))),
  },
  {
    name: 'PLAN_RUN_RATE',
    family: 'plan',
    help: {
      en: 'The result for the whole period if the current pace continues: actual × days in the period ÷ days so far.',
      nl: 'Het resultaat over de hele periode als het huidige tempo aanhoudt: realisatie × dagen in de periode ÷ dagen tot nu toe.',
    },
    params: RUN_RATE_PARAMS,
    example: 'C2, DATE(2026,1,1), TODAY(), DATE(2026,12,31)',
    returns: 'values',
    run: each(RUN_RATE_PARAMS, () => ([actual, start, asOf, end]) => planRunRate(n(actual), n(start), n(asOf), n(end))),
  },
  {
    name: 'PLAN_REQUIRED_RATE',
    family: 'plan',
    help: {
      en: 'The pace needed from as_of to the end of the period to close the gap, per day, week or month. 0 when nothing is left to close.',
      nl: 'Het tempo dat vanaf as_of tot het einde van de periode nodig is om het gat te dichten, per dag, week of maand. 0 als er niets meer te dichten is.',
    },
    params: REQUIRED_RATE_PARAMS,
    example: 'B2, C2, TODAY(), DATE(2026,12,31), "week"',
    returns: 'values',
    run: each(REQUIRED_RATE_PARAMS, () => ([target, actual, asOf, end, per]) =>
      planRequiredRate(n(target), n(actual), n(asOf), n(end), readPer(per as string | undefined)),
    ),
  },
  {
    name: 'PLAN_PHASE',
    family: 'plan',
    help: {
      en: 'Spreads a target over slices by weight (default: 12 equal months, as a row). With round_to the parts are multiples of it and still add up to the rounded target.',
      nl: 'Verdeelt een doel over delen naar gewicht (standaard: 12 gelijke maanden, als rij). Met round_to zijn de delen veelvouden daarvan en tellen ze op tot het afgeronde doel.',
    },
    params: [
      param('target', 'number', 'The target to spread, one number.', 'Het doel om te verdelen, één getal.'),
      optional('weights', 'range', 'One weight per slice, a row or a column; the result has the same orientation.', 'Eén gewicht per deel, een rij of een kolom; het resultaat heeft dezelfde richting.'),
      optional('round_to', 'number', 'Round every part to a multiple of this (for example 100).', 'Rond elk deel af op een veelvoud hiervan (bijvoorbeeld 100).'),
    ],
    example: '120000, B1:M1, 100',
    returns: 'values',
    run: ([target, weights, roundTo]) => planPhaseRange(target!, weights, roundTo),
  },
  {
    name: 'PLAN_ACTIVITIES',
    family: 'plan',
    help: {
      en: 'How many proposals a gap needs: gap ÷ deal size ÷ win rate, rounded up; times activities per deal when given. 0 when there is no gap.',
      nl: 'Hoeveel offertes een gat vraagt: gat ÷ ordergrootte ÷ scoringskans, naar boven afgerond; maal activiteiten per order als die gegeven zijn. 0 als er geen gat is.',
    },
    params: ACTIVITY_PARAMS,
    example: 'D2, 5000, 25%, 3',
    returns: 'values',
    run: each(ACTIVITY_PARAMS, () => ([gap, dealSize, winRate, perDeal]) => planActivities(n(gap), n(dealSize), n(winRate), maybe(perDeal))),
  },
  {
    name: 'PLAN_REVIEW_DATES',
    family: 'plan',
    help: {
      en: 'The review dates of a plan: every every_days days after start, up to start + horizon_days. Defaults make the 90-30 plan: three reviews, 30 days apart. Format the cells as dates.',
      nl: 'De evaluatiedata van een plan: elke every_days dagen na start, tot start + horizon_days. Standaard het 90-30-plan: drie evaluaties, 30 dagen uit elkaar. Maak de cellen op als datum.',
    },
    params: [
      param('start', 'date', 'The plan\'s start date.', 'De startdatum van het plan.'),
      optional('horizon_days', 'number', 'Length of the plan in days. Default 90.', 'Looptijd van het plan in dagen. Standaard 90.'),
      optional('every_days', 'number', 'Days between reviews. Default 30.', 'Dagen tussen evaluaties. Standaard 30.'),
    ],
    example: 'DATE(2026,1,5)',
    returns: 'dates',
    run: ([start, horizon, every]) => reviewDatesRange(start!, horizon, every),
  },
];

export const functionNamed = (name: string): FunctionSpec | undefined =>
  FUNCTIONS.find((f) => f.name === name.toUpperCase());

/** The prefix Excel puts before the names (Sheets uses the bare names). */
export const EXCEL_NAMESPACE = 'KAM';

/** How a user types the example in each host. */
export const exampleFormula = (f: FunctionSpec, host: 'excel' | 'sheets'): string =>
  `=${host === 'excel' ? `${EXCEL_NAMESPACE}.` : ''}${f.name}(${f.example})`;
