import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from './transaction.js';
import type { LearnerLinkStore, RedeemOutcome } from '../../src/identity/link-learners.js';
import { mergeProfiles } from '../../src/identity/merge-profiles.js';
import { profileSchema } from '../../src/profile/profile.js';

/**
 * Link codes and the learner merge in PostgreSQL. A code is stored only as a hash. Each method holds one
 * client for one transaction (the embedded database serves a single connection).
 */
export function createLearnerLinkStore(options: { pool: pg.Pool }): LearnerLinkStore {
  const { pool } = options;

  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inTransaction(pool, work);

  return {
    createCode: (input) =>
      transaction(async (client) => {
        await client.query('DELETE FROM learner_link_code WHERE learner_id = $1 OR expires_at < now()', [
          input.learnerId,
        ]);
        await client.query('INSERT INTO learner_link_code (code_hash, learner_id, expires_at) VALUES ($1, $2, $3)', [
          hashCode(input.code),
          input.learnerId,
          input.expiresAt,
        ]);
      }),
    redeemCode: (input) =>
      transaction(async (client): Promise<RedeemOutcome> => {
        const code = await client.query<{ learner_id: string }>(
          'DELETE FROM learner_link_code WHERE code_hash = $1 RETURNING learner_id, expires_at > $2 AS valid',
          [hashCode(input.code), input.now],
        );
        const row = code.rows[0] as { learner_id: string; valid: boolean } | undefined;
        if (!row?.valid) return 'unknown_or_expired';
        const target = row.learner_id;
        if (input.learnerId === target) return 'already_linked';
        // Both rows locked in one order, so two redemptions crossing each other wait instead of deadlocking.
        await client.query('SELECT id FROM learner WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
          [input.learnerId, target],
        ]);
        await mergeLearner(client, { from: input.learnerId, into: target });
        return 'linked';
      }),
  };
}

/** The learner behind a channel identity, created (learner + identity) when the identity is new. */
export async function ensureLearner(
  client: pg.PoolClient | pg.Pool,
  identity: { channel: string; userId: string; tenant?: string | undefined },
): Promise<string> {
  const candidate = randomUUID();
  await client.query(
    'INSERT INTO learner (id) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM channel_identity WHERE channel = $2 AND external_id = $3)',
    [candidate, identity.channel, identity.userId],
  );
  const inserted = await client.query<{ learner_id: string }>(
    `INSERT INTO channel_identity (id, learner_id, channel, external_id, tenant) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel, external_id) DO UPDATE SET tenant = COALESCE(EXCLUDED.tenant, channel_identity.tenant) RETURNING learner_id`,
    [randomUUID(), candidate, identity.channel, identity.userId, identity.tenant ?? null],
  );
  const learnerId = inserted.rows[0]!.learner_id;
  // The identity existed already: the candidate row (if one was made) belongs to no one.
  if (learnerId !== candidate)
    await client.query(
      'DELETE FROM learner WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM channel_identity WHERE learner_id = $1)',
      [candidate],
    );
  return learnerId;
}

/**
 * Moves everything of learner `from` to learner `into` and deletes `from`. Two profiles become one: `into`
 * (who asked for the code) leads, `from` fills the gaps; an unreadable profile row yields to the other.
 */
async function mergeLearner(client: pg.PoolClient, options: { from: string; into: string }): Promise<void> {
  const { from, into } = options;
  await client.query('UPDATE channel_identity SET learner_id = $2 WHERE learner_id = $1', [from, into]);
  await client.query('UPDATE conversation SET learner_id = $2 WHERE learner_id = $1', [from, into]);
  await client.query('UPDATE rating SET learner_id = $2 WHERE learner_id = $1', [from, into]);
  const profiles = await client.query<{
    learner_id: string;
    data: unknown;
    occupation_code: string | null;
    industry_code: string | null;
  }>('SELECT learner_id, data, occupation_code, industry_code FROM profile WHERE learner_id = ANY($1)', [[from, into]]);
  const fromRow = profiles.rows.find((row) => row.learner_id === from);
  const intoRow = profiles.rows.find((row) => row.learner_id === into);
  const fromProfile = fromRow ? profileSchema.safeParse(fromRow.data) : undefined;
  const intoProfile = intoRow ? profileSchema.safeParse(intoRow.data) : undefined;
  if (fromRow && fromProfile?.success && !intoProfile?.success) {
    await client.query('DELETE FROM profile WHERE learner_id = $1', [into]);
    await client.query('UPDATE profile SET learner_id = $2 WHERE learner_id = $1', [from, into]);
  } else if (fromRow && fromProfile?.success && intoRow && intoProfile?.success) {
    const merged = mergeProfiles({ primary: intoProfile.data, secondary: fromProfile.data });
    await client.query(
      'UPDATE profile SET data = $2, occupation_code = COALESCE(occupation_code, $3), industry_code = COALESCE(industry_code, $4), updated_at = now() WHERE learner_id = $1',
      [into, JSON.stringify(merged), fromRow.occupation_code, fromRow.industry_code],
    );
  }
  await client.query(
    `UPDATE learner SET consent_at = COALESCE(learner.consent_at, other.consent_at), locale = COALESCE(learner.locale, other.locale)
       FROM learner AS other WHERE learner.id = $2 AND other.id = $1`,
    [from, into],
  );
  await client.query('DELETE FROM learner WHERE id = $1', [from]);
}

function hashCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}
