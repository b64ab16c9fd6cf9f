import type pg from 'pg';
import { profileSchema } from '../../src/profile/profile.js';
import type {
  QueueFilters,
  QueueRow,
  ReviewVerdict,
  SetOffering,
  SuggestionSet,
  SuggestionSets,
} from '../../src/advisers/suggestion-sets.js';
import { recordAudit } from './audit-log-store.js';
import { inTransaction } from './transaction.js';

/**
 * The advisers' review queue (the SuggestionSets port of src/advisers/suggestion-sets.ts): suggestion sets
 * (an assistant turn with recommendation rows) with the conversation that produced them, and the advisers'
 * verdicts on them (table adviser_review).
 */

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

async function listSuggestionSets(pool: pg.Pool, filters: QueueFilters): Promise<{ rows: QueueRow[]; total: number }> {
  const { rows } = await pool.query(
    `SELECT t.id AS "turnId", c.id AS "conversationId", c.learner_id AS "learnerId", c.channel, t.created_at AS "createdAt",
            (SELECT coalesce(json_agg(o.title ORDER BY r.rank), '[]') FROM recommendation r JOIN offering o ON o.id = r.offering_id WHERE r.turn_id = t.id) AS titles,
            (SELECT coalesce(string_agg(u.text, ' · ' ORDER BY u.created_at), '') FROM turn u
              WHERE u.conversation_id = c.id AND u.role = 'user' AND u.text <> '' AND u.created_at <= t.created_at) AS "learnerWords",
            review.verdict, review.created_at AS "reviewedAt", count(*) OVER () AS total
       FROM turn t
       JOIN conversation c ON c.id = t.conversation_id
       LEFT JOIN profile p ON p.learner_id = c.learner_id
       LEFT JOIN LATERAL (SELECT verdict, created_at FROM adviser_review WHERE turn_id = t.id ORDER BY created_at DESC LIMIT 1) review ON true
      WHERE EXISTS (SELECT 1 FROM recommendation r WHERE r.turn_id = t.id)
        AND ($1::text IS NULL OR c.channel = $1)
        AND ($2::date IS NULL OR t.created_at >= $2::date)
        AND ($3::date IS NULL OR t.created_at < $3::date + 1)
        AND ($4::text IS NULL
             OR EXISTS (SELECT 1 FROM turn u WHERE u.conversation_id = c.id AND u.role = 'user' AND u.text ILIKE $4)
             OR p.data::text ILIKE $4 OR (c.state -> 'profile')::text ILIKE $4)
        AND ($5::text IS NULL OR ($5 = 'flagged' AND review.verdict = 'flagged') OR ($5 <> 'flagged' AND ($5 = 'yes') = (review.verdict IS NOT NULL)))
      ORDER BY t.created_at DESC, t.id
      LIMIT $6 OFFSET $7`,
    [
      filters.channel ?? null,
      filters.from ?? null,
      filters.to ?? null,
      filters.topic ? likePattern(filters.topic) : null,
      filters.reviewed ?? null,
      filters.limit,
      filters.offset,
    ],
  );
  const total = rows.length > 0 ? Number(rows[0].total) : 0;
  return { rows: rows.map(({ total: _total, ...row }) => row as QueueRow), total };
}

