// The Plans tab: 1 which accounts (a tier, the selected cells, or typed names, with their count),
// 2 which template, 3 the plans' language, start date and owner; then Generate. Plans are made in
// batches, one bridge call each, so both hosts show "Plan 7 of 30…" (Excel also reports each plan
// as it is made); the overview is refreshed once at the end, also after a failure. The done state
// lists what was made and what was skipped, each a button that shows that tab. Like the Analyse
// tab, every action goes idle → working → done or error, and the error is on screen.
import type { OverviewResult } from '../../shared/commands/overview';
import type { AccountChoice, AccountFacts, PlansResult, TemplateChoice, TemplateOption } from '../../shared/commands/plans';
import { Language, fill, formatNumber } from '../../shared/i18n/strings';
import type { Shortfall } from '../../shared/workbook';
import { Bridge } from './bridge';
import { Child, debounce, h, messageOf, replace, uid } from './dom';
import type { TabView } from './pane';
import { PaneStrings, paneText } from '../../shared/i18n/pane';
import { DEFAULT_MANAGERS, MAX_MANAGERS } from '../../shared/commands/key-accounts';

/** Plans per bridge call: small enough for progress, few enough round-trips. */
export const PLAN_BATCH = 5;
/** How long the pane waits after the last change before it counts the accounts again. */
export const COUNT_DELAY_MS = 300;
/** The tiers offered before an analysis has named its own (listTiers). */
const TIERS = ['A', 'B', 'C', 'D', 'E'];
/** Account names shown beside the count. */
const NAMES_SHOWN = 3;
/** What the user's own template sheets may contain (see renderUserTemplate in shared/commands/plans.ts). */
const PLACEHOLDERS = ['account', 'tier', 'category', 'revenue', 'owner', 'plan_start', 'review_1', 'review_2', 'review_3'];
/** The window gaining focus (the user back from the sheet) re-reads templates and count, at most this often. */
const FOCUS_REFRESH_MS = 2000;

type Choice = 'tier' | 'selection' | 'names' | 'keyAccounts' | 'movedDown';
type Count = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; accounts: string[] } | { kind: 'error'; text: string };
type Made = PlansResult['made'];

interface Outcome {
  /** False for Refresh overview alone. */
  generated: boolean;
  made: Made;
  skipped: Made;
  failure: string | null;
  /** Whether plans were made before the failure (they are complete). */
  failedAfterSome: boolean;
  overview: OverviewResult | null;
  overviewError: string | null;
  /** What the host could not do of the plans (print one page wide), each said once. */
  shortfalls: Set<Shortfall>;
}

type Action =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'accounts' | 'plans' | 'overview'; done: number; total: number }
  | { kind: 'error'; text: string }
  | { kind: 'done'; outcome: Outcome };


const EPOCH = Date.UTC(1899, 11, 30);

/** Today in the user's time zone, as <input type="date"> wants it: "2026-03-31". */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2026-03-31" as a spreadsheet serial date (46112), or null. Only numbers cross to the host. */
export function serialFromIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round((utc - EPOCH) / 86400000);
}

/** Typed names: one per line or separated by ";", blanks dropped. */
export const typedNames = (text: string): string[] =>
  text
    .split(/[\n;]/)
    .map((n) => n.trim())
    .filter(Boolean);

const templateChoice = (id: string): TemplateChoice => (id.startsWith('sheet:') ? { sheet: id.slice('sheet:'.length) } : (id as 'key' | 'quick'));

