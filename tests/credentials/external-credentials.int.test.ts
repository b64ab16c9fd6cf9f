import { readFile } from 'node:fs/promises';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheSeconds, createIssuerDocumentFetcher } from '../../adapters/credentials/issuer-document-fetcher.js';
import { verifyPresentedCredential } from '../../src/credentials/verify-presented-credential.js';
import { startFakeCredentialIssuer, type FakeCredentialIssuer } from '../support/fake-credential-issuer.js';

// Other issuers' Open Badges 3.0 (tests/fixtures/credentials/external, written by
// scripts/make-external-credential-fixtures.ts): VC-JWT and Data Integrity, valid, expired, revoked and
// tampered, from did:key, did:jwk, did:web and https issuers, and baked into SVG and PNG. Keys and status
// lists of did:web and https issuers come from a fake issuer over real HTTPS.

const fixtures = new URL('../fixtures/credentials/external/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('expected.json', fixtures), 'utf8')) as {
  trustedIssuers: string[];
  credentials: Record<string, { verdict: string; issuer: string; note: string }>;
};
const ownIssuer = { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' };
let issuer: FakeCredentialIssuer;

beforeAll(async () => {
  issuer = await startFakeCredentialIssuer();
});
afterAll(async () => {
  await issuer?.close();
});

const input = async (name: string) =>
  name.endsWith('.png')
    ? new Uint8Array(await readFile(new URL(name, fixtures)))
    : await readFile(new URL(name, fixtures), 'utf8');

function verify(
  credential: string | Uint8Array,
  options: { trustedIssuers?: string[]; fetchDocument?: typeof issuer.fetchDocument } = {},
) {
  return verifyPresentedCredential({
    input: credential,
    issuer: ownIssuer,
    keys: async () => [],
    statusList: async () => null,
    fetchDocument: options.fetchDocument ?? issuer.fetchDocument,
    trustedIssuers: options.trustedIssuers ?? expected.trustedIssuers,
  });
}

describe('with every issuer trusted', () => {
  it.each(Object.entries(expected.credentials))('%s → %s', async (name, { verdict, issuer: issuerId, note }) => {
    const result = await verify(await input(name));
    expect(result.verdict, `${note}: ${JSON.stringify(result.reasons.map((reason) => reason.message.en))}`).toBe(
      verdict,
    );
    expect(result.issuer?.id).toBe(issuerId);
    if (name.startsWith('baked-')) expect(result.baked).toBe(name.slice(-3));
    expect(result.proof).toBe(/^(baked-)?di[-.]/.test(name) ? 'data-integrity' : 'vc-jwt');
  });
});

describe('the trusted list', () => {
  it('separates a good signature from an untrusted issuer from an invalid one', async () => {
    const untrusted = await verify(await input('jwt-didweb-valid.jwt'), { trustedIssuers: [] });
    expect(untrusted.verdict).toBe('untrusted_issuer');
    expect(untrusted.issuer).toMatchObject({ id: 'did:web:badges.example.org', name: 'Byggfagskolen', trusted: false });
    expect(untrusted.reasons[0]!.message.en).toContain('The signature is valid');
    const forged = await verify(await input('jwt-didweb-tampered.jwt'), { trustedIssuers: [] });
    expect(forged.verdict).toBe('invalid_signature');
    expect((await verify(await input('di-didkey-valid.json'), { trustedIssuers: [] })).verdict).toBe(
      'untrusted_issuer',
    );
  });

  it('still says revoked and expired for an untrusted issuer, with the trust finding among the reasons', async () => {
    const revoked = await verify(await input('jwt-didweb-revoked.jwt'), { trustedIssuers: [] });
    expect(revoked.verdict).toBe('revoked');
    expect(revoked.reasons.map((reason) => reason.code)).toEqual(['revoked', 'untrusted_issuer']);
  });

  it('never trusts a key that came in the JWT header unless the issuer published it, even for a trusted issuer', async () => {
    const result = await verify(await input('jwt-embedded-jwk-unpublished.jwt'));
    expect(result.reasons.map((reason) => reason.code)).toEqual(['key_not_bound']);
    expect(result.issuer?.trusted).toBe(false);
  });
});

describe('a key named only in the method’s fragment (how 1EdTech’s examples sign)', () => {
  it('checks the signature and the dates, but never calls the issuer proven', async () => {
    const expired = await verify(await input('di-https-fragment-key-expired.json'));
    expect(expired.verdict).toBe('expired');
    expect(expired.reasons.map((reason) => reason.code)).toEqual(['expired', 'key_not_bound']);
    const document = JSON.parse((await input('di-https-fragment-key-valid.json')) as string);
    document.credentialSubject.achievement.name = 'Endret';
    expect((await verify(JSON.stringify(document))).verdict).toBe('invalid_signature');
  });
});

describe('offline issuers and the fetcher', () => {
  it('verifies did:key and did:jwk credentials with no network at all', async () => {
    const offline = async () => {
      throw new Error('no network in this test');
    };
    for (const name of [
      'jwt-didkey-valid.jwt',
      'jwt-didkey-p256-valid.jwt',
      'jwt-didjwk-valid.jwt',
      'jwt-vc11-didkey.jwt',
      'di-didkey-p256-valid.json',
    ])
      expect((await verify(await input(name), { fetchDocument: offline })).verdict, name).toBe('valid');
  });

  it('fetches the did:web document, the JWK Set and the status lists from the issuer', async () => {
    issuer.requests.length = 0;
    const fetchDocument = issuer.fetcher();
    await verify(await input('jwt-didweb-valid.jwt'), { fetchDocument });
    await verify(await input('jwt-https-valid.jwt'), { fetchDocument });
    expect(issuer.requests).toEqual(
      expect.arrayContaining([
        'badges.example.org/.well-known/did.json',
        'badges.example.org/status/web-1',
        'badges.example.org/issuers/1',
        'badges.example.org/issuers/1/jwks.json',
        'badges.example.org/revocations/1',
      ]),
    );
  });

  it('says the status is unknown, not valid, when the status list is down', async () => {
    issuer.fail('/status/web-1', 503);
    try {
      const result = await verify(await input('jwt-didweb-valid.jwt'), { fetchDocument: issuer.fetcher() });
      expect(result.verdict).toBe('status_unknown');
      expect(result.reasons[0]!.message.en).toContain('answered 503');
    } finally {
      issuer.restore();
    }
  });

  it('says unknown issuer when the did:web document cannot be had', async () => {
    issuer.fail('/.well-known/did.json', 404);
    try {
      const result = await verify(await input('jwt-didweb-valid.jwt'), { fetchDocument: issuer.fetcher() });
      expect(result.verdict).toBe('unknown_issuer');
      expect(result.reasons[0]!.code).toBe('issuer_unresolvable');
    } finally {
      issuer.restore();
    }
  });

  it('refuses plain http, private addresses and redirects', async () => {
    const fetcher = createIssuerDocumentFetcher({ timeoutMs: 2000 });
    await expect(
      fetcher('http://badges.example.org/.well-known/did.json', { accept: 'application/json' }),
    ).rejects.toThrow('only https');
    await expect(fetcher('https://127.0.0.1/.well-known/did.json', { accept: 'application/json' })).rejects.toThrow(
      'not a public address',
    );
    await expect(fetcher('https://[::1]/x', { accept: 'application/json' })).rejects.toThrow('not a public address');
    await expect(fetcher('https://localhost/x', { accept: 'application/json' })).rejects.toThrow(
      /not a public address|ENOTFOUND|EAI_AGAIN/,
    );
    issuer.fail('/issuers/1/jwks.json', 302);
    try {
      await expect(
        issuer.fetcher()('https://badges.example.org/issuers/1/jwks.json', { accept: 'application/json' }),
      ).rejects.toThrow('redirects are not followed');
    } finally {
      issuer.restore();
    }
  });

  it('reuses an issuer’s documents for their max-age, then fetches them again', async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const fetchDocument = issuer.fetcher({ now: () => clock });
    issuer.requests.length = 0;
    for (let worker = 0; worker < 5; worker++)
      expect((await verify(await input('jwt-didweb-valid.jwt'), { fetchDocument })).verdict).toBe('valid');
    expect(issuer.requests.filter((request) => request.endsWith('/did.json'))).toHaveLength(1);
    expect(issuer.requests.filter((request) => request.endsWith('/status/web-1'))).toHaveLength(1);
    clock += 61_000;
    await verify(await input('jwt-didweb-valid.jwt'), { fetchDocument });
    expect(issuer.requests.filter((request) => request.endsWith('/did.json'))).toHaveLength(2);
  });

  it('reads Cache-Control: no-store is not kept, max-age is capped at five minutes', () => {
    expect(cacheSeconds(undefined)).toBe(60);
    expect(cacheSeconds('public, max-age=30')).toBe(30);
    expect(cacheSeconds('max-age=86400')).toBe(300);
    expect(cacheSeconds('no-store')).toBe(0);
  });

  it('refuses a document over the size limit', async () => {
    const small = issuer.fetcher({ maxBytes: 200 });
    await expect(
      small('https://badges.example.org/.well-known/did.json', { accept: 'application/json' }),
    ).rejects.toThrow('larger than');
  });
});

