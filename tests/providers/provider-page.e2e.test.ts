import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harvestDueFeeds } from '../../adapters/feeds/harvest-feeds.js';
import { silentLogger } from '../../adapters/logging.js';
import { importProviderCatalogue } from '../../adapters/storage/import-provider-catalogue.js';
import { registerFeed } from '../../adapters/storage/provider-feed-store.js';
import { providerCatalogueRoutes } from '../../adapters/web/routes/provider-catalogue.js';
import { artifactPath, launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeProviderFeed, type FakeProviderFeed } from '../support/fake-provider-feed.js';
import { addAdviser, startWorkspace, type WorkspaceServer } from '../support/workspace-client.js';

/**
 * Issue 19's provider page in real Chromium: an admin invites the provider's person by email; that person
 * signs in, lands on the provider page (and nowhere else), sees the feed's health and the runs, opens a run's
 * rejections, and creates, rotates and revokes an API key that works against the upload API until revoked.
 * Screenshotted for docs/screenshots/provider-page.png.
 */

let database: TestDatabase;
let workspace: WorkspaceServer;
let browser: Browser;
let fake: FakeProviderFeed;
let directory: string;
let providerId: string;
const password = 'tilbyder-admin-passord-1';
const providerName = 'Fagskolen Høstvik';

const course = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  description: `${title}: kveldskurs på fagskolenivå.`,
  provider: providerName,
  city: 'Bergen',
  level: 'vocational',
  language: 'nb',
  price: 4900,
  url: `https://hostvik.example.no/kurs/${id}`,
  ...extra,
});

beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-provider-page-'));
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO provider (name, normalized_name, kind) VALUES ($1, 'fagskolen høstvik', 'vocational_college') RETURNING id`,
    [providerName],
  );
  providerId = rows[0]!.id;
  fake = await startFakeProviderFeed();
  fake.publish(Array.from({ length: 12 }, (_, index) => course(`k${index}`, `Elektrofag ${index + 1}`)));
  await registerFeed(database.pool, { providerId, url: fake.url, format: 'jsonl', scheduleMinutes: 360 });
  await harvestDueFeeds({
    database,
    worker: 'page-test',
    log: silentLogger,
    settings: {
      maximumBytes: 1024 * 1024,
      timeoutSeconds: 10,
      maximumRedirects: 3,
      allowPrivateAddresses: true,
      usdToNok: 10.75,
    },
  });
  // An upload with two bad lines, as the provider's system might send.
  const upload = path.join(directory, 'upload.jsonl');
  await writeFile(
    upload,
    [
      JSON.stringify(course('u1', 'Sveising', { description: '' })),
      '{"id": "u2", "title": "Avbrutt',
      JSON.stringify(course('u3', 'Kurs fra en annen', { provider: 'Universitetet i Bergen' })),
      JSON.stringify(course('u4', 'Automasjon', { price: undefined, url: undefined })),
    ].join('\n'),
  );
  await importProviderCatalogue(database, {
    provider: { id: providerId, name: providerName },
    source: `upload-${providerId}`,
    file: upload,
    label: 'POST /offerings',
    format: 'jsonl',
    full: false,
    origin: 'upload',
    usdToNok: 10.75,
  });
  // Three learners rated one offering, one learner another.
  const { rows: offerings } = await database.pool.query<{ id: string; title: string }>(
    `SELECT id, title FROM offering WHERE title IN ('Elektrofag 1', 'Elektrofag 2') ORDER BY title`,
  );
  for (const [index, score] of [5, 4, 4, 2].entries()) {
    const learner = await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
    await database.pool.query('INSERT INTO rating (learner_id, offering_id, score) VALUES ($1, $2, $3)', [
      learner.rows[0]!.id,
      offerings[index < 3 ? 0 : 1]!.id,
      score,
    ]);
  }
  workspace = await startWorkspace({ database, routes: [providerCatalogueRoutes] });
  await addAdviser(database, { email: 'admin@example.no', password, role: 'admin', name: 'Ada Admin' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workspace?.close();
  await fake?.close();
  await database?.drop();
  if (directory) await rm(directory, { recursive: true, force: true });
});

async function signIn(page: Page, email: string, secret: string, start: string): Promise<void> {
  await page.goto(`${workspace.url}${start}`);
  await page.fill('#email', email);
  await page.fill('#password', secret);
  await Promise.all([page.waitForURL(/\/advisers\/provider/), page.click('button[type="submit"]')]);
}

const upload = (key: string) =>
  fetch(`${workspace.url}/api/providers/${providerId}/offerings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    body: `${JSON.stringify(course('n1', 'Nytt kurs'))}\n`,
  });

