import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { generatedKey } from '../storage/generated-key.js';

/**
 * Web chat sessions (POST /api/chat). The server issues every session id, and a client can only continue a
 * session it was given: an id is `ws1.<24 random bytes>.<HMAC-SHA256 of them>`, unguessable and checked
 * without a database read. The learner it stands for is `session:<random>` on the web channel, a namespace
 * no other web identity (Direct Line's `portal:` and `dl_` ids) can enter, so knowing someone's portal user id
 * gives nothing. The key comes from VEILEDER_SESSION_SECRET; without it one is generated once and kept in
 * push_state (the database's table of generated keys), so every process issues and accepts alike.
 */

const stateName = 'web_session_key';
const sessionPattern = /^ws1\.([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/;

export type WebSessions = {
  /** A new session id for a learner who came without one. */
  issue(): string;
  /** The web identity (`session:…`) the id stands for, or undefined when this server did not issue it. */
  identityOf(sessionId: string): string | undefined;
};

export async function loadWebSessionKey(options: { pool: pg.Pool; configured: string | undefined }): Promise<string> {
  return options.configured ?? generatedKey(options.pool, stateName);
}

export function webSessions(key: string): WebSessions {
  const sign = (random: string) => createHmac('sha256', key).update(`web-session:${random}`).digest('base64url');
  return {
    issue() {
      const random = randomBytes(24).toString('base64url');
      return `ws1.${random}.${sign(random)}`;
    },
    identityOf(sessionId) {
      const match = sessionPattern.exec(sessionId);
      if (!match) return undefined;
      const expected = Buffer.from(sign(match[1]!));
      const given = Buffer.from(match[2]!);
      return expected.length === given.length && timingSafeEqual(expected, given) ? `session:${match[1]}` : undefined;
    },
  };
}
