import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { createProviderKey } from '../../adapters/storage/provider-key-store.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { createWalletToken } from '../../src/credentials/wallet-link.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let service: CredentialService;
let server: Server;
let base: string;
let providerId: string;
let otherProviderId: string;
let offeringId: string;
let providerKey: string;
let otherKey: string;
const issuer = { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' };
const escoUri = 'http://data.europa.eu/esco/skill/0f3e1f7a-1111-4111-8111-000000000001';

beforeAll(async () => {
  database = await createTestDatabase();
  service = createCredentialService({
    pool: database.pool,
    issuer,
    secret: { material: Buffer.from('http test secret, long enough for hkdf input') },
  });
  const provider = await database.prisma.provider.create({
    data: { name: 'Byggopplæring AS', normalizedName: 'byggopplæring as' },
  });
  const other = await database.prisma.provider.create({ data: { name: 'Annen AS', normalizedName: 'annen as' } });
  providerId = provider.id;
  otherProviderId = other.id;
  const offering = await database.prisma.offering.create({
    data: {
      title: 'Sikkerhetskurs for stillas',
      description: 'Montering og bruk av stillas.',
      providerId,
      dedupeKey: 'stillas',
      contentHash: 'stillas',
      languages: ['nb'],
      cities: [],
      municipalities: [],
      counties: [],
      startDates: [],
      subjects: [],
      skills: [],
      occupations: [],
      industries: [],
    },
  });
  offeringId = offering.id;
  await database.prisma.taxonomyConcept.create({
    data: {
      id: 'esco_skill:stillas',
      scheme: 'esco_skill',
      code: 'stillas',
      uri: escoUri,
      label: 'montere stillas',
      altLabels: [],
    },
  });
  await database.prisma.offeringConcept.create({ data: { offeringId, conceptId: 'esco_skill:stillas', weight: 2 } });
  providerKey = (await createProviderKey(database.pool, { providerId })).key;
  otherKey = (await createProviderKey(database.pool, { providerId: otherProviderId })).key;
  const app = createHttpApp({ database, credentials: service, publicUrl: issuer.publicUrl });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

const report = (options: { key?: string; provider?: string; body?: unknown }) =>
  fetch(`${base}/api/providers/${options.provider ?? providerId}/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) },
    body: JSON.stringify(options.body ?? { offeringId, recipient: { name: 'Ola Nordmann', email: 'ola@example.no' } }),
  });

const verify = async (body: string, type = 'application/json') =>
  (await fetch(`${base}/api/verify`, { method: 'POST', headers: { 'content-type': type }, body })).json() as Promise<{
    verdict: string;
    reasons: { code: string; message: { nb: string; en: string } }[];
  }>;

describe('provider API', () => {
  it('answers 401 without a key, with a wrong key, and with another provider’s key', async () => {
    expect((await report({})).status).toBe(401);
    expect((await report({ key: 'vlk_nope_nope' })).status).toBe(401);
    expect((await report({ key: otherKey })).status).toBe(401);
    expect((await report({ key: providerKey, provider: 'no-such-provider' })).status).toBe(401);
  });

  it('issues a credential for a reported completion, with the offering’s ESCO skills as alignments', async () => {
    const response = await report({ key: providerKey });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: string;
      jwt: string;
      credential: {
        credentialSubject: {
          achievement: { name: string; alignment: { targetUrl: string; targetFramework: string }[] };
        };
      };
    };
    expect(body.credential.credentialSubject.achievement.name).toBe('Sikkerhetskurs for stillas');
    expect(body.credential.credentialSubject.achievement.alignment).toEqual([
      expect.objectContaining({ targetUrl: escoUri, targetFramework: 'ESCO' }),
    ]);
    expect((await verify(JSON.stringify({ jwt: body.jwt }))).verdict).toBe('valid');
    expect((await verify(body.jwt, 'text/plain')).verdict).toBe('valid');
  });

  it('rejects a report naming another provider’s offering or neither offering nor achievement (400)', async () => {
    const foreign = await report({ key: otherKey, provider: otherProviderId });
    expect(foreign.status).toBe(400);
    const empty = await report({ key: providerKey, body: { recipient: { name: 'Ola' } } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/offeringId/);
  });

  it('lets the provider revoke its own credential, and the verdict changes at once', async () => {
    const { id, jwt } = (await (await report({ key: providerKey })).json()) as { id: string; jwt: string };
    const fetched = await fetch(`${base}/api/providers/${providerId}/credentials/${id.replace('urn:uuid:', '')}`, {
      headers: { authorization: `Bearer ${providerKey}` },
    });
    expect(((await fetched.json()) as { jwt: string }).jwt).toBe(jwt);
    expect(
      (
        await fetch(`${base}/api/providers/${otherProviderId}/credentials/${id.replace('urn:uuid:', '')}`, {
          headers: { authorization: `Bearer ${otherKey}` },
        })
      ).status,
    ).toBe(404);
    const revoke = await fetch(
      `${base}/api/providers/${providerId}/credentials/${id.replace('urn:uuid:', '')}/revoke`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${providerKey}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(revoke.status).toBe(200);
    const result = await verify(JSON.stringify({ jwt }));
    expect(result.verdict).toBe('revoked');
  });
});

describe('what a verifier fetches', () => {
  it('publishes the JWKS, each key at its kid, the issuer profile and the status list', async () => {
    const { jwt } = await service.issue({
      learnerId: null,
      recipient: { name: 'Kari' },
      achievement: { name: 'Kurs', description: 'd', criteriaNarrative: 'c', achievementType: 'Course', skills: [] },
      evidence: [],
      source: 'adviser',
    });
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; d?: string; kty: string }[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((key) => key.d === undefined && key.kty === 'EC')).toBe(true);
    const kid = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;
    const keyPath = new URL(kid).pathname;
    expect(((await (await fetch(`${base}${keyPath}`)).json()) as { kid: string }).kid).toBe(kid);
    const profile = (await (await fetch(`${base}/api/credentials/issuer`)).json()) as {
      id: string;
      name: string;
      type: string[];
    };
    expect(profile).toMatchObject({
      id: `${issuer.publicUrl}/api/credentials/issuer`,
      name: 'Læringsportalen',
      type: ['Profile'],
    });
    const statusUrl = new URL(
      (
        JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
          credentialStatus: { statusListCredential: string };
        }
      ).credentialStatus.statusListCredential,
    );
    const list = await fetch(`${base}${statusUrl.pathname}`);
    expect(list.headers.get('content-type')).toMatch(/application\/vc\+jwt/);
    expect((await list.text()).split('.')).toHaveLength(3);
  });

  it('answers 400 for a verify body of the wrong shape and a verdict for junk', async () => {
    const wrong = await fetch(`${base}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 1 }),
    });
    expect(wrong.status).toBe(400);
    expect((await verify(JSON.stringify({ jwt: 'abc.def.ghi' }))).verdict).toBe('malformed');
  });
});

