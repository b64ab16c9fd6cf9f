import type pg from 'pg';
import type { Organisation } from '../../src/organisations/organisation.js';
import { buildTeamPlan, type TeamPlan, type TeamPlanSettings } from '../../src/organisations/team-plan.js';
import type { RecommendWithFiltersRequest } from '../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../src/retrieval/recommender.js';
import { recordTeamPlanGaps } from './analytics/skill-gap-demand.js';
import { teamPlanSources } from './team-plan-sources.js';

/**
 * An organisation's team plan as the workspace, the chat and the CLI draw it: built on this database and
 * search, and its gaps kept as the organisation's latest (analytics/skill-gap-demand.ts) so they count as
 * demand.
 */
export async function drawTeamPlan(options: {
  pool: pg.Pool;
  organisation: Organisation;
  search: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> };
  settings?: Partial<TeamPlanSettings> | undefined;
}): Promise<TeamPlan> {
  const plan = await buildTeamPlan({
    organisation: options.organisation,
    sources: teamPlanSources({ pool: options.pool, search: options.search }),
    settings: options.settings,
  });
  await recordTeamPlanGaps(options.pool, plan);
  return plan;
}
