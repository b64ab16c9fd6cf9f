import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdviserChangeStore } from '../../adapters/storage/adviser-change-store.js';
import { createAdviserStore } from '../../adapters/storage/adviser-store.js';
import { recordReview } from '../../adapters/storage/review-queue-store.js';
import {
  createAdviserSuggestionsExtension,
  type AdviserChangeSource,
} from '../../src/advisers/adviser-suggestions-extension.js';
import type { Reply } from '../../src/dialogue/turn.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { promptsDirectory } from '../../adapters/assistant/create-assistant.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

/** An adviser's review reaches the learner once, on their next turn, through the real assistant. */

let harness: AssistantHarness;
let adviserId: string;
let source: AdviserChangeSource | undefined;

beforeAll(async () => {
  const templates = await loadReplyTemplates({ directory: promptsDirectory });
  const extension = createAdviserSuggestionsExtension({
    source: { takeUnseenChanges: (learnerId) => source!.takeUnseenChanges(learnerId) },
    templates,
  });
  harness = await startAssistantHarness({ extensions: [extension] });
  source = createAdviserChangeStore({ pool: harness.database.pool });
  adviserId = (await createAdviserStore({ pool: harness.database.pool }).create({
    email: 'a@example.no',
    role: 'adviser',
  }))!.id;
}, 120_000);
afterAll(() => harness?.close());

async function suggestionsFor(userId: string, text: string): Promise<{ turnId: string; shown: Reply }> {
  const first = await harness.assistant.handleTurn({ channel: 'web', userId, sessionId: userId, text });
  const shown = first.suggestions.length
    ? first
    : await harness.assistant.handleTurn({ channel: 'web', userId, sessionId: userId, action: { type: 'show_now' } });
  const { rows } = await harness.database.pool.query(
    `SELECT t.id FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN recommendation r ON r.turn_id = t.id WHERE c.session_key = $1 ORDER BY t.created_at DESC LIMIT 1`,
    [userId],
  );
  return { turnId: rows[0].id, shown };
}

async function anotherOffering(exclude: string[]): Promise<{ id: string; title: string }> {
  const { rows } = await harness.database.pool.query(
    "SELECT id, title FROM offering WHERE status = 'active' AND NOT (id = ANY($1)) ORDER BY title LIMIT 1",
    [exclude],
  );
  return rows[0];
}

describe('adviser suggestions in the chat', () => {
  it('shows a change once, on the next turn: the added offering as a suggestion, the removed one named', async () => {
    const { turnId, shown } = await suggestionsFor('web-learner-1', 'Jeg er sykepleier og vil lære mer om demens.');
    const removed = shown.suggestions[0]!;
    const added = await anotherOffering(shown.suggestions.map((suggestion) => suggestion.offeringId));
    await recordReview(harness.database.pool, {
      turnId,
      adviserId,
      verdict: 'changed',
      comment: null,
      added: [added.id],
      removed: [removed.offeringId],
      now: new Date(),
    });

    const next = await harness.assistant.handleTurn({
      channel: 'web',
      userId: 'web-learner-1',
      sessionId: 'web-learner-1',
      text: 'Hei igjen',
    });
    expect(next.text).toContain(`Veilederen din har sett på forslagene du fikk, og foreslår også: ${added.title}.`);
    expect(next.text).toContain(`Veilederen din mener at disse passer dårligere for deg: ${removed.title}.`);
    expect(next.suggestions[0]).toMatchObject({
      offeringId: added.id,
      title: added.title,
      reason: 'Foreslått av veilederen din.',
    });
    const { rows } = await harness.database.pool.query('SELECT seen_at FROM adviser_review WHERE turn_id = $1', [
      turnId,
    ]);
    expect(rows[0].seen_at).toBeInstanceOf(Date);

    const after = await harness.assistant.handleTurn({
      channel: 'web',
      userId: 'web-learner-1',
      sessionId: 'web-learner-1',
      text: 'Takk',
    });
    expect(after.text).not.toContain('Veilederen din');
  });

  it('tells an English-speaking learner in English that an adviser approved, and never shows a flag', async () => {
    const { turnId } = await suggestionsFor('web-learner-2', 'I want to learn programming in Python');
    await recordReview(harness.database.pool, {
      turnId,
      adviserId,
      verdict: 'flagged',
      comment: 'odd',
      added: [],
      removed: [],
      now: new Date(Date.now() - 1000),
    });
    await recordReview(harness.database.pool, {
      turnId,
      adviserId,
      verdict: 'approved',
      comment: null,
      added: [],
      removed: [],
      now: new Date(),
    });
    const next = await harness.assistant.handleTurn({
      channel: 'web',
      userId: 'web-learner-2',
      sessionId: 'web-learner-2',
      text: 'Thanks, anything else?',
    });
    expect(next.text).toContain('An adviser has looked at the suggestions you got and thinks they fit you well.');
    expect(next.text).not.toContain('odd');
    const { rows } = await harness.database.pool.query(
      'SELECT verdict, seen_at IS NOT NULL AS seen FROM adviser_review WHERE turn_id = $1 ORDER BY verdict',
      [turnId],
    );
    expect(rows).toEqual([
      { verdict: 'approved', seen: true },
      { verdict: 'flagged', seen: false },
    ]);
  });
});
