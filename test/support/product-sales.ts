// A small revenue table with a product-group column whose whitespace can be worked out by hand:
// five accounts, groups with a wildcard in the name ("Thee*" beside "Thee") and a numeric group
// code, a line without a group, lines in the 12 months up to the data's end, the 12 before, and
// older ones. The expected sums are in the tests that use it.
import { Cell } from '../../shared/cells';
import { serialOf } from './revenue-sheets';

export const PRODUCT_DATA_END = serialOf(2025, 12, 30);

export const productSales = (): Cell[][] => [
  ['Klant', 'Factuurdatum', 'Productgroep', 'Omzet'],
  ['Acme', serialOf(2025, 12, 1), 'Koffie', 1000],
  ['Acme', serialOf(2025, 6, 1), 'Thee', 500],
  ['Acme', serialOf(2024, 6, 1), 'Thee', 300],
  ['Acme', serialOf(2025, 3, 1), 'Thee*', 40],
  ['Acme', serialOf(2025, 7, 7), null, 25],
  ['Bolt', serialOf(2025, 11, 1), 'Koffie', 2000],
  ['Bolt', serialOf(2025, 10, 1), 'Melk', 400],
  ['Bolt', serialOf(2024, 2, 1), 'Suiker', 60],
  ['Cera', serialOf(2025, 9, 1), 'Melk', 700],
  ['Cera', serialOf(2024, 9, 1), 'koffie', 100],
  ['Cera', serialOf(2025, 5, 5), 200, 80],
  ['Dino', PRODUCT_DATA_END, 'Suiker', 50],
  ['Eos', serialOf(2023, 1, 1), 'Koffie', 10],
];

/** The groups largest first, as every run lists them (Koffie 3,110; Melk 1,100; Thee 800; Suiker 110; 200: 80; Thee*: 40). */
export const PRODUCT_GROUPS = ['Koffie', 'Melk', 'Thee', 'Suiker', '200', 'Thee*'];
