import type pg from 'pg';
import { resolvePlace } from '../../../src/catalogue/places.js';
import { inTransaction } from '../transaction.js';

/**
 * The gaps a learner's "hva bør jeg lære i jobben min?" answer named, kept as demand beside the team plans'
 * (skill-gap-demand.ts counts them). County and industry come from what the learner gave: the county their
 * places name when they name exactly one, else the county of the one organisation they belong to; the
 * industry (SN2007) of that organisation. Unknown stays null — counted in the totals, never a group of its
 * own. Asking again in the same conversation replaces the conversation's gaps.
 */
export async function recordConversationGaps(
  pool: pg.Pool,
  options: {
    learnerId: string;
    conversationId: string;
    styrkCode: string;
    places: string[];
    gaps: { id: string; label: string }[];
  },
): Promise<void> {
  const { rows: organisations } = await pool.query<{ county: string | null; industry_code: string | null }>(
    `SELECT DISTINCT o.county, o.industry_code
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.learner_id = $1`,
    [options.learnerId],
  );
  // Several organisations say nothing certain about which one this question was for.
  const organisation = organisations.length === 1 ? organisations[0] : undefined;
  const counties = new Set(options.places.flatMap((place) => resolvePlace(place)?.counties ?? []));
  const county = counties.size === 1 ? ([...counties][0] ?? null) : (organisation?.county ?? null);
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM conversation_skill_gap WHERE conversation_id = $1', [options.conversationId]);
    if (!options.gaps.length) return;
    await client.query(
      `INSERT INTO conversation_skill_gap (conversation_id, learner_id, styrk_code, skill_id, skill_label, county, industry_code)
       SELECT $1, $2, $3, skill_id, skill_label, $6, $7
         FROM unnest($4::text[], $5::text[]) AS gap(skill_id, skill_label)
       ON CONFLICT DO NOTHING`,
      [
        options.conversationId,
        options.learnerId,
        options.styrkCode,
        options.gaps.map((gap) => gap.id),
        options.gaps.map((gap) => gap.label),
        county,
        organisation?.industry_code ?? null,
      ],
    );
  });
}
