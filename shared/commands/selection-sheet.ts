// The "Key-account selection" sheet (Selectie key accounts): management chooses the key accounts
// together, on agreed and weighted criteria, instead of each rep naming his own (DOMAIN.md, "Which
// customers matter": ten managers once named 56 different key accounts).
//
// Top to bottom: the criteria with their weights (the team edits both); the candidates — by default
// the accounts of the analysis' first two tiers — with their tier, category, revenue and growth as
// live formulas over the analysis' names, each manager's score, the consensus (the mean of the
// managers' scores), the spread between managers (2 points or more: discuss), the rank and the
// decision; then one block per manager, who rates every candidate 1–5 on every criterion.
// Native formulas only: a manager's score is ACCOUNT_SCORE's weighted mean written with SUMPRODUCT.
//
// Re-running never touches an earlier selection sheet: what managers typed there stays. A new
// round goes on a new sheet ("Key-account selection 2"), which takes over the workbook names the
// plans read, and starts from the criteria and weights the team agreed on the latest sheet.
import { isError } from '../cells';
import { accountKey } from '../formulas/pareto';
import { Language, categoryLabel, fill } from '../i18n/strings';
import { Region, SheetSpec, SpecValue, columnLetter, emptySpec, rectangle } from '../sheet-spec';
import { Awaitable, SheetValues, Workbook, WorkbookInfo, andThen, cellAt } from '../workbook';
import { SOURCE_NAMES } from './analysis';
import { countedAs, lookupValue, matching } from './criteria';
import { UserError } from './errors';
import { SELECTION_NAMES } from './key-accounts';
import { CHAR_PX, LARGE_AMOUNT, cellLength, linesIn, moneyFormat, rowPx, tableLayout } from './layout';
import { AccountFacts, factsFromSource, tierOrder } from './plans';
import { freeSheetName } from './sheet-names';

export { DEFAULT_MANAGERS, MAX_MANAGERS } from './key-accounts';
import { DEFAULT_MANAGERS, MAX_MANAGERS } from './key-accounts';
/** More criteria than the defaults are added by the team on the sheet; a carried-over table keeps its own count. */
const MAX_CRITERIA = 12;

