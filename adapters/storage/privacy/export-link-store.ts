import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { LearnerExportLinkRow } from '../rows.generated.js';

/**
 * One-time-looking, short-lived download links for a learner's data export. The token is 32 random bytes;
 * only its SHA-256 is stored, so a database dump holds no usable link. A link may be opened more than
 * once until it expires (chat clients such as Slack fetch links to preview them).
 */

const hashExportToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createExportToken(options: {
  pool: pg.Pool;
  learnerId: string;
  minutes: number;
  now?: Date;
}): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  await options.pool.query('DELETE FROM learner_export_link WHERE expires_at < $1', [now]);
  await options.pool.query(
    'INSERT INTO learner_export_link (token_hash, learner_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [hashExportToken(token), options.learnerId, now, new Date(now.getTime() + options.minutes * 60_000)],
  );
  return token;
}

/** The learner a live token names; null when unknown or expired. */
export async function learnerForExportToken(options: {
  pool: pg.Pool;
  token: string;
  now?: Date;
}): Promise<string | null> {
  const { rows } = await options.pool.query<Pick<LearnerExportLinkRow, 'learner_id'>>(
    'SELECT learner_id FROM learner_export_link WHERE token_hash = $1 AND expires_at > $2',
    [hashExportToken(options.token), options.now ?? new Date()],
  );
  return rows[0]?.learner_id ?? null;
}
