// Generating account plans: pick the accounts (a tier from the Pareto output, the selection, or
// typed names), render a plan tab per account from a template (built-in, or the user's own
// "Template …" sheet), and list every plan in the overview. An account that already has a plan
// tab is skipped, never replaced. Each plan is one write, so a failure half-way leaves the plans
// made so far complete, and the overview (written last, also after a failure) lists them.
import { Cell, isError } from '../cells';
import { accountKey } from '../formulas/pareto';
import { isoDate, todaySerial } from '../dates';
import { Language, categoryLabel, categoryOf, fill } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, emptySpec } from '../sheet-spec';
import { TEMPLATES, isUserTemplateSheet, templateById } from '../templates';
import { Awaitable, SheetValues, Shortfall, Workbook, WorkbookInfo, andThen, cellAt } from '../workbook';
import { Host, SOURCE_NAMES } from './analysis';
import { UserError } from './errors';
import { OverviewResult, refreshOverview } from './overview';
import { PlanContext, PlanLayout, renderPlan } from './plan-render';
import { planNameIsCut, planSheetName, uniqueSheetName } from './sheet-names';
import { readProducts } from './whitespace-sheet';
import { countedAs } from './criteria';
import { markedKeyAccounts, selectionSheetOf } from './key-accounts';
import { migrationSheetOf, movedDownAccounts } from './moved-down';
import { moneyFormat } from './layout';

export type AccountChoice = { tier: string } | { names: string[] } | { selection: true } | { keyAccounts: true } | { movedDown: true };
export type TemplateChoice = 'key' | 'quick' | { sheet: string };

export interface PlanOptions {
  host: Host;
  language: Language;
  accounts: AccountChoice;
  template: TemplateChoice;
  /** Serial date; default today. */
  planStart?: number;
  owner?: string;
  /** Called after each plan: "Plan 7 of 30". */
  onProgress?: (done: number, total: number, account: string) => void;
  /** Leave the overview for a separate refreshOverview call (a pane generating in batches). */
  skipOverview?: boolean;
  /**
   * The names are the revenue table's own spelling (a pane passing back what listAccounts gave):
   * with a built-in template, whose facts are live formulas, the revenue table need not be read
   * again for each batch.
   */
  exactNames?: boolean;
  /**
   * The product (group) column for the whitespace grid and sheet: a header or column letter, null
   * for none; default: the analysis' AccountPlanner_Products, else one recognised by its header.
   */
  product?: string | null;
}

/** What the pane offers as templates: the built-in ones and the workbook's "Template …" sheets. */
export interface TemplateOption {
  id: string; // 'key', 'quick', or 'sheet:<name>'
  name: string;
  description: string;
}

export function listTemplates(wb: Workbook, language: Language): Awaitable<TemplateOption[]> {
  return andThen(wb.info(), (info) => [
    ...TEMPLATES.map((t) => ({ id: t.id, name: t.name[language], description: t.description[language] })),
    ...info.sheets.filter(isUserTemplateSheet).map((sheet) => ({ id: `sheet:${sheet}`, name: sheet, description: '' })),
  ]);
}

/**
 * The tier labels the last analysis wrote, in tier order (by the smallest cumulative share in
 * each), so a pane offers the user's own labels ("Gold", "Silver"...). Empty without an analysis.
 */
export function listTiers(wb: Workbook): Awaitable<string[]> {
  return andThen(wb.info(), (info) => {
    const tiers = info.names[SOURCE_NAMES.tiers];
    if (!tiers || !info.sheets.includes(tiers.sheet)) return [];
    return andThen(wb.readSheet(tiers.sheet), (values) => tierOrder(info, values));
  });
}

