// The sheet editor on hand-written sheet XML: the rows it does not touch come out as they went
// in, the cells it writes go into their rows in column order, and it streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecValue } from '../../../shared/sheet-spec';
import { LIMITS } from '../../../src/xlsx/package/zip-file';
import { SheetChanges, SheetEditor, editSheetText, noSheetChanges } from '../../../src/xlsx/package/sheet-edit';
import { SheetScanner } from '../../../src/xlsx/package/sheet-scan';
import { sheetXml } from '../../support/sheet-xml';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261128 });

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const changes = (extra: Partial<SheetChanges>): SheetChanges => ({ ...noSheetChanges(), ...extra });

/** The editor fed a piece at a time, as the package hands a part over. */
function streamed(xml: string, c: SheetChanges, piece: number): string {
  const out: string[] = [];
  const editor = new SheetEditor(c, (t) => out.push(t));
  for (let at = 0; at < xml.length; at += piece) editor.push(xml.slice(at, at + piece));
  editor.end();
  return out.join('');
}

type Raw = [number, number, string | undefined, number, string | null];

/** A sheet's cells as the runner reads them (row, column, type, style, value text). */
function cellsOf(xml: string): Raw[] {
  const cells: Raw[] = [];
  const scanner = new SheetScanner((row, col, type, style, text) => void cells.push([row, col, type, style, text]));
  if (scanner.push(xml)) scanner.end();
  return cells;
}

