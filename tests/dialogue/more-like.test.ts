import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

// Courses for teachers at one school level in several subjects, and robotics courses for anyone: "more like"
// a robotics course for teachers must find more robotics, not every course for "5.–10. trinn".
const feed = fileURLToPath(new URL('../fixtures/more-like-offerings.jsonl', import.meta.url));

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness({ extraFeeds: [feed] });
});
afterAll(() => harness?.close());

it('finds more like one suggestion and stays on the subject the learner asked for', async () => {
  const turn = (text: string | undefined, sessionId?: string, offeringId?: string) =>
    harness.assistant.handleTurn({
      channel: 'web',
      userId: 'more-like-robotics',
      sessionId,
      ...(text ? { text } : {}),
      ...(offeringId ? { action: { type: 'more_like' as const, offeringId } } : {}),
    });
  const first = await turn('Jeg vil lære robotikk');
  const forTeachers = first.suggestions.find((suggestion) => suggestion.title.startsWith('Robotikk for lærere'));
  expect(forTeachers).toBeDefined();
  const more = await turn(undefined, first.sessionId, forTeachers!.offeringId);
  expect(more.suggestions.length).toBeGreaterThan(0);
  for (const suggestion of more.suggestions) {
    expect(suggestion.title).not.toMatch(/^(Musikk|Kroppsøving|Matematikk) for lærere/);
    expect(suggestion.reason).toMatch(/robotikk/i);
  }
});
