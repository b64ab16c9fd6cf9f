import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { listAudit } from '../../adapters/storage/audit-log-store.js';
import { purgeExpiredSiteChecks } from '../../adapters/storage/site-store.js';
import { createSiteCheckRoutes } from '../../adapters/web/routes/site-check.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';
import { fallAchievementId, hmsAchievementId, seedSiteCheckWorld, type SiteCheckWorld } from './site-check-fixture.js';

/** The site model, the site manager's link and page, and saved checks — over real HTTP on a real database. */

let database: TestDatabase;
let credentials: CredentialService;
let workspace: WorkspaceServer;
let world: SiteCheckWorld;
let owner: WorkspaceClient;
let stranger: WorkspaceClient;
let csrf: string;
let siteId: string;
let checkUrl: string;
const password = 'riktig-hest-batteri-stift';
const publicUrl = 'https://veileder.example.no';
const clock = { now: new Date('2026-11-30T09:00:00.000Z') };

beforeAll(async () => {
  database = await createTestDatabase();
  credentials = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl, name: 'Læringsportalen' },
    secret: { material: Buffer.from('site check test secret, long enough for hkdf') },
    clock: () => clock.now,
  });
  const adviser = await addAdviser(database, { email: 'hanne@fjordbygg.no', password, name: 'Hanne HR' });
  await addAdviser(database, { email: 'other@example.no', password });
  world = await seedSiteCheckWorld({ database, credentials, ownerAdviserId: adviser.id, now: clock.now });
  workspace = await startWorkspace({
    database,
    publicUrl,
    routes: [createSiteCheckRoutes({ now: () => clock.now })],
    app: { credentials, retentionDays: 30 },
  });
  owner = new WorkspaceClient(workspace.url);
  await owner.signIn('hanne@fjordbygg.no', password);
  csrf = await owner.csrfToken('/advisers/site-checks');
  stranger = new WorkspaceClient(workspace.url);
  await stranger.signIn('other@example.no', password);
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

const post = (client: WorkspaceClient, path: string, form: Record<string, string>) =>
  client.request(path, { form: { ...form, _csrf: csrf } });
const rowsOf = (html: string) =>
  [
    ...html.matchAll(
      /<tr class="worker" data-verdict="([a-z_]+)" data-lines="([\d,]+)">\s*<td[^>]*>.*?<\/td>\s*<td[^>]*class="name">([^<]*)/gs,
    ),
  ].map((match) => ({ verdict: match[1], lines: match[2], name: match[3] }));

