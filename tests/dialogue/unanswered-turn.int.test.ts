import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

// A process killed during a turn leaves the learner's message stored without a reply. The next turn sees it
// and answers it with the new message, so what the learner said is neither lost nor answered twice.

let harness: AssistantHarness;
beforeAll(async () => {
  harness = await startAssistantHarness();
});
afterAll(() => harness?.close());

it('the next turn answers a message whose turn died before its reply', async () => {
  const userId = 'crashed-turn-learner';
  await harness.assistant.handleTurn({ channel: 'web', userId, sessionId: userId, text: 'Hei' });
  // What kill -9 between beginTurn and finishTurn leaves behind: the user turn, and nothing after it.
  const { rows } = await harness.database.pool.query<{ id: string }>(
    'SELECT c.id FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.external_id = $1',
    [userId],
  );
  await harness.database.pool.query(
    `INSERT INTO turn (id, conversation_id, role, text, created_at) VALUES ($1, $2, 'user', 'Jeg vil lære regnskap', clock_timestamp())`,
    [randomUUID(), rows[0]!.id],
  );

  const next = await harness.assistant.handleTurn({ channel: 'web', userId, sessionId: userId, text: 'hallo?' });
  expect(next.suggestions.length, next.text).toBeGreaterThan(0);
  for (const suggestion of next.suggestions) expect(`${suggestion.title} ${suggestion.reason}`).toMatch(/regnskap/i);

  // Answered now: a later turn does not read it again.
  const known = await harness.assistant.handleTurn({
    channel: 'web',
    userId,
    sessionId: userId,
    text: 'Hva vet du om meg?',
  });
  expect(known.text).toMatch(/regnskap/i);
  const turns = await harness.database.pool.query<{ role: string; text: string }>(
    'SELECT role, text FROM turn WHERE conversation_id = $1 ORDER BY created_at',
    [rows[0]!.id],
  );
  expect(turns.rows.map((turn) => turn.role)).toEqual([
    'user',
    'assistant',
    'user',
    'user',
    'assistant',
    'user',
    'assistant',
  ]);
});