it('an invited provider sees its feeds, runs and rejections, and manages its API keys', async () => {
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(admin, 'admin@example.no', password, `/advisers/provider?provider=${providerId}`);
  await admin.fill('#invite-email', 'kurs@hostvik.example.no');
  await admin.fill('#invite-name', 'Kari Kursansvarlig');
  await Promise.all([admin.waitForLoadState(), admin.click('form[action="/advisers/provider/invite"] button')]);
  const oneTimePassword = (await admin.locator('#shown-secret').textContent())!;
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  await admin.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // Signing in from the workspace's start page lands the provider on its own page.
  await signIn(page, 'kurs@hostvik.example.no', oneTimePassword, '/advisers');
  expect(new URL(page.url()).pathname).toBe('/advisers/provider');
  expect(await page.locator('h1').textContent()).toBe(`Tilbyderside – ${providerName}`);
  const navigation = await page.locator('header nav a').allTextContents();
  expect(navigation.join(' ')).not.toMatch(/Katalogpleie|Analyse|Veiledere/);

  const feedsCard = page.locator('section.card', { has: page.locator('h2', { hasText: 'Feeder' }) });
  expect(await feedsCard.textContent()).toContain(fake.url);
  expect(await feedsCard.textContent()).toContain('i orden');
  const runRows = page
    .locator('section.card', { has: page.locator('h2', { hasText: 'Siste importer' }) })
    .locator('tbody tr');
  expect(await runRows.count()).toBe(2);
  const problemsCard = await page
    .locator('section.card', { has: page.locator('h2', { hasText: 'Tilbud med mangler' }) })
    .textContent();
  expect(problemsCard).toContain('Uten beskrivelse: 1');
  expect(problemsCard).toContain('Uten lenke: 1');
  const ratingsCard = await page
    .locator('section.card', { has: page.locator('h2', { hasText: 'Deltakernes vurderinger' }) })
    .textContent();
  expect(ratingsCard).toContain('Elektrofag 1');
  expect(ratingsCard).toContain('4.3');
  expect(ratingsCard).toContain('færre enn 3');

  // The upload's rejections, by line.
  await Promise.all([
    page.waitForURL(/\/advisers\/provider\/runs\//),
    runRows.locator('a', { hasText: /^2$/ }).click(),
  ]);
  const rejections = await page.locator('section.card').first().locator('tbody tr').allTextContents();
  expect(rejections).toHaveLength(2);
  expect(rejections[0]).toMatch(/^2not valid JSON/);
  expect(rejections[1]).toMatch(/^3.*own feed of another provider/);
  await Promise.all([page.waitForURL(/\/advisers\/provider$/), page.click('text=Tilbake til tilbydersiden')]);

  // The provider registers a feed of its own, asks for it now, and removes it again.
  const movedUrl = fake.url.replace('/catalogue.jsonl', '/moved');
  await page.click('text=Registrer en feed');
  await page.fill('#feed-url', movedUrl);
  await page.selectOption('#feed-format', 'jsonl');
  await page.fill('#feed-hours', '12');
  await Promise.all([page.waitForLoadState(), page.click('form[action="/advisers/provider/feeds"] button')]);
  expect(await page.locator('.message.success').textContent()).toContain('Feeden er registrert');
  const { rows: added } = await database.pool.query(
    'SELECT id, provider_id, schedule_minutes FROM provider_feed WHERE url = $1',
    [movedUrl],
  );
  expect(added).toEqual([{ id: expect.any(String), provider_id: providerId, schedule_minutes: 720 }]);
  const addedRow = page.locator('tr', { hasText: movedUrl });
  await Promise.all([page.waitForLoadState(), addedRow.locator('button', { hasText: 'Fjern' }).click()]);
  expect(await page.locator('.message.success').textContent()).toContain('Feeden er fjernet');
  expect((await database.pool.query('SELECT 1 FROM provider_feed WHERE url = $1', [movedUrl])).rows).toHaveLength(0);

  // A key: created and shown once; it works; rotated; the old one stops working; revoked.
  await page.fill('#key-label', 'Kurssystemet');
  await Promise.all([page.waitForLoadState(), page.click('form[action="/advisers/provider/keys"] button')]);
  const first = (await page.locator('#shown-secret').textContent())!;
  expect(first).toMatch(/^vlk_/);
  expect((await upload(first)).status).toBe(202);
  const screenshot = artifactPath('provider-page.png');
  await page.screenshot({ path: screenshot, fullPage: true });

  await Promise.all([page.waitForLoadState(), page.click('button:has-text("Bytt")')]);
  const second = (await page.locator('#shown-secret').textContent())!;
  expect(second).toMatch(/^vlk_/);
  expect(second).not.toBe(first);
  expect((await upload(first)).status).toBe(401);
  expect((await upload(second)).status).toBe(202);
  await Promise.all([page.waitForLoadState(), page.click('button:has-text("Trekk tilbake")')]);
  expect(await page.locator('.message.success').textContent()).toContain('Nøkkelen er trukket tilbake');
  expect((await upload(second)).status).toBe(401);

  // No adviser section opens for a provider account.
  const refused = await page.goto(`${workspace.url}/advisers/catalogue`);
  expect(refused?.status()).toBe(403);
  expect(problems).toEqual([]);
  const { rows: audit } = await database.pool.query(
    `SELECT action FROM audit_log WHERE action LIKE 'provider%' ORDER BY at, action`,
  );
  expect(audit.map((row) => row.action)).toEqual([
    'provider.invited',
    'provider_feed.added',
    'provider_feed.removed',
    'provider_key.created',
    'provider_key.rotated',
    'provider_key.revoked',
  ]);

  const docs = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
  await mkdir(docs, { recursive: true });
  await copyFile(screenshot, `${docs}provider-page.png`);
  await context.close();
}, 120_000);