/** The tier labels in the revenue table's values (the sheet of AccountPlanner_TierColumn), in tier order. */
export function tierOrder(info: WorkbookInfo, values: SheetValues): string[] {
  const tiers = info.names[SOURCE_NAMES.tiers];
  if (!tiers || tiers.sheet !== values.sheet) return [];
  const first = new Map<string, number>();
  for (let r = tiers.region.row; r < tiers.region.row + tiers.region.rows; r++) {
    const label = cellAt(values, r, tiers.region.col);
    // The cumulative share sits right of the tier: the analysis writes them side by side.
    const share = cellAt(values, r, tiers.region.col + 1);
    if (typeof label !== 'string' || !label) continue;
    const at = typeof share === 'number' ? share : Infinity;
    if (!first.has(label) || at < first.get(label)!) first.set(label, at);
  }
  return [...first].sort((a, b) => a[1] - b[1]).map(([label]) => label);
}

/** The accounts a choice stands for, so a pane can show the count and generate in batches. */
export function listAccounts(wb: Workbook, options: Pick<PlanOptions, 'accounts' | 'language'>): Awaitable<AccountFacts[]> {
  return andThen(wb.info(), (info) => andThen(resolveAccounts(wb, info, options), (r) => r.accounts));
}

export interface AccountFacts {
  name: string;
  tier?: string;
  category?: number;
  revenue?: number;
}

export interface PlansResult {
  made: { account: string; sheet: string }[];
  skipped: { account: string; sheet: string }[];
  failed: { account: string; message: string } | null;
  overview: OverviewResult | null;
  message: string;
  /** What the host could not do of the plans (print one page wide), for the pane to say. */
  shortfalls: Shortfall[];
}

const WORDS = {
  en: {
    noAnalysis: 'Run the Pareto analysis first (it tells which accounts are in which tier), or type the account names.',
    noTier: 'No accounts in tier {tier}.',
    noSelection: 'Select the cells with the account names first.',
    noNames: 'Type at least one account name.',
    noSelectionSheet: 'There is no key-account selection sheet yet: write one (Analyse, or account-planner select), let the managers rate the candidates, and mark the key accounts "yes".',
    noneMarked: 'No account is marked as key account on the sheet {sheet}: choose "yes" in its column "Key account?" first.',
    noMigrationSheet: 'There is no Tier migration sheet yet: compare periods first (Analyse › Compare periods, or account-planner analyze --compare).',
    noneMovedDown: 'No account moved down a tier on the sheet {sheet}.',
    noTemplate: 'There is no template sheet called {sheet}; template sheets are named "Template …" or "Sjabloon …".',
    done: 'Made {made} plans.',
    skipped: ' Skipped {skipped} that already have a plan tab.',
    failed: ' Stopped at {account}: {message}. The plans made before are complete and listed in the overview.',
  },
  nl: {
    noAnalysis: 'Voer eerst de Pareto-analyse uit (die bepaalt welke klanten in welke klasse vallen), of typ de klantnamen.',
    noTier: 'Geen klanten in klasse {tier}.',
    noSelection: 'Selecteer eerst de cellen met de klantnamen.',
    noNames: 'Typ minstens één klantnaam.',
    noSelectionSheet: 'Er is nog geen blad Selectie key accounts: maak er een (Analyse, of account-planner select), laat de managers de kandidaten beoordelen en markeer de key accounts met "ja".',
    noneMarked: 'Op het blad {sheet} is geen klant als key account gemarkeerd: kies eerst "ja" in de kolom "Key account?".',
    noMigrationSheet: 'Er is nog geen blad Verschuivingen: vergelijk eerst perioden (Analyse › Perioden vergelijken, of account-planner analyze --compare).',
    noneMovedDown: 'Op het blad {sheet} is geen klant een klasse gezakt.',
    noTemplate: 'Er is geen sjabloonblad met de naam {sheet}; sjabloonbladen heten "Sjabloon …" of "Template …".',
    done: '{made} plannen gemaakt.',
    skipped: ' {skipped} overgeslagen die al een plantabblad hebben.',
    failed: ' Gestopt bij {account}: {message}. De plannen die al gemaakt waren zijn compleet en staan in het overzicht.',
  },
} satisfies Record<Language, Record<string, string>>;