const WORDS = {
  en: {
    sheet: 'Key-account selection',
    title: 'Key-account selection',
    note:
      'Agree on the criteria and their weights first. Then each manager rates every candidate from 1 (poor) to 5 (excellent) on every criterion, in his own block below. ' +
      'The consensus score is the weighted mean of the ratings, averaged over the managers; where managers differ by 2 points or more, discuss before you decide. Mark the key accounts in the last column.',
    criteria: 'Criterion',
    weight: 'Weight',
    share: 'Share of the weight',
    candidates: 'Candidates',
    account: 'Account',
    tier: 'Tier',
    category: 'Category',
    revenue12: 'Revenue, last 12 months',
    revenue: 'Revenue',
    growth: 'Growth on the 12 months before',
    newAccount: 'new',
    scoreOf: 'Score {manager}',
    consensus: 'Consensus score',
    spread: 'Spread between managers',
    discuss: 'Discuss?',
    discussWord: 'Discuss',
    rank: 'Rank',
    decision: 'Key account?',
    yes: 'yes',
    no: 'no',
    manager: 'Manager {n}',
    ratingsBy: 'Ratings by',
    nameHint: '← type the manager\'s name',
    score: 'Score',
    defaultCriteria: ['Revenue', 'Growth potential', 'Margin', 'Strategic fit', 'Access to decision makers', 'Willingness to partner'],
    ratingMessage: 'A whole number from 1 (poor) to 5 (excellent).',
    weightMessage: 'A weight from 0 to 1000.',
    decisionMessage: 'Choose yes or no.',
    noAnalysis: 'Run the Pareto analysis first: the selection sheet takes its candidates, revenue, tier and category from it.',
    noCandidates: 'No accounts in tier {tiers} to choose from.',
    noNames: 'None of these accounts is in the analysed revenue table: {names}.',
    notFound: ' Not in the analysed revenue table, so left out: {names}.',
    managers: 'The number of managers must be a whole number from 1 to {max}, not {given}.',
    done: 'The sheet {sheet} lists {candidates} candidates for {managers} managers to rate on {criteria} criteria.',
    kept: ' The earlier selection on {previous} is kept as it was; this round starts from its criteria and weights.',
  },
  nl: {
    sheet: 'Selectie key accounts',
    title: 'Selectie key accounts',
    note:
      'Spreek eerst de criteria en hun gewichten af. Daarna beoordeelt elke manager in zijn eigen blok hieronder elke kandidaat van 1 (zwak) tot 5 (uitstekend) op elk criterium. ' +
      'De consensusscore is het gewogen gemiddelde van de beoordelingen, gemiddeld over de managers; verschillen managers 2 punten of meer, bespreek dat dan voor u beslist. Markeer de key accounts in de laatste kolom.',
    criteria: 'Criterium',
    weight: 'Gewicht',
    share: 'Aandeel in het gewicht',
    candidates: 'Kandidaten',
    account: 'Klant',
    tier: 'Klasse',
    category: 'Categorie',
    revenue12: 'Omzet, laatste 12 maanden',
    revenue: 'Omzet',
    growth: 'Groei op de 12 maanden ervoor',
    newAccount: 'nieuw',
    scoreOf: 'Score {manager}',
    consensus: 'Consensusscore',
    spread: 'Spreiding tussen managers',
    discuss: 'Bespreken?',
    discussWord: 'Bespreken',
    rank: 'Rang',
    decision: 'Key account?',
    yes: 'ja',
    no: 'nee',
    manager: 'Manager {n}',
    ratingsBy: 'Beoordeling door',
    nameHint: '← typ de naam van de manager',
    score: 'Score',
    defaultCriteria: ['Omzet', 'Groeipotentieel', 'Marge', 'Strategische fit', 'Toegang tot beslissers', 'Bereidheid tot partnerschap'],
    ratingMessage: 'Een geheel getal van 1 (zwak) tot 5 (uitstekend).',
    weightMessage: 'Een gewicht van 0 tot 1000.',
    decisionMessage: 'Kies ja of nee.',
    noAnalysis: 'Voer eerst de Pareto-analyse uit: het selectieblad haalt de kandidaten, omzet, klasse en categorie daaruit.',
    noCandidates: 'Geen klanten in klasse {tiers} om uit te kiezen.',
    noNames: 'Geen van deze klanten staat in de geanalyseerde omzettabel: {names}.',
    notFound: ' Niet in de geanalyseerde omzettabel, dus weggelaten: {names}.',
    managers: 'Het aantal managers moet een geheel getal van 1 tot {max} zijn, niet {given}.',
    done: 'Het blad {sheet} toont {candidates} kandidaten, door {managers} managers te beoordelen op {criteria} criteria.',
    kept: ' De eerdere selectie op {previous} blijft zoals hij was; deze ronde begint met de criteria en gewichten daarvan.',
  },
} satisfies Record<Language, Record<string, string | string[]>>;

export const selectionWords = (language: Language) => WORDS[language];

export interface SelectionOptions {
  language: Language;
  /** The tiers whose accounts are candidates; default the analysis' first two (A and B). */
  tiers?: string[];
  /** The candidates by name instead (as the revenue table spells them, any case). */
  names?: string[];
  /** How many managers rate; default 3. */
  managers?: number;
}

export interface SelectionResult {
  sheet: string;
  candidates: number;
  managers: number;
  criteria: number;
  /** The earlier selection sheet whose criteria and weights this one started from. */
  previous: string | null;
  /** Names asked for that are not among the analysed accounts (left out; the message says so). */
  notFound: string[];
  message: string;
}

