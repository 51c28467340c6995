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

/** Serial number of a date in the 1900 date system, as Excel and Sheets count. */
export { serialOf as serial } from './support/revenue-sheets';
