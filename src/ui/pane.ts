// The pane shared by the Excel task pane and the Sheets sidebar: a title with the language switch,
// three tabs (Analyse, Plans, ƒx) as an accessible tablist, and their panels. It reaches the host
// only through the bridge.
import { Language, languageFrom } from '../../shared/i18n/strings';
import { analyseTab } from './analyse-tab';
import { Bridge } from './bridge';
import { h, replace } from './dom';
import { functionsTab } from './functions-tab';
import { plansTab } from './plans-tab';
import { paneText } from '../../shared/i18n/pane';

/** A tab's panel: built once, told when the language changes so that it keeps its state. */
export interface TabView {
  element: HTMLElement;
  setLanguage(language: Language): void;
  /** Called each time the tab is shown (a tab can load what it needs only then). */
  shown?(): void;
}

type TabId = 'analyse' | 'plans' | 'functions';
const TABS: readonly TabId[] = ['analyse', 'plans', 'functions'];

export function mount(bridge: Bridge, root: HTMLElement): void {
  document.body.classList.add(bridge.host);
  let language = languageFrom(bridge.displayLanguage());
  let selected: TabId = 'analyse';
  const views: Record<TabId, TabView> = {
    analyse: analyseTab(bridge, language),
    plans: plansTab(bridge, language),
    functions: functionsTab(bridge, language),
  };
  const header = h('header', { class: 'pane-header' });
  const tablist = h('div', { role: 'tablist', class: 'tabs' });
  const tabs = {} as Record<TabId, HTMLButtonElement>;
  for (const id of TABS) {
    const panel = views[id].element;
    panel.id = `panel-${id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `tab-${id}`);
    panel.classList.add('panel');
    tabs[id] = h('button', { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': panel.id, class: 'tab', onclick: () => select(id) });
    tablist.appendChild(tabs[id]);
  }
  tablist.addEventListener('keydown', (e) => {
    const at = TABS.indexOf(selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(TABS[(next + TABS.length) % TABS.length], true);
  });

  function select(id: TabId, focus = false) {
    const changed = id !== selected;
    selected = id;
    for (const tab of TABS) {
      const on = tab === id;
      tabs[tab].setAttribute('aria-selected', String(on));
      tabs[tab].tabIndex = on ? 0 : -1;
      views[tab].element.hidden = !on;
    }
    if (focus) tabs[id].focus();
    if (changed) views[id].shown?.();
  }

  function render() {
    const s = paneText(language);
    document.documentElement.lang = language;
    const choice = (lang: Language, text: string, name: string) =>
      h('button', { type: 'button', lang, title: name, 'aria-pressed': String(language === lang), class: 'lang-option', onclick: () => setLanguage(lang) }, text);
    replace(header, h('h1', {}, s.title), h('div', { role: 'group', 'aria-label': s.language, class: 'lang' }, choice('en', 'EN', 'English'), choice('nl', 'NL', 'Nederlands')));
    tablist.setAttribute('aria-label', s.tabs);
    tabs.analyse.textContent = s.tabAnalyse;
    tabs.plans.textContent = s.tabPlans;
    replace(tabs.functions, h('span', { 'aria-hidden': 'true' }, s.tabFunctions), h('span', { class: 'visually-hidden' }, s.tabFunctionsName));
    tabs.functions.title = s.tabFunctionsName;
  }

  function setLanguage(lang: Language) {
    if (lang === language) return;
    language = lang;
    render();
    for (const id of TABS) views[id].setLanguage(lang);
    header.querySelector<HTMLButtonElement>(`button[lang="${lang}"]`)?.focus();
  }

  render();
  select(selected);
  replace(root, h('div', { class: 'pane' }, header, tablist, ...TABS.map((id) => views[id].element)));
}
