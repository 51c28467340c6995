// Compare periods (the pane's action; analyze --compare does the same within the analysis): the
// Tier migration sheet from the lines the last analysis counted — its "Counted as" keys, amounts
// and dates, read through their workbook names — so the sheet's SUMIFS count exactly those lines.
// Three round-trips: info, the revenue table, the write.
import { Cell, isEmptyCell } from '../cells';
import { isoDate } from '../dates';
import { Language, fill, t } from '../i18n/strings';
import { emptySpec } from '../sheet-spec';
import { Awaitable, Workbook, andThen, cellAt } from '../workbook';
import { SOURCE_NAMES } from './analysis';
import { UserError } from './errors';
import { MIGRATION_NAME, MigrationSummary, addMigrationSheet } from './migration-sheet';
import { readTierSettings } from './tier-cut';

export interface CompareOptions {
  language: Language;
  /** The tiers of both periods; default 80% / 95%, A, B, C. */
  cutoffs?: number[];
  labels?: string[];
  /** First day of the second period (serial); default: the last 12 months of the data against the 12 before. */
  split?: number;
}

export interface CompareResult extends MigrationSummary {
  message: string;
}

export function writeMigrationSheet(wb: Workbook, options: CompareOptions): Awaitable<CompareResult> {
  const w = t(options.language).migration;
  const { cutoffs, labels } = readTierSettings(options);
  return andThen(wb.info(), (info) => {
    const keys = info.names[SOURCE_NAMES.keys];
    const amounts = info.names[SOURCE_NAMES.amounts];
    const dates = info.names[SOURCE_NAMES.dates];
    const together = keys && amounts && dates && keys.sheet === amounts.sheet && keys.sheet === dates.sheet && info.sheets.includes(keys.sheet);
    if (!together) throw new UserError(w.noAnalysis);
    return andThen(wb.readSheet(keys.sheet), (values) => {
      // The counted lines: a "Counted as" key (empty on the rows the analysis left out).
      const lines = { keys: [] as Cell[], amounts: [] as (number | null)[], dates: [] as Cell[] };
      for (let i = 0; i < keys.region.rows; i++) {
        const key = cellAt(values, keys.region.row + i, keys.region.col);
        if (isEmptyCell(key)) continue;
        const amount = cellAt(values, amounts.region.row + i, amounts.region.col);
        lines.keys.push(key);
        lines.amounts.push(typeof amount === 'number' ? amount : null);
        lines.dates.push(cellAt(values, dates.region.row + i, dates.region.col));
      }
      if (!lines.keys.length) throw new UserError(w.noAnalysis);
      const spec = emptySpec();
      const previous = info.names[MIGRATION_NAME] ?? null;
      const summary = addMigrationSheet(spec, {
        language: options.language,
        ranges: { amounts: SOURCE_NAMES.amounts, keys: SOURCE_NAMES.keys, dates: SOURCE_NAMES.dates },
        ...lines,
        cutoffs,
        labels,
        split: options.split,
        sheets: info.sheets,
        previous,
      });
      const { periods } = summary;
      const message = fill(w.written, {
        sheet: summary.sheet,
        before: `${isoDate(periods.from)} – ${isoDate(periods.split - 1)}`,
        after: `${isoDate(periods.split)} – ${isoDate(periods.to)}`,
        down: summary.movedDown,
        lost: summary.lost,
        added: summary.added,
      });
      return andThen(wb.write(spec), () => ({ ...summary, message }));
    });
  });
}
