import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsonwebtoken from 'jsonwebtoken';
import { expect, it } from 'vitest';

// The VC-JWT fixtures are what expected.json says, by tools Veileder does not verify with: jsonwebtoken for
// RS256 and ES256 (with the keys the fake issuer publishes), and OpenSSL through node:crypto for EdDSA
// (with the key inside the did:key). So a bug shared by the fixture script and the verifier cannot hide.

const fixtures = new URL('../fixtures/credentials/external/', import.meta.url);
const text = async (name: string) => (await readFile(new URL(name, fixtures), 'utf8')).trim();
const json = async (name: string) => JSON.parse(await text(name));

it('jsonwebtoken verifies the did:web RS256 credentials with the DID document’s key and rejects the tampered one', async () => {
  const did = await json('site/did.json');
  const key = createPublicKey({
    key: did.verificationMethod.find((method: { id: string }) => method.id.endsWith('#key-rsa')).publicKeyJwk,
    format: 'jwk',
  });
  for (const name of ['jwt-didweb-valid.jwt', 'jwt-didweb-revoked.jwt'])
    expect(
      jsonwebtoken.verify(await text(name), key, { algorithms: ['RS256'], issuer: 'did:web:badges.example.org' }),
    ).toMatchObject({ iss: 'did:web:badges.example.org' });
  await expect(async () =>
    jsonwebtoken.verify(await text('jwt-didweb-expired.jwt'), key, { algorithms: ['RS256'] }),
  ).rejects.toThrow('jwt expired');
  await expect(async () =>
    jsonwebtoken.verify(await text('jwt-didweb-tampered.jwt'), key, { algorithms: ['RS256'] }),
  ).rejects.toThrow('invalid signature');
});

it('jsonwebtoken verifies the https issuer’s ES256 credential with its JWK Set', async () => {
  const jwks = await json('site/issuer-jwks.json');
  const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
  expect(jsonwebtoken.verify(await text('jwt-https-valid.jwt'), key, { algorithms: ['ES256'] })).toMatchObject({
    iss: 'https://badges.example.org/issuers/1',
  });
});

it('OpenSSL verifies the did:key EdDSA credentials with the key the DID itself encodes', async () => {
  for (const name of ['jwt-didkey-valid.jwt', 'jwt-vc11-didkey.jwt']) {
    const jwt = await text(name);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).kid as string;
    // did:key:z6Mk… = base58btc of 0xed 0x01 + the 32-byte Ed25519 public key.
    const raw = base58btc(kid.split('#')[1]!.slice(1)).subarray(2);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    expect(
      cryptoVerify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')),
      name,
    ).toBe(true);
  }
});

function base58btc(text: string): Buffer {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let value = 0n;
  for (const character of text) value = value * 58n + BigInt(alphabet.indexOf(character));
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
