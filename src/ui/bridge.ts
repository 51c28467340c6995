// The one interface the pane talks to. The Excel task pane calls the shared commands directly;
// the Sheets sidebar reaches them through google.script.run. Everything crossing it is plain JSON.
import type { AnalysisOptions, AnalysisResult, Detection, Preview } from '../../shared/commands/analysis';

/** What the pane asks for: the analysis options less the host, which the bridge knows. */
export type AnalysisRequest = Omit<AnalysisOptions, 'host' | 'today'>;
export type DetectRequest = Pick<AnalysisOptions, 'language' | 'sheet' | 'at'>;

export interface Bridge {
  host: 'excel' | 'sheets';
  /** The host's display language, such as "nl-NL"; the pane starts in it. */
  displayLanguage(): string;
  detect(o: DetectRequest): Promise<Detection>;
  preview(o: AnalysisRequest): Promise<Preview>;
  apply(o: AnalysisRequest): Promise<AnalysisResult>;
  /** Writes a formula into the active cell; hosts without it let the user copy the text. */
  insertFormula?(formula: string): Promise<void>;
}
