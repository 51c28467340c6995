// The Analyse tab: 1 the table and its columns, 2 the tiers, 3 a live preview, then the write.
// Each action goes idle → working (its button disabled, a progress line, aria-busy) → done or
// error, and the error is always on screen. Everything from the sheet is set as text.
import type { AnalysisResult, Detection, LeftOut, Preview } from '../../shared/commands/analysis';
import { cutTiers } from '../../shared/commands/tier-cut';
import { serialOfTime } from '../../shared/dates';
import { Language, fill, formatNumber, formatPercent } from '../../shared/i18n/strings';
import { tierColour } from '../../shared/tier-colours';
import { AnalysisRequest, Bridge } from './bridge';
import { Child, debounce, h, messageOf, replace, uid } from './dom';
import type { TabView } from './pane';
import { PaneStrings, paneText } from '../../shared/i18n/pane';

type Status = { kind: 'idle' } | { kind: 'working' | 'done' | 'error' | 'confirm'; text: string };
const IDLE: Status = { kind: 'idle' };
/**
 * How long the pane waits after the last change of a column before it asks the host for a new
 * preview. Cutoffs and labels need no host: the preview is cut again at once (what-if).
 */
export const PREVIEW_DELAY_MS = 300;
/** Row numbers listed before "… n more". */
const ROWS_SHOWN = 5;
const MAX_TIERS = 5;


/**
 * A cutoff as whole hundredths of a percent, never above it: 0.8 (0.79999… in binary) is 8000,
 * and a cutoff a hair below a step stays below it, so no account crosses into the tier above.
 */
export function hundredthsAtMost(cutoff: number): number {
  const k = Math.round(cutoff * 10000);
  return k / 10000 <= cutoff ? k : k - 1;
}

