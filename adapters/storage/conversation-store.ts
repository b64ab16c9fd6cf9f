import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from './transaction.js';
import { profileSchema, type Language } from '../../src/profile/profile.js';
import type {
  BeginTurnInput,
  BegunTurn,
  ConversationStore,
  RatingInput,
  RatingSummary,
} from '../../src/dialogue/conversation-store.js';

/**
 * The assistant's memory in PostgreSQL, in plain SQL over the shared pool. Each method holds one client for
 * one transaction and never two at once (the embedded database serves a single connection).
 */
export function createConversationStore(options: { pool: pg.Pool }): ConversationStore {
  const { pool } = options;

  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inTransaction(pool, work);

  return {
    // A known learner in an open conversation (almost every turn) takes two round trips; anything else, one transaction.
    beginTurn: async (input) => (await continueTurn(pool, input)) ?? transaction((client) => beginTurn(client, input)),

    // One statement, so one round trip and atomic without BEGIN/COMMIT: the turn is stored whole or not at all.
    async finishTurn(input) {
      const recommendations = input.recommendations.map((recommendation) => ({
        id: recommendation.id,
        offering_id: recommendation.offeringId,
        rank: recommendation.rank,
        score: recommendation.score,
        reasons: recommendation.reasons,
      }));
      await pool.query(
        `WITH understood AS (UPDATE turn SET understanding = $2 WHERE id = $1),
              replied AS (INSERT INTO turn (id, conversation_id, role, text, language, created_at) VALUES ($3, $4, 'assistant', $5, $6, clock_timestamp())),
              suggested AS (
                INSERT INTO recommendation (id, turn_id, conversation_id, offering_id, rank, score, reasons)
                SELECT r.id, $3, $4, r.offering_id, r.rank, r.score, r.reasons FROM jsonb_to_recordset($7::jsonb) AS r(id text, offering_id text, rank int, score float8, reasons jsonb)
              ),
              remembered AS (
                INSERT INTO profile (learner_id, occupation_code, industry_code, data, updated_at)
                SELECT $11, $12, $13, $14::jsonb, now() WHERE $14::jsonb IS NOT NULL
                ON CONFLICT (learner_id) DO UPDATE SET occupation_code = EXCLUDED.occupation_code, industry_code = EXCLUDED.industry_code, data = EXCLUDED.data, updated_at = now()
              )
         UPDATE conversation SET state = $8, language = $6, last_turn_at = now(),
           prompt_tokens = prompt_tokens + $9, completion_tokens = completion_tokens + $10, cost_usd = cost_usd + $15
         WHERE id = $4`,
        [
          input.userTurnId,
          JSON.stringify(input.understanding ?? null),
          input.replyTurnId,
          input.conversationId,
          input.reply.text,
          input.reply.language,
          JSON.stringify(recommendations),
          JSON.stringify(input.state),
          input.usage.promptTokens,
          input.usage.completionTokens,
          input.learnerId,
          input.profile?.occupation?.code ?? null,
          input.profile?.industry?.code ?? null,
          input.profile ? JSON.stringify(input.profile) : null,
          input.usage.costUsd,
        ],
      );
    },

    // Rating an offering again replaces the learner's earlier rating of it: averages count people, not clicks.
    async addRating(input: RatingInput) {
      await pool.query(
        `INSERT INTO rating (id, learner_id, offering_id, recommendation_id, turn_id, score, text) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (learner_id, offering_id) WHERE offering_id IS NOT NULL
         DO UPDATE SET score = EXCLUDED.score, text = EXCLUDED.text, recommendation_id = EXCLUDED.recommendation_id, turn_id = EXCLUDED.turn_id, created_at = now()`,
        [
          randomUUID(),
          input.learnerId,
          input.offeringId ?? null,
          input.recommendationId ?? null,
          input.turnId ?? null,
          input.score,
          input.text ?? null,
        ],
      );
    },

    async ratingSummaries(offeringIds: string[]) {
      const summaries = new Map<string, RatingSummary>();
      if (offeringIds.length === 0) return summaries;
      const { rows } = await pool.query<{ offering_id: string; average: number; count: number }>(
        'SELECT offering_id, avg(score)::float8 AS average, count(*)::int AS count FROM rating WHERE offering_id = ANY($1) GROUP BY offering_id',
        [offeringIds],
      );
      for (const row of rows) summaries.set(row.offering_id, { average: row.average, count: row.count });
      return summaries;
    },

    setConsent: (input) =>
      transaction(async (client) => {
        await client.query(
          input.given
            ? 'UPDATE learner SET consent_at = now(), consent_declined_at = NULL WHERE id = $1'
            : 'UPDATE learner SET consent_at = NULL, consent_declined_at = now() WHERE id = $1',
          [input.learnerId],
        );
        if (!input.given) await client.query('DELETE FROM profile WHERE learner_id = $1', [input.learnerId]);
      }),

    async forgetLearner(learnerId: string) {
      // Identities, profile, conversations (with their turns and recommendations) and ratings cascade.
      await pool.query('DELETE FROM learner WHERE id = $1', [learnerId]);
    },
  };
}

