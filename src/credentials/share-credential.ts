import type { CredentialShares } from './credential-shares.js';

const dayMs = 86_400_000;

/** A learner shares one of their credentials from the wallet: a link that works for `days` days. */
export async function shareCredential(options: {
  credentialId: string;
  days: number;
  now: Date;
  shares: CredentialShares;
}): Promise<{ token: string }> {
  return options.shares.create({
    credentialId: options.credentialId,
    expiresAt: new Date(options.now.getTime() + options.days * dayMs),
    now: options.now,
  });
}
