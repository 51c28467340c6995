// Everything Apps Script can call, in one place. The build turns each export into a top-level
// function of Code.js (custom functions get their own generated wrappers with JSDoc).
// Host globals used here: SpreadsheetApp, HtmlService, Session.
import { languageFrom, t } from '../../shared/i18n/strings';

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
