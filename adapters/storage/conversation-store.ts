import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { preparedStatement } from './prepared-statement.js';
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
 * one transaction and never two at once (the embedded database serves a single connection). `waiting` tells
 * the begin statement how to see what waits for an extension (see WaitingProbes).
 */
export function createConversationStore(options: { pool: pg.Pool; waiting?: WaitingProbes }): ConversationStore {
  const { pool } = options;
  const probes = Object.entries(options.waiting ?? {});

  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inTransaction(pool, work);

  const knownStatement = knownLearnerStatement(probes);
  const known = async (input: BeginTurnInput): Promise<BegunTurn | undefined> => {
    const found = (await knownLearnerTurn(pool, knownStatement, input)).rows[0];
    return found && begunFrom(found, probes);
  };

  return {
    // A turn takes one statement; a stranger's first turn two (the look-up that finds no one, then the creation).
    async beginTurn(input) {
      const begun = (await known(input)) ?? (await newLearnerTurn(pool, input, probes));
      if (begun) return begun;
      // Another first turn of this identity created the learner in between: this one joins it.
      const joined = await known(input);
      if (!joined) throw new Error(`The learner of ${input.channel} identity ${input.userId} vanished during its turn`);
      return joined;
    },

    // One statement, so one round trip and atomic without BEGIN/COMMIT: the turn is stored whole or not at all.
    async finishTurn(input) {
      const recommendations = input.recommendations.map((recommendation) => ({
        id: recommendation.id,
        offering_id: recommendation.offeringId,
        rank: recommendation.rank,
        score: recommendation.score,
        reasons: recommendation.reasons,
      }));
      await pool.query({
        ...finishTurnStatement,
        values: [
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
      });
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
      const { rows } = await pool.query<{ offering_id: string; average: number; count: number }>({
        ...ratingSummariesStatement,
        values: [offeringIds],
      });
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

/**
 * Offerings not to suggest to this learner (`learner`, an SQL expression) again: those an adviser removed from
 * one of their suggestion sets (unless a later review of the same learner added them back), and those whose
 * latest rating by them is 1 or 2. Common table expressions, then the select, so the begin statement can write
 * and answer with these.
 */
const declinedCtes = (learner: string) => `reviews AS (
       SELECT r.created_at, coalesce(r.added, '{}') AS added, coalesce(r.removed, '{}') AS removed
       FROM adviser_review r JOIN turn t ON t.id = r.turn_id JOIN conversation c ON c.id = t.conversation_id
       WHERE c.learner_id = ${learner}
     ),
     removed AS (
       SELECT DISTINCT ON (offering_id) offering_id, is_removed FROM (
         SELECT unnest(removed) AS offering_id, true AS is_removed, created_at FROM reviews
         UNION ALL SELECT unnest(added), false, created_at FROM reviews
       ) changes ORDER BY offering_id, created_at DESC, is_removed
     ),
     rated AS (
       SELECT DISTINCT ON (offering_id) offering_id, score FROM rating
       WHERE learner_id = ${learner} AND offering_id IS NOT NULL ORDER BY offering_id, created_at DESC
     )`;
const declinedSelect =
  'SELECT offering_id FROM removed WHERE is_removed UNION SELECT offering_id FROM rated WHERE score <= 2';

/**
 * SQL that says whether something waits for an extension, by its name: a boolean expression over `learner`,
 * the SQL expression of the learner's id. The begin statement answers each, so an extension with nothing
 * waiting costs the turn no round trip of its own (src/dialogue/extensions.ts, `waiting`).
 */
export type WaitingProbes = Record<string, (learner: string) => string>;

type FoundRow = {
  learner_id: string;
  given: boolean;
  declined: boolean;
  profile: unknown;
  conversation_id: string;
  opened: boolean;
  returning: boolean;
  state: unknown;
  language: string | null;
  unanswered: string | null;
  declined_offering_ids: string[];
  said_turn_id: string;
} & Record<`waiting_${number}`, boolean>;

/**
 * The turn of a known learner, in one statement (one round trip, atomic without BEGIN/COMMIT): find the
 * learner and their open conversation (identity, consent, profile, state), open a conversation when none is
 * open, store the message, mark both active, and answer with the declined offerings and what waits for the
 * extensions. Every part reads the snapshot from before the statement, so the message just stored is not
 * "unanswered" and the conversation just opened is not "an earlier one". No row: the identity is unknown.
 */
function knownLearnerStatement(probes: [string, WaitingProbes[string]][]) {
  const learner = '(SELECT learner_id FROM found)';
  const waiting = probes.map(([, probe], index) => `${probe(learner)} AS waiting_${index}`);
  return preparedStatement(
    'begin_turn',
    `WITH found AS (
       SELECT i.learner_id, l.consent_at IS NOT NULL AS given, l.consent_declined_at IS NOT NULL AS declined, p.data AS profile,
              coalesce(c.id, $5) AS conversation_id, c.id IS NULL AS opened, coalesce(c.state, '{}') AS state, c.language,
              c.id IS NULL AND EXISTS (SELECT 1 FROM conversation e WHERE e.learner_id = i.learner_id) AS returning,
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
        WHERE i.channel = $1 AND i.external_id = $2
     ),
     opening AS (INSERT INTO conversation (id, learner_id, channel, session_key) SELECT conversation_id, learner_id, $1, $3 FROM found WHERE opened),
     said AS (INSERT INTO turn (id, conversation_id, role, text, action, created_at) SELECT $6, conversation_id, 'user', $7, $8, ${after('conversation_id = found.conversation_id')} FROM found),
     active AS (UPDATE conversation SET last_turn_at = now() WHERE id = (SELECT conversation_id FROM found) AND NOT (SELECT opened FROM found)),
     seen AS (UPDATE learner SET last_seen_at = now() WHERE id = ${learner}),
     ${declinedCtes(learner)}
     SELECT found.*, $6 AS said_turn_id, ARRAY(${declinedSelect}) AS declined_offering_ids${waiting.map((column) => `, ${column}`).join('')}
       FROM found`,
  );
}

function knownLearnerTurn(pool: pg.Pool, statement: ReturnType<typeof preparedStatement>, input: BeginTurnInput) {
  return pool.query<FoundRow>({
    ...statement,
    values: [
      input.channel,
      input.userId,
      input.sessionKey ?? null,
      input.idleMinutes,
      randomUUID(),
      randomUUID(),
      input.text,
      input.action ? JSON.stringify(input.action) : null,
    ],
  });
}

const newLearnerStatement = preparedStatement(
  'new_learner_turn',
  `WITH learned AS (INSERT INTO learner (id) VALUES ($1)),
        identified AS (INSERT INTO channel_identity (id, learner_id, channel, external_id) VALUES ($2, $1, $3, $4)),
        opening AS (INSERT INTO conversation (id, learner_id, channel, session_key) VALUES ($5, $1, $3, $6))
   INSERT INTO turn (id, conversation_id, role, text, action, created_at) VALUES ($7, $5, 'user', $8, $9, clock_timestamp())`,
);

/**
 * A stranger's first turn, in one statement: the learner, their identity, a conversation and the message.
 * Two first turns racing for one identity: the loser's statement fails on the identity's unique key and
 * writes nothing, and it goes on as a known learner's turn.
 */
async function newLearnerTurn(
  pool: pg.Pool,
  input: BeginTurnInput,
  probes: [string, WaitingProbes[string]][],
): Promise<BegunTurn | undefined> {
  const [learnerId, conversationId, userTurnId] = [randomUUID(), randomUUID(), randomUUID()];
  try {
    await pool.query({
      ...newLearnerStatement,
      values: [
        learnerId,
        randomUUID(),
        input.channel,
        input.userId,
        conversationId,
        input.sessionKey ?? null,
        userTurnId,
        input.text,
        input.action ? JSON.stringify(input.action) : null,
      ],
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === uniqueViolation) return undefined;
    throw error;
  }
  // Nothing is stored about a stranger yet, so nothing waits for them either.
  return {
    learnerId,
    conversationId,
    userTurnId,
    conversationIsNew: true,
    learnerIsReturning: false,
    profile: null,
    consentGiven: false,
    consentDeclined: false,
    declinedOfferingIds: [],
    state: {},
    language: null,
    unanswered: null,
    waiting: Object.fromEntries(probes.map(([name]) => [name, false])),
  };
}

/**
 * The time a turn is stored at: now, but always after the turns `where` picks (the conversation's, or the one
 * replied to). turn.created_at keeps milliseconds and rounds, so a reply and the next message stored within
 * the same half-millisecond would tie, and the message would not count as after the reply ("unanswered").
 */
const after = (where: string) =>
  `greatest(clock_timestamp(), (SELECT max(created_at) FROM turn WHERE ${where}) + interval '1 millisecond')`;

const uniqueViolation = '23505';

const ratingSummariesStatement = preparedStatement(
  'rating_summaries',
  'SELECT offering_id, avg(score)::float8 AS average, count(*)::int AS count FROM rating WHERE offering_id = ANY($1) GROUP BY offering_id',
);

const finishTurnStatement = preparedStatement(
  'finish_turn',
  `WITH understood AS (UPDATE turn SET understanding = $2 WHERE id = $1),
              replied AS (INSERT INTO turn (id, conversation_id, role, text, language, created_at) VALUES ($3, $4, 'assistant', $5, $6, ${after('id = $1')})),
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
);

function begunFrom(found: FoundRow, probes: [string, WaitingProbes[string]][]): BegunTurn {
  const profile = found.profile ? profileSchema.safeParse(found.profile) : undefined;
  return {
    learnerId: found.learner_id,
    conversationId: found.conversation_id,
    userTurnId: found.said_turn_id,
    conversationIsNew: found.opened,
    learnerIsReturning: found.returning,
    profile: profile?.success ? profile.data : null,
    consentGiven: found.given,
    consentDeclined: found.declined,
    declinedOfferingIds: found.declined_offering_ids,
    state: found.state,
    language: isLanguage(found.language) ? found.language : null,
    unanswered: found.unanswered,
    waiting: Object.fromEntries(probes.map(([name], index) => [name, found[`waiting_${index}`] === true])),
  };
}

const isLanguage = (value: string | null): value is Language => value === 'nb' || value === 'nn' || value === 'en';
