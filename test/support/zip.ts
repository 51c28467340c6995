// The parts of a zip file (an .xlsx) as text, through the product's own zip code: enough to
// compare two workbooks part by part, and to make workbooks with parts ExcelJS never writes.
import { zipEntries, zipOf, zipPart } from '../../src/xlsx/zip';

export function zipParts(zip: Buffer): Map<string, string> {
  const entries = zipEntries(zip);
  if (!entries) throw new Error('not a zip file');
  return new Map(entries.map((e) => [e.name, zipPart(zip, e)?.toString('utf8') ?? '']));
}

export { zipOf };