export function analyseTab(bridge: Bridge, initial: Language): TabView {
  let language = initial;
  const state = {
    detection: null as Detection | null,
    account: null as number | null,
    amount: null as number | null,
    date: null as number | null,
    /** The column to tier within (region, rep), or none. */
    within: null as number | null,
    cutoffs: ['80', '95'],
    labels: ['A', 'B', 'C'],
    live: false,
    preview: null as Preview | null,
    detecting: IDLE as Status,
    previewing: IDLE as Status,
    applying: IDLE as Status,
    comparing: IDLE as Status,
  };
  let previewRun = 0;
  const element = h('section');
  const schedulePreview = debounce(() => void refreshPreview(), PREVIEW_DELAY_MS);

  // The parts that change; render() rebuilds them all when the language changes.
  const dataSection = h('div', { class: 'step' });
  const found = h('div', { class: 'found' });
  const selects = { account: h('select'), amount: h('select'), date: h('select'), within: h('select') };
  const tierSection = h('div', { class: 'step' });
  const tierRows = h('div', { class: 'tier-rows' });
  const tierMessage = h('p', { class: 'field-message', id: uid('tiers-msg'), 'aria-live': 'polite' });
  const suggestNote = h('p', { class: 'hint suggest-note', 'aria-live': 'polite' });
  const previewSection = h('div', { class: 'step preview', 'aria-live': 'polite' });
  const actions = h('div', { class: 'actions' });
  const liveBox = h('input', { type: 'checkbox', id: uid('live') });
  const liveNote = h('p', { class: 'hint', id: uid('live-note') });
  const writeButton = h('button', { type: 'button', class: 'primary', onclick: () => void write(false) });
  const useSelection = h('button', { type: 'button', class: 'secondary', onclick: () => void detectTable() });
  const actionStatus = h('div', { class: 'action-status' });
  const compareSection = h('div', { class: 'step compare' });
  const compareHint = h('p', { class: 'hint', id: uid('compare-hint') });
  const splitInput = h('input', { type: 'date', id: uid('split') });
  const compareButton = h('button', { type: 'button', class: 'secondary', onclick: () => void comparePeriods() });
  const compareStatus = h('div', { class: 'action-status' });

  const s = (): PaneStrings => paneText(language);

  // --- requests ----------------------------------------------------------------------------

  function tierSettings(): { cutoffs: number[]; labels: string[] } | string {
    const cutoffs = state.cutoffs.map((x) => Number(x.trim().replace(',', '.')));
    const labels = state.labels.map((x) => x.trim());
    // A first cutoff of 0 (an empty first tier) is what a computed suggestion can give.
    if (cutoffs.some((c, i) => !(c >= 0 && c < 100) || (i > 0 && c <= cutoffs[i - 1]) || state.cutoffs[i].trim() === '')) return s().cutoffInvalid;
    if (labels.some((l) => l === '')) return s().labelMissing;
    if (new Set(labels.map((l) => l.toLowerCase())).size < labels.length) return s().labelDuplicate;
    return { cutoffs: cutoffs.map((c) => Math.round(c * 1000) / 100000), labels };
  }

  function request(): AnalysisRequest | null {
    const d = state.detection;
    const tiers = tierSettings();
    if (!d || state.account === null || state.amount === null || typeof tiers === 'string') return null;
    return {
      language,
      sheet: d.sheet,
      // The header row pins the table, so moving the selection does not change what is analysed.
      at: { row: d.headerRow - 1, col: d.columns[0].col },
      account: state.account,
      amount: state.amount,
      date: state.date,
      within: state.within,
      cutoffs: tiers.cutoffs,
      labels: tiers.labels,
      output: state.live && state.preview?.formula.available ? 'formulas' : 'values',
    };
  }

  async function detectTable() {
    state.detecting = { kind: 'working', text: s().reading };
    renderFound();
    try {
      const d = await bridge.detect({ language });
      state.detection = d;
      state.account = d.suggestion.account;
      state.amount = d.suggestion.amount;
      state.date = d.suggestion.date;
      state.within = null;
      state.detecting = IDLE;
      state.applying = IDLE;
      state.preview = null;
      renderFound();
      renderColumns();
      renderActions();
      await refreshPreview();
    } catch (e) {
      state.detecting = { kind: 'error', text: messageOf(e) };
      renderFound();
    }
  }

  async function refreshPreview() {
    schedulePreview.cancel();
    const run = ++previewRun;
    const req = request();
    if (!req) {
      renderPreview();
      renderActions();
      return;
    }
    state.previewing = { kind: 'working', text: fill(s().counting, { count: formatNumber(state.detection!.dataRows, language) }) };
    renderPreview();
    renderActions();
    try {
      const preview = await bridge.preview(req);
      if (run !== previewRun) return;
      state.preview = preview;
      state.previewing = IDLE;
    } catch (e) {
      if (run !== previewRun) return;
      state.preview = null;
      state.previewing = { kind: 'error', text: messageOf(e) };
    }
    renderPreview();
    renderActions();
  }

  function changed() {
    state.applying = IDLE;
    renderActions();
    schedulePreview();
  }

  async function write(replaceEarlier: boolean) {
    schedulePreview.cancel();
    const req = request();
    if (!req || state.applying.kind === 'working') return;
    state.applying = { kind: 'working', text: fill(s().writing, { count: formatNumber(state.detection!.dataRows, language) }) };
    renderActions();
    let result: AnalysisResult;
    try {
      result = await bridge.apply({ ...req, replace: replaceEarlier });
    } catch (e) {
      state.applying = { kind: 'error', text: messageOf(e) };
      renderActions();
      return;
    }
    state.preview = result.preview;
    state.previewing = IDLE;
    state.applying = { kind: result.status === 'confirm' ? 'confirm' : 'done', text: result.message };
    renderPreview();
    renderActions();
    if (result.status === 'confirm') actionStatus.querySelector<HTMLButtonElement>('button.primary')?.focus();
  }

  // --- rendering ---------------------------------------------------------------------------

  const stepTitle = (n: number, text: string) => h('h2', { class: 'step-title' }, h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(n)), text);

  /** A progress line, an error (role="alert") or a done message, or nothing when idle. */
  function statusLine(status: Status): Child {
    if (status.kind === 'idle') return null;
    if (status.kind === 'error') return h('p', { class: 'message error', role: 'alert' }, status.text);
    if (status.kind === 'working') return h('p', { class: 'message working', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), status.text);
    return h('p', { class: `message ${status.kind}`, role: 'status' }, status.text);
  }

  function renderFound() {
    const d = state.detection;
    const busy = state.detecting.kind === 'working';
    useSelection.disabled = busy;
    dataSection.setAttribute('aria-busy', String(busy));
    const where = d
      ? h(
          'p',
          { class: 'where' },
          h('span', { class: 'where-sheet' }, h('span', { class: 'muted' }, `${s().sheet}: `), h('strong', {}, d.sheet)),
          ' ',
          h('span', { class: 'where-range' }, h('span', { class: 'muted' }, `${s().range}: `), h('strong', {}, d.address)),
          h('span', { class: 'muted where-rows' }, fill(s().rowsInTable, { count: formatNumber(d.dataRows, language) })),
        )
      : state.detecting.kind === 'idle'
        ? h('p', { class: 'hint' }, s().noDetection)
        : null;
    replace(found, h('div', { class: 'found-row' }, where ?? h('span'), useSelection), statusLine(state.detecting));
  }

  function renderColumns() {
    const d = state.detection;
    const fillSelect = (select: HTMLSelectElement, value: number | null, optional: boolean) => {
      const options = d ? d.columns.map((c) => h('option', { value: String(c.col) }, c.title.trim() ? `${c.letter} – ${c.title}` : c.letter)) : [];
      const first = optional ? h('option', { value: '' }, s().none) : value === null ? h('option', { value: '', disabled: true }, s().choose) : null;
      replace(select, first, ...options);
      select.value = value === null ? '' : String(value);
      select.disabled = !d;
    };
    fillSelect(selects.account, state.account, false);
    fillSelect(selects.amount, state.amount, false);
    fillSelect(selects.date, state.date, true);
    fillSelect(selects.within, state.within, true);
  }

  function renderTiers() {
    const rows = state.labels.map((label, i) => {
      const colour = tierColour(i);
      const labelInput = h('input', {
        type: 'text',
        class: 'tier-label',
        value: label,
        maxlength: 12,
        'aria-label': fill(s().tierLabel, { tier: i + 1 }),
        'aria-describedby': tierMessage.id,
        style: `background:${colour.fill};color:${colour.fontColor}`,
        oninput: (e: Event) => {
          state.labels[i] = (e.target as HTMLInputElement).value;
          validateTiers();
        },
      });
      if (i === state.labels.length - 1) return h('div', { class: 'tier-row' }, labelInput, h('span', { class: 'tier-rest muted' }, s().theRest));
      const cutoff = h('input', {
        type: 'text',
        inputmode: 'decimal',
        class: 'tier-cutoff',
        value: state.cutoffs[i],
        'aria-label': fill(s().cutoff, { tier: label }),
        'aria-describedby': tierMessage.id,
        oninput: (e: Event) => {
          state.cutoffs[i] = (e.target as HTMLInputElement).value;
          suggestNote.textContent = ''; // no longer the computed cutoffs
          validateTiers();
        },
      });
      return h('div', { class: 'tier-row' }, labelInput, h('span', { class: 'muted' }, s().upTo), h('span', { class: 'percent' }, cutoff, h('span', { 'aria-hidden': 'true' }, '%')));
    });
    const more = h(
      'div',
      { class: 'tier-buttons' },
      state.labels.length < MAX_TIERS ? h('button', { type: 'button', class: 'link', onclick: addTier }, `+ ${s().addTier}`) : null,
      state.labels.length > 2 ? h('button', { type: 'button', class: 'link', onclick: removeTier }, s().removeTier) : null,
      h('button', { type: 'button', class: 'link suggest', onclick: () => void suggestCutoffs() }, s().suggestCutoffs),
    );
    replace(tierRows, ...rows, more);
  }

  /**
   * Fills in the cutoffs the computed ABC analysis finds in the data (two cutoffs, three tiers).
   * Shown as percentages rounded down to 0.01, which keeps the same accounts in each tier unless
   * one account holds less than 0.01% of revenue right at a limit.
   */
  async function suggestCutoffs() {
    const req = request();
    if (!req) return;
    const labels = [0, 1, 2].map((i) => state.labels[i] ?? String.fromCharCode(65 + i));
    try {
      const p = await bridge.preview({ ...req, cutoffs: 'auto', labels });
      const shown = p.cutoffs.map((c) => String(hundredthsAtMost(c) / 100).replace('.', language === 'nl' ? ',' : '.'));
      state.cutoffs = shown;
      state.labels = labels;
      state.preview = p;
      suggestNote.textContent = fill(s().suggested, { a: `${shown[0]}%`, b: `${shown[1]}%` });
      renderTiers();
      renderPreview();
      validateTiers();
    } catch (e) {
      suggestNote.textContent = '';
      tierMessage.textContent = messageOf(e);
      tierMessage.className = 'field-message error';
    }
  }

  function addTier() {
    const last = Number(state.cutoffs[state.cutoffs.length - 1].replace(',', '.')) || 0;
    state.cutoffs.push(String(Math.round(((last + 100) / 2) * 10) / 10).replace('.', language === 'nl' ? ',' : '.'));
    state.labels.push(String.fromCharCode(65 + state.labels.length));
    renderTiers();
    validateTiers();
  }

  function removeTier() {
    state.cutoffs.pop();
    state.labels.pop();
    renderTiers();
    validateTiers();
    tierRows.querySelector<HTMLButtonElement>('.tier-buttons button')?.focus();
  }

  function validateTiers() {
    const settings = tierSettings();
    const problem = typeof settings === 'string' ? settings : '';
    tierMessage.textContent = problem;
    tierMessage.className = problem ? 'field-message error' : 'field-message';
    tierRows.querySelectorAll('input').forEach((input) => input.setAttribute('aria-invalid', String(!!problem && isBad(input))));
    if (problem) {
      schedulePreview.cancel();
      renderActions();
    } else retier();
  }

  /**
   * Cutoffs or labels changed: the what-if. The tiers are cut again from the last preview's basis
   * (every account's total), at once and without asking the host, so each keystroke shows its
   * effect. Only when the columns changed since that preview does the host read the sheet again.
   */
  function retier() {
    const p = state.preview;
    const tiers = tierSettings();
    const sameColumns =
      p !== null &&
      state.previewing.kind === 'idle' &&
      !schedulePreview.pending() &&
      p.columns.account.col === state.account &&
      p.columns.amount.col === state.amount &&
      (p.columns.date?.col ?? null) === state.date &&
      (p.within?.column.col ?? null) === state.within;
    if (!sameColumns || typeof tiers === 'string') return changed();
    try {
      state.preview = { ...p, ...cutTiers(p.basis, tiers.cutoffs, tiers.labels, language) };
    } catch {
      return changed(); // the host's preview says what is wrong
    }
    state.applying = IDLE;
    renderPreview();
    renderActions();
  }

  function isBad(input: HTMLInputElement): boolean {
    const settings = tierSettings();
    if (typeof settings !== 'string') return false;
    if (input.classList.contains('tier-label')) return settings !== s().cutoffInvalid;
    return settings === s().cutoffInvalid;
  }

  function renderPreview() {
    const p = state.preview;
    const busy = state.previewing.kind === 'working';
    previewSection.setAttribute('aria-busy', String(busy));
    const body: Child[] = [stepTitle(3, s().stepPreview), statusLine(state.previewing)];
    if (p) body.push(h('div', { class: busy ? 'preview-body stale' : 'preview-body' }, ...previewBody(p)));
    else if (state.previewing.kind === 'idle') body.push(h('p', { class: 'hint' }, s().previewEmpty));
    replace(previewSection, ...body);
  }

  function previewBody(p: Preview): Child[] {
    const pct = (x: number) => formatPercent(x, language);
    const num = (x: number) => formatNumber(x, language);
    const tierTable = h(
      'table',
      { class: 'tiers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s().tierHeader), h('th', { scope: 'col', class: 'num' }, s().accountsHeader), h('th', { scope: 'col', class: 'num' }, s().revenueShareHeader))),
      h(
        'tbody',
        {},
        ...p.tiers.map((line) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('span', { class: 'chip', style: `background:${line.fill};color:${line.fontColor}` }, line.label)),
            h('td', { class: 'num' }, num(line.accounts), ' ', h('span', { class: 'muted share' }, pct(line.accountShare))),
            h('td', { class: 'num' }, pct(line.revenueShare)),
          ),
        ),
      ),
    );
    const categories = p.categories
      ? [
          h('h3', {}, s().categories),
          h(
            'table',
            { class: 'categories' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s().categoryHeader), ...p.categories.map((_, i) => h('th', { scope: 'col', class: 'num' }, String(i + 1))))),
            h('tbody', {}, h('tr', {}, h('th', { scope: 'row' }, s().accountsHeader), ...p.categories.map((n) => h('td', { class: 'num' }, num(n))))),
          ),
          h('p', { class: 'hint' }, s().categoryExplained),
        ]
      : [];
    const leftOut = leftOutLines(p.leftOut);
    return [
      h('p', { class: 'headline' }, p.headline),
      p.within ? h('p', { class: 'hint within-note' }, fill(s().withinNote, { column: p.within.column.title, count: num(p.within.groups) })) : null,
      tierTable,
      h('p', { class: 'hint' }, fill(s().totals, { accounts: num(p.accounts), rows: num(p.rows), revenue: num(p.revenue) })),
      h('h3', {}, s().leftOut),
      leftOut.length ? h('ul', { class: 'left-out' }, ...leftOut.map((line) => h('li', {}, line))) : h('p', { class: 'hint' }, s().nothingLeftOut),
      ...categories,
      p.previous ? h('p', { class: 'note' }, fill(s().previous, { where: p.previous })) : null,
    ];
  }

  function leftOutLines(l: LeftOut): string[] {
    const str = s();
    const rows = (list: number[]) => {
      const shown = list.slice(0, ROWS_SHOWN).join(', ');
      return list.length > ROWS_SHOWN ? `${shown}, … ${fill(str.andMore, { count: formatNumber(list.length - ROWS_SHOWN, language) })}` : shown;
    };
    const line = (list: number[], one: string, other: string) =>
      list.length ? fill(list.length === 1 ? one : other, { count: formatNumber(list.length, language), rows: rows(list) }) : null;
    return [
      line(l.totalsRows, str.totalsRowsOne, str.totalsRowsOther),
      line(l.textRows, str.textRowsOne, str.textRowsOther),
      line(l.errorRows, str.errorRowsOne, str.errorRowsOther),
      line(l.missingAccountRows, str.missingAccountOne, str.missingAccountOther),
      l.blankRows ? fill(l.blankRows === 1 ? str.blankRowsOne : str.blankRowsOther, { count: formatNumber(l.blankRows, language) }) : null,
    ].filter((x): x is string => x !== null);
  }

  function renderActions() {
    const p = state.preview;
    const applying = state.applying.kind === 'working';
    const formula = p?.formula ?? { available: true };
    liveBox.disabled = !formula.available || applying;
    liveBox.checked = state.live && formula.available;
    const liveFormula = bridge.host === 'excel' ? '=KAM.PARETO_TIER' : '=PARETO_TIER';
    replace(liveNote, fill(s().liveFormulaHint, { formula: liveFormula }), !formula.available && formula.reason ? h('span', { class: 'reason' }, ` ${formula.reason}`) : null);
    writeButton.disabled = applying || state.previewing.kind !== 'idle' || !p || !request() || state.applying.kind === 'confirm';
    actions.setAttribute('aria-busy', String(applying));
    const confirm =
      state.applying.kind === 'confirm'
        ? h(
            'div',
            { class: 'confirm' },
            h('p', { role: 'alert' }, state.applying.text),
            h(
              'div',
              { class: 'buttons' },
              h('button', { type: 'button', class: 'primary', onclick: () => void write(true) }, s().replace),
              h('button', { type: 'button', class: 'secondary', onclick: cancelReplace }, s().cancel),
            ),
          )
        : statusLine(state.applying);
    replace(actionStatus, confirm);
  }

  /**
   * Compare periods: the Tier migration sheet, at the tiers set above, from the lines the written
   * analysis counted (the host reads them through the analysis' names, not this preview).
   */
  async function comparePeriods() {
    const tiers = tierSettings();
    if (state.comparing.kind === 'working') return;
    if (state.date === null) state.comparing = { kind: 'error', text: s().compareNeedsDate };
    else if (typeof tiers === 'string') state.comparing = { kind: 'error', text: tiers };
    else {
      state.comparing = { kind: 'working', text: s().comparing };
      renderCompare();
      const split = /^(\d{4})-(\d{2})-(\d{2})$/.exec(splitInput.value);
      try {
        const result = await bridge.writeMigrationSheet({
          language,
          cutoffs: tiers.cutoffs,
          labels: tiers.labels,
          split: split ? Math.round(serialOfTime(Date.UTC(Number(split[1]), Number(split[2]) - 1, Number(split[3])))) : undefined,
        });
        state.comparing = { kind: 'done', text: result.message };
      } catch (e) {
        state.comparing = { kind: 'error', text: messageOf(e) };
      }
    }
    renderCompare();
  }

  function renderCompare() {
    const working = state.comparing.kind === 'working';
    compareButton.disabled = working;
    compareSection.setAttribute('aria-busy', String(working));
    replace(compareStatus, statusLine(state.comparing));
  }

  function cancelReplace() {
    state.applying = { kind: 'done', text: s().cancelled };
    renderActions();
    writeButton.focus();
  }

  function field(label: string, select: HTMLSelectElement, optional = false) {
    const id = uid('col');
    select.id = id;
    return h('div', { class: 'field' }, h('label', { for: id }, label, optional ? h('span', { class: 'muted' }, ` (${s().optional})`) : null), select);
  }

  function render() {
    const str = s();
    useSelection.textContent = str.useSelection;
    useSelection.title = str.useSelectionHint;
    replace(dataSection, stepTitle(1, str.stepData), found, field(str.accountColumn, selects.account), field(str.amountColumn, selects.amount), field(str.dateColumn, selects.date, true), field(str.withinColumn, selects.within, true));
    replace(tierSection, stepTitle(2, str.stepTiers), tierRows, tierMessage, suggestNote);
    writeButton.textContent = str.write;
    liveBox.setAttribute('aria-describedby', liveNote.id);
    replace(actions, h('div', { class: 'check' }, liveBox, h('label', { for: liveBox.id }, str.liveFormula)), liveNote, writeButton, actionStatus);
    compareHint.textContent = str.compareHint;
    compareButton.textContent = str.compare;
    compareButton.setAttribute('aria-describedby', compareHint.id);
    replace(
      compareSection,
      stepTitle(4, str.compareTitle),
      compareHint,
      h('div', { class: 'field' }, h('label', { for: splitInput.id }, str.splitDate, h('span', { class: 'muted' }, ` (${str.optional})`)), splitInput),
      compareButton,
      compareStatus,
    );
    renderCompare();
    renderFound();
    renderColumns();
    renderTiers();
    const settings = tierSettings();
    tierMessage.textContent = typeof settings === 'string' ? settings : '';
    renderPreview();
    renderActions();
  }

  const onSelect = (key: 'account' | 'amount' | 'date' | 'within') => (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    state[key] = value === '' ? null : Number(value);
    changed();
  };
  selects.account.addEventListener('change', onSelect('account'));
  selects.amount.addEventListener('change', onSelect('amount'));
  selects.date.addEventListener('change', onSelect('date'));
  selects.within.addEventListener('change', onSelect('within'));
  liveBox.addEventListener('change', () => {
    state.live = liveBox.checked;
    state.applying = IDLE;
    renderActions();
  });

  element.append(dataSection, tierSection, previewSection, actions, compareSection);
  render();
  void detectTable();

  return {
    element,
    setLanguage(lang: Language) {
      language = lang;
      render();
      if (state.detecting.kind === 'error') void detectTable();
      // The headline and messages come from the commands in the request's language.
      if (state.preview) void refreshPreview();
    },
  };
}
