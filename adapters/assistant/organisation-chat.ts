import type { Configuration } from '../configuration.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { createOrganisationExtension } from '../../src/organisations/organisation-extension.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import type { OccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { createAssignmentStore, recordMandatoryCompleted } from '../storage/assignment-store.js';
import type { Database } from '../storage/database.js';
import { drawTeamPlan } from '../storage/draw-team-plan.js';
import { createOrganisationStore } from '../storage/organisation-store.js';
import { createOrganisationInviteStore } from '../storage/organisation-invite-store.js';
import { findIndustries, createOrganisationSetupStore } from '../storage/organisation-setup-store.js';

/**
 * The organisations extension on the database: the set-up draft, SN2007 search, STYRK-08 job titles (the
 * same occupation lookup the interview uses, built once from the taxonomy tables), assignments and the team
 * plan through the served recommender.
 */
export async function createOrganisationChat(services: {
  database: Database;
  recommender: Recommender;
  occupations: OccupationLookup;
  configuration?: Pick<Configuration, 'organisations'>;
}): Promise<DialogueExtension> {
  const { pool } = services.database;
  return createOrganisationExtension({
    setups: createOrganisationSetupStore({ pool }),
    organisations: createOrganisationStore({ pool }),
    findIndustries: (text) => findIndustries(pool, text),
    findOccupation: (text) => services.occupations.findOccupation(text),
    assignments: createAssignmentStore({ pool }),
    invites: createOrganisationInviteStore({ pool }),
    recordMandatoryCompleted: (options) => recordMandatoryCompleted(pool, options),
    teamPlan: (organisation) =>
      drawTeamPlan({
        pool,
        organisation,
        search: services.recommender,
        settings: services.configuration ? { smallBudgetNok: services.configuration.organisations.smallBudgetNok } : {},
      }),
  });
}
