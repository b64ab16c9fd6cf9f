import type pg from 'pg';
import type { SkillGapDemand } from '../../../src/demand/demand-figures.js';
import type { TeamPlan } from '../../../src/organisations/team-plan.js';
import { suppressCounts } from '../../../src/privacy/demand-suppression.js';
import { inTransaction } from '../transaction.js';

/**
 * Team-plan gaps as demand: each organisation's latest plan leaves its gaps here (replaced whenever the plan
 * is drawn), beside the gaps learners' chat answers named (conversation-skill-gaps.ts), and they are read only
 * as counts across organisations and learners — by skill, and by skill within a county, an industry (SN2007
 * division) or both. A count under `minimumOrganisations` (default 3) is not shown, nor one a shown total would
 * give away, so no row points at one business or one learner. `people` is the headcount of the roles with the
 * gap: what a provider would fill a course with.
 */

export async function recordTeamPlanGaps(pool: pg.Pool, plan: TeamPlan): Promise<void> {
  const rows = plan.roles.flatMap((role) =>
    role.gaps.map((gap) => ({
      styrkCode: role.styrkCode,
      skillId: gap.id,
      skillLabel: gap.label,
      headcount: role.headcount,
    })),
  );
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM team_plan_gap WHERE organisation_id = $1', [plan.organisation.id]);
    if (rows.length) {
      await client.query(
        `INSERT INTO team_plan_gap (organisation_id, styrk_code, skill_id, skill_label, headcount)
         SELECT $1, styrk_code, skill_id, skill_label, headcount
           FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS gap(styrk_code, skill_id, skill_label, headcount)
         ON CONFLICT DO NOTHING`,
        [
          plan.organisation.id,
          rows.map((row) => row.styrkCode),
          rows.map((row) => row.skillId),
          rows.map((row) => row.skillLabel),
          rows.map((row) => row.headcount),
        ],
      );
    }
  });
}

/**
 * One group: a skill over all organisations and learners (county and industry null), or within a county
 * and/or an industry. Each count is null when suppressed: fewer than the minimum, or hidden so that a total
 * minus the parts shown cannot point at a small group (src/privacy/demand-suppression.ts). `people` follows
 * `organisations`; `learners` counts learners whose chat answer named the gap.
 */
type Cell = Omit<SkillGapDemand, 'organisations' | 'people' | 'learners'> & {
  organisations: number;
  people: number;
  learners: number;
};

export async function skillGapDemand(
  pool: pg.Pool,
  options: { from?: Date; to?: Date; minimumOrganisations?: number; limit?: number } = {},
): Promise<SkillGapDemand[]> {
  const minimum = Math.max(options.minimumOrganisations ?? 3, 1);
  // Every cell, small ones too: suppression needs the true counts to know what a total would give away.
  const { rows } = await pool.query<Cell>(
    `WITH gaps AS (
       SELECT 'organisation' AS source, g.organisation_id AS source_id, g.skill_id, g.skill_label, g.headcount,
              o.county, nullif(split_part(coalesce(o.industry_code, ''), '.', 1), '') AS division
         FROM team_plan_gap g JOIN organisation o ON o.id = g.organisation_id
        WHERE ($1::timestamptz IS NULL OR g.recorded_at >= $1) AND ($2::timestamptz IS NULL OR g.recorded_at < $2)
       UNION ALL
       SELECT 'learner', c.learner_id, c.skill_id, c.skill_label, 0,
              c.county, nullif(split_part(coalesce(c.industry_code, ''), '.', 1), '')
         FROM conversation_skill_gap c
        WHERE ($1::timestamptz IS NULL OR c.recorded_at >= $1) AND ($2::timestamptz IS NULL OR c.recorded_at < $2)),
     grouped AS (
       SELECT skill_id, min(skill_label) AS skill, county, division,
              count(DISTINCT source_id) FILTER (WHERE source = 'organisation')::int AS organisations,
              coalesce(sum(headcount) FILTER (WHERE source = 'organisation'), 0)::int AS people,
              count(DISTINCT source_id) FILTER (WHERE source = 'learner')::int AS learners,
              GROUPING(county) AS all_counties, GROUPING(division) AS all_industries
         FROM gaps
        GROUP BY GROUPING SETS ((skill_id), (skill_id, county), (skill_id, division), (skill_id, county, division)))
     SELECT skill_id AS "skillId", skill, county, division AS "industryCode",
            (SELECT label FROM taxonomy_concept WHERE id = 'sn2007:' || division) AS industry,
            organisations, people, learners
       FROM grouped
      -- a county or industry the organisations and learners did not give is not a group of its own
      WHERE (all_counties = 1 OR county IS NOT NULL) AND (all_industries = 1 OR division IS NOT NULL)`,
    [options.from ?? null, options.to ?? null],
  );
  const organisations = suppressCounts({ cells: rows, count: (cell) => cell.organisations, minimum });
  const learners = suppressCounts({ cells: rows, count: (cell) => cell.learners, minimum });
  return rows
    .map((cell) => {
      const shownOrganisations = organisations.get(cell) ?? null;
      return {
        ...cell,
        organisations: shownOrganisations,
        people: shownOrganisations === null ? null : cell.people,
        learners: learners.get(cell) ?? null,
      };
    })
    .filter((row) => row.organisations !== null || row.learners !== null)
    .sort(
      (left, right) =>
        (right.organisations ?? 0) + (right.learners ?? 0) - ((left.organisations ?? 0) + (left.learners ?? 0)) ||
        (right.people ?? 0) - (left.people ?? 0) ||
        left.skill.localeCompare(right.skill) ||
        (left.county ?? '').localeCompare(right.county ?? '') ||
        (left.industryCode ?? '').localeCompare(right.industryCode ?? ''),
    )
    .slice(0, options.limit ?? 500);
}
