import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../adapters/storage/audit-log-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeOidcProvider, type FakeOidcProvider } from '../support/fake-oidc-provider.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** Signing in through OpenID Connect against a fake provider on a real HTTP server (discovery, JWKS, token endpoint). */

let database: TestDatabase;
let provider: FakeOidcProvider;
let workspace: WorkspaceServer;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startFakeOidcProvider();
  workspace = await startWorkspace({
    database,
    settings: {
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        allowedDomains: ['karriere.example.no'],
        roleClaim: 'roles',
        adminValues: ['Veileder.Admin'],
        label: 'Microsoft',
      },
    },
  });
  await addAdviser(database, { email: 'pre@kommune.example.no', password: 'et-langt-passord-her' });
});
afterAll(async () => {
  await workspace?.close();
  await provider?.close();
  await database?.drop();
});

/** Follows the browser's path: our start → the provider's authorize → our callback. */
async function signInThroughProvider(client: WorkspaceClient): Promise<Response> {
  const start = await client.request('/advisers/oidc/start?next=%2Fadvisers%3Fchannel%3Dteams');
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location')!);
  return client.request(callback.pathname + callback.search);
}

describe('OpenID Connect sign-in', () => {
  it('offers the provider on the sign-in page', async () => {
    const html = await (await new WorkspaceClient(workspace.url).request('/advisers/sign-in')).text();
    expect(html).toContain('Logg inn med Microsoft');
  });

  it('links an account created beforehand by its email and signs it in', async () => {
    provider.user = { sub: 'entra-sub-1', email: 'Pre@Kommune.example.no', name: 'Pre Created' };
    const client = new WorkspaceClient(workspace.url);
    const callback = await signInThroughProvider(client);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/advisers?channel=teams');
    const me = (await (await client.request('/advisers/api/me')).json()) as {
      adviser: { email: string; role: string };
    };
    expect(me.adviser).toMatchObject({ email: 'pre@kommune.example.no', role: 'adviser' });
    const { rows } = await database.pool.query(
      "SELECT oidc_subject FROM adviser WHERE email = 'pre@kommune.example.no'",
    );
    expect(rows[0].oidc_subject).toBe(`${provider.issuer}|entra-sub-1`);
  });

  it('creates an account for an allowed domain, with the role the provider gives', async () => {
    provider.user = {
      sub: 'entra-sub-2',
      email: 'leder@karriere.example.no',
      name: 'Leder',
      roles: ['Veileder.Admin'],
    };
    const client = new WorkspaceClient(workspace.url);
    expect((await signInThroughProvider(client)).status).toBe(303);
    const me = (await (await client.request('/advisers/api/me')).json()) as {
      adviser: { email: string; role: string; name: string };
    };
    expect(me.adviser).toMatchObject({ email: 'leder@karriere.example.no', role: 'admin', name: 'Leder' });
    expect((await listAudit(database.pool, { action: 'adviser.created' })).map((entry) => entry.detail)).toContainEqual(
      expect.objectContaining({ via: 'oidc' }),
    );
  });

  it('refuses someone from another domain without an account', async () => {
    provider.user = { sub: 'entra-sub-3', email: 'stranger@elsewhere.example.com' };
    const client = new WorkspaceClient(workspace.url);
    const callback = await signInThroughProvider(client);
    expect(callback.headers.get('location')).toBe('/advisers/sign-in?oidc=no_account');
    expect((await client.request('/advisers/api/me')).status).toBe(401);
    const page = await (await client.request('/advisers/sign-in?oidc=no_account')).text();
    expect(page).toContain('har ikke tilgang');
  });

  it('refuses a callback whose state does not match, or that comes to another browser', async () => {
    provider.user = { sub: 'entra-sub-1', email: 'pre@kommune.example.no' };
    const client = new WorkspaceClient(workspace.url);
    const start = await client.request('/advisers/oidc/start');
    const back = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    expect((await client.request(forged.pathname + forged.search)).headers.get('location')).toBe(
      '/advisers/sign-in?oidc=failed',
    );
    const otherBrowser = new WorkspaceClient(workspace.url);
    expect((await otherBrowser.request(callback.pathname + callback.search)).headers.get('location')).toBe(
      '/advisers/sign-in?oidc=failed',
    );
    expect((await client.request('/advisers/api/me')).status).toBe(401);
  });
});