/**
 * Facts per account from the analysis' names on the revenue table: tier, category, revenue. An
 * account tiered within groups (a tier per region) takes its best tier: the one with the smallest
 * cumulative share, which the analysis writes right of the tier.
 */
export function factsFromSource(info: WorkbookInfo, values: SheetValues): Map<string, AccountFacts> {
  const facts = new Map<string, AccountFacts>();
  const tierShare = new Map<string, number>();
  const accounts = info.names[SOURCE_NAMES.accounts];
  const column = (name: string) => (info.names[name]?.sheet === accounts.sheet ? info.names[name].region.col : null);
  const [tierCol, categoryCol, amountCol] = [column(SOURCE_NAMES.tiers), column(SOURCE_NAMES.categories), column(SOURCE_NAMES.amounts)];
  for (let r = accounts.region.row; r < accounts.region.row + accounts.region.rows; r++) {
    const name = cellAt(values, r, accounts.region.col);
    const key = isError(name) ? null : accountKey(name);
    if (!key) continue;
    const f = facts.get(key) ?? { name: String(name).trim(), revenue: 0 };
    const tier = tierCol === null ? null : cellAt(values, r, tierCol);
    const category = categoryCol === null ? null : cellAt(values, r, categoryCol);
    const amount = amountCol === null ? null : cellAt(values, r, amountCol);
    // The category goes with the tier: both from the row of the account's best tier.
    let best = false;
    if (typeof tier === 'string' && tier) {
      const share = cellAt(values, r, tierCol! + 1);
      const at = typeof share === 'number' ? share : Infinity;
      if (f.tier === undefined || at < (tierShare.get(key) ?? Infinity)) {
        f.tier = tier;
        tierShare.set(key, at);
        best = true;
      }
    }
    const number = categoryOf(category);
    if (number !== null && (f.category === undefined || best)) f.category = number;
    if (typeof amount === 'number') f.revenue = (f.revenue ?? 0) + amount;
    facts.set(key, f);
  }
  return facts;
}

function uniqueNames(cells: Cell[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const c of cells) {
    const key = isError(c) ? null : accountKey(c);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    names.push(String(c).trim());
  }
  return names;
}

/** The accounts to plan, largest first when chosen by tier. Reads at most two sheets. */
export function resolveAccounts(
  wb: Workbook,
  info: WorkbookInfo,
  options: Pick<PlanOptions, 'accounts' | 'language'> & { needFacts?: boolean },
): Awaitable<{ accounts: AccountFacts[]; source: Map<string, AccountFacts>; values: SheetValues | null }> {
  const w = WORDS[options.language];
  const sourceName = info.names[SOURCE_NAMES.accounts];
  const source = sourceName && info.sheets.includes(sourceName.sheet) && options.needFacts !== false ? sourceName : null;
  return andThen(source ? wb.readSheet(source.sheet) : null, (sourceValues) => {
    const facts = sourceValues ? factsFromSource(info, sourceValues) : new Map<string, AccountFacts>();
    const withFacts = (names: string[]) => names.map((n) => facts.get(accountKey(n) ?? '') ?? { name: n });
    const choice = options.accounts;
    if ('tier' in choice) {
      if (!sourceValues || !info.names[SOURCE_NAMES.tiers]) throw new UserError(w.noAnalysis);
      const wanted = accountKey(choice.tier);
      const inTier = [...facts.values()].filter((f) => accountKey(f.tier ?? '') === wanted).sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0));
      if (!inTier.length) throw new UserError(fill(w.noTier, { tier: choice.tier }));
      return { accounts: inTier, source: facts, values: sourceValues };
    }
    if ('names' in choice) {
      const names = uniqueNames(choice.names);
      if (!names.length) throw new UserError(w.noNames);
      return { accounts: withFacts(names), source: facts, values: sourceValues };
    }
    // Accounts listed on one of the add-in's sheets: the key-account selection, the tier migration.
    const fromSheet = (sheet: string | null, missing: string, listed: (values: SheetValues) => Cell[], none: string) => {
      if (!sheet) throw new UserError(missing);
      const read = source && source.sheet === sheet && sourceValues ? sourceValues : wb.readSheet(sheet);
      return andThen(read, (values) => {
        const names = uniqueNames(listed(values));
        if (!names.length) throw new UserError(fill(none, { sheet }));
        return { accounts: withFacts(names), source: facts, values: sourceValues };
      });
    };
    if ('keyAccounts' in choice) return fromSheet(selectionSheetOf(info), w.noSelectionSheet, (values) => markedKeyAccounts(info, values), w.noneMarked);
    if ('movedDown' in choice) return fromSheet(migrationSheetOf(info), w.noMigrationSheet, (values) => movedDownAccounts(info, values), w.noneMovedDown);
    const selection = info.selection;
    if (!selection) throw new UserError(w.noSelection);
    const read = source && source.sheet === info.active.sheet && sourceValues ? sourceValues : wb.readSheet(info.active.sheet);
    return andThen(read, (values) => {
      const cells: Cell[] = [];
      for (let r = selection.row; r < selection.row + selection.rows; r++) for (let c = selection.col; c < selection.col + selection.cols; c++) cells.push(cellAt(values, r, c));
      const names = uniqueNames(cells);
      if (!names.length) throw new UserError(w.noSelection);
      return { accounts: withFacts(names), source: facts, values: sourceValues };
    });
  });
}

