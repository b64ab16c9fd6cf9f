import type pg from 'pg';
import type { JWK } from 'jose';
import type { CredentialStore, IssuedCredentialRecord } from '../../src/credentials/credential-store.js';
import {
  issueCredential,
  type IssueCredentialInput,
  type IssuedCredential,
} from '../../src/credentials/issue-credential.js';
import { issuerProfileDocument, keyUrl, type IssuerSettings } from '../../src/credentials/issuer.js';
import { currentStatusList } from '../../src/credentials/publish-status-list.js';
import { revokeCredential } from '../../src/credentials/revoke-credential.js';
import {
  ensureActiveKey,
  rotateSigningKey,
  type CredentialSecret,
  type SigningKeyStore,
} from '../../src/credentials/signing-keys.js';
import type { FetchIssuerDocument } from '../../src/credentials/external/fetch-issuer-document.js';
import type { VerificationResult } from '../../src/credentials/verify-credential.js';
import { verifyPresentedCredential } from '../../src/credentials/verify-presented-credential.js';
import { createCredentialStore, createSigningKeyStore } from '../storage/credential-store.js';
import { createIssuerDocumentFetcher } from './issuer-document-fetcher.js';

/**
 * Everything about credentials that the web routes, the CLI and the chat need, composed once: the core use
 * cases (src/credentials) over the PostgreSQL stores, with the issuer settings, the secret and a clock.
 * Other features (site check, tender bundle) call `verify` — it never throws for a bad credential. It takes
 * any credential: Veileder's own VC-JWTs, other issuers' VC-JWTs and Data Integrity JSON, baked PNG/SVG bytes.
 */
export type CredentialService = {
  issuer: IssuerSettings;
  pool: pg.Pool;
  store: CredentialStore;
  keys: SigningKeyStore;
  secret: CredentialSecret;
  issue(input: IssueCredentialInput): Promise<IssuedCredential>;
  verify(credential: string | Uint8Array, options?: { now?: Date }): Promise<VerificationResult>;
  revoke(options: { credentialId: string; reason?: string | null }): Promise<IssuedCredentialRecord>;
  rotateKeys(): Promise<{ previous: string | null; current: string }>;
  /** All public keys, retired ones included, as a JWK Set. */
  jwks(): Promise<{ keys: JWK[] }>;
  statusListJwt(listId: string): Promise<string | null>;
  issuerProfile(): Record<string, unknown>;
};

export function createCredentialService(options: {
  pool: pg.Pool;
  issuer: IssuerSettings;
  secret: CredentialSecret;
  clock?: () => Date;
  /** Other issuers whose credentials verify as valid (VEILEDER_TRUSTED_ISSUERS); none by default. */
  trustedIssuers?: readonly string[];
  /** How other issuers' keys and status lists are fetched; the https fetcher by default. */
  fetchDocument?: FetchIssuerDocument;
}): CredentialService {
  const store = createCredentialStore({ pool: options.pool });
  const keys = createSigningKeyStore({ pool: options.pool });
  const clock = options.clock ?? (() => new Date());
  const fetchDocument = options.fetchDocument ?? createIssuerDocumentFetcher();
  const common = () => ({ issuer: options.issuer, store, keys, secret: options.secret, now: clock() });
  return {
    issuer: options.issuer,
    pool: options.pool,
    store,
    keys,
    secret: options.secret,
    issue: (input) => issueCredential({ ...common(), input }),
    verify: (credential, verifyOptions) =>
      verifyPresentedCredential({
        input: credential,
        fetchDocument,
        trustedIssuers: options.trustedIssuers ?? [],
        issuer: options.issuer,
        keys: () => keys.allKeys(),
        statusList: (listId) => currentStatusList({ ...common(), listId }),
        now: verifyOptions?.now ?? clock(),
      }),
    revoke: ({ credentialId, reason }) => revokeCredential({ ...common(), credentialId, reason }),
    async rotateKeys() {
      const rotated = await rotateSigningKey({ store: keys, secret: options.secret, now: clock() });
      return rotated;
    },
    async jwks() {
      await ensureActiveKey({ store: keys, secret: options.secret, now: clock() });
      const all = await keys.allKeys();
      return { keys: all.map((key) => ({ ...key.publicJwk, kid: keyUrl(options.issuer, key.id) })) };
    },
    statusListJwt: (listId) => currentStatusList({ ...common(), listId }),
    issuerProfile: () => issuerProfileDocument(options.issuer),
  };
}
