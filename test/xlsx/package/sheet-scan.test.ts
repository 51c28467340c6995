// The light sheet scanner reads every form of <sheetData> the general XML reader read, whatever
// the size of the pieces the text comes in, and refuses what an XML reader refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetScanner, isDamaged } from '../../../src/xlsx/package/sheet-scan';
import { attribute, readXmlChunks } from '../../../src/xlsx/package/xml-stream';
import { sheetXml } from '../../support/sheet-xml';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261128 });

type Raw = [number, number, string | undefined, number, string | null];

function scan(xml: string, piece = xml.length): Raw[] {
  const cells: Raw[] = [];
  const scanner = new SheetScanner((row, col, type, style, text) => void cells.push([row, col, type, style, text]));
  let going = true;
  for (let at = 0; at < xml.length && going; at += piece) going = scanner.push(xml.slice(at, at + piece));
  if (going) scanner.end();
  return cells;
}

const damaged = (xml: string) => {
  try {
    scan(xml);
  } catch (e) {
    return isDamaged(e);
  }
  return false;
};

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** "AB12" → [row, col], 0-based; -1 for a part that is not there (as the scanner reads them). */
function position(ref: string): [number, number] {
  const m = /^([A-Za-z]*)(.*)$/.exec(ref)!;
  const col = m[1] ? [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : -1;
  const row = /^\d+$/.test(m[2]) && Number(m[2]) > 0 ? Number(m[2]) - 1 : -1;
  return [row, col];
}

/** The same cells read by the general XML reader (saxes), as the runner read them before the scanner. */
function readByParser(xml: string): Raw[] {
  const cells: Raw[] = [];
  let [inData, row, col, style, inCell, collecting, inInline, phonetic] = [false, -1, -1, 0, false, false, false, 0];
  let type: string | undefined;
  let text: string | null = null;
  const cellEnd = () => {
    inCell = collecting = false;
    cells.push([row, col, type, style, text]);
  };
  // The reader closes an empty element (<c/>) right after opening it: that close is no end tag.
  let justEmpty = false;
  readXmlChunks('test', 'sheet', (onChunk) => void onChunk(Buffer.from(xml)), {
    open: (name, a, empty) => {
      justEmpty = empty;
      if (!inData) {
        if (name !== 'sheetData') return;
        if (empty) return false;
        inData = true;
        return;
      }
      if (name === 'row') {
        const n = Number(attribute(a, 'r') ?? NaN);
        row = Number.isInteger(n) && n > 0 ? n - 1 : row + 1;
        col = -1;
      } else if (name === 'c') {
        const [r, c] = position(attribute(a, 'r') ?? '');
        if (r >= 0 && r !== row) row = r;
        if (row < 0) row = 0;
        col = c >= 0 ? c : col + 1;
        type = a.t;
        style = a.s ? Number(a.s) : 0;
        text = null;
        inCell = true;
        if (empty) cellEnd();
      } else if (name === 'v' && inCell) {
        text = '';
        collecting = !empty;
      } else if (name === 'is' && inCell) {
        inInline = !empty;
        text = '';
        if (empty) type = 'inlineStr';
      } else if (name === 'rPh' && !empty) phonetic++;
      else if (name === 't' && inInline && phonetic === 0 && !empty) collecting = true;
    },
    text: (t) => {
      if (collecting) text += t;
    },
    close: (name) => {
      if (justEmpty) return void (justEmpty = false);
      if (name === 'sheetData') return false;
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'is') {
        inInline = false;
        type = 'inlineStr';
      } else if (name === 'c') cellEnd();
    },
  });
  return cells;
}

describe('the sheet scanner', () => {
  const sheet =
    `<?xml version="1.0"?>\n<!-- a <sheetData> in a comment --><x:worksheet xmlns:x="${NS}"><x:sheetPr codeName="a&gt;b"/><x:sheetData>` +
    `<x:row r="2" spans="1:3"><x:c r="A2" t="s" s="4"><x:v>7</x:v></x:c><x:c r = 'B2' t='str'><x:f>"&lt;"&amp;"&gt;"</x:f><x:v>&lt;&#x41;&#66;&gt;</x:v></x:c></x:row>` +
    `<x:row><x:c><x:v><![CDATA[1<2]]></x:v></x:c><!-- note --><x:c t="inlineStr"><x:is><x:r><x:t>Bold</x:t></x:r><x:r><x:t xml:space="preserve"> Co\r\n</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ボ</x:t></x:rPh></x:is></x:c></x:row>` +
    `<x:row r="9"><x:c r="B9" t="str"><x:v>a&#13;\r\nb&#9;</x:v></x:c><x:c r="C9" s="2"/><x:c r="D9"><x:v/></x:c><x:c r="E9" t="e"><x:v>#N/A</x:v></x:c><?pi ignored?></x:row>` +
    `</x:sheetData><x:sheetData><x:row><x:c><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const expected: Raw[] = [
    [1, 0, 's', 4, '7'],
    [1, 1, 'str', 0, '<AB>'],
    [2, 0, undefined, 0, '1<2'],
    [2, 1, 'inlineStr', 0, 'Bold Co\n'],
    [8, 1, 'str', 0, 'a\r\nb\t'],
    [8, 2, undefined, 2, null],
    [8, 3, undefined, 0, ''],
    [8, 4, 'e', 0, '#N/A'],
  ];

  it('reads prefixes, quotes, references, CDATA, comments, rich text without its phonetic runs, and stops at the end of the data', () => {
    expect(scan(sheet)).toEqual(expected);
  });

  it('reads the same whatever the size of the pieces', () => {
    for (let piece = 1; piece <= 40; piece++) expect(scan(sheet, piece), `pieces of ${piece}`).toEqual(expected);
  });

  it('reads every cell of any sheet as the general XML reader does, in pieces of any size', () => {
    fc.assert(
      fc.property(sheetXml(), fc.integer({ min: 1, max: 300 }), (xml, piece) => {
        const parsed = readByParser(xml);
        expect(scan(xml)).toEqual(parsed);
        expect(scan(xml, piece)).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('stops when asked to', () => {
    const cells: number[] = [];
    const scanner = new SheetScanner((row) => {
      cells.push(row);
      return row < 1;
    });
    expect(scanner.push(`<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(5)}</sheetData></worksheet>`)).toBe(false);
    expect(cells).toEqual([0, 1]);
  });

  it('refuses what an XML reader refuses: elements closed by another, data left open, attributes without quotes', () => {
    expect(damaged('<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>')).toBe(true);
    expect(damaged('<worksheet><sheetData><row><c><v>1</v></c>')).toBe(true);
    expect(damaged('<worksheet><sheetData><row r=1><c><v>1</v></c></row></sheetData></worksheet>')).toBe(true);
    expect(damaged('<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>')).toBe(false);
    expect(damaged('<worksheet><sheetPr/></worksheet>')).toBe(false);
  });
});
