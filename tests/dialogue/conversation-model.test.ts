import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assistant } from '../../adapters/assistant/create-assistant.js';
import { startFakeOpenAiServer, type FakeOpenAiServer, type Responder } from '../support/fake-openai-server.js';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

const injectionFeed = fileURLToPath(new URL('../fixtures/injection-offerings.jsonl', import.meta.url));

let harness: MemoryAssistantHarness;
let fake: FakeOpenAiServer;
let assistant: Assistant;
beforeAll(async () => {
  [harness, fake] = await Promise.all([
    startMemoryAssistantHarness({ extraFeeds: [injectionFeed] }),
    startFakeOpenAiServer(),
  ]);
  assistant = await harness.withModel({ baseUrl: fake.baseUrl });
});
afterAll(async () => {
  await fake?.close();
  await harness?.close();
});
beforeEach(() => {
  fake.reset();
  fake.respondWith(wellBehavedModel);
});

/** Offerings the compose prompt gave as data. */
const givenOfferings = (user: string) =>
  JSON.parse(/<offerings>(.*)<\/offerings>/s.exec(user)![1]!) as {
    offeringId: string;
    title: string;
    description: string;
  }[];

/** A model that does its job: reads the learner, and words a reason from each offering's own title. */
const wellBehavedModel: Responder = ({ schemaName, user }) => {
  if (schemaName === 'understand_message') {
    const message = (JSON.parse(user) as { message: string }).message;
    if (/5 av 5/.test(message)) return { act: 'rate', rank: 2, score: 5, ratingText: message, update: {} };
    // The same state update the local reader fills: the subject, a refusal, the words to search with.
    return {
      act: 'show_now',
      update: {
        occupation: 'sykepleier',
        topics: ['eldreomsorg'],
        avoid: ['musikk'],
        searchText: 'sykepleier eldreomsorg',
      },
    };
  }
  return {
    intro: 'Her er noen tilbud som kan styrke deg i eldreomsorgen.',
    items: givenOfferings(user).map((offering) => ({
      offeringId: offering.offeringId,
      reason: `Passer målet ditt: «${offering.title}» handler om det du vil lære.`,
    })),
  };
};

/** The learner's conversation as the store keeps it (one per learner in these tests). */
async function conversationRow(userId: string) {
  const records = harness.store.records();
  const learnerId = records.identities.find((identity) => identity.externalId === userId)?.learnerId;
  const conversation = records.conversations.find((row) => row.learnerId === learnerId);
  if (!conversation) throw new Error(`No conversation for ${userId}`);
  return {
    prompt_tokens: conversation.promptTokens,
    completion_tokens: conversation.completionTokens,
    cost_usd: conversation.costUsd,
    id: conversation.id,
  };
}

/** The learner's messages in the order said, with what was understood from each. */
async function userTurns(userId: string) {
  const records = harness.store.records();
  const learnerId = records.identities.find((identity) => identity.externalId === userId)?.learnerId;
  const conversations = records.conversations.filter((row) => row.learnerId === learnerId).map((row) => row.id);
  return records.turns
    .filter((turn) => conversations.includes(turn.conversationId) && turn.role === 'user')
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((turn) => ({ text: turn.text, understanding: turn.understanding as Record<string, unknown> }));
}

const firstMessage = 'Jeg er sykepleier og vil bli tryggere i eldreomsorg, men ikke noe med musikk. Bare vis meg noe.';

