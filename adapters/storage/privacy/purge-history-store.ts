import type pg from 'pg';
import type { PurgeHistory, PurgeRecord } from '../../../src/privacy/purge-history.js';

/** The purge history as purge-expired-data.ts records it: 'retention.purged' entries in the audit log. */
export function createPurgeHistory(options: { pool: pg.Pool }): PurgeHistory {
  return {
    async latest() {
      const { rows } = await options.pool.query<PurgeRecord>(
        "SELECT at, detail FROM audit_log WHERE action = 'retention.purged' ORDER BY at DESC LIMIT 1",
      );
      return rows[0];
    },
  };
}
