import { createHmac, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { generatedKey } from '../storage/generated-key.js';

/**
 * The signed unsubscribe link: /unsubscribe/<learner id, base64url>.<HMAC-SHA256 of it>. The key comes from
 * VEILEDER_PUSH_SECRET; without it one is generated once and kept in push_state, so every process on the
 * database signs and checks alike. The token names only the learner and grants only stopping their digests.
 */

const stateName = 'unsubscribe_key';

export async function loadUnsubscribeKey(options: { pool: pg.Pool; configured: string | undefined }): Promise<string> {
  return options.configured ?? generatedKey(options.pool, stateName);
}

const sign = (key: string, learnerId: string) =>
  createHmac('sha256', key).update(`unsubscribe:${learnerId}`).digest('base64url');

export function unsubscribeToken(options: { key: string; learnerId: string }): string {
  return `${Buffer.from(options.learnerId).toString('base64url')}.${sign(options.key, options.learnerId)}`;
}

/** The learner the token names, or undefined when it is malformed or not signed with this key. */
export function readUnsubscribeToken(options: { key: string; token: string }): string | undefined {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(options.token);
  if (!match) return undefined;
  const learnerId = Buffer.from(match[1]!, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(options.key, learnerId));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? learnerId : undefined;
}
