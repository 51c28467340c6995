// Files that are not what they claim, or are made to hurt: the built runner answers each with one
// sentence and a non-zero exit, leaves the input as it was, and stays within a small heap (a run
// that tried to hold a bomb's content would die at this heap limit instead).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basicParts, scratch } from '../../support/package-files';
import { zipOf } from '../../support/zip';

const files = scratch();
afterAll(() => files.done());
const CLI = join(__dirname, '../../../dist/cli/account-planner.mjs');

function run(path: string, ...extra: string[]) {
  const before = path.startsWith('/dev/') ? '' : hash(path);
  const r = spawnSync(process.execPath, ['--max-old-space-size=200', CLI, 'analyze', path, '--lang', 'en', ...extra], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'en_US.UTF-8' } });
  if (before) expect(hash(path), 'the input is unchanged').toBe(before);
  return { code: r.status, out: r.stdout, err: r.stderr.trim() };
}

const hash = (path: string) => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return 'not a file';
  }
};

/** Exit 1 and one line on stderr, prefixed by the runner's name, with no JavaScript error text in it. */
function refused(r: { code: number | null; err: string }, pattern: RegExp) {
  expect(r.code).toBe(1);
  expectOneLine(r.err, pattern);
}

function expectOneLine(err: string, pattern: RegExp) {
  expect(err.split('\n')).toHaveLength(1);
  expect(err).toMatch(/^account-planner: /);
  expect(err).toMatch(pattern);
  expect(err).not.toMatch(/Error|at .*\.js|undefined|ENOENT|EISDIR|heap|invalid|Cannot/);
}

/** Sets the inflated size the zip's central directory declares for a part. */
function declareSize(zip: Buffer, part: string, size: number): Buffer {
  const name = Buffer.from(part);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (zip.readUInt32LE(at) === 0x02014b50 && zip.subarray(at + 46, at + 46 + name.length).equals(name)) {
      zip.writeUInt32LE(size, at + 24);
      return zip;
    }
  }
  throw new Error(`no ${part}`);
}

const SHEET = 'xl/worksheets/sheet1.xml';
const parts = () => basicParts('<row r="1"><c r="A1" t="inlineStr"><is><t>Account</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row>');

describe('hostile and mistaken files', () => {
  it('refuses a part that declares gigabytes, before inflating it', () => {
    const zip = declareSize(zipOf(new Map(Object.entries(parts()))), SHEET, 0xf0000000);
    writeFileSync(join(files.dir, 'declares-4gb.xlsx'), zip);
    const r = run(join(files.dir, 'declares-4gb.xlsx'));
    expect(r.code).toBe(1);
    expectOneLine(r.err, /declares-4gb\.xlsx is too large to read safely: its part xl\/worksheets\/sheet1\.xml would unpack to 3\.8 GB/);
  });

  it('refuses a highly compressed large part (a compression bomb)', () => {
    const p = parts();
    // 120 MB of one repeated cell deflates to about 120 kB: a ratio near 1,000.
    p[SHEET] = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${'<c t="b"><v>1</v></c>'.repeat(5_700_000)}</row></sheetData></worksheet>`;
    // Packed as tightly as deflate can (a bomb's maker picks the best level).
    const path = join(files.dir, 'bomb.xlsx');
    writeFileSync(path, zipOf(new Map(Object.entries(p)), 9));
    const r = run(path);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /bomb\.xlsx looks like a compression bomb: its part xl\/worksheets\/sheet1\.xml would unpack to 0\.11 GB, \d{3,4} times its packed size/);
  });

  it('refuses many small highly compressed parts that together would unpack to gigabytes', () => {
    const p = parts();
    // 30 parts of 45 MB each (under the limit for one part), each packed into a few bytes.
    for (let i = 0; i < 30; i++) p[`xl/media/blob${i}.bin`] = Buffer.alloc(10);
    let zip = zipOf(new Map(Object.entries(p)));
    for (let i = 0; i < 30; i++) zip = declareSize(zip, `xl/media/blob${i}.bin`, 45 * 1024 ** 2);
    const path = join(files.dir, 'many-bombs.xlsx');
    writeFileSync(path, zip);
    const r = run(path);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /many-bombs\.xlsx looks like a compression bomb: its parts together would unpack to 1\.3 GB, \d+ times their packed size/);
  });

  it('stops a part that inflates beyond the size it declares, at the first chunk', () => {
    const p = parts();
    p[SHEET] = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row><c><v>1</v></c></row>'.repeat(4_000_000)}</sheetData></worksheet>`;
    const zip = declareSize(zipOf(new Map(Object.entries(p))), SHEET, 5000);
    const path = join(files.dir, 'lies.xlsx');
    writeFileSync(path, zip);
    const r = run(path);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /lies\.xlsx is damaged: its part xl\/worksheets\/sheet1\.xml cannot be read/);
  });

  it('says a cut-off file is incomplete', () => {
    const whole = zipOf(new Map(Object.entries(parts())));
    const path = join(files.dir, 'cut.xlsx');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = run(path);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /cut\.xlsx is incomplete/);
  });

  it('names a folder, /dev/zero, an empty file, an encrypted file, an .xls and a .csv for what they are', () => {
    const folder = join(files.dir, 'folder.xlsx');
    mkdirSync(folder);
    refused(run(folder), /folder\.xlsx is a folder, not a workbook/);
    refused(run('/dev/zero'), /zero is not a regular file/);
    const empty = join(files.dir, 'empty.xlsx');
    writeFileSync(empty, '');
    refused(run(empty), /empty\.xlsx is empty \(0 bytes\)/);
    // An OLE compound file: an encrypted package has an EncryptionInfo stream, an .xls a Workbook one.
    const ole = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(1024)]);
    const encrypted = join(files.dir, 'secret.xlsx');
    writeFileSync(encrypted, ole('EncryptionInfo'));
    refused(run(encrypted), /secret\.xlsx is password-protected/);
    const xls = join(files.dir, 'old.xlsx');
    writeFileSync(xls, ole('Workbook'));
    refused(run(xls), /old\.xlsx is an old Excel 97–2003 workbook \(\.xls\)/);
    const csv = join(files.dir, 'export.xlsx');
    writeFileSync(csv, 'Account;Revenue\nAcme;1200\n');
    refused(run(csv), /export\.xlsx is a text file \(such as \.csv\)/);
  }, 180_000);

  it('says a zip without a workbook is no workbook, and a workbook without worksheets has no sheets', () => {
    const zip = join(files.dir, 'photos.xlsx');
    writeFileSync(zip, zipOf(new Map([['a.jpg', Buffer.from('jpeg')]])));
    refused(run(zip), /photos\.xlsx is a zip file but not an \.xlsx workbook/);
    const p = parts();
    p['xl/workbook.xml'] = (p['xl/workbook.xml'] as string).replace(/<sheets>.*<\/sheets>/, '<sheets/>');
    refused(run(files.file('nosheets.xlsx', p)), /nosheets\.xlsx has no sheets/);
  });

  it('says a damaged part is damaged', () => {
    const p = parts();
    p[SHEET] = '<worksheet><sheetData><row><c><v>1</v></row></sheetData>';
    const r = run(files.file('broken.xlsx', p));
    expect(r.code).toBe(1);
    expectOneLine(r.err, /broken\.xlsx is damaged: its part xl\/worksheets\/sheet1\.xml cannot be read/);
  });
});
