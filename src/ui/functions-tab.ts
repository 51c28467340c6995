// The ƒx tab, generated from the function catalog and its help: each function with one line of
// help and its example. Excel inserts the example into the active cell; Sheets selects it for the
// user to copy (a sidebar cannot write into the cell the user is editing).
import { EXCEL_NAMESPACE, FUNCTIONS, FunctionSpec, exampleFormula } from '../../shared/catalog';
import { FUNCTION_HELP } from '../../shared/i18n/function-help';
import { Language, fill } from '../../shared/i18n/strings';
import { Bridge } from './bridge';
import { h, messageOf, replace } from './dom';
import type { TabView } from './pane';
import { paneText } from '../../shared/i18n/pane';

/** The first sentence of a help text: the list shows one line, the button's tooltip the rest. */
// No lookbehind: Safari before 16.4 (Excel on older Macs) rejects the whole script over one.
export const firstSentence = (text: string): string => /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

export function functionsTab(bridge: Bridge, initial: Language): TabView {
  const element = h('section');
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  let language = initial;

  const name = (f: FunctionSpec) => (bridge.host === 'excel' ? `${EXCEL_NAMESPACE}.${f.name}` : f.name);

  // The one status line moves under the function last clicked, where the user is looking.
  async function insert(f: FunctionSpec, button: HTMLButtonElement) {
    const s = paneText(language);
    button.parentElement!.appendChild(status);
    // Excel takes formulas through the API in English (Range.formulas); it shows them in the
    // user's locale, as the pane does.
    const formula = exampleFormula(f, bridge.host, language);
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    replace(status, s.inserting);
    status.className = 'status working';
    try {
      await bridge.insertFormula!(exampleFormula(f, bridge.host));
      replace(status, fill(s.inserted, { formula }));
      status.className = 'status done';
    } catch (e) {
      replace(status, h('span', { role: 'alert' }, messageOf(e)));
      status.className = 'status error';
    } finally {
      button.disabled = false;
      element.removeAttribute('aria-busy');
    }
  }

  function item(f: FunctionSpec) {
    const s = paneText(language);
    const description = FUNCTION_HELP[f.name].description[language];
    const help = firstSentence(description);
    const formula = exampleFormula(f, bridge.host, language);
    if (bridge.insertFormula) {
      const button: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'fn', title: description, onclick: () => insert(f, button) },
        h('span', { class: 'fn-name' }, name(f)),
        h('span', { class: 'fn-help' }, help),
        h('code', { class: 'fn-example' }, formula),
      );
      return h('li', {}, button);
    }
    const example = h('input', { class: 'fn-copy', readonly: true, value: formula, 'aria-label': `${s.example}: ${f.name}`, spellcheck: 'false' });
    const pick = () => {
      example.parentElement!.appendChild(status);
      example.focus();
      example.select();
      replace(status, s.selected);
      status.className = 'status done';
    };
    example.addEventListener('focus', () => example.select());
    return h(
      'li',
      {},
      h('button', { type: 'button', class: 'fn', title: description, onclick: pick }, h('span', { class: 'fn-name' }, name(f)), h('span', { class: 'fn-help' }, help)),
      example,
    );
  }

  function render(lang: Language) {
    language = lang;
    const s = paneText(language);
    replace(status);
    replace(
      element,
      h('p', { class: 'intro' }, bridge.insertFormula ? s.functionsIntro : s.functionsIntroSheets),
      h('ul', { class: 'functions' }, ...FUNCTIONS.map(item)),
    );
  }

  render(initial);
  return { element, setLanguage: render };
}
