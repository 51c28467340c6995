// Small builders so the formula tests read like the contract.
import { expect } from 'vitest';
import { Cell, ErrorCode, FormulaError, Matrix, Result } from '../shared/cells';
import { callByName } from '../shared/run';

export const col = (...cells: Cell[]): Matrix => cells.map((c) => [c]);
export const row = (...cells: Cell[]): Matrix => [cells];
export const one = (cell: Cell): Matrix => [[cell]];
export const call = (name: string, ...args: (Matrix | undefined)[]): Result => callByName(name, args);
/** The single column of a result, or the error. */
export const column = (result: Result): Cell[] | FormulaError =>
  result instanceof FormulaError ? result : result.map((r) => r[0]);

export function expectError(result: Result, code: ErrorCode, message?: RegExp | string): void {
  expect(result).toBeInstanceOf(FormulaError);
  const e = result as FormulaError;
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
}

/** One bad row spoils one row: the error in row `index` (0-based) of a column result, the rest computed. */
export function expectErrorInRow(result: Result, index: number, code: ErrorCode, message?: RegExp | string): void {
  expect(result).not.toBeInstanceOf(FormulaError);
  const cells = (result as Matrix).map((r) => r[0]);
  cells.forEach((c, i) => (i === index ? expectError(c as FormulaError, code, message) : expect(c).not.toBeInstanceOf(FormulaError)));
}

/** Serial number of a date in the 1900 date system, as Excel and Sheets count. */
export { serialOf as serial } from './support/revenue-sheets';
