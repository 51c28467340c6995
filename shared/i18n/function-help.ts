// The help of every custom function and each of its parameters, English and Dutch, keyed by the
// names in the function catalog (shared/catalog.ts). Only the build (Excel's functions.json, the
// Apps Script JSDoc) and the pane's ƒx tab read it: the custom functions' own bundles, which load
// for every cell, leave it out. A catalog function or parameter without help here, or help for a
// name the catalog does not have, does not compile.
import type { CatalogFunction } from '../catalog';
import type { Language } from './strings';

export type Help = Record<Language, string>;

export interface FunctionHelp {
  description: Help;
  params: Readonly<Record<string, Help>>;
}

/** Exactly the catalog's functions, each with exactly its own parameters. */
type CatalogHelp = {
  [F in CatalogFunction as F['name']]: { description: Help; params: { [P in F['params'][number] as P['name']]: Help } };
};

// Parameters several functions share, worded once.
const VALUES: Help = {
  en: 'Amounts, one column or one row. Blank cells are skipped.',
  nl: 'Bedragen, één kolom of één rij. Lege cellen tellen niet mee.',
};
const KEYS: Help = {
  en: 'Account names or codes, same shape as values. Rows with the same key (ignoring case and spaces) are added up first.',
  nl: 'Klantnamen of -codes, zelfde vorm als values. Rijen met dezelfde sleutel (hoofdletters en spaties tellen niet) worden eerst opgeteld.',
};
const CUTOFFS: Help = {
  en: 'Increasing fractions where a tier ends. Default 0.8 and 0.95.',
  nl: 'Oplopende fracties waar een klasse eindigt. Standaard 0,8 en 0,95.',
};
const LABELS: Help = {
  en: 'Names of the tiers, one more than the cutoffs. Default A, B, C.',
  nl: 'Namen van de klassen, één meer dan de grenzen. Standaard A, B, C.',
};
const GROUPS: Help = {
  en: 'Optional, same shape as values: a region, rep or segment per row. Each group is tiered on its own.',
  nl: 'Optioneel, zelfde vorm als values: een regio, verkoper of segment per rij. Elke groep wordt apart ingedeeld.',
};
const TARGET: Help = { en: 'The target for the period.', nl: 'Het doel (target) voor de periode.' };
const ACTUAL: Help = { en: 'What has been sold so far.', nl: 'Wat er tot nu toe verkocht is.' };
const PERIOD_START: Help = { en: 'First day of the period.', nl: 'Eerste dag van de periode.' };
const PERIOD_END: Help = { en: 'Last day of the period.', nl: 'Laatste dag van de periode.' };

/** The host difference for the element-wise functions (docs/functions.md, Errors), appended to their help. */
const ROW_ERRORS: Help = {
  en: ' A bad row gets its own error in Excel; Google Sheets shows one error naming the row.',
  nl: ' Een foute rij krijgt in Excel een eigen fout; Google Sheets toont één fout met het rijnummer.',
};
const withRowErrors = (h: Help): Help => ({ en: h.en + ROW_ERRORS.en, nl: h.nl + ROW_ERRORS.nl });

