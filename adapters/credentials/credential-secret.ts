import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CredentialSecret } from '../../src/credentials/signing-keys.js';
import type { Logger } from '../logging.js';

export const credentialSecretFileName = 'credential-secret';

/**
 * The secret that encrypts the issuer's private keys at rest (and signs the learner's wallet links).
 * VEILEDER_CREDENTIAL_SECRET when set. Otherwise, on the embedded database only, a random secret kept in
 * `<data dir>/credential-secret` with mode 0600 — created on first use and said so in the log. It lives
 * next to the database it protects, which guards against a leaked database dump but not a copied data
 * directory; set the variable (from a secret store) in production. On a PostgreSQL server the variable is
 * required: several instances must share it, and a file on one machine would lock the others out.
 */
export async function resolveCredentialSecret(options: {
  configured: string | undefined;
  dataDir: string;
  databaseKind: 'server' | 'embedded';
  log: Logger;
}): Promise<CredentialSecret | { missing: string }> {
  if (options.configured) return { material: Buffer.from(options.configured, 'utf8') };
  if (options.databaseKind === 'server') {
    return {
      missing:
        'VEILEDER_CREDENTIAL_SECRET is not set: credentials are switched off on a PostgreSQL server until it is (at least 32 characters, the same on every instance)',
    };
  }
  const file = path.resolve(options.dataDir, credentialSecretFileName);
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text.length >= 32) return { material: Buffer.from(text, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  options.log.info(
    `Credentials: generated a signing-key encryption secret in ${file} (mode 0600); set VEILEDER_CREDENTIAL_SECRET to manage it yourself`,
  );
  return { material: Buffer.from((await readFile(file, 'utf8')).trim(), 'utf8') };
}
