// The Analyse tab's "Compare periods" (issue 13), in headless Chromium on the stand-in bridge that
// runs the real shared commands: it writes the Tier migration sheet from the written analysis,
// with a progress line, the result in words, and what is missing said on screen.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshots, usePane } from './harness';

describe.skipIf(!hasChromium)('comparing periods in the pane', () => {
  const { open } = usePane();
  const compareButton = (name: string) => `#panel-analyse .compare button:text-is("${name}")`;
  const status = '#panel-analyse .compare .message';

  it('says what is missing before the analysis is written, then writes the Tier migration sheet at a split date', async () => {
    const page = await open({ delay: 200 });
    await page.click(compareButton('Compare periods'));
    await expect.poll(() => page.textContent(status)).toBe('Write the analysis with a date column first: comparing periods counts the lines the analysis counted.');
    expect(await page.getAttribute(status, 'role')).toBe('alert');
    await page.locator('#panel-analyse .actions > button.primary').click();
    await page.waitForSelector('#panel-analyse .actions .message.done');
    // Keyboard: the split date is a native date field, typed as the person's locale shows it.
    await page.getByLabel('Split date (optional)').fill('2025-07-01');
    await page.click(compareButton('Compare periods'));
    // While the host works: a progress line and the button disabled.
    await expect.poll(() => page.textContent(status)).toBe('Comparing periods…');
    expect(await page.locator(compareButton('Compare periods')).isDisabled()).toBe(true);
    // Before 1 July: Jansen 8,000 (A), Van Dijk 2,000 (B); from it: Jansen 2,000, Van Dijk 1,000
    // (A), Anna 500 (A) and the odd name 300 (B) new.
    await expect.poll(() => page.textContent(status)).toBe(
      'Tier migration on the sheet Tier migration (2025-01-15 – 2025-06-30 against 2025-07-01 – 2025-11-12): 0 accounts moved down, 0 lost, 2 new.',
    );
    const call = await page.evaluate(() => window.__calls.filter((c) => c.kind === 'writeMigrationSheet').pop()!.options);
    expect(call).toEqual({ language: 'en', cutoffs: [0.8, 0.95], labels: ['A', 'B', 'C'], split: 45839 });
    const table = await page.evaluate(() => [4, 5, 6, 7].map((r) => [9, 10, 11, 15].map((c) => window.__workbook.get('Tier migration', r, c))));
    expect(table).toEqual([
      ['Bakkerij Jansen', 'A', 'A', 'Same'],
      ['Van Dijk BV', 'B', 'A', 'Up'],
      ['Kapper Anna', 'New', 'A', 'New'],
      ['=HYPERLINK("http://x")', 'New', 'B', 'New'],
    ]);
    await page.screenshot({ path: join(screenshots, 'analyse-compare.png'), fullPage: true });
    await page.close();
  });

  it('in Dutch: Verschuivingen, and a split date outside the data said on screen', async () => {
    const page = await open({ displayLanguage: 'nl-NL' });
    await page.locator('#panel-analyse .actions > button.primary').click();
    await page.waitForSelector('#panel-analyse .actions .message.done');
    await page.getByLabel('Splitsdatum (optioneel)').fill('2030-01-01');
    await page.click(compareButton('Perioden vergelijken'));
    await expect.poll(() => page.textContent(status)).toBe('De splitsdatum 2030-01-01 ligt niet binnen de datums van de gegevens (2025-01-15 tot 2025-11-12).');
    await page.getByLabel('Splitsdatum (optioneel)').fill('');
    await page.click(compareButton('Perioden vergelijken'));
    await expect.poll(() => page.textContent(status)).toMatch(/^Verschuivingen op het blad Verschuivingen \(.*\): 0 klanten gezakt, 0 verloren, 4 nieuw\.$/);
    expect(await page.evaluate(() => [...window.__workbook.sheets.keys()])).toContain('Verschuivingen');
    await page.close();
  });
});
