import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAiChatModel, type OpenAiChatModelOptions } from '../../adapters/llm/openai-chat-model.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.js';

const schema = z.object({
  topics: z.array(z.string()).describe('What the learner wants to learn'),
  hoursPerWeek: z.number().optional().describe('Hours a week the learner can spend'),
});

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const modelWith = (overrides: Partial<OpenAiChatModelOptions> = {}) =>
  createOpenAiChatModel({
    baseUrl: fake.baseUrl,
    apiKey: 'test-key',
    model: 'fake-model',
    timeoutMs: 2_000,
    maxRetries: 2,
    structuredOutputMethod: 'functionCalling',
    promptUsdPerMillion: 0.15,
    completionUsdPerMillion: 0.6,
    backoffBaseMs: 5,
    ...overrides,
  });

const ask = (model = modelWith()) =>
  model.generateStructured({
    instructions: 'Extract the learner profile.',
    input: 'Jeg vil lære Python, 5 timer i uka.',
    schema,
    schemaName: 'profile_update',
  });

describe('OpenAI-compatible chat model adapter', () => {
  it('returns the structured output of a forced tool call, with tokens and cost counted', async () => {
    fake.script({ kind: 'answer', value: { topics: ['Python'], hoursPerWeek: 5 } });
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'ok', value: { topics: ['Python'], hoursPerWeek: 5 } });
    expect(outcome.usage.promptTokens).toBeGreaterThan(0);
    expect(outcome.usage.completionTokens).toBeGreaterThan(0);
    expect(outcome.usage.costUsd).toBeCloseTo(
      (outcome.usage.promptTokens * 0.15 + outcome.usage.completionTokens * 0.6) / 1e6,
      12,
    );
    const request = fake.requests[0]!;
    expect(request.tools?.[0]?.function.name).toBe('profile_update');
    expect(JSON.stringify(request.tools?.[0]?.function.parameters)).toContain('Hours a week the learner can spend');
  });

  it('speaks response_format json_schema when configured so', async () => {
    fake.script({ kind: 'answer', value: { topics: ['Python'] } });
    const outcome = await ask(modelWith({ structuredOutputMethod: 'jsonSchema' }));
    expect(outcome).toMatchObject({ kind: 'ok', value: { topics: ['Python'] } });
    expect(fake.requests[0]?.response_format?.type).toBe('json_schema');
  });

  it('retries a 429 after the retry-after the server asked for, then succeeds', async () => {
    fake.script({ kind: 'rate_limited', retryAfterSeconds: 0 }, { kind: 'answer', value: { topics: ['Excel'] } });
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'ok', value: { topics: ['Excel'] } });
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on persistent 429 with rate_limited, having tried 1 + maxRetries times', async () => {
    fake.script(...Array.from({ length: 3 }, () => ({ kind: 'rate_limited' as const, retryAfterSeconds: 0 })));
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'rate_limited', retryAfterMs: 0 });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not sit out a retry-after longer than it may wait', async () => {
    fake.script({ kind: 'rate_limited', retryAfterSeconds: 120 });
    const outcome = await ask(modelWith({ maxRetryAfterMs: 1_000 }));
    expect(outcome).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 500 with backoff, and reports unavailable when it persists', async () => {
    fake.script({ kind: 'server_error' }, { kind: 'answer', value: { topics: ['SQL'] } });
    expect(await ask()).toMatchObject({ kind: 'ok', value: { topics: ['SQL'] } });
    fake.script({ kind: 'server_error' }, { kind: 'server_error', status: 503 }, { kind: 'server_error', status: 502 });
    const outcome = await ask();
    expect(outcome.kind).toBe('unavailable');
  });

  it('does not retry a 400', async () => {
    fake.script({ kind: 'server_error', status: 400 });
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'unavailable' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports malformed JSON as invalid_output, still counting the tokens spent', async () => {
    fake.script({ kind: 'malformed' });
    const outcome = await ask();
    expect(outcome.kind).toBe('invalid_output');
    expect(outcome.usage.completionTokens).toBeGreaterThan(0);
  });

  it('reports output that breaks the schema as invalid_output', async () => {
    fake.script({ kind: 'answer', value: { topics: 'not a list' } });
    expect((await ask()).kind).toBe('invalid_output');
  });

  it('times out a slow answer', async () => {
    fake.script({ kind: 'slow', delayMs: 1_500, value: { topics: [] } });
    const started = Date.now();
    const outcome = await ask(modelWith({ timeoutMs: 300, maxRetries: 0 }));
    expect(outcome.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('reports an unreachable server as unavailable', async () => {
    const outcome = await ask(modelWith({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 }));
    expect(outcome.kind).toBe('unavailable');
  });
});
