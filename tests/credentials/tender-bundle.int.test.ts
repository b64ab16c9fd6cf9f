import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { openCredentialShare } from '../../adapters/storage/credential-share-store.js';
import { readEnvelopedCredentials } from '../../src/tender/tender-presentation.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';
import { hmsAchievementId, seedSiteCheckWorld, type SiteCheckWorld } from './site-check-fixture.js';

/** Tender bundles: one Verifiable Presentation of an organisation's people's credentials, and its summary. */

let database: TestDatabase;
let credentials: CredentialService;
let workspace: WorkspaceServer;
let world: SiteCheckWorld;
let owner: WorkspaceClient;
let csrf: string;
const password = 'riktig-hest-batteri-stift';
const publicUrl = 'https://veileder.example.no';
// The workspace's tender routes run on the real clock, so the credentials are issued on it too.
const now = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  credentials = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl, name: 'Læringsportalen' },
    secret: { material: Buffer.from('tender test secret, long enough for hkdf input') },
    clock: () => now,
  });
  const adviser = await addAdviser(database, { email: 'hanne@fjordbygg.no', password });
  await addAdviser(database, { email: 'other@example.no', password });
  world = await seedSiteCheckWorld({ database, credentials, ownerAdviserId: adviser.id, now });
  workspace = await startWorkspace({ database, publicUrl, routes: [], app: { credentials } });
  owner = new WorkspaceClient(workspace.url);
  await owner.signIn('hanne@fjordbygg.no', password);
  csrf = await owner.csrfToken('/advisers/site-checks');
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

const makeBundle = async (form: Record<string, string>) => {
  const response = await owner.request(`/advisers/site-checks/tender/${world.organisationId}`, {
    form: { title: 'Anbud Kaibygget', days: '60', ...form, _csrf: csrf },
  });
  expect(response.status).toBe(303);
  return response.headers.get('location')!;
};

/** RFC 4180 as our CSV writes it (no quoted line breaks in these cells). */
const parseCsv = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .slice(0, -1)
        .map((match) => match[1]!.replace(/^"|"$/g, '').replaceAll('""', '"')),
    );

