// The task pane's bridge: the shared commands called directly on the Excel workbook, the ƒx tab's
// insert into the active cell, and showing a sheet. Host globals used here: Excel, Office.
import { AnalysisOptions, apply, detect, preview } from '../../shared/commands/analysis';
import { CompareOptions, writeMigrationSheet } from '../../shared/commands/compare-periods';
import { refreshOverview } from '../../shared/commands/overview';
import { generatePlans, listAccounts, listTemplates, listTiers } from '../../shared/commands/plans';
import { SelectionOptions, writeSelectionSheet } from '../../shared/commands/selection-sheet';
import { Language, fill, t } from '../../shared/i18n/strings';
import type { AccountsRequest, AnalysisRequest, Bridge, DetectRequest, OverviewRequest, PlanProgress, PlansRequest } from '../ui/bridge';
import { ExcelWorkbook } from './workbook';

const excel = (o: AnalysisRequest): AnalysisOptions => ({ ...o, host: 'excel' });
/** A new workbook per call (each command reads the workbook as it is now), its messages in the pane's language. */
const workbook = (language?: Language) => new ExcelWorkbook(undefined, { language });

export function excelBridge(displayLanguage: () => string = () => Office.context?.displayLanguage ?? 'en'): Bridge {
  return {
    host: 'excel',
    displayLanguage,
    detect: async (o: DetectRequest) => detect(workbook(o.language), o),
    preview: async (o: AnalysisRequest) => preview(workbook(o.language), excel(o)),
    apply: async (o: AnalysisRequest) => apply(workbook(o.language), excel(o)),
    insertFormula: (formula: string) =>
      Excel.run(async (context) => {
        context.workbook.getActiveCell().formulas = [[formula]];
        await context.sync();
      }),
    listTemplates: async (language: Language) => listTemplates(workbook(language), language),
    listTiers: async () => listTiers(workbook()),
    listAccounts: async (o: AccountsRequest) => listAccounts(workbook(o.language), o),
    // Excel can report each plan as it is made; the pane also generates in batches, as for Sheets.
    generatePlans: async (o: PlansRequest, onProgress?: PlanProgress) => generatePlans(workbook(o.language), { ...o, host: 'excel', onProgress }),
    refreshOverview: async (o: OverviewRequest) => refreshOverview(workbook(o.language), { language: o.language }),
    writeSelectionSheet: async (o: SelectionOptions) => writeSelectionSheet(workbook(o.language), o),
    writeMigrationSheet: async (o: CompareOptions) => writeMigrationSheet(workbook(o.language), o),
    activateSheet: (name: string, language: Language = 'en') =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem(name).activate();
        try {
          await context.sync();
        } catch (e) {
          if ((e as { code?: unknown })?.code === 'ItemNotFound') throw new Error(fill(t(language).host.sheetGone, { sheet: name }));
          throw e;
        }
      }),
  };
}
