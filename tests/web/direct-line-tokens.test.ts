import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { createDirectLineTokens } from '../../adapters/web/direct-line/direct-line-tokens.js';

test('tokens carry their conversation and user, expire, and cannot be altered', () => {
  let now = 0;
  const tokens = createDirectLineTokens({
    key: randomBytes(32),
    secret: 'a-secret-of-sixteen-chars',
    lifetimeSeconds: 60,
    now: () => now,
  });
  const { token } = tokens.issue({ conversationId: 'c1', userId: 'u1' });
  expect(tokens.verify(token)).toMatchObject({ conversationId: 'c1', userId: 'u1' });
  const [payload, signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ c: 'c2', u: 'u1', e: 10 ** 12 })).toString('base64url');
  expect(tokens.verify(`${forged}.${signature}`)).toBeUndefined();
  expect(tokens.verify(`${payload}`)).toBeUndefined();
  expect(tokens.isSecret('a-secret-of-sixteen-chars')).toBe(true);
  expect(tokens.isSecret('a-secret-of-sixteen-charz')).toBe(false);
  now = 61_000;
  expect(tokens.verify(token)).toBeUndefined();
});
