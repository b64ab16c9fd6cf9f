import type pg from 'pg';
import { languageSchema } from '../../src/profile/profile.js';
import type { Rhythm } from '../../src/push/delivery-window.js';
import { storedMessagePayloadSchema } from '../../src/push/learner-message.js';
import type {
  PushPreferences,
  Subscription,
  SubscriptionStore,
  WaitingNotice,
} from '../../src/push/subscription-store.js';
import type { PushMessageRow, PushPreferenceRow, PushSubscriptionRow } from '../storage/rows.generated.js';
import { inTransaction } from '../storage/transaction.js';

/** What learners follow, on PostgreSQL (push_preference, push_subscription; web notices from push_message). */

// push_preference_rhythm_check holds rhythm to the three rhythms.
type PreferenceRow = PushPreferenceRow & { rhythm: Rhythm };

const toPreferences = (row: PreferenceRow): PushPreferences => ({
  rhythm: row.rhythm,
  quiet: { startHour: row.quiet_start_hour, endHour: row.quiet_end_hour, timeZone: row.time_zone },
  language: languageSchema.catch('nb').parse(row.language),
  offerDeclined: row.offer_declined_at !== null,
  unsubscribed: row.unsubscribed_at !== null,
});

export async function readPreferences(
  database: Pick<pg.Pool, 'query'>,
  learnerId: string,
): Promise<PushPreferences | undefined> {
  const { rows } = await database.query<PreferenceRow>('SELECT * FROM push_preference WHERE learner_id = $1', [
    learnerId,
  ]);
  return rows[0] ? toPreferences(rows[0]) : undefined;
}

/** Insert or touch the learner's preference row, keeping the language they last used. */
const upsertPreference = `INSERT INTO push_preference (learner_id, language) VALUES ($1, $2)
  ON CONFLICT (learner_id) DO UPDATE SET language = EXCLUDED.language, updated_at = CURRENT_TIMESTAMP`;

/** Whether web notices wait for `learner` (an SQL expression), asked in the turn's first statement. */
export const noticesWaiting = (learner: string) =>
  `EXISTS (SELECT 1 FROM push_message WHERE learner_id = ${learner} AND channel = 'web' AND state = 'sent' AND seen_at IS NULL)`;

export function createSubscriptionStore(options: { pool: pg.Pool }): SubscriptionStore {
  const { pool } = options;
  return {
    preferences: (learnerId) => readPreferences(pool, learnerId),

    async subscriptions(learnerId) {
      const { rows } = await pool.query<
        Pick<PushSubscriptionRow, 'id' | 'topic' | 'created_at'> & { kind: 'profile' | 'topic' } // push_subscription_kind_check
      >('SELECT id, kind, topic, created_at FROM push_subscription WHERE learner_id = $1 ORDER BY created_at', [
        learnerId,
      ]);
      return rows.map(
        (row): Subscription => ({ id: row.id, kind: row.kind, topic: row.topic, createdAt: row.created_at }),
      );
    },

    follow: (input) =>
      inTransaction(pool, async (client) => {
        // Following again is a clear yes: it undoes an earlier unsubscribe, "no thanks" or pause.
        await client.query(upsertPreference, [input.learnerId, input.language]);
        await client.query(
          `UPDATE push_preference SET unsubscribed_at = NULL, offer_declined_at = NULL, rhythm = CASE WHEN rhythm = 'off' THEN 'weekly' ELSE rhythm END WHERE learner_id = $1`,
          [input.learnerId],
        );
        const inserted = await client.query(
          'INSERT INTO push_subscription (learner_id, kind, topic) VALUES ($1, $2, $3) ON CONFLICT (learner_id, kind, topic) DO NOTHING',
          [input.learnerId, input.kind, input.topic],
        );
        return { created: (inserted.rowCount ?? 0) > 0 };
      }),

    stop: (input) =>
      inTransaction(pool, async (client) => {
        if (input.topic !== undefined) {
          const removed = await client.query(
            `DELETE FROM push_subscription WHERE learner_id = $1 AND kind = 'topic' AND topic = $2`,
            [input.learnerId, input.topic],
          );
          return { removed: removed.rowCount ?? 0 };
        }
        const removed = await client.query('DELETE FROM push_subscription WHERE learner_id = $1', [input.learnerId]);
        await unsubscribeLearner(client, input.learnerId);
        return { removed: removed.rowCount ?? 0 };
      }),

    async setRhythm(input) {
      await pool.query(upsertPreference, [input.learnerId, input.language]);
      await pool.query('UPDATE push_preference SET rhythm = $2 WHERE learner_id = $1', [input.learnerId, input.rhythm]);
    },

    async setQuietHours(input) {
      await pool.query(upsertPreference, [input.learnerId, input.language]);
      await pool.query('UPDATE push_preference SET quiet_start_hour = $2, quiet_end_hour = $3 WHERE learner_id = $1', [
        input.learnerId,
        input.startHour,
        input.endHour,
      ]);
    },

    async declineOffer(input) {
      await pool.query(upsertPreference, [input.learnerId, input.language]);
      await pool.query('UPDATE push_preference SET offer_declined_at = CURRENT_TIMESTAMP WHERE learner_id = $1', [
        input.learnerId,
      ]);
    },

    async waitingNotices(learnerId) {
      const { rows } = await pool.query<Pick<PushMessageRow, 'id' | 'kind' | 'payload'>>(
        `SELECT id, kind, payload FROM push_message WHERE learner_id = $1 AND channel = 'web' AND state = 'sent' AND seen_at IS NULL ORDER BY sent_at LIMIT 5`,
        [learnerId],
      );
      return rows.flatMap((row): WaitingNotice[] => {
        const payload = storedMessagePayloadSchema.safeParse(row.payload);
        return payload.success
          ? [{ messageId: row.id, kind: row.kind, text: payload.data.text, items: payload.data.items }]
          : [];
      });
    },

    async markShown(messageIds) {
      if (messageIds.length === 0) return;
      await pool.query(
        'UPDATE push_message SET seen_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP WHERE id = ANY($1::text[])',
        [messageIds],
      );
    },
  };
}

/**
 * One action unsubscribes, honoured at once: the learner is marked unsubscribed, waiting matches are dropped,
 * and digests not yet sent — pending, or claimed by a process that has not sent yet — are cancelled (a
 * sender re-reads the state right before sending and after, see deliver-message.ts).
 */
export async function unsubscribeLearner(client: Pick<pg.PoolClient, 'query'>, learnerId: string): Promise<void> {
  await client.query(
    `INSERT INTO push_preference (learner_id, unsubscribed_at) VALUES ($1, CURRENT_TIMESTAMP)
                      ON CONFLICT (learner_id) DO UPDATE SET unsubscribed_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP`,
    [learnerId],
  );
  await client.query('DELETE FROM push_match WHERE learner_id = $1 AND message_id IS NULL', [learnerId]);
  await client.query(
    `UPDATE push_message SET state = 'cancelled', last_error = 'unsubscribed', updated_at = CURRENT_TIMESTAMP
                       WHERE learner_id = $1 AND kind = 'digest' AND state IN ('pending', 'sending')`,
    [learnerId],
  );
}
