// The function catalog's examples, as the pane shows them and the README lists them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, exampleFormula, localFormula, localSeparators } from '../shared/catalog';

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

  it('Dutch Excel names its built-ins in Dutch (DATUM); Google Sheets keeps DATE in every locale', () => {
    const gap = FUNCTIONS.find((f) => f.name === 'PLAN_GAP')!;
    expect(exampleFormula(gap, 'excel', 'nl')).toBe('=KAM.PLAN_GAP(B2; C2; $H$1; DATUM(2026;1;1); DATUM(2026;12;31))');
    expect(exampleFormula(gap, 'sheets', 'nl')).toBe('=PLAN_GAP(B2; C2; $H$1; DATE(2026;1;1); DATE(2026;12;31))');
    expect(exampleFormula(gap, 'excel', 'en')).toBe('=KAM.PLAN_GAP(B2, C2, $H$1, DATE(2026,1,1), DATE(2026,12,31))');
    for (const f of FUNCTIONS) expect(exampleFormula(f, 'excel', 'nl'), f.name).not.toMatch(/\bDATE\(/);
  });

  it('Dutch writes decimals with a comma, outside quoted text', () => {
    expect(localFormula('=F(0.5, "1.5", A1, 12.25)', 'sheets', 'nl')).toBe('=F(0,5; "1.5"; A1; 12,25)');
    expect(localFormula('=F(0.5, "1.5")', 'sheets', 'en')).toBe('=F(0.5, "1.5")');
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
