// Every user-visible string of the core, in English and Dutch. The function help is in
// ./function-help.ts (kept apart so the custom functions do not carry it), the words the custom
// functions write into cells in ./cell-strings.ts (so they carry only those), the pane's own words
// in ./pane.ts (kept apart so the Apps Script server does not carry them), the runner's in ./cli.ts.
import { CELL_STRINGS } from './cell-strings';

export type Language = 'en' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'nl'];

const en = {
  ...CELL_STRINGS.en,
  // The Tier migration sheet (analyze --compare).
  migration: {
    sheet: 'Tier migration',
    title: 'Tier migration: {before} against {after}',
    note: 'Each period tiered on its own at the same cutoffs. Tiers are values; revenue and counts are formulas over the revenue table.',
    undated: '{count} lines without a date are not counted.',
    undatedOne: 'One line without a date is not counted.',
    accountsMatrix: 'Accounts: from (rows) to (columns)',
    revenueMatrix: 'Revenue {period}',
    added: 'New',
    lost: 'Lost',
    total: 'Total',
    account: 'Account',
    tierBefore: 'Tier before',
    tierAfter: 'Tier after',
    revenueIn: 'Revenue {period}',
    change: 'Change',
    movedDown: 'Moved down, largest loss first',
    lostList: 'Lost accounts',
    none: '(none)',
    noDate: 'Comparing periods needs a date column: choose one.',
    noDates: 'Comparing periods needs dates, but no line with an amount has one.',
    splitOutside: 'The split date {split} is not inside the dates of the data ({from} to {to}).',
    movement: 'Movement',
    moves: { down: 'Down', up: 'Up', same: 'Same' },
    noAnalysis: 'Write the analysis with a date column first: comparing periods counts the lines the analysis counted.',
    written: 'Tier migration on the sheet {sheet} ({before} against {after}): {down} accounts moved down, {lost} lost, {added} new.',
  },
  analysis: {
    tierHeader: 'Tier',
    shareHeader: 'Cumulative share',
    categoryHeader: 'Category',
    paretoSheet: 'Pareto',
    title: 'Pareto analysis of {sheet}',
    headline: '{accounts} of your customers bring {revenue} of revenue',
    generated: 'Made by Account Planner on {date}. Run the analysis again to update; cells you add elsewhere are kept.',
    chartTitle: 'Revenue per account and cumulative share',
    chartTitleLargest: 'Revenue of the {count} largest accounts and cumulative share',
    accountHeader: 'Account',
    revenueHeader: 'Revenue',
    otherAccounts: 'Other {count} accounts',
    noTable: 'No table found on {sheet}. Select a cell inside your revenue table (with a header row) and try again.',
    noSheet: 'There is no sheet called {sheet}.',
    noColumn: 'Choose the {what} column.',
    sameColumn: 'The account and amount columns must be different.',
    columnOutside: 'Column {column} is not part of the table.',
    noFreeColumn: 'The table on {sheet} reaches the last column (XFD): there is no free column to its right for the tier columns. Move the table to the left or delete empty columns, then try again.',
    noAmounts: 'No usable amounts in the {column} column: every row is blank, text or zero.',
    tooLarge: 'The amounts in the {column} column add up to more than a spreadsheet number can hold (about 1.8e308): check for amounts that are far too large.',
    noComputedCutoffs: 'No cutoffs can be computed from these totals: the computed ABC analysis needs at least two accounts whose totals differ (with totals this even it puts no account in any tier). Give the cutoffs yourself.',
    formulaBlocked: 'Live formulas need clean data: fix the rows with text or errors first, or write values.',
    formulaTotalsInside: 'Live formulas need the totals row at the bottom of the table; write values instead.',
    confirmReplace: 'Account Planner wrote an analysis here before ({where}). Replace it with the new one?',
    written: 'Tiers written to {where}; summary and chart on the sheet {sheet}.',
    account: 'account',
    amount: 'amount',
    keyHeader: 'Counted as',
    dataEnd: 'Revenue data up to',
    listHeaders: ['Account', 'Revenue', 'Cumulative share', 'Tier', 'Category'],
    legendTitle: 'Categories',
    legendNote: [
      'Significant: the account is in the first tier.',
      'Recurring: revenue in 3 of the last 4 quarters.',
      'Growing: the last 12 months above the 12 before,',
      'both measured up to the date at the top.',
      'Overwrite any category you know better.',
    ],
    categories: ['Significant, recurring, growing', 'Significant and recurring, stable', 'Significant or recurring', 'Neither significant nor recurring', 'No revenue possible'],
    concentrationTitle: 'How concentrated is revenue',
    concentrationNote: [
      'HHI: under 1,500 spread, 1,500–2,500 moderately, above 2,500 highly concentrated',
      '(the limits competition authorities use). Gini: 0 when every account brings',
      'the same, towards 1 when one account brings nearly everything.',
    ],
    lorenz: {
      title: 'Lorenz curve: revenue of the smallest accounts',
      headers: ['Accounts, smallest first', 'Their revenue', 'Share of accounts', 'Share of revenue', 'Line of equality'],
      curve: 'Lorenz curve',
      accountsAxis: 'Share of accounts, smallest first',
      revenueAxis: 'Share of their revenue',
      note: [
        'Accounts from smallest to largest: the further the curve',
        'sags below the line of equality, the more revenue rests on',
        'few accounts (the Gini is twice the area between them).',
      ],
      sampled: '{points} points for {count} accounts, exact at each point.',
    },
    leftOutTitle: 'Left out of the analysis',
    leftOutHeaders: ['Why', 'Rows', 'Row numbers'],
    leftOutReasons: { totals: 'Totals row', text: 'Amount is text', errors: 'Error in account or amount', missingAccount: 'Amount without account', blank: 'Blank row' },
    nothingLeftOut: 'Nothing: every row with an account and an amount counts.',
    andMore: '… and {count} more',
    // Tiers within groups (--within, the pane's Within column).
    within: {
      what: 'Within',
      sameColumn: 'The Within column must differ from the account and amount columns.',
      notWithCompare: 'Comparing periods tiers all accounts together, not within groups: run it without a Within column.',
      blank: '(blank)',
      title: 'Tiers within each {column}',
      note: 'Each account is tiered among the accounts of its own {column}; an account in two groups has a tier in each.',
    },
  },
  host: {
    title: 'Account Planner',
    menuOpen: 'Open Account Planner',
    sheetGone: 'There is no sheet called {sheet} any more: it was renamed or deleted.',
    cellsWithheld: 'Excel did not hand over the cells of {where}, even one row at a time. Close other workbooks or add-ins and try again.',
  },

};

