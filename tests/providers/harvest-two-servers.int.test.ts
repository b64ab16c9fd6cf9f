import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findFeed, registerFeed } from '../../adapters/storage/provider-feed-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeProviderFeed, type FakeProviderFeed } from '../support/fake-provider-feed.js';
import { spawnVeileder, type SpawnedVeileder } from '../support/spawn-veileder.js';

/**
 * Two real `veileder serve` processes on one PostgreSQL, both checking every second for due feeds (on
 * pg-boss): a provider's feed is fetched and imported once per schedule, never once per process.
 */

let database: TestDatabase;
let fake: FakeProviderFeed;
let workDir: string;
const servers: SpawnedVeileder[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeProviderFeed();
  workDir = await mkdtemp(path.join(tmpdir(), 'veileder-harvest-two-'));
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await fake?.close();
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const importRuns = async () =>
  (await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM import_run')).rows[0]!.count;

it('harvests a due feed exactly once per schedule across two server processes', async () => {
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO provider (name, normalized_name) VALUES ('Studieforbundet Kurs', 'studieforbundet kurs') RETURNING id`,
  );
  fake.publish(
    ['Akvarell', 'Gitar for nybegynnere', 'Norsk for innvandrere'].map((title, index) => ({
      id: `s${index}`,
      title,
      description: `${title} på kveldstid.`,
      provider: 'Studieforbundet Kurs',
      city: 'Trondheim',
      language: 'nb',
    })),
  );
  const feed = await registerFeed(database.pool, {
    providerId: rows[0]!.id,
    url: fake.url,
    format: 'jsonl',
    scheduleMinutes: 60,
  });
  const started = await Promise.all(
    ['a', 'b'].map((name) =>
      spawnVeileder({
        timeoutMs: 240_000,
        environment: {
          DATABASE_URL: database.url,
          VEILEDER_DATA_DIR: path.join(workDir, name),
          VEILEDER_DEMO_CATALOGUE: 'false',
          VEILEDER_PUSH: 'false',
          VEILEDER_HARVEST_CHECK_SECONDS: '1',
          // The fake provider serves on loopback.
          VEILEDER_HARVEST_ALLOW_PRIVATE: 'true',
          VEILEDER_LOG_LEVEL: 'info',
        },
      }),
    ),
  );
  servers.push(...started);
  await waitFor(async () => (await findFeed(database.pool, feed.id))?.lastOutcome === 'imported', 60_000);
  // Both processes go on checking every second; give them several rounds to harvest it again if they would.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect(fake.answered.full).toBe(1);
  expect(await importRuns()).toBe(1);
  const { rows: offerings } = await database.pool.query(
    `SELECT 1 FROM offering_source WHERE source = $1 AND status = 'active'`,
    [feed.source],
  );
  expect(offerings).toHaveLength(3);
  // Which process harvested it shows in its log; the other saw no due feed.
  const harvestedBy = servers.filter((server) => server.log().includes(`Harvest of ${fake.url}`));
  expect(harvestedBy).toHaveLength(1);

  // The next schedule comes round: one conditional GET, answered 304, and no import.
  await database.pool.query('UPDATE provider_feed SET next_harvest_at = now() WHERE id = $1', [feed.id]);
  await waitFor(async () => (await findFeed(database.pool, feed.id))?.lastOutcome === 'not_modified', 60_000);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect(fake.answered).toEqual({ full: 1, notModified: 1, failed: 0 });
  expect(await importRuns()).toBe(1);
}, 360_000);
