import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService } from '../../adapters/credentials/credential-service.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeCredentialIssuer, type FakeCredentialIssuer } from '../support/fake-credential-issuer.js';

// Other issuers' credentials through the edges: POST /api/verify with a baked PNG or SVG, a Data Integrity
// credential as JSON, a VCDM 1.1 JWT; and the /verify page's upload form (multipart) and paste form.

const fixtures = new URL('../fixtures/credentials/external/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('expected.json', fixtures), 'utf8')) as { trustedIssuers: string[] };
let database: TestDatabase;
let issuer: FakeCredentialIssuer;
let server: Server;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  issuer = await startFakeCredentialIssuer();
  // did:jwk is left off the trusted list, to show the verdict for a good signature from an issuer not on it.
  const trustedIssuers = expected.trustedIssuers.filter((id) => !id.startsWith('did:jwk:'));
  const credentials = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' },
    secret: { material: Buffer.from('external http test secret, long enough') },
    trustedIssuers,
    fetchDocument: issuer.fetchDocument,
  });
  const app = createHttpApp({ database, credentials, publicUrl: 'https://veileder.example.no' });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await issuer?.close();
  await database?.drop();
});

const file = (name: string) => readFile(new URL(name, fixtures));
type Answer = {
  verdict: string;
  reasons: { code: string }[];
  issuer?: { id: string; trusted: boolean };
  baked?: string;
  proof?: string;
  credential: { name?: string } | null;
};
const verify = async (body: RequestInit['body'], type: string): Promise<Answer> => {
  const response = await fetch(`${base}/api/verify`, { method: 'POST', headers: { 'content-type': type }, body });
  expect(response.status).toBe(200);
  return response.json() as Promise<Answer>;
};

describe('POST /api/verify', () => {
  it('takes the credential out of a baked PNG and a baked SVG', async () => {
    expect(await verify(await file('baked-jwt.png'), 'image/png')).toMatchObject({
      verdict: 'valid',
      baked: 'png',
      proof: 'vc-jwt',
      issuer: { id: 'did:web:badges.example.org', trusted: true },
    });
    expect(await verify(await file('baked-di.svg'), 'image/svg+xml')).toMatchObject({
      verdict: 'valid',
      baked: 'svg',
      proof: 'data-integrity',
    });
    expect(await verify(await file('baked-di.png'), 'image/png')).toMatchObject({
      verdict: 'valid',
      baked: 'png',
      proof: 'data-integrity',
    });
  });

  it('takes a Data Integrity credential as JSON, bare or wrapped, and as application/vc+ld+json', async () => {
    const document = (await file('di-didkey-revoked.json')).toString('utf8');
    expect((await verify(document, 'application/json')).verdict).toBe('revoked');
    expect((await verify(JSON.stringify({ credential: JSON.parse(document) }), 'application/json')).verdict).toBe(
      'revoked',
    );
    expect((await verify(await file('di-didkey-expired.json'), 'application/vc+ld+json')).verdict).toBe('expired');
    expect((await verify(await file('di-didkey-tampered.json'), 'application/vc+ld+json')).verdict).toBe(
      'invalid_signature',
    );
  });

  it('reads a VCDM 1.1 JWT and tells an issuer off the trusted list from a forgery', async () => {
    expect(
      (await verify(JSON.stringify({ jwt: (await file('jwt-vc11-didkey.jwt')).toString('utf8') }), 'application/json'))
        .verdict,
    ).toBe('valid');
    const untrusted = await verify(await file('jwt-didjwk-valid.jwt'), 'text/plain');
    expect(untrusted).toMatchObject({ verdict: 'untrusted_issuer', issuer: { trusted: false } });
    expect(untrusted.reasons.map((reason) => reason.code)).toEqual(['untrusted_issuer']);
  });

  it('answers 400 for an empty body and names what it takes', async () => {
    const response = await fetch(`${base}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('image/png');
  });
});

describe('/verify', () => {
  it('checks an uploaded badge image (multipart) and shows what it says', async () => {
    const form = new FormData();
    form.set('lang', 'en');
    form.set('badge', new Blob([await file('baked-jwt.png')], { type: 'image/png' }), 'stillas.png');
    const html = await (await fetch(`${base}/verify?lang=en`, { method: 'POST', body: form })).text();
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('Stillasmontasje');
    expect(html).toContain('Byggfagskolen');
  });

  it('checks a pasted Data Integrity credential and says revoked in Nynorsk', async () => {
    const body = new URLSearchParams({ credential: (await file('di-didkey-revoked.json')).toString('utf8') });
    const html = await (await fetch(`${base}/verify?lang=nn`, { method: 'POST', body })).text();
    expect(html).toContain('data-verdict="revoked"');
    expect(html).toContain('Utskrivaren har trekt kursbeviset tilbake.');
  });

  it('offers the upload form', async () => {
    const html = await (await fetch(`${base}/verify?lang=nb`)).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('name="badge"');
  });
});
