import type pg from 'pg';

/**
 * Failed sign-ins per client address (table `sign_in_throttle`), counted in a fixed window. One
 * INSERT … ON CONFLICT … RETURNING decides each attempt, so parallel requests and several server processes
 * all count against the same row and none slips past the limit.
 */

export function createSignInThrottleStore(options: { pool: pg.Pool }) {
  const { pool } = options;
  return {
    /**
     * Counts an attempt from `address` before its password is checked (a success gives it back with
     * `forgive`); `allowed` is false once the address has more than `limit` in the window.
     */
    async take(attempt: {
      address: string;
      limit: number;
      windowMs: number;
      now: Date;
    }): Promise<{ allowed: boolean; retryAt: Date }> {
      const windowStart = new Date(attempt.now.getTime() - attempt.windowMs);
      // Old windows are swept here: an address that never comes back would otherwise stay for good.
      await pool.query('DELETE FROM sign_in_throttle WHERE window_started_at <= $1', [windowStart]);
      const { rows } = await pool.query<{ failures: number; windowStartedAt: Date }>(
        `INSERT INTO sign_in_throttle AS t (address, window_started_at, failures) VALUES ($1, $2, 1)
         ON CONFLICT (address) DO UPDATE SET
           failures = CASE WHEN t.window_started_at <= $3 THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at <= $3 THEN $2 ELSE t.window_started_at END
         RETURNING failures, window_started_at AS "windowStartedAt"`,
        [attempt.address, attempt.now, windowStart],
      );
      const row = rows[0]!;
      return {
        allowed: row.failures <= attempt.limit,
        retryAt: new Date(row.windowStartedAt.getTime() + attempt.windowMs),
      };
    },

    /** A successful sign-in does not count against its address. */
    async forgive(address: string): Promise<void> {
      await pool.query('UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0) WHERE address = $1', [
        address,
      ]);
    },
  };
}

export type SignInThrottleStore = ReturnType<typeof createSignInThrottleStore>;
