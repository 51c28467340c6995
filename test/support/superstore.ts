// The public Superstore dataset beside the project (../shared/data; absent in a user's clone, where
// the tests that use it skip), as a spreadsheet opens its CSV: numbers as numbers, US dates as dates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cell } from '../../shared/cells';
import { parseCsvLine } from './fixtures';
import { serialOf } from './revenue-sheets';

export const SUPERSTORE = join(__dirname, '../../../shared/data/superstore.csv');

/** The header and the rows (header first), with the Order Date column as date serials. */
export function superstoreRows(): { header: string[]; rows: Cell[][]; date: number } {
  const lines = readFileSync(SUPERSTORE, 'utf8').split(/\r?\n/).filter(Boolean).map(parseCsvLine);
  const header = lines[0];
  const date = header.indexOf('Order Date');
  const usDate = (text: string) => {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    return m ? serialOf(Number(m[3]), Number(m[1]), Number(m[2])) : text;
  };
  const rows: Cell[][] = lines.map((l, i) => (i === 0 ? l : l.map((c, j) => (j === date ? usDate(c) : c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c))));
  return { header, rows, date };
}
