import { afterAll, beforeAll, expect, it } from 'vitest';
import { harvestDueFeeds } from '../../adapters/feeds/harvest-feeds.js';
import { silentLogger } from '../../adapters/logging.js';
import { registerFeed } from '../../adapters/storage/provider-feed-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeProviderFeed, type FakeProviderFeed } from '../support/fake-provider-feed.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** Catalogue care lists every feed with its health over real HTTP: ok, failing (with why), stale; and as CSV. */

let database: TestDatabase;
let workspace: WorkspaceServer;
let good: FakeProviderFeed;
let broken: FakeProviderFeed;
let adviser: WorkspaceClient;
const password = 'a-long-enough-password-1';

beforeAll(async () => {
  database = await createTestDatabase();
  good = await startFakeProviderFeed();
  broken = await startFakeProviderFeed();
  broken.failing = true;
  const provider = async (name: string) =>
    (
      await database.pool.query<{ id: string }>(
        'INSERT INTO provider (name, normalized_name) VALUES ($1, lower($1)) RETURNING id',
        [name],
      )
    ).rows[0]!.id;
  const folk = await provider('Folkehøgskolen Fjord');
  const mooc = await provider('Nettakademiet');
  // Ten good records and one without a title: a rejection, under the share that would fail the harvest.
  good.publish([
    ...Array.from({ length: 10 }, (_, index) => ({
      id: `f${index}`,
      title: `Friluftsliv ${index}`,
      provider: 'Folkehøgskolen Fjord',
      city: 'Voss',
      language: 'nb',
    })),
    { id: 'f-bad', provider: 'Folkehøgskolen Fjord', name: 'feil' },
  ]);
  await registerFeed(database.pool, { providerId: folk, url: good.url, format: 'jsonl', scheduleMinutes: 60 });
  await registerFeed(database.pool, { providerId: mooc, url: broken.url, format: 'jsonl', scheduleMinutes: 30 });
  await harvestDueFeeds({
    database,
    worker: 'care-test',
    log: silentLogger,
    settings: {
      maximumBytes: 1024 * 1024,
      timeoutSeconds: 10,
      maximumRedirects: 3,
      allowPrivateAddresses: true,
      usdToNok: 10.75,
    },
  });
  // A third feed registered long ago and never harvested since: stale after 3 of its daily schedules.
  const stale = await registerFeed(database.pool, {
    providerId: folk,
    url: 'https://fjord.example.no/gammel.jsonl',
    format: 'jsonl',
    scheduleMinutes: 1440,
  });
  await database.pool.query(
    `UPDATE provider_feed SET created_at = now() - interval '5 days', next_harvest_at = now() + interval '1 day' WHERE id = $1`,
    [stale.id],
  );
  workspace = await startWorkspace({ database, app: { feedStaleSchedules: 3 } });
  await addAdviser(database, { email: 'veileder@example.no', password });
  adviser = new WorkspaceClient(workspace.url);
  await adviser.signIn('veileder@example.no', password);
}, 120_000);

afterAll(async () => {
  await workspace?.close();
  await good?.close();
  await broken?.close();
  await database?.drop();
});

it('lists every feed with its health, records and rejections, failing and stale first', async () => {
  const html = await (await adviser.request('/advisers/catalogue')).text();
  const feeds = html.slice(html.indexOf('Tilbydernes feeder'), html.indexOf('Importer og avviste rader'));
  const order = [broken.url, 'https://fjord.example.no/gammel.jsonl', good.url].map((url) => feeds.indexOf(url));
  expect(order.every((at) => at > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(feeds).toContain('feiler');
  expect(feeds).toContain('1 feil på rad');
  expect(feeds).toContain('HTTP 500');
  expect(feeds).toContain('foreldet');
  expect(feeds).toContain('i orden');
});

it('downloads the feeds as CSV', async () => {
  const response = await adviser.request('/advisers/catalogue/feeds.csv');
  expect(response.headers.get('content-disposition')).toContain('veileder-feeds.csv');
  const lines = (await response.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(4);
  const goodLine = lines.find((line) => line.includes(good.url))!;
  // health ok, outcome imported, 0 failures, 10 offerings kept, 1 rejected in the last run
  expect(goodLine).toMatch(/,ok,[^,]+,imported,[^,]+,0,,10,1,/);
  expect(lines.find((line) => line.includes(broken.url))).toMatch(/,failing,[^,]+,failed,,1,/);
  expect(lines.find((line) => line.includes('gammel.jsonl'))).toMatch(/,stale,,,,0,,0,,/);
});
