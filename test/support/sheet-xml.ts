// Random <sheetData> in every form real files write it (fast-check): prefixes, rows and cells with
// and without references, both quotes, spaces around "=", attributes in any order, inline and
// rich text with phonetic runs, CDATA, comments, character and entity references, line ends. For
// tests that hold a fast reader or writer of sheets against a general XML reader.
import fc from 'fast-check';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Text as written in XML: plain characters, references, a CR LF; never a bare < or &. */
const writtenText = fc
  .array(fc.constantFrom('a', 'B', ' ', '7', '.', '-', '&amp;', '&lt;', '&gt;', '&#65;', '&#x42;', '&#13;', '\r\n', '\n', '\t', 'é', '😀', 'r="1"', '_x000D_'), { maxLength: 6 })
  .map((parts) => parts.join(''));

/** An attribute as written: quotes either way, spaces around "=" or none. */
const written = (name: string, value: string) =>
  fc.tuple(fc.constantFrom('"', "'"), fc.constantFrom('', ' ')).map(([q, sp]) => ` ${name}${sp}=${sp}${q}${value}${q}`);

const digits = fc.integer({ min: 0, max: 40 }).map(String);

interface CellForm {
  ref: boolean;
  type: string | null;
  style: string | null;
  content: string;
  order: number;
}

const cellForm = fc.record({
  ref: fc.boolean(),
  type: fc.constantFrom(null, 's', 'str', 'n', 'b', 'e', 'inlineStr', 'd'),
  style: fc.option(digits, { nil: null }),
  order: fc.nat(5),
  content: fc.oneof(
    writtenText.map((t) => `<P:v>${t}</P:v>`),
    digits.map((d) => `<P:v>${d}</P:v>`),
    fc.constant('<P:v/>'),
    fc.constant(''),
    writtenText.map((t) => `<P:f>A1&amp;"x"</P:f><P:v>${t}</P:v>`),
    writtenText.map((t) => `<P:v><![CDATA[${t.replace(/&/g, '+')}<]]>${t}</P:v>`),
    writtenText.map((t) => `<P:is><P:t>${t}</P:t></P:is>`),
    fc.tuple(writtenText, writtenText).map(([a, b]) => `<P:is><P:r><P:rPr><P:b/></P:rPr><P:t>${a}</P:t></P:r><P:r><P:t xml:space="preserve">${b}</P:t></P:r><P:rPh sb="0" eb="1"><P:t>ふ</P:t></P:rPh><P:phoneticPr fontId="1"/></P:is>`),
    fc.constant('<P:is/>'),
  ),
});

/** A sheet part's text, its prefix "x:" or none, with `rows` rows of up to `cols` cells;
 * `prefixedRefs`: some references written as x:r (which only a lenient reader takes for r). */
export const sheetXml = (rows = 12, cols = 6, prefixedRefs = true) =>
  fc
    .record({
      prefix: fc.constantFrom('', 'x:'),
      rows: fc.array(
        fc.record({
          ref: fc.boolean(),
          gap: fc.nat(2),
          spans: fc.boolean(),
          cells: fc.array(fc.tuple(cellForm, fc.nat(1)), { maxLength: cols }),
          comment: fc.boolean(),
          empty: fc.boolean(),
        }),
        { maxLength: rows },
      ),
    })
    .chain(({ prefix, rows: forms }) => {
      let row = 0;
      const rowTexts = forms.map((r) => {
        // A row without a number follows the one before (its cells' references say so too).
        row += 1 + (r.ref ? r.gap : 0);
        let col = 0;
        const cells = r.cells.map(([c, skip]: [CellForm, number]) => {
          col += 1 + skip;
          const letters = String.fromCharCode(64 + col);
          const attrs = [
            ...(c.ref ? [written(`${prefixedRefs && prefix && c.order === 3 ? prefix : ''}r`, `${letters}${row}`)] : []),
            ...(c.type ? [written('t', c.type)] : []),
            ...(c.style !== null ? [written('s', c.style)] : []),
          ];
          return fc.tuple(...attrs, fc.constant(null)).map((a) => {
            const list = a.slice(0, -1) as string[];
            const ordered = c.order % 2 ? list.reverse() : list;
            const content = c.content.replace(/P:/g, prefix);
            return content ? `<${prefix}c${ordered.join('')}>${content}</${prefix}c>` : `<${prefix}c${ordered.join('')}/>`;
          });
        });
        const rowAttrs = [...(r.ref ? [written(`${prefixedRefs && prefix && r.gap === 2 ? prefix : ''}r`, String(row))] : []), ...(r.spans ? [written('spans', `1:${col}`)] : [])];
        return fc.tuple(fc.tuple(...rowAttrs, fc.constant(null)), fc.tuple(...cells, fc.constant(null))).map(([a, cs]) => {
          const attrs = (a.slice(0, -1) as string[]).join('');
          const inner = (cs.slice(0, -1) as string[]).join(r.comment ? '<!-- a <c> -->' : '');
          return !inner && r.empty ? `<${prefix}row${attrs}/>` : `<${prefix}row${attrs}>${inner}</${prefix}row>`;
        });
      });
      return fc.tuple(...rowTexts, fc.constant(null)).map((texts) => {
        const body = (texts.slice(0, -1) as string[]).join('\n');
        const ns = prefix ? `xmlns:x="${NS}"` : `xmlns="${NS}"`;
        return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${prefix}worksheet ${ns}><${prefix}dimension ref="A1"/><${prefix}sheetData>${body}</${prefix}sheetData><${prefix}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${prefix}worksheet>`;
      });
    });