/** Where things sit on a selection sheet (0-based), for the tests and the plans. */
export interface SelectionLayout {
  criteriaRow: number;
  weightRow: number;
  headerRow: number;
  firstCandidate: number;
  /** Columns of the candidate table. */
  columns: { account: 0; tier: number; category: number; revenue: number; growth: number; managers: number[]; consensus: number; spread: number; discuss: number; rank: number; decision: number };
  /** Per manager: the row of the name, the first rating row; ratings from column 1, score after them. */
  blocks: { nameRow: number; firstRow: number; scoreCol: number }[];
}

const INPUT_FILL = '#FFF8E1';
const INPUT_LINES = '#BFBFBF';
const HEADER_FILL = '#F2F2F2';
const DISCUSS = { fill: '#FCE4D6', fontColor: '#9C5700' };
const KEY = { fill: '#E2EFDA', fontColor: '#375623' };

/** Criteria and weights the team agreed on the latest selection sheet, if it is still there. */
function agreedCriteria(info: WorkbookInfo, previous: SheetValues | null): { names: string[]; weights: (number | null)[] } | null {
  const names = info.names[SELECTION_NAMES.criteria];
  const weights = info.names[SELECTION_NAMES.weights];
  if (!previous || !names || !weights || names.sheet !== previous.sheet || weights.sheet !== previous.sheet) return null;
  const out = { names: [] as string[], weights: [] as (number | null)[] };
  for (let c = 0; c < Math.min(names.region.cols, MAX_CRITERIA); c++) {
    const name = cellAt(previous, names.region.row, names.region.col + c);
    const weight = cellAt(previous, weights.region.row, weights.region.col + c);
    out.names.push(isError(name) || name === null ? '' : String(name));
    out.weights.push(typeof weight === 'number' && Number.isFinite(weight) ? weight : null);
  }
  return out.names.length ? out : null;
}

/** The candidates: the accounts of the chosen tiers, largest first, or the named ones. */
function candidatesOf(facts: Map<string, AccountFacts>, tiers: string[], names: string[] | undefined, w: (typeof WORDS)['en']): { found: AccountFacts[]; notFound: string[] } {
  if (names) {
    const seen = new Set<string>();
    const found: AccountFacts[] = [];
    const notFound: string[] = [];
    for (const n of names) {
      const key = accountKey(n);
      const f = key ? facts.get(key) : undefined;
      if (!f) notFound.push(n);
      else if (!seen.has(key!)) found.push(f), seen.add(key!);
    }
    if (!found.length) throw new UserError(fill(w.noNames, { names: names.join(', ') }));
    return { found, notFound };
  }
  const wanted = new Set(tiers.map((t) => accountKey(t)));
  const found = [...facts.values()].filter((f) => wanted.has(accountKey(f.tier ?? ''))).sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0));
  if (!found.length) throw new UserError(fill(w.noCandidates, { tiers: tiers.join(', ') }));
  return { found, notFound: [] };
}

/** Writes a new selection sheet from the analysis. Reads the revenue table and, if any, the latest selection sheet. */
export function writeSelectionSheet(wb: Workbook, options: SelectionOptions): Awaitable<SelectionResult> {
  const w = WORDS[options.language];
  const managers = options.managers ?? DEFAULT_MANAGERS;
  if (!Number.isInteger(managers) || managers < 1 || managers > MAX_MANAGERS) {
    throw new UserError(fill(w.managers, { max: MAX_MANAGERS, given: String(options.managers) }));
  }
  return andThen(wb.info(), (info) => {
    const source = info.names[SOURCE_NAMES.accounts];
    if (!source || !info.sheets.includes(source.sheet) || !info.names[SOURCE_NAMES.tiers]) throw new UserError(w.noAnalysis);
    const previousName = info.names[SELECTION_NAMES.criteria];
    const previousSheet = previousName && info.sheets.includes(previousName.sheet) ? previousName.sheet : null;
    return andThen(wb.readSheet(source.sheet), (values) =>
      andThen(previousSheet ? wb.readSheet(previousSheet) : null, (previous) =>
        andThen(wb.numberFormat ? wb.numberFormat(source.sheet, info.names[SOURCE_NAMES.amounts]?.region.row ?? source.region.row, info.names[SOURCE_NAMES.amounts]?.region.col ?? 0) : null, (format) => {
          const facts = factsFromSource(info, values);
          const tiers = options.tiers ?? tierOrder(info, values).slice(0, 2);
          const { found: candidates, notFound } = candidatesOf(facts, tiers.length ? tiers : ['A', 'B'], options.names, w);
          const agreed = agreedCriteria(info, previous);
          const { spec, sheet, criteria } = selectionSpec(info, candidates, { language: options.language, managers, agreed, money: moneyFormat(format) });
          return andThen(wb.write(spec), () => ({
            sheet,
            candidates: candidates.length,
            managers,
            criteria,
            previous: agreed ? previousSheet : null,
            notFound,
            message:
              fill(w.done, { sheet, candidates: candidates.length, managers, criteria }) +
              (agreed ? fill(w.kept, { previous: previousSheet! }) : '') +
              (notFound.length ? fill(w.notFound, { names: notFound.join(', ') }) : ''),
          }));
        }),
      ),
    );
  });
}

