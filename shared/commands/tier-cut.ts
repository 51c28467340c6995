// The what-if of the Analyse tab: the preview's tiers, headline and categories cut again at other
// cutoffs from what an earlier preview kept (each account's total and traits), in the pane, at
// once and without reading the sheet again. The analysis builds its own preview with the same
// functions, so both say the same.
import { FormulaError } from '../cells';
import { vectorFrom } from '../formulas/args';
import { accountCategory } from '../formulas/category';
import { Accounts, TierSummary, accountTiers, readCutoffs, readLabels, summariseTiers } from '../formulas/pareto';
import { Language, fill, formatPercent, t } from '../i18n/strings';
import { tierColour } from '../tier-colours';
import type { AnalysisOptions, Preview } from './analysis';
import { UserError } from './errors';
import { cutWithin } from './within';

/**
 * Per account with an amount, in one order: its total and, with a date column, whether its
 * revenue recurs and grows (categories need those and the tier). Enough to cut the tiers again
 * at any cutoffs — the pane's what-if — without the rows.
 */
export interface TierBasis {
  totals: number[];
  /** 1 recurring + 2 growing, per account; null without a date column. */
  traits: number[] | null;
  /** With a Within column: each (group, account) pair's group, the pairs being the accounts above. */
  groups?: number[];
}

/** The parts of the preview that follow from the cutoffs. */
export type TierCut = Pick<Preview, 'headline' | 'tiers' | 'accounts' | 'revenue' | 'categories' | 'cutoffs'>;

export const RECURRING = 1;
export const GROWING = 2;

export function readTierSettings(options: Pick<AnalysisOptions, 'cutoffs' | 'labels'>): { cutoffs: number[]; labels: string[] } {
  try {
    const given = options.cutoffs === 'auto' ? undefined : options.cutoffs;
    const cutoffs = readCutoffs(given?.length ? [given] : undefined);
    const labels = readLabels(options.labels?.length ? [options.labels] : undefined, cutoffs).map(String);
    return { cutoffs, labels };
  } catch (e) {
    if (e instanceof FormulaError) throw new UserError(e.message);
    throw e;
  }
}

/** Five-way category per account: significant (first tier), recurring, growing. */
export function categoriesOf(tiers: Int32Array, traits: ArrayLike<number>): Int32Array {
  const categories = new Int32Array(tiers.length);
  for (let a = 0; a < tiers.length; a++) {
    categories[a] = accountCategory(tiers[a] === 0, (traits[a] & RECURRING) !== 0, traits[a] & GROWING ? 'growth' : 'stable');
  }
  return categories;
}

/** Accounts with an amount per category 1..5 (index 0 = category 1). */
export function categoryCounts(categories: Int32Array, hasAmount: Uint8Array): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (let a = 0; a < categories.length; a++) if (hasAmount[a] && categories[a] >= 1) counts[categories[a] - 1]++;
  return counts;
}

/** The headline and tier lines of a summary, as the preview shows them. */
export function tierLines(summary: TierSummary[], language: Language): Pick<Preview, 'headline' | 'tiers' | 'accounts' | 'revenue'> {
  const first = summary[0];
  return {
    headline: fill(t(language).analysis.headline, { accounts: formatPercent(first.accountShare, language), revenue: formatPercent(first.revenueShare, language) }),
    tiers: summary.map((l, i) => ({ label: String(l.label), accounts: l.accounts, accountShare: l.accountShare, revenue: l.revenue, revenueShare: l.revenueShare, ...tierColour(i) })),
    accounts: summary.reduce((n, l) => n + l.accounts, 0),
    revenue: summary.reduce((sum, l) => sum + l.revenue, 0),
  };
}

/**
 * The what-if: the preview's tiers, headline and categories at other cutoffs and labels, from
 * the basis of an earlier preview alone (no reading of the sheet). Gives what a new preview of
 * the same columns would give.
 */
export function cutTiers(basis: TierBasis, cutoffsGiven: number[], labelsGiven: string[], language: Language): TierCut {
  const { cutoffs, labels } = readTierSettings({ cutoffs: cutoffsGiven, labels: labelsGiven });
  const n = basis.totals.length;
  if (basis.groups) {
    const cut = cutWithin(basis.totals, basis.groups, cutoffs, labels, language);
    const categories = basis.traits ? categoryCounts(categoriesOf(cut.tiers, basis.traits), new Uint8Array(n).fill(1)) : null;
    return { ...tierLines(cut.summary, language), categories, cutoffs };
  }
  const accounts: Accounts = { rowAccount: new Int32Array(0), totals: Float64Array.from(basis.totals), hasAmount: new Uint8Array(n).fill(1), names: [] };
  const values = vectorFrom([], 'values');
  const tiers = accountTiers(accounts, cutoffs, values);
  const summary = summariseTiers(accounts, tiers, labels, values);
  const categories = basis.traits ? categoryCounts(categoriesOf(tiers, basis.traits), accounts.hasAmount) : null;
  return { ...tierLines(summary, language), categories, cutoffs };
}

