import { hkdfSync } from 'node:crypto';
import { decrypt, encrypt, type CredentialSecret } from '../../src/credentials/signing-keys.js';
import type { Sealing } from '../storage/slack-installation-store.js';

/**
 * Seals Slack installations (bot tokens) at rest the way the credential signing keys are sealed: AES-256-GCM
 * under a key derived with HKDF-SHA-256 from the credential secret (VEILEDER_CREDENTIAL_SECRET, or the file
 * generated beside the embedded database) — with its own purpose, so the two keys never coincide.
 */
export function installationSealing(secret: Promise<CredentialSecret>): Sealing {
  const key = secret.then((resolved) =>
    Buffer.from(hkdfSync('sha256', resolved.material, 'veileder-slack', 'installation-encryption', 32)),
  );
  return {
    seal: async (plaintext) => encrypt(await key, plaintext),
    async open(sealed) {
      try {
        return decrypt(await key, sealed);
      } catch (error) {
        throw new Error(
          'A Slack installation cannot be opened: VEILEDER_CREDENTIAL_SECRET is not the secret it was sealed with',
          { cause: error },
        );
      }
    },
  };
}
