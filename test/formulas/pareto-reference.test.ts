// The Pareto family's fast paths (rows grouped by key cell as written before keys are compared,
// one shared result row per account, results turned into host cells in place) against a
// straightforward reading of the rule in docs/functions.md, on random invoice lines: both must
// give the same tier, share and summary for every row, in the core and as the hosts call it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cell, FormulaError, Matrix } from '../../shared/cells';
import { functionNamed } from '../../shared/catalog';
import { HostCells, callForHost, callFunction } from '../../shared/run';

if (!process.env.FC_RANDOM) fc.configureGlobal({ seed: 20261128 });

const DEFAULT_CUTOFFS = [0.8, 0.95];
const DEFAULT_LABELS = ['A', 'B', 'C'];
const LABELS = DEFAULT_LABELS;

/** An invoice line: a key as people type it (case, spaces), an amount (or none); never a blank key beside an amount. */
const line = fc.oneof(
  fc.record({
    key: fc.constantFrom('Acme', 'acme ', ' ACME', 'Bolt', 'bolt', 'Crane', 'Dyke', 'Elm', 'Fenn', 'Gorse', 7, 12, true),
    amount: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -300, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(null) }),
  }),
  fc.constant({ key: null, amount: null }),
);

/** The rule read straight: SUMIF-like keys, strictly larger accounts' share, ties share a tier. */
function reference(lines: { key: Cell; amount: number | null }[], CUTOFFS = DEFAULT_CUTOFFS, LABELS = DEFAULT_LABELS) {
  const keyOf = (k: Cell) => (k === null ? null : (typeof k === 'boolean' ? (k ? 'TRUE' : 'FALSE') : String(k)).trim().toLowerCase());
  const totals = new Map<string, { total: number; any: boolean }>();
  for (const l of lines) {
    const k = keyOf(l.key);
    if (k === null) continue;
    const account = totals.get(k) ?? { total: 0, any: false };
    if (l.amount !== null) {
      account.total += l.amount;
      account.any = true;
    }
    totals.set(k, account);
  }
  const positive = [...totals.values()].filter((a) => a.any && a.total > 0).map((a) => a.total);
  const sum = positive.reduce((s, x) => s + x, 0);
  const larger = (total: number) => positive.filter((x) => x > total).reduce((s, x) => s + x, 0);
  const tierOf = (total: number) => {
    if (total <= 0) return LABELS[CUTOFFS.length];
    const share = larger(total) / sum;
    const i = CUTOFFS.findIndex((c) => c > share + 1e-12);
    return LABELS[i < 0 ? CUTOFFS.length : i];
  };
  const rows = lines.map((l) => {
    const k = keyOf(l.key);
    const account = k === null ? undefined : totals.get(k);
    if (!account || !account.any) return { tier: '', share: '' as number | '' };
    return { tier: tierOf(account.total), share: account.total > 0 ? Math.min(1, (larger(account.total) + account.total) / sum) : 1 };
  });
  const summary = LABELS.map((label) => {
    const inTier = [...totals.values()].filter((a) => a.any && tierOf(a.total) === label);
    return { label, accounts: inTier.length, revenue: inTier.reduce((s, a) => s + Math.max(0, a.total), 0) };
  });
  return { rows, summary, hasRevenue: sum > 0 };
}

/** Every cumulative share in (0, 1) the lines' accounts start or end at, as the reference reads them. */
function sharesOf(lines: { key: Cell; amount: number | null }[]): number[] {
  const totals = new Map<string, number>();
  for (const l of lines) {
    if (l.key === null || l.amount === null) continue;
    const k = (typeof l.key === 'boolean' ? (l.key ? 'TRUE' : 'FALSE') : String(l.key)).trim().toLowerCase();
    totals.set(k, (totals.get(k) ?? 0) + l.amount);
  }
  const positive = [...totals.values()].filter((x) => x > 0);
  const sum = positive.reduce((a, b) => a + b, 0);
  const larger = (x: number) => positive.filter((y) => y > x).reduce((a, b) => a + b, 0);
  return [...new Set(positive.flatMap((x) => [larger(x) / sum, (larger(x) + x) / sum]))].filter((x) => x > 0 && x < 1);
}

const columns = (lines: { key: Cell; amount: number | null }[]): [Matrix, Matrix] => [lines.map((l) => [l.amount]), lines.map((l) => [l.key])];
const HOST: HostCells = { blank: '', error: (e) => e };

describe('PARETO_TIER, PARETO_SHARE and PARETO_SUMMARY against the rule read straight', () => {
  const lines = fc.array(line, { minLength: 1, maxLength: 40 });

  it('every row gets its account\'s tier and share, in the core and through the hosts\' path', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const expected = reference(ls);
        for (const call of [(name: string, a: Matrix[]) => callFunction(functionNamed(name)!, a), (name: string, a: Matrix[]) => callForHost(functionNamed(name)!, a, HOST)]) {
          const tiers = call('PARETO_TIER', columns(ls));
          const shares = call('PARETO_SHARE', columns(ls));
          if (!expected.hasRevenue) {
            expect(tiers).toBeInstanceOf(FormulaError);
            expect((tiers as FormulaError).code).toBe('#DIV/0!');
            continue;
          }
          expect((tiers as Matrix).map((r) => r[0])).toEqual(expected.rows.map((r) => r.tier));
          (shares as Matrix).forEach((r, i) => {
            const want = expected.rows[i].share;
            if (want === '') expect(r[0]).toBe('');
            else expect(r[0] as number).toBeCloseTo(want, 12);
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the summary counts the accounts and revenue of each tier', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const expected = reference(ls);
        const summary = callForHost(functionNamed('PARETO_SUMMARY')!, columns(ls), HOST);
        if (!expected.hasRevenue) {
          expect(summary).toBeInstanceOf(FormulaError);
          return;
        }
        const body = (summary as Matrix).slice(1, 1 + LABELS.length);
        expect(body.map((r) => [r[0], r[1], r[3]])).toEqual(expected.summary.map((s) => [s.label, s.accounts, s.revenue]));
      }),
      { numRuns: 300 },
    );
  });

  it('any cutoffs (an empty first tier at 0, up to five tiers, cutoffs right on a share) give every row the tier the rule gives', () => {
    // Cutoffs drawn from anywhere, and from the lines' own shares (the revenue of the accounts
    // larger than one, with or without it): a run of ties or a tier that ends right on a cutoff.
    const linesAndCutoffs = lines.chain((ls) =>
      fc.tuple(
        fc.constant(ls),
        fc
          .uniqueArray(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.99, noNaN: true }), ...sharesOf(ls).map((x) => fc.constant(x))), { minLength: 1, maxLength: 4 })
          .map((xs) => [...xs].sort((a, b) => a - b)),
      ),
    );
    fc.assert(
      fc.property(linesAndCutoffs, ([ls, cs]) => {
        const labels = cs.map((_, i) => 'ABCDE'[i]).concat('ABCDE'[cs.length]);
        const expected = reference(ls, cs, labels);
        const tiers = callFunction(functionNamed('PARETO_TIER')!, [...columns(ls), [cs]]);
        if (!expected.hasRevenue) expect(tiers).toBeInstanceOf(FormulaError);
        else expect((tiers as Matrix).map((r) => r[0])).toEqual(expected.rows.map((r) => r.tier));
      }),
      { numRuns: 500 },
    );
  });
});
