// Everything Apps Script can call, in one place. The build turns each export into a top-level
// function of Code.js (custom functions get their own generated wrappers with JSDoc).
// Host globals used here: SpreadsheetApp, HtmlService, Session.
import { AnalysisOptions, AnalysisResult, Detection, Preview, apply, detect, preview } from '../../shared/commands/analysis';
import { isUserError } from '../../shared/commands/errors';
import { languageFrom, t } from '../../shared/i18n/strings';
import { Awaitable } from '../../shared/workbook';
import { SheetsWorkbook } from './workbook';

export { sheetsFunctionNamed } from './functions';

const userLanguage = () => {
  try {
    return languageFrom(Session.getActiveUserLocale());
  } catch {
    return languageFrom(undefined);
  }
};

export function onOpen(): void {
  const s = t(userLanguage()).pane;
  SpreadsheetApp.getUi().createMenu(s.title).addItem(s.menuOpen, 'showSidebar').addToUi();
}

// Installing from the editor runs onInstall, not onOpen: add the menu then too.
export function onInstall(): void {
  onOpen();
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t(userLanguage()).pane.title);
  SpreadsheetApp.getUi().showSidebar(html);
}

// --- the sidebar's calls (google.script.run): plain JSON in and out, never a Date ------------

type SidebarRequest = Omit<AnalysisOptions, 'host'>;

/** Runs one command for the sidebar: the host is always Sheets, the answer plain JSON. */
function forSidebar<T>(run: (options: AnalysisOptions) => Awaitable<T>, request: SidebarRequest): T {
  const options: AnalysisOptions = { ...request, host: 'sheets', language: request?.language === 'nl' ? 'nl' : 'en' };
  try {
    const result = run(options);
    // SheetsWorkbook answers synchronously; a Promise cannot cross google.script.run.
    if (result instanceof Promise) throw new Error('Account Planner: the Sheets host answered asynchronously.');
    return JSON.parse(JSON.stringify(result)) as T;
  } catch (e) {
    // The failure handler sees only an Error's message: a UserError becomes a plain Error with it.
    if (isUserError(e)) throw new Error(e.message);
    throw e;
  }
}

export function analysisDetect(request: SidebarRequest): Detection {
  return forSidebar((o) => detect(new SheetsWorkbook(), o), request);
}

export function analysisPreview(request: SidebarRequest): Preview {
  return forSidebar((o) => preview(new SheetsWorkbook(), o), request);
}

export function analysisApply(request: SidebarRequest): AnalysisResult {
  return forSidebar((o) => apply(new SheetsWorkbook(), o), request);
}
