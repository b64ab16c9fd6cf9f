import type pg from 'pg';
import type { OfferingRatings } from '../../src/catalogue/provider-page.js';

/**
 * How learners rated a provider's offerings, for its page: the number of ratings per offering and, from 3
 * ratings on, their average — never a learner, a text, or an average of one or two people's scores.
 */
const smallestRatedGroup = 3;

export async function listProviderRatings(pool: pg.Pool, providerId: string): Promise<OfferingRatings[]> {
  const { rows } = await pool.query<{ offering_id: string; title: string; count: number; average: number }>(
    `SELECT o.id AS offering_id, o.title, count(*)::int AS count, avg(r.score)::float8 AS average
       FROM rating r JOIN offering o ON o.id = r.offering_id
      WHERE o.provider_id = $1
      GROUP BY o.id, o.title ORDER BY count(*) DESC, o.title LIMIT 50`,
    [providerId],
  );
  return rows.map((row) => ({
    offeringId: row.offering_id,
    title: row.title,
    count: row.count,
    average: row.count >= smallestRatedGroup ? Math.round(row.average * 10) / 10 : null,
  }));
}