type Strings = typeof en;

const nl: Strings = {
  ...CELL_STRINGS.nl,
  migration: {
    sheet: 'Verschuivingen',
    title: 'Verschuivingen: {before} tegenover {after}',
    note: 'Elke periode apart ingedeeld met dezelfde grenzen. Klassen zijn waarden; omzet en aantallen zijn formules over de omzettabel.',
    undated: '{count} regels zonder datum tellen niet mee.',
    undatedOne: 'Eén regel zonder datum telt niet mee.',
    accountsMatrix: 'Klanten: van (rijen) naar (kolommen)',
    revenueMatrix: 'Omzet {period}',
    added: 'Nieuw',
    lost: 'Verloren',
    total: 'Totaal',
    account: 'Klant',
    tierBefore: 'Klasse vooraf',
    tierAfter: 'Klasse nu',
    revenueIn: 'Omzet {period}',
    change: 'Verschil',
    movedDown: 'Gezakt, grootste verlies eerst',
    lostList: 'Verloren klanten',
    none: '(geen)',
    noDate: 'Perioden vergelijken vraagt een datumkolom: kies er een.',
    noDates: 'Perioden vergelijken vraagt datums, maar geen regel met een bedrag heeft er een.',
    splitOutside: 'De splitsdatum {split} ligt niet binnen de datums van de gegevens ({from} tot {to}).',
    movement: 'Beweging',
    moves: { down: 'Omlaag', up: 'Omhoog', same: 'Gelijk' },
    noAnalysis: 'Schrijf eerst de analyse met een datumkolom: perioden vergelijken telt de regels die de analyse telde.',
    written: 'Verschuivingen op het blad {sheet} ({before} tegen {after}): {down} klanten gezakt, {lost} verloren, {added} nieuw.',
  },
  analysis: {
    tierHeader: 'Klasse',
    shareHeader: 'Cumulatief aandeel',
    categoryHeader: 'Categorie',
    paretoSheet: 'Pareto',
    title: 'Pareto-analyse van {sheet}',
    headline: '{accounts} van uw klanten brengt {revenue} van de omzet',
    generated: 'Gemaakt door Account Planner op {date}. Voer de analyse opnieuw uit om bij te werken; cellen die u elders toevoegt blijven staan.',
    chartTitle: 'Omzet per klant en cumulatief aandeel',
    chartTitleLargest: 'Omzet van de {count} grootste klanten en cumulatief aandeel',
    accountHeader: 'Klant',
    revenueHeader: 'Omzet',
    otherAccounts: 'Overige {count} klanten',
    noTable: 'Geen tabel gevonden op {sheet}. Selecteer een cel in uw omzettabel (met een kopregel) en probeer het opnieuw.',
    noSheet: 'Er is geen blad met de naam {sheet}.',
    noColumn: 'Kies de kolom voor {what}.',
    sameColumn: 'De klantkolom en de bedragkolom moeten verschillen.',
    columnOutside: 'Kolom {column} hoort niet bij de tabel.',
    noFreeColumn: 'De tabel op {sheet} loopt tot de laatste kolom (XFD): rechts ervan is geen kolom vrij voor de klassekolommen. Zet de tabel meer naar links of verwijder lege kolommen en probeer het opnieuw.',
    noAmounts: 'Geen bruikbare bedragen in kolom {column}: elke rij is leeg, tekst of nul.',
    tooLarge: 'De bedragen in kolom {column} tellen op tot meer dan een getal in een spreadsheet kan bevatten (ongeveer 1,8e308): controleer op veel te grote bedragen.',
    noComputedCutoffs: 'Uit deze totalen zijn geen grenzen te berekenen: de berekende ABC-analyse heeft minstens twee klanten met verschillende totalen nodig (bij zulke gelijke totalen deelt ze geen klant in). Geef de grenzen zelf op.',
    formulaBlocked: 'Live formules vragen schone gegevens: herstel eerst de rijen met tekst of fouten, of schrijf waarden.',
    formulaTotalsInside: 'Live formules vragen de totaalregel onderaan de tabel; schrijf waarden.',
    confirmReplace: 'Account Planner heeft hier eerder een analyse geschreven ({where}). Vervangen door de nieuwe?',
    written: 'Klassen geschreven in {where}; samenvatting en grafiek op het blad {sheet}.',
    account: 'klant',
    amount: 'bedrag',
    keyHeader: 'Geteld als',
    dataEnd: 'Omzetgegevens tot en met',
    listHeaders: ['Klant', 'Omzet', 'Cumulatief aandeel', 'Klasse', 'Categorie'],
    legendTitle: 'Categorieën',
    legendNote: [
      'Significant: de klant zit in de eerste klasse.',
      'Structureel: omzet in 3 van de laatste 4 kwartalen.',
      'Groeiend: de laatste 12 maanden hoger dan de 12 daarvoor,',
      'beide gemeten tot de datum bovenaan.',
      'Overschrijf een categorie die u beter weet.',
    ],
    categories: ['Significant, structureel, groeiend', 'Significant en structureel, stabiel', 'Significant of structureel', 'Niet significant, niet structureel', 'Geen omzet mogelijk'],
    concentrationTitle: 'Hoe geconcentreerd is de omzet',
    concentrationNote: [
      'HHI: onder 1.500 gespreid, 1.500–2.500 matig, boven 2.500 sterk geconcentreerd',
      '(de grenzen van mededingingsautoriteiten). Gini: 0 als elke klant evenveel',
      'brengt, richting 1 als één klant bijna alles brengt.',
    ],
    lorenz: {
      title: 'Lorenzcurve: omzet van de kleinste klanten',
      headers: ['Klanten, kleinste eerst', 'Hun omzet', 'Aandeel klanten', 'Aandeel omzet', 'Lijn van gelijkheid'],
      curve: 'Lorenzcurve',
      accountsAxis: 'Aandeel klanten, kleinste eerst',
      revenueAxis: 'Aandeel in hun omzet',
      note: [
        'Klanten van klein naar groot: hoe verder de curve onder de',
        'lijn van gelijkheid zakt, hoe meer de omzet op weinig klanten',
        'rust (de Gini is tweemaal het oppervlak ertussen).',
      ],
      sampled: '{points} punten voor {count} klanten, exact op elk punt.',
    },
    leftOutTitle: 'Niet meegeteld in de analyse',
    leftOutHeaders: ['Waarom', 'Rijen', 'Rijnummers'],
    leftOutReasons: { totals: 'Totaalregel', text: 'Bedrag is tekst', errors: 'Fout in klant of bedrag', missingAccount: 'Bedrag zonder klant', blank: 'Lege rij' },
    nothingLeftOut: 'Niets: elke rij met een klant en een bedrag telt mee.',
    andMore: '… en nog {count}',
    within: {
      what: 'Binnen',
      sameColumn: 'De kolom Binnen moet verschillen van de klantkolom en de bedragkolom.',
      notWithCompare: 'Perioden vergelijken deelt alle klanten samen in, niet binnen groepen: doe het zonder kolom Binnen.',
      blank: '(leeg)',
      title: 'Klassen per {column}',
      note: 'Elke klant is ingedeeld tussen de klanten met dezelfde {column}; een klant in twee groepen heeft in elk een klasse.',
    },
  },
  host: {
    title: 'Account Planner',
    menuOpen: 'Account Planner openen',
    sheetGone: 'Er is geen blad {sheet} meer: het is hernoemd of verwijderd.',
    cellsWithheld: 'Excel gaf de cellen van {where} niet door, ook niet rij voor rij. Sluit andere werkmappen of invoegtoepassingen en probeer het opnieuw.',
  },

};

