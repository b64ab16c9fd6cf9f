import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harvestDueFeeds, type HarvestedFeed } from '../../adapters/feeds/harvest-feeds.js';
import { silentLogger } from '../../adapters/logging.js';
import {
  findFeed,
  harvestFeedSoon,
  listFeeds,
  registerFeed,
  type ProviderFeed,
} from '../../adapters/storage/provider-feed-store.js';
import { readProviderRun } from '../../adapters/storage/provider-run-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeProviderFeed, type FakeProviderFeed } from '../support/fake-provider-feed.js';

// The fake provider serves on loopback, which a harvest refuses unless told (VEILEDER_HARVEST_ALLOW_PRIVATE):
// these tests allow it, and the last one checks the refusal.
/**
 * Issue 19's must-show, in one process: a provider's feed on a real HTTP server that changes between
 * harvests. New offerings appear, changed ones update, missing ones are withdrawn; an unchanged feed (304)
 * costs no import; a feed that starts failing keeps its catalogue, is flagged and backs off.
 */

const providerName = 'Fagskolen Høstvik';
let database: TestDatabase;
let fake: FakeProviderFeed;
let providerId: string;
let feed: ProviderFeed;

const course = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  description: `${title}: et kurs på fagskolenivå.`,
  provider: providerName,
  city: 'Bergen',
  level: 'vocational',
  language: 'nb',
  url: `https://hostvik.example.no/kurs/${id}`,
  ...extra,
});

async function harvestNow(): Promise<HarvestedFeed[]> {
  await harvestFeedSoon(database.pool, feed.id);
  return harvestDueFeeds({
    database,
    worker: 'test-worker',
    log: silentLogger,
    settings: {
      maximumBytes: 10 * 1024 * 1024,
      timeoutSeconds: 10,
      maximumRedirects: 3,
      allowPrivateAddresses: true,
      usdToNok: 10.75,
    },
  });
}

async function offeringsOfFeed(): Promise<Record<string, { title: string; status: string }>> {
  const { rows } = await database.pool.query<{ external_id: string; title: string; status: string }>(
    `SELECT s.external_id, o.title, o.status FROM offering_source s JOIN offering o ON o.id = s.offering_id WHERE s.source = $1`,
    [feed.source],
  );
  return Object.fromEntries(rows.map((row) => [row.external_id, { title: row.title, status: row.status }]));
}

