import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRoutes } from '../../adapters/web/routes/channels.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { artifactPath, launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { addAdviser, startWorkspace, type WorkspaceServer } from '../support/workspace-client.js';

/**
 * Issue 21 in real Chromium: "Add to Slack" on the site and on an organisation's page goes to Slack's consent
 * screen with our client id, the manifest's scopes and a state (Slack itself is stood in for by the browser's
 * route handler; the code exchange by the fake Slack API); coming back installs the workspace and links it to
 * the organisation, which shows it with a Microsoft 365 tenant tied by hand, and either link can be removed.
 */

let database: TestDatabase;
let workspace: WorkspaceServer;
let slack: FakeSlackApi;
let browser: Browser;
let organisationId: string;
const password = 'slack-fjord-tenant-lenke';
const tenantId = '6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b';

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlackApi();
  const channels = loadConfiguration({
    SLACK_SIGNING_SECRET: 'e2e-signing-secret',
    SLACK_CLIENT_ID: slack.client.id,
    SLACK_CLIENT_SECRET: slack.client.secret,
    SLACK_API_URL: slack.apiUrl,
    VEILEDER_CREDENTIAL_SECRET: 'e2e-credential-secret-0123456789abcdefgh',
  }).channels;
  // The chat itself is not under test here: a turn would be a test failure.
  const handleTurn = async () => {
    throw new Error('no chat turn is expected in this test');
  };
  workspace = await startWorkspace({ database, routes: [channelRoutes], app: { channels, handleTurn } });
  const adviser = await addAdviser(database, { email: 'hr@fjordbygg.no', password, role: 'adviser', name: 'Hanne HR' });
  organisationId = (
    await database.pool.query<{ id: string }>(
      `INSERT INTO organisation (id, name, organisation_number, owner_adviser_id) VALUES ($1, 'Fjordbygg AS', '923609016', $2) RETURNING id`,
      [randomUUID(), adviser.id],
    )
  ).rows[0]!.id;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workspace?.close();
  await slack?.close();
  await database?.drop();
});

/**
 * Chromium routes no redirect target, so the redirect to https://slack.com/oauth/v2/authorize is taken as our
 * server sent it (status, Set-Cookie, query) and only its host swapped for the fake Slack's consent screen.
 */
async function standInForSlack(page: Page): Promise<URL[]> {
  const seen: URL[] = [];
  await page.route(/\/slack\/install/, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = new URL(response.headers().location!);
    seen.push(location);
    await route.fulfill({
      response,
      headers: { ...response.headers(), location: `${slack.authorizeUrl}${location.search}` },
    });
  });
  return seen;
}

