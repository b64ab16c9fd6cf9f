import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../adapters/storage/database.js';
import { createSharedRateLimiter } from '../../adapters/storage/rate-limit-store.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { requestFrom } from '../support/request-from.js';

// Issue 17: on a PostgreSQL server, rate limits are shared by every process, so a client gets its budget once
// however many processes answer it. Two apps, each with its own connection pool (two processes), on one database.

let database: TestDatabase;
let second: Database;
const servers: Server[] = [];
let first: string;
let other: string;

async function listen(app: ReturnType<typeof createHttpApp>): Promise<string> {
  const listening = app.listen(0, '127.0.0.1');
  servers.push(listening);
  await new Promise((resolve) => listening.once('listening', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openDatabase({ databaseUrl: database.url, dataDir: '' });
  first = await listen(createHttpApp({ database, offerings: { searchesPerMinute: 2 } }));
  other = await listen(createHttpApp({ database: second, offerings: { searchesPerMinute: 2 } }));
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await second?.close();
  await database?.drop();
});

test('two processes on one database give a client one search budget between them, not one each', async () => {
  const search = (base: string, localAddress: string) =>
    requestFrom({ localAddress, url: `${base}/api/offerings?q=sykepleie` });
  const statuses = [];
  for (const base of [first, other, first, other]) statuses.push((await search(base, '127.0.0.2')).status);
  expect(statuses).toEqual([200, 200, 429, 429]);
  const refused = await search(other, '127.0.0.2');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
  expect((await search(other, '127.0.0.3')).status).toBe(200);
});

test('parallel requests through two pools never take more than the budget', async () => {
  const limiters = [database, second].map((one) =>
    createSharedRateLimiter({ pool: one.pool, name: 'parallel', perMinute: 5 }),
  );
  const taken = await Promise.all(Array.from({ length: 24 }, (_, index) => limiters[index % 2]!.take('198.51.100.9')));
  expect(taken.filter((one) => one.allowed)).toHaveLength(5);
  const refused = taken.find((one) => !one.allowed);
  // One token comes back every 12 s at 5 a minute.
  expect(refused).toMatchObject({ allowed: false });
  expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeLessThanOrEqual(12);
  expect(await limiters[0]!.take('198.51.100.10')).toEqual({ allowed: true });
});
