import { createPublicKey } from 'node:crypto';
import { verifyJWS } from 'did-jwt';
import { decodeJwt } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { createCredentialShare } from '../../adapters/storage/credential-share-store.js';
import type { IssueCredentialInput } from '../../src/credentials/issue-credential.js';
import { issuerId } from '../../src/credentials/issuer.js';
import { decodeStatusList, minimumStatusListBits, statusBit } from '../../src/credentials/status-list.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let service: CredentialService;
const now = new Date('2026-11-30T09:00:00Z');
const issuer = { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' };

const safetyCourse = (overrides: Partial<IssueCredentialInput> = {}): IssueCredentialInput => ({
  learnerId: null,
  recipient: { name: 'Kari Nordmann', email: 'kari@example.no' },
  achievement: {
    name: 'HMS for bygg og anlegg',
    description: 'Grunnkurs i helse, miljø og sikkerhet på byggeplass.',
    criteriaNarrative: 'Fullført kurset og bestått avsluttende prøve.',
    achievementType: 'Certificate',
    skills: [
      {
        uri: 'http://data.europa.eu/esco/skill/2a3b0f0e-0000-4000-8000-000000000001',
        label: 'følge helse- og sikkerhetsregler',
      },
    ],
  },
  evidence: [{ name: 'Prøveresultat', narrative: 'Bestått 18 av 20.' }],
  source: 'provider',
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  service = createCredentialService({
    pool: database.pool,
    issuer,
    secret: { material: Buffer.from('a test secret that is long enough to derive keys') },
    clock: () => now,
  });
});

afterAll(async () => {
  await database?.drop();
});

describe('issue → verify', () => {
  it('issues an OpenBadgeCredential that verifies as valid', async () => {
    const issued = await service.issue(safetyCourse());
    const result = await service.verify(issued.jwt);
    expect(result.verdict).toBe('valid');
    expect(result.reasons[0]?.message.nb).toContain('ekte');
    expect(result.credential?.credentialSubject.achievement.name).toBe('HMS for bygg og anlegg');

    const claims = decodeJwt(issued.jwt);
    expect(claims).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      iss: issuerId(issuer),
      jti: issued.id,
      sub: issued.credential.credentialSubject.id,
      nbf: Math.floor(now.getTime() / 1000),
      issuer: { id: issuerId(issuer), name: 'Læringsportalen' },
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          type: ['Achievement'],
          achievementType: 'Certificate',
          criteria: { narrative: 'Fullført kurset og bestått avsluttende prøve.' },
          alignment: [{ targetFramework: 'ESCO', type: ['Alignment'] }],
        },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(claims).not.toHaveProperty('vc');
    // The e-mail address is only there as a salted hash.
    expect(JSON.stringify(claims)).not.toContain('kari@example.no');
  });

  it('fails when one byte of the payload or the signature is changed', async () => {
    const { jwt } = await service.issue(safetyCourse());
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const changedPayload = Buffer.from(payload, 'base64url').toString('utf8').replace('Kari Nordmann', 'Kari Nordmanm');
    const tampered = `${header}.${Buffer.from(changedPayload).toString('base64url')}.${signature}`;
    expect((await service.verify(tampered)).verdict).toBe('invalid_signature');
    const flipped = signature[5] === 'A' ? 'B' : 'A';
    expect(
      (await service.verify(`${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`)).verdict,
    ).toBe('invalid_signature');
  });

  it('says malformed for text that is not a credential', async () => {
    const result = await service.verify('not a credential');
    expect(result.verdict).toBe('malformed');
    expect(result.reasons[0]?.message.en).toMatch(/not a credential/);
  });

  it('fails a revoked credential at once, through the republished status list', async () => {
    const issued = await service.issue(safetyCourse());
    expect((await service.verify(issued.jwt)).verdict).toBe('valid');
    await service.revoke({ credentialId: issued.id, reason: 'Utstedt ved en feil' });
    const result = await service.verify(issued.jwt);
    expect(result.verdict).toBe('revoked');
    expect(result.reasons[0]?.message.nb).toBe('Utstederen har trukket kursbeviset tilbake.');

    // The published list is itself a signed BitstringStatusListCredential of at least 131,072 bits.
    const entry = issued.credential.credentialStatus;
    const listJwt = await service.statusListJwt(entry.statusListCredential.split('/').pop()!);
    const list = decodeJwt(listJwt!) as {
      type: string[];
      credentialSubject: { encodedList: string; statusPurpose: string };
    };
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.encodedList.startsWith('u')).toBe(true);
    const bits = decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).toBeGreaterThanOrEqual(minimumStatusListBits);
    expect(statusBit(bits, Number(entry.statusListIndex))).toBe(1);
  });

  it('fails an expired credential and one not yet valid (injected clock)', async () => {
    const issued = await service.issue(safetyCourse({ validUntil: new Date('2027-11-30T09:00:00Z') }));
    expect((await service.verify(issued.jwt)).verdict).toBe('valid');
    const expired = await service.verify(issued.jwt, { now: new Date('2027-12-01T00:00:00Z') });
    expect(expired.verdict).toBe('expired');
    expect(expired.reasons[0]?.message.en).toBe('The credential expired on 2027-11-30T09:00:00Z.');
    const early = await service.verify(issued.jwt, { now: new Date('2026-01-01T00:00:00Z') });
    expect(early.verdict).toBe('not_yet_valid');
  });

  it('rejects a credential of another issuer as unknown issuer', async () => {
    const other = createCredentialService({
      pool: database.pool,
      issuer: { publicUrl: 'https://elsewhere.example.com', name: 'Other' },
      secret: service.secret,
      clock: () => now,
    });
    const { jwt } = await other.issue(safetyCourse());
    expect((await service.verify(jwt)).verdict).toBe('unknown_issuer');
  });
});

