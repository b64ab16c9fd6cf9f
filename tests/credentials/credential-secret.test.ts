import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialSecretFileName, resolveCredentialSecret } from '../../adapters/credentials/credential-secret.js';
import { createLogger } from '../../adapters/logging.js';
import {
  createSigningKey,
  decrypt,
  deriveKey,
  encrypt,
  privateSigningKey,
} from '../../src/credentials/signing-keys.js';
import { createWalletToken, readWalletToken } from '../../src/credentials/wallet-link.js';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('the credential secret', () => {
  it('is generated once into the data dir with mode 0600 on the embedded database, logged, and reused', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-secret-'));
    folders.push(dataDir);
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    const first = await resolveCredentialSecret({ configured: undefined, dataDir, databaseKind: 'embedded', log });
    const file = path.join(dataDir, credentialSecretFileName);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toContain(`generated a signing-key encryption secret in ${file}`);
    const second = await resolveCredentialSecret({ configured: undefined, dataDir, databaseKind: 'embedded', log });
    expect('material' in first && 'material' in second && first.material.equals(second.material)).toBe(true);
    expect(lines).toHaveLength(1);
    expect((await readFile(file, 'utf8')).trim().length).toBeGreaterThanOrEqual(32);
  });

  it('is required on a PostgreSQL server, and the configured one wins', async () => {
    const log = createLogger({ level: 'silent' });
    expect(
      await resolveCredentialSecret({ configured: undefined, dataDir: '/nonexistent', databaseKind: 'server', log }),
    ).toMatchObject({ missing: expect.stringContaining('VEILEDER_CREDENTIAL_SECRET') });
    const configured = await resolveCredentialSecret({
      configured: 'x'.repeat(40),
      dataDir: '/nonexistent',
      databaseKind: 'server',
      log,
    });
    expect('material' in configured && configured.material.toString()).toBe('x'.repeat(40));
  });
});

describe('keys at rest', () => {
  it('stores the private key encrypted: tampering or another secret cannot open it', async () => {
    const secret = { material: Buffer.from('the right secret, long enough for the test') };
    const key = await createSigningKey({ secret, now: new Date() });
    expect(key.privateKeyEncrypted).not.toContain('PRIVATE KEY');
    expect(key.publicJwk).not.toHaveProperty('d');
    await expect(privateSigningKey({ key, secret })).resolves.toBeDefined();
    await expect(
      privateSigningKey({ key, secret: { material: Buffer.from('a different secret of the same length!!') } }),
    ).rejects.toThrow(/VEILEDER_CREDENTIAL_SECRET/);
    const aes = deriveKey(secret, 'signing-key-encryption');
    const sealed = encrypt(aes, 'hemmelig');
    expect(decrypt(aes, sealed)).toBe('hemmelig');
    const [iv, tag, body] = sealed.split('.');
    expect(() => decrypt(aes, `${iv}.${tag}.${body!.slice(0, -2)}AA`)).toThrow();
  });

  it('wallet tokens expire and cannot be altered', () => {
    const secret = { material: Buffer.from('wallet token secret, long enough for the test') };
    const now = new Date('2026-11-30T09:00:00Z');
    const token = createWalletToken({ secret, learnerId: 'learner-1', now });
    expect(readWalletToken({ secret, token, now })).toMatchObject({ learnerId: 'learner-1' });
    expect(readWalletToken({ secret, token, now: new Date(now.getTime() + 31 * 60_000) })).toEqual({
      problem: 'expired',
    });
    const [body, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ l: 'learner-2', e: 9_999_999_999 })).toString('base64url');
    expect(readWalletToken({ secret, token: `${other}.${signature}`, now })).toEqual({ problem: 'invalid' });
    expect(readWalletToken({ secret, token: `${body}`, now })).toEqual({ problem: 'invalid' });
  });
});
