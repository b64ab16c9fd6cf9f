import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConversationStore } from '../../adapters/storage/conversation-store.js';
import { freshDialogueState } from '../../src/dialogue/dialogue-state.js';
import { profileSchema } from '../../src/profile/profile.js';
import { conversationStoreContract } from '../support/conversation-store-contract.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Suggestions and ratings refer to stored offerings (foreign keys): three bare ones are enough. */
async function seedOfferings(database: TestDatabase): Promise<[string, string, string]> {
  const provider = await database.pool.query<{ id: string }>(
    "INSERT INTO provider (name, normalized_name) VALUES ('Kontraktskolen', 'kontraktskolen') RETURNING id",
  );
  const offerings = await database.pool.query<{ id: string }>(
    `INSERT INTO offering (title, provider_id, dedupe_key, content_hash)
     SELECT 'Kurs ' || n, $1, 'contract-' || n, 'h' FROM generate_series(1, 3) n RETURNING id`,
    [provider.rows[0]!.id],
  );
  const [first, second, third] = offerings.rows.map((row) => row.id);
  return [first!, second!, third!];
}

conversationStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return {
    store: createConversationStore({ pool: database.pool }),
    offeringIds: await seedOfferings(database),
    close: () => database.drop(),
  };
});

// What only PostgreSQL shows: forgetting a learner leaves no row about them in any table (the cascades).
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

it('forgetting a learner deletes every row about them', async () => {
  const store = createConversationStore({ pool: database.pool });
  const [offeringId] = await seedOfferings(database);
  const begun = await store.beginTurn({
    channel: 'web',
    userId: 'forget-rows',
    sessionKey: undefined,
    text: 'Jeg vil lære om demens',
    action: undefined,
    idleMinutes: 60,
  });
  const recommendationId = randomUUID();
  await store.finishTurn({
    learnerId: begun.learnerId,
    conversationId: begun.conversationId,
    userTurnId: begun.userTurnId,
    replyTurnId: randomUUID(),
    understanding: null,
    reply: { text: 'Her er ett forslag', language: 'nb' },
    recommendations: [
      {
        id: recommendationId,
        offeringId,
        rank: 1,
        score: 0.5,
        reasons: { matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] },
      },
    ],
    state: freshDialogueState(),
    profile: profileSchema.parse({ topics: ['demens'] }),
    usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
  });
  await store.setConsent({ learnerId: begun.learnerId, given: true });
  await store.addRating({ learnerId: begun.learnerId, score: 4, text: undefined, offeringId, recommendationId });
  const count = async (sql: string, values: unknown[]) =>
    (await database.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${sql}`, values)).rows[0]!.count;
  const counts = async () => ({
    learners: await count('learner WHERE id = $1', [begun.learnerId]),
    identities: await count('channel_identity WHERE learner_id = $1', [begun.learnerId]),
    profiles: await count('profile WHERE learner_id = $1', [begun.learnerId]),
    conversations: await count('conversation WHERE learner_id = $1', [begun.learnerId]),
    turns: await count('turn WHERE conversation_id = $1', [begun.conversationId]),
    recommendations: await count('recommendation WHERE conversation_id = $1', [begun.conversationId]),
    ratings: await count('rating WHERE learner_id = $1', [begun.learnerId]),
  });
  expect(await counts()).toEqual({
    learners: 1,
    identities: 1,
    profiles: 1,
    conversations: 1,
    turns: 2,
    recommendations: 1,
    ratings: 1,
  });
  await store.forgetLearner(begun.learnerId);
  expect(await counts()).toEqual({
    learners: 0,
    identities: 0,
    profiles: 0,
    conversations: 0,
    turns: 0,
    recommendations: 0,
    ratings: 0,
  });
});

const firstTurn = (userId: string, text: string) => ({
  channel: 'web' as const,
  userId,
  sessionKey: undefined,
  text,
  action: undefined,
  idleMinutes: 60,
});

it('gives two first turns of one identity racing each other one learner, and keeps both messages', async () => {
  const store = createConversationStore({ pool: database.pool });
  const turns = await Promise.all(
    Array.from({ length: 6 }, (_, index) => store.beginTurn(firstTurn('racer', `melding ${index}`))),
  );
  expect(new Set(turns.map((turn) => turn.learnerId)).size).toBe(1);
  const { rows } = await database.pool.query<{ learners: number; messages: number }>(
    `SELECT (SELECT count(*)::int FROM channel_identity WHERE external_id = 'racer') AS learners,
            (SELECT count(*)::int FROM turn t JOIN conversation c ON c.id = t.conversation_id WHERE c.learner_id = $1) AS messages`,
    [turns[0]!.learnerId],
  );
  expect(rows[0]).toEqual({ learners: 1, messages: 6 });
});

it('tells each extension whether something waits for it, as the probes it was given see it', async () => {
  const store = createConversationStore({
    pool: database.pool,
    waiting: {
      notes: (learner) => `EXISTS (SELECT 1 FROM profile WHERE learner_id = ${learner})`,
      never: () => 'false',
    },
  });
  const first = await store.beginTurn(firstTurn('prober', 'hei'));
  expect(first.waiting).toEqual({ notes: false, never: false });
  await database.pool.query(`INSERT INTO profile (learner_id, data) VALUES ($1, '{}')`, [first.learnerId]);
  const second = await store.beginTurn({ ...firstTurn('prober', 'igjen'), sessionKey: first.conversationId });
  expect(second.conversationId).toBe(first.conversationId);
  expect(second.waiting).toEqual({ notes: true, never: false });
});
