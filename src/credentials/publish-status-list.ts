import type { CredentialStore } from './credential-store.js';
import { signCredentialJwt } from './issue-credential.js';
import { issuerId, keyUrl, statusListUrl, type IssuerSettings } from './issuer.js';
import { ensureActiveKey, privateSigningKey, type CredentialSecret, type SigningKeyStore } from './signing-keys.js';
import { buildStatusListCredential, encodeStatusList } from './status-list.js';

export type PublishStatusListOptions = {
  listId: string;
  issuer: IssuerSettings;
  store: CredentialStore;
  keys: SigningKeyStore;
  secret: CredentialSecret;
  now?: Date;
};

/**
 * Rebuilds one BitstringStatusListCredential from the revoked credentials in the store, signs it as a
 * VC-JWT with the active key and stores it as the published copy. Called on every revocation (so the
 * revocation takes effect at once) and when a list is first asked for.
 */
export async function publishStatusList(options: PublishStatusListOptions): Promise<string> {
  const now = options.now ?? new Date();
  const bits = await options.store.statusListBits(options.listId);
  if (!bits) throw new Error(`status list ${options.listId} does not exist`);
  const url = statusListUrl(options.issuer, options.listId);
  const credential = buildStatusListCredential({
    url,
    issuerId: issuerId(options.issuer),
    encodedList: encodeStatusList(bits),
    now,
  });
  const key = await ensureActiveKey({ store: options.keys, secret: options.secret, now });
  const jwt = await signCredentialJwt({
    claims: credential,
    issuerId: credential.issuer,
    validFrom: new Date(credential.validFrom),
    validUntil: null,
    kid: keyUrl(options.issuer, key.id),
    privateKey: await privateSigningKey({ key, secret: options.secret }),
  });
  await options.store.savePublishedStatusList({ listId: options.listId, jwt, now });
  return jwt;
}

/** The published status list, built on first use. */
export async function currentStatusList(options: PublishStatusListOptions): Promise<string | null> {
  const published = await options.store.publishedStatusList(options.listId);
  if (published) return published;
  if (!(await options.store.statusListBits(options.listId))) return null;
  return publishStatusList(options);
}
