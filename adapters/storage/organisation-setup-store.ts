import type pg from 'pg';
import { z } from 'zod';
import type { OrganisationChatPorts, SetupStep } from '../../src/organisations/organisation-extension.js';
import type { OrganisationSetupRow, TaxonomyConceptRow } from './rows.generated.js';

/** The unfinished chat set-up of an organisation, one row per learner (organisation_setup; gone with the learner; stale after a day). */

const steps = ['name', 'number', 'industry', 'roles'] as const satisfies readonly SetupStep[];
const draftSchema = z.object({
  name: z.string().optional(),
  organisationNumber: z.string().optional(),
  industryCode: z.string().optional(),
});

// A set-up left for a day is forgotten, so a learner who walked away is not caught in it weeks later.
const unfinished = `updated_at > CURRENT_TIMESTAMP - INTERVAL '1 day'`;

/** Whether `learner` (an SQL expression) has a set-up under way, asked in the turn's first statement. */
export const setupWaiting = (learner: string) =>
  `EXISTS (SELECT 1 FROM organisation_setup WHERE learner_id = ${learner} AND ${unfinished})`;

export function createOrganisationSetupStore(options: { pool: pg.Pool }): OrganisationChatPorts['setups'] {
  const { pool } = options;
  return {
    async get(learnerId) {
      const { rows } = await pool.query<Pick<OrganisationSetupRow, 'step' | 'draft'>>(
        `SELECT step, draft FROM organisation_setup WHERE learner_id = $1 AND ${unfinished}`,
        [learnerId],
      );
      const row = rows[0];
      const step = steps.find((known) => known === row?.step);
      const draft = draftSchema.safeParse(row?.draft);
      return row && step && draft.success ? { step, draft: draft.data } : undefined;
    },
    async save({ learnerId, step, draft }) {
      await pool.query(
        `INSERT INTO organisation_setup (learner_id, step, draft, updated_at) VALUES ($1, $2, $3, CURRENT_TIMESTAMP)
         ON CONFLICT (learner_id) DO UPDATE SET step = excluded.step, draft = excluded.draft, updated_at = excluded.updated_at`,
        [learnerId, step, JSON.stringify(draft)],
      );
    },
    async clear(learnerId) {
      await pool.query('DELETE FROM organisation_setup WHERE learner_id = $1', [learnerId]);
    },
  };
}

/** SN2007 codes named by a code ("41.200", "41.2") or a word in their Norwegian label ("bygg"), most specific first. */
export async function findIndustries(pool: pg.Pool, text: string): Promise<{ code: string; label: string }[]> {
  const query = text.trim();
  if (!query) return [];
  if (/^\d{2}(\.\d{1,3})?$/.test(query)) {
    const { rows } = await pool.query<Pick<TaxonomyConceptRow, 'code' | 'label'>>(
      `SELECT code, label FROM taxonomy_concept WHERE scheme = 'sn2007' AND code = $1`,
      [query],
    );
    return rows;
  }
  const { rows } = await pool.query<Pick<TaxonomyConceptRow, 'code' | 'label'>>(
    `SELECT code, label FROM taxonomy_concept
      WHERE scheme = 'sn2007' AND level >= 4 AND (label ILIKE '%' || $1 || '%' OR EXISTS (SELECT 1 FROM unnest(alt_labels) alt WHERE alt ILIKE '%' || $1 || '%'))
      ORDER BY (lower(label) LIKE lower($1) || '%') DESC, level, code LIMIT 8`,
    [query.replace(/[%_\\]/g, '')],
  );
  return rows;
}
