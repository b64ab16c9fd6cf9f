import type pg from 'pg';
import { resolvePlace } from '../../../src/catalogue/places.js';
import type {
  CountyDemand,
  DemandPeriod,
  OccupationDemand,
  TopicDemand,
  UnmetNeed,
  WeeklyRatings,
} from '../../../src/demand/demand-figures.js';

/**
 * What people ask for against what the catalogue covers, for the advisers' analytics. Only aggregates
 * leave here: every figure counts distinct learners, and a group of fewer than `minimumCount` (default 3)
 * learners is left out (a figure inside a shown group that is under the minimum comes back as null), so no
 * row points at a person. The learners' own words are the topics and goals the understanding step
 * extracted from their messages (turn.understanding.update), whether or not they consented to a stored
 * profile — the turns are kept either way and say what was asked.
 */

const minimum = (period: DemandPeriod) => Math.max(period.minimumCount ?? 3, 1);

/** Each learner's user turns in the period with what was understood from them. */
const saidInPeriod = `said AS (
  SELECT c.learner_id, c.id AS conversation_id, t.understanding->'update' AS said_update
    FROM turn t JOIN conversation c ON c.id = t.conversation_id
   WHERE t.role = 'user' AND jsonb_typeof(t.understanding->'update') = 'object' AND t.created_at >= $1 AND t.created_at < $2)`;

const arrayOf = (field: string) =>
  `CASE WHEN jsonb_typeof(said_update->'${field}') = 'array' THEN said_update->'${field}' ELSE '[]'::jsonb END`;

/** Topics and goals as said, lower-cased, one row per learner, conversation and phrase. */
const phrasesInPeriod = `${saidInPeriod},
phrases AS (
  SELECT DISTINCT learner_id, conversation_id, lower(btrim(value)) AS phrase
    FROM said, jsonb_array_elements_text(${arrayOf('topics')} || ${arrayOf('goals')}) AS value
   WHERE btrim(value) <> '' AND length(value) <= 120)`;

