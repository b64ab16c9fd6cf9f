import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Direct Line tokens, signed and stateless: each names one conversation and one user, so a client can only
 * read and write its own conversation and cannot speak as someone else. The key is derived from the
 * configured secret or, without one, generated once into the database
 * (adapters/storage/direct-line-conversation-store.ts), so a token one process issued verifies on every other.
 */
export type DirectLineClaims = { conversationId: string; userId: string; expiresAt: number };

export type DirectLineTokens = {
  issue(claims: { conversationId: string; userId: string }): { token: string; expiresIn: number };
  /** The claims of a valid, unexpired token; undefined otherwise. */
  verify(token: string): DirectLineClaims | undefined;
  /** True when `candidate` is the configured secret. */
  isSecret(candidate: string): boolean;
};

const claimsSchema = z.object({ c: z.string(), u: z.string(), e: z.number() });
export function createDirectLineTokens(options: {
  key: Buffer;
  secret: string | undefined;
  lifetimeSeconds?: number;
  now?: () => number;
}): DirectLineTokens {
  const lifetimeSeconds = options.lifetimeSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const sign = (payload: string) => createHmac('sha256', options.key).update(payload).digest('base64url');

  return {
    issue(claims) {
      const payload = Buffer.from(
        JSON.stringify({ c: claims.conversationId, u: claims.userId, e: now() + lifetimeSeconds * 1000 }),
      ).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, expiresIn: lifetimeSeconds };
    },
    verify(token) {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const parsed = claimsSchema.safeParse(safeJson(Buffer.from(payload, 'base64url').toString()));
      if (!parsed.success || parsed.data.e < now()) return undefined;
      return { conversationId: parsed.data.c, userId: parsed.data.u, expiresAt: parsed.data.e };
    },
    isSecret(candidate) {
      if (!options.secret) return false;
      const expected = Buffer.from(options.secret);
      const given = Buffer.from(candidate);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
