import type pg from 'pg';

/**
 * Slack requests already taken (table `slack_delivery`). `claim` is one INSERT … ON CONFLICT DO NOTHING, so
 * of two deliveries of the same key — a retry, a replay, on this process or another — exactly one wins.
 */

export function createSlackDeliveryStore(options: { pool: pg.Pool }) {
  const { pool } = options;
  return {
    /** True for the first delivery of `key` until `expiresAt`; false for every later one. */
    async claim(delivery: { key: string; now: Date; expiresAt: Date }): Promise<boolean> {
      // Expired keys go first, so a key past its expiry can be taken again and the table stays small.
      await pool.query('DELETE FROM slack_delivery WHERE expires_at <= $1', [delivery.now]);
      const { rowCount } = await pool.query(
        'INSERT INTO slack_delivery (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [delivery.key, delivery.expiresAt],
      );
      return rowCount === 1;
    },
  };
}

export type SlackDeliveryStore = ReturnType<typeof createSlackDeliveryStore>;
