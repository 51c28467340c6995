// The Plans tab as a person uses it, in headless Chromium: the real pane on the stand-in bridge
// over the in-memory workbook (test/ui/page.ts), with the real plan commands behind it. Choose the
// accounts, see their count, generate in batches with progress, follow the links to the tabs made;
// the errors on screen; keyboard, labels and the 300 px width. Screenshots of every state go to
// test-artifacts/screenshots/plans-*.png (`npm run docs:pictures` copies one to docs/pane-plans.png:
// the test run leaves the checkout as it was).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serialOf } from '../support/revenue-sheets';
import { CHROMIUM, Open, hasChromium, screenshots, usePane } from './harness';

const title = hasChromium
  ? 'the Plans tab in headless Chromium'
  : `the Plans tab in headless Chromium — skipped: ${CHROMIUM} is absent (apt-get install chromium)`;

const NO_ANALYSIS = 'Run the Pareto analysis first (it tells which accounts are in which tier), or type the account names.';

describe.skipIf(!hasChromium)(title, () => {
  const { open } = usePane();

  const panel = '#panel-plans';
  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
  const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const generateButton = (page: Page) => page.locator(`${panel} .actions > button.primary`);
  const countText = (page: Page) => text(page, `${panel} .count`);
  const calls = (page: Page, kind: string) => page.evaluate((k) => window.__calls.filter((c) => c.kind === k).map((c) => c.options), kind);

  /** The pane on the Plans tab, once the templates and the first count are in. */
  async function openPlans(options: Open = {}): Promise<Page> {
    const page = await open(options);
    await page.click('#tab-plans');
    await page.waitForSelector(`${panel} .count .count-line:not(.muted)`);
    await page.waitForFunction(() => !(document.querySelector('#panel-plans select.template-select') as HTMLSelectElement).disabled);
    return page;
  }

  /** Runs the analysis on the Analyse tab (it writes the tiers the Plans tab reads), then back to Plans. */
  async function analyse(page: Page) {
    await page.click('#tab-analyse');
    await page.locator('#panel-analyse .actions > button.primary').click();
    await page.waitForSelector('#panel-analyse .actions .message.done');
    await page.click('#tab-plans');
  }

  /** Every text the working line showed, from now on (a MutationObserver sees each one). */
  async function recordProgress(page: Page) {
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      new MutationObserver((records) => {
        for (const r of records)
          r.addedNodes.forEach((n) => {
            if (n instanceof HTMLElement && n.matches('.message.working')) w.__progress.push((n.textContent ?? '').trim());
          });
      }).observe(document.querySelector('#panel-plans .action-status')!, { childList: true });
    });
  }
  const progress = (page: Page) => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);

  async function typeNames(page: Page, names: string) {
    await page.locator(`${panel} input[type="radio"][value="names"]`).check();
    await page.locator(`${panel} textarea`).fill(names);
  }

  it('counts the A accounts after the analysis, generates them with progress, and lists what was made', async () => {
    const page = await openPlans({ delay: 200 });
    // Before the analysis: no tiers to choose from, said as the command says it.
    expect(await countText(page)).toBe(NO_ANALYSIS);
    await analyse(page);
    await expect.poll(() => countText(page)).toBe('2 accounts: Bakkerij Jansen, Van Dijk BV');
    expect(await page.locator(`${panel} select.tier-select`).inputValue()).toBe('A');
    // The tier list is the analysis' own: A, B, C here, not a fixed A–E
    expect(await page.locator(`${panel} select.tier-select option`).allTextContents()).toEqual(['A', 'B', 'C']);
    expect(await page.locator(`${panel} select.template-select option`).allTextContents()).toEqual(['Key account plan', 'Quick account plan']);
    expect(await text(page, `${panel} .template-description`)).toMatch(/^The full plan for a key account/);

    await recordProgress(page);
    await generateButton(page).click();
    expect(await generateButton(page).isDisabled()).toBe(true);
    expect(await page.getAttribute(`${panel} .actions`, 'aria-busy')).toBe('true');
    await page.waitForSelector(`${panel} .message.done`);
    expect(await progress(page)).toEqual(['Finding the accounts…', 'Plan 1 of 2…', 'Updating the overview…']);
    expect(await generateButton(page).isDisabled()).toBe(false);
    expect(await text(page, `${panel} .message.done`)).toBe('Made 2 plans. Overview: 2 new, 2 plans in all.');
    expect(await texts(page, `${panel} .sheet-group.made h3`)).toEqual(['Made (2)']);
    expect(await texts(page, `${panel} .sheet-group.made button`)).toEqual(['Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);
    expect(await text(page, `${panel} .overview-link`)).toBe('Overview: Plans overview');

    // One batch with the names, without the overview; the overview once.
    const generated = (await calls(page, 'generatePlans')) as Record<string, unknown>[];
    expect(generated).toEqual([
      expect.objectContaining({ language: 'en', accounts: { names: ['Bakkerij Jansen', 'Van Dijk BV'] }, template: 'key', skipOverview: true, planStart: expect.any(Number) }),
    ]);
    expect(await calls(page, 'refreshOverview')).toEqual([{ language: 'en' }]);
    const workbook = await page.evaluate(() => ({
      sheets: [...window.__workbook.sheets.keys()],
      overview: window.__workbook.names.AccountPlanner_Overview,
      listed: [window.__workbook.get('Plans overview', 4, 0), window.__workbook.get('Plans overview', 5, 0)],
    }));
    expect(workbook.sheets).toEqual(['Verkoop', 'Leeg', 'Pareto', 'Plan – Bakkerij Jansen', 'Plan – Van Dijk BV', 'Plans overview']);
    expect(workbook.overview).toMatchObject({ sheet: 'Plans overview' });
    expect(workbook.listed).toEqual(['Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);

    // Each item shows its tab; so does the overview's.
    await page.getByRole('button', { name: 'Plan – Van Dijk BV' }).click();
    await expect.poll(() => page.evaluate(() => window.__workbook.active.sheet)).toBe('Plan – Van Dijk BV');
    await page.getByRole('button', { name: 'Plans overview' }).click();
    await expect.poll(() => page.evaluate(() => window.__workbook.active.sheet)).toBe('Plans overview');

    // A second run makes nothing new and lists both as skipped.
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .sheet-group.skipped`);
    expect(await text(page, `${panel} .message.done`)).toBe('No new plans made. 2 accounts already have a plan tab: skipped. Overview: 0 new, 2 plans in all.');
    expect(await texts(page, `${panel} .sheet-group.skipped h3`)).toEqual(['Skipped: already planned (2)']);
    expect(await texts(page, `${panel} .sheet-group.skipped button`)).toEqual(['Plan – Bakkerij Jansen', 'Plan – Van Dijk BV']);
    expect(await page.locator(`${panel} .sheet-group.made`).count()).toBe(0);
    await page.close();
  });

  it('generates typed names in batches of five: progress in Sheets, then the overview once', async () => {
    const page = await openPlans({ delay: 150 });
    const names = Array.from({ length: 12 }, (_, i) => `Klant ${i + 1}`);
    await typeNames(page, `${names.slice(0, 6).join('\n')}\n\n${names.slice(6).join('; ')} ;`);
    await expect.poll(() => countText(page)).toBe('12 accounts: Klant 1, Klant 2, Klant 3 and 9 more');
    await recordProgress(page);
    await generateButton(page).click();
    await page.waitForFunction(() => document.querySelector('#panel-plans .message.working')?.textContent === 'Plan 6 of 12…');
    await page.screenshot({ path: join(screenshots, 'plans-working-sheets-en-300.png'), fullPage: true });
    await page.waitForSelector(`${panel} .message.done`, { timeout: 10_000 });
    expect(await progress(page)).toEqual(['Finding the accounts…', 'Plan 1 of 12…', 'Plan 6 of 12…', 'Plan 11 of 12…', 'Updating the overview…']);
    const batches = ((await calls(page, 'generatePlans')) as { accounts: { names: string[] }; skipOverview: boolean }[]).map((c) => [c.accounts.names.length, c.skipOverview]);
    expect(batches).toEqual([[5, true], [5, true], [2, true]]);
    expect((await calls(page, 'refreshOverview')).length).toBe(1);
    expect(await text(page, `${panel} .message.done`)).toBe('Made 12 plans. Overview: 12 new, 12 plans in all.');
    expect(await page.locator(`${panel} .sheet-group.made li`).count()).toBe(12);
    // The list scrolls within the pane; the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.close();
  });

  it('in Excel, reports each plan as it is made', async () => {
    const page = await openPlans({ host: 'excel', delay: 50 });
    await typeNames(page, 'Een\nTwee\nDrie\nVier\nVijf\nZes\nZeven');
    await expect.poll(() => countText(page)).toMatch(/^7 accounts:/);
    await recordProgress(page);
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    const seen = await progress(page);
    expect(seen).toEqual(expect.arrayContaining(['Plan 1 of 7…', 'Plan 2 of 7…', 'Plan 5 of 7…', 'Plan 6 of 7…', 'Plan 7 of 7…']));
    expect(await text(page, `${panel} .message.done`)).toBe('Made 7 plans. Overview: 7 new, 7 plans in all.');
    await page.close();
  });

  it.each([
    ['en-US', 'printWidthNotApplied', 'Excel did not take the setting to print the plan tabs one page wide (a known Excel issue). Set it on each tab: Page Layout › Width: 1 page.'],
    ['nl-NL', 'printWidthUnsupported', 'Deze versie van Excel kan de plantabbladen niet op één pagina breed laten afdrukken. Stel het per tabblad in: Pagina-indeling › Breedte: 1 pagina.'],
  ] as const)('in Excel (%s), says when the plans could not be set to print one page wide, once', async (displayLanguage, shortfall, message) => {
    const page = await openPlans({ host: 'excel', displayLanguage, shortfalls: [shortfall] });
    await typeNames(page, 'Een\nTwee\nDrie\nVier\nVijf\nZes\nZeven');
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    expect(await texts(page, `${panel} .message.shortfall`)).toEqual([message]);
    await page.close();
  });

  it('plans the selected cells, in the chosen language, start date and owner', async () => {
    const page = await openPlans();
    // Select B4:B6 on Verkoop: Bakkerij Jansen, Van Dijk BV, " bakkerij jansen " (the same account).
    await page.evaluate(() => {
      window.__workbook.active = { sheet: 'Verkoop', row: 3, col: 1 };
      window.__workbook.selection = { row: 3, col: 1, rows: 3, cols: 1 };
    });
    await page.getByRole('button', { name: 'Use selection' }).click();
    await expect.poll(() => countText(page)).toBe('2 accounts: Bakkerij Jansen, Van Dijk BV');
    expect(await page.locator(`${panel} input[type="radio"][value="selection"]`).isChecked()).toBe(true);
    await page.locator(`${panel} select.template-select`).selectOption('quick');
    expect(await text(page, `${panel} .template-description`)).toBe('A one-screen plan for accounts outside the key list.');
    await page.locator(panel).getByLabel('Language', { exact: true }).selectOption('nl');
    await page.locator(panel).getByLabel('Start date').fill('2026-03-02');
    await page.locator(panel).getByLabel('Owner').fill('  Sam de Wit ');
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    const [options] = (await calls(page, 'generatePlans')) as Record<string, unknown>[];
    expect(options).toEqual({ language: 'nl', accounts: { names: ['Bakkerij Jansen', 'Van Dijk BV'] }, template: 'quick', planStart: serialOf(2026, 3, 2), owner: 'Sam de Wit', skipOverview: true, exactNames: true });
    // The plan and the overview in Dutch; the pane stays English.
    const made = await page.evaluate(() => ({ sheets: [...window.__workbook.sheets.keys()], title: window.__workbook.get('Plan – Bakkerij Jansen', 0, 0) }));
    expect(made.sheets).toContain('Plannen-overzicht');
    expect(made.title).toBe('Beknopt accountplan – Bakkerij Jansen');
    expect(await text(page, `${panel} .message.done`)).toBe('Made 2 plans. Overview: 2 new, 2 plans in all.');
    await page.close();
  });

  it('lets the user choose the selection sheet\'s candidate tiers and managers, and says when no tier is ticked', async () => {
    const page = await openPlans({ width: 300 });
    await analyse(page);
    await page.locator(panel).getByLabel('Marked as key account').check();
    const status = `${panel} .selection-status`;
    await page.locator(panel).getByText('Candidates and managers').click();
    // Opened, the choices fit the 300 px sidebar.
    await page.locator(`${panel} .selection-options`).screenshot({ path: join(screenshots, 'plans-selection-options-300.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    const tiers = page.locator(`${panel} .candidate-tiers`);
    expect(await tiers.locator('input:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(['A', 'B']);
    await tiers.getByLabel('C', { exact: true }).check();
    await page.locator(panel).getByLabel('Managers', { exact: true }).fill('2');
    expect(await text(page, status)).toBe('A selection sheet: the managers rate the A, B and C accounts on agreed criteria and mark the key accounts yes.');
    await page.getByRole('button', { name: 'New selection sheet' }).click();
    await expect.poll(() => text(page, status)).toMatch(/^The sheet Key-account selection lists \d+ candidates for 2 managers to rate on 6 criteria\.$/);
    expect(await calls(page, 'writeSelectionSheet')).toEqual([{ language: 'en', tiers: ['A', 'B', 'C'], managers: 2 }]);
    for (const tier of ['A', 'B', 'C']) await tiers.getByLabel(tier, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'New selection sheet' }).click();
    expect(await text(page, status)).toBe('Choose at least one tier for the candidates.');
    expect(await calls(page, 'writeSelectionSheet')).toHaveLength(1);
    await page.close();
  });

  it('writes a key-account selection sheet by keyboard, says nobody is marked yet, then plans the accounts marked yes', async () => {
    const page = await openPlans();
    await analyse(page);
    await page.locator(panel).getByLabel('Marked as key account').check();
    await expect.poll(() => countText(page)).toMatch(/^There is no key-account selection sheet yet/);
    const status = `${panel} .selection-status`;
    expect(await text(page, status)).toBe('A selection sheet: the managers rate the A and B accounts on agreed criteria and mark the key accounts yes.');
    await page.getByRole('button', { name: 'New selection sheet' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, status)).toBe('The sheet Key-account selection lists 3 candidates for 3 managers to rate on 6 criteria.');
    expect(await calls(page, 'writeSelectionSheet')).toEqual([{ language: 'en' }]);
    expect(await page.evaluate(() => window.__workbook.active.sheet)).toBe('Key-account selection');
    await expect.poll(() => countText(page)).toBe('No account is marked as key account on the sheet Key-account selection: choose "yes" in its column "Key account?" first.');
    // The managers decide on the sheet: Van Dijk BV (the second candidate) is a key account.
    await page.evaluate(() => {
      const at = window.__workbook.names.AccountPlanner_SelectionDecisions;
      window.__workbook.write({ ...window.__emptySpec(), blocks: [{ sheet: at.sheet, row: at.region.row + 1, col: at.region.col, values: [['yes']] }] });
    });
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    const [options] = (await calls(page, 'generatePlans')) as { accounts: unknown }[];
    expect(options.accounts).toEqual({ names: ['Van Dijk BV'] });
    expect(await page.evaluate(() => window.__workbook.sheets.has('Plan – Van Dijk BV'))).toBe(true);
    await page.close();
  });

  it('plans the accounts that moved down a tier on the Tier migration sheet the Analyse tab wrote', async () => {
    const page = await openPlans();
    await analyse(page);
    const movedDown = page.locator(panel).getByLabel('Moved down a tier');
    await movedDown.check();
    await expect.poll(() => countText(page)).toBe('There is no Tier migration sheet yet: compare periods first (Analyse › Compare periods, or account-planner analyze --compare).');
    expect(await text(page, `${panel} .moved-down-hint`)).toBe('From the latest Tier migration sheet (Analyse › Compare periods).');
    // Compare periods on the Analyse tab, split on 1 July: nobody moved down (Van Dijk moved up).
    await page.click('#tab-analyse');
    await page.getByLabel('Split date (optional)').fill('2025-07-01');
    await page.click('#panel-analyse .compare button');
    await page.waitForSelector('#panel-analyse .compare .message.done');
    await page.click('#tab-plans');
    await page.locator(panel).getByLabel('Marked as key account').check();
    await movedDown.check();
    await expect.poll(() => countText(page)).toBe('No account moved down a tier on the sheet Tier migration.');
    // As if Kapper Anna had slid from A to B: its Movement on the sheet says Down.
    await page.evaluate(() => {
      const at = window.__workbook.names.AccountPlanner_MigrationMoves;
      window.__workbook.write({ ...window.__emptySpec(), blocks: [{ sheet: at.sheet, row: at.region.row + 2, col: at.region.col, values: [['Down']] }] });
    });
    await page.locator(panel).getByLabel('Marked as key account').check();
    await movedDown.check();
    await expect.poll(() => countText(page)).toMatch(/^1 account/);
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    expect(await page.evaluate(() => window.__workbook.sheets.has('Plan – Kapper Anna'))).toBe(true);
    await page.close();
  });

  it("offers the workbook's own Template sheets, with a note on their placeholders", async () => {
    const page = await openPlans({
      sheets: {
        'Template Partner': [['Partnerplan – {{account}}', null], ['Owner', '{{owner}}'], ['Start', '{{plan_start}}'], ['Reviews', 'First review on {{review_1}}']],
        'Sjabloon kort': [['{{account}}']],
        Templates: [['not a template: the name goes on without a space']],
      },
    });
    const select = page.locator(`${panel} select.template-select`);
    expect(await select.locator('option').allTextContents()).toEqual(['Key account plan', 'Quick account plan', 'Template Partner', 'Sjabloon kort']);
    await select.selectOption({ label: 'Template Partner' });
    expect(await text(page, `${panel} .template-description`)).toBe('Your own template sheet.');
    await page.locator(`${panel} details.own-template summary`).click();
    expect(await texts(page, `${panel} .placeholders code`)).toEqual([
      '{{account}}', '{{tier}}', '{{category}}', '{{revenue}}', '{{owner}}', '{{plan_start}}', '{{review_1}}', '{{review_2}}', '{{review_3}}',
    ]);
    await page.screenshot({ path: join(screenshots, 'plans-own-template-sheets-en-300.png'), fullPage: true });
    await typeNames(page, 'Acme');
    await page.locator(panel).getByLabel('Owner').fill('Sam');
    await page.locator(panel).getByLabel('Start date').fill('2026-01-05');
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    const plan = await page.evaluate(() => [0, 1, 2, 3].map((r) => window.__workbook.get('Plan – Acme', r, 1) ?? window.__workbook.get('Plan – Acme', r, 0)));
    expect(plan).toEqual(['Partnerplan – Acme', 'Sam', serialOf(2026, 1, 5), 'First review on 2026-02-04']);
    expect((await calls(page, 'generatePlans'))[0]).toMatchObject({ template: { sheet: 'Template Partner' } });

    // A template sheet added while the pane is open shows once the tab is shown again.
    await page.evaluate(() => window.__workbook.addSheet('Template Nieuw'));
    await page.click('#tab-functions');
    await page.click('#tab-plans');
    await expect.poll(() => select.locator('option').allTextContents()).toContain('Template Nieuw');
    expect(await select.inputValue()).toBe('sheet:Template Partner');
    await page.close();
  });

  it('says in a sentence what is wrong: no analysis for a tier, no names, no start date', async () => {
    const page = await openPlans();
    expect(await countText(page)).toBe(NO_ANALYSIS);
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .actions [role="alert"]`);
    expect(await text(page, `${panel} .actions [role="alert"]`)).toBe(NO_ANALYSIS);
    expect(await page.evaluate(() => window.__workbook.calls.write)).toBe(0);
    expect(await calls(page, 'generatePlans')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'plans-error-sheets-en-300.png'), fullPage: true });

    await typeNames(page, ' ; \n');
    await expect.poll(() => countText(page)).toBe('Type at least one account name.');

    await typeNames(page, 'Acme');
    await page.locator(panel).getByLabel('Start date').fill('');
    await generateButton(page).click();
    expect(await text(page, `${panel} .actions [role="alert"]`)).toBe('Choose the start date of the plans.');
    expect(await page.getAttribute(`${panel} input[type="date"]`, 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('date');
    expect(await page.evaluate(() => window.__workbook.calls.write)).toBe(0);

    // In Dutch, the count says it in Dutch.
    await page.click('button[lang="nl"]');
    await page.locator(`${panel} input[type="radio"][value="tier"]`).check();
    await expect.poll(() => countText(page)).toMatch(/^Voer eerst de Pareto-analyse uit/);
    await page.close();
  });

  it('stops at a failure, keeps the plans made before it and still lists them in the overview', async () => {
    const page = await openPlans({ fail: { generatePlans: 'The sheet is protected: ask its owner to unlock it.' }, failFromCall: 2 });
    await typeNames(page, 'A1\nA2\nA3\nA4\nA5\nA6\nA7');
    await expect.poll(() => countText(page)).toMatch(/^7 accounts:/);
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .actions [role="alert"]`);
    expect(await text(page, `${panel} .actions [role="alert"]`)).toBe('Stopped at A6: The sheet is protected: ask its owner to unlock it. The plans made before it are complete.');
    expect(await text(page, `${panel} .message.done`)).toBe('Made 5 plans. Overview: 5 new, 5 plans in all.');
    expect(await page.locator(`${panel} .sheet-group.made li`).count()).toBe(5);
    expect((await calls(page, 'generatePlans')).length).toBe(2);
    expect((await calls(page, 'refreshOverview')).length).toBe(1);
    await page.screenshot({ path: join(screenshots, 'plans-stopped-sheets-en-300.png'), fullPage: true });
    await page.close();
  });

  it('refreshes the overview on its own, and says when a tab to show is gone', async () => {
    const page = await openPlans();
    await typeNames(page, 'Acme');
    await generateButton(page).click();
    await page.waitForSelector(`${panel} .message.done`);
    // A plan tab copied by hand: Refresh overview adds it.
    await page.evaluate(() => {
      window.__workbook.write({ ...window.__emptySpec(), copySheets: [{ from: 'Plan – Acme', to: 'Plan – Globex' }] });
    });
    await page.getByRole('button', { name: 'Refresh overview' }).click();
    await expect.poll(() => text(page, `${panel} .message.done`)).toBe('Overview: 1 new, 2 plans in all.');
    expect(await page.locator(`${panel} .sheet-group`).count()).toBe(0);
    expect(await page.evaluate(() => window.__workbook.get('Plans overview', 5, 0))).toBe('Plan – Globex');

    await page.evaluate(() => window.__workbook.sheets.delete('Plans overview'));
    await page.getByRole('button', { name: 'Plans overview' }).click();
    await expect.poll(() => text(page, `${panel} .actions .status.error`)).toBe('There is no sheet called Plans overview any more: it was renamed or deleted.');
    await page.close();
  });

  it('is usable by keyboard and labels every control', async () => {
    const page = await openPlans();
    await page.focus('#tab-plans');
    let reached = false;
    const visited: string[] = [];
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const name = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent?.trim() || el.id;
        return { name: name ?? '', outline: getComputedStyle(el).outlineStyle, generate: el.matches('#panel-plans .actions > button.primary') };
      });
      visited.push(focused.name);
      expect(focused.outline, `focus ring on ${focused.name}`).not.toBe('none');
      reached = focused.generate;
    }
    expect(reached, `Tab order: ${visited.join(' → ')}`).toBe(true);
    // The account choices are one radio group: the arrow keys move between them.
    await page.locator(`${panel} input[type="radio"][value="tier"]`).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`${panel} input[type="radio"][value="selection"]`).isChecked()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`${panel} textarea`).isVisible()).toBe(true);
    // Generate by keyboard.
    await page.locator(`${panel} textarea`).focus();
    await page.keyboard.type('Acme');
    await generateButton(page).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${panel} .message.done`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Generate plans');

    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#panel-plans input, #panel-plans select, #panel-plans textarea, #panel-plans button'))
        .filter((el) => {
          const labelledBy = el.getAttribute('aria-labelledby');
          const named =
            el.getAttribute('aria-label') ||
            (labelledBy && document.getElementById(labelledBy)?.textContent?.trim()) ||
            (el as HTMLInputElement).labels?.length ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await page.close();
  });

  it('follows the pane language until a plan language is chosen', async () => {
    const page = await openPlans({ displayLanguage: 'nl-NL' });
    expect(await page.locator(panel).getByLabel('Taal', { exact: true }).inputValue()).toBe('nl');
    expect(await page.locator(`${panel} select.template-select option`).allTextContents()).toEqual(['Key-accountplan', 'Beknopt accountplan']);
    await page.click('button[lang="en"]');
    await expect.poll(() => page.locator(`${panel} select.template-select option`).allTextContents()).toEqual(['Key account plan', 'Quick account plan']);
    expect(await page.locator(panel).getByLabel('Language', { exact: true }).inputValue()).toBe('en');
    await page.locator(panel).getByLabel('Language', { exact: true }).selectOption('nl');
    await page.click('button[lang="nl"]');
    await page.click('button[lang="en"]');
    expect(await page.locator(panel).getByLabel('Language', { exact: true }).inputValue()).toBe('nl');
    await page.close();
  });

  for (const host of ['sheets', 'excel'] as const) {
    for (const language of ['en', 'nl'] as const) {
      it(`fits 300 px without a horizontal scrollbar (${host}, ${language}), idle and done, at 300 and 450 px`, async () => {
        for (const width of [300, 450]) {
          const page = await openPlans({ host, displayLanguage: language, width });
          await analyse(page);
          await expect.poll(() => countText(page)).toMatch(/^2 \S+: /);
          await page.screenshot({ path: join(screenshots, `plans-${host}-${language}-${width}.png`), fullPage: true });
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `idle at ${width} px`).toBeLessThanOrEqual(width);
          await generateButton(page).click();
          await page.waitForSelector(`${panel} .message.done`);
          // Scrolled to the top, as the pane is after the click.
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(screenshots, `plans-done-${host}-${language}-${width}.png`), fullPage: true });
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `done at ${width} px`).toBeLessThanOrEqual(width);
          await page.close();
        }
      });
    }
  }
});
