// The five account categories of the account-planning method (DOMAIN.md, section 1):
// 1 significant + recurring + growth, 2 significant + recurring + stable, 3 exactly one of
// significant/recurring, 4 neither, 5 no revenue possible.
import { Cell, Matrix, isBlank, isError, valueError } from '../cells';
import { flagWord, propagated } from './args';
import { Value } from './elementwise';
import { accountKey } from './pareto';

export type Potential = 'growth' | 'stable' | 'none';

const POTENTIAL_WORDS: Record<string, Potential> = {
  growth: 'growth',
  groei: 'growth',
  stable: 'stable',
  stabiel: 'stable',
  none: 'none',
  geen: 'none',
};

export function readPotential(value: Value): Potential {
  if (value === true) return 'growth';
  if (value === false) return 'stable';
  const word = POTENTIAL_WORDS[String(value).trim().toLowerCase()];
  if (!word) throw valueError(`potential is '${String(value)}': use growth, stable or none (groei, stabiel, geen)`);
  return word;
}

/** The tiers that count as significant: a range of labels or one comma-separated text. */
export function readSignificantTiers(m: Matrix | undefined): Set<string> {
  if (!m) return new Set(['a']);
  const labels = new Set<string>();
  for (const cell of m.flat()) {
    if (isError(cell)) throw propagated(cell, { arg: 'significant_tiers', row: 0, col: 0, rows: 1, cols: 1 });
    if (isBlank(cell)) continue;
    for (const part of String(cell).split(',')) {
      const key = accountKey(part);
      if (key) labels.add(key);
    }
  }
  return labels.size ? labels : new Set(['a']);
}

/** Significant is TRUE/FALSE, or a tier label that is one of the significant tiers. */
export function isSignificant(value: Value, significantTiers: Set<string>): boolean {
  const flag = flagWord(value as Cell);
  if (flag !== null) return flag;
  return significantTiers.has(accountKey(value as Cell) ?? '');
}

/** The category 1–5. */
export function accountCategory(significant: boolean, recurring: boolean, potential: Potential): number {
  if (potential === 'none') return 5;
  if (significant && recurring) return potential === 'growth' ? 1 : 2;
  return significant || recurring ? 3 : 4;
}
