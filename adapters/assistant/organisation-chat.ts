import type { Configuration } from '../configuration.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { createOrganisationExtension } from '../../src/organisations/organisation-extension.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { assignmentStore, recordMandatoryCompleted } from '../storage/assignment-store.js';
import type { Database } from '../storage/database.js';
import { drawTeamPlan } from '../storage/draw-team-plan.js';
import { createOrganisation, getOrganisation } from '../storage/organisation-store.js';
import { organisationInviteStore } from '../storage/organisation-invite-store.js';
import { findIndustries, organisationSetupStore } from '../storage/organisation-setup-store.js';
import { loadOccupationConcepts } from '../storage/taxonomy-store.js';

/**
 * The organisations extension on the database: the set-up draft, SN2007 search, STYRK-08 job titles (the
 * same occupation lookup the interview uses, built once from the taxonomy tables), assignments and the team
 * plan through the served recommender.
 */
export async function createOrganisationChat(services: {
  database: Database;
  recommender: Recommender;
  configuration?: Pick<Configuration, 'organisations'>;
}): Promise<DialogueExtension> {
  const { pool } = services.database;
  const lookup = createOccupationLookup(await loadOccupationConcepts(pool));
  return createOrganisationExtension({
    setups: organisationSetupStore(pool),
    organisations: {
      async numberTaken(organisationNumber) {
        const { rowCount } = await pool.query('SELECT 1 FROM organisation WHERE organisation_number = $1', [
          organisationNumber,
        ]);
        return Boolean(rowCount);
      },
      create: ({ input, ownerLearnerId }) => createOrganisation(pool, { input, owner: { learnerId: ownerLearnerId } }),
      async ownedBy(learnerId) {
        const { rows } = await pool.query<{ id: string }>(
          'SELECT id FROM organisation WHERE owner_learner_id = $1 ORDER BY created_at DESC LIMIT 1',
          [learnerId],
        );
        return rows[0] ? getOrganisation(pool, rows[0].id) : undefined;
      },
    },
    findIndustries: (text) => findIndustries(pool, text),
    findOccupation(text) {
      const [best] = lookup.find(text, { limit: 1 });
      return best ? { code: best.code, label: best.label } : undefined;
    },
    assignments: assignmentStore(pool),
    invites: organisationInviteStore(pool),
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
