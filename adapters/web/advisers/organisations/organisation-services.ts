import type pg from 'pg';
import { invalidRequest } from '../../../../src/errors.js';
import type { MemberMessenger } from '../../../../src/organisations/member-messenger.js';
import type { TeamPlan, TeamPlanSettings } from '../../../../src/organisations/team-plan.js';
import type { Organisation } from '../../../../src/organisations/organisation.js';
import type { RecommendWithFiltersRequest } from '../../../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../../../src/retrieval/recommender.js';
import { drawTeamPlan } from '../../../storage/draw-team-plan.js';

/**
 * What the organisation routes need beyond the HTTP context: push delivery (absent = assignments are
 * stored and shown to HR but not sent) and the team plan's settings.
 */
export type OrganisationServices = {
  messenger?: ((pool: pg.Pool) => MemberMessenger) | undefined;
  teamPlan?: Partial<TeamPlanSettings> | undefined;
};

export async function teamPlanFor(options: {
  pool: pg.Pool;
  organisation: Organisation;
  search: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> } | undefined;
  settings?: Partial<TeamPlanSettings> | undefined;
}): Promise<TeamPlan> {
  if (!options.search)
    throw invalidRequest({
      message: 'Team plans need search, which is not available on this server (no retrieval service was started).',
    });
  return drawTeamPlan({
    pool: options.pool,
    organisation: options.organisation,
    search: options.search,
    settings: options.settings,
  });
}
