import { expect, test } from 'vitest';
import { createDirectLineConversations, DirectLineFullError } from '../../adapters/web/direct-line/direct-line-conversations.js';
import { createDirectLineTokens } from '../../adapters/web/direct-line/direct-line-tokens.js';

test('activities are numbered in order and read from a watermark; idle conversations go; floods are refused', () => {
  let now = 1_000_000;
  const conversations = createDirectLineConversations({ idleMinutes: 1, maxActivities: 3, maxConversations: 2, now: () => now });
  const id = conversations.create();
  expect(conversations.append(id, { type: 'message', text: 'a' })).toBe(`${id}|0000000`);
  conversations.append(id, { type: 'message', text: 'b' });
  expect(conversations.since(id, 1)).toMatchObject({ activities: [{ text: 'b', conversation: { id }, channelId: 'directline' }], watermark: 2 });
  expect(conversations.since(id, 99)).toEqual({ activities: [], watermark: 2 });
  conversations.append(id, { type: 'typing' });
  expect(() => conversations.append(id, { type: 'message' })).toThrow(DirectLineFullError);
  conversations.create();
  expect(() => conversations.create()).toThrow(DirectLineFullError);
  now += 2 * 60_000;
  expect(() => conversations.create()).not.toThrow();
  expect(conversations.since(id, 0).activities).toEqual([]);
});

test('tokens carry their conversation and user, expire, and cannot be altered', () => {
  let now = 0;
  const tokens = createDirectLineTokens({ secret: 'a-secret-of-sixteen-chars', lifetimeSeconds: 60, now: () => now });
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