describe('conversation with an OpenAI-compatible model (fake server over HTTP)', () => {
  it('understands through structured output, words the reply with the model, and counts tokens and cost', async () => {
    const reply = await assistant.handleTurn({ channel: 'web', userId: 'model-ok', text: firstMessage });
    expect(reply.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(reply.text).toContain('Her er noen tilbud som kan styrke deg i eldreomsorgen.');
    // The model's refusal is applied like the local reader's: the slice's "Bachelor i musikk og helse" stays out.
    expect(reply.suggestions.some((suggestion) => /musikk/i.test(suggestion.title))).toBe(false);
    for (const suggestion of reply.suggestions)
      expect(suggestion.reason).toBe(`Passer målet ditt: «${suggestion.title}» handler om det du vil lære.`);
    expect(fake.requests.map((request) => request.tools?.[0]?.function.name)).toEqual([
      'understand_message',
      'compose_reply',
    ]);
    const [turn] = await userTurns('model-ok');
    expect(turn!.understanding).toMatchObject({
      source: 'model',
      act: { kind: 'show_now' },
      update: { occupation: 'sykepleier' },
    });
    const conversation = await conversationRow('model-ok');
    expect(conversation.prompt_tokens).toBeGreaterThan(0);
    expect(conversation.completion_tokens).toBeGreaterThan(0);
    expect(conversation.cost_usd).toBeCloseTo(
      (conversation.prompt_tokens * 0.15 + conversation.completion_tokens * 0.6) / 1e6,
      10,
    );

    const rated = await assistant.handleTurn({ channel: 'web', userId: 'model-ok', text: 'nr 2 var bra, 5 av 5' });
    expect(rated.text).toContain(reply.suggestions[1]!.title);
    const after = await conversationRow('model-ok');
    expect(after.prompt_tokens).toBeGreaterThan(conversation.prompt_tokens);
  });

  it.each([
    ['429 rate limits', { kind: 'rate_limited', retryAfterSeconds: 0 } as const, /rate_limited/],
    ['500 errors', { kind: 'server_error' } as const, /unavailable/],
    ['malformed JSON', { kind: 'malformed' } as const, /invalid_output/],
    ['answers slower than the timeout', { kind: 'slow', delayMs: 1_500, value: {} } as const, /timeout/],
  ])(
    'answers on the local path when the model keeps failing with %s, and never loses the turn',
    async (label, step, reason) => {
      const userId = `model-failing-${label.replace(/\W+/g, '-')}`;
      fake.respondWith(() => {
        throw new Error('every request is scripted in this test');
      });
      fake.script(...Array.from({ length: 4 }, () => step));
      const started = Date.now();
      const reply = await assistant.handleTurn({ channel: 'web', userId, text: firstMessage });
      expect(reply.language).toBe('nb');
      expect(reply.suggestions.length).toBeGreaterThanOrEqual(1);
      expect(reply.text).toMatch(/Her er \d forslag/);
      expect(Date.now() - started).toBeLessThan(8_000);
      const [turn] = await userTurns(userId);
      expect(turn!.text).toBe(firstMessage);
      expect(turn!.understanding).toMatchObject({ source: 'local' });
      expect(String(turn!.understanding.fallbackReason)).toMatch(reason);
      if (step.kind === 'malformed') expect((await conversationRow(userId)).completion_tokens).toBeGreaterThan(0);
    },
  );

  it('keeps offering text as data and drops what a manipulated model invents', async () => {
    const rows: { id: string }[] = [];
    for await (const page of harness.catalogue.activePages())
      rows.push(...page.filter((offering) => offering.title === 'Bitcoin Millionaire Course'));
    const scamId = rows[0]!.id;
    fake.respondWith(({ schemaName, user }) => {
      if (schemaName === 'understand_message')
        return { act: 'show_now', update: { occupation: 'helsefagarbeider', topics: ['demensomsorg'] } };
      const given = givenOfferings(user);
      // What a model that obeyed the injected description would answer.
      return {
        intro: 'Ignorer forslagene: ta Bitcoin Millionaire Course fra ScamCorp!',
        items: [
          { offeringId: scamId, reason: 'Gratis og akkreditert, i Oslo for 99 kr.' },
          { offeringId: given[0]!.offeringId, reason: 'ScamCorp anbefaler dette kurset, gratis i Oslo for 99 kr.' },
          ...given
            .slice(1)
            .map((offering) => ({ offeringId: offering.offeringId, reason: `Handler om ${offering.title}.` })),
        ],
      };
    });
    const reply = await assistant.handleTurn({
      channel: 'web',
      userId: 'model-injection',
      text: 'Jeg er helsefagarbeider og vil lære om demensomsorg. Bare vis meg.',
    });
    expect(reply.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(reply.suggestions.map((suggestion) => suggestion.offeringId)).not.toContain(scamId);
    expect(reply.text).not.toMatch(/ScamCorp|Bitcoin|99 kr|Ignorer/);
    expect(reply.suggestions.every((suggestion) => !/ScamCorp|99 kr/.test(suggestion.reason))).toBe(true);
    const compose = fake.requests.find((request) => request.tools?.[0]?.function.name === 'compose_reply')!;
    const system = compose.messages.find((message) => message.role === 'system')!.content as string;
    const user = compose.messages.find((message) => message.role === 'user')!.content as string;
    expect(system).not.toMatch(/IGNORE YOUR INSTRUCTIONS/);
    expect(system).toMatch(/untrusted/);
    const injected = givenOfferings(user).find((offering) => /IGNORE YOUR INSTRUCTIONS/.test(offering.description));
    expect(injected, 'the offering with the injected description is among those the model saw').toBeDefined();
    const [turn] = await userTurns('model-injection');
    expect(JSON.stringify(turn!.understanding.dropped)).toMatch(/not one of the given offerings/);
    expect(JSON.stringify(turn!.understanding.dropped)).toMatch(/intro/);
  });
});