async function getSuggestionSet(pool: pg.Pool, turnId: string): Promise<SuggestionSet | null> {
  const { rows } = await pool.query(
    `SELECT t.id, t.conversation_id, t.language, t.created_at, c.learner_id, c.channel, c.state -> 'profile' AS state_profile, p.data AS stored_profile, l.consent_at
       FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN learner l ON l.id = c.learner_id LEFT JOIN profile p ON p.learner_id = c.learner_id
      WHERE t.id = $1 AND EXISTS (SELECT 1 FROM recommendation r WHERE r.turn_id = t.id)`,
    [turnId],
  );
  const head = rows[0];
  if (!head) return null;
  const [turns, offerings, reviews, ratings] = await Promise.all([
    pool.query(
      `SELECT id, role, text, created_at AS at FROM turn WHERE conversation_id = $1 AND text <> '' ORDER BY created_at, id`,
      [head.conversation_id],
    ),
    pool.query(
      `SELECT r.offering_id AS "offeringId", r.rank, r.score, r.reasons, o.title, o.url, o.status, pr.name AS provider
         FROM recommendation r JOIN offering o ON o.id = r.offering_id JOIN provider pr ON pr.id = o.provider_id
        WHERE r.turn_id = $1 ORDER BY r.rank`,
      [turnId],
    ),
    pool.query(
      `SELECT r.id, r.verdict, r.comment, coalesce(r.added, '{}') AS added, coalesce(r.removed, '{}') AS removed, r.created_at AS at, r.seen_at AS "seenAt", a.email AS "adviserEmail"
         FROM adviser_review r LEFT JOIN adviser a ON a.id = r.adviser_id WHERE r.turn_id = $1 ORDER BY r.created_at DESC`,
      [turnId],
    ),
    pool.query(
      `SELECT r.score, r.text, o.title AS "offeringTitle", r.created_at AS at
         FROM rating r LEFT JOIN offering o ON o.id = r.offering_id
        WHERE r.turn_id = $1 OR r.recommendation_id IN (SELECT id FROM recommendation WHERE turn_id = $1) ORDER BY r.created_at`,
      [turnId],
    ),
  ]);
  const parsedProfile = profileSchema.safeParse(head.stored_profile ?? head.state_profile);
  return {
    turnId: head.id,
    conversationId: head.conversation_id,
    learnerId: head.learner_id,
    channel: head.channel,
    language: head.language,
    createdAt: head.created_at,
    consentGiven: head.consent_at !== null,
    profile: parsedProfile.success && (head.stored_profile ?? head.state_profile) ? parsedProfile.data : null,
    conversation: turns.rows.map((turn) => ({
      role: turn.role,
      text: turn.text,
      at: turn.at,
      isThisSet: turn.id === turnId,
    })),
    offerings: offerings.rows as SetOffering[],
    reviews: reviews.rows,
    ratings: ratings.rows,
  };
}

/** Stores a verdict and its audit entry in one transaction. */
export async function recordReview(
  pool: pg.Pool,
  review: {
    turnId: string;
    adviserId: string;
    verdict: ReviewVerdict;
    comment: string | null;
    added: string[];
    removed: string[];
    now: Date;
  },
): Promise<string> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO adviser_review (turn_id, adviser_id, verdict, comment, added, removed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [review.turnId, review.adviserId, review.verdict, review.comment, review.added, review.removed, review.now],
    );
    const id = rows[0]!.id;
    await recordAudit(client, {
      actorId: review.adviserId,
      action: `review.${review.verdict}`,
      subjectType: 'turn',
      subjectId: review.turnId,
      detail: { reviewId: id, added: review.added, removed: review.removed, comment: review.comment !== null },
      at: review.now,
    });
    return id;
  });
}

/** Active offerings among `ids` (to check what an adviser adds). */
async function activeOfferingIds(pool: pg.Pool, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await pool.query<{ id: string }>(
    "SELECT id FROM offering WHERE id = ANY($1) AND status = 'active'",
    [ids],
  );
  return new Set(rows.map((row) => row.id));
}

/** Title search over active offerings: the fallback when the server has no retrieval service. */
async function findOfferingsByTitle(
  pool: pg.Pool,
  options: { text: string; limit: number; exclude: string[] },
): Promise<{ id: string; title: string; provider: string }[]> {
  const { rows } = await pool.query(
    `SELECT o.id, o.title, p.name AS provider FROM offering o JOIN provider p ON p.id = o.provider_id
      WHERE o.status = 'active' AND (o.title ILIKE $1 OR o.description ILIKE $1) AND NOT (o.id = ANY($2)) ORDER BY o.title LIMIT $3`,
    [likePattern(options.text), options.exclude, options.limit],
  );
  return rows;
}

export function createSuggestionSets(options: { pool: pg.Pool }): SuggestionSets {
  const { pool } = options;
  return {
    list: (filters) => listSuggestionSets(pool, filters),
    get: (turnId) => getSuggestionSet(pool, turnId),
    activeOfferingIds: (ids) => activeOfferingIds(pool, ids),
    findByTitle: (input) => findOfferingsByTitle(pool, input),
    async recordReview(review) {
      await recordReview(pool, review);
    },
  };
}
