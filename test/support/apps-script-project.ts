// The built Apps Script project (dist/sheets) as Apps Script runs it: each script file run in
// one shared global scope, here a Node vm context. Apps Script promises no order for the files,
// so the tests choose it: Code.js alone for the custom functions (it must be self-contained), both
// files in either order for the menu and the sidebar's calls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const SHEETS_DIST = join(__dirname, '../../dist/sheets');

export type ScriptFile = 'Code.js' | 'Server.js';
export const BOTH_ORDERS: readonly (readonly ScriptFile[])[] = [
  ['Code.js', 'Server.js'],
  ['Server.js', 'Code.js'],
];

/** The globals a script file of the project leaves behind, functions mostly. */
export type AppsScriptGlobal = Record<string, (...args: unknown[]) => unknown>;

const sources = new Map<ScriptFile, string>();
export const scriptSource = (file: ScriptFile): string => {
  if (!sources.has(file)) sources.set(file, readFileSync(join(SHEETS_DIST, file), 'utf8'));
  return sources.get(file)!;
};

/** The text of the JSDoc block right above a top-level function of a script, or undefined. */
export const jsdocOf = (code: string, name: string): string | undefined =>
  new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code)?.[1];

/** Runs the given script files, in that order, in one fresh global scope holding the services. */
export function loadAppsScript(services: object, files: readonly ScriptFile[] = BOTH_ORDERS[0]): AppsScriptGlobal {
  const context = vm.createContext(services);
  for (const file of files) vm.runInContext(scriptSource(file), context, { filename: file });
  return context as AppsScriptGlobal;
}
