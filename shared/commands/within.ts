// Tiers within groups for the analysis (--within, the pane's "Within" column) and the pane's
// what-if: each (group, account) pair is tiered among the accounts of its own group. The cutting is
// PARETO_TIER / PARETO_SHARE / PARETO_SUMMARY with their groups argument (shared/formulas/groups.ts)
// over one line per pair, so the analysis, the what-if and the live formulas on the sheet follow
// one rule: same totals, same groups, same tiers (ties share a tier, so the order does not matter).
import { Cell, Matrix } from '../cells';
import { paretoShareWithin, paretoSummaryWithin, paretoTierWithin } from '../formulas/groups';
import { TierSummary } from '../formulas/pareto';
import { Language } from '../i18n/strings';

/** One group's tier lines and its totals, as its block on the Pareto sheet shows them. */
export interface GroupSummary {
  /** Index into the group names. */
  group: number;
  lines: TierSummary[];
  accounts: number;
  revenue: number;
}

export interface WithinCut {
  /** Per pair: tier index and cumulative share within its group. */
  tiers: Int32Array;
  shares: Float64Array;
  /** All groups together, tier by tier (pairs counted as accounts). */
  summary: TierSummary[];
  groups: GroupSummary[];
}

const column = (xs: ArrayLike<Cell>): Matrix => Array.from(xs, (x) => [x]);

/**
 * Cuts the tiers of pairs (each a total and the index of its group) within their groups.
 * Throws what the core throws (FormulaError) for totals too large to share.
 */
export function cutWithin(totals: ArrayLike<number>, groups: ArrayLike<number>, cutoffs: readonly number[], labels: readonly string[], language: Language): WithinCut {
  const values = column(totals);
  const keys = column(Array.from({ length: totals.length }, (_, i) => i));
  const groupCells = column(groups);
  const cutoffCells: Matrix = [cutoffs.slice()];
  const labelCells: Matrix = [labels.slice()];
  const tierOf = new Map(labels.map((l, i) => [l, i]));
  const tierCells = paretoTierWithin(values, keys, cutoffCells, labelCells, groupCells);
  const shareCells = paretoShareWithin(values, keys, groupCells);
  const tiers = Int32Array.from(tierCells, (row) => tierOf.get(String(row[0])) ?? cutoffs.length);
  const shares = Float64Array.from(shareCells, (row) => (typeof row[0] === 'number' ? row[0] : 1));
  // The summary table: a header, then per group one line per tier (all tiers) and its total line.
  const table = paretoSummaryWithin(values, keys, cutoffCells, labelCells, [[language]], groupCells).slice(1);
  const block = labels.length + 1;
  const byGroup: GroupSummary[] = [];
  for (let at = 0; at + block <= table.length; at += block) {
    const lines = table.slice(at, at + labels.length).map(
      ([, label, accounts, accountShare, revenue, revenueShare]): TierSummary => ({
        label,
        accounts: Number(accounts),
        accountShare: Number(accountShare),
        revenue: Number(revenue),
        // A group without revenue has no revenue to share: its shares are 0.
        revenueShare: typeof revenueShare === 'number' ? revenueShare : 0,
      }),
    );
    const total = table[at + labels.length];
    byGroup.push({ group: Number(total[0]), lines, accounts: Number(total[2]), revenue: Number(total[4]) });
  }
  return { tiers, shares, summary: overall(byGroup, labels), groups: byGroup };
}

/** Every group's lines added up tier by tier: the preview's and the Pareto sheet's overall summary. */
function overall(groups: GroupSummary[], labels: readonly string[]): TierSummary[] {
  const accounts = groups.reduce((n, g) => n + g.accounts, 0);
  const revenue = groups.reduce((sum, g) => sum + g.revenue, 0);
  return labels.map((label, i) => {
    const count = groups.reduce((n, g) => n + g.lines[i].accounts, 0);
    const money = groups.reduce((sum, g) => sum + g.lines[i].revenue, 0);
    return { label, accounts: count, accountShare: accounts ? count / accounts : 0, revenue: money, revenueShare: revenue > 0 ? money / revenue : 0 };
  });
}
