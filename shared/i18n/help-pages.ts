// The words of the help pages the build writes into dist/excel/help (each custom function's
// helpUrl, the support page the manifest names, the privacy page), in English and Dutch. The
// functions' own descriptions come from ./function-help.ts.
import type { Language } from './strings';

const en = {
  siteTitle: 'Account Planner help',
  indexTitle: 'Account Planner: help and support',
  intro:
    'Account Planner finds the customers that bring most of your revenue (a Pareto or ABC analysis), makes an account plan for each key account, and adds forecast formulas to Excel and Google Sheets.',
  gettingStartedTitle: 'Getting started',
  gettingStarted: [
    'Excel: Home › Account Planner opens the pane. Select a cell in your revenue table; the Analyse tab finds the table.',
    'Google Sheets: Extensions › Account Planner › Open Account Planner.',
    'Formulas: type =KAM. in an Excel cell (in Google Sheets the bare names, such as =PARETO_TIER) to see the functions below.',
  ],
  functionsTitle: 'Formulas',
  supportTitle: 'Support',
  supportText: 'Questions, problems or ideas: {contact}.',
  supportNoContact: 'Questions, problems or ideas: ask the colleague who installed Account Planner for your team.',
  privacyLink: 'Privacy: Account Planner sends nothing anywhere',
  syntaxTitle: 'Syntax',
  parametersTitle: 'Arguments',
  parameterHeader: 'Argument',
  descriptionHeader: 'What to give',
  optional: 'optional',
  exampleTitle: 'Example',
  otherLanguage: 'Nederlands',
  backToIndex: 'All formulas',
  privacyTitle: 'Privacy',
  privacy: [
    'Account Planner sends nothing anywhere. It makes no network calls of its own, has no telemetry, no analytics, no cookies, no advertising and no account to sign in to.',
    'It reads and writes only the workbook or spreadsheet you use it in, when you use it. Your data stays in that file, in Excel or in your Google account; the add-in keeps no copy.',
    'Excel loads the add-in\'s files (the pane, the formulas and these pages) from the web address it was installed from, and Microsoft\'s Office.js library from Microsoft; as for any web page, those servers see the requests for the files, but the add-in sends them none of your data. Microsoft\'s privacy statement covers Excel and Office.js.',
    'In Google Sheets the add-in runs as Google Apps Script under your own account. It asks for two permissions only: to see and change the spreadsheet it is used in (not your other files), and to show its menu and sidebar. Google\'s privacy policy covers Google Sheets.',
  ],
  privacyUpdated: 'This statement applies to version {version}.',
};

type HelpPageStrings = typeof en;

const nl: HelpPageStrings = {
  siteTitle: 'Help bij Account Planner',
  indexTitle: 'Account Planner: help en ondersteuning',
  intro:
    'Account Planner vindt de klanten die het grootste deel van uw omzet brengen (een Pareto- of ABC-analyse), maakt een accountplan per key account en voegt prognoseformules toe aan Excel en Google Spreadsheets.',
  gettingStartedTitle: 'Aan de slag',
  gettingStarted: [
    'Excel: Start › Account Planner opent het deelvenster. Selecteer een cel in uw omzettabel; het tabblad Analyse vindt de tabel.',
    'Google Spreadsheets: Extensies › Account Planner › Account Planner openen.',
    'Formules: typ =KAM. in een Excel-cel (in Google Spreadsheets de namen zonder KAM., zoals =PARETO_TIER) voor de functies hieronder.',
  ],
  functionsTitle: 'Formules',
  supportTitle: 'Ondersteuning',
  supportText: 'Vragen, problemen of ideeën: {contact}.',
  supportNoContact: 'Vragen, problemen of ideeën: vraag het de collega die Account Planner voor uw team heeft geïnstalleerd.',
  privacyLink: 'Privacy: Account Planner verstuurt nergens iets heen',
  syntaxTitle: 'Syntaxis',
  parametersTitle: 'Argumenten',
  parameterHeader: 'Argument',
  descriptionHeader: 'Wat u opgeeft',
  optional: 'optioneel',
  exampleTitle: 'Voorbeeld',
  otherLanguage: 'English',
  backToIndex: 'Alle formules',
  privacyTitle: 'Privacy',
  privacy: [
    'Account Planner verstuurt nergens iets heen. Het maakt zelf geen netwerkverbindingen en heeft geen telemetrie, geen analytics, geen cookies, geen advertenties en geen account om in te loggen.',
    'Het leest en schrijft alleen de werkmap of spreadsheet waarin u het gebruikt, op het moment dat u het gebruikt. Uw gegevens blijven in dat bestand, in Excel of in uw Google-account; de invoegtoepassing bewaart geen kopie.',
    'Excel laadt de bestanden van de invoegtoepassing (het deelvenster, de formules en deze pagina\'s) van het webadres waarvandaan hij is geïnstalleerd, en de bibliotheek Office.js van Microsoft; zoals bij elke webpagina zien die servers de verzoeken om de bestanden, maar de invoegtoepassing stuurt ze geen gegevens van u. Voor Excel en Office.js geldt de privacyverklaring van Microsoft.',
    'In Google Spreadsheets draait de add-on als Google Apps Script onder uw eigen account. Hij vraagt maar twee machtigingen: de spreadsheet waarin u hem gebruikt bekijken en wijzigen (niet uw andere bestanden), en zijn menu en zijbalk tonen. Voor Google Spreadsheets geldt het privacybeleid van Google.',
  ],
  privacyUpdated: 'Deze verklaring geldt voor versie {version}.',
};

const STRINGS: Record<Language, HelpPageStrings> = { en, nl };

export const helpPageStrings = (language: Language): HelpPageStrings => STRINGS[language];
