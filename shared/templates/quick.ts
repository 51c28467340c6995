// The "Quick account plan" for accounts outside the key list: facts, stage, up to three goals,
// the 90-day actions and the review dates. Filling it in takes minutes.
import { STAGES } from './lists';
import { ACTIONS, FACTS, REVIEWS, REVIEW_LOG } from './key-account';
import { Localized, Template } from './model';

const l = (en: string, nl: string): Localized => ({ en, nl });

export const QUICK_ACCOUNT_PLAN: Template = {
  id: 'quick',
  name: l('Quick account plan', 'Beknopt accountplan'),
  description: l('A one-screen plan for accounts outside the key list.', 'Een plan van één scherm voor klanten buiten de key-accountlijst.'),
  rows: [
    { kind: 'section', title: l('Account', 'Klant') },
    ...FACTS,
    { kind: 'field', key: 'stage', label: l('Relationship stage', 'Fase van de relatie'), input: 'choice', choices: STAGES },
    { kind: 'section', title: l('Goals', 'Doelen') },
    {
      kind: 'table',
      key: 'goals',
      rows: 3,
      columns: [
        { key: 'goal', label: l('Goal', 'Doel'), input: 'text' },
        { key: 'measure', label: l('Measure', 'Maatstaf'), input: 'text' },
        { key: 'by', label: l('By', 'Uiterlijk'), input: 'date' },
      ],
    },
    { kind: 'section', title: l('90-day actions', 'Acties voor 90 dagen') },
    ACTIONS(5),
    ...REVIEWS,
    { kind: 'section', title: l('Review log', 'Evaluatielogboek') },
    REVIEW_LOG(4),
  ],
};