describe('key rotation', () => {
  it('keeps credentials signed before a rotation valid, signs new ones with the new key, and publishes both keys', async () => {
    const before = await service.issue(safetyCourse());
    const rotated = await service.rotateKeys();
    expect(rotated.previous).not.toBeNull();
    const after = await service.issue(safetyCourse());
    expect((await service.verify(before.jwt)).verdict).toBe('valid');
    expect((await service.verify(after.jwt)).verdict).toBe('valid');
    const kids = (await service.jwks()).keys.map((key) => key.kid);
    expect(kids).toContain(`${issuer.publicUrl}/api/credentials/keys/${rotated.current}`);
    expect(kids).toContain(`${issuer.publicUrl}/api/credentials/keys/${rotated.previous}`);
    expect(JSON.stringify(await service.jwks())).not.toContain('"d"');
  });
});

describe('interoperability: libraries Veileder does not issue with', () => {
  it('jsonwebtoken verifies the credential with the JWKS key converted to PEM by node:crypto', async () => {
    const issued = await service.issue(safetyCourse({ validUntil: new Date('2030-01-01T00:00:00Z') }));
    const kid = JSON.parse(Buffer.from(issued.jwt.split('.')[0]!, 'base64url').toString('utf8')).kid as string;
    const jwk = (await service.jwks()).keys.find((key) => key.kid === kid)!;
    const pem = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const verified = jsonwebtoken.verify(issued.jwt, pem, {
      algorithms: ['ES256'],
      issuer: issuerId(issuer),
      jwtid: issued.id,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    }) as Record<string, unknown>;
    expect(verified.sub).toBe(issued.credential.credentialSubject.id);
    expect(() => jsonwebtoken.verify(`${issued.jwt.slice(0, -3)}AAA`, pem, { algorithms: ['ES256'] })).toThrow(
      /invalid signature/,
    );
  });

  it('did-jwt verifies the JWS against the published JWK', async () => {
    const issued = await service.issue(safetyCourse());
    const kid = JSON.parse(Buffer.from(issued.jwt.split('.')[0]!, 'base64url').toString('utf8')).kid as string;
    const jwk = (await service.jwks()).keys.find((key) => key.kid === kid)!;
    const method = {
      id: kid,
      type: 'JsonWebKey2020',
      controller: issuerId(issuer),
      publicKeyJwk: jwk as import('did-resolver').JsonWebKey,
    };
    expect(verifyJWS(issued.jwt, method).id).toBe(kid);
    expect(() => verifyJWS(issued.jwt.replace(/\.[\w-]{4}/, '.AAAA'), method)).toThrow();
  });
});

describe('a learner who asks to be forgotten', () => {
  it('keeps the credential revocable and verifiable but drops Veileder’s copy and the name', async () => {
    const learner = await database.prisma.learner.create({ data: {} });
    const issued = await service.issue(safetyCourse({ learnerId: learner.id }));
    const second = await service.issue(safetyCourse({ learnerId: learner.id }));
    expect(second.credential.credentialSubject.id).toBe(issued.credential.credentialSubject.id);
    expect((await service.store.listForLearner(learner.id)).length).toBe(2);
    await createCredentialShare(database.pool, {
      credentialId: issued.id,
      expiresAt: new Date(now.getTime() + 86_400_000),
      now,
    });

    await database.prisma.learner.delete({ where: { id: learner.id } });
    const kept = await service.store.findById(issued.id);
    expect(kept).toMatchObject({
      learnerId: null,
      jwt: null,
      recipientName: null,
      achievementName: 'HMS for bygg og anlegg',
    });
    expect(
      (await database.pool.query('SELECT 1 FROM credential_share WHERE credential_id = $1', [issued.id])).rowCount,
    ).toBe(0);
    expect((await service.verify(issued.jwt)).verdict).toBe('valid');
    await service.revoke({ credentialId: issued.id });
    expect((await service.verify(issued.jwt)).verdict).toBe('revoked');
  });
});
