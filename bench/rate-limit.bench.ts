import { createSharedRateLimiter } from '../adapters/storage/rate-limit-store.js';
import { createRateLimiter } from '../adapters/web/rate-limiter.js';
import { createTestDatabase } from '../tests/support/database.js';

/**
 * What a counted request pays for a rate limit shared through PostgreSQL (one upsert) against the in-memory
 * limiter: `take` timed one call after another for 50 clients, the two alternated in each round, on a fresh
 * database (TEST_DATABASE_URL). Not part of the tests.
 *
 *   npx tsx bench/rate-limit.bench.ts [calls=1000] [rounds=3]
 */
const calls = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 3);
const database = await createTestDatabase();
try {
  const limiters = {
    memory: createRateLimiter({ perMinute: 30 }),
    postgresql: createSharedRateLimiter({ pool: database.pool, name: 'bench', perMinute: 30 }),
  };
  const at = (sorted: number[], share: number) => sorted[Math.floor(sorted.length * share)]!.toFixed(3);
  for (let round = 1; round <= rounds; round += 1)
    for (const [kind, limiter] of Object.entries(limiters)) {
      const times: number[] = [];
      for (let index = 0; index < calls; index += 1) {
        const started = performance.now();
        await limiter.take(`203.0.113.${index % 50}`);
        times.push(performance.now() - started);
      }
      times.sort((left, right) => left - right);
      console.log(`round ${round} ${kind}: median ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms per take`);
    }
} finally {
  await database.drop();
}
