import type { CredentialShares } from './credential-shares.js';
import type { CredentialStore } from './credential-store.js';

/**
 * A learner revokes a share link from the wallet. Only links to the learner's own credentials can be
 * revoked, so a token hash seen elsewhere cannot end someone else's link. False when nothing was revoked.
 */
export async function revokeCredentialShare(options: {
  learnerId: string;
  tokenHash: string;
  now: Date;
  credentials: Pick<CredentialStore, 'listForLearner'>;
  shares: CredentialShares;
}): Promise<boolean> {
  const own = (await options.credentials.listForLearner(options.learnerId)).map((record) => record.id);
  return options.shares.revoke({ tokenHash: options.tokenHash, credentialIds: own, now: options.now });
}
