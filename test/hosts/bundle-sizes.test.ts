// Issue #2's goal for the code that runs in cells: dist/excel/functions.js and dist/sheets/Code.js
// under 100 KB each as shipped, and shipped unminified (readable where a user may look). The
// function help, which only functions.json, the Apps Script JSDoc and the pane need, stays out of
// their code.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/catalog';
import { FUNCTION_HELP, Help } from '../../shared/i18n/function-help';
import { LANGUAGES, t } from '../../shared/i18n/strings';
import { jsdocOf } from '../support/apps-script-project';

const dist = join(__dirname, '../../dist');
const CELL_BUNDLES = ['excel/functions.js', 'sheets/Code.js'];
const LIMIT = 100 * 1024;
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

/** Every help text of the catalog: each function's and each of its parameters'. */
const allHelp: Help[] = FUNCTIONS.flatMap((f) => [FUNCTION_HELP[f.name].description, ...f.params.map((p) => FUNCTION_HELP[f.name].params[p.name])]);

/** Code.js without its JSDoc blocks, the only place the help belongs. */
const withoutJsdoc = (code: string) => code.replace(/\/\*\*[\s\S]*?\*\//g, '');

describe('the bundles that run in cells', () => {
  it.each(CELL_BUNDLES)('keeps %s under 100 KB', (file) => {
    const bytes = statSync(join(dist, file)).size;
    expect(bytes).toBeGreaterThan(10 * 1024); // the real bundle, not an empty file
    expect(bytes).toBeLessThan(LIMIT);
  });

  it.each(CELL_BUNDLES)('ships %s unminified: short, indented lines', (file) => {
    const lines = read(file).split('\n');
    expect(lines.length).toBeGreaterThan(500);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
    // Most lines of esbuild's unminified output sit inside the bundle's function, indented.
    expect(lines.filter((l) => l.startsWith('  ')).length / lines.length).toBeGreaterThan(0.7);
  });

  it('carries no help text in the code of functions.js or Code.js, in either language', () => {
    const code = { functions: read('excel/functions.js'), Code: withoutJsdoc(read('sheets/Code.js')) };
    for (const help of allHelp) {
      for (const [name, text] of Object.entries(code)) {
        expect(text, `${name}: ${help.en}`).not.toContain(help.en);
        expect(text, `${name}: ${help.nl}`).not.toContain(help.nl);
      }
    }
  });

  // The words written into cells live in shared/i18n/cell-strings.ts; the rest of the core's
  // strings (the sheets the pane and the runner write) would weigh as much again as the code.
  it('carries the words the functions write into cells, and none of the sheets\' strings', () => {
    for (const file of CELL_BUNDLES) {
      const text = read(file);
      for (const language of LANGUAGES) {
        const words = t(language);
        for (const word of [...Object.values(words.summary), ...Object.values(words.concentration)]) expect(text, `${file}: ${word}`).toContain(JSON.stringify(word));
        const sheetStrings = [...Object.values(words.migration), ...Object.values(words.host)].filter((s): s is string => typeof s === 'string' && s.length > 12);
        expect(sheetStrings.length).toBeGreaterThan(5);
        for (const s of sheetStrings) expect(text, `${file}: ${s}`).not.toContain(JSON.stringify(s));
      }
    }
  });

  it('keeps the English help where Excel and Sheets show it: functions.json and the JSDoc of Code.js', () => {
    const metadata = JSON.parse(read('excel/functions.json')) as { functions: { id: string; description: string; parameters: { description: string }[] }[] };
    const code = read('sheets/Code.js');
    for (const f of FUNCTIONS) {
      const help = FUNCTION_HELP[f.name];
      const entry = metadata.functions.find((m) => m.id === f.name)!;
      expect(entry.description).toBe(help.description.en);
      expect(entry.parameters.map((p) => p.description)).toEqual(f.params.map((p) => help.params[p.name].en));
      const jsdoc = jsdocOf(code, f.name)!;
      expect(jsdoc).toContain(` * ${help.description.en}\n`);
      for (const p of f.params) expect(jsdoc).toContain(`@param {any} ${p.name} ${p.optional ? '[optional] ' : ''}${help.params[p.name].en}\n`);
      expect(jsdoc).not.toContain(help.description.nl);
    }
  });

  it('leaves the Dutch help to the pane: in Sidebar.html, not in the Apps Script files', () => {
    const dutch = FUNCTION_HELP.PARETO_TIER.params.values.nl;
    expect(read('sheets/Sidebar.html')).toContain(dutch);
    expect(read('sheets/Code.js')).not.toContain(dutch);
    expect(read('sheets/Server.js')).not.toContain(dutch);
  });
});
