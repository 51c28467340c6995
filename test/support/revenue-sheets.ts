// Revenue sheets as managers make them: a title, Dutch or English headers, invoice lines with
// repeated customers, blank rows, amounts typed as text, a totals row, another table below.
import { Cell } from '../../shared/cells';

export const serialOf = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;

/** A small Dutch invoice sheet whose tiers can be worked out by hand. */
export function dutchInvoices(): Cell[][] {
  return [
    ['Omzet per factuur 2025', null, null, null, null],
    [null, null, null, null, null],
    ['Factuurnr', 'Klant', 'Factuurdatum', 'Omzet (€)', 'Opmerking'],
    [1001, 'Bakkerij Jansen', serialOf(2025, 1, 15), 5000, null],
    [1002, 'Van Dijk BV', serialOf(2025, 2, 3), 2000, null],
    [1003, ' bakkerij jansen ', serialOf(2025, 4, 20), 3000, 'herhaalorder'],
    [1004, 'De Vries & Zn', serialOf(2025, 5, 2), 'n.v.t.', 'nog factureren'],
    [null, null, null, null, null],
    [1005, 'Kapper Anna', serialOf(2025, 7, 9), 500, null],
    [1006, 'Van Dijk BV', serialOf(2025, 9, 30), 1000, null],
    [1007, '=HYPERLINK("http://x")', serialOf(2025, 10, 1), 300, 'rare naam'],
    [1008, 'Bakkerij Jansen', serialOf(2025, 11, 12), 2000, null],
    [1009, 'Kapper Anna', serialOf(2025, 12, 1), '1.250,00', null],
    [null, 'Totaal', null, 13800, null],
    [null, null, null, null, null],
    [null, null, null, null, null],
    ['Regio', 'Verkoper', null, null, null],
    ['Noord', 'Piet', null, null, null],
    ['Zuid', 'Marie', null, null, null],
  ];
}

/** Invoice lines for `customers` accounts, `lines` rows, English headers, from row 1. */
export function invoiceLines(lines: number, customers: number, seed = 7): Cell[][] {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows: Cell[][] = [['Invoice', 'Customer', 'Invoice date', 'Sales']];
  const start = serialOf(2024, 1, 1);
  for (let i = 0; i < lines; i++) {
    // Skewed: low customer numbers buy far more often
    const c = Math.floor(customers * random() ** 2);
    rows.push([i + 1, `Customer ${c}`, start + Math.floor(random() * 730), Math.round(random() * 100000) / 100]);
  }
  return rows;
}

// 2024: Acme 500 (A), Beta 300 (A: 50% before it), Core 100 (B: 80%), Dell and Echo 50 (B: 90%).
// 2025: Beta 600 (A; one line spelled " Beta "), Fox 300 (A: 52%), Acme 200 (A: 78%), Dell 40 (C:
// 95.7%), Core 10 (C). So Core and Dell moved down (Core lost 90, Dell 10), Echo was lost, Fox is new.
export function tierMigrationInvoices(): Cell[][] {
  return [
    ['Customer', 'Date', 'Amount'],
    ['Acme', serialOf(2024, 3, 1), 500],
    ['Beta', serialOf(2024, 4, 1), 300],
    ['Core', serialOf(2024, 5, 1), 100],
    ['Dell', serialOf(2024, 6, 1), 50],
    ['Echo', serialOf(2024, 7, 1), 50],
    ['Acme', serialOf(2025, 2, 1), 200],
    ['Beta', serialOf(2025, 3, 1), 500],
    [' Beta ', serialOf(2025, 4, 1), 100],
    ['Core', serialOf(2025, 5, 1), 10],
    ['Fox', serialOf(2025, 6, 1), 300],
    ['Dell', serialOf(2025, 12, 31), 40],
    ['Acme', null, 999],
  ];
}
