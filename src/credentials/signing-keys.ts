import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from 'jose';

/**
 * The issuer's signing keys. ES256 (ECDSA P-256 with SHA-256): VC-JOSE-COSE lists it, every JOSE library
 * implements it — including `jsonwebtoken` and `did-jwt`, which do not all implement EdDSA — and P-256 keys
 * are what hardware security modules and cloud key stores offer. (Open Badges 3.0 names RS256 as the
 * minimum a verifier should support; ES256 signatures are 64 bytes instead of 256, which keeps QR codes
 * of share links and status lists small. See docs/credentials.md.)
 *
 * Private keys are stored encrypted with AES-256-GCM under a key derived (HKDF-SHA-256) from
 * VEILEDER_CREDENTIAL_SECRET, so a database dump alone cannot sign credentials.
 */
export const signingAlgorithm = 'ES256';

export type StoredSigningKey = {
  id: string;
  algorithm: typeof signingAlgorithm;
  publicJwk: JWK;
  privateKeyEncrypted: string;
  createdAt: Date;
  /** When a newer key took over; the key still verifies what it signed before then. */
  retiredAt: Date | null;
};

/** The port the storage adapter implements (adapters/storage/credential-store.ts). */
export type SigningKeyStore = {
  activeKey(): Promise<StoredSigningKey | null>;
  allKeys(): Promise<StoredSigningKey[]>;
  /** Stores `key` as the active key and retires the one before it, in one transaction. */
  replaceActiveKey(key: StoredSigningKey, now: Date): Promise<void>;
};

/** Key material derived from the configured secret; one purpose per derived key. */
export type CredentialSecret = { material: Buffer };

export function deriveKey(secret: CredentialSecret, purpose: 'signing-key-encryption' | 'wallet-link'): Buffer {
  return Buffer.from(hkdfSync('sha256', secret.material, 'veileder-credentials', purpose, 32));
}

export async function createSigningKey(options: { secret: CredentialSecret; now: Date }): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
  const id = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), alg: signingAlgorithm, use: 'sig' };
  const privatePem = await exportPKCS8(privateKey);
  return {
    id,
    algorithm: signingAlgorithm,
    publicJwk,
    privateKeyEncrypted: encrypt(deriveKey(options.secret, 'signing-key-encryption'), privatePem),
    createdAt: options.now,
    retiredAt: null,
  };
}

export async function privateSigningKey(options: {
  key: StoredSigningKey;
  secret: CredentialSecret;
}): Promise<CryptoKey> {
  let pem: string;
  try {
    pem = decrypt(deriveKey(options.secret, 'signing-key-encryption'), options.key.privateKeyEncrypted);
  } catch (error) {
    throw new Error(
      `Signing key ${options.key.id} cannot be decrypted: VEILEDER_CREDENTIAL_SECRET is not the secret it was encrypted with`,
      { cause: error },
    );
  }
  return importPKCS8(pem, signingAlgorithm);
}

/** Returns the active key, creating the first one when there is none yet. */
export async function ensureActiveKey(options: {
  store: SigningKeyStore;
  secret: CredentialSecret;
  now: Date;
}): Promise<StoredSigningKey> {
  const active = await options.store.activeKey();
  if (active) return active;
  const key = await createSigningKey(options);
  await options.store.replaceActiveKey(key, options.now);
  return (await options.store.activeKey()) ?? key;
}

export async function rotateSigningKey(options: {
  store: SigningKeyStore;
  secret: CredentialSecret;
  now: Date;
}): Promise<{ previous: string | null; current: string }> {
  const previous = await options.store.activeKey();
  const key = await createSigningKey(options);
  await options.store.replaceActiveKey(key, options.now);
  return { previous: previous?.id ?? null, current: key.id };
}

export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

export function decrypt(key: Buffer, sealed: string): string {
  const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('sealed value is not iv.tag.ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
