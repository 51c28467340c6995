// Sizing generated sheets: column widths from what they show, and the money format they use.
import { describe, expect, it } from 'vitest';
import { columnPx, moneyFormat, tableLayout } from '../../shared/commands/layout';

describe('the money format of generated sheets', () => {
  it("is the amount column's own, currency and all", () => {
    expect(moneyFormat('"€" #,##0.00')).toBe('"€" #,##0.00');
    expect(moneyFormat('0')).toBe('0');
  });

  it('is #,##0 when the column has no format: General, text, or the one Google Sheets reports for an unformatted cell', () => {
    for (const none of [null, undefined, '', 'General', '@', '0.###############', '0.##']) expect(moneyFormat(none), String(none)).toBe('#,##0');
  });

  it('is #,##0 when the column holds dates', () => {
    expect(moneyFormat('dd-mm-yyyy')).toBe('#,##0');
  });
});

describe('column widths', () => {
  it('size a column for a hundred and fifty thousand accounts without running out of stack', () => {
    const lengths = Array.from({ length: 150_000 }, (_, i) => (i === 77_777 ? 40 : 5));
    expect(() => tableLayout([{ header: 'Account', lengths }])).not.toThrow();
    expect(tableLayout([{ header: 'Account', lengths }]).widths[0]).toBe(columnPx([40]));
    expect(columnPx(lengths)).toBe(columnPx([40]));
  });
});
