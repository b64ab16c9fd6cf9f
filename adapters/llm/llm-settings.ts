import { choice, numberSetting, optionalText, optionalUrl } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/** The OpenAI-compatible API (OpenAI, Azure OpenAI, Ollama, vLLM) and the models Veileder uses there. */
export const openAiSettings = settingsSection(
  {
    OPENAI_BASE_URL: optionalUrl(
      'must be the base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1',
    ).describe('any OpenAI-compatible API'),
    OPENAI_API_KEY: optionalText.describe("the API's key"),
    VEILEDER_CHAT_MODEL: optionalText.describe('chat model; unset = the local extractor and templates'),
    VEILEDER_EMBEDDING_MODEL: optionalText.describe(
      'embedding model at OPENAI_BASE_URL for the vector search; unset = the local subword embedder',
    ),
  },
  (env, problem) => {
    // Said plainly rather than silently searching with the local embedder the operator meant to replace.
    if (env.VEILEDER_EMBEDDING_MODEL && !env.OPENAI_BASE_URL) {
      problem(
        'VEILEDER_EMBEDDING_MODEL',
        'needs OPENAI_BASE_URL, the OpenAI-compatible API that serves this model (e.g. http://localhost:11434/v1)',
      );
    }
    return {
      baseUrl: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      chatModel: env.VEILEDER_CHAT_MODEL,
      embeddingModel: env.VEILEDER_EMBEDDING_MODEL,
    };
  },
);

/** How the assistant calls its chat model (used only when the base URL and the chat model are set). */
export const chatModelSettings = settingsSection(
  {
    VEILEDER_CHAT_TIMEOUT_MS: numberSetting({
      fallback: 20_000,
      mustBe: 'must be a whole number of milliseconds, e.g. 20000',
      whole: true,
      above: 0,
    }).describe('how long one chat model call may take before the local fallback answers'),
    VEILEDER_CHAT_MAX_RETRIES: numberSetting({
      fallback: 2,
      mustBe: 'must be a whole number of retries from 0 to 10, e.g. 2',
      whole: true,
      atLeast: 0,
      atMost: 10,
    }).describe('retries of a failed chat model call'),
    VEILEDER_CHAT_STRUCTURED_METHOD: choice(['functionCalling', 'jsonSchema', 'jsonMode'], 'functionCalling').describe(
      "how the model is asked for structured output: whichever the server supports (Ollama's and vLLM's differ)",
    ),
    VEILEDER_CHAT_PROMPT_USD_PER_MILLION: numberSetting({
      fallback: 0,
      mustBe: 'must be a price in USD per million prompt tokens, e.g. 0.15',
      atLeast: 0,
    }).describe("the model's price per million prompt tokens, for the cost stored with each turn"),
    VEILEDER_CHAT_COMPLETION_USD_PER_MILLION: numberSetting({
      fallback: 0,
      mustBe: 'must be a price in USD per million completion tokens, e.g. 0.6',
      atLeast: 0,
    }).describe("the model's price per million completion tokens"),
  },
  (env) => ({
    timeoutMs: env.VEILEDER_CHAT_TIMEOUT_MS,
    maxRetries: env.VEILEDER_CHAT_MAX_RETRIES,
    structuredOutputMethod: env.VEILEDER_CHAT_STRUCTURED_METHOD,
    promptUsdPerMillion: env.VEILEDER_CHAT_PROMPT_USD_PER_MILLION,
    completionUsdPerMillion: env.VEILEDER_CHAT_COMPLETION_USD_PER_MILLION,
  }),
);
