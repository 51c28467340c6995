// The health score of a plan (0–100), from what the plan shows: the conditions below, each with
// a weight in a table on the overview the manager may edit. A plan's score is the weight of the
// conditions it meets over the weight of those its template has, times 100; a column beside it
// says in words what pulls it down. Native formulas only, reading the plan tab's cells: plain
// IF(...)&IF(...) and SUMPRODUCT, which every host version has (TEXTJOIN is not in Excel 2016).
import { Language } from '../i18n/strings';
import { DECISION_MAKER, EXECUTIVE_SPONSOR, NEED_ANSWERED } from '../templates/lists';
import { PlanLayout, columnRef, fieldRef } from './plan-render';

export const HEALTH_WEIGHTS_NAME = 'AccountPlanner_HealthWeights';

/** Scores from here up are green, from AMBER up amber, below it red. */
export const HEALTH_GREEN = 80;
export const HEALTH_AMBER = 50;

export const HEALTH_CHECKS = ['decisionMaker', 'sponsor', 'stage', 'conditions', 'swot', 'opportunity', 'actions', 'noOverdue', 'review', 'onTrack'] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];

export const DEFAULT_WEIGHTS: Record<HealthCheck, number> = {
  decisionMaker: 10,
  sponsor: 10,
  stage: 5,
  conditions: 10,
  swot: 10,
  opportunity: 10,
  actions: 15,
  noOverdue: 10,
  review: 10,
  onTrack: 10,
};

export const HEALTH_WORDS = {
  en: {
    title: 'Health score: what counts',
    weight: 'Weight',
    total: 'Total',
    note: [
      'Score: the weight of what the plan shows ÷ the weight of what its template asks, × 100.',
      `Green from ${HEALTH_GREEN}, amber from ${HEALTH_AMBER}, red below.`,
      'Change the weights as you like: a new run keeps them.',
    ],
    checks: {
      decisionMaker: 'A decision maker named among the stakeholders',
      sponsor: 'An executive sponsor named (stakeholder or their sponsor)',
      stage: 'Relationship stage set',
      conditions: 'All seven conditions rated',
      swot: 'SWOT filled in (all four)',
      opportunity: 'An opportunity with "serves their need?" answered',
      actions: 'Actions, each with an owner and a due date',
      noOverdue: 'No overdue actions',
      review: 'A review in the last 30 days',
      onTrack: 'Revenue this year on track for the target',
    },
    short: {
      decisionMaker: 'no decision maker',
      sponsor: 'no executive sponsor',
      stage: 'no stage',
      conditions: 'conditions not all rated',
      swot: 'SWOT incomplete',
      opportunity: 'no opportunity checked against their need',
      actions: 'actions lack owner or date',
      noOverdue: 'overdue actions',
      review: 'no review for 30 days',
      onTrack: 'behind target',
      noTarget: 'no target',
    },
  },
  nl: {
    title: 'Gezondheidsscore: wat telt',
    weight: 'Gewicht',
    total: 'Totaal',
    note: [
      'Score: gewicht van wat het plan laat zien ÷ gewicht van wat zijn sjabloon vraagt, × 100.',
      `Groen vanaf ${HEALTH_GREEN}, oranje vanaf ${HEALTH_AMBER}, rood daaronder.`,
      'Pas de gewichten gerust aan: een nieuwe run laat ze staan.',
    ],
    checks: {
      decisionMaker: 'Een beslisser genoemd bij de stakeholders',
      sponsor: 'Een sponsor in de directie genoemd (stakeholder of hun sponsor)',
      stage: 'Fase van de relatie ingevuld',
      conditions: 'Alle zeven voorwaarden een cijfer',
      swot: 'SWOT ingevuld (alle vier)',
      opportunity: 'Een kans met "dient hun behoefte?" beantwoord',
      actions: 'Acties, elk met eigenaar en deadline',
      noOverdue: 'Geen verlopen acties',
      review: 'Een evaluatie in de laatste 30 dagen',
      onTrack: 'Omzet dit jaar op koers voor het doel',
    },
    short: {
      decisionMaker: 'geen beslisser',
      sponsor: 'geen sponsor',
      stage: 'geen fase',
      conditions: 'niet alle voorwaarden beoordeeld',
      swot: 'SWOT onvolledig',
      opportunity: 'geen kans getoetst aan hun behoefte',
      actions: 'acties zonder eigenaar of deadline',
      noOverdue: 'verlopen acties',
      review: '30 dagen geen evaluatie',
      onTrack: 'achter op doel',
      noTarget: 'geen doel',
    },
  },
} satisfies Record<Language, unknown>;

