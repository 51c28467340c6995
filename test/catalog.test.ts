// The function catalog's examples, as the pane shows them and the README lists them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, exampleFormula, localSeparators } from '../shared/catalog';

const ROOT = join(__dirname, '..');
const VOLATILE = /\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY|VANDAAG|NU|ASELECT)\s*\(/i;
const NAMES = FUNCTIONS.map((f) => f.name).join('|');
/** A call of one of our functions, up to its closing parenthesis (nested calls included). */
const CALL = new RegExp(`\\b(?:KAM\\.)?(?:${NAMES})\\((?:[^()]|\\([^()]*\\))*\\)`, 'g');

describe('examples', () => {
  it('English separates arguments with ",", Dutch with ";" (commas inside quoted text stay)', () => {
    const summary = FUNCTIONS.find((f) => f.name === 'PARETO_SUMMARY')!;
    expect(exampleFormula(summary, 'sheets')).toBe('=PARETO_SUMMARY(C2:C500, A2:A500, , , "nl")');
    expect(exampleFormula(summary, 'excel', 'nl')).toBe('=KAM.PARETO_SUMMARY(C2:C500; A2:A500; ; ; "nl")');
    expect(localSeparators('A1, "a, b", DATE(2026,1,1)')).toBe('A1; "a, b"; DATE(2026;1;1)');
    for (const f of FUNCTIONS) expect(exampleFormula(f, 'sheets', 'nl'), f.name).not.toMatch(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  });

  it('no volatile function (TODAY, NOW, RAND) as an argument of a custom function: Sheets may stay on "Loading..."', () => {
    for (const f of FUNCTIONS) expect(f.example, f.name).not.toMatch(VOLATILE);
  });

  it('nor anywhere in the project: docs, help, pane strings, generated formulas', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.md', '*.json', '*.html'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const offenders: string[] = [];
    for (const file of files) {
      // Tests may feed such formulas to a translator on purpose; what users see lives outside test/.
      if (file.startsWith('test/') || file === 'package-lock.json') continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const call of text.match(CALL) ?? []) if (VOLATILE.test(call)) offenders.push(`${file}: ${call}`);
    }
    expect(offenders).toEqual([]);
  });
});