describe('sites and required credentials', () => {
  it('creates a site with an active period, a site-wide requirement and one for a role', async () => {
    const created = await post(owner, '/advisers/site-checks/sites', {
      organisationId: world.organisationId,
      name: 'Kaibygget, Bryggen',
      address: 'Bryggen 1',
      municipality: 'Bergen',
      activeFrom: '2026-11-01',
      activeUntil: '2027-06-30',
    });
    expect(created.status).toBe(303);
    siteId = created.headers.get('location')!.split('/').pop()!;
    expect(
      (
        await post(owner, `/advisers/site-checks/sites/${siteId}/requirements`, {
          achievementId: hmsAchievementId,
          achievementName: 'HMS-kurs for bygg og anlegg',
          roleId: '',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await post(owner, `/advisers/site-checks/sites/${siteId}/requirements`, {
          achievementId: fallAchievementId,
          achievementName: 'Fallsikring',
          roleId: world.carpenterRoleId,
        })
      ).status,
    ).toBe(303);
    const { rows } = await database.pool.query(
      'SELECT achievement_id, role_id FROM site_requirement WHERE site_id = $1 ORDER BY achievement_name',
      [siteId],
    );
    expect(rows).toEqual([
      { achievement_id: fallAchievementId, role_id: world.carpenterRoleId },
      { achievement_id: hmsAchievementId, role_id: null },
    ]);
    const page = await (await owner.request(`/advisers/site-checks/sites/${siteId}`)).text();
    expect(page).toContain('Kaibygget, Bryggen');
    expect(page).toContain('Tømrer');
    // The achievements credentials were issued for are offered as suggestions.
    expect(page).toContain(`<option value="${hmsAchievementId}">HMS-kurs for bygg og anlegg</option>`);
  });

  it('refuses bad input with 400 and hides the site from another adviser (404)', async () => {
    expect(
      (
        await post(owner, '/advisers/site-checks/sites', {
          organisationId: world.organisationId,
          name: 'Feil',
          activeFrom: '2027-01-01',
          activeUntil: '2026-01-01',
        })
      ).status,
    ).toBe(400);
    expect(
      (await post(owner, '/advisers/site-checks/sites', { organisationId: world.organisationId, name: '' })).status,
    ).toBe(400);
    expect(
      (
        await post(owner, `/advisers/site-checks/sites/${siteId}/requirements`, {
          achievementId: 'HMS-kurset',
          achievementName: 'HMS',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post(owner, `/advisers/site-checks/sites/${siteId}/requirements`, {
          achievementId: hmsAchievementId,
          achievementName: 'HMS',
          roleId: 'no-such-role',
        })
      ).status,
    ).toBe(400);
    const strangerCsrf = await stranger.csrfToken('/advisers/site-checks');
    expect((await stranger.request(`/advisers/site-checks/sites/${siteId}`)).status).toBe(404);
    expect(
      (
        await stranger.request('/advisers/site-checks/sites', {
          form: { organisationId: world.organisationId, name: 'Kapring', _csrf: strangerCsrf },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await owner.request(`/advisers/site-checks/sites/${siteId}/requirements`, {
          form: { achievementId: hmsAchievementId, achievementName: 'HMS' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('the site manager’s page', () => {
  it('opens with the secret link the organisation made, and not without it', async () => {
    const made = await (
      await post(owner, `/advisers/site-checks/sites/${siteId}/links`, { label: 'Formann Kari', days: '30' })
    ).text();
    checkUrl = /class="site-check-link">([^<]+)</.exec(made)![1]!.replaceAll('&amp;', '&');
    expect(made).toContain('<svg');
    expect(checkUrl.startsWith(`${publicUrl}/site-check/${siteId}?key=`)).toBe(true);
    const local = checkUrl.replace(publicUrl, workspace.url);
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Kaibygget, Bryggen');
    expect(html).toContain('value="Formann Kari"');
    expect((await fetch(`${workspace.url}/site-check/${siteId}?key=wrong`)).status).toBe(404);
    expect((await fetch(`${workspace.url}/site-check/${siteId}`)).status).toBe(404);
    expect((await fetch(`${workspace.url}/site-check/assets/jsQR.js`)).status).toBe(200);
  });

  it('gives each worker a plain verdict: valid, revoked, expired, not for this site, missing, invalid; bad lines by number', async () => {
    const tampered = world.jwts.olaHms.slice(0, -4) + (world.jwts.olaHms.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const roster = [
      'navn;rolle;kursbevis',
      `Ola Nordmann;Elektriker;${world.jwts.olaHms}`,
      `Kari Hansen;Elektriker;${world.jwts.kariHmsRevoked}`,
      `Per Berg;Tømrer;${world.jwts.perHmsExpired}`,
      `Lise Dahl;Elektriker;${world.jwts.liseScaffolding}`,
      'Nils Nilsen;Elektriker;',
      'ikke en linje vi kan lese',
      `Tor Lie;Tømrer;${world.jwts.torHms}`,
      `Eva Falsk;Elektriker;${tampered}`,
    ].join('\n');
    const key = new URL(checkUrl).searchParams.get('key')!;
    const response = await fetch(`${workspace.url}/site-check/${siteId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key, roster, checker: 'Formann Kari' }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(rowsOf(html)).toEqual([
      { verdict: 'valid', lines: '2', name: 'Ola Nordmann' },
      { verdict: 'revoked', lines: '3', name: 'Kari Hansen' },
      { verdict: 'expired', lines: '4', name: 'Per Berg' },
      { verdict: 'not_for_site', lines: '5', name: 'Lise Dahl' },
      { verdict: 'missing', lines: '6', name: 'Nils Nilsen' },
      // Tor has HMS but, as a carpenter, also needs fall protection, which he did not show.
      { verdict: 'missing', lines: '8', name: 'Tor Lie' },
      { verdict: 'invalid', lines: '9', name: 'Eva Falsk' },
    ]);
    expect(html).toContain('Linje 7');
    expect(html).toContain('Linjen har ikke kolonnene fra overskriften');
    expect(html).toContain('HMS-kurs for bygg og anlegg er trukket tilbake av utstederen');
    expect(html).toMatch(/HMS-kurs for bygg og anlegg gikk ut \d+\. oktober 2026/);
    expect(html).toContain('Kursbeviset gjelder Stillaskurs, men her kreves HMS-kurs for bygg og anlegg');
    expect(html).toContain('Mangler Fallsikring');
    expect(html).toContain('Signaturen stemmer ikke');
    expect(html).toContain('Formann Kari');

    // Tor shows both of his cards (scanned one after the other): one worker, valid.
    const both = await fetch(`${workspace.url}/site-check/${siteId}?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        key,
        roster: `name,role,credential\nTor Lie,Tømrer,${world.jwts.torHms}\nTor Lie,Tømrer,${world.jwts.torFall}`,
      }),
    });
    const english = await both.text();
    expect(rowsOf(english)).toEqual([{ verdict: 'valid', lines: '2,3', name: 'Tor Lie' }]);
    expect(english).toContain('Holds a valid HMS-kurs for bygg og anlegg, Fallsikring.');
  });

  it('reads a wallet share link (what the QR code holds) and says when the link is withdrawn', async () => {
    const key = new URL(checkUrl).searchParams.get('key')!;
    const { rows } = await database.pool.query<{ id: string }>(
      "SELECT id FROM credential WHERE recipient_name = 'Ola Nordmann'",
    );
    const { createCredentialShare, revokeCredentialShare } = await import(
      '../../adapters/storage/credential-share-store.js'
    );
    const share = await createCredentialShare(database.pool, {
      credentialId: rows[0]!.id,
      expiresAt: new Date(clock.now.getTime() + 86_400_000),
      now: clock.now,
    });
    const link = `${publicUrl}/verify?share=${share.token}`;
    const check = async () =>
      (
        await fetch(`${workspace.url}/site-check/${siteId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ key, roster: link }),
        })
      ).text();
    expect(rowsOf(await check())).toEqual([{ verdict: 'valid', lines: '1', name: 'Ola Nordmann' }]);
    await revokeCredentialShare(database.pool, {
      tokenHash: share.share.tokenHash,
      credentialIds: [rows[0]!.id],
      now: clock.now,
    });
    const html = await check();
    expect(rowsOf(html)).toEqual([{ verdict: 'invalid', lines: '1', name: '(navn ikke oppgitt)' }]);
    expect(html).toContain('Innehaveren har trukket tilbake delingslenken.');
  });

  it('saves a dated check with only what the credentials said; the owner reads it back; it is purged after the configured retention', async () => {
    const key = new URL(checkUrl).searchParams.get('key')!;
    const roster = `${world.jwts.olaHms}\n${world.jwts.perHmsExpired}`;
    const html = await (
      await fetch(`${workspace.url}/site-check/${siteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key, roster, checker: 'Formann Kari', save: '1' }),
      })
    ).text();
    expect(html).toContain('Kontrollen er lagret');
    const { rows } = await database.pool.query<{
      id: string;
      checker: string;
      results: unknown;
      checked_at: Date;
      expires_at: Date;
    }>('SELECT * FROM site_check WHERE site_id = $1', [siteId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.checker).toBe('Formann Kari');
    const stored = JSON.stringify(rows[0]!.results);
    expect(stored).not.toContain(world.jwts.olaHms.split('.')[2]!);
    expect(rows[0]!.results).toEqual([
      expect.objectContaining({
        name: 'Ola Nordmann',
        verdict: 'valid',
        achievements: [expect.objectContaining({ name: 'HMS-kurs for bygg og anlegg', outcome: 'valid' })],
      }),
      expect.objectContaining({ name: 'Per Berg', verdict: 'expired' }),
    ]);
    // VEILEDER_RETENTION_DAYS (30 here) applies to saved checks as to conversations.
    expect(rows[0]!.expires_at.getTime() - rows[0]!.checked_at.getTime()).toBe(30 * 86_400_000);

    const list = await (await owner.request(`/advisers/site-checks/sites/${siteId}`)).text();
    expect(list).toContain('Formann Kari');
    expect(list).toContain('slettes automatisk etter 30 dager');
    const saved = await (await owner.request(`/advisers/site-checks/sites/${siteId}/checks/${rows[0]!.id}`)).text();
    expect(saved).toContain('Per Berg');
    expect((await listAudit(database.pool, { action: 'site_check.read' })).length).toBeGreaterThan(0);

    expect(await purgeExpiredSiteChecks(database.pool, { now: new Date(rows[0]!.expires_at.getTime() - 1) })).toBe(0);
    expect(await purgeExpiredSiteChecks(database.pool, { now: rows[0]!.expires_at })).toBe(1);
  });

  it('answers the same check as JSON for a program holding the link’s key (401 without, 400 for a bad body)', async () => {
    const key = new URL(checkUrl).searchParams.get('key')!;
    const api = (body: unknown, token: string | null = key) =>
      fetch(`${workspace.url}/api/site-check/${siteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await api({ roster: [] }, null)).status).toBe(401);
    expect((await api({ roster: [] }, 'wrong')).status).toBe(401);
    expect((await api({ roster: 42 })).status).toBe(400);
    const response = await api({
      roster: [world.jwts.olaHms, world.jwts.kariHmsRevoked, 'nonsense'],
      checker: 'Portleser 2',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      checker: string;
      counts: Record<string, number>;
      workers: { name: string; verdict: string; reasons: { en: string }[] }[];
      problems: { line: number }[];
      saved: boolean;
    };
    expect(body.checker).toBe('Portleser 2');
    expect(body.workers.map((worker) => [worker.name, worker.verdict])).toEqual([
      ['Ola Nordmann', 'valid'],
      ['Kari Hansen', 'revoked'],
    ]);
    expect(body.workers[1]!.reasons[0]!.en).toBe(
      'HMS-kurs for bygg og anlegg has been revoked by the issuer and no longer counts.',
    );
    expect(body.problems.map((problem) => problem.line)).toEqual([3]);
    expect(body.counts).toMatchObject({ valid: 1, revoked: 1, missing: 0 });
    expect(body.saved).toBe(false);

    // Two scanned cards of one person (the same credentialSubject.id) are one worker. Scanned, the role is
    // unknown, so only the site-wide requirement applies.
    const both = (await (await api({ roster: [world.jwts.torHms, world.jwts.torFall] })).json()) as {
      workers: { name: string; verdict: string; lines: number[] }[];
    };
    expect(both.workers).toEqual([expect.objectContaining({ name: 'Tor Lie', verdict: 'valid', lines: [1, 2] })]);
  });

  it('on a site with no requirements, any genuine credential in force is valid, and the page says the work has ended', async () => {
    const { createAccessLink, createSite } = await import('../../adapters/storage/site-store.js');
    const site = await createSite(database.pool, {
      organisationId: world.organisationId,
      input: { name: 'Gamle lager', activeFrom: '2026-01-01', activeUntil: '2026-06-30' },
      adviserId: null,
    });
    const { token } = await createAccessLink(database.pool, {
      siteId: site.id,
      label: 'Vakt',
      expiresAt: new Date(clock.now.getTime() + 86_400_000),
      now: clock.now,
    });
    const html = await (
      await fetch(`${workspace.url}/site-check/${site.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: token, roster: `${world.jwts.liseScaffolding}\n${world.jwts.perHmsExpired}` }),
      })
    ).text();
    expect(rowsOf(html)).toEqual([
      { verdict: 'valid', lines: '1', name: 'Lise Dahl' },
      { verdict: 'expired', lines: '2', name: 'Per Berg' },
    ]);
    expect(html).toContain('Plassen krever ingen bestemte kursbevis');
    expect(html).toContain('Arbeidet på plassen er avsluttet');
  });

  it('stops opening once the organisation withdraws the link (403), and says so', async () => {
    const { rows } = await database.pool.query<{ token_hash: string }>(
      'SELECT token_hash FROM site_access_link WHERE site_id = $1',
      [siteId],
    );
    expect(
      (await post(owner, `/advisers/site-checks/sites/${siteId}/links/${rows[0]!.token_hash}/revoke`, {})).status,
    ).toBe(303);
    const response = await fetch(checkUrl.replace(publicUrl, workspace.url));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('trukket tilbake denne lenken');
  });
});
