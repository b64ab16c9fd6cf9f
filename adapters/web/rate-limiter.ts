/** What a limiter answers: go on, or how many seconds until the client may try again. */
type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client request budgets (the client is usually an IP address). Two implementations: this process's
 * memory (below), and PostgreSQL (adapters/storage/rate-limit-store.ts), shared by every process on a database
 * server; adapters/web-stores.ts picks one.
 */
export type RateLimiter = {
  /** Takes a token for `client`; when none is left, says how many seconds until one is. */
  take(client: string): LimitDecision | Promise<LimitDecision>;
};

/**
 * Token buckets per client in this process's memory: each holds up to `perMinute` tokens, refills at
 * `perMinute` a minute, and a request takes one. For the embedded database, which has one process; a refused
 * request costs no round trip. The map is bounded, so a flood from many addresses cannot grow it without end.
 */

type Bucket = { tokens: number; updatedAt: number };

export function createRateLimiter(options: { perMinute: number; maxClients?: number; now?: () => number }): {
  take(client: string): LimitDecision;
} {
  const capacity = options.perMinute;
  const perMillisecond = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  function refilled(bucket: Bucket, at: number): number {
    return Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * perMillisecond);
  }

  return {
    take(client) {
      const at = now();
      const known = buckets.get(client);
      // Full: forget the least recently seen client, whose bucket has most likely refilled anyway.
      if (!known && buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
      const tokens = known ? refilled(known, at) : capacity;
      // Re-inserted so the map's order is least recently seen first.
      buckets.delete(client);
      if (tokens < 1) {
        buckets.set(client, { tokens, updatedAt: at });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMillisecond / 1000)) };
      }
      buckets.set(client, { tokens: tokens - 1, updatedAt: at });
      return { allowed: true };
    },
  };
}
