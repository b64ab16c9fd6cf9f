import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

/**
 * An offering an adviser removed from a learner's suggestions is not suggested to them again. Adviser reviews
 * live in PostgreSQL (the review queue), so this runs on the database; the learner's own poor ratings are
 * tested without one in not-again.test.ts.
 */

let harness: AssistantHarness;
beforeAll(async () => {
  harness = await startAssistantHarness();
});
afterAll(() => harness?.close());

const question = 'Jeg jobber som regnskapsfører og vil lære mer om økonomi og regnskap. Bare vis meg.';

function session(userId: string, sessionId: string) {
  const turn = (input: Omit<Turn, 'channel' | 'userId' | 'sessionId'>): Promise<Reply> =>
    harness.assistant.handleTurn({ channel: 'web', userId, sessionId, ...input });
  return { say: (text: string) => turn({ text }), act: (action: NonNullable<Turn['action']>) => turn({ action }) };
}

const shownIds = (reply: Reply) => reply.suggestions.map((suggestion) => suggestion.offeringId);

async function adviserReview(options: {
  offeringId: string;
  userId: string;
  removed: string[];
  added: string[];
  at: string;
}) {
  const { rows } = await harness.database.pool.query<{ turn_id: string }>(
    `SELECT r.turn_id FROM recommendation r JOIN conversation c ON c.id = r.conversation_id JOIN channel_identity i ON i.learner_id = c.learner_id
     WHERE i.external_id = $1 AND r.offering_id = $2 LIMIT 1`,
    [options.userId, options.offeringId],
  );
  await harness.database.pool.query(
    `INSERT INTO adviser_review (turn_id, verdict, added, removed, created_at) VALUES ($1, 'changed', $2, $3, $4)`,
    [rows[0]!.turn_id, options.added, options.removed, options.at],
  );
}

describe('not suggested again', () => {
  it('honours an adviser removing an offering for this learner, until a later review adds it back', async () => {
    const userId = 'nb-adviser-removed';
    const first = session(userId, 'one');
    const shown = shownIds(await first.say(question));
    await first.act({ type: 'consent', given: true });
    const removed = shown[0]!;

    await adviserReview({ offeringId: removed, userId, removed: [removed], added: [], at: '2026-11-01T10:00:00Z' });
    expect(shownIds(await session(userId, 'two').say(question))).not.toContain(removed);

    await adviserReview({ offeringId: removed, userId, removed: [], added: [removed], at: '2026-11-02T10:00:00Z' });
    expect(shownIds(await session(userId, 'three').say(question))).toContain(removed);
  });
});
