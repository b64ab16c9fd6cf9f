import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

/**
 * An offering the learner rated 1–2 is not suggested to them again — in later conversations too when they
 * agreed to be remembered, never from memory without that. An adviser's removal, which lives in PostgreSQL
 * beside the review queue, is tested in not-again.int.test.ts.
 */

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness();
});
afterAll(() => harness?.close());

const question = 'Jeg jobber som regnskapsfører og vil lære mer om økonomi og regnskap. Bare vis meg.';

function session(userId: string, sessionId: string) {
  const turn = (input: Omit<Turn, 'channel' | 'userId' | 'sessionId'>): Promise<Reply> =>
    harness.assistant.handleTurn({ channel: 'web', userId, sessionId, ...input });
  return { say: (text: string) => turn({ text }), act: (action: NonNullable<Turn['action']>) => turn({ action }) };
}

const shownIds = (reply: Reply) => reply.suggestions.map((suggestion) => suggestion.offeringId);

describe('not suggested again', () => {
  it('drops a poorly rated offering at once, and in later conversations once the learner agreed to be remembered', async () => {
    const monday = session('nb-not-again', 'monday');
    const first = await monday.say(question);
    const [disliked, liked] = shownIds(first);
    expect(disliked).toBeTruthy();
    await monday.act({ type: 'rate', offeringId: disliked!, score: 1 });
    await monday.act({ type: 'rate', offeringId: liked!, score: 4 });
    expect(shownIds(await monday.say('vis meg kurs i økonomi og regnskap'))).not.toContain(disliked);

    // Without consent, a new conversation knows nothing of the rating.
    const tuesday = await session('nb-not-again', 'tuesday').say(question);
    expect(shownIds(tuesday)).toContain(disliked);

    await monday.act({ type: 'consent', given: true });
    const wednesday = await session('nb-not-again', 'wednesday').say(question);
    expect(shownIds(wednesday)).not.toContain(disliked);
    expect(shownIds(wednesday)).toContain(liked);
  });
});
