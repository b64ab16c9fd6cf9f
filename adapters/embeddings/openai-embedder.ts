import { OpenAIEmbeddings } from '@langchain/openai';
import type { Configuration } from '../configuration.js';
import { VeilederError } from '../../src/errors.js';
import type { Embedder, EmbedderIdentity } from '../../src/retrieval/embedder.js';

/**
 * Any OpenAI-compatible embeddings endpoint (OpenAI, Azure, Ollama, vLLM …) through @langchain/openai.
 * The dimensions are learnt from one probe call, so the identity stored with the index is always true;
 * vendor failures become a retryable `model_unavailable`.
 */
export type OpenAiEmbedderOptions = {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  batchSize?: number;
  maxRetries?: number;
  timeoutMs?: number;
};

/** The name in the identity of every embedder this makes (its version names the model and endpoint). */
export const openAiEmbedderName = 'openai-compatible';

/** The configured endpoint (OPENAI_BASE_URL + VEILEDER_EMBEDDING_MODEL), or undefined: the local embedder then. */
export function remoteEmbeddingFrom(openai: Configuration['openai']): OpenAiEmbedderOptions | undefined {
  return openai.baseUrl && openai.embeddingModel
    ? { baseUrl: openai.baseUrl, model: openai.embeddingModel, apiKey: openai.apiKey }
    : undefined;
}

export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<Embedder> {
  const client = new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey ?? 'not-needed',
    batchSize: options.batchSize ?? 256,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    configuration: { baseURL: options.baseUrl },
  });
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new VeilederError({
        code: 'model_unavailable',
        message: `Embeddings endpoint ${options.baseUrl} (${options.model}) failed: ${(error as Error).message}`,
        cause: error,
      });
    }
  };
  const probe = await call(() => client.embedQuery('dimension probe'));
  const identity: EmbedderIdentity = {
    name: openAiEmbedderName,
    version: `${options.model}@${options.baseUrl}`,
    dimensions: probe.length,
  };
  return {
    identity,
    embedDocuments: async (texts) =>
      (await call(() => client.embedDocuments(texts))).map((vector) => Float32Array.from(vector)),
    embedQuery: async (text) => Float32Array.from(await call(() => client.embedQuery(text))),
  };
}
