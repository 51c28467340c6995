// One row loop per element-wise function. V8 keeps type feedback and optimised code per function
// in the source, not per call: when six functions ran their rows through one shared loop, the loop
// became generic code after the second of them, and a cheap function that ran after the others
// took twice as long as it took alone (PLAN_ACTIVITIES over a million rows: 0.47× a sort alone,
// 1.2× after the others; README, session 15). The bundles therefore hold a copy of ./row-loop.ts
// for each name below (scripts/build.ts, rowLoopCopies); run from source (the tests, tsx) every
// name is the same function. Add a name here for a new element-wise function and pass it to `each` in the catalog.
// Each copy adds about 1.2 KB to Code.js, which must stay under 100 KB (test/hosts/bundle-sizes):
// at 6 copies (and session 17's Words) about 1.1 KB is left, less than one copy: save bytes
// elsewhere first.
export { computeRows as accountCategoryRows } from './row-loop';
export { computeRows as planGapRows } from './row-loop';
export { computeRows as planAttainmentRows } from './row-loop';
export { computeRows as planRunRateRows } from './row-loop';
export { computeRows as planRequiredRateRows } from './row-loop';
export { computeRows as planActivitiesRows } from './row-loop';