describe('wallet and share links', () => {
  it('lists the learner’s credentials, downloads them, shares one with a QR code, and the link can be withdrawn', async () => {
    const learner = await database.prisma.learner.create({ data: {} });
    const issued = await service.issue({
      learnerId: learner.id,
      recipient: { name: 'Per Hansen' },
      achievement: {
        name: 'Varme arbeider',
        description: 'Sertifikat for varme arbeider.',
        criteriaNarrative: 'Bestått eksamen.',
        achievementType: 'License',
        skills: [],
      },
      evidence: [],
      source: 'adviser',
    });
    const token = createWalletToken({ secret: service.secret, learnerId: learner.id, now: new Date() });
    const page = await (await fetch(`${base}/wallet/${token}`)).text();
    expect(page).toContain('Varme arbeider');
    expect(page).toContain('data-verdict="valid"');
    const id = issued.id.replace('urn:uuid:', '');
    expect(await (await fetch(`${base}/wallet/${token}/credentials/${id}.jwt`)).text()).toBe(issued.jwt);
    const json = (await (await fetch(`${base}/wallet/${token}/credentials/${id}.json`)).json()) as {
      jwt: string;
      credential: { id: string };
    };
    expect(json).toMatchObject({ jwt: issued.jwt, credential: { id: issued.id } });

    const shared = await (
      await fetch(`${base}/wallet/${token}/credentials/${id}/share?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'days=7',
      })
    ).text();
    expect(shared).toContain('<svg');
    const shareUrl = /class="share-url">([^<]+)</.exec(shared)![1]!.replaceAll('&amp;', '&');
    const shareToken = new URL(shareUrl).searchParams.get('share')!;
    const verifyPage = await (await fetch(`${base}/verify?share=${shareToken}&lang=en`)).text();
    expect(verifyPage).toContain('data-verdict="valid"');
    expect(verifyPage).toContain('Per Hansen');
    expect((await verify(JSON.stringify({ share: shareToken }))).verdict).toBe('valid');
    const pastedLink = await fetch(`${base}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `credential=${encodeURIComponent(shareUrl)}`,
    });
    expect(await pastedLink.text()).toContain('data-verdict="valid"');
    expect(pastedLink.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const walletResponse = await fetch(`${base}/wallet/${token}`);
    expect(walletResponse.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(walletResponse.headers.get('referrer-policy')).toBe('no-referrer');

    const hash = /\/shares\/([0-9a-f]{64})\/revoke/.exec(shared)![1]!;
    const revoked = await fetch(`${base}/wallet/${token}/shares/${hash}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(revoked.status).toBe(303);
    expect(await (await fetch(`${base}/verify?share=${shareToken}`)).text()).toContain('data-verdict="share_revoked"');
  });

  it('refuses an expired or forged wallet link', async () => {
    const learner = await database.prisma.learner.create({ data: {} });
    const old = createWalletToken({
      secret: service.secret,
      learnerId: learner.id,
      now: new Date(Date.now() - 3_600_000),
    });
    expect((await fetch(`${base}/wallet/${old}`)).status).toBe(410);
    const forged = createWalletToken({
      secret: { material: Buffer.from('some other secret entirely, also long') },
      learnerId: learner.id,
      now: new Date(),
    });
    expect((await fetch(`${base}/wallet/${forged}`)).status).toBe(404);
  });

  it('the /verify page explains a failure in plain words (nb)', async () => {
    const issued = await service.issue({
      learnerId: null,
      recipient: { name: 'Kari' },
      achievement: { name: 'Kurs', description: 'd', criteriaNarrative: 'c', achievementType: 'Course', skills: [] },
      evidence: [],
      source: 'adviser',
    });
    await service.revoke({ credentialId: issued.id });
    const page = await (
      await fetch(`${base}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `credential=${encodeURIComponent(issued.jwt)}`,
      })
    ).text();
    expect(page).toContain('data-verdict="revoked"');
    expect(page).toContain('Utstederen har trukket kursbeviset tilbake.');
  });
});
