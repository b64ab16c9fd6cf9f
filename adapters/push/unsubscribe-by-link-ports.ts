import type pg from 'pg';
import { languageSchema } from '../../src/profile/profile.js';
import type { PushUnsubscriptions, UnsubscribeLinks } from '../../src/push/unsubscribe-ports.js';
import { inTransaction } from '../storage/transaction.js';
import { unsubscribeLearner } from './subscription-store.js';
import { loadUnsubscribeKey, readUnsubscribeToken } from './unsubscribe-token.js';

/** Signed unsubscribe links; the key is loaded once and loaded again after a failure. */
export function createUnsubscribeLinks(options: { pool: pg.Pool; configured: string | undefined }): UnsubscribeLinks {
  let key: Promise<string> | undefined;
  return {
    async learnerFor(token) {
      key ??= loadUnsubscribeKey(options).catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return readUnsubscribeToken({ key: await key, token });
    },
  };
}

export function createPushUnsubscriptions(options: { pool: pg.Pool }): PushUnsubscriptions {
  return {
    unsubscribe: (learnerId) =>
      inTransaction(options.pool, async (client) => {
        const exists = await client.query<{ language: string | null }>(
          'SELECT (SELECT language FROM push_preference WHERE learner_id = l.id) AS language FROM learner l WHERE l.id = $1',
          [learnerId],
        );
        if (exists.rows.length === 0) return undefined;
        await unsubscribeLearner(client, learnerId);
        return languageSchema.catch('nb').parse(exists.rows[0]!.language ?? 'nb');
      }),
  };
}
