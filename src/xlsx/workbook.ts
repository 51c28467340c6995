// The Workbook port on an .xlsx file: the host of the command-line runner and of tests on real
// files. The package is read where it lies (streaming, src/xlsx/package/read-*) and written as the
// same package with only the command's changes (src/xlsx/package/write-spec.ts): every part the
// command has no reason to touch leaves as the input's own bytes. Every method answers directly.
import { SheetSpec } from '../../shared/sheet-spec';
import { SheetValues, Workbook, WorkbookInfo } from '../../shared/workbook';
import { PackageEdit } from './package/package-edit';
import { CellContext, cellContext } from './package/read-cells';
import { XlsxPackage } from './package/read-package';
import { sheetValues, workbookInfo } from './package/read-workbook';
import { PackageWriter } from './package/write-spec';
import { numberFormatAt } from './package/read-format';

export class XlsxWorkbook implements Workbook {
  private writer: PackageWriter | null = null;
  /** Shared strings and date formats, read once until the next write changes them. */
  private context: CellContext | null = null;
  /** A sheet's first read, kept for one more until the next write: a command reads the sheet the
   * CLI just read. The re-read is handed these very values (nobody else holds them) and they are
   * forgotten, so a large sheet is never in memory twice while the command works on it. */
  private readonly reads = new Map<string, SheetValues>();

  constructor(readonly pkg: XlsxPackage) {}

  /** Opens a workbook file; a PackageError (one sentence) for every way that can fail. */
  static open(path: string): XlsxWorkbook {
    return new XlsxWorkbook(XlsxPackage.open(path));
  }

  /** Parts of a spec this host cannot render. */
  get skipped(): string[] {
    return this.writer?.skipped ?? [];
  }

  /** Whether anything was written (a run that changed nothing can leave the file as it is). */
  get changed(): boolean {
    return this.writer !== null;
  }

  info(): WorkbookInfo {
    return workbookInfo(this.pkg);
  }

  readSheet(name: string): SheetValues {
    const kept = this.reads.get(name);
    if (kept) {
      this.reads.delete(name);
      return kept;
    }
    this.context ??= cellContext(this.pkg);
    const values = sheetValues(this.pkg, name, this.context);
    this.reads.set(name, values);
    return { ...values, values: values.values.map((r) => r.slice()) };
  }

  /** A cell's number format code, "General" when it has none (as written so far: the input's). */
  numberFormat(sheet: string, row: number, col: number): string {
    return numberFormatAt(this.pkg, sheet, row, col);
  }

  write(spec: SheetSpec): void {
    this.reads.clear();
    this.context = null;
    this.writer ??= new PackageWriter(new PackageEdit(this.pkg));
    this.writer.write(spec);
  }

  /** Writes the workbook, changed, to a new file (which must not exist yet): parts the commands
   * did not change are copied as the input's compressed bytes. */
  save(path: string): void {
    (this.writer?.edit ?? new PackageEdit(this.pkg)).save(path);
  }

  close(): void {
    this.pkg.close();
  }
}
