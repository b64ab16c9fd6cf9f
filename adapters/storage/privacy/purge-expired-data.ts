import type pg from 'pg';
import { recordAudit } from '../audit-log-store.js';
import { inTransaction } from '../transaction.js';

/**
 * The retention job: conversations idle longer than the retention period go (their turns, suggestions,
 * ratings of them and adviser reviews cascade), then learners with nothing left — no conversation, no consent
 * to keep a profile — and expired export links. A learner who consented keeps their profile: that is what
 * they agreed to, and "glem meg" removes it at any time.
 *
 * Safe with several server processes: the whole purge is one transaction holding a transaction-scoped
 * advisory lock; a second process finding the lock taken skips its turn instead of waiting.
 */

/** Any fixed number, different from the migration lock's. */
export const purgeLockKey = 72_616_2027;

export type PurgeReport = {
  /** False when another process was purging at that moment. */
  ran: boolean;
  dryRun: boolean;
  cutoff: string;
  conversations: number;
  turns: number;
  learners: number;
  exportLinks: number;
};

/** `via` is written to the audit log: what ran the purge (the server's schedule, the CLI). */
export async function purgeExpiredData(options: {
  pool: pg.Pool;
  retentionDays: number;
  now?: Date;
  dryRun?: boolean;
  via?: string;
}): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const dryRun = options.dryRun ?? false;
  const empty: PurgeReport = {
    ran: false,
    dryRun,
    cutoff: cutoff.toISOString(),
    conversations: 0,
    turns: 0,
    learners: 0,
    exportLinks: 0,
  };
  if (options.retentionDays <= 0) return empty;
  return inTransaction(options.pool, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      purgeLockKey,
    ]);
    if (!rows[0]?.locked) return empty;
    const counted = await client.query<{ conversations: number; turns: number }>(
      `SELECT count(*)::int AS conversations, coalesce(sum((SELECT count(*) FROM turn WHERE turn.conversation_id = conversation.id)), 0)::int AS turns
         FROM conversation WHERE last_turn_at < $1`,
      [cutoff],
    );
    const report: PurgeReport = {
      ...empty,
      ran: true,
      conversations: counted.rows[0]!.conversations,
      turns: counted.rows[0]!.turns,
    };
    // Learners left with nothing: no conversation newer than the cutoff, no consent, not seen since the cutoff.
    const orphans = `SELECT id FROM learner
       WHERE consent_at IS NULL AND last_seen_at < $1
         AND NOT EXISTS (SELECT 1 FROM conversation WHERE conversation.learner_id = learner.id AND conversation.last_turn_at >= $1)`;
    if (dryRun) {
      const learners = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (${orphans}) AS orphan`,
        [cutoff],
      );
      const links = await client.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM learner_export_link WHERE expires_at < $1',
        [now],
      );
      return { ...report, learners: learners.rows[0]!.count, exportLinks: links.rows[0]!.count };
    }
    await client.query('DELETE FROM conversation WHERE last_turn_at < $1', [cutoff]);
    const learners = await client.query(`DELETE FROM learner WHERE id IN (${orphans})`, [cutoff]);
    const links = await client.query('DELETE FROM learner_export_link WHERE expires_at < $1', [now]);
    const done = { ...report, learners: learners.rowCount ?? 0, exportLinks: links.rowCount ?? 0 };
    // A system action, audited only when it removed something (no row per idle hour); counts only, no ids.
    if (done.conversations + done.learners > 0) {
      await recordAudit(client, {
        actorId: null,
        action: 'retention.purged',
        detail: {
          via: options.via ?? 'system',
          retentionDays: options.retentionDays,
          cutoff: done.cutoff,
          conversations: done.conversations,
          turns: done.turns,
          learners: done.learners,
        },
        at: now,
      });
    }
    return done;
  });
}
