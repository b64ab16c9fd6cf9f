/**
 * The port for a learner's time-limited share links to one of their credentials (implemented in
 * adapters/storage/credential-share-store.ts). Only a hash of a link's token is kept.
 */
export type OpenedShare = { jwt: string; credentialId: string } | { problem: 'unknown' | 'expired' | 'revoked' };

export type CredentialShares = {
  /** A new link's token, shown once. */
  create(input: { credentialId: string; expiresAt: Date; now: Date }): Promise<{ token: string }>;
  /** Revokes the live link with this token hash if it shares one of `credentialIds`; false otherwise. */
  revoke(input: { tokenHash: string; credentialIds: string[]; now: Date }): Promise<boolean>;
  /** The shared credential's JWT, or why the link does not open it. */
  open(input: { token: string; now: Date }): Promise<OpenedShare>;
};
