import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  createDirectLineConversations,
  loadDirectLineTokenKey,
} from '../../adapters/storage/direct-line-conversation-store.js';
import { createDirectLineTokens } from '../../adapters/web/direct-line/direct-line-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The Direct Line conversation store on real PostgreSQL: numbering, watermarks, limits, pages and the purge.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

test('activities are numbered in order and read from a watermark; limits refuse the client, not the bot', async () => {
  const conversations = createDirectLineConversations({
    pool: database.pool,
    limits: { maxActivities: 3, maxConversationBytes: 10_000, idleMinutes: 60 },
  });
  const id = await conversations.create();
  expect(await conversations.append(id, { type: 'message', text: 'a' }, { limited: true })).toEqual({
    kind: 'appended',
    id: `${id}|0000000`,
  });
  await conversations.append(id, { type: 'message', text: 'b' }, { limited: true });
  expect(await conversations.since(id, 1)).toMatchObject({
    activities: [
      { id: `${id}|0000001`, text: 'b', conversation: { id }, channelId: 'directline', timestamp: expect.any(String) },
    ],
    watermark: 2,
  });
  // Past the end (the conversation began again after an idle purge): the client is brought back to the end.
  expect(await conversations.since(id, 99)).toEqual({ activities: [], watermark: 2 });
  await conversations.append(id, { type: 'typing' }, { limited: true });
  expect(await conversations.append(id, { type: 'message', text: 'd' }, { limited: true })).toEqual({
    kind: 'refused',
  });
  expect(await conversations.append(id, { type: 'message', text: 'bot' }, { limited: false })).toEqual({
    kind: 'appended',
    id: `${id}|0000003`,
  });

  const small = createDirectLineConversations({
    pool: database.pool,
    limits: { maxActivities: 100, maxConversationBytes: 100, idleMinutes: 60 },
  });
  const other = await small.create();
  expect(await small.append(other, { type: 'event', value: 'x'.repeat(60) }, { limited: true })).toMatchObject({
    kind: 'appended',
  });
  expect(await small.append(other, { type: 'event', value: 'x'.repeat(60) }, { limited: true })).toEqual({
    kind: 'refused',
  });
});

test('two stores on one database number concurrent appends without gaps or duplicates', async () => {
  const limits = { maxActivities: 1000, maxConversationBytes: 1_000_000, idleMinutes: 60 };
  const one = createDirectLineConversations({ pool: database.pool, limits });
  const two = createDirectLineConversations({ pool: database.pool, limits });
  const id = await one.create();
  await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      (index % 2 ? one : two).append(id, { type: 'event', value: index }, { limited: true }),
    ),
  );
  const page = await two.since(id, 0);
  expect(page.activities.map((activity) => activity.id)).toEqual(
    Array.from({ length: 20 }, (_, index) => `${id}|${String(index).padStart(7, '0')}`),
  );
  expect(page.watermark).toBe(20);
});

test('a page holds at most 100 activities and about 200 KB, and always at least one', async () => {
  const conversations = createDirectLineConversations({
    pool: database.pool,
    limits: { maxActivities: 1000, maxConversationBytes: 10_000_000, idleMinutes: 60 },
  });
  const many = await conversations.create();
  for (let index = 0; index < 120; index += 1)
    await conversations.append(many, { type: 'event', value: index }, { limited: true });
  expect(await conversations.since(many, 0)).toMatchObject({ watermark: 100 });
  expect((await conversations.since(many, 100)).activities).toHaveLength(20);
  const large = await conversations.create();
  for (let index = 0; index < 3; index += 1)
    await conversations.append(large, { type: 'event', value: 'x'.repeat(150 * 1024) }, { limited: false });
  expect(await conversations.since(large, 0)).toMatchObject({ activities: [{ type: 'event' }], watermark: 1 });
  expect(await conversations.since(large, 1)).toMatchObject({ activities: [{ type: 'event' }], watermark: 2 });
});

test('idle conversations are purged with their activities; a token naming one opens it afresh', async () => {
  const conversations = createDirectLineConversations({
    pool: database.pool,
    limits: { maxActivities: 10, maxConversationBytes: 10_000, idleMinutes: 5 },
  });
  const idle = await conversations.create();
  await conversations.append(idle, { type: 'message', text: 'old' }, { limited: true });
  await database.pool.query(
    `UPDATE direct_line_conversation SET last_used_at = now() - interval '6 minutes' WHERE id = $1`,
    [idle],
  );
  await conversations.create();
  const { rows } = await database.pool.query(
    'SELECT count(*)::int AS count FROM direct_line_activity WHERE conversation_id = $1',
    [idle],
  );
  expect(rows[0].count).toBe(0);
  await conversations.open(idle);
  expect(await conversations.since(idle, 1)).toEqual({ activities: [], watermark: 0 });
  expect(await conversations.append(idle, { type: 'message', text: 'new' }, { limited: true })).toEqual({
    kind: 'appended',
    id: `${idle}|0000000`,
  });
});

test('without a configured secret, every process signs tokens with the one key kept in the database', async () => {
  const [first, second] = await Promise.all([
    loadDirectLineTokenKey({ pool: database.pool, secret: undefined }),
    loadDirectLineTokenKey({ pool: database.pool, secret: undefined }),
  ]);
  expect(first.equals(second)).toBe(true);
  const issued = createDirectLineTokens({ key: first, secret: undefined }).issue({ conversationId: 'c', userId: 'u' });
  expect(createDirectLineTokens({ key: second, secret: undefined }).verify(issued.token)).toMatchObject({
    conversationId: 'c',
    userId: 'u',
  });
});