/** The cells of the overview's own row a check may read (absolute references on the overview). */
export interface RowCells {
  target: string;
  actual: string;
  overdue: string | null;
  sinceReview: string | null;
}

const anyOf = (range: string, words: readonly string[]) => `(${words.map((w) => `(${range}="${w.replace(/"/g, '""')}")`).join('+')})`;

/**
 * Each check a plan's template allows, as a native condition (TRUE when met) on the plan tab's
 * cells; a check whose cells the template lacks (the quick plan has no stakeholders) is left out.
 */
export function healthConditions(layout: PlanLayout, row: RowCells): Partial<Record<HealthCheck, string>> {
  const at = (key: string) => fieldRef(layout, key);
  const range = (table: string, column: string) => columnRef(layout, table, column);
  const out: Partial<Record<HealthCheck, string>> = {};
  const [name, role] = [range('stakeholders', 'name'), range('stakeholders', 'role')];
  if (name && role) {
    out.decisionMaker = `SUMPRODUCT(${anyOf(role, DECISION_MAKER)}*(${name}<>""))>0`;
    const theirs = at('sponsor_theirs');
    out.sponsor = `SUMPRODUCT(${anyOf(role, EXECUTIVE_SPONSOR)}*(${name}<>""))${theirs ? `+(${theirs}<>"")` : ''}>0`;
  }
  const stage = at('stage');
  if (stage) out.stage = `${stage}<>""`;
  const ratings = range('conditions', 'rating');
  if (ratings) out.conditions = `COUNT(${ratings})=${layout.tables.conditions.rows}`;
  const swot = ['strengths', 'weaknesses', 'opportunities_swot', 'threats'].map(at);
  if (swot.every(Boolean)) out.swot = `AND(${swot.map((c) => `${c}<>""`).join(',')})`;
  const [opportunity, need] = [range('opportunities', 'opportunity'), range('opportunities', 'serves_need')];
  if (opportunity && need) out.opportunity = `SUMPRODUCT((${opportunity}<>"")*${anyOf(need, NEED_ANSWERED)})>0`;
  const [action, owner, due] = [range('actions', 'action'), range('actions', 'action_owner'), range('actions', 'due')];
  if (action && owner && due) out.actions = `AND(SUMPRODUCT(--(${action}<>""))>0,SUMPRODUCT((${action}<>"")*((${owner}="")+(${due}="")))=0)`;
  if (row.overdue) out.noOverdue = `N(${row.overdue})=0`;
  if (row.sinceReview) out.review = `N(${row.sinceReview})<=30`;
  // On track: this year's revenue up to the measuring date at least the target's share of the year gone by then.
  const asOf = at('as_of');
  if (asOf && at('target') && at('actual')) {
    const jan1 = `DATE(YEAR(${asOf}),1,1)`;
    out.onTrack = `AND(N(${row.target})>0,N(${row.actual})>=N(${row.target})*(${asOf}-${jan1}+1)/(DATE(YEAR(${asOf})+1,1,1)-${jan1}))`;
  }
  return out;
}

/** The score (0–100, "" when no weight applies) and what pulls it down, as two formulas. */
export function healthFormulas(conditions: Partial<Record<HealthCheck, string>>, weight: (check: HealthCheck) => string, row: RowCells, language: Language): { score: string; reasons: string } {
  const checks = HEALTH_CHECKS.filter((c) => conditions[c]);
  if (!checks.length) return { score: '=""', reasons: '=""' };
  const w = (c: HealthCheck) => `N(${weight(c)})`;
  const met = checks.map((c) => `${w(c)}*(${conditions[c]})`).join('+');
  const all = checks.map(w).join('+');
  const score = `=IF((${all})<=0,"",ROUND(100*(${met})/(${all}),0))`;
  const words = HEALTH_WORDS[language].short;
  const said = (c: HealthCheck) =>
    c === 'onTrack' ? `IF(N(${row.target})=0,"; ${words.noTarget}","; ${words.onTrack}")` : `"; ${words[c]}"`;
  // Each unmet check with a weight, "; " between them; MID drops the first separator.
  const parts = checks.map((c) => `IF(AND(${w(c)}>0,NOT(${conditions[c]})),${said(c)},"")`).join('&');
  return { score, reasons: `=MID(${parts},3,1000)` };
}
