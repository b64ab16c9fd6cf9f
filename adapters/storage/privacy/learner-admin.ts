import type pg from 'pg';
import type { LearnerSummary } from '../../../src/privacy/learner-records.js';
import { recordAudit } from '../audit-log-store.js';
import { inTransaction } from '../transaction.js';

/**
 * An admin's side of a learner's rights: find a learner by a channel id (the Teams/Slack/web id they give)
 * or by their learner id, and delete them. Each step is audited with the learner id alone — never the
 * channel id typed in, a name or anything said — so the audit log itself keeps no personal data of theirs.
 */

export async function findLearners(options: {
  pool: pg.Pool;
  query: string;
  actorId: string;
}): Promise<LearnerSummary[]> {
  const query = options.query.trim();
  if (query === '') return [];
  const { rows } = await options.pool.query<{
    id: string;
    created_at: Date;
    last_seen_at: Date;
    consent_at: Date | null;
    consent_declined_at: Date | null;
    identities: { channel: string; externalId: string }[];
    conversations: number;
    ratings: number;
  }>(
    `SELECT l.id, l.created_at, l.last_seen_at, l.consent_at, l.consent_declined_at,
            coalesce((SELECT json_agg(json_build_object('channel', c.channel, 'externalId', c.external_id) ORDER BY c.channel, c.external_id) FROM channel_identity c WHERE c.learner_id = l.id), '[]') AS identities,
            (SELECT count(*)::int FROM conversation v WHERE v.learner_id = l.id) AS conversations,
            (SELECT count(*)::int FROM rating r WHERE r.learner_id = l.id) AS ratings
       FROM learner l
      WHERE l.id = $1 OR EXISTS (SELECT 1 FROM channel_identity c WHERE c.learner_id = l.id AND c.external_id = $1)
      ORDER BY l.last_seen_at DESC LIMIT 20`,
    [query],
  );
  for (const row of rows)
    await recordAudit(options.pool, {
      actorId: options.actorId,
      action: 'learner.looked_up',
      subjectType: 'learner',
      subjectId: row.id,
    });
  return rows.map((row) => ({
    learnerId: row.id,
    identities: row.identities,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    consent: row.consent_at ? 'given' : row.consent_declined_at ? 'declined' : 'not_answered',
    conversations: row.conversations,
    ratings: row.ratings,
  }));
}

/** Deletes the learner and, by the schema's cascades, every row of theirs; false when there was no such learner. */
export async function deleteLearner(options: {
  pool: pg.Pool;
  learnerId: string;
  actorId: string | null;
  via?: string;
}): Promise<boolean> {
  return inTransaction(options.pool, async (client) => {
    const deleted = await client.query('DELETE FROM learner WHERE id = $1', [options.learnerId]);
    if ((deleted.rowCount ?? 0) === 0) return false;
    // Audit rows naming the learner as their subject said what was done with them; keep those (ids only).
    await recordAudit(client, {
      actorId: options.actorId,
      action: 'learner.deleted',
      subjectType: 'learner',
      subjectId: options.learnerId,
      detail: { via: options.via ?? 'workspace' },
    });
    return true;
  });
}