export const FUNCTION_HELP: Readonly<Record<string, FunctionHelp>> = {
  PARETO_TIER: {
    description: {
      en: 'Tier (A, B, C) of each row by its account\'s share of total revenue: A holds the first 80%, B up to 95%, C the rest. Equal totals share a tier; totals of zero or less are in the last tier.',
      nl: 'Klasse (A, B, C) van elke rij naar het aandeel van de klant in de totale omzet: A is de eerste 80%, B tot 95%, C de rest. Gelijke totalen krijgen dezelfde klasse; totalen van nul of minder vallen in de laatste klasse.',
    },
    params: { values: VALUES, keys: KEYS, cutoffs: CUTOFFS, labels: LABELS, groups: GROUPS },
  },
  PARETO_SHARE: {
    description: {
      en: 'Cumulative share of total revenue (0–1) held by the row\'s account and all larger accounts: the Pareto curve.',
      nl: 'Cumulatief aandeel in de totale omzet (0–1) van de klant van de rij samen met alle grotere klanten: de Paretocurve.',
    },
    params: { values: VALUES, keys: KEYS, groups: GROUPS },
  },
  PARETO_SUMMARY: {
    description: {
      en: 'A table of tiers: accounts, share of accounts, revenue and share of revenue per tier, with a total row.',
      nl: 'Een tabel per klasse: aantal klanten, aandeel klanten, omzet en aandeel omzet, met een totaalregel.',
    },
    params: {
      values: VALUES,
      keys: KEYS,
      cutoffs: CUTOFFS,
      labels: LABELS,
      language: { en: '"en" (default) or "nl" for the headers.', nl: '"en" (standaard) of "nl" voor de kopjes.' },
      groups: { en: 'Optional: a group per row (region, rep). Gives a block of tiers per group, with a Group column.', nl: 'Optioneel: een groep per rij (regio, verkoper). Geeft per groep een blok klassen, met een kolom Groep.' },
    },
  },
  ACCOUNT_CATEGORY: {
    description: withRowErrors({
      en: 'Account category 1–5: 1 significant, recurring and growing; 2 significant and recurring, stable; 3 significant or recurring (not both); 4 neither; 5 no revenue possible. "" while a row is incomplete.',
      nl: 'Klantcategorie 1–5: 1 significant, structureel en groeiend; 2 significant en structureel, stabiel; 3 significant of structureel (niet beide); 4 geen van beide; 5 geen omzet mogelijk. "" zolang een rij niet compleet is.',
    }),
    params: {
      significant: { en: 'TRUE when the revenue is significant, or a tier label such as "A".', nl: 'WAAR als de omzet significant is, of een klasse zoals "A".' },
      recurring: { en: 'TRUE when the revenue is structural (recurring), FALSE when once only.', nl: 'WAAR als de omzet structureel (terugkerend) is, ONWAAR als eenmalig.' },
      potential: {
        en: '"growth", "stable" or "none" (groei, stabiel, geen); TRUE means growth.',
        nl: '"groei", "stabiel" of "geen" (growth, stable, none); WAAR betekent groei.',
      },
      significant_tiers: { en: 'Tier labels that count as significant. Default "A".', nl: 'Klassen die als significant tellen. Standaard "A".' },
    },
  },
  PLAN_GAP: {
    description: withRowErrors({
      en: 'Target minus actual: what is still to go (negative means ahead). With as_of and the period, the gap against the part of the target due by then, linear by days or by the weights.',
      nl: 'Doel min realisatie: wat er nog moet komen (negatief is voor op schema). Met as_of en de periode: het verschil met het deel van het doel dat dan bereikt moet zijn, lineair per dag of volgens de gewichten.',
    }),
    params: {
      target: TARGET,
      actual: ACTUAL,
      as_of: {
        en: 'The date to measure at. With period_start and period_end, only the target due by this date counts.',
        nl: 'De peildatum. Samen met period_start en period_end telt alleen het doel dat op die datum bereikt moet zijn.',
      },
      period_start: PERIOD_START,
      period_end: PERIOD_END,
      weights: {
        en: 'Seasonality: one weight per equal slice of the period (12 for months, 4 for quarters).',
        nl: 'Seizoenspatroon: één gewicht per gelijk deel van de periode (12 voor maanden, 4 voor kwartalen).',
      },
    },
  },
  PLAN_ATTAINMENT: {
    description: withRowErrors({
      en: 'Actual divided by target (format as a percentage).',
      nl: 'Realisatie gedeeld door doel (opmaken als percentage).',
    }),
    params: { target: TARGET, actual: ACTUAL },
  },
  PLAN_RUN_RATE: {
    description: withRowErrors({
      en: 'The result for the whole period if the current pace continues: actual × days in the period ÷ days so far.',
      nl: 'Het resultaat over de hele periode als het huidige tempo aanhoudt: realisatie × dagen in de periode ÷ dagen tot nu toe.',
    }),
    params: {
      actual: ACTUAL,
      period_start: PERIOD_START,
      as_of: { en: 'The date the actual was measured.', nl: 'De datum waarop actual gemeten is.' },
      period_end: PERIOD_END,
    },
  },
  PLAN_REQUIRED_RATE: {
    description: withRowErrors({
      en: 'The pace needed from as_of to the end of the period to close the gap, per day, week or month. 0 when nothing is left to close.',
      nl: 'Het tempo dat vanaf as_of tot het einde van de periode nodig is om het gat te dichten, per dag, week of maand. 0 als er niets meer te dichten is.',
    }),
    params: {
      target: TARGET,
      actual: ACTUAL,
      as_of: { en: 'Today, or the date the actual was measured.', nl: 'Vandaag, of de datum waarop actual gemeten is.' },
      period_end: PERIOD_END,
      per: { en: '"day", "week" or "month" (default).', nl: '"dag", "week" of "maand" (standaard).' },
    },
  },
  PLAN_PHASE: {
    description: {
      en: 'Spreads a target over slices by weight (default: 12 equal months, as a row). With round_to the parts are multiples of it and still add up to the rounded target.',
      nl: 'Verdeelt een doel over delen naar gewicht (standaard: 12 gelijke maanden, als rij). Met round_to zijn de delen veelvouden daarvan en tellen ze op tot het afgeronde doel.',
    },
    params: {
      target: { en: 'The target to spread, one number.', nl: 'Het doel om te verdelen, één getal.' },
      weights: {
        en: 'One weight per slice, a row or a column; the result has the same orientation.',
        nl: 'Eén gewicht per deel, een rij of een kolom; het resultaat heeft dezelfde richting.',
      },
      round_to: { en: 'Round every part to a multiple of this (for example 100).', nl: 'Rond elk deel af op een veelvoud hiervan (bijvoorbeeld 100).' },
    },
  },
  PLAN_ACTIVITIES: {
    description: withRowErrors({
      en: 'How many proposals a gap needs: gap ÷ deal size ÷ win rate, rounded up; times activities per deal when given. 0 when there is no gap.',
      nl: 'Hoeveel offertes een gat vraagt: gat ÷ ordergrootte ÷ scoringskans, naar boven afgerond; maal activiteiten per order als die gegeven zijn. 0 als er geen gat is.',
    }),
    params: {
      gap: { en: 'Revenue still to win.', nl: 'Omzet die nog binnengehaald moet worden.' },
      deal_size: { en: 'Average value of a won deal.', nl: 'Gemiddelde waarde van een gewonnen order.' },
      win_rate: {
        en: 'Share of proposals that are won, above 0 and at most 1 (for example 25%).',
        nl: 'Deel van de offertes dat gewonnen wordt, boven 0 en hoogstens 1 (bijvoorbeeld 25%).',
      },
      activities_per_deal: { en: 'Activities (visits, calls) needed per proposal.', nl: 'Activiteiten (bezoeken, gesprekken) nodig per offerte.' },
    },
  },
  PLAN_REVIEW_DATES: {
    description: {
      en: 'The review dates of a plan: every every_days days after start, up to start + horizon_days. Defaults make the 90-30 plan: three reviews, 30 days apart. Format the cells as dates.',
      nl: 'De evaluatiedata van een plan: elke every_days dagen na start, tot start + horizon_days. Standaard het 90-30-plan: drie evaluaties, 30 dagen uit elkaar. Maak de cellen op als datum.',
    },
    params: {
      start: { en: 'The plan\'s start date.', nl: 'De startdatum van het plan.' },
      horizon_days: { en: 'Length of the plan in days. Default 90.', nl: 'Looptijd van het plan in dagen. Standaard 90.' },
      every_days: { en: 'Days between reviews. Default 30.', nl: 'Dagen tussen evaluaties. Standaard 30.' },
    },
  },
  PARETO_CUTOFFS: {
    description: {
      en: 'Tier cutoffs computed from the data, as the computed ABC analysis (Ultsch & Lötsch, R package ABCanalysis) sets them: a row of two fractions, the revenue share of A and of A and B together. Give it to PARETO_TIER as its cutoffs.',
      nl: 'Klassegrenzen berekend uit de gegevens, zoals de berekende ABC-analyse (Ultsch & Lötsch, R-pakket ABCanalysis) ze legt: een rij van twee fracties, het omzetaandeel van A en van A en B samen. Geef ze aan PARETO_TIER als grenzen.',
    },
    params: { values: VALUES, keys: KEYS },
  },
  CONCENTRATION: {
    description: {
      en: 'How concentrated revenue is, over the accounts with a positive total: HHI, GINI, TOP1, TOP5, TOP10 (share of the largest 1, 5, 10), N50, N80 (fewest accounts holding 50%, 80%), ACCOUNTS. Without a measure, a table of all of them.',
      nl: 'Hoe geconcentreerd de omzet is, over de klanten met een positief totaal: HHI, GINI, TOP1, TOP5, TOP10 (aandeel van de grootste 1, 5, 10), N50, N80 (kleinste aantal klanten met 50%, 80%), ACCOUNTS. Zonder maatstaf een tabel met alle.',
    },
    params: {
      values: VALUES,
      keys: KEYS,
      measure: {
        en: 'One of "HHI", "GINI", "TOP1", "TOP5", "TOP10", "N50", "N80", "ACCOUNTS". Leave out for the table.',
        nl: 'Eén van "HHI", "GINI", "TOP1", "TOP5", "TOP10", "N50", "N80", "ACCOUNTS". Weglaten voor de tabel.',
      },
      language: { en: '"en" (default) or "nl" for the table\'s labels.', nl: '"en" (standaard) of "nl" voor de namen in de tabel.' },
    },
  },
  PARETO_MIGRATION: {
    description: {
      en: 'Who moved tier: two columns per row, the tier of the row\'s account over the lines before split_date and over the lines from split_date on, each period tiered on its own as PARETO_TIER does. "" where the account has no line in a period (new or lost).',
      nl: 'Wie verschoof van klasse: twee kolommen per rij, de klasse van de klant van de rij over de regels vóór split_date en over de regels vanaf split_date, elke periode apart ingedeeld zoals PARETO_TIER dat doet. "" als de klant in een periode geen regel heeft (nieuw of verloren).',
    },
    params: {
      values: VALUES,
      keys: { en: 'Account names or codes, same shape as values.', nl: 'Klantnamen of -codes, zelfde vorm als values.' },
      dates: { en: 'The date of each line, same shape as values.', nl: 'De datum van elke regel, zelfde vorm als values.' },
      split_date: { en: 'First day of the second period.', nl: 'Eerste dag van de tweede periode.' },
      from: { en: 'First day of the first period. Default: the earliest line.', nl: 'Eerste dag van de eerste periode. Standaard: de vroegste regel.' },
      to: { en: 'Last day of the second period. Default: the latest line.', nl: 'Laatste dag van de tweede periode. Standaard: de laatste regel.' },
      cutoffs: CUTOFFS,
      labels: LABELS,
    },
  },
  ACCOUNT_SCORE: {
    description: withRowErrors({
      en: 'Score of each candidate account: the weighted mean of its row of ratings (one column per criterion). A blank rating leaves its criterion out; a row without ratings gives "".',
      nl: 'Score van elke kandidaat-klant: het gewogen gemiddelde van de beoordelingen in zijn rij (één kolom per criterium). Een lege beoordeling telt niet mee; een rij zonder beoordelingen geeft "".',
    }),
    params: {
      ratings: {
        en: 'Ratings, one row per account and one column per criterion (for example 1–5).',
        nl: 'Beoordelingen, één rij per klant en één kolom per criterium (bijvoorbeeld 1–5).',
      },
      weights: {
        en: 'One weight per criterion (a row or a column), 0 or more, not all 0.',
        nl: 'Eén gewicht per criterium (een rij of een kolom), 0 of meer, niet allemaal 0.',
      },
    },
  },
} satisfies CatalogHelp;