const STRINGS: Record<Language, Strings> = { en, nl };

export const t = (language: Language): Strings => STRINGS[language];

/** The language to start in, from a host's display language such as "nl-NL" or "en-US". */
export const languageFrom = (locale: string | undefined): Language =>
  (locale ?? '').toLowerCase().startsWith('nl') ? 'nl' : 'en';

/** A category as a reader understands it without a legend: "1 Significant, recurring, growing". */
export const categoryLabel = (category: number, language: Language): string => `${category} ${t(language).analysis.categories[category - 1]}`;

/** The category number of a label categoryLabel made (in either language), of a bare number, or null. */
export const categoryOf = (cell: unknown): number | null => {
  const m = typeof cell === 'number' ? [String(cell), String(cell)] : typeof cell === 'string' ? /^\s*([1-5])(?:\s|$)/.exec(cell) : null;
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
};

/** Fills {name} placeholders of a message. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const locale = (language: Language) => (language === 'nl' ? 'nl-NL' : 'en-US');

/** 12.3% in English, 12,3% in Dutch: one decimal, as the pane shows shares. */
export const formatPercent = (fraction: number, language: Language): string =>
  new Intl.NumberFormat(locale(language), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction);

/** 1,234.5 in English, 1.234,5 in Dutch. */
export const formatNumber = (x: number, language: Language, digits = 0): string =>
  new Intl.NumberFormat(locale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