/** Each row's text with its 0-based number (its r, else the one after the row before). */
function rowsOf(xml: string): { row: number; text: string }[] {
  let row = -1;
  return [...xml.matchAll(/<(?:x:)?row\b[^>]*\/>|<(?:x:)?row\b[^>]*>[\s\S]*?<\/(?:x:)?row>/g)].map(([text]) => {
    const r = /^<[^>]*?\s(?:x:)?r\s*=\s*["'](\d+)/.exec(text);
    row = r ? Number(r[1]) - 1 : row + 1;
    return { row, text };
  });
}

describe('the sheet editor', () => {
  const sheet =
    `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:dimension ref="A1:B3"/><x:sheetData>` +
    `<x:row r="1" spans="1:2"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>\n` +
    `<x:row r="2"><x:c r="A2" s="1"><x:f>B1*2</x:f><x:v>4</x:v></x:c></x:row>` +
    `<x:row><x:c><x:v>5</x:v></x:c><x:c><x:v>6</x:v></x:c></x:row>` +
    `<x:row r="9"><x:c r="A9"/></x:row></x:sheetData>` +
    `<x:conditionalFormatting sqref="A1"><x:cfRule type="expression" priority="4" dxfId="0"><x:formula>TRUE</x:formula></x:cfRule></x:conditionalFormatting>` +
    `<x:pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></x:worksheet>`;
  const tiers = changes({
    blocks: [{ sheet: 's', row: 0, col: 2, values: [['Tier'], ['A'], ['B'], [null]] }],
    styles: [{ region: { row: 0, col: 0, rows: 1, cols: 3 }, restyle: (xf) => xf + 10 }],
    conditional: [{ region: { row: 1, col: 2, rows: 3, cols: 1 }, rules: [{ type: 'cellIs', dxfId: 1, formula: '"A"' }] }],
  });

  it('writes cells into their rows in column order, leaving untouched rows and cells as they were', () => {
    const out = editSheetText(sheet, tiers);
    // Row 9 is not touched: the same text
    expect(out).toContain('<x:row r="9"><x:c r="A9"/></x:row>');
    // Row 1: the existing cells restyled in place, the new one after them; the span hint goes
    expect(out).toContain('<x:row r="1"><x:c r="A1" t="s" s="10"><x:v>0</x:v></x:c><x:c r="B1" s="10"><x:v>2</x:v></x:c><x:c r="C1" s="10" t="inlineStr"><x:is><x:t>Tier</x:t></x:is></x:c></x:row>');
    // A formula cell kept to the letter
    expect(out).toContain('<x:c r="A2" s="1"><x:f>B1*2</x:f><x:v>4</x:v></x:c><x:c r="C2" t="inlineStr">');
    // A row and cells without a reference: numbered where they are (row 3, A and B)
    expect(out).toContain('<x:row r="3"><x:c r="A3"><x:v>5</x:v></x:c><x:c r="B3"><x:v>6</x:v></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>B</x:t>');
    // The existing rule keeps its priority; the new one comes after it, before the margins
    expect(out).toContain('<x:formula>TRUE</x:formula></x:cfRule></x:conditionalFormatting><x:conditionalFormatting sqref="C2:C4"><x:cfRule type="cellIs" dxfId="1" priority="5" operator="equal"><x:formula>&quot;A&quot;</x:formula></x:cfRule></x:conditionalFormatting><x:pageMargins');
    expect(out).toContain('<x:dimension ref="A1:C4"/>');
  });

  it('gives the same text whatever the size of the pieces it is fed', () => {
    const whole = editSheetText(sheet, tiers);
    for (const piece of [1, 7, 64]) expect(streamed(sheet, tiers, piece)).toBe(whole);
  });

  it('adds new columns to any sheet: every cell kept, the new ones where they go, untouched rows as they were', () => {
    const value = fc.oneof(fc.constantFrom<SpecValue>('A', 'Acme & Co', ' lead', '<b>', '', 'tab\tin', null), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    const block = fc.record({ row: fc.nat(20), values: fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 25 }) });
    // The first new column formatted over rows of its own (a header's, the values', or others).
    const styled = fc.record({ row: fc.nat(30), rows: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(sheetXml(20, 6, false), block, styled, fc.integer({ min: 1, max: 500 }), (xml, b, st, piece) => {
        const col = 16;
        const c = changes({
          blocks: [{ sheet: 's', row: b.row, col, values: b.values }],
          styles: [{ region: { row: st.row, col, rows: st.rows, cols: 1 }, restyle: () => 5 }],
        });
        const out = editSheetText(xml, c);
        expect(streamed(xml, c, piece)).toBe(out);
        const added: Raw[] = [];
        const bottom = Math.max(b.row + b.values.length, st.row + st.rows);
        for (let row = Math.min(b.row, st.row); row < bottom; row++) {
          const values = row >= b.row && row < b.row + b.values.length ? b.values[row - b.row] : undefined;
          for (let k = 0; k < 2; k++) {
            const xf = k === 0 && row >= st.row && row < st.row + st.rows ? 5 : 0;
            const v = values?.[k];
            if (typeof v === 'string') added.push([row, col + k, 'inlineStr', xf, v]);
            else if (typeof v === 'number') added.push([row, col + k, undefined, xf, String(Object.is(v, -0) ? 0 : v)]);
            // A blank of a block is an empty cell (what was there goes); a format alone, one too.
            else if (v === null || xf) added.push([row, col + k, undefined, xf, null]);
          }
        }
        const expected = [...cellsOf(xml), ...added].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(cellsOf(out)).toEqual(expected);
        const touched = (row: number) => (row >= b.row && row < b.row + b.values.length) || (row >= st.row && row < st.row + st.rows);
        for (const { row, text } of rowsOf(xml)) if (!touched(row)) expect(out).toContain(text);
      }),
      { numRuns: 200 },
    );
  });

  it('adds rows where there were none, in order, with heights and merges', () => {
    const out = editSheetText(
      `<worksheet xmlns="${NS}"><sheetData/></worksheet>`,
      changes({ blocks: [{ sheet: 's', row: 2, col: 0, values: [[1, true, { formula: '=A3*2' }]] }], rowHeights: [{ row: 0, rows: 1, points: 30 }], merges: [{ row: 2, col: 3, rows: 1, cols: 2 }] }),
    );
    expect(out).toBe(
      `<worksheet xmlns="${NS}"><sheetData><row r="1" ht="30" customHeight="1"/><row r="3"><c r="A3"><v>1</v></c><c r="B3" t="b"><v>1</v></c><c r="C3"><f>A3*2</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="D3:E3"/></mergeCells></worksheet>`,
    );
  });

  it('drops its own earlier rules and validations where it rewrites, never one reaching other cells', () => {
    const cf = (sqref: string, priority: number) => `<conditionalFormatting sqref="${sqref}"><cfRule type="expression" dxfId="0" priority="${priority}"><formula>TRUE</formula></cfRule></conditionalFormatting>`;
    const dv = (sqref: string) => `<dataValidation type="whole" sqref="${sqref}"><formula1>1</formula1></dataValidation>`;
    const xml = (tail: string) => `<worksheet xmlns="${NS}"><sheetData/>${tail}<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>`;
    const rewrite = changes({
      clears: [{ row: 0, col: 2, rows: 10, cols: 2 }],
      conditional: [{ region: { row: 1, col: 2, rows: 3, cols: 1 }, rules: [{ type: 'expression', dxfId: 1, formula: 'C2>0' }] }],
      validations: [{ region: { row: 0, col: 6, rows: 5, cols: 1 }, type: 'whole', operator: 'between', formula1: '1', formula2: '5', message: 'Rate 1 to 5' }],
    });
    // Inside the cleared C1:D10: C2:C4 and "C2 D5:D6" are earlier output; A1 and C9:C11 reach other cells.
    // Under the new rule on G1:G5: G2:G3 goes, F2:H3 leaves it those cells; G1:H1 stays whole (its
    // first cell, from which relative references are read, is under the new rule).
    // (An empty <sheetData/> is written opened up.)
    const edit = (text: string, c: SheetChanges) => editSheetText(text, c).replace('<sheetData></sheetData>', '<sheetData/>');
    const out = edit(
      xml(`${cf('A1', 1)}${cf('C2:C4', 2)}${cf('C9:C11', 3)}${cf('C2 D5:D6', 4)}<dataValidations count="5">${dv('A1:A3')}${dv('D1:D10')}${dv('G2:G3')}${dv('G1:H1')}${dv('F2:H3')}</dataValidations>`),
      rewrite,
    );
    expect(out).toBe(
      xml(
        `${cf('A1', 1)}${cf('C9:C11', 3)}<conditionalFormatting sqref="C2:C4"><cfRule type="expression" dxfId="1" priority="4"><formula>C2&gt;0</formula></cfRule></conditionalFormatting>` +
          `<dataValidations count="4">${dv('A1:A3')}${dv('G1:H1')}${dv('F2:F3 H2:H3')}<dataValidation type="whole" operator="between" allowBlank="1" showErrorMessage="1" error="Rate 1 to 5" sqref="G1:G5"><formula1>1</formula1><formula2>5</formula2></dataValidation></dataValidations>`,
      ),
    );
    // A list left empty goes (an empty one is not allowed); an unreadable range is someone's
    const only = edit(xml(`${cf('C1 Sheet2!A1', 1)}<dataValidations count="1">${dv('C3')}</dataValidations>`), changes({ clears: [{ row: 0, col: 2, rows: 10, cols: 2 }] }));
    expect(only).toBe(xml(cf('C1 Sheet2!A1', 1)));
  });

  it('keeps text as text, control characters escaped as Excel escapes them', () => {
    const out = editSheetText(`<worksheet xmlns="${NS}"><sheetData/></worksheet>`, changes({ blocks: [{ sheet: 's', row: 0, col: 0, values: [['=SUM(A1) & <b>\u0001_x0041_']] }] }));
    expect(out).toContain('<t>=SUM(A1) &amp; &lt;b&gt;_x0001__x005F_x0041_</t>');
  });

  it('marks text whose spaces at either end must be kept, and only that text', () => {
    const out = editSheetText(`<worksheet xmlns="${NS}"><sheetData/></worksheet>`, changes({ blocks: [{ sheet: 's', row: 0, col: 0, values: [[' Acme', 'Acme ', 'Ac me', '\tAcme']] }] }));
    expect(out.match(/<t[^>]*>[^<]*<\/t>/g)).toEqual(['<t xml:space="preserve"> Acme</t>', '<t xml:space="preserve">Acme </t>', '<t>Ac me</t>', '<t xml:space="preserve">&#9;Acme</t>']);
  });

  it('streams a sheet of 1,048,576 rows: output flows while input comes in, in small pieces', () => {
    const rows = 1_048_576;
    const out: number[] = [];
    let seenBeforeEnd = 0;
    const editor = new SheetEditor(changes({ blocks: [{ sheet: 's', row: 0, col: 1, values: [['Tier']] }] }), (t) => out.push(t.length));
    editor.push(`<worksheet xmlns="${NS}"><sheetData>`);
    const batch = 4096;
    for (let r = 1; r <= rows; r += batch) {
      let text = '';
      for (let k = r; k < Math.min(r + batch, rows + 1); k++) text += `<row r="${k}"><c r="A${k}"><v>${k}</v></c></row>`;
      editor.push(text);
      if (r > rows / 2 && !seenBeforeEnd) seenBeforeEnd = out.reduce((n, x) => n + x, 0);
    }
    editor.push('</sheetData></worksheet>');
    editor.end();
    // Half the rows in, most of them are out already; no piece is larger than a few hundred KB.
    expect(seenBeforeEnd).toBeGreaterThan(10_000_000);
    expect(Math.max(...out)).toBeLessThan(512 * 1024);
    expect(out.reduce((n, x) => n + x, 0)).toBeGreaterThan(rows * 30);
  });

  it('finds the end of rows whose prefix is not the root element\'s', () => {
    const xml = `<worksheet xmlns="${NS}" xmlns:x="${NS}"><sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row></sheetData></worksheet>`;
    const out = editSheetText(xml, changes({ blocks: [{ sheet: 's', row: 1, col: 1, values: [['Tier']] }] }));
    expect(out).toContain('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c><c r="B2" t="inlineStr">');
    expect(out).toMatch(/<\/x:row><\/sheetData><\/worksheet>$/);
  });

  it('stops with a sentence, not a crash, at a row or section longer than one string may safely be', () => {
    const limit = LIMITS.wholePart;
    LIMITS.wholePart = 1000;
    try {
      const editor = new SheetEditor(changes({}), () => undefined, 'big.xlsx', 'xl/worksheets/sheet1.xml');
      editor.push(`<worksheet xmlns="${NS}"><sheetData><row r="1">`);
      expect(() => editor.push('<c><v>1</v></c>'.repeat(100))).toThrow(expect.objectContaining({ key: 'sectionTooLarge', values: { name: 'big.xlsx', part: 'xl/worksheets/sheet1.xml', size: 0 } }));
    } finally {
      LIMITS.wholePart = limit;
    }
  });
});
