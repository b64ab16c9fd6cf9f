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
let behindProxy: Server;
let base: string;
let proxiedBase: string;

async function listen(app: ReturnType<typeof createHttpApp>): Promise<[Server, string]> {
  const listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return [listening, `http://127.0.0.1:${(listening.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  database = await createTestDatabase();
  [server, base] = await listen(createHttpApp({ database, offerings: { searchesPerMinute: 3 } }));
  [behindProxy, proxiedBase] = await listen(
    createHttpApp({ database, offerings: { searchesPerMinute: 1 }, trustProxy: 1 }),
  );
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => behindProxy?.close(resolve));
  await database?.drop();
});

test('text searches past the budget get 429 with Retry-After; browsing and other clients are not held back', async () => {
  const statuses: number[] = [];
  for (let index = 0; index < 3; index += 1)
    statuses.push((await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?q=sykepleie` })).status);
  expect(statuses).toEqual([200, 200, 200]);
  const refused = await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?q=ledelse` });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/search/i) } });
  expect((await requestFrom({ localAddress: '127.0.0.2', url: `${base}/api/offerings?free=true` })).status).toBe(200);
  expect((await requestFrom({ localAddress: '127.0.0.3', url: `${base}/api/offerings?q=sykepleie` })).status).toBe(200);
});

test('behind a trusted proxy the client is the one X-Forwarded-For names; without trust the header is ignored', async () => {
  const search = (target: string, forwardedFor: string) =>
    requestFrom({
      localAddress: '127.0.0.4',
      url: `${target}/api/offerings?q=sykepleie`,
      headers: { 'X-Forwarded-For': forwardedFor },
    });
  expect((await search(proxiedBase, '203.0.113.1')).status).toBe(200);
  expect((await search(proxiedBase, '203.0.113.1')).status).toBe(429);
  expect((await search(proxiedBase, '203.0.113.2')).status).toBe(200);
  const statuses: number[] = [];
  for (const forwardedFor of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'])
    statuses.push((await search(base, forwardedFor)).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
});
