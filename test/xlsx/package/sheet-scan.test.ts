// The light sheet scanner reads every form of <sheetData> the general XML reader read, whatever
// the size of the pieces the text comes in, and refuses what an XML reader refuses.
import { describe, expect, it } from 'vitest';
import { SheetScanner, isDamaged } from '../../../src/xlsx/package/sheet-scan';

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
