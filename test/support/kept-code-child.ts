// Run by test/hosts/kept-code.test.ts as `node --expose-gc --trace-deopt --trace-opt --import tsx`,
// on the built bundles: calls each element-wise function on columns parsed from JSON, as a host
// hands them over, often enough for V8 to optimise it, then prints a marker and calls it again,
// each time after a full garbage collection, as happens between a workbook's recalculations. V8's
// trace (on stdout) then says whether optimised code was dropped or compiled anew after the marker.
import { excelBundle, sheetsBundle } from '../../bench/functions';
import { functionNamed } from '../../shared/catalog';

const root = process.argv[2];
const rows = 100_000;
const gc = (globalThis as { gc?: () => void }).gc!;
const column = (cell: (i: number) => unknown) => JSON.stringify(Array.from({ length: rows }, (_, i) => [cell(i)]));
const targets = column((i) => 1000 + (i % 5000));
const actuals = column((i) => (i % 1000 === 7 ? null : 10 + (i % 9973) / 100));
const tiers = column((i) => 'ABC'[i % 3]);
const flags = column((i) => i % 2 === 0);
const potentials = column((i) => ['growth', 'stable', 'none'][i % 3]);
const [jan1, jul1, dec31] = [46023, 46204, 46387];
/** Per function: its arguments, a JSON column or a single value. */
const calls: Record<string, (string | { value: unknown })[]> = {
  PLAN_GAP: [targets, actuals, { value: jul1 }, { value: jan1 }, { value: dec31 }],
  PLAN_ATTAINMENT: [targets, actuals],
  PLAN_RUN_RATE: [actuals, { value: jan1 }, { value: jul1 }, { value: dec31 }],
  PLAN_REQUIRED_RATE: [targets, actuals, { value: jul1 }, { value: dec31 }, { value: 'week' }],
  PLAN_ACTIVITIES: [targets, { value: 5000 }, { value: 0.25 }, { value: 3 }],
  ACCOUNT_CATEGORY: [tiers, flags, potentials],
};
// What V8 optimised before this line is Node's, tsx's or this file's own (the kept-code test leaves it out).
console.log('--- bundles load');
const bundles = { excel: excelBundle(root), sheets: sheetsBundle(root) };
const callOnce = (host: 'excel' | 'sheets', name: string) => {
  const parsed = calls[name].map((a) =>
    typeof a === 'string' ? JSON.parse(host === 'sheets' ? a.replace(/\[null\]/g, '[""]') : a) : host === 'excel' ? [[a.value]] : a.value,
  );
  const rest = new Array(functionNamed(name)!.params.length - parsed.length).fill(undefined);
  const result = bundles[host][name](...parsed, ...(host === 'excel' ? [...rest, { parameterAddresses: undefined }] : []));
  if (!Array.isArray(result)) throw new Error(`${name} in ${host} gave no result`);
};
for (const host of ['excel', 'sheets'] as const) {
  console.log(`--- host: ${host}`);
  for (const name of Object.keys(calls)) {
    // Warm-up, then two calls as below: what V8 learns of a new kind of value once is allowed.
    for (let k = 0; k < 6; k++) callOnce(host, name);
    for (let k = 0; k < 2; k++) {
      gc();
      callOnce(host, name);
    }
    gc();
    console.log(`--- kept from here: ${name} ${host}`);
    for (let k = 0; k < 3; k++) {
      gc();
      callOnce(host, name);
    }
    gc();
    console.log(`--- end: ${name} ${host}`);
  }
}
