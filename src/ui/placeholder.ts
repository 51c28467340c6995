// The pane's content until the analysis and plan tools arrive: a welcome line and the function
// reference from the catalog. Everything shown is escaped: catalog text is still text.
import { EXCEL_NAMESPACE, FUNCTIONS, exampleFormula } from '../../shared/catalog';
import { Language, t } from '../../shared/i18n/strings';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function renderPlaceholder(language: Language, host: 'excel' | 'sheets'): string {
  const s = t(language).pane;
  const intro = host === 'excel' ? s.placeholder : s.placeholderSheets;
  const items = FUNCTIONS.map((f) => {
    const name = host === 'excel' ? `${EXCEL_NAMESPACE}.${f.name}` : f.name;
    return `<li><strong>${escapeHtml(name)}</strong><br>${escapeHtml(f.help[language])}<br><code>${escapeHtml(exampleFormula(f, host))}</code></li>`;
  }).join('');
  return `<h1>${escapeHtml(s.title)}</h1><p>${escapeHtml(intro)}</p><h2>${escapeHtml(s.functions)}</h2><ul class="functions">${items}</ul>`;
}
