// What the command-line runner prints, in English and Dutch (chosen by --lang or LANG).
import { Language } from './strings';

const en = {
  table: 'rows',
  summary: '{where}: {rows} rows, {accounts} accounts, revenue {revenue}',
  headers: ['Tier', 'Accounts', '% accounts', 'Revenue', '% revenue'],
  leftOut: 'Left out',
  totalsRow: 'totals row',
  totalsRows: 'totals rows',
  rowsText: '{n} rows with text amounts',
  rowText: '1 row with a text amount',
  rowsError: '{n} rows with errors',
  rowError: '1 row with an error',
  rowsNoAccount: '{n} rows without an account',
  rowNoAccount: '1 row without an account',
  blankRows: '{n} blank rows',
  blankRow: '1 blank row',
  categories: 'Categories 1–5: {counts} accounts',
  noChart: 'The Pareto chart is drawn when the workbook is analysed from Excel or Google Sheets; .xlsx files get the chart data.',
  written: 'Written to {path}',
  made: 'made',
  skipped: 'skipped',
  already: '(already there)',
  // What ExcelJS cannot keep (src/xlsx/unkept-contents.ts): one and many.
  unkept: {
    chart: ['chart', 'charts'],
    pivotTable: ['pivot table', 'pivot tables'],
    slicer: ['slicer', 'slicers'],
    timeline: ['timeline', 'timelines'],
    externalLink: ['link to another workbook', 'links to other workbooks'],
    threadedComments: ['sheet of threaded comments', 'sheets of threaded comments'],
    control: ['form control', 'form controls'],
    embedding: ['embedded object', 'embedded objects'],
    connection: ['data connection', 'data connections'],
    macros: ['macro project', 'macro projects'],
  },
  and: 'and',
  unkeptNote: 'Note: the copy does not have the {list} of {file}: the .xlsx library cannot keep them. {file} itself is unchanged.',
};

const nl: typeof en = {
  table: 'rijen',
  summary: '{where}: {rows} rijen, {accounts} klanten, omzet {revenue}',
  headers: ['Klasse', 'Klanten', '% klanten', 'Omzet', '% omzet'],
  leftOut: 'Niet meegeteld',
  totalsRow: 'totaalregel',
  totalsRows: 'totaalregels',
  rowsText: '{n} rijen met tekst als bedrag',
  rowText: '1 rij met tekst als bedrag',
  rowsError: '{n} rijen met fouten',
  rowError: '1 rij met een fout',
  rowsNoAccount: '{n} rijen zonder klant',
  rowNoAccount: '1 rij zonder klant',
  blankRows: '{n} lege rijen',
  blankRow: '1 lege rij',
  categories: 'Categorieën 1–5: {counts} klanten',
  noChart: 'De Pareto-grafiek verschijnt wanneer de werkmap vanuit Excel of Google Sheets wordt geanalyseerd; .xlsx-bestanden krijgen de grafiekgegevens.',
  written: 'Geschreven naar {path}',
  made: 'gemaakt',
  skipped: 'overgeslagen',
  already: '(bestond al)',
  unkept: {
    chart: ['grafiek', 'grafieken'],
    pivotTable: ['draaitabel', 'draaitabellen'],
    slicer: ['slicer', 'slicers'],
    timeline: ['tijdlijn', 'tijdlijnen'],
    externalLink: ['koppeling naar een andere werkmap', 'koppelingen naar andere werkmappen'],
    threadedComments: ['blad met opmerkingen', 'bladen met opmerkingen'],
    control: ['formulierbesturingselement', 'formulierbesturingselementen'],
    embedding: ['ingesloten object', 'ingesloten objecten'],
    connection: ['gegevensverbinding', 'gegevensverbindingen'],
    macros: ['macroproject', 'macroprojecten'],
  },
  and: 'en',
  unkeptNote: 'Let op: de kopie heeft de {list} van {file} niet: de .xlsx-bibliotheek kan ze niet bewaren. {file} zelf is ongewijzigd.',
};

/** A kind of workbook content the .xlsx library cannot keep. */
export type UnkeptKind = keyof typeof en.unkept;

export const cliWords = (language: Language) => (language === 'nl' ? nl : en);
