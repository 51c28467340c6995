// The task pane's bridge: the shared commands called directly on the Excel workbook, and the
// ƒx tab's insert into the active cell. Host globals used here: Excel, Office.
import { AnalysisOptions, apply, detect, preview } from '../../shared/commands/analysis';
import type { AnalysisRequest, Bridge, DetectRequest } from '../ui/bridge';
import { ExcelWorkbook } from './workbook';

const excel = (o: AnalysisRequest): AnalysisOptions => ({ ...o, host: 'excel' });

export function excelBridge(displayLanguage: () => string = () => Office.context?.displayLanguage ?? 'en'): Bridge {
  // A new workbook per call: each command reads the workbook as it is now.
  return {
    host: 'excel',
    displayLanguage,
    detect: async (o: DetectRequest) => detect(new ExcelWorkbook(), o),
    preview: async (o: AnalysisRequest) => preview(new ExcelWorkbook(), excel(o)),
    apply: async (o: AnalysisRequest) => apply(new ExcelWorkbook(), excel(o)),
    insertFormula: (formula: string) =>
      Excel.run(async (context) => {
        context.workbook.getActiveCell().formulas = [[formula]];
        await context.sync();
      }),
  };
}