const importRuns = async () =>
  (await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM import_run')).rows[0]!.count;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeProviderFeed();
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO provider (name, normalized_name, kind) VALUES ($1, 'fagskolen høstvik', 'vocational_college') RETURNING id`,
    [providerName],
  );
  providerId = rows[0]!.id;
  feed = await registerFeed(database.pool, { providerId, url: fake.url, format: 'jsonl', scheduleMinutes: 60 });
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

describe('a harvested feed follows the provider’s catalogue', () => {
  it('imports the first version as the provider’s own feed', async () => {
    fake.publish([course('k1', 'Elektro grunnkurs'), course('k2', 'Sveising'), course('k3', 'Rørlegging')]);
    const [harvest] = await harvestNow();
    expect(harvest).toMatchObject({ outcome: 'imported' });
    expect(await offeringsOfFeed()).toEqual({
      k1: { title: 'Elektro grunnkurs', status: 'active' },
      k2: { title: 'Sveising', status: 'active' },
      k3: { title: 'Rørlegging', status: 'active' },
    });
    const stored = (await findFeed(database.pool, feed.id))!;
    expect(stored).toMatchObject({ lastOutcome: 'imported', consecutiveFailures: 0, lastError: null });
    expect(stored.validators.etag).toMatch(/^"[0-9a-f]{16}"$/);
    // The next harvest is one schedule (60 min) on.
    const minutesAhead = (stored.nextHarvestAt.getTime() - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(58);
    expect(minutesAhead).toBeLessThanOrEqual(60);
  });

  it('adds new offerings, updates changed ones and withdraws the missing, and reports them on the run', async () => {
    fake.publish([
      course('k1', 'Elektro grunnkurs'),
      course('k2', 'Sveising for viderekomne'),
      course('k4', 'Automasjon'),
    ]);
    const [harvest] = await harvestNow();
    expect(harvest?.outcome).toBe('imported');
    expect(await offeringsOfFeed()).toEqual({
      k1: { title: 'Elektro grunnkurs', status: 'active' },
      k2: { title: 'Sveising for viderekomne', status: 'active' },
      k3: { title: 'Rørlegging', status: 'withdrawn' },
      k4: { title: 'Automasjon', status: 'active' },
    });
    const runId = (harvest as { runId: string }).runId;
    const report = await readProviderRun(database.pool, { providerId, runId, offset: 0, limit: 100 });
    expect(report).toMatchObject({
      origin: 'harvest',
      file: fake.url,
      status: 'finished',
      counts: { read: 3, inserted: 1, updated: 1, unchanged: 1, withdrawn: 1, rejected: 0 },
      withdrawals: [{ title: 'Rørlegging' }],
    });
  });

  it('costs no import when the feed has not changed (304)', async () => {
    const runsBefore = await importRuns();
    const notModifiedBefore = fake.answered.notModified;
    const [harvest] = await harvestNow();
    expect(harvest).toMatchObject({ outcome: 'not_modified' });
    expect(fake.answered.notModified).toBe(notModifiedBefore + 1);
    expect(await importRuns()).toBe(runsBefore);
    expect(await findFeed(database.pool, feed.id)).toMatchObject({
      lastOutcome: 'not_modified',
      consecutiveFailures: 0,
    });
  });

  it('rejects a record of another provider with its line, and keeps the rest', async () => {
    fake.publish([
      course('k1', 'Elektro grunnkurs'),
      course('k2', 'Sveising for viderekomne'),
      course('k4', 'Automasjon'),
      course('x1', 'Kurs fra en annen', { provider: 'Universitetet i Bergen' }),
      ...Array.from({ length: 8 }, (_, index) => course(`n${index}`, `Nytt kurs ${index}`)),
    ]);
    const [harvest] = await harvestNow();
    expect(harvest?.outcome).toBe('imported');
    const report = await readProviderRun(database.pool, {
      providerId,
      runId: (harvest as { runId: string }).runId,
      offset: 0,
      limit: 100,
    });
    expect(report?.rejections).toHaveLength(1);
    expect(report?.rejections[0]).toMatchObject({ line: 4 });
    expect(report?.rejections[0]?.reason).toMatch(/own feed of another provider/);
    expect(Object.keys(await offeringsOfFeed())).not.toContain('x1');
  });

  it('keeps the catalogue of a feed that starts failing, flags it and backs off', async () => {
    const before = await offeringsOfFeed();
    fake.failing = true;
    const [first] = await harvestNow();
    expect(first).toMatchObject({ outcome: 'failed' });
    expect((first as { error: string }).error).toMatch(/HTTP 500/);
    expect(await offeringsOfFeed()).toEqual(before);
    const once = (await findFeed(database.pool, feed.id))!;
    expect(once).toMatchObject({ lastOutcome: 'failed', consecutiveFailures: 1 });
    expect(once.lastSuccessAt).not.toBeNull();
    const firstWait = (once.nextHarvestAt.getTime() - Date.now()) / 60_000;
    await harvestNow();
    const twice = (await findFeed(database.pool, feed.id))!;
    expect(twice.consecutiveFailures).toBe(2);
    const secondWait = (twice.nextHarvestAt.getTime() - Date.now()) / 60_000;
    expect(firstWait).toBeGreaterThan(58);
    expect(secondWait).toBeGreaterThan(118); // twice the schedule after two failures in a row
    // The failing feed is listed first, for catalogue care and the provider's page.
    expect((await listFeeds(database.pool))[0]).toMatchObject({ id: feed.id, consecutiveFailures: 2 });
    // A failure keeps the validators of the last good harvest: the recovery is a full download, not a 304.
    fake.failing = false;
    const fullBefore = fake.answered.full;
    const [recovered] = await harvestNow();
    expect(recovered?.outcome).toBe('not_modified');
    expect(fake.answered.full).toBe(fullBefore);
    expect(await findFeed(database.pool, feed.id)).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('treats a feed that turns into garbage as failing, withdrawing nothing', async () => {
    const before = await offeringsOfFeed();
    fake.publishRaw('<html><body>Vi oppgraderer nettstedet</body></html>\n'.repeat(5));
    const [harvest] = await harvestNow();
    expect(harvest).toMatchObject({ outcome: 'failed' });
    expect((harvest as { error: string }).error).toMatch(/5 of 5 records rejected; nothing was withdrawn/);
    expect(await offeringsOfFeed()).toEqual(before);
  });

  it('follows a redirect to http(s), refuses one to file:', async () => {
    const moved = await registerFeed(database.pool, {
      providerId,
      url: fake.url.replace('/catalogue.jsonl', '/moved'),
      format: 'jsonl',
      scheduleMinutes: 60,
    });
    const toFile = await registerFeed(database.pool, {
      providerId,
      url: fake.url.replace('/catalogue.jsonl', '/to-file'),
      format: 'jsonl',
      scheduleMinutes: 60,
    });
    fake.publish([course('r1', 'Flyttet kurs')]);
    await database.pool.query("UPDATE provider_feed SET next_harvest_at = now() + interval '1 day' WHERE id = $1", [
      feed.id,
    ]);
    const harvested = await harvestDueFeeds({
      database,
      worker: 'test-worker',
      log: silentLogger,
      settings: {
        maximumBytes: 10 * 1024 * 1024,
        timeoutSeconds: 10,
        maximumRedirects: 3,
        allowPrivateAddresses: true,
        usdToNok: 10.75,
      },
    });
    expect(harvested.find((one) => one.feedId === moved.id)?.outcome).toBe('imported');
    const refused = harvested.find((one) => one.feedId === toFile.id);
    expect(refused).toMatchObject({ outcome: 'failed' });
    expect((refused as { error: string }).error).toMatch(/file: is not fetched/);
  });

  it('refuses a feed on a loopback or private address unless allowed', async () => {
    await database.pool.query(`UPDATE provider_feed SET next_harvest_at = now() + interval '1 day'`);
    await harvestFeedSoon(database.pool, feed.id);
    const [refused] = await harvestDueFeeds({
      database,
      worker: 'test-worker',
      log: silentLogger,
      settings: {
        maximumBytes: 1024 * 1024,
        timeoutSeconds: 10,
        maximumRedirects: 3,
        allowPrivateAddresses: false,
        usdToNok: 10.75,
      },
    });
    expect(refused).toMatchObject({ outcome: 'failed' });
    expect((refused as { error: string }).error).toMatch(
      /127\.0\.0\.1 is on a loopback, private or link-local address/,
    );
  });
});
