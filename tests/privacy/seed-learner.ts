import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Seeds one learner with a row in every table known to hold learner data — the assistant's (identity,
 * profile, conversation, turns, suggestions, ratings, adviser review, link code, export link) and the
 * organisations' (owner, staff list entry, set-up draft), push (preference, subscription, message, match) and
 * an issued credential — and returns the tables it wrote to, so a test can
 * tell which tables in the learner's reference graph no seeder covers yet.
 */
export async function seedLearnerEverywhere(
  pool: pg.Pool,
  options: { externalId?: string; lastTurnAt?: Date; consent?: boolean } = {},
): Promise<{ learnerId: string; conversationId: string; seededTables: Set<string> }> {
  const seeded = new Set<string>();
  const insert = async (table: string, sql: string, values: unknown[]) => {
    await pool.query(sql, values);
    seeded.add(table);
  };
  const learnerId = randomUUID();
  const when = options.lastTurnAt ?? new Date();
  await insert(
    'learner',
    'INSERT INTO learner (id, locale, consent_at, last_seen_at, created_at) VALUES ($1, $2, $3, $4, $4)',
    [learnerId, 'nb', options.consent === false ? null : when, when],
  );
  await insert(
    'channel_identity',
    'INSERT INTO channel_identity (learner_id, channel, external_id) VALUES ($1, $2, $3)',
    [learnerId, 'teams', options.externalId ?? `29:${learnerId}`],
  );
  await insert('profile', 'INSERT INTO profile (learner_id, occupation_code, data) VALUES ($1, $2, $3)', [
    learnerId,
    '2223',
    JSON.stringify({ occupation: { text: 'sykepleier', code: '2223' }, topics: ['demens'] }),
  ]);
  const conversationId = randomUUID();
  await insert(
    'conversation',
    'INSERT INTO conversation (id, learner_id, channel, started_at, last_turn_at) VALUES ($1, $2, $3, $4, $4)',
    [conversationId, learnerId, 'teams', when],
  );
  const userTurn = randomUUID();
  const assistantTurn = randomUUID();
  await insert(
    'turn',
    "INSERT INTO turn (id, conversation_id, role, text, created_at) VALUES ($1, $2, 'user', 'Jeg vil lære om demens', $3)",
    [userTurn, conversationId, when],
  );
  await pool.query(
    "INSERT INTO turn (id, conversation_id, role, text, created_at) VALUES ($1, $2, 'assistant', 'Her er tre forslag', $3)",
    [assistantTurn, conversationId, when],
  );
  const provider = await pool.query<{ id: string }>(
    "INSERT INTO provider (name, normalized_name) VALUES ('Testskolen', $1) RETURNING id",
    [`testskolen-${learnerId}`],
  );
  const offering = await pool.query<{ id: string }>(
    "INSERT INTO offering (title, provider_id, dedupe_key, content_hash) VALUES ('Demensomsorg', $1, $2, 'h') RETURNING id",
    [provider.rows[0]!.id, `k-${learnerId}`],
  );
  const offeringId = offering.rows[0]!.id;
  const recommendationId = randomUUID();
  await insert(
    'recommendation',
    'INSERT INTO recommendation (id, turn_id, conversation_id, offering_id, rank, score, reasons) VALUES ($1, $2, $3, $4, 1, 0.5, $5)',
    [
      recommendationId,
      assistantTurn,
      conversationId,
      offeringId,
      JSON.stringify({ matchedTerms: ['demens'], matchedConcepts: [], constraintsMet: [], profileFit: [] }),
    ],
  );
  await insert(
    'rating',
    'INSERT INTO rating (learner_id, offering_id, recommendation_id, score) VALUES ($1, $2, $3, 4)',
    [learnerId, offeringId, recommendationId],
  );
  await pool.query('INSERT INTO rating (learner_id, turn_id, score, text) VALUES ($1, $2, 2, $3)', [
    learnerId,
    assistantTurn,
    'for lite om praksis',
  ]);
  const adviser = await pool.query<{ id: string }>(
    "INSERT INTO adviser (email, role) VALUES ($1, 'adviser') RETURNING id",
    [`veileder-${learnerId}@example.no`],
  );
  await insert(
    'adviser_review',
    "INSERT INTO adviser_review (turn_id, adviser_id, verdict, comment) VALUES ($1, $2, 'flagged', 'Sjekk nr. 1')",
    [assistantTurn, adviser.rows[0]!.id],
  );
  await insert(
    'learner_link_code',
    "INSERT INTO learner_link_code (code_hash, learner_id, expires_at) VALUES ($1, $2, now() + interval '10 minutes')",
    [`code-${learnerId}`, learnerId],
  );
  await insert(
    'learner_export_link',
    "INSERT INTO learner_export_link (token_hash, learner_id, expires_at) VALUES ($1, $2, now() + interval '10 minutes')",
    [`token-${learnerId}`, learnerId],
  );
  if (await tableExists(pool, 'organisation')) {
    const organisation = await pool.query<{ id: string }>(
      "INSERT INTO organisation (name, organisation_number, owner_learner_id) VALUES ('Sykehjemmet AS', $1, $2) RETURNING id",
      [learnerId.slice(0, 9), learnerId],
    );
    seeded.add('organisation');
    await insert(
      'organisation_member',
      "INSERT INTO organisation_member (organisation_id, name, email, learner_id) VALUES ($1, 'Kari Nordmann', 'kari@example.no', $2)",
      [organisation.rows[0]!.id, learnerId],
    );
    await insert('organisation_setup', "INSERT INTO organisation_setup (learner_id, step) VALUES ($1, 'name')", [
      learnerId,
    ]);
  }
  if (await tableExists(pool, 'push_message')) {
    await insert('push_preference', "INSERT INTO push_preference (learner_id, rhythm) VALUES ($1, 'weekly')", [
      learnerId,
    ]);
    const subscription = await pool.query<{ id: string }>(
      "INSERT INTO push_subscription (learner_id, kind, topic) VALUES ($1, 'topic', 'demens') RETURNING id",
      [learnerId],
    );
    seeded.add('push_subscription');
    const message = await pool.query<{ id: string }>(
      "INSERT INTO push_message (learner_id, kind, dedupe_key, payload) VALUES ($1, 'digest', $2, '{}') RETURNING id",
      [learnerId, `digest-${learnerId}`],
    );
    seeded.add('push_message');
    await insert(
      'push_match',
      'INSERT INTO push_match (learner_id, offering_id, subscription_id, score, message_id) VALUES ($1, $2, $3, 0.5, $4)',
      [learnerId, offeringId, subscription.rows[0]!.id, message.rows[0]!.id],
    );
  }
  if (await tableExists(pool, 'credential')) {
    // A credential outlives its learner (its status must stay checkable), unlinked: SET NULL.
    const keyId = `key-${learnerId}`;
    const listId = `list-${learnerId}`;
    await pool.query(
      "INSERT INTO credential_signing_key (id, algorithm, public_jwk, private_key_encrypted, retired_at) VALUES ($1, 'ES256', '{}', 'x', now())",
      [keyId],
    );
    await pool.query('INSERT INTO credential_status_list (id, size_bits) VALUES ($1, 131072)', [listId]);
    await insert(
      'credential',
      "INSERT INTO credential (id, learner_id, subject_id, achievement_id, achievement_name, achievement_type, source, key_id, status_list_id, status_index, valid_from, jwt_sha256) VALUES ($1, $2, $3, 'urn:test:demens', 'Demensomsorg', 'Course', 'adviser', $4, $5, 0, now(), 'h')",
      [`urn:uuid:${randomUUID()}`, learnerId, `urn:uuid:${randomUUID()}`, keyId, listId],
    );
  }
  return { learnerId, conversationId, seededTables: seeded };
}

async function tableExists(pool: pg.Pool, table: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
  return rows[0]?.found === true;
}
