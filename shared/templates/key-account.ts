// The "Key account plan": everything DOMAIN.md section 2 says a key-account plan holds, plus the
// sales-plan checklist of section 3. Data only; the wording is ours.
import { ATTITUDES, HORIZONS, ROLES, STAGES, STATUSES, YES_NO, YES_NO_UNSURE } from './lists';
import { Field, Localized, Section, Table, Template } from './model';

const l = (en: string, nl: string): Localized => ({ en, nl });
const section = (en: string, nl: string, note?: Localized): Section => ({ kind: 'section', title: l(en, nl), note });

/** Account facts shared by both templates: name, tier, category, revenue, target, owner, start. */
export const FACTS: Field[] = [
  { kind: 'field', key: 'account', label: l('Account', 'Klant'), computed: 'account' },
  { kind: 'field', key: 'tier', label: l('Tier', 'Klasse'), computed: 'tier' },
  { kind: 'field', key: 'category', label: l('Category', 'Categorie'), computed: 'category' },
  { kind: 'field', key: 'as_of', label: l('Revenue measured up to', 'Omzet gemeten tot en met'), computed: 'asOf' },
  { kind: 'field', key: 'revenue_12m', label: l('Revenue, last 12 months', 'Omzet, laatste 12 maanden'), computed: 'revenue12', format: 'money' },
  { kind: 'field', key: 'target', label: l('Target this year', 'Doel dit jaar'), input: 'money' },
  { kind: 'field', key: 'actual', label: l('Revenue this year, to that date', 'Omzet dit jaar, tot die datum'), computed: 'actualYear', format: 'money' },
  { kind: 'field', key: 'owner', label: l('Account owner', 'Accountmanager'), computed: 'owner' },
  { kind: 'field', key: 'plan_start', label: l('Plan start', 'Start van het plan'), computed: 'planStart' },
];

/** The 90-30 plan: three reviews 30 days apart, from the plan start. */
export const REVIEWS: Field[] = [1, 2, 3].map((k) => ({
  kind: 'field' as const,
  key: `review_${k}`,
  label: l(`Review ${k} (day ${k * 30})`, `Evaluatie ${k} (dag ${k * 30})`),
  formula: `={field:plan_start}+${k * 30}`,
  format: 'date' as const,
}));

export const ACTIONS = (rows: number): Table => ({
  kind: 'table',
  key: 'actions',
  rows,
  columns: [
    { key: 'action', label: l('Action', 'Actie'), input: 'text' },
    { key: 'action_owner', label: l('Owner', 'Eigenaar'), input: 'text' },
    { key: 'due', label: l('Due date', 'Deadline'), input: 'date' },
    { key: 'status', label: l('Status', 'Status'), input: 'choice', choices: STATUSES },
  ],
});

export const REVIEW_LOG = (rows: number): Table => ({
  kind: 'table',
  key: 'reviewLog',
  rows,
  columns: [
    { key: 'date', label: l('Review date', 'Evaluatiedatum'), input: 'date' },
    { key: 'changed', label: l('What changed, what we do next', 'Wat is veranderd, wat doen we nu'), input: 'longtext' },
  ],
});

const STAGE: Field = { kind: 'field', key: 'stage', label: l('Relationship stage', 'Fase van de relatie'), input: 'choice', choices: STAGES };

