// npm run docs:pictures: the README's pictures, made on purpose rather than by a test run (a test
// run leaves the checkout as it was). The sample analysed and planned as `npm start` does, with a
// fixed plan start; a plan tab and the Pareto sheet rendered by LibreOffice as a reader sees them
// printed (docs/plan-tab.png, docs/pareto-sheet.png); and the Plans tab of the pane as the UI
// test screenshots it (docs/pane-plans.png, after `npx vitest run test/ui/plans.test.ts`).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/xlsx/cli';
import { canRender, renderSheets } from './render-sheets';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');

async function pictures(): Promise<number> {
  if (!canRender()) {
    console.error('docs:pictures needs LibreOffice (soffice) and poppler-utils (pdftoppm).');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'account-planner-docs-'));
  try {
    const analysed = join(dir, 'analysed.xlsx');
    const planned = join(dir, 'planned.xlsx');
    const quiet = () => undefined;
    if ((await main(['analyze', join(root, 'examples/verkoop-2025.xlsx'), '--lang', 'nl', '--out', analysed], quiet)) !== 0) return 1;
    if ((await main(['plans', analysed, '--accounts', 'Autobedrijf De Vries', '--lang', 'nl', '--owner', 'Accountmanager', '--start', '2026-01-05', '--out', planned], quiet)) !== 0) return 1;
    // The Pareto sheet prints on one page: its top third, large enough to read.
    const [pareto] = await renderSheets(planned, ['Pareto'], dir, { maxPages: 1, dpi: 200, top: 0.36 });
    const [plan] = await renderSheets(planned, ['Plan – Autobedrijf De Vries'], dir, { maxPages: 1, dpi: 110 });
    copyFileSync(pareto.pages[0], join(docs, 'pareto-sheet.png'));
    copyFileSync(plan.pages[0], join(docs, 'plan-tab.png'));
    console.log('Wrote docs/pareto-sheet.png and docs/plan-tab.png.');
    const pane = join(root, 'test-artifacts/screenshots/plans-done-excel-en-300.png');
    if (existsSync(pane)) {
      copyFileSync(pane, join(docs, 'pane-plans.png'));
      console.log('Wrote docs/pane-plans.png from the UI test\'s screenshot.');
    } else console.log('No pane screenshot yet: run npx vitest run test/ui/plans.test.ts, then this again, for docs/pane-plans.png.');
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

pictures().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(`docs:pictures failed: ${e.message}`);
    process.exitCode = 1;
  },
);
