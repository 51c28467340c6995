// The test page: the real pane on a stand-in bridge that runs the real shared commands against
// the in-memory workbook, as the Excel bridge does against Excel. Bundled by pane.test.ts and
// loaded in headless Chromium; window.__workbook lets the test look at what was written.
import { Cell } from '../../shared/cells';
import { AnalysisOptions, apply, detect, preview } from '../../shared/commands/analysis';
import { UserError } from '../../shared/commands/errors';
import { refreshOverview } from '../../shared/commands/overview';
import { generatePlans, listAccounts, listTemplates, listTiers } from '../../shared/commands/plans';
import { writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { writeMigrationSheet } from '../../shared/commands/compare-periods';
import { fill, t } from '../../shared/i18n/strings';
import { emptySpec } from '../../shared/sheet-spec';
import type { Shortfall } from '../../shared/workbook';
import { Bridge } from '../../src/ui/bridge';
import { mount } from '../../src/ui/pane';
import { MemoryWorkbook } from '../support/memory-workbook';
import { dutchInvoices } from '../support/revenue-sheets';

export interface PageConfig {
  host: 'excel' | 'sheets';
  displayLanguage: string;
  /** Milliseconds each bridge call takes, like a round-trip to the host. */
  delay: number;
  /** Make the calls of these kinds fail with a UserError of this message. */
  fail?: Partial<Record<Kind, string>>;
  /** With fail.generatePlans: the first call that fails (1-based; every call by default). */
  failFromCall?: number;
  /** More sheets, such as the user's own "Template …" sheet. */
  sheets?: Record<string, Cell[][]>;
  /** Start on an empty sheet, where no table is found. */
  emptySheet?: boolean;
  /** A title for the account column (B3), such as markup that must show as text. */
  accountTitle?: string;
  /** What the host cannot do of the plans it writes, as the Excel port reports it (print width). */
  shortfalls?: Shortfall[];
}

declare global {
  interface Window {
    __config?: Partial<PageConfig>;
    __workbook: MemoryWorkbook;
    /** An empty SheetSpec, for tests that write straight into the workbook. */
    __emptySpec: typeof emptySpec;
    __calls: { kind: string; options: unknown }[];
    __inserted: string[];
  }
}

type Kind = 'detect' | 'preview' | 'apply' | 'listTemplates' | 'listTiers' | 'listAccounts' | 'generatePlans' | 'refreshOverview' | 'writeSelectionSheet' | 'writeMigrationSheet' | 'activateSheet';

const config: PageConfig = { host: 'sheets', displayLanguage: 'en-US', delay: 10, ...window.__config };
const verkoop = dutchInvoices();
if (config.accountTitle) verkoop[2][1] = config.accountTitle;
const workbook = new MemoryWorkbook(
  { Verkoop: verkoop, Leeg: [['alleen een titel']], ...config.sheets },
  config.emptySheet ? { sheet: 'Leeg', row: 0, col: 0 } : { sheet: 'Verkoop', row: 5, col: 1 },
);
window.__workbook = workbook;
if (config.shortfalls) Object.assign(workbook, { shortfalls: new Set(config.shortfalls) });
window.__emptySpec = emptySpec;
window.__calls = [];
window.__inserted = [];

/** As a host would: answer later, and as plain JSON (what crosses google.script.run). */
async function call<T>(kind: Kind, options: unknown, run: () => unknown): Promise<T> {
  window.__calls.push({ kind, options: JSON.parse(JSON.stringify(options ?? null)) });
  const nth = window.__calls.filter((c) => c.kind === kind).length;
  await new Promise((resolve) => setTimeout(resolve, config.delay));
  const failure = config.fail?.[kind];
  if (failure && nth >= (config.failFromCall ?? 1)) throw new UserError(failure);
  return JSON.parse(JSON.stringify(await run())) as T;
}

const withHost = (o: object): AnalysisOptions => ({ ...(o as AnalysisOptions), host: config.host, today: 46000 });

const bridge: Bridge = {
  host: config.host,
  displayLanguage: () => config.displayLanguage,
  detect: (o) => call('detect', o, () => detect(workbook, o)),
  preview: (o) => call('preview', o, () => preview(workbook, withHost(o))),
  apply: (o) => call('apply', o, () => apply(workbook, withHost(o))),
  insertFormula:
    config.host === 'excel'
      ? async (formula) => {
          window.__inserted.push(formula);
          await new Promise((resolve) => setTimeout(resolve, config.delay));
          const { sheet, row, col } = workbook.active;
          workbook.write({ ...emptySpec(), blocks: [{ sheet, row, col, values: [[{ formula }]] }] });
        }
      : undefined,
  listTemplates: (language) => call('listTemplates', { language }, () => listTemplates(workbook, language)),
  listTiers: () => call('listTiers', {}, () => listTiers(workbook)),
  listAccounts: (o) => call('listAccounts', o, () => listAccounts(workbook, o)),
  // As the hosts: Excel reports each plan, Sheets answers once per call.
  generatePlans: (o, onProgress) =>
    call('generatePlans', o, () => generatePlans(workbook, { ...o, host: config.host, onProgress: config.host === 'excel' ? onProgress : undefined })),
  refreshOverview: (o) => call('refreshOverview', o, () => refreshOverview(workbook, o)),
  writeSelectionSheet: (o) => call('writeSelectionSheet', o, () => writeSelectionSheet(workbook, o)),
  writeMigrationSheet: (o) => call('writeMigrationSheet', o, () => writeMigrationSheet(workbook, o)),
  activateSheet: (name, language = 'en') =>
    call('activateSheet', { name }, () => {
      if (!workbook.sheets.has(name)) throw new Error(fill(t(language).host.sheetGone, { sheet: name }));
      workbook.active = { sheet: name, row: 0, col: 0 };
      workbook.selection = undefined;
      return null;
    }),
};

mount(bridge, document.getElementById('app')!);