async function beginTurn(client: pg.PoolClient, input: BeginTurnInput): Promise<BegunTurn> {
  const identity = await client.query<{ learner_id: string }>(
    'SELECT learner_id FROM channel_identity WHERE channel = $1 AND external_id = $2',
    [input.channel, input.userId],
  );
  let learnerId = identity.rows[0]?.learner_id;
  let learnerExisted = learnerId !== undefined;
  if (!learnerId) {
    learnerId = randomUUID();
    await client.query('INSERT INTO learner (id) VALUES ($1)', [learnerId]);
    // Two first turns racing for one identity: the loser joins the winner's learner.
    const inserted = await client.query<{ learner_id: string }>(
      `INSERT INTO channel_identity (id, learner_id, channel, external_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, external_id) DO UPDATE SET channel = EXCLUDED.channel RETURNING learner_id`,
      [randomUUID(), learnerId, input.channel, input.userId],
    );
    if (inserted.rows[0]!.learner_id !== learnerId) {
      await client.query('DELETE FROM learner WHERE id = $1', [learnerId]);
      learnerId = inserted.rows[0]!.learner_id;
      learnerExisted = true;
    }
  } else {
    await client.query('UPDATE learner SET last_seen_at = now() WHERE id = $1', [learnerId]);
  }

  // A turn without a key gets the conversation's id back as its session id, so sending that id continues
  // the keyless conversation it names (on the same learner and channel only).
  const recent = await client.query<{ id: string; state: unknown; language: string | null }>(
    `SELECT id, state, language FROM conversation
      WHERE learner_id = $1 AND channel = $2 AND (session_key IS NOT DISTINCT FROM $3 OR (session_key IS NULL AND id = $3))
        AND last_turn_at > now() - make_interval(mins => $4)
      ORDER BY last_turn_at DESC LIMIT 1`,
    [learnerId, input.channel, input.sessionKey ?? null, input.idleMinutes],
  );
  let conversation = recent.rows[0];
  const conversationIsNew = conversation === undefined;
  let learnerIsReturning = false;
  if (!conversation) {
    const earlier = await client.query('SELECT 1 FROM conversation WHERE learner_id = $1 LIMIT 1', [learnerId]);
    learnerIsReturning = learnerExisted && (earlier.rowCount ?? 0) > 0;
    const id = randomUUID();
    await client.query('INSERT INTO conversation (id, learner_id, channel, session_key) VALUES ($1, $2, $3, $4)', [
      id,
      learnerId,
      input.channel,
      input.sessionKey ?? null,
    ]);
    conversation = { id, state: {}, language: null };
  }

  const userTurnId = randomUUID();
  await client.query(
    `INSERT INTO turn (id, conversation_id, role, text, action, created_at) VALUES ($1, $2, 'user', $3, $4, clock_timestamp())`,
    [userTurnId, conversation.id, input.text, input.action ? JSON.stringify(input.action) : null],
  );
  await client.query('UPDATE conversation SET last_turn_at = now() WHERE id = $1', [conversation.id]);

  const stored = await client.query<{ data: unknown }>('SELECT data FROM profile WHERE learner_id = $1', [learnerId]);
  const consent = await client.query<{ given: boolean; declined: boolean }>(
    'SELECT consent_at IS NOT NULL AS given, consent_declined_at IS NOT NULL AS declined FROM learner WHERE id = $1',
    [learnerId],
  );
  const parsedProfile = stored.rows[0] ? profileSchema.safeParse(stored.rows[0].data) : undefined;
  const declined = await declinedOfferings(client, learnerId);
  return {
    learnerId,
    conversationId: conversation.id,
    userTurnId,
    conversationIsNew,
    learnerIsReturning,
    profile: parsedProfile?.success ? parsedProfile.data : null,
    consentGiven: consent.rows[0]?.given === true,
    consentDeclined: consent.rows[0]?.declined === true,
    declinedOfferingIds: declined,
    state: conversation.state,
    language: isLanguage(conversation.language) ? conversation.language : null,
    // A conversation is continued here only when two first turns race; the other one is being answered.
    unanswered: null,
  };
}

/**
 * Offerings not to suggest to this learner ($1) again: those an adviser removed from one of their suggestion
 * sets (unless a later review of the same learner added them back), and those whose latest rating by them is
 * 1 or 2. Common table expressions, then the select, so a statement can write first and answer with these.
 */
