import { notFound } from '../errors.js';
import type { CredentialStore, IssuedCredentialRecord } from './credential-store.js';
import type { IssuerSettings } from './issuer.js';
import { publishStatusList } from './publish-status-list.js';
import type { CredentialSecret, SigningKeyStore } from './signing-keys.js';

export type RevokeCredentialOptions = {
  credentialId: string;
  reason?: string | null | undefined;
  issuer: IssuerSettings;
  store: CredentialStore;
  keys: SigningKeyStore;
  secret: CredentialSecret;
  now?: Date;
};

/** Marks the credential revoked and republishes its status list at once. Revoking twice is harmless. */
export async function revokeCredential(options: RevokeCredentialOptions): Promise<IssuedCredentialRecord> {
  const now = options.now ?? new Date();
  const id = options.credentialId.startsWith('urn:uuid:') ? options.credentialId : `urn:uuid:${options.credentialId}`;
  const record = await options.store.markRevoked({ id, reason: options.reason ?? null, now });
  if (!record) throw notFound({ what: 'Credential', id });
  await publishStatusList({
    listId: record.statusListId,
    issuer: options.issuer,
    store: options.store,
    keys: options.keys,
    secret: options.secret,
    now,
  });
  return record;
}
