import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey, type CredentialSecret } from './signing-keys.js';

/**
 * The learner has no password: the chat hands them a short-lived link to their wallet page, signed with a
 * key derived from the credential secret (HMAC-SHA-256). The token names the learner and an expiry; nothing
 * is stored, so a link cannot be withdrawn early — hence the short default lifetime (30 minutes).
 */
export const walletLinkMinutes = 30;

export function createWalletToken(options: {
  secret: CredentialSecret;
  learnerId: string;
  now: Date;
  minutes?: number;
}): string {
  const expires = Math.floor(options.now.getTime() / 1000) + (options.minutes ?? walletLinkMinutes) * 60;
  const body = Buffer.from(JSON.stringify({ l: options.learnerId, e: expires }), 'utf8').toString('base64url');
  return `${body}.${sign(options.secret, body)}`;
}

export function readWalletToken(options: {
  secret: CredentialSecret;
  token: string;
  now: Date;
}): { learnerId: string; expiresAt: Date } | { problem: 'invalid' | 'expired' } {
  const [body, signature] = options.token.split('.');
  if (!body || !signature) return { problem: 'invalid' };
  const expected = Buffer.from(sign(options.secret, body), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { problem: 'invalid' };
  try {
    const { l, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { l: unknown; e: unknown };
    if (typeof l !== 'string' || typeof e !== 'number') return { problem: 'invalid' };
    if (e * 1000 <= options.now.getTime()) return { problem: 'expired' };
    return { learnerId: l, expiresAt: new Date(e * 1000) };
  } catch {
    return { problem: 'invalid' };
  }
}

function sign(secret: CredentialSecret, body: string): string {
  return createHmac('sha256', deriveKey(secret, 'wallet-link')).update(body).digest('base64url');
}
