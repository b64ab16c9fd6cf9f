import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { createDocumentLoader } from '../src/credentials/external/json-ld-contexts.js';
import { encodeStatusList } from '../src/credentials/status-list.js';

/**
 * Writes tests/fixtures/credentials/external: Open Badges 3.0 credentials as other issuers publish them
 * (1EdTech's examples are the model: an AchievementSubject with an Achievement, an issuer Profile), signed
 * by five made-up issuers with keys made here, and the documents a fake issuer serves for them over HTTPS
 * (DID document, profile, JWK Set, status lists, a 1EdTech revocation list) with its own TLS certificate.
 *
 *   npx tsx scripts/make-external-credential-fixtures.ts
 *
 * Every run makes new keys, so every file changes; expected.json says what each credential must verify as.
 * Private keys are not kept. Needs the openssl command for the certificate.
 */
const out = new URL('../tests/fixtures/credentials/external/', import.meta.url).pathname;
const host = 'badges.example.org';
const didWeb = `did:web:${host}`;
const httpsIssuer = `https://${host}/issuers/1`;
const ob = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const v2 = 'https://www.w3.org/ns/credentials/v2';
const v1 = 'https://www.w3.org/2018/credentials/v1';
const validFrom = '2026-01-15T09:00:00Z';
const future = '2031-01-15T09:00:00Z';
const past = '2026-06-30T23:59:59Z';

type Site = { path: string; file: string; contentType: string }[];
const site: Site = [];
const expected: Record<string, { verdict: string; issuer: string; note: string }> = {};

async function write(name: string, content: string | Buffer) {
  await writeFile(path.join(out, name), content);
}

async function publish(urlPath: string, file: string, contentType: string, content: string) {
  site.push({ path: urlPath, file: `site/${file}`, contentType });
  await write(`site/${file}`, content);
}

function badge(options: {
  id: string;
  issuer: string | Record<string, unknown>;
  name: string;
  validUntil?: string;
  status?: Record<string, unknown>;
  context?: string[];
}): Record<string, unknown> {
  return {
    '@context': options.context ?? [v2, ob],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: options.name,
    issuer: options.issuer,
    validFrom,
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: `https://${host}/achievements/${options.name.toLowerCase().replace(/\W+/g, '-')}`,
        type: ['Achievement'],
        name: options.name,
        description: 'Shows safe assembly and use of mobile scaffolding.',
        criteria: { narrative: 'Passed the practical assessment on site.' },
        achievementType: 'Certificate',
      },
    },
    ...(options.status ? { credentialStatus: options.status } : {}),
  };
}

const profile = (id: string, name: string) => ({ id, type: ['Profile'], name });

async function signJwt(options: {
  payload: Record<string, unknown>;
  key: Parameters<CompactSign['sign']>[0];
  header: Record<string, unknown>;
}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(options.payload)))
    .setProtectedHeader(options.header as { alg: string })
    .sign(options.key);
}

