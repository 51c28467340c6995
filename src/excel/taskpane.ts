// The Excel task pane: the shared pane on the Excel bridge, in the user's display language.
// The page is also the shared runtime of the custom functions (functions.js loads beside it).
// Host globals used here: Office.
import { mount } from '../ui/pane';
import { excelBridge } from './bridge';

const domReady = new Promise<void>((resolve) =>
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }) : resolve(),
);

Office.onReady(async () => {
  await domReady;
  mount(excelBridge(() => Office.context?.displayLanguage ?? 'en'), document.getElementById('app')!);
});
