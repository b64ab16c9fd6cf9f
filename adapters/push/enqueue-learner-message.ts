import type pg from 'pg';
import {
  enqueueLearnerMessageSchema,
  type EnqueueLearnerMessage,
  type EnqueuedLearnerMessage,
  type LearnerMessenger,
} from '../../src/push/learner-message.js';
import type { PushMessageRow } from '../storage/rows.generated.js';

/**
 * The push port on PostgreSQL: a message is one `push_message` row (the outbox). Enqueueing the same
 * `dedupeKey` twice returns the first row and changes nothing, so a caller may retry freely (and must use a
 * key that names the fact, e.g. `assignment:<assignment id>`). The push jobs deliver it — in the learner's
 * channel, outside their quiet hours, exactly once — whichever server process picks it up.
 *
 *   const messenger = createLearnerMessenger({ pool: database.pool });
 *   await messenger.enqueueLearnerMessage({ learnerId, kind: 'assignment', dedupeKey: `assignment:${id}`,
 *     text: { nb: 'Arbeidsgiveren din foreslår et kurs', nn: '…', en: '…' },
 *     items: [{ offeringId, title, provider, url, reason: { nb: '…', nn: '…', en: '…' } }],
 *     buttons: [{ label: { nb: 'Godta', nn: 'Godta', en: 'Accept' }, extension: 'organisations', command: 'accept', data: { assignmentId: id } }] });
 *
 * `onEnqueued` lets the job runner start delivery at once instead of at its next sweep.
 */
export function createLearnerMessenger(options: {
  pool: pg.Pool;
  onEnqueued?: (messageId: string) => void;
}): LearnerMessenger {
  return {
    async enqueueLearnerMessage(input: EnqueueLearnerMessage): Promise<EnqueuedLearnerMessage> {
      const message = enqueueLearnerMessageSchema.parse(input);
      const payload = { text: message.text, items: message.items, buttons: message.buttons };
      const inserted = await options.pool.query<{ id: string }>(
        `INSERT INTO push_message (learner_id, kind, dedupe_key, payload, not_before)
         VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, CURRENT_TIMESTAMP))
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [message.learnerId, message.kind, message.dedupeKey, JSON.stringify(payload), message.notBefore ?? null],
      );
      const id = inserted.rows[0]?.id;
      if (id) {
        options.onEnqueued?.(id);
        return { messageId: id, created: true };
      }
      const existing = await options.pool.query<Pick<PushMessageRow, 'id'>>(
        'SELECT id FROM push_message WHERE dedupe_key = $1',
        [message.dedupeKey],
      );
      return { messageId: existing.rows[0]!.id, created: false };
    },
  };
}
