import { numberSetting } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/** Organisations (docs/organisations.md). */
export const organisationSettings = settingsSection(
  {
    VEILEDER_MANDATORY_REMINDER_DAYS: numberSetting({
      fallback: 30,
      mustBe: 'must be a number of days, e.g. 30',
      above: 0,
    }).describe('a member missing a mandatory course is reminded at most once per this many days'),
    VEILEDER_TEAM_PLAN_SMALL_BUDGET_NOK: numberSetting({
      fallback: 5000,
      mustBe: 'must be an amount in NOK per person per year, e.g. 5000',
      atLeast: 0,
    }).describe('below this learning budget per person a team plan puts free offerings first'),
  },
  (env) => ({
    /** How often a missing mandatory course is reminded. */
    mandatoryReminderDays: env.VEILEDER_MANDATORY_REMINDER_DAYS,
    /** Below this budget per person team plans put free offerings first. */
    smallBudgetNok: env.VEILEDER_TEAM_PLAN_SMALL_BUDGET_NOK,
  }),
);