describe('JWT claims', () => {
  it('an exp in the past makes a credential without validUntil expired', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const did = `did:jwk:${Buffer.from(JSON.stringify(await exportJWK(publicKey))).toString('base64url')}`;
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:7',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:1' },
    };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ ...credential, ...claims })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: `${did}#0` })
        .setIssuer(did)
        .sign(privateKey);
    const offline = async () => {
      throw new Error('no network in this test');
    };
    expect(
      (
        await verify(await sign({ exp: Math.floor(Date.parse('2026-02-01T00:00:00Z') / 1000) }), {
          fetchDocument: offline,
          trustedIssuers: [did],
        })
      ).verdict,
    ).toBe('expired');
    expect((await verify(await sign({}), { fetchDocument: offline, trustedIssuers: [did] })).verdict).toBe('valid');
  });
});

describe('what a verifier is told instead of a schema message', () => {
  it('a JWT that is no credential names what is missing', async () => {
    const jwt = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"iss":"did:example:1","foo":1}').toString('base64url')}.c2ln`;
    const result = await verify(jwt);
    expect(result.verdict).toBe('malformed');
    expect(result.reasons[0]!.message.en).toContain('@context (it is not a W3C Verifiable Credential) is missing');
    expect(result.reasons[0]!.message.en).not.toMatch(/expected|received/);
  });

  it('a VCDM 1.1 JWT that claims to be Veileder’s own is told in words too', async () => {
    const claims = {
      iss: 'https://veileder.example.no/api/credentials/issuer',
      vc: { type: ['VerifiableCredential'] },
    };
    const jwt = `${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const result = await verify(jwt);
    expect(result.verdict).toBe('malformed');
    expect(result.reasons[0]!.message.en).toContain('@context is missing');
    expect(result.reasons[0]!.message.en).not.toMatch(/expected|received/);
  });

  it('a proof Veileder cannot check is named, not called a broken JWS', async () => {
    const document = JSON.parse((await input('di-didkey-valid.json')) as string);
    document.proof.cryptosuite = 'ecdsa-sd-2023';
    const result = await verify(JSON.stringify(document));
    expect(result.verdict).toBe('malformed');
    expect(result.reasons[0]!.code).toBe('unsupported_proof');
    expect(result.reasons[0]!.message.en).toContain('ecdsa-sd-2023');
  });

  it('a context Veileder does not ship is refused, never fetched', async () => {
    const document = JSON.parse((await input('di-didkey-valid.json')) as string);
    document['@context'].push('https://contexts.example.org/extra.json');
    issuer.requests.length = 0;
    const result = await verify(JSON.stringify(document));
    expect(result.reasons[0]!.code).toBe('unsupported_proof');
    expect(result.reasons[0]!.message.en).toContain('https://contexts.example.org/extra.json');
    expect(issuer.requests.filter((request) => request.includes('contexts'))).toEqual([]);
  });

  it('a PNG or SVG without a baked credential says so', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>';
    expect((await verify(svg)).reasons[0]!.message.en).toContain('no baked credential');
    const png = new Uint8Array(await readFile(new URL('../../teams/color.png', import.meta.url)));
    expect((await verify(png)).reasons[0]!.message.en).toContain('no baked credential');
  });
});
