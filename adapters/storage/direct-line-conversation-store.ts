import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { WebChatActivity, WebChatConversations } from '../../src/web-chat/web-chat-conversations.js';
import { generatedKey } from './generated-key.js';

/**
 * The web chat's Direct Line conversations in PostgreSQL (direct_line_conversation, direct_line_activity), the
 * WebChatConversations port: a token issued by one process works on the next, and the reply a turn on one
 * process stores is read by a client polling another. What a client may store is bounded per activity (the
 * router), per conversation (count and bytes, here) and per page read; idle conversations are purged with
 * their activities.
 */
export type DirectLineStoreLimits = { maxActivities: number; maxConversationBytes: number; idleMinutes: number };

// A page: Web Chat polls every second and usually gets a handful; the bounds keep one GET from answering with
// a whole conversation (issue 15: a 90 MB response). At least one activity is always returned, so a client
// always makes progress.
const pageActivities = 100;
const pageBytes = 200 * 1024;
// last_used_at is refreshed at most this often, so polling does not write a row every second.
const touchInterval = "interval '1 minute'";

export function createDirectLineConversations(options: {
  pool: pg.Pool;
  limits: DirectLineStoreLimits;
}): WebChatConversations {
  const { pool, limits } = options;

  // On every create: the index on last_used_at makes it cheap when nothing is idle, starts are rate-limited,
  // and no timer has to be run and stopped with the process.
  async function purgeIdle() {
    await pool.query('DELETE FROM direct_line_conversation WHERE last_used_at < now() - make_interval(mins => $1)', [
      limits.idleMinutes,
    ]);
  }

  return {
    async create() {
      await purgeIdle();
      const id = randomBytes(12).toString('base64url');
      await pool.query('INSERT INTO direct_line_conversation (id) VALUES ($1)', [id]);
      return id;
    },
    async open(conversationId) {
      await pool.query(
        `INSERT INTO direct_line_conversation (id) VALUES ($1)
         ON CONFLICT (id) DO UPDATE SET last_used_at = now() WHERE direct_line_conversation.last_used_at < now() - ${touchInterval}`,
        [conversationId],
      );
    },
    async append(conversationId, activity, appendOptions) {
      const body = JSON.stringify(activity);
      const bytes = Buffer.byteLength(body);
      // One statement: the UPDATE checks the limits and claims the next sequence under the conversation's row
      // lock, so concurrent appends (two processes) number their activities without gaps or duplicates.
      const { rows } = await pool.query<{ sequence: number }>(
        `WITH claimed AS (
           UPDATE direct_line_conversation
              SET next_sequence = next_sequence + 1, total_bytes = total_bytes + $2, last_used_at = now()
            WHERE id = $1 AND (NOT $4::boolean OR (next_sequence < $5 AND total_bytes + $2 <= $6))
           RETURNING id, next_sequence - 1 AS sequence)
         INSERT INTO direct_line_activity (conversation_id, sequence, body, bytes)
         SELECT id, sequence, $3::jsonb, $2 FROM claimed
         RETURNING sequence`,
        [conversationId, bytes, body, appendOptions.limited, limits.maxActivities, limits.maxConversationBytes],
      );
      return rows[0] ? { kind: 'appended', id: activityId(conversationId, rows[0].sequence) } : { kind: 'refused' };
    },
    async since(conversationId, watermark) {
      const { rows } = await pool.query<{
        next_sequence: number;
        sequence: number | null;
        body: WebChatActivity | null;
        created_at: Date | null;
      }>(
        `SELECT c.next_sequence, page.sequence, page.body, page.created_at
           FROM direct_line_conversation c
           LEFT JOIN LATERAL (
             SELECT sequence, body, created_at FROM (
               SELECT sequence, body, created_at, sum(bytes) OVER (ORDER BY sequence) AS through, row_number() OVER (ORDER BY sequence) AS position
                 FROM direct_line_activity WHERE conversation_id = c.id AND sequence >= $2
                ORDER BY sequence LIMIT $3) bounded
              WHERE position = 1 OR through <= $4) page ON true
          WHERE c.id = $1
          ORDER BY page.sequence`,
        [conversationId, Math.max(0, watermark), pageActivities, pageBytes],
      );
      const nextSequence = rows[0]?.next_sequence ?? 0;
      const stored = rows.filter((row) => row.sequence !== null);
      // A watermark past the end (the conversation idled out and began again) is brought back to it.
      if (!stored.length) return { activities: [], watermark: Math.min(Math.max(0, watermark), nextSequence) };
      const activities = stored.map((row) => ({
        ...row.body!,
        id: activityId(conversationId, row.sequence!),
        timestamp: row.created_at!.toISOString(),
        channelId: 'directline',
        conversation: { id: conversationId },
      }));
      return { activities, watermark: stored.at(-1)!.sequence! + 1 };
    },
  };
}

const activityId = (conversationId: string, sequence: number) =>
  `${conversationId}|${String(sequence).padStart(7, '0')}`;

const tokenKeyName = 'direct_line_token_key';

/**
 * The key Direct Line tokens are signed with: derived from the configured secret or, without one, generated
 * once and kept in push_state (the database's table of generated keys), so a token one process issued
 * verifies on every other.
 */
export async function loadDirectLineTokenKey(options: { pool: pg.Pool; secret: string | undefined }): Promise<Buffer> {
  if (options.secret) return createHmac('sha256', 'veileder-direct-line').update(options.secret).digest();
  return Buffer.from(await generatedKey(options.pool, tokenKeyName), 'base64url');
}