describe('tender bundle', () => {
  it('exports the valid HMS credentials as a VCDM 2.0 presentation whose every credential verifies, and a summary that matches it', async () => {
    const location = await makeBundle({ achievementId: hmsAchievementId });
    expect(location).toMatch(/\/advisers\/site-checks\/tender\/bundles\/[\w-]+\?excluded=1$/);
    const path = location.split('?')[0]!;

    const presentation = (await (await owner.request(`${path}.json`)).json()) as {
      '@context': string[];
      type: string[];
      name: string;
      verifiableCredential: { type: string; id: string }[];
    };
    expect(presentation['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(presentation.type).toEqual(['VerifiablePresentation']);
    expect(presentation.name).toBe('Anbud Kaibygget — Fjordbygg AS');
    expect(
      presentation.verifiableCredential.every(
        (entry) => entry.type === 'EnvelopedVerifiableCredential' && entry.id.startsWith('data:application/vc+jwt,'),
      ),
    ).toBe(true);
    const { jwts, unreadable } = readEnvelopedCredentials(presentation);
    expect(unreadable).toBe(0);

    // Each embedded credential verifies with the credential core, and independently with jose against the JWKS.
    const keys = createLocalJWKSet(await credentials.jwks());
    const ids: string[] = [];
    for (const jwt of jwts) {
      expect((await credentials.verify(jwt)).verdict).toBe('valid');
      const { payload } = await jwtVerify(jwt, keys, { currentDate: now });
      ids.push(String(payload.jti));
    }
    // Revoked (Kari) and expired (Per) are left out; the scaffolding course does not fit the filter.
    expect(ids.sort()).toEqual([world.ids.olaHms, world.ids.torHms].sort());

    const csv = parseCsv(await (await owner.request(`${path}.csv`)).text());
    expect(csv[0]).toEqual(['Innehaver', 'Rolle', 'Navn på kurset', 'Type', 'Utsteder', 'Gyldig til', 'ID', 'Sjekk']);
    const rows = csv.slice(1);
    expect(rows.map((row) => row[6]).sort()).toEqual(ids.sort());
    expect(rows.map((row) => [row[0], row[1], row[2]]).sort()).toEqual([
      ['Ola Nordmann', 'Elektriker', 'HMS-kurs for bygg og anlegg'],
      ['Tor Lie', 'Tømrer', 'HMS-kurs for bygg og anlegg'],
    ]);
    for (const row of rows) {
      // The verification link opens the very credential listed on that row.
      const token = new URL(row[7]!).searchParams.get('share')!;
      const opened = await openCredentialShare(database.pool, { token, now });
      expect('jwt' in opened && jwts.includes(opened.jwt)).toBe(true);
      expect('credentialId' in opened && opened.credentialId).toBe(row[6]);
      expect(row[5]).toBe(
        new Date(Math.floor((now.getTime() + 365 * 86_400_000) / 1000) * 1000).toISOString().slice(0, 10),
      );
    }

    const html = await (await owner.request(location)).text();
    expect(html).toContain('1 kursbevis var ikke gyldige');
    expect([...html.matchAll(/<tr data-credential="([^"]+)"/g)].map((match) => match[1]).sort()).toEqual(ids.sort());
  });

  it('offers the achievements the organisation’s people hold and lists the bundles made', async () => {
    const page = await owner.request(`/advisers/site-checks/tender/${world.organisationId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<option value="${hmsAchievementId}">HMS-kurs for bygg og anlegg</option>`);
    expect(html).toContain('Tømrer');
    expect(html).toContain('Anbud Kaibygget');
    const overview = await (await owner.request('/advisers/site-checks')).text();
    expect(overview).toContain('Fjordbygg AS');
    expect(overview).toContain(`/advisers/site-checks/tender/${world.organisationId}`);
  });

  it('filters by skill (ESCO label) and by role', async () => {
    const bySkill = (await makeBundle({ skill: 'sikkerhetsrutiner' })).split('?')[0]!;
    const skillIds = readEnvelopedCredentials(await (await owner.request(`${bySkill}.json`)).json()).jwts.map(
      (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).id,
    );
    expect(skillIds.sort()).toEqual([world.ids.olaHms, world.ids.torHms].sort());
    const byRole = (await makeBundle({ roleId: world.carpenterRoleId })).split('?')[0]!;
    const roleIds = readEnvelopedCredentials(await (await owner.request(`${byRole}.json`)).json()).jwts.map(
      (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).id,
    );
    expect(roleIds.sort()).toEqual([world.ids.liseScaffolding, world.ids.torHms, world.ids.torFall].sort());
  });

  it('is the owner’s only, refuses bad input, and drops a learner who asked to be forgotten', async () => {
    const location = (await makeBundle({ achievementId: hmsAchievementId })).split('?')[0]!;
    const stranger = new WorkspaceClient(workspace.url);
    await stranger.signIn('other@example.no', password);
    expect((await stranger.request(`${location}.json`)).status).toBe(404);
    expect((await stranger.request(`/advisers/site-checks/tender/${world.organisationId}`)).status).toBe(404);
    expect(
      (
        await owner.request(`/advisers/site-checks/tender/${world.organisationId}`, {
          form: { title: '', _csrf: csrf },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await owner.request(`/advisers/site-checks/tender/${world.organisationId}`, {
          form: { title: 'x', days: '9999', _csrf: csrf },
        })
      ).status,
    ).toBe(400);

    await database.pool.query('DELETE FROM learner WHERE id = (SELECT learner_id FROM credential WHERE id = $1)', [
      world.ids.olaHms,
    ]);
    const after = readEnvelopedCredentials(await (await owner.request(`${location}.json`)).json()).jwts;
    expect(after).toHaveLength(1);
    expect((await credentials.verify(after[0]!)).credential?.id).toBe(world.ids.torHms);
  });
});
