// What of a workbook the .xlsx library cannot keep, found from the file's part names alone.
import { describe, expect, it } from 'vitest';
import { describeUnkept, unkeptContents } from '../../src/xlsx/unkept-contents';
import { zipEntries } from '../../src/xlsx/zip-entries';
import { makeZip } from '../support/zip';

const workbookWith = (...names: string[]) => makeZip(new Map(['xl/workbook.xml', ...names].map((n) => [n, '<x/>'])));

describe('unkeptContents', () => {
  it('counts charts, chart sheets, pivot tables and slicers, and nothing ExcelJS keeps', () => {
    const file = workbookWith(
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/colors1.xml',
      'xl/chartsheets/sheet1.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/slicers/slicer1.xml',
      'xl/externalLinks/externalLink1.xml',
      'xl/vbaProject.bin',
      'xl/worksheets/sheet1.xml',
      'xl/drawings/drawing1.xml',
      'xl/media/image1.png',
      'xl/tables/table1.xml',
      'xl/comments1.xml',
      'xl/printerSettings/printerSettings1.bin',
    );
    expect(unkeptContents(file)).toEqual({ chart: 3, pivotTable: 1, slicer: 1, externalLink: 1, macros: 1 });
  });

  it('finds nothing in a plain workbook, or in a file that is not a zip', () => {
    expect(unkeptContents(workbookWith('xl/worksheets/sheet1.xml', 'xl/styles.xml'))).toEqual({});
    expect(unkeptContents(Buffer.from('not a zip at all, but long enough to be searched'))).toEqual({});
    expect(zipEntries(Buffer.alloc(10))).toBeNull();
  });

  it('says what it found in English and Dutch', () => {
    expect(describeUnkept({ chart: 2, pivotTable: 1, slicer: 3 }, 'en')).toBe('2 charts, 1 pivot table and 3 slicers');
    expect(describeUnkept({ chart: 1, externalLink: 2 }, 'nl')).toBe('1 grafiek en 2 koppelingen naar andere werkmappen');
    expect(describeUnkept({ macros: 1 }, 'en')).toBe('1 macro project');
  });
});
