import type pg from 'pg';
import type { TeamPlan } from '../../../src/organisations/team-plan.js';
import { inTransaction } from '../transaction.js';

/**
 * Team-plan gaps as demand: each organisation's latest plan leaves its gaps here (replaced whenever the plan
 * is drawn), and they are read only as counts across organisations — by skill, and by skill within a county,
 * an industry (SN2007 division) or both. A group of fewer than `minimumOrganisations` (default 3)
 * organisations is left out, so no row points at one business. `people` is the headcount of the roles with
 * the gap: what a provider would fill a course with.
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

/** One group: a skill over all organisations (county and industry null), or within a county and/or an industry. */
export type SkillGapDemand = {
  skillId: string;
  skill: string;
  county: string | null;
  industryCode: string | null;
  industry: string | null;
  organisations: number;
  people: number;
};

export async function skillGapDemand(
  pool: pg.Pool,
  options: { from?: Date; to?: Date; minimumOrganisations?: number; limit?: number } = {},
): Promise<SkillGapDemand[]> {
  const minimum = Math.max(options.minimumOrganisations ?? 3, 1);
  const { rows } = await pool.query<SkillGapDemand>(
    `WITH gaps AS (
       SELECT g.organisation_id, g.skill_id, g.skill_label, g.headcount, o.county,
              nullif(split_part(coalesce(o.industry_code, ''), '.', 1), '') AS division
         FROM team_plan_gap g JOIN organisation o ON o.id = g.organisation_id
        WHERE ($1::timestamptz IS NULL OR g.recorded_at >= $1) AND ($2::timestamptz IS NULL OR g.recorded_at < $2)),
     grouped AS (
       SELECT skill_id, min(skill_label) AS skill, county, division,
              count(DISTINCT organisation_id)::int AS organisations, sum(headcount)::int AS people,
              GROUPING(county) AS all_counties, GROUPING(division) AS all_industries
         FROM gaps
        GROUP BY GROUPING SETS ((skill_id), (skill_id, county), (skill_id, division), (skill_id, county, division)))
     SELECT skill_id AS "skillId", skill, county, division AS "industryCode",
            (SELECT label FROM taxonomy_concept WHERE id = 'sn2007:' || division) AS industry, organisations, people
       FROM grouped
      -- a county or industry the organisations did not give is not a group of its own
      WHERE organisations >= $3 AND (all_counties = 1 OR county IS NOT NULL) AND (all_industries = 1 OR division IS NOT NULL)
      ORDER BY organisations DESC, people DESC, skill, county NULLS FIRST, division NULLS FIRST
      LIMIT $4`,
    [options.from ?? null, options.to ?? null, minimum, options.limit ?? 500],
  );
  return rows;
}
