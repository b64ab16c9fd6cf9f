import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { requestFrom } from '../support/request-from.js';

// Issue 15, item 19: anonymous text search on /api/offerings costs database time, so each client IP gets a
// budget of searches; browsing without `q` stays free. Each test speaks from its own loopback address.

let database: TestDatabase;
let server: Server;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = createHttpApp({ database, offerings: { searchesPerMinute: 3 } }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

test('text searches past the budget get 429 with Retry-After; browsing and other clients are not held back', async () => {
  const statuses: number[] = [];
  for (let index = 0; index < 3; index += 1) statuses.push((await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?q=sykepleie` })).status);
  expect(statuses).toEqual([200, 200, 200]);
  const refused = await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?q=ledelse` });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/search/i) } });
  expect((await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?free=true` })).status).toBe(200);
  expect((await requestFrom({ localAddress: '127.0.0.3', url: `${base}/api/offerings?q=sykepleie` })).status).toBe(200);
});
