// Everything the menu and the sidebar can call, in one place: the sidebar's server. The build
// bundles it as Server.js and gives each export a top-level function in Code.js that calls it
// (the custom functions live apart, in ./functions.ts, so the code that runs in cells stays small).
// Host globals used here: SpreadsheetApp, HtmlService, Session.
import { AnalysisOptions, AnalysisResult, Detection, Preview, apply, detect, preview } from '../../shared/commands/analysis';
import { CompareOptions, CompareResult, writeMigrationSheet } from '../../shared/commands/compare-periods';
import { isUserError } from '../../shared/commands/errors';
import { OverviewResult, refreshOverview } from '../../shared/commands/overview';
import { AccountFacts, PlanOptions, PlansResult, TemplateOption, generatePlans, listAccounts, listTemplates, listTiers } from '../../shared/commands/plans';
import { SelectionOptions, SelectionResult, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { Language, fill, languageFrom, t } from '../../shared/i18n/strings';
import { Awaitable } from '../../shared/workbook';
import { SheetsWorkbook } from './workbook';

const userLanguage = () => {
  try {
    return languageFrom(Session.getActiveUserLocale());
  } catch {
    return languageFrom(undefined);
  }
};

/**
 * The menu, under Extensions › Account Planner. As an Editor add-on this runs in AuthMode.NONE
 * when the add-on is installed but not yet used in this spreadsheet: only the menu may be made
 * then, nothing that needs authorization. The user's locale needs none (Session reference: no
 * scope), and if a host refused it the menu comes in English. createAddonMenu also works bound to
 * one spreadsheet, where the submenu takes the script project's name.
 */
export function onOpen(_e?: unknown): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem(t(userLanguage()).host.menuOpen, 'showSidebar').addToUi();
}

// Installing runs onInstall (in AuthMode.FULL), not onOpen, in the open spreadsheet: add the menu then too.
export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function showSidebar(): void {
  // HtmlService ignores <meta> tags written in the HTML: the viewport is set here (docs/hosts.md).
  const html = HtmlService.createHtmlOutputFromFile('Sidebar')
    .setTitle(t(userLanguage()).host.title)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  SpreadsheetApp.getUi().showSidebar(html);
}

// --- the sidebar's calls (google.script.run): plain JSON in and out, never a Date ------------

/** The language of a request from the sidebar: Dutch or English, nothing else. */
const languageOf = (request: { language?: unknown } | null | undefined): Language => (request?.language === 'nl' ? 'nl' : 'en');

/** Runs one command for the sidebar and hands back plain JSON; a UserError becomes an Error with its message. */
function forSidebar<T>(run: () => Awaitable<T>): T {
  try {
    const result = run();
    // SheetsWorkbook answers synchronously; a Promise cannot cross google.script.run.
    if (result instanceof Promise) throw new Error('Account Planner: the Sheets host answered asynchronously.');
    return JSON.parse(JSON.stringify(result ?? null)) as T;
  } catch (e) {
    // The failure handler sees only an Error's message: a UserError becomes a plain Error with it.
    if (isUserError(e)) throw new Error(e.message);
    throw e;
  }
}

type SidebarRequest = Omit<AnalysisOptions, 'host'>;

/** The analysis options for Sheets: the host is always Sheets. */
const analysisOptions = (request: SidebarRequest): AnalysisOptions => ({ ...request, host: 'sheets', language: languageOf(request) });

export function analysisDetect(request: SidebarRequest): Detection {
  return forSidebar(() => detect(new SheetsWorkbook(), analysisOptions(request)));
}

export function analysisPreview(request: SidebarRequest): Preview {
  return forSidebar(() => preview(new SheetsWorkbook(), analysisOptions(request)));
}

export function analysisApply(request: SidebarRequest): AnalysisResult {
  return forSidebar(() => apply(new SheetsWorkbook(), analysisOptions(request)));
}

// --- plans ------------------------------------------------------------------------------------

export function plansTemplates(request: { language?: Language }): TemplateOption[] {
  return forSidebar(() => listTemplates(new SheetsWorkbook(), languageOf(request)));
}

export function plansTiers(): string[] {
  return forSidebar(() => listTiers(new SheetsWorkbook()));
}

export function plansAccounts(request: Pick<PlanOptions, 'accounts' | 'language'>): AccountFacts[] {
  return forSidebar(() => listAccounts(new SheetsWorkbook(), { accounts: request?.accounts, language: languageOf(request) }));
}

/** One batch of plans; the sidebar passes skipOverview and refreshes the overview once at the end. */
export function plansGenerate(request: Omit<PlanOptions, 'host' | 'onProgress'>): PlansResult {
  return forSidebar(() => generatePlans(new SheetsWorkbook(), { ...request, host: 'sheets', language: languageOf(request), onProgress: undefined }));
}

export function overviewRefresh(request: { language?: Language }): OverviewResult {
  return forSidebar(() => refreshOverview(new SheetsWorkbook(), { language: languageOf(request) }));
}

/** A new Key-account selection sheet from the analysis. */
export function selectionWrite(request: SelectionOptions): SelectionResult {
  return forSidebar(() => writeSelectionSheet(new SheetsWorkbook(), { ...request, language: languageOf(request) }));
}

/** Compare periods: the Tier migration sheet from the lines the last analysis counted. */
export function migrationWrite(request: CompareOptions): CompareResult {
  return forSidebar(() => writeMigrationSheet(new SheetsWorkbook(), { ...request, language: languageOf(request) }));
}

/** Shows a sheet the pane lists (a plan tab, the overview). */
export function activateSheet(request: { sheet: string; language?: Language }): null {
  return forSidebar(() => {
    const name = String(request?.sheet ?? '');
    const sheet = SpreadsheetApp.getActive().getSheetByName(name);
    if (!sheet) throw new Error(fill(t(languageOf(request)).host.sheetGone, { sheet: name }));
    sheet.activate();
    return null;
  });
}
