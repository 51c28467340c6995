// The zip writer past the plain zip's limits: more than 65,534 parts, or a part or offset past
// 4 GB, is written the ZIP64 way, which the runner's reader, Python's zipfile and openpyxl read.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFile } from '../../../src/xlsx/package/zip-file';
import { PackedPart, packText, zipBytes } from '../../../src/xlsx/package/zip-writer';
import { runCli } from '../../support/run-cli';
import { basicParts, contentTypes, scratch } from '../../support/package-files';

const files = scratch();
afterAll(() => files.done());
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const openpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;

const table =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Account</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2"><v>900</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Bolt</t></is></c><c r="B3"><v>100</v></c></row>';

describe('ZIP64', () => {
  it('writes a package of more than 65,534 parts that the runner reads and analyses, and openpyxl opens', async () => {
    const parts = basicParts(table);
    // openpyxl finds the workbook by its content type.
    parts['[Content_Types].xml'] = contentTypes([['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'], ['/xl/worksheets/sheet1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml']]);
    const many = 70_000;
    const packed: PackedPart[] = Object.entries(parts).map(([name, text]) => packText(name, text as string));
    for (let i = 0; i < many; i++) packed.push(packText(`customXml/item${i}.xml`, `<i n="${i}"/>`));
    const input = join(files.dir, 'many-parts.xlsx');
    writeFileSync(input, zipBytes(packed));
    const zip = ZipFile.open(input, 'many-parts.xlsx');
    expect(zip.entries).toHaveLength(many + 5);
    zip.close();
    const r = await runCli('analyze', input, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = join(files.dir, 'many-parts.planned.xlsx');
    const out = ZipFile.open(output, 'out');
    expect(out.entries.length).toBeGreaterThan(many + 5);
    expect(out.entries.find((e) => e.name === 'customXml/item69999.xml')).toBeDefined();
    out.close();
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(len(z.namelist()), z.testzip())';
    expect(execFileSync(PYTHON, ['-c', script, output], { encoding: 'utf8' }).trim()).toMatch(/^7\d{4} None$/);
    if (openpyxl) {
      const names = 'import sys, openpyxl\nprint(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames)';
      expect(execFileSync(PYTHON, ['-W', 'ignore', '-c', names, output], { encoding: 'utf8' }).trim()).toBe("['Sales', 'Pareto']");
    }
  }, 120_000);

  it('records sizes past 4 GB in the ZIP64 field, as the reader finds them', () => {
    const small = packText('a.xml', '<a/>');
    // A part that says it unpacks to 5 GB (its bytes are not written here: only the headers matter).
    const huge: PackedPart = { ...packText('big.xml', '<b/>'), uncompressedSize: 5 * 1024 ** 3 };
    const path = join(files.dir, 'sizes.zip');
    writeFileSync(path, zipBytes([small, huge]));
    const zip = ZipFile.open(path, 'sizes.zip');
    expect(zip.entries.map((e) => [e.name, e.size])).toEqual([['a.xml', 4], ['big.xml', 5 * 1024 ** 3]]);
    zip.close();
  });
});
