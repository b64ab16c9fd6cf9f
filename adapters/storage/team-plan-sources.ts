import type pg from 'pg';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import type { RecommendWithFiltersRequest } from '../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../src/retrieval/recommender.js';
import type { RoleSkills, TeamPlanSources } from '../../src/organisations/team-plan.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { listOfferings } from './offering-reader.js';
import type { OfferingConceptRow, TaxonomyConceptRow } from './rows.generated.js';

/**
 * The team plan's sources on PostgreSQL and the running retrieval: STYRK-08 group → ESCO occupations
 * (`broader` relations written by the taxonomy import) → their `essential_skill` relations, counted per
 * skill; offerings linked to skill concepts in offering_concept; search through the one recommender.
 */

export function teamPlanSources(options: {
  pool: pg.Pool;
  search: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> };
}): TeamPlanSources {
  const { pool } = options;
  return {
    async skillsForOccupationGroup(styrkCode: string): Promise<RoleSkills> {
      const styrkId = `styrk08:${styrkCode}`;
      const label = await pool.query<Pick<TaxonomyConceptRow, 'label'>>(
        'SELECT label FROM taxonomy_concept WHERE id = $1',
        [styrkId],
      );
      const occupations = await pool.query<Pick<TaxonomyConceptRow, 'id' | 'label'>>(
        `SELECT o.id, o.label FROM concept_relation r JOIN taxonomy_concept o ON o.id = r.from_id
          WHERE r.kind = 'broader' AND r.to_id = $1 AND o.scheme = 'esco_occupation' ORDER BY o.label`,
        [styrkId],
      );
      const skills = await pool.query<{ id: string; label: string; altLabels: string[] | null; occupations: number }>(
        `SELECT s.id, s.label, s.alt_labels AS "altLabels", count(DISTINCT r.from_id)::int AS occupations
           FROM concept_relation r JOIN taxonomy_concept s ON s.id = r.to_id
          WHERE r.kind = 'essential_skill' AND r.from_id = ANY($1::text[])
          GROUP BY s.id, s.label, s.alt_labels`,
        [occupations.rows.map((row) => row.id)],
      );
      return {
        styrkLabel: label.rows[0]?.label ?? null,
        occupations: occupations.rows,
        skills: skills.rows.map((skill) => ({ ...skill, altLabels: skill.altLabels ?? [] })),
      };
    },
    search: ({ query, limit }) => options.search.recommend({ profile: emptyProfile(), message: query, limit }),
    async offeringsLinkedToSkills(skillIds: string[]): Promise<Map<string, CatalogueOffering[]>> {
      const result = new Map<string, CatalogueOffering[]>();
      if (!skillIds.length) return result;
      const { rows } = await pool.query<Pick<OfferingConceptRow, 'concept_id' | 'offering_id'>>(
        'SELECT concept_id, offering_id FROM offering_concept WHERE concept_id = ANY($1::text[]) ORDER BY weight DESC',
        [skillIds],
      );
      if (!rows.length) return result;
      const offerings = new Map(
        (await listOfferings(pool, { ids: [...new Set(rows.map((row) => row.offering_id))] })).map((offering) => [
          offering.id,
          offering,
        ]),
      );
      for (const row of rows) {
        const offering = offerings.get(row.offering_id);
        if (offering) result.set(row.concept_id, [...(result.get(row.concept_id) ?? []), offering]);
      }
      return result;
    },
  };
}
