// The criteria generated sheets find an account's lines with (shared/commands/criteria.ts); what
// the hosts make of them is tested on whole sheets in account-keys.test.ts (HyperFormula) and
// test/xlsx/account-keys.test.ts (LibreOffice).
import { describe, expect, it } from 'vitest';
import { countedAs, lookupValue, matching, matchingCell } from '../../shared/commands/criteria';

describe('matching', () => {
  it('a number by >= and <= (numbers only, never text that reads as the number)', () => {
    expect(matching('K', 7)).toBe('K,">="&7,K,"<="&7');
    expect(matching('K', -0.5)).toBe('K,">="&-0.5,K,"<="&-0.5');
  });

  it('text as "starts with it" and "is not it and more", so no host reads it as a number, date or TRUE', () => {
    expect(matching('K', '007')).toBe('K,"=007*",K,"<>007?*"');
    expect(matching('K', 'TRUE')).toBe('K,"=TRUE*",K,"<>TRUE?*"');
    // Wildcards escaped, quotes doubled, an operator in front stays text behind "=" / "<>".
    expect(matching('K', 'A*B?~ "C"')).toBe('K,"=A~*B~?~~ ""C""*",K,"<>A~*B~?~~ ""C""?*"');
    expect(matching('K', '<>10k')).toBe('K,"=<>10k*",K,"<><>10k?*"');
  });

  it('a text past the 255-character limit by its start, never ending in a lone escape', () => {
    const long = `${'x'.repeat(252)}*tail`;
    expect(matching('K', long)).toBe(`K,"=${'x'.repeat(252)}*"`);
    const criterion = matching('K', 'y'.repeat(300)).slice(3, -1);
    expect(criterion.length).toBeLessThanOrEqual(255);
    expect(lookupValue(`${'z'.repeat(254)}?`)).toBe(`"${'z'.repeat(254)}*"`);
  });

  it('the "Counted as" key: plain numbers as numbers, other text trimmed and kept as text', () => {
    expect(['7', ' 7 ', '007', '7.0', '1234567890123456', 'TRUE'].map(countedAs)).toEqual([7, 7, '007', '7.0', '1234567890123456', 'TRUE']);
  });

  it('a label read from a cell: both criteria built from the cell, wildcards escaped', () => {
    const escaped = 'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($A5,"~","~~"),"*","~*"),"?","~?")';
    expect(matchingCell('T', '$A5')).toBe(`T,"="&${escaped}&"*",T,"<>"&${escaped}&"?*"`);
  });
});