export function plansTab(bridge: Bridge, initial: Language): TabView {
  let language = initial;
  const state = {
    loaded: false,
    choice: 'tier' as Choice,
    tier: 'A',
    names: '',
    templates: null as TemplateOption[] | null,
    templatesError: null as string | null,
    templateId: 'key',
    planLanguage: initial,
    planLanguageChosen: false,
    start: todayIso(),
    owner: '',
    count: { kind: 'idle' } as Count,
    action: { kind: 'idle' } as Action,
    linkError: null as string | null,
    /** The selection sheet's line: its hint, then what writing one did. */
    selection: { kind: 'idle' } as { kind: 'idle' | 'working' } | { kind: 'done' | 'error'; text: string },
    /** The selection sheet's candidates: these tiers (null: the first two, as the sheet's default). */
    selectionTiers: null as string[] | null,
  };
  let countRun = 0;
  let templatesRun = 0;
  let lastFocusRefresh = 0;
  const s = (): PaneStrings => paneText(language);
  const element = h('section');
  const scheduleCount = debounce(() => void count(), COUNT_DELAY_MS);

  // Controls keep their identity (and focus) across renders; render() relabels them.
  const group = uid('accounts');
  const radios = {
    tier: h('input', { type: 'radio', name: group, id: uid('by-tier'), value: 'tier' }),
    selection: h('input', { type: 'radio', name: group, id: uid('by-selection'), value: 'selection' }),
    names: h('input', { type: 'radio', name: group, id: uid('by-names'), value: 'names' }),
    keyAccounts: h('input', { type: 'radio', name: group, id: uid('by-key-accounts'), value: 'keyAccounts' }),
    movedDown: h('input', { type: 'radio', name: group, id: uid('by-moved-down'), value: 'movedDown' }),
  };
  const movedDownHint = h('p', { class: 'hint moved-down-hint', id: uid('moved-down-hint') });
  const writeSelection = h('button', { type: 'button', class: 'secondary small', onclick: () => void newSelectionSheet() });
  const selectionStatusId = uid('selection-status');
  const selectionStatus = h('p', { class: 'hint selection-status', id: selectionStatusId, 'aria-live': 'polite' });
  const tierSelect = h('select', { class: 'tier-select' }, ...TIERS.map((tier) => h('option', { value: tier }, tier)));
  // The selection sheet's choices: candidate tiers (a box per tier) and how many managers rate.
  const candidateTiers = h('span', { class: 'candidate-tiers' });
  const candidateLabelId = uid('candidate-tiers');
  const managersInput = h('input', { type: 'number', id: uid('managers'), min: '1', max: String(MAX_MANAGERS), step: '1', value: String(DEFAULT_MANAGERS), class: 'managers' });
  const selectionOptions = h('details', { class: 'selection-options' });
  const useSelection = h('button', { type: 'button', class: 'secondary small', onclick: () => choose('selection', true) });
  const namesHintId = uid('names-hint');
  const namesBox = h('textarea', { id: uid('names'), rows: 4, spellcheck: 'false', 'aria-describedby': namesHintId });
  const namesPanel = h('div', { class: 'names' });
  const countLine = h('div', { class: 'count', 'aria-live': 'polite' });
  const templateDescriptionId = uid('template-description');
  const templateSelect = h('select', { class: 'template-select', id: uid('template'), 'aria-describedby': templateDescriptionId });
  const templateDescription = h('p', { class: 'hint template-description', id: templateDescriptionId });
  const languageSelect = h('select', { id: uid('plan-language') }, h('option', { value: 'en', lang: 'en' }, 'English'), h('option', { value: 'nl', lang: 'nl' }, 'Nederlands'));
  const startInput = h('input', { type: 'date', id: uid('plan-start'), required: true });
  const ownerInput = h('input', { type: 'text', id: uid('plan-owner'), autocomplete: 'name' });
  const generateButton = h('button', { type: 'button', class: 'primary', onclick: () => void generate() });
  const refreshButton = h('button', { type: 'button', class: 'secondary', onclick: () => void refresh() });
  const refreshHintId = uid('refresh-hint');
  const actionStatus = h('div', { class: 'action-status' });
  const actions = h('div', { class: 'actions' });
  const linkErrorLine = h('p', { class: 'status error' });
  const accountsSection = h('div', { class: 'step' });
  const templateSection = h('div', { class: 'step' });
  const detailsSection = h('div', { class: 'step' });

  // --- requests ----------------------------------------------------------------------------

  function accountChoice(): AccountChoice {
    if (state.choice === 'tier') return { tier: state.tier };
    if (state.choice === 'selection') return { selection: true };
    if (state.choice === 'keyAccounts') return { keyAccounts: true };
    if (state.choice === 'movedDown') return { movedDown: true };
    return { names: typedNames(state.names) };
  }

  async function count() {
    scheduleCount.cancel();
    const run = ++countRun;
    state.count = { kind: 'working' };
    renderCount();
    let next: Count;
    try {
      const accounts = await bridge.listAccounts({ language, accounts: accountChoice() });
      next = { kind: 'done', accounts: accounts.map((a) => a.name) };
    } catch (e) {
      next = { kind: 'error', text: messageOf(e) };
    }
    if (run !== countRun) return;
    state.count = next;
    renderCount();
  }

  async function loadTemplates() {
    const run = ++templatesRun;
    try {
      const [templates, tiers] = await Promise.all([bridge.listTemplates(language), bridge.listTiers()]);
      if (run !== templatesRun) return;
      setTiers(tiers.length ? tiers : TIERS);
      state.templates = templates;
      state.templatesError = null;
      if (!templates.some((x) => x.id === state.templateId)) state.templateId = templates[0]?.id ?? 'key';
    } catch (e) {
      if (run !== templatesRun) return;
      state.templatesError = messageOf(e);
    }
    renderTemplates();
  }

  /** The tier list follows the analysis' own labels ("Gold", "Silver"...), keeping the choice when it still exists. */
  function setTiers(tiers: string[]) {
    const current = Array.from(tierSelect.options, (o) => o.value);
    if (current.join('\u0000') === tiers.join('\u0000')) return;
    tierSelect.replaceChildren(...tiers.map((tier) => h('option', { value: tier }, tier)));
    if (!tiers.includes(state.tier)) state.tier = tiers[0];
    tierSelect.value = state.tier;
    renderCandidateTiers();
  }

  /** The tiers offered as candidates: the analysis' own, the first two ticked unless the user chose. */
  function candidateChoice(): string[] {
    const tiers = Array.from(tierSelect.options, (o) => o.value);
    return state.selectionTiers?.filter((t) => tiers.includes(t)) ?? tiers.slice(0, 2);
  }

  function renderCandidateTiers() {
    const chosen = candidateChoice();
    candidateTiers.replaceChildren(
      ...Array.from(tierSelect.options, (o) => {
        const box = h('input', { type: 'checkbox', id: uid('candidate-tier'), value: o.value });
        box.checked = chosen.includes(o.value);
        box.onchange = () => {
          state.selectionTiers = Array.from(candidateTiers.querySelectorAll('input'), (b) => (b.checked ? b.value : null)).filter((t): t is string => t !== null);
          renderSelection();
        };
        return h('span', { class: 'candidate-tier' }, box, h('label', { for: box.id }, o.value));
      }),
    );
  }

  /** "A and B", "A, B and C": the chosen tiers in a sentence. */
  function tierList(tiers: string[]): string {
    return tiers.length < 2 ? tiers.join('') : `${tiers.slice(0, -1).join(', ')} ${s().and} ${tiers[tiers.length - 1]}`;
  }

  /** The managers choose the key accounts on a selection sheet; the plans then take the ones marked yes. */
  async function newSelectionSheet() {
    if (state.selection.kind === 'working') return;
    const tiers = candidateChoice();
    if (!tiers.length) return renderSelection({ kind: 'error', text: s().selectionNoTier });
    renderSelection({ kind: 'working' });
    try {
      // Only what the user changed goes along: the sheet's own defaults stay one source of truth.
      const defaults = Array.from(tierSelect.options, (o) => o.value).slice(0, 2);
      const managers = managersInput.value.trim() === '' ? DEFAULT_MANAGERS : Number(managersInput.value);
      const result = await bridge.writeSelectionSheet({
        language: state.planLanguage,
        ...(tiers.join('\u0000') !== defaults.join('\u0000') ? { tiers } : {}),
        ...(managers !== DEFAULT_MANAGERS ? { managers } : {}),
      });
      renderSelection({ kind: 'done', text: result.message });
      // The managers work on the new sheet: show it.
      await bridge.activateSheet(result.sheet, language).catch(() => undefined);
    } catch (e) {
      renderSelection({ kind: 'error', text: messageOf(e) });
    }
    choose('keyAccounts', true);
  }

  function renderSelection(next = state.selection) {
    state.selection = next;
    writeSelection.disabled = next.kind === 'working';
    selectionStatus.className = `hint selection-status${next.kind === 'error' ? ' problem-text' : ''}`;
    selectionStatus.textContent = 'text' in next ? next.text : next.kind === 'working' ? s().writingSelection : fill(s().writeSelectionHint, { tiers: tierList(candidateChoice()) });
  }

  function choose(choice: Choice, now = false) {
    state.choice = choice;
    radios[choice].checked = true;
    renderChoice();
    if (now) void count();
    else scheduleCount();
  }

  const working = () => state.action.kind === 'working';

  function setAction(action: Action) {
    state.action = action;
    renderAction();
  }

  /** Generates in batches: the accounts first, then a few plans per call, then the overview once. */
  async function generate() {
    if (working()) return;
    scheduleCount.cancel();
    const planStart = serialFromIso(state.start);
    if (planStart === null) {
      setAction({ kind: 'error', text: s().startMissing });
      startInput.setAttribute('aria-invalid', 'true');
      startInput.focus();
      return;
    }
    startInput.removeAttribute('aria-invalid');
    state.linkError = null;
    const planLanguage = state.planLanguage;
    const template = templateChoice(state.templateId);
    const owner = state.owner.trim();
    setAction({ kind: 'working', step: 'accounts', done: 0, total: 0 });
    let accounts: AccountFacts[];
    const run = ++countRun;
    try {
      accounts = await bridge.listAccounts({ language, accounts: accountChoice() });
    } catch (e) {
      if (run === countRun) {
        state.count = { kind: 'error', text: messageOf(e) };
        renderCount();
      }
      finish({ kind: 'error', text: messageOf(e) });
      return;
    }
    if (run === countRun) {
      state.count = { kind: 'done', accounts: accounts.map((a) => a.name) };
      renderCount();
    }
    const total = accounts.length;
    const outcome: Outcome = { generated: true, made: [], skipped: [], failure: null, failedAfterSome: false, overview: null, overviewError: null, shortfalls: new Set() };
    for (let first = 0; first < total && outcome.failure === null; first += PLAN_BATCH) {
      const names = accounts.slice(first, first + PLAN_BATCH).map((a) => a.name);
      setAction({ kind: 'working', step: 'plans', done: first, total });
      try {
        const result = await bridge.generatePlans(
          { language: planLanguage, accounts: { names }, template, planStart, owner, skipOverview: true, exactNames: true },
          (done) => setAction({ kind: 'working', step: 'plans', done: first + done, total }),
        );
        outcome.made.push(...result.made);
        outcome.skipped.push(...result.skipped);
        for (const shortfall of result.shortfalls ?? []) outcome.shortfalls.add(shortfall);
        if (result.failed) {
          outcome.failure = fill(s().stoppedAt, { account: result.failed.account, message: result.failed.message.replace(/\.$/, '') });
          outcome.failedAfterSome = outcome.made.length > 0;
        }
      } catch (e) {
        // Nothing of this batch was written (a template or the accounts were refused up front).
        outcome.failure = outcome.made.length ? fill(s().stoppedAt, { account: names[0], message: messageOf(e).replace(/\.$/, '') }) : messageOf(e);
        outcome.failedAfterSome = outcome.made.length > 0;
      }
    }
    setAction({ kind: 'working', step: 'overview', done: total, total });
    try {
      outcome.overview = await bridge.refreshOverview({ language: planLanguage });
    } catch (e) {
      outcome.overviewError = messageOf(e);
    }
    finish({ kind: 'done', outcome });
  }

  async function refresh() {
    if (working()) return;
    state.linkError = null;
    setAction({ kind: 'working', step: 'overview', done: 0, total: 0 });
    try {
      const overview = await bridge.refreshOverview({ language: state.planLanguage });
      finish({ kind: 'done', outcome: { generated: false, made: [], skipped: [], failure: null, failedAfterSome: false, overview, overviewError: null, shortfalls: new Set() } });
    } catch (e) {
      finish({ kind: 'error', text: messageOf(e) });
    }
  }

  /** The end of an action: its state, and focus back where it was when the button was disabled. */
  function finish(action: Action) {
    const lost = document.activeElement === null || document.activeElement === document.body;
    setAction(action);
    if (lost && !element.hidden) generateButton.focus();
  }

  async function goTo(sheet: string) {
    try {
      await bridge.activateSheet(sheet, language);
      state.linkError = null;
    } catch (e) {
      state.linkError = messageOf(e);
    }
    renderLinkError();
  }

  // --- rendering ---------------------------------------------------------------------------

  const stepTitle = (n: number, text: string, id?: string) =>
    h('h2', { class: 'step-title', id }, h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(n)), text);

  const plural = (n: number, one: string, other: string) => fill(n === 1 ? one : other, { count: formatNumber(n, language) });

  function renderChoice() {
    for (const [choice, radio] of Object.entries(radios)) radio.checked = choice === state.choice;
    namesPanel.hidden = state.choice !== 'names';
  }

  function renderCount() {
    const c = state.count;
    countLine.setAttribute('aria-busy', String(c.kind === 'working'));
    if (c.kind === 'idle') replace(countLine);
    else if (c.kind === 'working') replace(countLine, h('p', { class: 'count-line muted' }, h('span', { class: 'spinner small', 'aria-hidden': 'true' }), s().countingAccounts));
    else if (c.kind === 'error') replace(countLine, h('p', { class: 'count-line problem' }, c.text));
    else {
      const shown = c.accounts.slice(0, NAMES_SHOWN).join(', ');
      const names = c.accounts.length > NAMES_SHOWN ? fill(s().andMoreNames, { names: shown, count: formatNumber(c.accounts.length - NAMES_SHOWN, language) }) : shown;
      replace(countLine, h('p', { class: 'count-line' }, h('strong', {}, plural(c.accounts.length, s().accountsOne, s().accountsOther)), ': ', h('span', { class: 'count-names' }, names)));
    }
  }

  function renderTemplates() {
    const str = s();
    const list = state.templates;
    if (!list) {
      replace(templateSelect, h('option', { value: '' }, state.templatesError ? '—' : str.loadingTemplates));
      templateSelect.disabled = true;
      replace(templateDescription, state.templatesError ? h('span', { class: 'problem-text' }, state.templatesError) : null);
      return;
    }
    replace(templateSelect, ...list.map((x) => h('option', { value: x.id }, x.name)));
    templateSelect.disabled = false;
    templateSelect.value = state.templateId;
    const chosen = list.find((x) => x.id === state.templateId);
    replace(templateDescription, chosen ? chosen.description || str.ownTemplate : null);
  }

  function renderAction() {
    const a = state.action;
    const busy = a.kind === 'working';
    generateButton.disabled = busy;
    refreshButton.disabled = busy;
    actions.setAttribute('aria-busy', String(busy));
    replace(actionStatus, ...actionView(a));
  }

  function actionView(a: Action): Child[] {
    const str = s();
    if (a.kind === 'idle') return [];
    if (a.kind === 'error') return [h('p', { class: 'message error', role: 'alert' }, a.text)];
    if (a.kind === 'working') {
      const text =
        a.step === 'accounts'
          ? str.findingAccounts
          : a.step === 'overview'
            ? str.updatingOverview
            : fill(str.planProgress, { done: formatNumber(Math.min(a.done + 1, a.total), language), total: formatNumber(a.total, language) });
      return [
        h('p', { class: 'message working', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text),
        a.step !== 'accounts' && a.total > 0 ? h('progress', { class: 'progress', max: a.total, value: a.done, 'aria-hidden': 'true' }) : null,
      ];
    }
    const o = a.outcome;
    const lines: string[] = [];
    if (o.generated) {
      lines.push(o.made.length === 0 ? str.madeNone : plural(o.made.length, str.madeOne, str.madeOther));
      if (o.skipped.length) lines.push(plural(o.skipped.length, str.skippedOne, str.skippedOther));
    }
    if (o.overview) lines.push(fill(str.overviewDone, { added: formatNumber(o.overview.added, language), total: formatNumber(o.overview.total, language) }));
    return [
      o.failure ? h('p', { class: 'message error', role: 'alert' }, o.failure, o.failedAfterSome ? ` ${str.stoppedAfter}` : null) : null,
      o.overviewError ? h('p', { class: 'message error', role: 'alert' }, fill(str.overviewFailed, { message: o.overviewError })) : null,
      lines.length ? h('p', { class: 'message done', role: 'status' }, lines.join(' ')) : null,
      ...[...o.shortfalls].map((shortfall) => h('p', { class: 'message shortfall', role: 'status' }, str[shortfall])),
      sheetList(`${str.madeList} (${formatNumber(o.made.length, language)})`, o.made, 'made'),
      sheetList(`${str.skippedList} (${formatNumber(o.skipped.length, language)})`, o.skipped, 'skipped'),
      o.overview ? h('p', { class: 'overview-link' }, h('span', { class: 'muted' }, `${str.overviewLink}: `), sheetLink(o.overview.sheet)) : null,
      linkErrorLine,
    ];
  }

  function renderLinkError() {
    replace(linkErrorLine, state.linkError ? h('span', { role: 'alert' }, state.linkError) : null);
  }

  function sheetLink(sheet: string) {
    return h('button', { type: 'button', class: 'sheet-link', title: fill(s().goToSheet, { sheet }), onclick: () => void goTo(sheet) }, sheet);
  }

  function sheetList(title: string, items: Made, kind: string): Child {
    if (!items.length) return null;
    const id = uid(`${kind}-title`);
    return h(
      'div',
      { class: `sheet-group ${kind}` },
      h('h3', { id }, title),
      h('ul', { class: 'sheets', 'aria-labelledby': id }, ...items.map((item) => h('li', {}, sheetLink(item.sheet)))),
    );
  }

  function field(label: string, control: HTMLElement, hint?: Child) {
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), h('div', { class: 'control' }, control, hint));
  }

  function render() {
    const str = s();
    // 1 Accounts
    const titleId = uid('accounts-title');
    tierSelect.setAttribute('aria-label', str.tierSelect);
    useSelection.textContent = str.useSelectionPlans;
    useSelection.title = str.useSelectionPlansHint;
    writeSelection.textContent = str.writeSelection;
    writeSelection.setAttribute('aria-describedby', selectionStatusId);
    replace(
      selectionOptions,
      h('summary', {}, str.selectionOptions),
      h('div', { class: 'field', role: 'group', 'aria-labelledby': candidateLabelId }, h('span', { id: candidateLabelId }, str.selectionTiers), candidateTiers),
      field(str.selectionManagers, managersInput),
    );
    renderCandidateTiers();
    movedDownHint.textContent = str.byMovedDownHint;
    radios.movedDown.setAttribute('aria-describedby', movedDownHint.id);
    renderSelection();
    namesBox.setAttribute('aria-label', str.namesLabel);
    replace(namesPanel, namesBox, h('p', { class: 'hint', id: namesHintId }, str.namesHint));
    const option = (radio: HTMLInputElement, label: string, ...after: Child[]) =>
      h('div', { class: 'choice' }, radio, h('label', { for: radio.id }, label), ...after);
    replace(
      accountsSection,
      stepTitle(1, str.stepAccounts, titleId),
      h(
        'fieldset',
        { class: 'choices', 'aria-labelledby': titleId },
        h('legend', { class: 'visually-hidden' }, str.accountsChoice),
        option(radios.tier, str.byTier, tierSelect),
        option(radios.selection, str.bySelection, useSelection),
        option(radios.names, str.byNames),
        namesPanel,
        option(radios.keyAccounts, str.byKeyAccounts, writeSelection),
        selectionStatus,
        selectionOptions,
        option(radios.movedDown, str.byMovedDown),
        movedDownHint,
      ),
      countLine,
    );
    // 2 Template
    replace(
      templateSection,
      stepTitle(2, str.stepTemplate),
      h('label', { class: 'visually-hidden', for: templateSelect.id }, str.templateLabel),
      templateSelect,
      templateDescription,
      h(
        'details',
        { class: 'own-template' },
        h('summary', {}, str.ownTemplatesTitle),
        h('p', {}, str.ownTemplatesHelp),
        h('p', { class: 'placeholders' }, ...PLACEHOLDERS.map((p) => h('code', {}, `{{${p}}}`))),
        h('p', { class: 'hint' }, str.ownTemplatesDates),
      ),
    );
    // 3 Details
    ownerInput.placeholder = str.ownerPlaceholder;
    replace(detailsSection, stepTitle(3, str.stepDetails), field(str.planLanguage, languageSelect), field(str.planStart, startInput), field(str.owner, ownerInput));
    // Actions
    generateButton.textContent = str.generate;
    refreshButton.textContent = str.refreshOverview;
    refreshButton.setAttribute('aria-describedby', refreshHintId);
    replace(actions, generateButton, actionStatus, h('div', { class: 'refresh' }, refreshButton, h('p', { class: 'hint', id: refreshHintId }, str.refreshOverviewHint)));
    languageSelect.value = state.planLanguage;
    startInput.value = state.start;
    ownerInput.value = state.owner;
    renderChoice();
    renderCount();
    renderTemplates();
    renderAction();
  }

  // --- events ------------------------------------------------------------------------------

  for (const [choice, radio] of Object.entries(radios) as [Choice, HTMLInputElement][]) radio.addEventListener('change', () => radio.checked && choose(choice));
  tierSelect.addEventListener('change', () => {
    state.tier = tierSelect.value;
    choose('tier');
  });
  namesBox.addEventListener('input', () => {
    state.names = namesBox.value;
    if (state.choice !== 'names') choose('names');
    else scheduleCount();
  });
  templateSelect.addEventListener('change', () => {
    state.templateId = templateSelect.value;
    renderTemplates();
  });
  languageSelect.addEventListener('change', () => {
    state.planLanguage = languageSelect.value === 'nl' ? 'nl' : 'en';
    state.planLanguageChosen = true;
  });
  startInput.addEventListener('input', () => {
    state.start = startInput.value;
    if (serialFromIso(state.start) !== null) startInput.removeAttribute('aria-invalid');
  });
  ownerInput.addEventListener('input', () => {
    state.owner = ownerInput.value;
  });

  /** Templates and the count as the workbook is now. */
  function reload() {
    state.loaded = true;
    lastFocusRefresh = Date.now();
    void loadTemplates();
    if (!working()) void count();
  }

  // Back from the sheet (a new selection, a new "Template …" sheet): read both again.
  window.addEventListener('focus', () => {
    if (!state.loaded || element.hidden || working() || Date.now() - lastFocusRefresh < FOCUS_REFRESH_MS) return;
    reload();
  });

  element.append(accountsSection, templateSection, detailsSection, actions);
  render();

  return {
    element,
    setLanguage(lang: Language) {
      language = lang;
      if (!state.planLanguageChosen) state.planLanguage = lang;
      render();
      if (!state.loaded) return;
      // Template names and the count's messages come from the host in the pane's language.
      void loadTemplates();
      if (state.count.kind !== 'idle' && !working()) void count();
    },
    // Nothing is asked of the host until the tab is first shown.
    shown: reload,
  };
}
