import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAssistantRetrieval } from '../../adapters/assistant/catalogue-recommender.js';
import { readTaxonomySeedFile } from '../../adapters/storage/taxonomy-sources.js';
import { watchCatalogue, type CatalogueWatcher } from '../../adapters/index/catalogue-watcher.js';
import { silentLogger } from '../../adapters/logging.js';
import { startPush, type RunningPush } from '../../adapters/push/start-push.js';
import { createSubscriptionStore } from '../../adapters/push/subscription-store.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The in-process runner (what the embedded database uses) with the real retrieval: a topic follower and a
 * profile follower whose profile says "free only" — the profile's hard constraints decide what is pushed —
 * get one web digest each, with reasons; a later import the same period waits.
 */

let database: TestDatabase;
let dataDir: string;
let watcher: CatalogueWatcher;
let push: RunningPush | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-push-runner-'));
  const retrieval = await openAssistantRetrieval({
    database,
    dataDir,
    ratings: { ratingsFor: async () => new Map() },
    taxonomy: await readTaxonomySeedFile(),
  });
  watcher = await watchCatalogue({
    database,
    databaseUrl: database.url,
    retrieval: retrieval.service,
    log: silentLogger,
    checkSeconds: 30,
  });
  const configuration = loadConfiguration({
    VEILEDER_PUSH_RUNNER: 'in-process',
    VEILEDER_PUSH_CHECK_SECONDS: '0.5',
    VEILEDER_PUSH_GATHER_MINUTES: '0',
    VEILEDER_PUBLIC_URL: 'http://veileder.test',
  });
  push = await startPush({
    database,
    configuration,
    log: silentLogger,
    recommender: retrieval.recommender,
    catalogue: retrieval.service.catalogue,
    synchronise: () => watcher.synchronise(),
  });
}, 300_000);

afterAll(async () => {
  await push?.close();
  await watcher?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function learner(profile: unknown): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
  if (profile)
    await database.pool.query('INSERT INTO profile (learner_id, data) VALUES ($1, $2)', [
      rows[0]!.id,
      JSON.stringify(profile),
    ]);
  return rows[0]!.id;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const digestsOf = async (learnerId: string) =>
  (
    await database.pool.query(
      `SELECT state, channel, payload FROM push_message WHERE learner_id = $1 AND kind = 'digest'`,
      [learnerId],
    )
  ).rows;

async function importFeed(name: string, records: Record<string, unknown>[]): Promise<void> {
  const file = path.join(dataDir, `${name}.jsonl`);
  await writeFile(
    file,
    `${records
      .map((record) =>
        JSON.stringify({
          level: 'course',
          language: 'nb',
          type: 'course',
          provider: 'Fagskolen Test',
          city: 'Bergen',
          source: name,
          ...record,
        }),
      )
      .join('\n')}\n`,
  );
  const report = await importCatalogueFile(database, { file, source: name });
  expect(report.rejected).toBe(0);
}

it('matches new offerings with the learner’s constraints and delivers one web digest per period', async () => {
  expect(push?.jobs.runner).toBe('in-process');
  const store = createSubscriptionStore({ pool: database.pool });
  const topicLearner = await learner(undefined);
  const freeLearner = await learner({
    topics: ['sveising'],
    goals: [],
    modes: [],
    places: [],
    levels: [],
    avoid: [],
    budget: { free: true },
  });
  await store.follow({ learnerId: topicLearner, kind: 'topic', topic: 'sveising', language: 'nb' });
  await store.follow({ learnerId: freeLearner, kind: 'profile', topic: '', language: 'en' });
  await database.pool.query('UPDATE push_preference SET quiet_start_hour = 0, quiet_end_hour = 0');

  await importFeed('welding', [
    {
      id: 'w-free',
      title: 'Gratis sveisekurs for nybegynnere',
      description: 'Sveising: MIG/MAG og sikkerhet.',
      isFree: true,
      priceNok: 0,
      url: 'https://example.org/w-free',
    },
    {
      id: 'w-paid',
      title: 'Sveising for viderekomne',
      description: 'Sveising med TIG, sertifisering.',
      isFree: false,
      priceNok: 12000,
      url: 'https://example.org/w-paid',
    },
  ]);

  const topicDigest = await eventually(
    () => digestsOf(topicLearner),
    (rows) => rows.some((row) => row.state === 'sent'),
  );
  expect(topicDigest).toHaveLength(1);
  expect(topicDigest[0].channel).toBe('web');
  expect(topicDigest[0].payload.items.map((item: { title: string }) => item.title).sort()).toEqual([
    'Gratis sveisekurs for nybegynnere',
    'Sveising for viderekomne',
  ]);
  expect(topicDigest[0].payload.items[0].reason.nb.length).toBeGreaterThan(0);

  // "Free only" is a hard constraint of that learner's profile: the paid course is never pushed to them.
  const freeDigest = await eventually(
    () => digestsOf(freeLearner),
    (rows) => rows.some((row) => row.state === 'sent'),
  );
  expect(freeDigest[0].payload.items.map((item: { title: string }) => item.title)).toEqual([
    'Gratis sveisekurs for nybegynnere',
  ]);
  expect(freeDigest[0].payload.text.en).toBe('A new course that fits you:');

  // The same week: matched, but no second digest.
  await importFeed('welding-more', [
    {
      id: 'w-more',
      title: 'Sveising av rustfritt stål',
      description: 'Sveising av rustfritt.',
      isFree: true,
      priceNok: 0,
    },
  ]);
  await eventually(
    async () =>
      (
        await database.pool.query(
          'SELECT count(*)::int AS waiting FROM push_match WHERE learner_id = $1 AND message_id IS NULL',
          [topicLearner],
        )
      ).rows[0].waiting,
    (waiting) => waiting === 1,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await digestsOf(topicLearner)).toHaveLength(1);
}, 120_000);
