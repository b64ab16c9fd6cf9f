import type { CredentialShares, OpenedShare } from './credential-shares.js';

/** A verifier opens a share link (on /verify or POST /api/verify): the credential, or why the link fails. */
export async function openCredentialShare(options: {
  token: string;
  now: Date;
  shares: CredentialShares;
}): Promise<OpenedShare> {
  return options.shares.open({ token: options.token, now: options.now });
}
