// The choice lists of the plan templates (dropdowns), in English and Dutch. Wording is ours; the
// facts (six relationship stages, stakeholder roles) come from the account-planning texts.
import { Choices, Localized } from './model';

const l = (en: string, nl: string): Localized => ({ en, nl });

export const STAGES: Choices = {
  id: 'stage',
  options: [
    l('1 Make contact', '1 Contact leggen'),
    l('2 Raise interest', '2 Interesse wekken'),
    l('3 First sale', '3 Eerste verkoop'),
    l('4 Trusted supplier', '4 Vertrouwde leverancier'),
    l('5 Strategic partner', '5 Strategische partner'),
    l('6 Secure the relationship', '6 Relatie veiligstellen'),
  ],
};

export const ROLES: Choices = {
  id: 'role',
  options: [l('Decision maker', 'Beslisser'), l('Executive sponsor', 'Sponsor in de directie'), l('Influencer', 'Beïnvloeder'), l('User', 'Gebruiker'), l('Champion', 'Pleitbezorger'), l('Blocker', 'Tegenhouder')],
};

/** The roles the plan's health score looks for among the stakeholders, in either language. */
export const DECISION_MAKER = [ROLES.options[0].en, ROLES.options[0].nl];
export const EXECUTIVE_SPONSOR = [ROLES.options[1].en, ROLES.options[1].nl];

export const ATTITUDES: Choices = {
  id: 'attitude',
  options: [l('Advocate', 'Ambassadeur'), l('Supportive', 'Positief'), l('Neutral', 'Neutraal'), l('Critical', 'Kritisch'), l('Hostile', 'Vijandig')],
};

export const HORIZONS: Choices = {
  id: 'horizon',
  options: [l('Short term', 'Korte termijn'), l('Medium term', 'Middellange termijn'), l('Long term', 'Lange termijn')],
};

export const YES_NO_UNSURE: Choices = { id: 'yesNoUnsure', options: [l('Yes', 'Ja'), l('No', 'Nee'), l('Unsure', 'Twijfel')] };
/** "Does this serve their need?" answered: yes or no (unsure is not an answer yet), in either language. */
export const NEED_ANSWERED = YES_NO_UNSURE.options.slice(0, 2).flatMap((o) => [o.en, o.nl]);
export const YES_NO: Choices = { id: 'yesNo', options: [l('Yes', 'Ja'), l('No', 'Nee')] };

export const STATUSES: Choices = {
  id: 'status',
  options: [l('Not started', 'Niet begonnen'), l('In progress', 'Bezig'), l('Done', 'Gereed'), l('Blocked', 'Geblokkeerd')],
};

/** An action counts as open unless its status is the "done" option, in either language. */
export const DONE_STATUSES = [STATUSES.options[2].en, STATUSES.options[2].nl];
