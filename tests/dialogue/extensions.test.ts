import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Turn } from '../../src/dialogue/turn.js';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

/**
 * Dialogue extensions through the real assistant: a notice shown once, a two-step guided flow that keeps
 * its own state across turns, an offer after suggestions — and the interview going on untouched around them.
 */

const seenNotices = new Set<string>();
const notice: DialogueExtension = {
  name: 'notice',
  async notices({ learnerId }) {
    if (seenNotices.has(learnerId)) return [];
    seenNotices.add(learnerId);
    return [{ text: 'NOTICE: your adviser left a note.' }];
  },
};

const flowState = (state: unknown) => (state as { step?: string } | undefined)?.step;
const guided: DialogueExtension = {
  name: 'company',
  async answer({ text, action, state }) {
    if (action?.command === 'cancel') return { text: 'Company set-up cancelled.', state: {} };
    if (flowState(state) === 'name')
      return { text: `Registered "${text}". Which industry?`, state: { step: 'industry', name: text } };
    if (/\bset up my company\b/i.test(text)) {
      return {
        text: 'What is the company called?',
        state: { step: 'name' },
        actions: [{ label: 'Cancel', action: { type: 'extension', extension: 'company', command: 'cancel' } }],
      };
    }
    return null;
  },
};

const offer: DialogueExtension = {
  name: 'offer',
  async afterSuggestions({ suggestions }) {
    return {
      text: `OFFER after ${suggestions.length} suggestions`,
      actions: [{ label: 'Notify me', action: { type: 'extension', extension: 'offer', command: 'follow' } }],
    };
  },
};

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness({ extensions: [notice, guided, offer] });
});
afterAll(() => harness?.close());

const turn = (userId: string, input: Partial<Turn>) =>
  harness.assistant.handleTurn({ channel: 'web', userId, ...input });

describe('dialogue extensions', () => {
  it('shows a notice once, before the reply', async () => {
    const first = await turn('learner-notice', { text: 'hei' });
    expect(first.text).toMatch(/^(.*\n\n)?NOTICE: your adviser left a note\./s);
    const second = await turn('learner-notice', { text: 'jeg er sykepleier' });
    expect(second.text).not.toContain('NOTICE');
  });

  it('runs a guided flow whose state survives between turns, and stores every turn', async () => {
    const opened = await turn('learner-flow', { text: 'Please set up my company' });
    expect(opened.text).toContain('What is the company called?');
    expect(opened.suggestions).toEqual([]);
    expect(opened.actions?.map((entry) => entry.label)).toEqual(['Cancel']);
    const named = await turn('learner-flow', { text: 'Byggmester Hansen AS', sessionId: opened.sessionId });
    expect(named.text).toContain('Registered "Byggmester Hansen AS". Which industry?');
    const cancelled = await turn('learner-flow', {
      action: { type: 'extension', extension: 'company', command: 'cancel' },
      sessionId: opened.sessionId,
    });
    expect(cancelled.text).toContain('cancelled');

    const records = harness.store.records();
    const learnerId = records.identities.find((identity) => identity.externalId === 'learner-flow')?.learnerId;
    const conversations = records.conversations.filter((row) => row.learnerId === learnerId).map((row) => row.id);
    const rows = records.turns
      .filter((turn) => conversations.includes(turn.conversationId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || b.role.localeCompare(a.role))
      .map((turn) => ({ role: turn.role, text: turn.text }));
    expect(rows.filter((row) => row.role === 'user').map((row) => row.text)).toEqual([
      'Please set up my company',
      'Byggmester Hansen AS',
      '',
    ]);
    expect(rows.filter((row) => row.role === 'assistant')).toHaveLength(3);
  });

  it('offers after suggestions, and only then', async () => {
    const asked = await turn('learner-offer', { text: 'hei' });
    expect(asked.suggestions).toEqual([]);
    expect(asked.text).not.toContain('OFFER');
    const shown = await turn('learner-offer', {
      text: 'Jeg er elektriker og vil lære programmering, gjerne nettbasert',
      sessionId: asked.sessionId,
    });
    const next =
      shown.suggestions.length > 0
        ? shown
        : await turn('learner-offer', { action: { type: 'show_now' }, sessionId: asked.sessionId });
    expect(next.suggestions.length).toBeGreaterThan(0);
    expect(next.text).toContain(`OFFER after ${next.suggestions.length} suggestions`);
    expect(next.actions?.some((entry) => entry.action.type === 'extension' && entry.action.command === 'follow')).toBe(
      true,
    );
  });

  it('answers a button no extension owns with help instead of failing', async () => {
    const reply = await turn('learner-stale', { action: { type: 'extension', extension: 'retired', command: 'go' } });
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.suggestions).toEqual([]);
  });
});
