import type pg from 'pg';
import type { RateLimiter } from '../web/rate-limiter.js';

/**
 * Token buckets in PostgreSQL (table rate_limit_bucket), for many processes on one database server: every
 * process takes from the same bucket, so a client gets its budget once however many processes answer it,
 * where the in-memory limiter (adapters/web/rate-limiter.ts) gives it once per process. The same bucket as
 * in memory — up to `perMinute` tokens, refilled at `perMinute` a minute, one per request — taken in one
 * upsert under the row's lock, so parallel requests on several processes never both get the last token.
 * Time is the database's, the one clock every process shares.
 */

// A bucket idle for a minute is full again, exactly as if it had never been written: rows older than that
// are deleted once every `sweepEvery` checks a process makes, so clients seen once do not pile up.
const sweepEvery = 1000;
const sweepAfter = "interval '2 minutes'";

export function createSharedRateLimiter(options: { pool: pg.Pool; name: string; perMinute: number }): RateLimiter {
  const { pool, name, perMinute } = options;
  const perSecond = perMinute / 60;
  let checks = 0;
  return {
    async take(client) {
      checks += 1;
      if (checks % sweepEvery === 0)
        pool.query(`DELETE FROM rate_limit_bucket WHERE updated_at < now() - ${sweepAfter}`).catch(() => {});
      // $3 the capacity, $4 the refill per second; `level` is the bucket refilled up to now, before this request.
      const level = 'least($3::float8, bucket.tokens + extract(epoch FROM now() - bucket.updated_at) * $4::float8)';
      const { rows } = await pool.query<{ allowed: boolean; tokens: number }>(
        `INSERT INTO rate_limit_bucket AS bucket (limiter, client, tokens, allowed, updated_at)
         VALUES ($1, $2, $3::float8 - 1, true, now())
         ON CONFLICT (limiter, client) DO UPDATE SET
           tokens = CASE WHEN ${level} >= 1 THEN ${level} - 1 ELSE ${level} END,
           allowed = ${level} >= 1,
           updated_at = now()
         RETURNING allowed, tokens`,
        [name, client, perMinute, perSecond],
      );
      const { allowed, tokens } = rows[0]!;
      if (allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    },
  };
}
