import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiChatModel } from '../../adapters/llm/openai-chat-model.js';
import { promptsDirectory } from '../../adapters/assistant/create-assistant.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { loadPromptLibrary } from '../../src/prompts/prompt-library.js';
import { createModelUnderstander } from '../../src/understanding/model-understanding.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.js';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake?.close());

async function understander() {
  const prompts = await loadPromptLibrary({ directory: promptsDirectory, names: ['understand'] });
  const model = createOpenAiChatModel({
    baseUrl: fake.baseUrl,
    apiKey: 'k',
    model: 'fake',
    timeoutMs: 2_000,
    maxRetries: 0,
    structuredOutputMethod: 'functionCalling',
    promptUsdPerMillion: 0,
    completionUsdPerMillion: 0,
  });
  return createModelUnderstander({ model, prompt: prompts.get('understand') });
}

describe('model understanding (structured output over HTTP)', () => {
  it('sends the prompt, the schema with its descriptions and the message as data, and rebuilds the act', async () => {
    fake.reset();
    fake.script({
      kind: 'answer',
      value: { act: 'more_like', rank: 2, update: { places: ['Trondheim'], removePlaces: ['Bergen'] } },
    });
    const reading = await (await understander()).understandWithModel({
      message: 'mer som nr 2, men ikke Bergen – Trondheim',
      language: 'nb',
      profile: emptyProfile(),
      pendingQuestion: 'time',
      shownCount: 5,
    });
    expect(reading).toMatchObject({
      ok: true,
      outcome: {
        source: 'model',
        act: { kind: 'more_like', rank: 2 },
        update: { places: ['Trondheim'], removePlaces: ['Bergen'] },
      },
    });
    const request = fake.requests[0]!;
    const system = request.messages[0]!.content as string;
    expect(system).toMatch(/The last question Veileder asked was: time/);
    expect(system).not.toMatch(/mer som nr 2/);
    expect(JSON.stringify(request.tools![0]!.function.parameters)).toMatch(
      /Places the learner takes back or corrects away/,
    );
    expect(JSON.parse(request.messages[1]!.content as string).message).toBe(
      'mer som nr 2, men ikke Bergen – Trondheim',
    );
  });

  it('treats a rank beyond the list the learner saw as unnamed, and a half-filled set_language as inform', async () => {
    fake.reset();
    fake.script(
      { kind: 'answer', value: { act: 'why', rank: 9, update: {} } },
      { kind: 'answer', value: { act: 'set_language', update: {} } },
    );
    const model = await understander();
    const why = await model.understandWithModel({
      message: 'why?',
      language: 'en',
      profile: emptyProfile(),
      pendingQuestion: null,
      shownCount: 5,
    });
    expect(why).toMatchObject({ ok: true, outcome: { act: { kind: 'why', rank: null } } });
    const language = await model.understandWithModel({
      message: 'english',
      language: 'en',
      profile: emptyProfile(),
      pendingQuestion: null,
      shownCount: 0,
    });
    expect(language).toMatchObject({ ok: true, outcome: { act: { kind: 'inform' } } });
  });

  it('returns the failure and its reason instead of falling back by itself', async () => {
    fake.reset();
    fake.script({ kind: 'answer', value: { act: 'teleport', update: {} } });
    const reading = await (await understander()).understandWithModel({
      message: 'hei',
      language: 'nb',
      profile: emptyProfile(),
      pendingQuestion: null,
      shownCount: 0,
    });
    expect(reading).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid_output/) });
  });
});