const declinedCtes = `reviews AS (
       SELECT r.created_at, coalesce(r.added, '{}') AS added, coalesce(r.removed, '{}') AS removed
       FROM adviser_review r JOIN turn t ON t.id = r.turn_id JOIN conversation c ON c.id = t.conversation_id
       WHERE c.learner_id = $1
     ),
     removed AS (
       SELECT DISTINCT ON (offering_id) offering_id, is_removed FROM (
         SELECT unnest(removed) AS offering_id, true AS is_removed, created_at FROM reviews
         UNION ALL SELECT unnest(added), false, created_at FROM reviews
       ) changes ORDER BY offering_id, created_at DESC, is_removed
     ),
     rated AS (
       SELECT DISTINCT ON (offering_id) offering_id, score FROM rating
       WHERE learner_id = $1 AND offering_id IS NOT NULL ORDER BY offering_id, created_at DESC
     )`;
const declinedSelect =
  'SELECT offering_id FROM removed WHERE is_removed UNION SELECT offering_id FROM rated WHERE score <= 2';

async function declinedOfferings(client: pg.PoolClient, learnerId: string): Promise<string[]> {
  const rows = await client.query<{ offering_id: string }>(`WITH ${declinedCtes} ${declinedSelect}`, [learnerId]);
  return rows.rows.map((row) => row.offering_id);
}

/**
 * The turn of a known learner in an open conversation: one read (identity, consent, profile, conversation),
 * then one statement that stores the message, marks the learner and conversation active and answers with
 * the declined offerings. Undefined when the learner or the conversation is new (beginTurn's transaction).
 */
async function continueTurn(pool: pg.Pool, input: BeginTurnInput): Promise<BegunTurn | undefined> {
  const { rows } = await pool.query<{
    learner_id: string;
    given: boolean;
    declined: boolean;
    profile: unknown;
    conversation_id: string | null;
    state: unknown;
    language: string | null;
    unanswered: string | null;
  }>(
    `SELECT i.learner_id, l.consent_at IS NOT NULL AS given, l.consent_declined_at IS NOT NULL AS declined, p.data AS profile, c.id AS conversation_id, c.state, c.language,
            (SELECT u.text FROM turn u
              WHERE u.conversation_id = c.id AND u.role = 'user' AND u.text <> ''
                AND u.created_at > coalesce((SELECT max(a.created_at) FROM turn a WHERE a.conversation_id = c.id AND a.role = 'assistant'), '-infinity')
              ORDER BY u.created_at DESC LIMIT 1) AS unanswered
       FROM channel_identity i JOIN learner l ON l.id = i.learner_id
       LEFT JOIN profile p ON p.learner_id = i.learner_id
       LEFT JOIN LATERAL (
         SELECT id, state, language FROM conversation
          WHERE learner_id = i.learner_id AND channel = $1 AND (session_key IS NOT DISTINCT FROM $3 OR (session_key IS NULL AND id = $3))
            AND last_turn_at > now() - make_interval(mins => $4)
          ORDER BY last_turn_at DESC LIMIT 1
       ) c ON true
      WHERE i.channel = $1 AND i.external_id = $2`,
    [input.channel, input.userId, input.sessionKey ?? null, input.idleMinutes],
  );
  const found = rows[0];
  if (!found?.conversation_id) return undefined;
  const userTurnId = randomUUID();
  const declined = await pool.query<{ offering_id: string }>(
    `WITH said AS (INSERT INTO turn (id, conversation_id, role, text, action, created_at) VALUES ($2, $3, 'user', $4, $5, clock_timestamp())),
          active AS (UPDATE conversation SET last_turn_at = now() WHERE id = $3),
          seen AS (UPDATE learner SET last_seen_at = now() WHERE id = $1),
          ${declinedCtes}
     ${declinedSelect}`,
    [
      found.learner_id,
      userTurnId,
      found.conversation_id,
      input.text,
      input.action ? JSON.stringify(input.action) : null,
    ],
  );
  const profile = found.profile ? profileSchema.safeParse(found.profile) : undefined;
  return {
    learnerId: found.learner_id,
    conversationId: found.conversation_id,
    userTurnId,
    conversationIsNew: false,
    learnerIsReturning: false,
    profile: profile?.success ? profile.data : null,
    consentGiven: found.given,
    consentDeclined: found.declined,
    declinedOfferingIds: declined.rows.map((row) => row.offering_id),
    state: found.state,
    language: isLanguage(found.language) ? found.language : null,
    unanswered: found.unanswered,
  };
}

const isLanguage = (value: string | null): value is Language => value === 'nb' || value === 'nn' || value === 'en';
