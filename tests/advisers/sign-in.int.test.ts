import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../adapters/storage/audit-log-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** Accounts, sessions, CSRF and lockout of the advisers' workspace, over real HTTP on a real database. */

let database: TestDatabase;
let workspace: WorkspaceServer;
const password = 'riktig-hest-batteri-stift';
// The per-address throttle has its own test (and workspace) below; elsewhere it stays out of the way.
const settings = { maxFailedSignIns: 5, lockoutMinutes: 15, idleMinutes: 60, maxFailedSignInsPerAddress: 1000 };

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await startWorkspace({ database, settings });
  await addAdviser(database, { email: 'kari@example.no', password, name: 'Kari Nordmann' });
  await addAdviser(database, { email: 'lars@example.no', password });
  await addAdviser(database, { email: 'idle@example.no', password });
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

describe('without a session', () => {
  it('redirects a page to the sign-in page, coming back afterwards', async () => {
    const response = await new WorkspaceClient(workspace.url).request('/advisers?channel=web');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/advisers/sign-in?next=%2Fadvisers%3Fchannel%3Dweb');
  });

  it('answers 401 on the JSON API', async () => {
    const response = await new WorkspaceClient(workspace.url).request('/advisers/api/me');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('serves the sign-in page in Bokmål, or English on request, with security headers', async () => {
    const client = new WorkspaceClient(workspace.url);
    const page = await client.request('/advisers/sign-in');
    const html = await page.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<label for="email">E-post</label>');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[\w+/]{22}==';/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const english = await (await client.request('/advisers/sign-in?lang=en')).text();
    expect(english).toContain('<label for="email">Email</label>');
  });
});

describe('signing in', () => {
  it('refuses a sign-in POST without the CSRF token', async () => {
    const client = new WorkspaceClient(workspace.url);
    await client.request('/advisers/sign-in');
    const response = await client.request('/advisers/sign-in', { form: { email: 'kari@example.no', password } });
    expect(response.status).toBe(403);
    expect(client.cookies.has('veileder_adviser')).toBe(false);
  });

  it('refuses (403, not 500) a CSRF token of the right length with a non-ASCII character', async () => {
    const client = new WorkspaceClient(workspace.url);
    const _csrf = await client.csrfToken();
    // Same number of characters as the real token, more UTF-8 bytes.
    const response = await client.request('/advisers/sign-in', {
      form: { email: 'kari@example.no', password, _csrf: `é${_csrf.slice(1)}` },
    });
    expect(response.status).toBe(403);
    expect(client.cookies.has('veileder_adviser')).toBe(false);
  });

  it('signs in with the right password: an http-only SameSite=Lax cookie holding a token whose hash alone is stored', async () => {
    const client = new WorkspaceClient(workspace.url);
    const _csrf = await client.csrfToken();
    const response = await client.request('/advisers/sign-in', {
      form: { email: 'Kari@Example.no', password, _csrf, next: '/advisers?reviewed=no' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/advisers?reviewed=no');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('veileder_adviser='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = client.cookies.get('veileder_adviser')!;
    const { rows } = await database.pool.query('SELECT token_hash FROM adviser_session');
    expect(rows.map((row) => row.token_hash)).not.toContain(token);
    const me = (await (await client.request('/advisers/api/me')).json()) as { adviser: unknown };
    expect(me.adviser).toMatchObject({
      email: 'kari@example.no',
      name: 'Kari Nordmann',
      role: 'adviser',
      language: 'nb',
    });
    const home = await (await client.request('/advisers')).text();
    expect(home).toContain('Kari Nordmann');
    expect(home).toContain('aria-current="page"');
  });

  it('never redirects outside the workspace after sign-in', async () => {
    const client = new WorkspaceClient(workspace.url);
    const _csrf = await client.csrfToken();
    const response = await client.request('/advisers/sign-in', {
      form: { email: 'kari@example.no', password, _csrf, next: '//evil.example/advisers' },
    });
    expect(response.headers.get('location')).toBe('/advisers');
  });

  it('signs out only with the CSRF token, and the old cookie no longer works', async () => {
    const client = new WorkspaceClient(workspace.url);
    await client.signIn('kari@example.no', password);
    const cookie = client.cookies.get('veileder_adviser')!;
    expect((await client.request('/advisers/sign-out', { method: 'POST' })).status).toBe(403);
    const _csrf = await client.csrfToken('/advisers');
    const out = await client.request('/advisers/sign-out', { form: { _csrf } });
    expect(out.headers.get('location')).toBe('/advisers/sign-in?signed_out=1');
    const replay = new WorkspaceClient(workspace.url);
    replay.cookies.set('veileder_adviser', cookie);
    expect((await replay.request('/advisers/api/me')).status).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const client = new WorkspaceClient(workspace.url);
    await client.signIn('idle@example.no', password);
    expect((await client.request('/advisers/api/me')).status).toBe(200);
    workspace.clock.advance(61 * 60_000);
    const page = await client.request('/advisers');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain('ended=1');
  });

  it('audits sign-in and sign-out', async () => {
    const actions = (await listAudit(database.pool, { limit: 100 })).map((entry) => entry.action);
    expect(actions).toContain('adviser.signed_in');
    expect(actions).toContain('adviser.signed_out');
  });
});

describe('lockout', () => {
  it('locks the account after five wrong passwords, refuses the right one until the lock expires, then lets it in', async () => {
    const client = new WorkspaceClient(workspace.url);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const response = await client.signIn('lars@example.no', `wrong-password-${attempt}`);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('Feil e-post eller passord.');
    }
    const fifth = await client.signIn('lars@example.no', 'wrong-password-5');
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('sperret i 15 minutter');
    const right = await client.signIn('lars@example.no', password);
    expect(right.status).toBe(429);
    expect(client.cookies.has('veileder_adviser')).toBe(false);
    workspace.clock.advance(14 * 60_000);
    expect((await client.signIn('lars@example.no', password)).status).toBe(429);
    workspace.clock.advance(2 * 60_000);
    const after = await client.signIn('lars@example.no', password);
    expect(after.status).toBe(303);
    expect(client.cookies.has('veileder_adviser')).toBe(true);
    const locked = await listAudit(database.pool, { action: 'adviser.locked' });
    expect(locked).toHaveLength(1);
  });

  it('decides the count and the lock in the database: 30 parallel wrong passwords lock the account once, after four 401s', async () => {
    const account = await addAdviser(database, { email: 'race@example.no', password });
    const client = new WorkspaceClient(workspace.url);
    const _csrf = await client.csrfToken();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        client.request('/advisers/sign-in', { form: { email: 'race@example.no', password: `wrong-${index}`, _csrf } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(26);
    expect(await listAudit(database.pool, { action: 'adviser.locked', subjectId: account.id })).toHaveLength(1);
    expect((await client.signIn('race@example.no', password)).status).toBe(429);
  });

  it('answers an unknown email exactly like a known one, lock included', async () => {
    const client = new WorkspaceClient(workspace.url);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1)
      statuses.push((await client.signIn('nobody@example.no', `guess-${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('throttle per client address', () => {
  it('turns an address away after too many failures across accounts, while other addresses still sign in', async () => {
    const throttled = await startWorkspace({
      database,
      settings: { maxFailedSignIns: 5, lockoutMinutes: 15, maxFailedSignInsPerAddress: 3 },
      app: { trustProxy: 1 },
    });
    try {
      const from = async (address: string, email: string, attempt: string) => {
        const client = new WorkspaceClient(throttled.url);
        const _csrf = await client.csrfToken();
        return client.request('/advisers/sign-in', {
          form: { email, password: attempt, _csrf },
          headers: { 'x-forwarded-for': address },
        });
      };
      for (const email of ['kari@example.no', 'lars@example.no', 'nobody@example.no'])
        expect((await from('198.51.100.7', email, 'wrong-password')).status).toBe(401);
      const refused = await from('198.51.100.7', 'kari@example.no', password);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(15 * 60));
      expect(await refused.text()).toContain('For mange mislykkede innlogginger fra denne adressen');
      expect((await from('198.51.100.8', 'kari@example.no', password)).status).toBe(303);
      throttled.clock.advance(15 * 60_000);
      expect((await from('198.51.100.7', 'kari@example.no', password)).status).toBe(303);
    } finally {
      await throttled.close();
    }
  });
});

describe('behind https', () => {
  it('uses a Secure cookie with the __Host- prefix when the public URL is https', async () => {
    const secure = await startWorkspace({ database, settings, publicUrl: 'https://veileder.example.no' });
    try {
      const client = new WorkspaceClient(secure.url);
      const response = await client.signIn('kari@example.no', password);
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('__Host-veileder_adviser='))!;
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/);
    } finally {
      await secure.close();
    }
  });
});