/** ILIKE pattern for a phrase taken literally. */
const containsPattern = (column: string) =>
  `'%' || replace(replace(replace(${column}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

export async function demandByTopic(pool: pg.Pool, period: DemandPeriod & { limit?: number }): Promise<TopicDemand[]> {
  const { rows } = await pool.query<TopicDemand>(
    `WITH ${phrasesInPeriod},
     demand AS (
       SELECT phrase, count(DISTINCT learner_id)::int AS learners, array_agg(DISTINCT conversation_id) AS conversations
         FROM phrases GROUP BY phrase HAVING count(DISTINCT learner_id) >= $3)
     SELECT d.phrase AS topic, d.learners,
            (SELECT concept->>'label' FROM recommendation r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.reasons->'matchedConcepts') = 'array' THEN r.reasons->'matchedConcepts' ELSE '[]'::jsonb END) AS concept
              WHERE r.conversation_id = ANY(d.conversations) GROUP BY concept->>'label' ORDER BY count(*) DESC, concept->>'label' LIMIT 1) AS concept,
            (SELECT count(*)::int FROM offering o
              WHERE o.status = 'active' AND (o.title ILIKE ${containsPattern('d.phrase')} OR EXISTS (SELECT 1 FROM unnest(o.subjects) AS subject WHERE lower(subject) = d.phrase))) AS offerings
       FROM demand d ORDER BY d.learners DESC, d.phrase LIMIT $4`,
    [period.from, period.to, minimum(period), period.limit ?? 50],
  );
  return rows;
}

export async function demandByOccupation(
  pool: pg.Pool,
  period: DemandPeriod & { limit?: number },
): Promise<OccupationDemand[]> {
  const { rows } = await pool.query<OccupationDemand>(
    `WITH ${saidInPeriod},
     occupations AS (
       SELECT DISTINCT learner_id, said_update->>'occupationCode' AS code FROM said WHERE coalesce(said_update->>'occupationCode', '') <> ''
       UNION
       SELECT DISTINCT p.learner_id, p.occupation_code FROM profile p JOIN said ON said.learner_id = p.learner_id WHERE coalesce(p.occupation_code, '') <> ''),
     demand AS (SELECT code, count(DISTINCT learner_id)::int AS learners FROM occupations GROUP BY code HAVING count(DISTINCT learner_id) >= $3)
     SELECT d.code, (SELECT label FROM taxonomy_concept WHERE id = 'styrk08:' || d.code) AS label, d.learners,
            (SELECT count(*)::int FROM offering o WHERE o.status = 'active' AND d.code = ANY(o.occupations)) AS offerings
       FROM demand d ORDER BY d.learners DESC, d.code LIMIT $4`,
    [period.from, period.to, minimum(period), period.limit ?? 50],
  );
  return rows;
}

export async function demandByCounty(pool: pg.Pool, period: DemandPeriod): Promise<CountyDemand[]> {
  const { rows } = await pool.query<{ learner_id: string; place: string }>(
    `WITH ${saidInPeriod}
     SELECT DISTINCT learner_id, btrim(value) AS place FROM said, jsonb_array_elements_text(${arrayOf('places')}) AS value WHERE btrim(value) <> ''`,
    [period.from, period.to],
  );
  // Place names become counties here (a region counts for each of its counties), not in SQL: the names live in data/places.
  const learnersByCounty = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const county of resolvePlace(row.place)?.counties ?? []) {
      const learners = learnersByCounty.get(county) ?? new Set<string>();
      learners.add(row.learner_id);
      learnersByCounty.set(county, learners);
    }
  }
  const offerings = await pool.query<{ county: string; offerings: number }>(
    "SELECT county, count(*)::int AS offerings FROM offering, unnest(counties) AS county WHERE status = 'active' GROUP BY county",
  );
  const offeringsByCounty = new Map(offerings.rows.map((row) => [row.county, row.offerings]));
  return [...learnersByCounty]
    .filter(([, learners]) => learners.size >= minimum(period))
    .map(([county, learners]) => ({ county, learners: learners.size, offerings: offeringsByCounty.get(county) ?? 0 }))
    .sort((left, right) => right.learners - left.learners || left.county.localeCompare(right.county, 'nb'));
}

/**
 * Needs the catalogue answered badly: topics whose conversations ended without any suggestion, whose first
 * suggestion matched none of the learner's words or concepts (it fitted only the constraints), or whose
 * suggestions were rated 1–2.
 */
export async function unmetNeeds(pool: pg.Pool, period: DemandPeriod & { limit?: number }): Promise<UnmetNeed[]> {
  const { rows } = await pool.query<{
    topic: string;
    learners: number;
    no_suggestions: number;
    weak_match: number;
    rated_low: number;
  }>(
    `WITH ${phrasesInPeriod},
     outcome AS (
       SELECT c.id AS conversation_id,
              NOT EXISTS (SELECT 1 FROM recommendation r WHERE r.conversation_id = c.id) AS no_suggestions,
              EXISTS (SELECT 1 FROM recommendation r WHERE r.conversation_id = c.id AND r.rank = 1
                         AND coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(r.reasons->'matchedTerms') = 'array' THEN r.reasons->'matchedTerms' END), 0) = 0
                         AND coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(r.reasons->'matchedConcepts') = 'array' THEN r.reasons->'matchedConcepts' END), 0) = 0) AS weak_match,
              EXISTS (SELECT 1 FROM rating g LEFT JOIN recommendation r ON r.id = g.recommendation_id LEFT JOIN turn t ON t.id = g.turn_id
                       WHERE g.score <= 2 AND (r.conversation_id = c.id OR t.conversation_id = c.id)) AS rated_low
         FROM conversation c WHERE c.id IN (SELECT conversation_id FROM phrases))
     SELECT p.phrase AS topic,
            count(DISTINCT p.learner_id) FILTER (WHERE o.no_suggestions OR o.weak_match OR o.rated_low)::int AS learners,
            count(DISTINCT p.learner_id) FILTER (WHERE o.no_suggestions)::int AS no_suggestions,
            count(DISTINCT p.learner_id) FILTER (WHERE o.weak_match)::int AS weak_match,
            count(DISTINCT p.learner_id) FILTER (WHERE o.rated_low)::int AS rated_low
       FROM phrases p JOIN outcome o USING (conversation_id)
      GROUP BY p.phrase HAVING count(DISTINCT p.learner_id) FILTER (WHERE o.no_suggestions OR o.weak_match OR o.rated_low) >= $3
      ORDER BY learners DESC, topic LIMIT $4`,
    [period.from, period.to, minimum(period), period.limit ?? 50],
  );
  const shown = (count: number) => (count >= minimum(period) ? count : count === 0 ? 0 : null);
  return rows.map((row) => ({
    topic: row.topic,
    learners: row.learners,
    noSuggestions: shown(row.no_suggestions),
    weakMatch: shown(row.weak_match),
    ratedLow: shown(row.rated_low),
  }));
}

/** Ratings per ISO week (Monday); a week with ratings from fewer than the minimum learners shows neither count nor average. */
export async function ratingsByWeek(pool: pg.Pool, period: DemandPeriod): Promise<WeeklyRatings[]> {
  const { rows } = await pool.query<{ week: string; ratings: number; learners: number; average: number }>(
    `SELECT to_char(date_trunc('week', created_at), 'YYYY-MM-DD') AS week, count(*)::int AS ratings, count(DISTINCT learner_id)::int AS learners, avg(score)::float8 AS average
       FROM rating WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1`,
    [period.from, period.to],
  );
  return rows.map((row) =>
    row.learners >= minimum(period)
      ? { week: row.week, ratings: row.ratings, average: Math.round(row.average * 100) / 100 }
      : { week: row.week, ratings: null, average: null },
  );
}
