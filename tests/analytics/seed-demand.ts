import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Learners' conversations as the assistant stores them — a user turn with what was understood from it, an
 * assistant turn with its suggestions, ratings — for the analytics tests and the analytics page's e2e test.
 */

export type SeededConversation = {
  topics?: string[];
  goals?: string[];
  places?: string[];
  occupationCode?: string;
  at: Date;
  /** Offerings suggested, first = rank 1; `matched: false` = the suggestion matched none of the learner's words. */
  suggestions?: { offeringId: string; matched?: boolean }[];
  /** The taxonomy concept the matcher found in the learner's words (shown in matched suggestions' reasons). */
  concept?: string;
  /** Ratings of the whole suggestion set. */
  ratings?: number[];
};

export async function seedConversation(pool: pg.Pool, conversation: SeededConversation): Promise<string> {
  const learnerId = randomUUID();
  const conversationId = randomUUID();
  await pool.query('INSERT INTO learner (id, created_at, last_seen_at) VALUES ($1, $2, $2)', [
    learnerId,
    conversation.at,
  ]);
  await pool.query(
    "INSERT INTO conversation (id, learner_id, channel, started_at, last_turn_at) VALUES ($1, $2, 'web', $3, $3)",
    [conversationId, learnerId, conversation.at],
  );
  const update = {
    topics: conversation.topics ?? [],
    goals: conversation.goals ?? [],
    places: conversation.places ?? [],
    ...(conversation.occupationCode ? { occupationCode: conversation.occupationCode } : {}),
  };
  await pool.query(
    "INSERT INTO turn (conversation_id, role, text, understanding, created_at) VALUES ($1, 'user', 'melding', $2, $3)",
    [conversationId, JSON.stringify({ source: 'local', act: { kind: 'inform' }, update }), conversation.at],
  );
  const assistantTurn = randomUUID();
  await pool.query(
    "INSERT INTO turn (id, conversation_id, role, text, created_at) VALUES ($1, $2, 'assistant', 'svar', $3)",
    [assistantTurn, conversationId, conversation.at],
  );
  for (const [index, suggestion] of (conversation.suggestions ?? []).entries()) {
    const matched = suggestion.matched ?? true;
    await pool.query(
      'INSERT INTO recommendation (turn_id, conversation_id, offering_id, rank, score, reasons) VALUES ($1, $2, $3, $4, 0.1, $5)',
      [
        assistantTurn,
        conversationId,
        suggestion.offeringId,
        index + 1,
        JSON.stringify({
          matchedTerms: matched ? (conversation.topics ?? []) : [],
          matchedConcepts:
            matched && conversation.concept
              ? [{ id: `esco_skill:${conversation.concept}`, label: conversation.concept }]
              : [],
          constraintsMet: [],
          profileFit: [],
        }),
      ],
    );
  }
  for (const score of conversation.ratings ?? []) {
    await pool.query('INSERT INTO rating (learner_id, turn_id, score, created_at) VALUES ($1, $2, $3, $4)', [
      learnerId,
      assistantTurn,
      score,
      conversation.at,
    ]);
  }
  return learnerId;
}

/** A provider with offerings: titles, counties and STYRK-08 codes as given. */
export async function seedOfferings(
  pool: pg.Pool,
  offerings: { title: string; counties?: string[]; occupations?: string[]; subjects?: string[] }[],
): Promise<string[]> {
  const provider = await pool.query<{ id: string }>(
    "INSERT INTO provider (name, normalized_name) VALUES ('Analyseskolen', $1) RETURNING id",
    [`analyseskolen-${randomUUID()}`],
  );
  const ids: string[] = [];
  for (const offering of offerings) {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO offering (title, provider_id, dedupe_key, content_hash, counties, occupations, subjects) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [
        offering.title,
        provider.rows[0]!.id,
        randomUUID(),
        'h',
        offering.counties ?? [],
        offering.occupations ?? [],
        offering.subjects ?? [],
      ],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}