export const KEY_ACCOUNT_PLAN: Template = {
  id: 'key',
  name: l('Key account plan', 'Key-accountplan'),
  description: l(
    'The full plan for a key account: facts, stakeholders, relationship, SWOT, opportunities, goals, the 90-day actions and the reviews.',
    'Het volledige plan voor een key account: feiten, stakeholders, relatie, SWOT, kansen, doelen, de acties voor 90 dagen en de evaluaties.',
  ),
  rows: [
    section('Account facts', 'Klantgegevens', l('Revenue, tier and category come from the revenue table, measured up to the date below (change it if you like).', 'Omzet, klasse en categorie komen uit de omzettabel, gemeten tot de datum hieronder (pas die gerust aan).')),
    ...FACTS.slice(0, 5),
    { kind: 'field', key: 'revenue_prior', label: l('Revenue, the 12 months before', 'Omzet, de 12 maanden daarvoor'), computed: 'revenuePrior12', format: 'money' },
    ...FACTS.slice(5),
    { kind: 'field', key: 'team', label: l('Account team', 'Accountteam'), input: 'text' },
    { kind: 'field', key: 'sponsor_ours', label: l('Our executive sponsor', 'Onze sponsor in de directie'), input: 'text' },
    { kind: 'field', key: 'sponsor_theirs', label: l('Their executive sponsor', 'Hun sponsor in de directie'), input: 'text' },
    { kind: 'field', key: 'escalation', label: l('Escalation path', 'Escalatiepad'), input: 'text' },

    section('Relationship', 'Relatie'),
    STAGE,

    section('Stakeholders', 'Stakeholders', l('Sell higher and wider: people at several levels, and how strong each relationship is.', 'Verkoop hoger en breder: mensen op meerdere niveaus, en hoe sterk elke relatie is.')),
    {
      kind: 'table',
      key: 'stakeholders',
      rows: 8,
      columns: [
        { key: 'name', label: l('Name', 'Naam'), input: 'text' },
        { key: 'title', label: l('Title', 'Functie'), input: 'text' },
        { key: 'role', label: l('Role', 'Rol'), input: 'choice', choices: ROLES },
        { key: 'influence', label: l('Influence 1–5', 'Invloed 1–5'), input: 'rating' },
        { key: 'attitude', label: l('Attitude', 'Houding'), input: 'choice', choices: ATTITUDES },
        { key: 'strength', label: l('Relationship 1–5', 'Relatie 1–5'), input: 'rating' },
        { key: 'last_contact', label: l('Last contact', 'Laatste contact'), input: 'date' },
      ],
    },

    section('Seven conditions for successful selling', 'Zeven voorwaarden voor succesvol verkopen', l('Rate each from 1 (weak) to 5 (strong).', 'Geef elk een cijfer van 1 (zwak) tot 5 (sterk).')),
    {
      kind: 'table',
      key: 'conditions',
      rows: 7,
      preset: [
        l('Regular contact at several levels', 'Regelmatig contact op meerdere niveaus'),
        l('The customer trusts our quality and our promises', 'De klant vertrouwt op onze kwaliteit en afspraken'),
        l('Decision makers and influencers think of us first', 'Beslissers en beïnvloeders denken eerst aan ons'),
        l('The customer knows our range and what it is worth', 'De klant kent ons aanbod en wat het waard is'),
        l('Doing business is quick, with clear agreements', 'Zakendoen gaat snel, met heldere afspraken'),
        l('We are seen as a strategic sparring partner', 'We worden gezien als strategische sparringpartner'),
        l('The customer wants us to win', 'De klant wil dat wij winnen'),
      ],
      columns: [
        { key: 'condition', label: l('Condition', 'Voorwaarde') },
        { key: 'rating', label: l('Rating 1–5', 'Cijfer 1–5'), input: 'rating' },
        { key: 'notes', label: l('Notes', 'Toelichting'), input: 'text' },
      ],
    },

    section('SWOT', 'SWOT', l('Name the soft side too: trust, openness, honesty.', 'Benoem ook de zachte kant: vertrouwen, openheid, eerlijkheid.')),
    { kind: 'field', key: 'strengths', label: l('Strengths', 'Sterktes'), input: 'longtext' },
    { kind: 'field', key: 'weaknesses', label: l('Weaknesses', 'Zwaktes'), input: 'longtext' },
    { kind: 'field', key: 'opportunities_swot', label: l('Opportunities', 'Kansen'), input: 'longtext' },
    { kind: 'field', key: 'threats', label: l('Threats', 'Bedreigingen'), input: 'longtext' },
    { kind: 'field', key: 'trust', label: l('Trust and openness', 'Vertrouwen en openheid'), input: 'longtext' },
    { kind: 'field', key: 'expectations', label: l('What the customer expects of us (ask them)', 'Wat de klant van ons verwacht (vraag het)'), input: 'longtext' },

    section('Opportunities', 'Kansen', l('For each: does it really serve the customer\'s need? A deal that only serves our target is a bad deal.', 'Bij elke kans: dient die echt de behoefte van de klant? Een order die alleen ons doel dient, is een slechte order.')),
    {
      kind: 'table',
      key: 'opportunities',
      rows: 6,
      columns: [
        { key: 'horizon', label: l('Term', 'Termijn'), input: 'choice', choices: HORIZONS },
        { key: 'opportunity', label: l('Opportunity', 'Kans'), input: 'text' },
        { key: 'value', label: l('Value', 'Waarde'), input: 'money' },
        { key: 'probability', label: l('Probability', 'Kans op succes'), input: 'percent' },
        { key: 'weighted', label: l('Weighted value', 'Gewogen waarde'), formula: '=IF(OR({col:value}="",{col:probability}=""),"",{col:value}*{col:probability})', format: 'money' },
        { key: 'close', label: l('Expected close', 'Verwachte afsluiting'), input: 'date' },
        { key: 'serves_need', label: l('Serves their need?', 'Dient hun behoefte?'), input: 'choice', choices: YES_NO_UNSURE },
      ],
    },

    section('Goals', 'Doelen', l('Revenue per quarter, the four quarters from the plan start; actual comes from the revenue table, up to the measuring date.', 'Omzet per kwartaal, de vier kwartalen vanaf de start; de realisatie komt uit de omzettabel, tot de meetdatum.')),
    {
      kind: 'table',
      key: 'quarters',
      rows: 4,
      columns: [
        // The quarter the plan starts in and the three after it (DATE carries month 13 into the next year).
        { key: 'quarter', label: l('Quarter', 'Kwartaal'), formula: '="Q"&(INT((MONTH({col:from})-1)/3)+1)&" "&YEAR({col:from})' },
        { key: 'from', label: l('From', 'Van'), formula: '=DATE(YEAR({field:plan_start}),INT((MONTH({field:plan_start})-1)/3)*3+{n}*3-2,1)', format: 'date' },
        { key: 'to', label: l('To', 'Tot en met'), formula: '=DATE(YEAR({col:from}),MONTH({col:from})+3,1)-1', format: 'date' },
        { key: 'q_target', label: l('Target', 'Doel'), input: 'money' },
        { key: 'q_actual', label: l('Actual', 'Realisatie'), computed: 'quarterActual', format: 'money' },
        { key: 'q_gap', label: l('Gap', 'Verschil'), formula: '=IF({col:q_target}="","",{col:q_target}-N({col:q_actual}))', format: 'money' },
        { key: 'q_attainment', label: l('Attainment', 'Behaald'), formula: '=IF(OR(N({col:q_target})=0,{col:q_actual}=""),"",N({col:q_actual})/{col:q_target})', format: 'percent' },
      ],
    },
    {
      kind: 'table',
      key: 'qualitative',
      rows: 3,
      columns: [
        { key: 'goal', label: l('Qualitative goal', 'Kwalitatief doel'), input: 'text' },
        { key: 'measure', label: l('How we know we got there', 'Waaraan we zien dat het gelukt is'), input: 'text' },
        { key: 'by', label: l('By', 'Uiterlijk'), input: 'date' },
      ],
    },

    section('90-day action plan', 'Actieplan voor 90 dagen', l('Reviewed every 30 days; ideally written with the customer.', 'Elke 30 dagen geëvalueerd; bij voorkeur samen met de klant opgesteld.')),
    ACTIONS(10),
    ...REVIEWS,

    section('Sales plan checklist', 'Checklist verkoopplan', l('Manager and account manager agree on each point.', 'Manager en accountmanager zijn het over elk punt eens.')),
    {
      kind: 'table',
      key: 'checklist',
      rows: 10,
      preset: [
        l('We know which products and services come first (by profit contribution)', 'We weten welke producten en diensten voorgaan (naar winstbijdrage)'),
        l('We know which customer groups come first', 'We weten welke klantgroepen voorgaan'),
        l('Targets say how much of what to sell, and how to split the time', 'Doelen zeggen hoeveel van wat, en hoe de tijd te verdelen'),
        l('The allowed cost of sales is agreed (own budget, sales support)', 'De toegestane verkoopkosten zijn afgesproken (eigen budget, ondersteuning)'),
        l('The target is split per quarter, month and week, with seasons and events', 'Het doel is verdeeld per kwartaal, maand en week, met seizoenen en acties'),
        l('We know the activities the target needs', 'We kennen de activiteiten die het doel vraagt'),
        l('We know how many new and existing customers to approach', 'We weten hoeveel nieuwe en bestaande klanten we benaderen'),
        l('The account manager\'s development is agreed', 'De ontwikkeling van de accountmanager is afgesproken'),
        l('We know how progress is monitored, by both', 'We weten hoe beiden de voortgang volgen'),
        l('The review dates are in the calendar', 'De evaluatiedata staan in de agenda'),
      ],
      columns: [
        { key: 'question', label: l('Question', 'Vraag') },
        { key: 'answer', label: l('Answer', 'Antwoord'), input: 'choice', choices: YES_NO },
        { key: 'check_notes', label: l('Notes', 'Toelichting'), input: 'text' },
      ],
    },

    section('Review log', 'Evaluatielogboek', l('One line per review: the overview counts the days since the last one.', 'Eén regel per evaluatie: het overzicht telt de dagen sinds de laatste.')),
    REVIEW_LOG(8),

    {
      kind: 'whitespace',
      title: l('Whitespace: what they do not buy from us yet', 'Witte vlekken: wat ze nog niet bij ons kopen'),
      note: l(
        'Revenue per product group up to the measuring date. Where they buy nothing: how many other planned accounts do (see the Whitespace sheet). Add the competitor and the potential.',
        'Omzet per productgroep tot de meetdatum. Waar ze niets kopen: hoeveel andere klanten met een plan dat wel doen (zie het blad Witte vlekken). Vul de concurrent en het potentieel in.',
      ),
      columns: [
        { key: 'group', label: l('Product group', 'Productgroep') },
        { key: 'group_12m', label: l('Last 12 months', 'Laatste 12 maanden'), computed: 'groupRevenue12', format: 'money' },
        { key: 'group_prior', label: l('12 months before', '12 maanden daarvoor'), computed: 'groupRevenuePrior12', format: 'money' },
        { key: 'group_others', label: l('Other accounts buying it', 'Andere klanten die het kopen'), computed: 'groupOthers' },
        { key: 'competitor', label: l('Who supplies it now', 'Wie levert het nu'), input: 'text' },
        { key: 'potential', label: l('Potential per year', 'Potentieel per jaar'), input: 'money' },
        { key: 'next_step', label: l('Next step', 'Volgende stap'), input: 'text' },
      ],
    },
  ],
};