/** The 0-based positions of a selection sheet of `n` candidates, `k` criteria and `m` managers. */
export function selectionLayout(n: number, k: number, m: number): SelectionLayout {
  const managerCols = Array.from({ length: m }, (_, i) => 5 + i);
  const after = 5 + m;
  const headerRow = 8;
  const firstCandidate = headerRow + 1;
  const blocksTop = firstCandidate + n + 1;
  return {
    criteriaRow: 3,
    weightRow: 4,
    headerRow,
    firstCandidate,
    columns: { account: 0, tier: 1, category: 2, revenue: 3, growth: 4, managers: managerCols, consensus: after, spread: after + 1, discuss: after + 2, rank: after + 3, decision: after + 4 },
    blocks: Array.from({ length: m }, (_, i) => {
      const nameRow = blocksTop + i * (n + 3);
      return { nameRow, firstRow: nameRow + 2, scoreCol: 1 + k };
    }),
  };
}

interface SpecOptions {
  language: Language;
  managers: number;
  agreed: { names: string[]; weights: (number | null)[] } | null;
  money: string;
}

/** The selection sheet as a spec: values, formulas, looks, inputs and names. */
export function selectionSpec(info: WorkbookInfo, candidates: AccountFacts[], o: SpecOptions): { spec: SheetSpec; sheet: string; criteria: number; layout: SelectionLayout } {
  const w = WORDS[o.language];
  const spec = emptySpec();
  const sheet = freeSheetName(info.sheets, w.sheet);
  spec.addSheets.push(sheet);
  const criteriaNames = o.agreed?.names ?? w.defaultCriteria;
  const weights: (number | null)[] = o.agreed?.weights ?? w.defaultCriteria.map(() => 1);
  const k = criteriaNames.length;
  const n = candidates.length;
  const layout = selectionLayout(n, k, o.managers);
  const { columns: col, blocks } = layout;
  const width = col.decision + 1;
  const rows: SpecValue[][] = [];
  const put = (r: number, c: number, v: SpecValue) => {
    while (rows.length <= r) rows.push([]);
    rows[r][c] = v;
  };
  const cell = (r: number, c: number, fixed = '') => `${fixed}${columnLetter(c)}${fixed}${r + 1}`;
  const rowRange = (r: number, from: number, cols: number, fixed = '') => `${cell(r, from, fixed)}:${cell(r, from + cols - 1, fixed)}`;
  const style = (region: Region, s: Omit<SheetSpec['styles'][number], 'sheet' | 'region'>) => spec.styles.push({ sheet, region, ...s });

  // The title and what to do.
  put(0, 0, w.title);
  put(1, 0, w.note);
  style({ row: 0, col: 0, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });

  // The criteria across, their weights under them, and each one's share of the total weight.
  const weightRange = rowRange(layout.weightRow, 1, k, '$');
  put(layout.criteriaRow, 0, w.criteria);
  put(layout.weightRow, 0, w.weight);
  put(layout.weightRow + 1, 0, w.share);
  criteriaNames.forEach((name, c) => {
    put(layout.criteriaRow, 1 + c, name);
    put(layout.weightRow, 1 + c, weights[c]);
    put(layout.weightRow + 1, 1 + c, { formula: `=IF(SUM(${weightRange})>0,${cell(layout.weightRow, 1 + c)}/SUM(${weightRange}),"")` });
  });
  style({ row: layout.criteriaRow, col: 0, rows: 3, cols: 1 }, { bold: true, verticalAlign: 'top' });
  const criteriaInput: Region = { row: layout.criteriaRow, col: 1, rows: 2, cols: k };
  style(criteriaInput, { fill: INPUT_FILL, gridLines: INPUT_LINES, wrap: true, verticalAlign: 'top' });
  style({ row: layout.weightRow + 1, col: 1, rows: 1, cols: k }, { numberFormat: '0%' });
  spec.validations.push({ sheet, region: { row: layout.weightRow, col: 1, rows: 1, cols: k }, decimal: { min: 0, max: 1000 }, message: w.weightMessage });

  // The candidate table.
  const s = info.names;
  const keys = s[SOURCE_NAMES.keys] ? SOURCE_NAMES.keys : SOURCE_NAMES.accounts;
  const dated = Boolean(s[SOURCE_NAMES.dates] && s[SOURCE_NAMES.dataEnd]);
  const end = SOURCE_NAMES.dataEnd;
  put(layout.headerRow - 1, 0, w.candidates);
  style({ row: layout.headerRow - 1, col: 0, rows: 1, cols: 1 }, { bold: true, fontSize: 12 });
  const header: SpecValue[] = [w.account, w.tier, w.category, dated ? w.revenue12 : w.revenue, w.growth];
  for (let i = 0; i < o.managers; i++) header.push({ formula: `="${w.scoreOf.replace('{manager}', '')}"&${cell(blocks[i].nameRow, 1)}` });
  header.push(w.consensus, w.spread, w.discuss, w.rank, w.decision);
  header.forEach((v, c) => put(layout.headerRow, c, v));
  const first = layout.firstCandidate;
  const consensusRange = `${cell(first, col.consensus, '$')}:${cell(first + n - 1, col.consensus, '$')}`;
  candidates.forEach((f, i) => {
    const r = first + i;
    const key = countedAs(f.name);
    const account = matching(keys, key);
    const lookup = (name: string) => ({ formula: `=IFERROR(INDEX(${name},MATCH(${lookupValue(key)},${keys},0)),"")` });
    const sumifs = (dates: string) => `SUMIFS(${SOURCE_NAMES.amounts},${account}${dates})`;
    put(r, col.account, f.name);
    put(r, col.tier, lookup(SOURCE_NAMES.tiers));
    put(r, col.category, s[SOURCE_NAMES.categories] ? lookup(SOURCE_NAMES.categories) : null);
    if (dated) {
      const d = SOURCE_NAMES.dates;
      put(r, col.revenue, { formula: `=${sumifs(`,${d},">"&(${end}-365),${d},"<"&(${end}+1)`)}` });
      // No revenue in the 12 months before: "new" where it has revenue now, never #DIV/0!.
      const revenue = cell(r, col.revenue);
      put(r, col.growth, { formula: `=IFERROR(${revenue}/${sumifs(`,${d},">"&(${end}-730),${d},"<="&(${end}-365)`)}-1,IF(${revenue}>0,"${w.newAccount}",""))` });
    } else {
      put(r, col.revenue, { formula: `=${sumifs('')}` });
      put(r, col.growth, null);
    }
    blocks.forEach((b, m) => put(r, col.managers[m], { formula: `=${cell(b.firstRow + i, b.scoreCol)}` }));
    const scores = rowRange(r, col.managers[0], o.managers);
    const consensus = cell(r, col.consensus);
    const spread = cell(r, col.spread);
    put(r, col.consensus, { formula: `=IF(COUNT(${scores})=0,"",AVERAGE(${scores}))` });
    put(r, col.spread, { formula: `=IF(COUNT(${scores})<2,"",MAX(${scores})-MIN(${scores}))` });
    put(r, col.discuss, { formula: `=IF(ISNUMBER(${spread}),IF(${spread}>=2,"${w.discussWord}",""),"")` });
    // 1 + the candidates scored higher (ties share a rank, as RANK gives, which not every engine has).
    put(r, col.rank, { formula: `=IF(ISNUMBER(${consensus}),SUMPRODUCT(ISNUMBER(${consensusRange})*(${consensusRange}>${consensus}))+1,"")` });
    put(r, col.decision, null);
  });
  style({ row: layout.headerRow, col: 0, rows: 1, cols: width }, { bold: true, fill: HEADER_FILL, wrap: true, verticalAlign: 'top' });
  if (n) {
    const body = (c: number, cols = 1): Region => ({ row: first, col: c, rows: n, cols });
    style(body(col.revenue), { numberFormat: o.money });
    style(body(col.growth), { numberFormat: '0%' });
    style(body(col.managers[0], o.managers + 2), { numberFormat: '0.00' });
    style(body(col.rank), { numberFormat: '0' });
    style(body(col.consensus), { bold: true });
    style(body(col.decision), { fill: INPUT_FILL, gridLines: INPUT_LINES });
    spec.validations.push({ sheet, region: body(col.decision), list: [w.yes, w.no], message: w.decisionMessage });
    spec.conditionalFormulas.push({ sheet, region: body(col.spread, 2), formula: `=AND(ISNUMBER($${cell(first, col.spread)}),$${cell(first, col.spread)}>=2)`, ...DISCUSS });
    spec.conditionalColours.push({ sheet, region: body(col.decision), rules: [{ equals: w.yes, ...KEY }] });
  }

  // One block per manager: his name (editable), the criteria as headers, his ratings, his score.
  const ratingsWeights = rowRange(layout.weightRow, 1, k, '$');
  blocks.forEach((b, m) => {
    put(b.nameRow, 0, w.ratingsBy);
    put(b.nameRow, 1, fill(w.manager, { n: m + 1 }));
    put(b.nameRow, 2, w.nameHint);
    put(b.nameRow + 1, 0, w.account);
    for (let c = 0; c < k; c++) put(b.nameRow + 1, 1 + c, { formula: `=${cell(layout.criteriaRow, 1 + c, '$')}` });
    put(b.nameRow + 1, b.scoreCol, w.score);
    for (let i = 0; i < n; i++) {
      const r = b.firstRow + i;
      const ratings = rowRange(r, 1, k);
      const counted = `SUMPRODUCT(${ratingsWeights},--ISNUMBER(${ratings}))`;
      put(r, 0, { formula: `=${cell(first + i, 0, '$')}` });
      put(r, b.scoreCol, { formula: `=IF(${counted}=0,"",SUMPRODUCT(${ratingsWeights},${ratings})/${counted})` });
    }
    style({ row: b.nameRow, col: 0, rows: 1, cols: 1 }, { bold: true, fontSize: 12 });
    style({ row: b.nameRow, col: 1, rows: 1, cols: 1 }, { bold: true, fill: INPUT_FILL, gridLines: INPUT_LINES });
    style({ row: b.nameRow, col: 2, rows: 1, cols: 1 }, { italic: true, fontColor: '#7F7F7F' });
    style({ row: b.nameRow + 1, col: 0, rows: 1, cols: k + 2 }, { bold: true, fill: HEADER_FILL, wrap: true, verticalAlign: 'top' });
    if (n) {
      const ratings: Region = { row: b.firstRow, col: 1, rows: n, cols: k };
      style(ratings, { fill: INPUT_FILL, gridLines: INPUT_LINES });
      style({ row: b.firstRow, col: b.scoreCol, rows: n, cols: 1 }, { numberFormat: '0.00', bold: true });
      spec.validations.push({ sheet, region: ratings, whole: { min: 1, max: 5 }, message: w.ratingMessage });
    }
  });
  spec.blocks.push({ sheet, row: 0, col: 0, values: rectangle(rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null))) });

  // Widths: the candidate table and the blocks share the columns; each column is as wide as the
  // widest of what it holds. The note spans the table and wraps.
  const nameLengths = candidates.map((f) => cellLength(f.name));
  const money = cellLength(LARGE_AMOUNT, o.money);
  const criterionHeader = (c: number) => criteriaNames[c - 1] ?? '';
  const categoryLength = s[SOURCE_NAMES.categories] ? Math.max(...[1, 2, 3, 4, 5].map((c) => cellLength(categoryLabel(c, o.language)))) : 0;
  const needs = Array.from({ length: width }, (_, c) => {
    const headerText = typeof header[c] === 'string' ? (header[c] as string) : fill(w.scoreOf, { manager: fill(w.manager, { n: o.managers }) });
    const inCriteria = c >= 1 && c <= k;
    const lengths =
      c === col.account
        ? [...nameLengths, cellLength(w.ratingsBy), cellLength(w.share)]
        : c === col.category
          ? [categoryLength]
          : c === col.revenue
            ? [money]
            : c === col.decision
              ? [cellLength(w.decision)]
              : col.managers.includes(c)
                ? [Math.ceil(cellLength(headerText) * 1.1)]
                : [6];
    return { header: inCriteria && criterionHeader(c).length > headerText.length ? criterionHeader(c) : headerText, lengths: c === 1 ? [...lengths, cellLength(fill(w.manager, { n: 10 }))] : lengths, min: c === 0 ? 140 : 70, max: c === 0 ? 280 : 240 };
  });
  const table = tableLayout(needs);
  table.widths.forEach((px, c) => spec.columnWidths.push({ sheet, col: c, width: px }));
  spec.rowHeights.push({ sheet, row: layout.headerRow, rows: 1, height: table.headerPx });
  const criteriaLines = Math.max(1, ...criteriaNames.map((name, c) => linesIn(name, table.widths[1 + c])));
  spec.rowHeights.push({ sheet, row: layout.criteriaRow, rows: 1, height: rowPx(criteriaLines) });
  for (const b of blocks) spec.rowHeights.push({ sheet, row: b.nameRow + 1, rows: 1, height: rowPx(criteriaLines) });
  const noteWidth = table.widths.reduce((a, b) => a + b, 0);
  spec.merges.push({ sheet, region: { row: 1, col: 0, rows: 1, cols: width } });
  style({ row: 1, col: 0, rows: 1, cols: width }, { wrap: true, verticalAlign: 'top' });
  spec.rowHeights.push({ sheet, row: 1, rows: 1, height: rowPx(linesIn(w.note, noteWidth - CHAR_PX * 2)) });

  // The inputs the team types into; everything else is protected against slips (no password).
  spec.protections.push({
    sheet,
    unlocked: [criteriaInput, ...(n ? [{ row: first, col: col.decision, rows: n, cols: 1 }] : []), ...blocks.flatMap((b) => [{ row: b.nameRow, col: 1, rows: 1, cols: 1 }, ...(n ? [{ row: b.firstRow, col: 1, rows: n, cols: k }] : [])])],
  });
  spec.fitToPageWidth.push(sheet);
  spec.landscape.push(sheet);

  const lastRow = blocks.length ? blocks[blocks.length - 1].firstRow + n : first + n;
  spec.names.push(
    { name: SELECTION_NAMES.sheet, sheet, region: { row: 0, col: 0, rows: lastRow, cols: width } },
    { name: SELECTION_NAMES.accounts, sheet, region: { row: first, col: col.account, rows: Math.max(1, n), cols: 1 } },
    { name: SELECTION_NAMES.decisions, sheet, region: { row: first, col: col.decision, rows: Math.max(1, n), cols: 1 } },
    { name: SELECTION_NAMES.criteria, sheet, region: { row: layout.criteriaRow, col: 1, rows: 1, cols: k } },
    { name: SELECTION_NAMES.weights, sheet, region: { row: layout.weightRow, col: 1, rows: 1, cols: k } },
  );
  return { spec, sheet, criteria: k, layout };
}
