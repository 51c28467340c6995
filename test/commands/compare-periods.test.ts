// Compare periods (the pane's action): the Tier migration sheet from the lines the written analysis
// counted, read through its names, on an in-memory workbook; the same sheet analyze --compare writes.
import { describe, expect, it } from 'vitest';
import { Cell } from '../../shared/cells';
import { apply } from '../../shared/commands/analysis';
import { writeMigrationSheet } from '../../shared/commands/compare-periods';
import { MIGRATION_NAMES } from '../../shared/commands/migration-sheet';
import { listAccounts } from '../../shared/commands/plans';
import { MemoryWorkbook } from '../support/memory-workbook';
import { serialOf, tierMigrationInvoices } from '../support/revenue-sheets';

// Core and Dell move down from 2024 to 2025, Echo is lost, Fox is new; a totals row at the end.
const INVOICES: Cell[][] = [...tierMigrationInvoices(), ['Total', null, 3149]];

const analysed = () => {
  const wb = new MemoryWorkbook({ Invoices: INVOICES });
  apply(wb, { host: 'sheets', language: 'en' });
  wb.calls.info = wb.calls.readSheet = wb.calls.write = wb.calls.numberFormat = 0;
  return wb;
};

describe('compare periods from the written analysis', () => {
  it('writes the sheet analyze --compare writes, says who moved, and costs info, one read and one write', () => {
    const wb = analysed();
    const result = writeMigrationSheet(wb, { language: 'en' }) as Awaited<ReturnType<typeof writeMigrationSheet>>;
    expect(result).toMatchObject({ sheet: 'Tier migration', movedDown: 2, lost: 1, added: 1 });
    expect(result.message).toBe('Tier migration on the sheet Tier migration (2024-01-01 – 2024-12-31 against 2025-01-01 – 2025-12-31): 2 accounts moved down, 1 lost, 1 new.');
    expect(wb.calls).toMatchObject({ info: 1, readSheet: 1, write: 1 });
    const fromCli = new MemoryWorkbook({ Invoices: INVOICES });
    apply(fromCli, { host: 'sheets', language: 'en', compare: {} });
    // Cell for cell the same sheet (the account named as counted: " Beta " is Beta either way)
    expect([...wb.snapshot('Tier migration')]).toEqual([...fromCli.snapshot('Tier migration')]);
    // The account table's Movement column, named for the plans
    const moves = wb.names[MIGRATION_NAMES.moves];
    const accounts = wb.names[MIGRATION_NAMES.accounts];
    const rows = Array.from({ length: moves.region.rows }, (_, i) => [wb.get('Tier migration', accounts.region.row + i, accounts.region.col), wb.get('Tier migration', moves.region.row + i, moves.region.col)]);
    expect(rows).toEqual([['Acme', 'Same'], ['Beta', 'Same'], ['Core', 'Down'], ['Dell', 'Down'], ['Echo', 'Lost'], ['Fox', 'New']]);
  });

  it('replaces its own earlier sheet, at the tiers and split date given, in Dutch', () => {
    const wb = analysed();
    writeMigrationSheet(wb, { language: 'nl' });
    const again = writeMigrationSheet(wb, { language: 'nl', cutoffs: [0.5], labels: ['Top', 'Rest'], split: serialOf(2025, 1, 1) }) as Awaited<ReturnType<typeof writeMigrationSheet>>;
    expect(again.sheet).toBe('Verschuivingen');
    expect([...wb.sheets.keys()]).toEqual(['Invoices', 'Pareto', 'Verschuivingen']);
    expect(again.message).toMatch(/^Verschuivingen op het blad Verschuivingen \(2024-03-01 – 2024-12-31 tegen 2025-01-01 – 2025-12-31\): \d+ klanten gezakt, 1 verloren, 1 nieuw\.$/);
    expect(wb.get('Verschuivingen', 3, 15)).toBe('Beweging');
  });

  it('says what is missing: no analysis, or one without dates', () => {
    expect(() => writeMigrationSheet(new MemoryWorkbook({ Invoices: INVOICES }), { language: 'en' })).toThrow(
      'Write the analysis with a date column first: comparing periods counts the lines the analysis counted.',
    );
    const noDates = new MemoryWorkbook({ Invoices: INVOICES });
    apply(noDates, { host: 'sheets', language: 'nl', date: null });
    expect(() => writeMigrationSheet(noDates, { language: 'nl' })).toThrow('Schrijf eerst de analyse met een datumkolom: perioden vergelijken telt de regels die de analyse telde.');
    expect(() => writeMigrationSheet(analysed(), { language: 'en', cutoffs: [0.9, 0.5] })).toThrow(/cutoffs/);
  });
});

describe('the accounts that moved down, as the plans\' accounts', () => {
  const movedDown = (wb: MemoryWorkbook, language: 'en' | 'nl' = 'en') => listAccounts(wb, { accounts: { movedDown: true }, language }) as Awaited<ReturnType<typeof listAccounts>>;

  it('are the Down rows of the latest Tier migration sheet, largest earlier revenue first, with their facts', () => {
    const wb = analysed();
    writeMigrationSheet(wb, { language: 'nl' }); // Omlaag: read in either language
    expect(movedDown(wb).map((f) => [f.name, f.tier, f.revenue])).toEqual([['Core', 'B', 110], ['Dell', 'C', 90]]);
  });

  it('say what is missing: no migration sheet, or nobody moved down', () => {
    expect(() => movedDown(analysed())).toThrow('There is no Tier migration sheet yet: compare periods first (Analyse › Compare periods, or account-planner analyze --compare).');
    const wb = analysed();
    writeMigrationSheet(wb, { language: 'nl', cutoffs: [0.999], labels: ['A', 'B'] }); // everybody A in both periods
    expect(() => movedDown(wb, 'nl')).toThrow('Op het blad Verschuivingen is geen klant een klasse gezakt.');
  });

  it('counts the lines without a date in words that fit the count, in English and Dutch', () => {
    const note = (undated: number, language: 'en' | 'nl') => {
      // The invoices without their own undated line, then `undated` lines of Acme without a date
      const dated = tierMigrationInvoices().filter((row) => row[1] !== null);
      const lines: Cell[][] = [...dated, ...Array.from({ length: undated }, (_, i): Cell[] => ['Acme', null, 10 + i])];
      const wb = new MemoryWorkbook({ Invoices: lines });
      apply(wb, { host: 'sheets', language, compare: {} });
      return String(wb.get(language === 'nl' ? 'Verschuivingen' : 'Tier migration', 1, 0));
    };
    expect(note(1, 'en')).toMatch(/ One line without a date is not counted\.$/);
    expect(note(2, 'en')).toMatch(/ 2 lines without a date are not counted\.$/);
    expect(note(1, 'nl')).toMatch(/ Eén regel zonder datum telt niet mee\.$/);
    expect(note(3, 'nl')).toMatch(/ 3 regels zonder datum tellen niet mee\.$/);
    expect(note(0, 'en')).not.toMatch(/without a date/);
  });
});
