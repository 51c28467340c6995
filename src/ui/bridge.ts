// The one interface the pane talks to. The Excel task pane calls the shared commands directly;
// the Sheets sidebar reaches them through google.script.run. Everything crossing it is plain JSON
// (dates as serial numbers, never Date objects), except the Excel-only progress callback.
import type { AnalysisOptions, AnalysisResult, Detection, Preview } from '../../shared/commands/analysis';
import type { CompareOptions, CompareResult } from '../../shared/commands/compare-periods';
import type { OverviewResult } from '../../shared/commands/overview';
import type { AccountFacts, PlanOptions, PlansResult, TemplateOption } from '../../shared/commands/plans';
import type { SelectionOptions, SelectionResult } from '../../shared/commands/selection-sheet';
import type { Language } from '../../shared/i18n/strings';

/** What the pane asks for: the analysis options less the host, which the bridge knows. */
export type AnalysisRequest = Omit<AnalysisOptions, 'host' | 'today'>;
export type DetectRequest = Pick<AnalysisOptions, 'language' | 'sheet' | 'at'>;
/** The accounts a choice stands for; the language is that of the messages. */
export type AccountsRequest = Pick<PlanOptions, 'accounts' | 'language'>;
/** Plan generation less the host and the callback (which cannot cross google.script.run). */
export type PlansRequest = Omit<PlanOptions, 'host' | 'onProgress'>;
export interface OverviewRequest {
  language: Language;
}
/** Called after each plan (Excel only: Sheets answers once per call). */
export type PlanProgress = (done: number, total: number, account: string) => void;

export interface Bridge {
  host: 'excel' | 'sheets';
  /** The host's display language, such as "nl-NL"; the pane starts in it. */
  displayLanguage(): string;
  detect(o: DetectRequest): Promise<Detection>;
  preview(o: AnalysisRequest): Promise<Preview>;
  apply(o: AnalysisRequest): Promise<AnalysisResult>;
  /** Writes a formula into the active cell; hosts without it let the user copy the text. */
  insertFormula?(formula: string): Promise<void>;
  /** The built-in templates and the workbook's own "Template …" sheets, named in `language`. */
  listTemplates(language: Language): Promise<TemplateOption[]>;
  /** The tier labels of the last analysis, in tier order; empty without one. */
  listTiers(): Promise<string[]>;
  listAccounts(o: AccountsRequest): Promise<AccountFacts[]>;
  generatePlans(o: PlansRequest, onProgress?: PlanProgress): Promise<PlansResult>;
  refreshOverview(o: OverviewRequest): Promise<OverviewResult>;
  /** Writes a new Key-account selection sheet from the analysis (an earlier one is kept as it is). */
  writeSelectionSheet(o: SelectionOptions): Promise<SelectionResult>;
  /** Compare periods: writes the Tier migration sheet from the lines the last analysis counted. */
  writeMigrationSheet(o: CompareOptions): Promise<CompareResult>;
  /** Shows a sheet; rejects with a readable message (in `language`) when it is not there. */
  activateSheet(name: string, language?: Language): Promise<void>;
}
