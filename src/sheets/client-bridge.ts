// The sidebar's bridge: a typed promise wrapper over google.script.run, which calls the server
// entry points of src/sheets/server.ts. Runs in the sidebar's browser frame, not in Apps Script.
// Host globals used here: google.script.run.
import type { AnalysisResult, Detection, Preview } from '../../shared/commands/analysis';
import type { CompareOptions, CompareResult } from '../../shared/commands/compare-periods';
import type { OverviewResult } from '../../shared/commands/overview';
import type { AccountFacts, PlansResult, TemplateOption } from '../../shared/commands/plans';
import type { SelectionOptions, SelectionResult } from '../../shared/commands/selection-sheet';
import type { Language } from '../../shared/i18n/strings';
import type { AccountsRequest, AnalysisRequest, Bridge, DetectRequest, OverviewRequest, PlansRequest } from '../ui/bridge';

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [entryPoint: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

/** The server entry points the sidebar calls (each also listed in scripts/build.ts). */
export type EntryPoint =
  | 'analysisDetect'
  | 'analysisPreview'
  | 'analysisApply'
  | 'plansTiers'
  | 'plansTemplates'
  | 'plansAccounts'
  | 'plansGenerate'
  | 'overviewRefresh'
  | 'selectionWrite'
  | 'migrationWrite'
  | 'activateSheet';

// Apps Script hands the failure handler an Error whose message may start with its type.
const cleanMessage = (error: unknown): string => {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String((error as Error).message) : String(error);
  return message.replace(/^(Error|Exception|UserError):\s*/, '');
};

export function callServer<T>(entryPoint: EntryPoint, argument: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run.withSuccessHandler((value) => resolve(value as T)).withFailureHandler((error) => reject(new Error(cleanMessage(error))));
    // Through JSON: undefined fields dropped, nothing but plain values crosses.
    (run[entryPoint] as (argument: unknown) => void)(JSON.parse(JSON.stringify(argument ?? null)));
  });
}

export function sheetsBridge(displayLanguage: () => string = () => navigator.language): Bridge {
  return {
    host: 'sheets',
    displayLanguage,
    detect: (o: DetectRequest) => callServer<Detection>('analysisDetect', o),
    preview: (o: AnalysisRequest) => callServer<Preview>('analysisPreview', o),
    apply: (o: AnalysisRequest) => callServer<AnalysisResult>('analysisApply', o),
    listTemplates: (language: Language) => callServer<TemplateOption[]>('plansTemplates', { language }),
    listTiers: () => callServer<string[]>('plansTiers', {}),
    listAccounts: (o: AccountsRequest) => callServer<AccountFacts[]>('plansAccounts', o),
    // One answer per call: the pane's batches are the progress Sheets can show.
    generatePlans: (o: PlansRequest) => callServer<PlansResult>('plansGenerate', o),
    refreshOverview: (o: OverviewRequest) => callServer<OverviewResult>('overviewRefresh', o),
    writeSelectionSheet: (o: SelectionOptions) => callServer<SelectionResult>('selectionWrite', o),
    writeMigrationSheet: (o: CompareOptions) => callServer<CompareResult>('migrationWrite', o),
    activateSheet: async (name: string, language?: Language) => {
      await callServer<null>('activateSheet', { sheet: name, language });
    },
  };
}
