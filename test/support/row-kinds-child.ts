// Run by test/hosts/row-kinds.test.ts as `node --allow-natives-syntax --import tsx`, on the built
// bundles: calls custom functions on columns parsed from JSON, as a host hands them over, often
// enough for V8 to optimise the bundle's loops, then asks V8 what kind each input row still is.
// Prints one line of JSON: per function and bundle, how many rows changed kind.
import { excelBundle, sheetsBundle } from '../../bench/functions';
import { functionNamed } from '../../shared/catalog';

const root = process.argv[2];
const rows = 200_000;
// V8's own view of an array (only with --allow-natives-syntax).
const kindOf = new Function('row', 'return %HasSmiElements(row) ? "whole" : %HasDoubleElements(row) ? "fraction" : "any"') as (row: unknown[]) => string;

const column = (cell: (i: number) => unknown) => JSON.stringify(Array.from({ length: rows }, (_, i) => [cell(i)]));
// Amounts of every kind a sheet holds: whole numbers, fractions and blanks, one row each.
const amounts = column((i) => (i % 1000 === 7 ? null : i % 3 === 0 ? 100 + (i % 977) : 10 + (i % 9973) / 100));
const keys = column((i) => `Customer ${(i * 7919) % 20_000}`);
const targets = column((i) => 1000 + (i % 5000));
const actuals = column((i) => (i % 1000 === 7 ? null : 10 + (i % 9973) / 100));

const excel = excelBundle(root);
const sheets = sheetsBundle(root);
const calls: Record<string, { args: string[]; kept: number[] }> = {
  PARETO_TIER: { args: [amounts, keys], kept: [0, 1] },
  PLAN_ATTAINMENT: { args: [targets, actuals], kept: [0, 1] },
};
const changed: Record<string, number> = {};
for (const [name, { args, kept }] of Object.entries(calls)) {
  for (const host of ['excel', 'sheets'] as const) {
    let last = 0;
    for (let call = 0; call < 4; call++) {
      const parsed = args.map((json) => JSON.parse(host === 'sheets' ? json.replace(/\[null\]/g, '[""]') : json) as unknown[][]);
      const before = parsed.map((m) => m.map(kindOf));
      const fn = host === 'excel' ? excel[name] : sheets[name];
      // Excel passes every declared parameter (undefined when left out), then the invocation.
      const rest = new Array(functionNamed(name)!.params.length - parsed.length).fill(undefined);
      const result = fn(...parsed, ...(host === 'excel' ? [...rest, { parameterAddresses: undefined }] : []));
      if (!Array.isArray(result)) throw new Error(`${name} in ${host} gave no result`);
      last = 0;
      for (const a of kept) parsed[a].forEach((row, i) => (last += kindOf(row) === before[a][i] ? 0 : 1));
    }
    changed[`${name} ${host}`] = last;
  }
}
console.log(JSON.stringify(changed));
