// The pane as a person uses it, in headless Chromium: the real src/ui pane on a stand-in bridge
// that runs the real shared commands on the in-memory workbook (test/ui/page.ts). No network:
// the page is bundled by harness.ts and set as the page's content. Screenshots go to
// test-artifacts/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, screenshots, usePane } from './harness';

const title = hasChromium
  ? 'the pane in headless Chromium'
  : `the pane in headless Chromium — skipped: ${CHROMIUM} is absent (apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  const { open } = usePane();

  const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const tierRows = (page: Page) =>
    page.$$eval('table.tiers tbody tr', (rows) => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' ')));
  const selectValues = (page: Page) => page.$$eval('#panel-analyse .field select', (els) => els.map((e) => (e as HTMLSelectElement).value));
  const writeButton = (page: Page) => page.locator('#panel-analyse .actions > button.primary');

  it('detects the table and fills the column selects with the suggestion', async () => {
    const page = await open();
    expect(await page.textContent('.where')).toMatch(/Sheet: Verkoop.*Range: A3:E14/);
    expect(await selectValues(page)).toEqual(['1', '3', '2', '']);
    expect(await page.$$eval('#panel-analyse .field select', (els) => els.map((e) => (e as HTMLSelectElement).selectedOptions[0].textContent))).toEqual([
      'B – Klant',
      'D – Omzet (€)',
      'C – Factuurdatum',
      '(none)',
    ]);
    expect(await page.locator('#panel-analyse .field select').first().locator('option').allTextContents()).toContain('E – Opmerking');
    expect(await page.textContent('.headline')).toBe('50.0% of your customers bring 94.2% of revenue');
    expect(await tierRows(page)).toEqual(['A 2 50.0% 94.2%', 'B 1 25.0% 3.6%', 'C 1 25.0% 2.2%']);
    expect(await texts(page, 'ul.left-out li')).toEqual(['totals row 14', '2 rows with text amounts (rows 7, 13)', '1 blank row']);
    expect(await page.locator('table.categories').count()).toBe(1);
    // The live formula is unavailable on this sheet (text amounts), with the reason beside it.
    expect(await page.locator('.check input').isDisabled()).toBe(true);
    expect(await page.textContent('.actions .hint')).toContain('fix the rows with text or errors first');
    await page.close();
  });

  it('updates the preview when a column changes', async () => {
    const page = await open();
    await page.locator('#panel-analyse .field select').nth(2).selectOption('');
    await expect.poll(() => page.locator('table.categories').count()).toBe(0);
    await page.locator('#panel-analyse .field select').nth(0).selectOption('0'); // Factuurnr: every invoice its own account
    await expect.poll(() => page.textContent('.preview-body .hint')).toBe('7 accounts in 7 rows, revenue 13,800');
    const last = await page.evaluate(() => window.__calls.filter((c) => c.kind === 'preview').pop()!.options as Record<string, unknown>);
    expect(last).toMatchObject({ account: 0, amount: 3, date: null, sheet: 'Verkoop', at: { row: 2, col: 0 } });
    await page.close();
  });

  it('what-if: each cutoff and label keystroke re-tiers at once, without asking the host again', async () => {
    const page = await open();
    const previews = () => page.evaluate(() => window.__calls.filter((c) => c.kind === 'preview').length);
    const before = await previews();
    const cutoff = page.locator('input.tier-cutoff').first();
    // Each keystroke shows its own tiers: no waiting, no host round-trip.
    await cutoff.fill('7');
    expect(await tierRows(page)).toEqual(['A 1 25.0% 72.5%', 'B 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    await cutoff.fill('75');
    expect(await tierRows(page)).toEqual(['A 2 50.0% 94.2%', 'B 1 25.0% 3.6%', 'C 1 25.0% 2.2%']);
    await cutoff.fill('70');
    expect(await tierRows(page)).toEqual(['A 1 25.0% 72.5%', 'B 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    await page.locator('input.tier-label').first().fill('Gold');
    expect(await tierRows(page)).toEqual(['Gold 1 25.0% 72.5%', 'B 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    expect(await page.textContent('.headline')).toBe('25.0% of your customers bring 72.5% of revenue');
    await page.waitForTimeout(400);
    expect(await previews()).toBe(before);
    // What is written is what the what-if showed: the host's own preview at these cutoffs agrees.
    await page.locator('#panel-analyse .field select').nth(2).selectOption('');
    await page.locator('#panel-analyse .field select').nth(2).selectOption('2');
    await expect.poll(previews).toBe(before + 1);
    expect(await tierRows(page)).toEqual(['Gold 1 25.0% 72.5%', 'B 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    await page.close();
  });

  it('tiers within the groups of a Within column: asks the host when it changes, then re-tiers within groups at once', async () => {
    const page = await open();
    const previews = () => page.evaluate(() => window.__calls.filter((c) => c.kind === 'preview').length);
    const before = await previews();
    const within = page.getByLabel('Within (region, rep) (optional)');
    expect(await within.locator('option').allTextContents()).toEqual(['(none)', 'A – Factuurnr', 'B – Klant', 'C – Factuurdatum', 'D – Omzet (€)', 'E – Opmerking']);
    // Keyboard: focus the select and choose Opmerking with the arrow keys, as a person would.
    await within.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => window.__calls.filter((c) => c.kind === 'preview').pop()!.options as Record<string, unknown>)).toMatchObject({ within: 4 });
    // Groups of Opmerking: blank (Jansen 7,000 A, Van Dijk 3,000 A, Anna 500 C), "herhaalorder"
    // (Jansen 3,000 A), "rare naam" (300 A): five (group, account) pairs.
    await expect.poll(() => tierRows(page)).toEqual(['A 4 80.0% 96.4%', 'B 0 0.0% 0.0%', 'C 1 20.0% 3.6%']);
    expect(await page.textContent('.within-note')).toBe('Each account tiered among the accounts of its own Opmerking: 3 groups, a block per group on the Pareto sheet.');
    const asked = await previews();
    expect(asked).toBeGreaterThan(before);
    // The what-if cuts within the groups too: Van Dijk (66.7% of the blank group before it) is B at 50%.
    await page.locator('input.tier-cutoff').first().fill('50');
    expect(await tierRows(page)).toEqual(['A 3 60.0% 74.6%', 'B 1 20.0% 21.7%', 'C 1 20.0% 3.6%']);
    await page.waitForTimeout(400);
    expect(await previews()).toBe(asked);
    await writeButton(page).click();
    await expect.poll(() => page.evaluate(() => window.__workbook.sheets.has('Pareto'))).toBe(true);
    expect(await page.evaluate(() => [3, 4, 5, 8, 9, 10, 11].map((r) => window.__workbook.get('Verkoop', r, 5)))).toEqual(['A', 'B', 'A', 'C', 'B', 'A', 'A']);
    await page.screenshot({ path: join(screenshots, 'analyse-within.png'), fullPage: true });
    await page.close();
  });

  it('re-tiers when a cutoff or a label changes, and says when they are invalid', async () => {
    const page = await open();
    await page.locator('input.tier-cutoff').first().fill('50');
    await expect.poll(() => tierRows(page)).toEqual(['A 1 25.0% 72.5%', 'B 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    await page.locator('input.tier-label').nth(1).fill('Silver');
    await expect.poll(() => tierRows(page)).toEqual(['A 1 25.0% 72.5%', 'Silver 2 50.0% 25.4%', 'C 1 25.0% 2.2%']);
    await page.locator('input.tier-cutoff').nth(1).fill('40');
    await expect.poll(() => page.textContent('.field-message')).toBe('Cutoffs are percentages between 0 and 100, each higher than the one before.');
    expect(await page.locator('input.tier-cutoff').nth(1).getAttribute('aria-invalid')).toBe('true');
    expect(await writeButton(page).isDisabled()).toBe(true);
    await page.locator('input.tier-cutoff').nth(1).fill('95');
    await expect.poll(() => page.textContent('.field-message')).toBe('');
    await expect.poll(() => writeButton(page).isDisabled()).toBe(false);
    await page.close();
  });

  it('adds and removes tiers, each in its colour', async () => {
    const page = await open();
    await page.getByRole('button', { name: '+ Add a tier' }).click();
    expect(await page.$$eval('input.tier-label', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['A', 'B', 'C', 'D']);
    expect(await page.$$eval('input.tier-cutoff', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['80', '95', '97.5']);
    await expect.poll(() => page.$$eval('table.tiers .chip', (els) => els.map((e) => e.textContent))).toEqual(['A', 'B', 'C', 'D']);
    await page.getByRole('button', { name: 'Remove the last tier' }).click();
    await expect.poll(() => page.$$eval('table.tiers .chip', (els) => els.map((e) => e.textContent))).toEqual(['A', 'B', 'C']);
    await page.close();
  });

  it('shows text from the sheet as text, never as markup', async () => {
    const markup = '<img src=x onerror="window.__hacked=1">Klant';
    const page = await open({ accountTitle: markup });
    expect(await page.locator('#panel-analyse .field select').first().locator('option:checked').textContent()).toBe(`B – ${markup}`);
    expect(await page.evaluate(() => ({ images: document.images.length, hacked: (window as { __hacked?: number }).__hacked ?? 0 }))).toEqual({ images: 0, hacked: 0 });
    await page.close();
  });

  it('writes to the workbook and says where', async () => {
    const page = await open();
    await writeButton(page).click();
    await page.waitForSelector('.actions .message.done');
    expect(await page.textContent('.actions .message.done')).toBe('Tiers written to Verkoop!F3:I14; summary and chart on the sheet Pareto.');
    const written = await page.evaluate(() => [window.__workbook.get('Verkoop', 2, 5), window.__workbook.get('Verkoop', 3, 5), [...window.__workbook.sheets.keys()]]);
    expect(written).toEqual(['Tier', 'A', ['Verkoop', 'Leeg', 'Pareto']]);
    await page.screenshot({ path: join(screenshots, 'done-sheets-en-300.png'), fullPage: true });
    await page.close();
  });

  it('asks before replacing its earlier output: Cancel writes nothing, Replace writes', async () => {
    const page = await open();
    await writeButton(page).click();
    await page.waitForSelector('.actions .message.done');
    await writeButton(page).click();
    await page.waitForSelector('.confirm');
    expect(await page.textContent('.confirm [role="alert"]')).toBe('Account Planner wrote an analysis here before (Verkoop!F3:I14). Replace it with the new one?');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Replace');
    await page.screenshot({ path: join(screenshots, 'confirm-sheets-en-300.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.textContent('.actions .message.done')).toBe('Nothing was written.');
    const writes = await page.evaluate(() => window.__workbook.calls.write);
    expect(writes).toBe(1);
    await writeButton(page).click();
    await page.getByRole('button', { name: 'Replace' }).click();
    await page.waitForSelector('.actions .message.done');
    expect(await page.textContent('.actions .message.done')).toMatch(/^Tiers written to Verkoop!F3:I14/);
    const after = await page.evaluate(() => ({
      writes: window.__workbook.calls.write,
      last: window.__calls.filter((c) => c.kind === 'apply').pop()!.options as { replace?: boolean },
      sheets: [...window.__workbook.sheets.keys()],
    }));
    expect(after).toEqual({ writes: 2, last: expect.objectContaining({ replace: true }), sheets: ['Verkoop', 'Leeg', 'Pareto'] });
    await page.close();
  });

  it('shows a working state while writing: button disabled, progress line, aria-busy', async () => {
    const page = await open({ delay: 600 });
    await writeButton(page).click();
    expect(await writeButton(page).isDisabled()).toBe(true);
    expect(await page.getAttribute('.actions', 'aria-busy')).toBe('true');
    expect(await page.textContent('.actions .message.working')).toBe('Writing 11 rows…');
    await page.waitForSelector('.actions .message.done', { timeout: 5000 });
    expect(await writeButton(page).isDisabled()).toBe(false);
    expect(await page.getAttribute('.actions', 'aria-busy')).toBe('false');
    await page.close();
  });

  it('shows errors on screen: same column twice, no table, a failed write', async () => {
    const page = await open();
    await page.locator('#panel-analyse .field select').nth(1).selectOption('1');
    await expect.poll(() => page.textContent('.preview [role="alert"]')).toBe('The account and amount columns must be different.');
    expect(await writeButton(page).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'error-sheets-en-300.png'), fullPage: true });
    await page.close();

    const empty = await open({ emptySheet: true, waitForPreview: false });
    await empty.waitForSelector('[role="alert"]');
    expect(await empty.textContent('[role="alert"]')).toBe('No table found on Leeg. Select a cell inside your revenue table (with a header row) and try again.');
    await empty.close();

    const failing = await open({ fail: { apply: 'The sheet Verkoop is protected: ask its owner to unlock it.' } });
    await writeButton(failing).click();
    await failing.waitForSelector('.actions [role="alert"]');
    expect(await failing.textContent('.actions [role="alert"]')).toBe('The sheet Verkoop is protected: ask its owner to unlock it.');
    expect(await failing.evaluate(() => window.__workbook.calls.write)).toBe(0);
    await failing.screenshot({ path: join(screenshots, 'write-failed-sheets-en-300.png'), fullPage: true });
    await failing.close();
  });

  it('is usable by keyboard: Tab reaches the primary button, arrow keys switch tabs', async () => {
    const page = await open();
    let reached = false;
    const visited: string[] = [];
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { text: el.textContent?.trim() ?? '', label: el.getAttribute('aria-label') ?? el.id, outline: getComputedStyle(el).outlineStyle, primary: el.matches('#panel-analyse .actions > button.primary') };
      });
      visited.push(focused.text || focused.label);
      expect(focused.outline, `focus ring on ${focused.text || focused.label}`).not.toBe('none');
      reached = focused.primary;
    }
    expect(reached, `Tab order: ${visited.join(' → ')}`).toBe(true);

    await page.focus('#tab-analyse');
    const state = () =>
      page.evaluate(() => ({
        focused: document.activeElement?.id,
        selected: Array.from(document.querySelectorAll('[role="tab"]')).filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id),
        visible: Array.from(document.querySelectorAll('[role="tabpanel"]')).filter((p) => !(p as HTMLElement).hidden).map((p) => p.id),
      }));
    await page.keyboard.press('ArrowRight');
    expect(await state()).toEqual({ focused: 'tab-plans', selected: ['tab-plans'], visible: ['panel-plans'] });
    await page.keyboard.press('ArrowRight');
    expect(await state()).toEqual({ focused: 'tab-functions', selected: ['tab-functions'], visible: ['panel-functions'] });
    await page.keyboard.press('ArrowRight');
    expect((await state()).selected).toEqual(['tab-analyse']);
    await page.keyboard.press('ArrowLeft');
    expect((await state()).selected).toEqual(['tab-functions']);
    await page.keyboard.press('Home');
    expect((await state()).selected).toEqual(['tab-analyse']);
    await page.keyboard.press('End');
    expect((await state()).selected).toEqual(['tab-functions']);
    await page.close();
  });

  it('labels every control', async () => {
    const page = await open();
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, button'))
        .filter((el) => {
          const named = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.length || (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await page.close();
  });

  it('starts in the host language, switches with EN|NL and formats numbers for it', async () => {
    const page = await open({ displayLanguage: 'nl-NL' });
    expect(await page.textContent('.headline')).toBe('50,0% van uw klanten brengt 94,2% van de omzet');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.getAttribute('button[lang="nl"]', 'aria-pressed')).toBe('true');
    expect(await texts(page, 'ul.left-out li')).toEqual(['totaalregel 14', '2 rijen met bedragen als tekst (rijen 7, 13)', '1 lege rij']);
    await page.click('button[lang="en"]');
    await expect.poll(() => page.textContent('.headline')).toBe('50.0% of your customers bring 94.2% of revenue');
    expect(await page.textContent('#tab-plans')).toBe('Plans');
    // The choices made are kept across the switch.
    expect(await selectValues(page)).toEqual(['1', '3', '2', '']);
    await page.close();
  });

  it('ƒx in Excel: clicking a function inserts its example into the active cell', async () => {
    const page = await open({ host: 'excel' });
    await page.click('#tab-functions');
    const names = await texts(page, '.fn-name');
    expect(names[0]).toBe('KAM.PARETO_TIER');
    expect(names.length).toBeGreaterThanOrEqual(10);
    await page.locator('button.fn').first().click();
    await expect.poll(() => page.evaluate(() => window.__inserted)).toEqual(['=KAM.PARETO_TIER(C2:C500, A2:A500)']);
    await expect.poll(() => page.textContent('ul.functions .status')).toBe('=KAM.PARETO_TIER(C2:C500, A2:A500) is in the active cell.');
    expect(await page.evaluate(() => window.__workbook.get('Verkoop', 5, 1))).toBe('=KAM.PARETO_TIER(C2:C500, A2:A500)');
    await page.close();
  });

  it('ƒx in Sheets: clicking a function selects its example to copy, help in the chosen language', async () => {
    const page = await open({ host: 'sheets', displayLanguage: 'nl' });
    await page.click('#tab-functions');
    expect(await page.textContent('.fn-help')).toBe('Klasse (A, B, C) van elke rij naar het aandeel van de klant in de totale omzet: A is de eerste 80%, B tot 95%, C de rest.');
    await page.locator('button.fn').first().click();
    const selection = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { value: el.value, selected: el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0) };
    });
    // Dutch locales separate arguments with ";"
    expect(selection).toEqual({ value: '=PARETO_TIER(C2:C500; A2:A500)', selected: '=PARETO_TIER(C2:C500; A2:A500)' });
    expect(await page.textContent('ul.functions .status')).toMatch(/^Geselecteerd/);
    await page.close();
  });

  for (const host of ['sheets', 'excel'] as const) {
    for (const language of ['en', 'nl'] as const) {
      it(`fits 300 px without a horizontal scrollbar (${host}, ${language}), and looks right at 300 and 450 px`, async () => {
        for (const width of [300, 450]) {
          const page = await open({ host, displayLanguage: language, width });
          await page.screenshot({ path: join(screenshots, `analyse-${host}-${language}-${width}.png`), fullPage: true });
          for (const tab of ['analyse', 'plans', 'functions']) {
            await page.click(`#tab-${tab}`);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), `${tab} at ${width} px`).toBeLessThanOrEqual(width);
          }
          await page.screenshot({ path: join(screenshots, `functions-${host}-${language}-${width}.png`), fullPage: true });
          // The Plans tab's screenshots, in each of its states, are taken by plans.test.ts.
          await page.close();
        }
      });
    }
  }
});