describe('"Add to Slack" and linked workspaces in Chromium', () => {
  it("the site's button goes to Slack's consent screen with our client id, scopes and a state", async () => {
    const page = await browser.newPage();
    const seen = await standInForSlack(page);
    await page.goto(`${workspace.url}/`);
    await Promise.all([
      page.waitForURL(/\/oauth\/v2\/authorize/),
      page.getByRole('link', { name: /Add to Slack/ }).click(),
    ]);
    const authorize = seen[0]!;
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    await expect(page.locator('#scopes').textContent()).resolves.toBe(
      'app_mentions:read,chat:write,commands,im:history,im:read,im:write',
    );
    expect(authorize.searchParams.get('client_id')).toBe(slack.client.id);
    expect(authorize.searchParams.get('scope')).toBe(
      'app_mentions:read,chat:write,commands,im:history,im:read,im:write',
    );
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    // Bound to this browser, and kept (hashed) for one use: no organisation, as it began on the site.
    const cookies = await page.context().cookies(workspace.url);
    expect(cookies.find((cookie) => cookie.name === 'veileder-slack-install')?.value).toBe(
      authorize.searchParams.get('state'),
    );
    expect((await database.pool.query('SELECT organisation_id FROM slack_install_state')).rows).toEqual([
      { organisation_id: null },
    ]);
    await page.close();
  }, 60_000);

  it("on the organisation's page: Add to Slack installs and links the workspace; a tenant is tied by hand; links are removed", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = await standInForSlack(page);
    await page.goto(`${workspace.url}/advisers/organisations/${organisationId}`);
    await page.fill('#email', 'hr@fjordbygg.no');
    await page.fill('#password', password);
    await Promise.all([
      page.waitForURL(new RegExp(`/advisers/organisations/${organisationId}$`)),
      page.click('button[type="submit"]'),
    ]);
    await expect(page.getByRole('heading', { name: 'Slack og Microsoft 365' }).count()).resolves.toBe(1);
    await expect(page.locator('#workspaces').textContent()).resolves.toContain('Ingen koblet ennå.');

    await Promise.all([
      page.waitForURL(/\/oauth\/v2\/authorize/),
      page.getByRole('link', { name: 'Legg til i Slack' }).click(),
    ]);
    const state = seen.at(-1)!.searchParams.get('state')!;
    expect(
      (await database.pool.query('SELECT organisation_id FROM slack_install_state WHERE organisation_id IS NOT NULL'))
        .rows,
    ).toEqual([{ organisation_id: organisationId }]);

    // Slack sends the admin back with a code; this browser's state cookie goes with it.
    slack.addWorkspace({
      code: 'e2e-code',
      teamId: 'T0FJORDE2E',
      teamName: 'Fjordbygg',
      botToken: 'xoxb-e2e-fjord',
      botUserId: 'U0E2EBOT',
      botId: 'B0E2E',
      installer: 'U0E2EADMIN',
    });
    await page.goto(`${workspace.url}/slack/oauth_redirect?code=e2e-code&state=${encodeURIComponent(state)}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Veileder er lagt til i Fjordbygg');
    await expect(page.locator('body').textContent()).resolves.toContain('koblet til organisasjonen');

    await page.goto(`${workspace.url}/advisers/organisations/${organisationId}`);
    await page.fill('#tenant-id', tenantId.toUpperCase());
    await page.fill('#tenant-name', 'Fjordbygg (Microsoft 365)');
    await page.getByRole('button', { name: 'Koble', exact: true }).click();
    await page.waitForSelector('.notice');
    const rows = await page.locator('#workspaces tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Slack');
    expect(rows[0]).toContain('T0FJORDE2E');
    expect(rows[1]).toContain('Microsoft Teams');
    expect(rows[1]).toContain(tenantId);
    const screenshot = artifactPath('organisation-workspaces.png');
    await page.locator('#workspaces').screenshot({ path: screenshot });
    const docs = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
    await mkdir(docs, { recursive: true });
    await copyFile(screenshot, `${docs}organisation-workspaces.png`);

    await page.getByRole('button', { name: 'Fjern koblingen: Fjordbygg', exact: true }).click();
    await page.waitForSelector('.notice');
    const left = await page.locator('#workspaces tbody tr').allTextContents();
    expect(left).toHaveLength(1);
    expect(left[0]).toContain(tenantId);
    // Unlinked, not uninstalled: the workspace keeps Veileder.
    expect((await database.pool.query(`SELECT id FROM slack_installation`)).rows).toEqual([{ id: 'T0FJORDE2E' }]);
    const audit = await database.pool.query(
      `SELECT action, detail->>'channel' AS channel, detail->>'via' AS via FROM audit_log WHERE subject_id = $1 AND action LIKE 'organisation.workspace_%' ORDER BY at`,
      [organisationId],
    );
    expect(audit.rows).toEqual([
      { action: 'organisation.workspace_linked', channel: 'slack', via: 'slack_install' },
      { action: 'organisation.workspace_linked', channel: 'teams', via: null },
      { action: 'organisation.workspace_unlinked', channel: 'slack', via: null },
    ]);
    await page.close();
  }, 90_000);
});
