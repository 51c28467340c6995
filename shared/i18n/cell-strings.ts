// The words the custom functions write into cells: PARETO_SUMMARY's and CONCENTRATION's labels,
// in English and Dutch. Kept apart from ./strings.ts (which takes them in as its own) so that the
// bundles that run in cells carry these and not every string of the pane and the sheets it writes.
import type { Language } from './strings';

const en = {
  summary: {
    tier: 'Tier',
    accounts: 'Accounts',
    accountShare: 'Share of accounts',
    revenue: 'Revenue',
    revenueShare: 'Share of revenue',
    total: 'Total',
    group: 'Group',
  },
  // CONCENTRATION's table: one label per measure.
  concentration: {
    ACCOUNTS: 'Accounts with revenue',
    TOP1: 'Share of the largest account',
    TOP5: 'Share of the largest 5',
    TOP10: 'Share of the largest 10',
    N50: 'Accounts for 50% of revenue',
    N80: 'Accounts for 80% of revenue',
    HHI: 'Herfindahl-Hirschman index (HHI)',
    GINI: 'Gini coefficient',
  },
};

const nl: typeof en = {
  summary: {
    tier: 'Klasse',
    accounts: 'Klanten',
    accountShare: 'Aandeel klanten',
    revenue: 'Omzet',
    revenueShare: 'Aandeel omzet',
    total: 'Totaal',
    group: 'Groep',
  },
  concentration: {
    ACCOUNTS: 'Klanten met omzet',
    TOP1: 'Aandeel van de grootste klant',
    TOP5: 'Aandeel van de grootste 5',
    TOP10: 'Aandeel van de grootste 10',
    N50: 'Klanten voor 50% van de omzet',
    N80: 'Klanten voor 80% van de omzet',
    HHI: 'Herfindahl-Hirschman-index (HHI)',
    GINI: 'Gini-coëfficiënt',
  },
};

export const CELL_STRINGS: Record<Language, typeof en> = { en, nl };

/** The cell words in `language`. */
export const cellWords = (language: Language): typeof en => CELL_STRINGS[language];
