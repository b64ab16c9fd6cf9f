import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from '../../adapters/embeddings/openai-embedder.js';
import { isVeilederError } from '../../src/errors.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.js';

describe('OpenAI-compatible embedder over real HTTP', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => (fake = await startFakeOpenAiServer({ embeddingDimensions: 12 })));
  afterAll(async () => fake.close());

  it('learns the dimensions, embeds documents and queries, and names itself', async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: fake.baseUrl, model: 'test-embedding', apiKey: 'key' });
    expect(embedder.identity).toEqual({
      name: 'openai-compatible',
      version: `test-embedding@${fake.baseUrl}`,
      dimensions: 12,
    });
    const [first, second] = await embedder.embedDocuments(['sykepleie', 'nursing']);
    expect(first).toHaveLength(12);
    expect(second).toHaveLength(12);
    expect(Array.from(await embedder.embedQuery('sykepleie'))).toEqual(Array.from(first!));
    expect(fake.embeddingRequests.at(-1)).toEqual({ model: 'test-embedding', input: ['sykepleie'] });
  });

  it('turns an unreachable endpoint into a retryable model_unavailable error', async () => {
    const failure = await createOpenAiEmbedder({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'x',
      apiKey: 'k',
      maxRetries: 0,
    }).catch((error: unknown) => error);
    expect(isVeilederError(failure, 'model_unavailable')).toBe(true);
  }, 60_000);
});
