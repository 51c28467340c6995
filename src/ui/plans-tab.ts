// The Plans tab until plan generation arrives: says what is coming and where to start today.
import { Language, t } from '../../shared/i18n/strings';
import { h, replace } from './dom';
import type { TabView } from './pane';

export function plansTab(initial: Language): TabView {
  const element = h('section');
  const render = (language: Language) => {
    const s = t(language).pane;
    replace(element, h('div', { class: 'soon' }, h('h2', { class: 'soon-title' }, s.plansTitle, ' ', h('span', { class: 'badge' }, s.comingSoon)), h('p', {}, s.plansSoon)));
  };
  render(initial);
  return { element, setLanguage: render };
}