// --- the user's own template -----------------------------------------------------------------

export const PLACEHOLDERS = ['account', 'tier', 'category', 'revenue', 'owner', 'plan_start', 'review_1', 'review_2', 'review_3'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{\{\s*([a-z_0-9]+)\s*\}\}/gi;
const FIELD_OF: Record<Placeholder, string> = {
  account: 'account', tier: 'tier', category: 'category', revenue: 'revenue_12m', owner: 'owner',
  plan_start: 'plan_start', review_1: 'review_1', review_2: 'review_2', review_3: 'review_3',
};

export interface UserTemplate {
  sheet: string;
  /** Text cells with placeholders, by position. */
  cells: { row: number; col: number; text: string }[];
}

export function findPlaceholders(values: SheetValues): UserTemplate['cells'] {
  const cells: UserTemplate['cells'] = [];
  values.values.forEach((line, i) =>
    line.forEach((v, j) => {
      if (typeof v === 'string' && /\{\{\s*[a-z_0-9]+\s*\}\}/i.test(v)) cells.push({ row: values.origin.row + i, col: values.origin.col + j, text: v });
    }),
  );
  return cells;
}


/** The value of each placeholder for one account. Dates are serials; in running text, ISO dates. */
function placeholderValues(facts: AccountFacts, owner: string, start: number, language: Language): Record<Placeholder, string | number | null> {
  return {
    account: facts.name,
    tier: facts.tier ?? null,
    category: facts.category ? categoryLabel(facts.category, language) : null,
    revenue: facts.revenue ?? null,
    owner: owner || null,
    plan_start: start,
    review_1: start + 30,
    review_2: start + 60,
    review_3: start + 90,
  };
}

/** Copies the user's template sheet and fills in its placeholders: a cell that is only a
 * placeholder gets the value itself (a number, a date); in running text it is replaced as text. */
export function renderUserTemplate(template: UserTemplate, sheet: string, facts: AccountFacts, owner: string, start: number, language: Language, money = '#,##0'): { spec: SheetSpec; layout: PlanLayout } {
  const spec = emptySpec();
  spec.copySheets.push({ from: template.sheet, to: sheet });
  const values = placeholderValues(facts, owner, start, language);
  const layout: PlanLayout = { sheet, fields: {}, tables: {} };
  const dateCells: Region[] = [];
  for (const cell of template.cells) {
    const whole = /^\s*\{\{\s*([a-z_0-9]+)\s*\}\}\s*$/i.exec(cell.text);
    let value: SpecValue;
    const key = whole?.[1].toLowerCase() as Placeholder | undefined;
    if (key && Object.prototype.hasOwnProperty.call(values, key)) {
      value = values[key];
      layout.fields[FIELD_OF[key]] = { row: cell.row, col: cell.col };
      if (key === 'plan_start' || key.startsWith('review_')) dateCells.push({ row: cell.row, col: cell.col, rows: 1, cols: 1 });
      if (key === 'revenue') spec.styles.push({ sheet, region: { row: cell.row, col: cell.col, rows: 1, cols: 1 }, numberFormat: money });
    } else {
      value = cell.text.replace(PLACEHOLDER, (all, name: string) => {
        const k = name.toLowerCase() as Placeholder;
        if (!Object.prototype.hasOwnProperty.call(values, k)) return all; // unknown placeholders stay, so the user sees them
        const v = values[k];
        if (v === null) return '';
        return k === 'plan_start' || k.startsWith('review_') ? isoDate(v as number) : String(v);
      });
    }
    spec.blocks.push({ sheet, row: cell.row, col: cell.col, values: [[value]] });
  }
  for (const region of dateCells) spec.styles.push({ sheet, region, numberFormat: language === 'nl' ? 'dd-mm-yyyy' : 'yyyy-mm-dd' });
  return { spec, layout };
}

// --- generating ---------------------------------------------------------------------------------

export function generatePlans(wb: Workbook, options: PlanOptions): Awaitable<PlansResult> {
  const w = WORDS[options.language];
  const start = options.planStart ?? todaySerial();
  const owner = options.owner?.trim() ?? '';
  return andThen(wb.info(), (info) => {
    const choice = options.template;
    let readTemplate: Awaitable<UserTemplate | null> = null;
    if (typeof choice === 'object') {
      if (!info.sheets.includes(choice.sheet) || !isUserTemplateSheet(choice.sheet)) throw new UserError(fill(w.noTemplate, { sheet: choice.sheet }));
      readTemplate = andThen(wb.readSheet(choice.sheet), (values) => ({ sheet: choice.sheet, cells: findPlaceholders(values) }));
    }
    const builtIn = typeof choice === 'string' ? templateById(choice) : undefined;
    if (typeof choice === 'string' && !builtIn) throw new UserError(fill(w.noTemplate, { sheet: choice }));
    const needFacts = !(options.exactNames && builtIn && 'names' in options.accounts);
    return andThen(readTemplate, (userTemplate) =>
      andThen(resolveAccounts(wb, info, { ...options, needFacts }), ({ accounts, values }) => andThen(readProducts(wb, info, values, options, !needFacts), (products) => {
        const existing = new Set(info.sheets.map((s) => s.toLowerCase()));
        const taken = new Set(existing);
        const made: PlansResult['made'] = [];
        const skipped: PlansResult['skipped'] = [];
        const layouts: PlanLayout[] = [];
        // A name counts only beside the accounts: same sheet, same rows (a stale name from an earlier
        // analysis of another sheet would make SUMIFS mix two tables).
        const accountsName = info.names[SOURCE_NAMES.accounts];
        const present = (name: string) => {
          const n = info.names[name];
          if (!n || !accountsName || !info.sheets.includes(n.sheet)) return false;
          return n.sheet === accountsName.sheet && n.region.row === accountsName.region.row && n.region.rows === accountsName.region.rows;
        };
        const source: PlanContext['source'] = {
          accounts: present(SOURCE_NAMES.accounts),
          amounts: present(SOURCE_NAMES.amounts),
          dates: present(SOURCE_NAMES.dates),
          tiers: present(SOURCE_NAMES.tiers),
          categories: present(SOURCE_NAMES.categories),
          keys: present(SOURCE_NAMES.keys),
          dataEnd: !!info.names[SOURCE_NAMES.dataEnd] && info.sheets.includes(info.names[SOURCE_NAMES.dataEnd].sheet),
        };
        let failed: PlansResult['failed'] = null;

        /** Does a tab that was there before this run hold this account's plan? Its title row tells
         * when the tab name was cut short (two long names can share the first 31 characters). */
        const hasPlan = (name: string): Awaitable<boolean> => {
          const base = planSheetName(name);
          if (!existing.has(base.toLowerCase())) return false;
          if (!planNameIsCut(name)) return true;
          // The tab itself, and the "(2)", "(3)" variants uniqueSheetName made from it.
          const candidates = info.sheets.filter((s) => {
            const m = /^(.*) \(\d+\)$/.exec(s);
            return s.toLowerCase() === base.toLowerCase() || (m !== null && base.toLowerCase().startsWith(m[1].toLowerCase()));
          });
          const check = (k: number): Awaitable<boolean> => {
            if (k >= candidates.length) return false;
            return andThen(wb.readSheet(candidates[k]), (values) => {
              const title = String(cellAt(values, 0, 0) ?? '');
              // A user template's tab has no title to read: never risk replacing it.
              if (!/ – /.test(title)) return true;
              return title.toLowerCase().endsWith(` – ${name.toLowerCase()}`) || check(k + 1);
            });
          };
          return check(0);
        };

        // Money on the plans as the revenue table shows it (currency and all): one read for all plans.
        let money = '#,##0';
        const amounts = source.amounts ? info.names[SOURCE_NAMES.amounts] : null;
        const readFormat = amounts && wb.numberFormat ? wb.numberFormat(amounts.sheet, amounts.region.row, amounts.region.col) : null;

        const next = (i: number): Awaitable<void> => {
          if (i >= accounts.length) return;
          const facts = accounts[i];
          return andThen(hasPlan(facts.name), (already) => plan(i, facts, already));
        };

        const plan = (i: number, facts: AccountFacts, already: boolean): Awaitable<void> => {
          const base = planSheetName(facts.name);
          if (already) {
            skipped.push({ account: facts.name, sheet: base });
            options.onProgress?.(i + 1, accounts.length, facts.name);
            return next(i + 1);
          }
          const sheet = uniqueSheetName(base, taken);
          taken.add(sheet.toLowerCase());
          const { spec, layout } = userTemplate
            ? renderUserTemplate(userTemplate, sheet, facts, owner, start, options.language, money)
            : renderPlan(builtIn!, { sheet, account: facts.name, owner, planStart: start, language: options.language, tier: facts.tier, category: facts.category, source, moneyFormat: money, products: products ?? undefined });
          layout.account ??= countedAs(facts.name);
          let written: Awaitable<void>;
          try {
            written = wb.write(spec);
          } catch (e) {
            failed = { account: facts.name, message: (e as Error).message };
            return;
          }
          const after = () => {
            made.push({ account: facts.name, sheet });
            layouts.push(layout);
            options.onProgress?.(i + 1, accounts.length, facts.name);
            return next(i + 1);
          };
          if (written instanceof Promise) {
            return written.then(after, (e: Error) => {
              failed = { account: facts.name, message: e.message };
            });
          }
          return after();
        };

        return andThen(andThen(readFormat, (format) => ((money = moneyFormat(format)), next(0))), () => {
          const finish = (overview: OverviewResult | null): PlansResult => {
            let message = fill(w.done, { made: made.length });
            if (skipped.length) message += fill(w.skipped, { skipped: skipped.length });
            if (failed) message += fill(w.failed, { account: failed.account, message: failed.message });
            if (overview) message += ` ${overview.message}`;
            return { made, skipped, failed, overview, message, shortfalls: [...(wb.shortfalls ?? [])] };
          };
          if (options.skipOverview || (!made.length && failed === null && !skipped.length)) return finish(null);
          return andThen(refreshOverview(wb, { language: options.language, known: layouts, money, products }), finish);
        });
      })),
    );
  });
}
