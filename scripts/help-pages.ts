// The help pages the Excel add-in serves from its own origin: one page per custom function (its
// helpUrl in functions.json, English and Dutch: the store requires a help URL per function), the
// support page the manifest's SupportUrl names, and the privacy page. All generated from the
// function catalog and its help, so a new function gets its page by being in the catalog.
import { EXCEL_NAMESPACE, FUNCTIONS, FunctionSpec, exampleFormula } from '../shared/catalog';
import { FUNCTION_HELP } from '../shared/i18n/function-help';
import { helpPageStrings } from '../shared/i18n/help-pages';
import { LANGUAGES, Language, fill } from '../shared/i18n/strings';

/** Where the pages live under dist/excel, one folder per language. */
export const HELP_DIR = 'help';

export const helpPath = (language: Language, page: string): string => `${HELP_DIR}/${language}/${page}.html`;
export const functionPage = (f: Pick<FunctionSpec, 'name'>): string => f.name.toLowerCase();
export const SUPPORT_PAGE = 'index';
export const PRIVACY_PAGE = 'privacy';

export const helpUrl = (f: Pick<FunctionSpec, 'name'>, language: Language, baseUrl: string): string => baseUrl + helpPath(language, functionPage(f));

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const excelName = (f: FunctionSpec) => `${EXCEL_NAMESPACE}.${f.name}`;

/** =KAM.PLAN_PHASE(target; [weights]; [round_to]) in the page's language. */
export function syntaxOf(f: FunctionSpec, language: Language): string {
  const args = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(language === 'nl' ? '; ' : ', ');
  return `=${excelName(f)}(${args})`;
}

export const exampleOf = (f: FunctionSpec, language: Language): string => exampleFormula(f, 'excel', language);

export interface HelpSite {
  /** package.json's version, named on the privacy page. */
  version: string;
  /** Where users get support (package.json "bugs"): an https URL or an e-mail address. */
  contact?: string;
}

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1f1f1f}
h1{font-size:1.5rem;color:#107c41}h2{font-size:1.15rem;margin-top:1.5rem}code,pre{font-family:Consolas,monospace;background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}
pre{padding:.6rem;overflow-x:auto;white-space:pre-wrap}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ddd;padding:.35rem .5rem}
nav{font-size:.9rem;margin-bottom:1rem}nav a{margin-right:1rem}footer{margin-top:2rem;font-size:.9rem;color:#555}a{color:#0f6cbd}`;

function page(language: Language, title: string, self: string, body: string): string {
  const s = helpPageStrings(language);
  const other: Language = language === 'en' ? 'nl' : 'en';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(s.siteTitle)}</title>
<link rel="alternate" hreflang="${other}" href="../${other}/${self}.html">
<style>${STYLE}</style>
</head>
<body>
<nav><a href="${SUPPORT_PAGE}.html">${escapeHtml(s.backToIndex)}</a><a href="../${other}/${self}.html" hreflang="${other}" lang="${other}">${escapeHtml(s.otherLanguage)}</a></nav>
<main>
${body}
</main>
<footer><a href="${PRIVACY_PAGE}.html">${escapeHtml(s.privacyLink)}</a></footer>
</body>
</html>
`;
}

function functionHelpPage(f: FunctionSpec, language: Language): string {
  const s = helpPageStrings(language);
  const help = FUNCTION_HELP[f.name];
  const rows = f.params
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code>${p.optional ? ` (${escapeHtml(s.optional)})` : ''}</td><td>${escapeHtml(help.params[p.name][language])}</td></tr>`)
    .join('\n');
  const body = `<h1 id="${escapeHtml(f.name)}">${escapeHtml(excelName(f))}</h1>
<p>${escapeHtml(help.description[language])}</p>
<h2>${escapeHtml(s.syntaxTitle)}</h2>
<pre><code>${escapeHtml(syntaxOf(f, language))}</code></pre>
<h2>${escapeHtml(s.parametersTitle)}</h2>
<table>
<thead><tr><th>${escapeHtml(s.parameterHeader)}</th><th>${escapeHtml(s.descriptionHeader)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>${escapeHtml(s.exampleTitle)}</h2>
<pre><code>${escapeHtml(exampleOf(f, language))}</code></pre>`;
  return page(language, excelName(f), functionPage(f), body);
}

function contactHtml(contact: string): string {
  const href = contact.includes('@') && !contact.includes('/') ? `mailto:${contact}` : contact;
  return `<a href="${escapeHtml(href)}">${escapeHtml(contact)}</a>`;
}

function supportPage(language: Language, site: HelpSite): string {
  const s = helpPageStrings(language);
  const functions = FUNCTIONS.map(
    (f) => `<li><a href="${functionPage(f)}.html"><code>${escapeHtml(excelName(f))}</code></a>: ${escapeHtml(FUNCTION_HELP[f.name].description[language])}</li>`,
  ).join('\n');
  const support = site.contact ? fill(escapeHtml(s.supportText), { contact: contactHtml(site.contact) }) : escapeHtml(s.supportNoContact);
  const body = `<h1>${escapeHtml(s.indexTitle)}</h1>
<p>${escapeHtml(s.intro)}</p>
<h2>${escapeHtml(s.gettingStartedTitle)}</h2>
<ul>
${s.gettingStarted.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}
</ul>
<h2>${escapeHtml(s.functionsTitle)}</h2>
<ul>
${functions}
</ul>
<h2 id="support">${escapeHtml(s.supportTitle)}</h2>
<p>${support}</p>`;
  return page(language, s.indexTitle, SUPPORT_PAGE, body);
}

function privacyPage(language: Language, site: HelpSite): string {
  const s = helpPageStrings(language);
  const body = `<h1>${escapeHtml(s.privacyTitle)}</h1>
${s.privacy.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p>${escapeHtml(fill(s.privacyUpdated, { version: site.version }))}</p>`;
  return page(language, s.privacyTitle, PRIVACY_PAGE, body);
}

/** Every help page, as paths under dist/excel and their HTML. */
export function helpPages(site: HelpSite): { path: string; html: string }[] {
  return LANGUAGES.flatMap((language) => [
    { path: helpPath(language, SUPPORT_PAGE), html: supportPage(language, site) },
    { path: helpPath(language, PRIVACY_PAGE), html: privacyPage(language, site) },
    ...FUNCTIONS.map((f) => ({ path: helpPath(language, functionPage(f)), html: functionHelpPage(f, language) })),
  ]);
}
