// Run by test/hosts/held-keys.test.ts as `node --expose-gc --import tsx`, on the built functions.js
// (or Code.js, with `sheets` after the root): calls PARETO_TIER again and again in one JavaScript
// job, as Excel may run a calculation's calls, each on fresh key texts, and prints the heap after
// the first call, after all of them, and after the job ended, each after a full collection, as
// JSON on stdout.
import { excelBundle, sheetsBundle } from '../../bench/functions';
import { functionNamed } from '../../shared/catalog';

const root = process.argv[2];
const sheets = process.argv[3] === 'sheets';
const rows = 200_000;
const calls = 8;
const gc = (globalThis as { gc?: () => void }).gc!;
const tier = sheets ? sheetsBundle(root).PARETO_TIER : excelBundle(root).PARETO_TIER;
const rest = new Array(functionNamed('PARETO_TIER')!.params.length - 2).fill(undefined);
const amounts = JSON.stringify(Array.from({ length: rows }, (_, i) => [10 + (i % 997)]));
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
// Every call's keys are texts no other call had: what a call keeps of them shows in the heap.
const callOnce = (k: number) => {
  const keys = JSON.parse(JSON.stringify(Array.from({ length: rows }, (_, i) => [`Call ${k} customer ${i % 50_000}`])));
  const result = sheets ? tier(JSON.parse(amounts), keys) : tier(JSON.parse(amounts), keys, ...rest, { parameterAddresses: undefined });
  if (!Array.isArray(result)) throw new Error('PARETO_TIER gave no result');
};
const before = heap();
callOnce(0);
const afterOne = heap();
for (let k = 1; k < calls; k++) callOnce(k);
const afterAll = heap();
setImmediate(() => {
  const afterJob = heap();
  process.stdout.write(JSON.stringify({ rows, calls, before, afterOne, afterAll, afterJob }) + '\n');
});
