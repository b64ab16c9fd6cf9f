import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

// A process killed during a turn leaves the learner's message stored without a reply. The next turn sees it
// and answers it with the new message, so what the learner said is neither lost nor answered twice.

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness();
});
afterAll(() => harness?.close());

it('the next turn answers a message whose turn died before its reply', async () => {
  const userId = 'crashed-turn-learner';
  await harness.assistant.handleTurn({ channel: 'web', userId, sessionId: userId, text: 'Hei' });
  // What kill -9 between beginTurn and finishTurn leaves behind: the user turn, and nothing after it.
  const died = await harness.store.beginTurn({
    channel: 'web',
    userId,
    sessionKey: userId,
    text: 'Jeg vil lære regnskap',
    action: undefined,
    idleMinutes: 60,
  });
  expect(died.conversationIsNew).toBe(false);
  const rows = [{ id: died.conversationId }];

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
  const turns = harness.store
    .records()
    .turns.filter((turn) => turn.conversationId === rows[0]!.id)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  expect(turns.map((turn) => turn.role)).toEqual([
    'user',
    'assistant',
    'user',
    'user',
    'assistant',
    'user',
    'assistant',
  ]);
});
