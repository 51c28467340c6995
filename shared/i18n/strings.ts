// Every user-visible string of the core, in English and Dutch. The function help lives with the
// function catalog (shared/catalog.ts); everything else a user reads comes from here.

export type Language = 'en' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'nl'];

const en = {
  summary: {
    tier: 'Tier',
    accounts: 'Accounts',
    accountShare: 'Share of accounts',
    revenue: 'Revenue',
    revenueShare: 'Share of revenue',
    total: 'Total',
  },
  category: {
    growth: 'growth',
    stable: 'stable',
    none: 'none',
  },
  pane: {
    title: 'Account Planner',
    placeholder: 'The analysis and plan tools arrive here soon. The custom functions already work: type =KAM.PARETO_TIER( in a cell.',
    placeholderSheets: 'The analysis and plan tools arrive here soon. The custom functions already work: type =PARETO_TIER( in a cell.',
    functions: 'Functions',
    menuOpen: 'Open Account Planner',
  },
};

type Strings = typeof en;

const nl: Strings = {
  summary: {
    tier: 'Klasse',
    accounts: 'Klanten',
    accountShare: 'Aandeel klanten',
    revenue: 'Omzet',
    revenueShare: 'Aandeel omzet',
    total: 'Totaal',
  },
  category: {
    growth: 'groei',
    stable: 'stabiel',
    none: 'geen',
  },
  pane: {
    title: 'Account Planner',
    placeholder: 'De analyse- en plantools komen hier binnenkort. De eigen functies werken al: typ =KAM.PARETO_TIER( in een cel.',
    placeholderSheets: 'De analyse- en plantools komen hier binnenkort. De eigen functies werken al: typ =PARETO_TIER( in een cel.',
    functions: 'Functies',
    menuOpen: 'Account Planner openen',
  },
};

const STRINGS: Record<Language, Strings> = { en, nl };

export const t = (language: Language): Strings => STRINGS[language];

/** The language to start in, from a host's display language such as "nl-NL" or "en-US". */
export const languageFrom = (locale: string | undefined): Language =>
  (locale ?? '').toLowerCase().startsWith('nl') ? 'nl' : 'en';
