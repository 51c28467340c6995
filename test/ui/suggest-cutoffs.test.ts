// The Analyse tab's "Suggest from the data" (issue 13), in headless Chromium on the stand-in bridge
// that runs the real shared commands: the computed cutoffs fill the inputs, the note says where
// they came from, and the preview follows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, usePane } from './harness';

describe.skipIf(!hasChromium)('suggesting cutoffs from the data', () => {
  const { open } = usePane();
  const cutoffs = (page: Page) => page.$$eval('input.tier-cutoff', (els) => els.map((e) => (e as HTMLInputElement).value));
  const tierRows = (page: Page) =>
    page.$$eval('table.tiers tbody tr', (rows) => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' ')));
  const suggest = async (page: Page) => {
    await page.locator('button.suggest').click();
    await page.waitForFunction(() => (document.querySelector('.suggest-note')?.textContent ?? '') !== '');
  };

  it('fills in the computed cutoffs, says where they came from, and re-tiers the preview', async () => {
    const page = await open();
    await page.locator('button.link', { hasText: 'Add a tier' }).click(); // four tiers: the suggestion makes it three
    await suggest(page);
    // Four accounts: the two largest (94.2% of revenue) reach the A/B limit together, so A stays
    // empty (cutoff 0) and they are B; the two smallest are C.
    expect(await cutoffs(page)).toEqual(['0', '94.2']);
    expect(await page.textContent('.suggest-note')).toBe(
      'Computed from the data by the computed ABC analysis (Ultsch & Lötsch 2015, as PARETO_CUTOFFS): 0% of revenue is A, up to 94.2% A or B.',
    );
    await page.waitForFunction(() => document.querySelectorAll('table.tiers tbody tr').length === 3 && !document.querySelector('.preview-body.stale'));
    expect(await tierRows(page)).toEqual(['A 0 0.0% 0.0%', 'B 2 50.0% 94.2%', 'C 2 50.0% 5.8%']);
    // Editing a cutoff afterwards: the note no longer claims they were computed.
    await page.locator('input.tier-cutoff').nth(1).fill('90');
    expect(await page.textContent('.suggest-note')).toBe('');
    await page.close();
  });

  it('in Dutch, with a decimal comma', async () => {
    const page = await open({ displayLanguage: 'nl-NL' });
    await suggest(page);
    expect(await cutoffs(page)).toEqual(['0', '94,2']);
    expect(await page.textContent('.suggest-note')).toMatch(/^Berekend uit de gegevens met de berekende ABC-analyse/);
    await page.close();
  });
});