/** The OB 3.0 VC-JWT claims set: the credential plus iss/jti/sub/nbf/exp (§8.2.4). */
function jwtClaims(credential: Record<string, unknown>): Record<string, unknown> {
  const seconds = (value: unknown) => Math.floor(new Date(String(value)).getTime() / 1000);
  const issuer = credential.issuer as string | { id: string };
  return {
    ...credential,
    iss: typeof issuer === 'string' ? issuer : issuer.id,
    jti: credential.id,
    sub: (credential.credentialSubject as { id: string }).id,
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
}

/** Changes the payload of a signed JWT and keeps the signature: what a forger who edits a badge gets. */
function tamperJwt(jwt: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function pngWith(text: string, compressed: boolean): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, checksum]);
  };
  const size = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: size }, (_row, y) =>
      Buffer.concat([
        Buffer.from([0]),
        Buffer.concat(Array.from({ length: size }, (_column, x) => Buffer.from([0, 80 + x * 4, 122 + y * 3]))),
      ]),
    ),
  );
  const payload = Buffer.from(text, 'utf8');
  const itxt = Buffer.concat([
    Buffer.from('openbadgecredential\0', 'latin1'),
    Buffer.from([compressed ? 1 : 0, 0]),
    Buffer.from('\0\0', 'latin1'),
    compressed ? deflateSync(payload) : payload,
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('iTXt', itxt),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svgWith(content: { verify: string } | { json: string }): string {
  const element =
    'verify' in content
      ? `<openbadges:credential verify="${content.verify}"></openbadges:credential>`
      : `<openbadges:credential>\n    <![CDATA[\n${content.json}\n    ]]>\n  </openbadges:credential>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 512 512" width="512" height="512">
  ${element}
  <circle cx="256" cy="256" r="240" fill="#00507a"/>
  <text x="256" y="280" font-size="72" text-anchor="middle" fill="#fff" font-family="sans-serif">Stillas</text>
</svg>
`;
}

async function main() {
  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, 'site'), { recursive: true });

  // --- The issuers and their keys -------------------------------------------------------------
  const webEd = await Ed25519Multikey.generate({ controller: didWeb, id: `${didWeb}#key-1` });
  const webRsa = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const webRsaJwk = await exportJWK(webRsa.publicKey);
  const didKeyPair = await Ed25519Multikey.generate();
  const didKey = `did:key:${didKeyPair.publicKeyMultibase}`;
  didKeyPair.id = `${didKey}#${didKeyPair.publicKeyMultibase}`;
  didKeyPair.controller = didKey;
  const didKeyJwk = await Ed25519Multikey.toJwk({ keyPair: didKeyPair, secretKey: true });
  // The multikey secret is seed and public key (64 bytes); a JWK's d is the 32-byte seed.
  const didKeyPrivate = await importJWK(
    { ...didKeyJwk, d: Buffer.from(didKeyJwk.d!, 'base64url').subarray(0, 32).toString('base64url') },
    'EdDSA',
  );
  const jwkPair = await generateKeyPair('ES256', { extractable: true });
  const didJwk = `did:jwk:${Buffer.from(JSON.stringify(await exportJWK(jwkPair.publicKey))).toString('base64url')}`;
  const httpsPair = await generateKeyPair('ES256', { extractable: true });
  const httpsJwk: JWK = {
    ...(await exportJWK(httpsPair.publicKey)),
    kid: `https://${host}/keys/es256-1`,
    alg: 'ES256',
    use: 'sig',
  };
  const strangerPair = await generateKeyPair('ES256', { extractable: true });
  const p256 = await EcdsaMultikey.generate({ curve: 'P-256' });
  const didKeyP256 = `did:key:${p256.publicKeyMultibase}`;
  p256.id = `${didKeyP256}#${p256.publicKeyMultibase}`;
  p256.controller = didKeyP256;
  const p256Private = await importJWK(await EcdsaMultikey.toJwk({ keyPair: p256, secretKey: true }), 'ES256');

  await publish(
    '/.well-known/did.json',
    'did.json',
    'application/did+json',
    JSON.stringify(
      {
        '@context': [
          'https://www.w3.org/ns/did/v1',
          'https://w3id.org/security/multikey/v1',
          'https://w3id.org/security/suites/jws-2020/v1',
        ],
        id: didWeb,
        verificationMethod: [
          { id: `${didWeb}#key-1`, type: 'Multikey', controller: didWeb, publicKeyMultibase: webEd.publicKeyMultibase },
          { id: `${didWeb}#key-rsa`, type: 'JsonWebKey', controller: didWeb, publicKeyJwk: webRsaJwk },
        ],
        assertionMethod: [`${didWeb}#key-1`, `${didWeb}#key-rsa`],
      },
      null,
      2,
    ),
  );
  await publish(
    '/issuers/1',
    'issuer-profile.json',
    'application/ld+json',
    JSON.stringify(
      {
        '@context': [v2, ob],
        ...profile(httpsIssuer, 'Stillasskolen AS'),
        url: `https://${host}`,
        jwks_uri: `https://${host}/issuers/1/jwks.json`,
      },
      null,
      2,
    ),
  );
  await publish(
    '/issuers/1/jwks.json',
    'issuer-jwks.json',
    'application/jwk-set+json',
    JSON.stringify({ keys: [httpsJwk] }, null, 2),
  );
  await publish('/keys/es256-1', 'issuer-key.json', 'application/jwk+json', JSON.stringify(httpsJwk, null, 2));
  // OB 3.0 §8.2.3's own example: kid https://example.edu/keys#key-1, a JWK Set holding an RSA key "key-1".
  const httpsRsa = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  await publish(
    '/keys',
    'issuer-keys.json',
    'application/jwk-set+json',
    JSON.stringify(
      { keys: [{ ...(await exportJWK(httpsRsa.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] },
      null,
      2,
    ),
  );

  const documentLoader = await createDocumentLoader(new Map());
  const signDataIntegrity = (
    credential: Record<string, unknown>,
    keyPair: { signer(): unknown },
    cryptosuite: unknown = eddsaRdfc2022,
  ) =>
    vc.issue({
      credential,
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: validFrom }),
      documentLoader,
    });

  // --- Status lists ------------------------------------------------------------------------------
  const webList = `https://${host}/status/web-1`;
  const didKeyList = `https://${host}/status/didkey-1`;
  const revocations = `https://${host}/revocations/1`;
  const statusList = (url: string, issuer: string, revoked: number[]) => ({
    '@context': [v2],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList({ sizeBits: 131_072, setIndexes: revoked }),
    },
  });
  const webListCredential = statusList(webList, didWeb, [7, 40_503]);
  await publish(
    '/status/web-1',
    'status-web-1.jwt',
    'application/vc+jwt',
    await signJwt({
      payload: { ...webListCredential, iss: didWeb, jti: webList, nbf: Math.floor(Date.parse(validFrom) / 1000) },
      key: webRsa.privateKey,
      header: { alg: 'RS256', typ: 'vc+jwt', kid: `${didWeb}#key-rsa` },
    }),
  );
  await publish(
    '/status/didkey-1',
    'status-didkey-1.json',
    'application/vc+ld+json',
    JSON.stringify(await signDataIntegrity(statusList(didKeyList, didKey, [3]), didKeyPair), null, 2),
  );
  await publish(
    '/revocations/1',
    'revocations-1.json',
    'application/json',
    JSON.stringify(
      {
        id: revocations,
        issuer: httpsIssuer,
        revokedCredentials: [
          { id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b2', revocationReason: 'Issued in error' },
        ],
      },
      null,
      2,
    ),
  );
  const bitstring = (url: string, index: number) => ({
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: url,
  });
  const oneEdTech = { id: revocations, type: '1EdTechRevocationList' };

  // --- VC-JWTs -----------------------------------------------------------------------------------
  const webIssuer = profile(didWeb, 'Byggfagskolen');
  const rsaHeader = { alg: 'RS256', typ: 'JWT', kid: `${didWeb}#key-rsa` };
  const webValid = await signJwt({
    payload: jwtClaims(
      badge({
        id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a001',
        issuer: webIssuer,
        name: 'Stillasmontasje',
        validUntil: future,
        status: bitstring(webList, 1),
      }),
    ),
    key: webRsa.privateKey,
    header: rsaHeader,
  });
  const jwts: Record<string, [string, string, string]> = {
    'jwt-didweb-valid.jwt': [webValid, 'valid', 'RS256 VC-JWT, kid a did:web DID URL, BitstringStatusList bit 1 clear'],
    'jwt-didweb-expired.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a002',
            issuer: webIssuer,
            name: 'Stillasmontasje',
            validUntil: past,
            status: bitstring(webList, 2),
          }),
        ),
        key: webRsa.privateKey,
        header: rsaHeader,
      }),
      'expired',
      'validUntil 2026-06-30',
    ],
    'jwt-didweb-revoked.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a003',
            issuer: webIssuer,
            name: 'Stillasmontasje',
            validUntil: future,
            status: bitstring(webList, 7),
          }),
        ),
        key: webRsa.privateKey,
        header: rsaHeader,
      }),
      'revoked',
      'BitstringStatusList bit 7 set',
    ],
    'jwt-didweb-tampered.jwt': [
      tamperJwt(webValid, (claims) => {
        (claims.credentialSubject as { achievement: { name: string } }).achievement.name = 'Kranfører';
      }),
      'invalid_signature',
      'the achievement renamed after signing',
    ],
    'jwt-didkey-valid.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a004',
            issuer: profile(didKey, 'Kursverkstedet'),
            name: 'Fallsikring',
          }),
        ),
        key: didKeyPrivate,
        header: { alg: 'EdDSA', typ: 'JWT', kid: didKeyPair.id },
      }),
      'valid',
      'EdDSA VC-JWT, did:key issuer (offline)',
    ],
    'jwt-didjwk-valid.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a005',
            issuer: profile(didJwk, 'Verksted Vest'),
            name: 'Varme arbeider',
          }),
        ),
        key: jwkPair.privateKey,
        header: { alg: 'ES256', typ: 'JWT', kid: `${didJwk}#0` },
      }),
      'valid',
      'ES256 VC-JWT, did:jwk issuer (offline)',
    ],
    'jwt-didkey-p256-valid.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a007',
            issuer: profile(didKeyP256, 'Nettkurs Nord'),
            name: 'Førstehjelp',
          }),
        ),
        key: p256Private,
        header: { alg: 'ES256', typ: 'JWT', kid: p256.id },
      }),
      'valid',
      'ES256 VC-JWT, P-256 did:key zDn… (offline)',
    ],
    'jwt-https-valid.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b1',
            issuer: profile(httpsIssuer, 'Stillasskolen AS'),
            name: 'Stillas klasse 2',
            status: oneEdTech,
          }),
        ),
        key: httpsPair.privateKey,
        header: { alg: 'ES256', typ: 'JWT', kid: httpsJwk.kid },
      }),
      'valid',
      'ES256 VC-JWT, https issuer, kid in its JWKS, 1EdTech revocation list',
    ],
    'jwt-https-jwks-fragment.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b5',
            issuer: profile(httpsIssuer, 'Stillasskolen AS'),
            name: 'Stillas klasse 3',
            status: oneEdTech,
          }),
        ),
        key: httpsRsa.privateKey,
        header: { alg: 'RS256', typ: 'JWT', kid: `https://${host}/keys#key-1` },
      }),
      'valid',
      'RS256, kid a JWK Set URL whose fragment is the key id (OB 3.0 §8.2.3 example)',
    ],
    'jwt-https-revoked.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b2',
            issuer: profile(httpsIssuer, 'Stillasskolen AS'),
            name: 'Stillas klasse 2',
            status: oneEdTech,
          }),
        ),
        key: httpsPair.privateKey,
        header: { alg: 'ES256', typ: 'JWT', kid: httpsJwk.kid },
      }),
      'revoked',
      'on the 1EdTech revocation list',
    ],
    'jwt-embedded-jwk-published.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b3',
            issuer: profile(httpsIssuer, 'Stillasskolen AS'),
            name: 'Stillas klasse 1',
          }),
        ),
        key: httpsPair.privateKey,
        header: {
          alg: 'ES256',
          typ: 'JWT',
          jwk: { kty: httpsJwk.kty, crv: httpsJwk.crv, x: httpsJwk.x, y: httpsJwk.y },
        },
      }),
      'valid',
      'OB 3.0 header jwk, the key the issuer publishes',
    ],
    'jwt-embedded-jwk-unpublished.jwt': [
      await signJwt({
        payload: jwtClaims(
          badge({
            id: 'urn:uuid:5b1c2d3e-0000-4000-8000-00000000a0b4',
            issuer: profile(httpsIssuer, 'Stillasskolen AS'),
            name: 'Stillas klasse 1',
          }),
        ),
        key: strangerPair.privateKey,
        header: { alg: 'ES256', typ: 'JWT', jwk: await exportJWK(strangerPair.publicKey) },
      }),
      'untrusted_issuer',
      'header jwk the issuer never published: a forger’s key',
    ],
  };
  const vc11 = badge({
    id: 'urn:uuid:1f0c2a3b-0000-4000-8000-00000000a006',
    issuer: profile(didKey, 'Kursverkstedet'),
    name: 'Fallsikring',
    context: [v1, ob],
  });
  delete vc11.validFrom;
  jwts['jwt-vc11-didkey.jwt'] = [
    await signJwt({
      payload: {
        iss: didKey,
        sub: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
        jti: vc11.id,
        nbf: Math.floor(Date.parse(validFrom) / 1000),
        vc: vc11,
      },
      key: didKeyPrivate,
      header: { alg: 'EdDSA', typ: 'JWT', kid: didKeyPair.id },
    }),
    'valid',
    'VCDM 1.1 VC-JWT (vc claim, dates from nbf)',
  ];
  for (const [name, [jwt, verdict, note]] of Object.entries(jwts)) {
    await write(name, `${jwt}\n`);
    expected[name] = { verdict, issuer: jwt.includes('.') ? issuerOf(jwt) : '', note };
  }

  // --- Data Integrity (eddsa-rdfc-2022) ----------------------------------------------------------
  const keyIssuer = profile(didKey, 'Kursverkstedet');
  const unpublishedIssuer = `https://${host}/issuers/2`;
  const fragmentKey = await Ed25519Multikey.generate({ controller: unpublishedIssuer });
  fragmentKey.id = `${unpublishedIssuer}#${fragmentKey.publicKeyMultibase}`;
  const diValid = await signDataIntegrity(
    badge({
      id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d001',
      issuer: keyIssuer,
      name: 'Fallsikring',
      validUntil: future,
      status: bitstring(didKeyList, 1),
    }),
    didKeyPair,
  );
  const diTampered = structuredClone(diValid) as { credentialSubject: { achievement: { name: string } } };
  diTampered.credentialSubject.achievement.name = 'Kranfører';
  const documents: Record<string, [unknown, string, string]> = {
    'di-didkey-valid.json': [
      diValid,
      'valid',
      'eddsa-rdfc-2022, did:key, BitstringStatusList (Data Integrity signed) bit 1 clear',
    ],
    'di-didkey-expired.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d002',
          issuer: keyIssuer,
          name: 'Fallsikring',
          validUntil: past,
          status: bitstring(didKeyList, 2),
        }),
        didKeyPair,
      ),
      'expired',
      'validUntil 2026-06-30',
    ],
    'di-didkey-revoked.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d003',
          issuer: keyIssuer,
          name: 'Fallsikring',
          validUntil: future,
          status: bitstring(didKeyList, 3),
        }),
        didKeyPair,
      ),
      'revoked',
      'BitstringStatusList bit 3 set',
    ],
    'di-didkey-tampered.json': [diTampered, 'invalid_signature', 'the achievement renamed after signing'],
    // 1EdTech's own examples sign this way: an https issuer, the Ed25519 key in the method's fragment. This
    // issuer publishes no document (404), so the key cannot be tied to it — but expiry still shows.
    'di-https-fragment-key-valid.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d005',
          issuer: profile(unpublishedIssuer, 'Eksempelskolen'),
          name: 'Samarbeid',
        }),
        fragmentKey,
      ),
      'untrusted_issuer',
      'eddsa-rdfc-2022, key only in the verificationMethod fragment, issuer document absent',
    ],
    'di-https-fragment-key-expired.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d006',
          issuer: profile(unpublishedIssuer, 'Eksempelskolen'),
          name: 'Samarbeid',
          validUntil: past,
        }),
        fragmentKey,
      ),
      'expired',
      'as above, validUntil 2026-06-30',
    ],
    'di-didkey-p256-valid.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d007',
          issuer: profile(didKeyP256, 'Nettkurs Nord'),
          name: 'Førstehjelp',
        }),
        p256,
        ecdsaRdfc2019,
      ),
      'valid',
      'ecdsa-rdfc-2019 (P-256), did:key zDn… (offline)',
    ],
    'di-didweb-valid.json': [
      await signDataIntegrity(
        badge({
          id: 'urn:uuid:2a7d4c1e-0000-4000-8000-00000000d004',
          issuer: webIssuer,
          name: 'Stillasmontasje',
          validUntil: future,
          status: bitstring(webList, 4),
        }),
        webEd,
      ),
      'valid',
      'eddsa-rdfc-2022, did:web method #key-1, status list is a VC-JWT of the same issuer',
    ],
  };
  for (const [name, [document, verdict, note]] of Object.entries(documents)) {
    await write(name, `${JSON.stringify(document, null, 2)}\n`);
    expected[name] = { verdict, issuer: (document as { issuer: { id: string } }).issuer.id, note };
  }

  // --- Baked badges (OB 3.0 §5.3) ----------------------------------------------------------------
  const diJson = JSON.stringify(diValid, null, 2);
  await write('baked-jwt.svg', svgWith({ verify: webValid }));
  await write('baked-di.svg', svgWith({ json: diJson }));
  await write('baked-jwt.png', pngWith(webValid, false));
  await write('baked-di.png', pngWith(diJson, true));
  expected['baked-jwt.svg'] = { verdict: 'valid', issuer: didWeb, note: 'jwt-didweb-valid in the verify attribute' };
  expected['baked-di.svg'] = { verdict: 'valid', issuer: didKey, note: 'di-didkey-valid in CDATA' };
  expected['baked-jwt.png'] = { verdict: 'valid', issuer: didWeb, note: 'jwt-didweb-valid in an iTXt chunk' };
  expected['baked-di.png'] = { verdict: 'valid', issuer: didKey, note: 'di-didkey-valid in a compressed iTXt chunk' };

  // --- The fake issuer's TLS certificate (a test CA of its own) ----------------------------------
  const temporary = await mkdtemp(path.join(tmpdir(), 'veileder-fixture-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '3650',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=DNS:${host}`,
        '-keyout',
        path.join(temporary, 'key.pem'),
        '-out',
        path.join(temporary, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    await write('tls-key.pem', await readFile(path.join(temporary, 'key.pem')));
    await write('tls-cert.pem', await readFile(path.join(temporary, 'cert.pem')));
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }

  const trusted = [didWeb, didKey, didJwk, httpsIssuer, didKeyP256];
  await write('site.json', `${JSON.stringify({ host, routes: site }, null, 2)}\n`);
  await write('expected.json', `${JSON.stringify({ trustedIssuers: trusted, credentials: expected }, null, 2)}\n`);
  process.stdout.write(
    `Wrote ${Object.keys(expected).length} credentials and ${site.length} issuer documents to ${out}\n`,
  );
}

function issuerOf(jwt: string): string {
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { iss: string };
  return claims.iss;
}

await main();
