import { setTimeout as sleep } from 'node:timers/promises';
import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { z } from 'zod';
import {
  addUsage,
  noUsage,
  type ChatModel,
  type ModelOutcome,
  type ModelUsage,
  type StructuredRequest,
} from '../../src/model/chat-model.js';

/**
 * The ChatModel port over any OpenAI-compatible chat API (OpenAI, Azure-style proxies, vLLM, Ollama...),
 * through langchain's ChatOpenAI. Retries and timeouts are ours, not the SDK's, so that every vendor error
 * is translated here, once, into the port's outcomes.
 */
export type OpenAiChatModelOptions = {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
  /** Further attempts after the first, on 429 and 5xx only. */
  maxRetries: number;
  structuredOutputMethod: 'functionCalling' | 'jsonSchema' | 'jsonMode';
  promptUsdPerMillion: number;
  completionUsdPerMillion: number;
  /** First backoff delay; doubles each retry. Tests shorten it. */
  backoffBaseMs?: number;
  /** A server asking us to wait longer than this is treated as rate-limited now, not waited for. */
  maxRetryAfterMs?: number;
};

type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number | null }
  | { kind: 'timeout' }
  | { kind: 'unavailable'; detail: string; retryable: boolean };

export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  // A client per call is cheap (no connection is opened until a request), and lets each prompt carry its own settings.
  const clientFor = (settings: StructuredRequest<z.ZodType>['settings']) =>
    new ChatOpenAI({
      model: options.model,
      apiKey: options.apiKey ?? 'not-needed',
      configuration: { baseURL: options.baseUrl },
      timeout: options.timeoutMs,
      maxRetries: 0,
      useResponsesApi: false,
      ...(settings?.temperature !== undefined ? { temperature: settings.temperature } : {}),
      ...(settings?.maxOutputTokens !== undefined ? { maxTokens: settings.maxOutputTokens } : {}),
    });
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;

  const priceOf = (message: AIMessage | undefined): ModelUsage => {
    const promptTokens = message?.usage_metadata?.input_tokens ?? 0;
    const completionTokens = message?.usage_metadata?.output_tokens ?? 0;
    const costUsd =
      (promptTokens * options.promptUsdPerMillion + completionTokens * options.completionUsdPerMillion) / 1_000_000;
    return { promptTokens, completionTokens, costUsd };
  };

  return {
    name: options.model,
    async generateStructured<Schema extends z.ZodType>(
      request: StructuredRequest<Schema>,
    ): Promise<ModelOutcome<z.infer<Schema>>> {
      const structured = clientFor(request.settings).withStructuredOutput(request.schema, {
        name: request.schemaName,
        method: options.structuredOutputMethod,
        includeRaw: true,
      });
      const messages = [new SystemMessage(request.instructions), new HumanMessage(request.input)];
      let usage = noUsage();
      let failure: Failure = { kind: 'unavailable', detail: 'no attempt made', retryable: false };
      for (let attempt = 0; attempt <= options.maxRetries; attempt += 1) {
        try {
          const result = (await structured.invoke(messages, { signal: AbortSignal.timeout(options.timeoutMs) })) as {
            raw: AIMessage;
            parsed: unknown;
          };
          usage = addUsage(usage, priceOf(result.raw));
          // includeRaw makes langchain swallow parse errors (parsed: null); parsing again gives the reason.
          const parsed = request.schema.safeParse(result.parsed);
          if (result.parsed === null || !parsed.success) {
            return {
              kind: 'invalid_output',
              detail: parsed.success ? 'the output did not match the schema' : parsed.error.message.slice(0, 500),
              usage,
            };
          }
          return { kind: 'ok', value: parsed.data, usage };
        } catch (error) {
          failure = translateError(error);
          const retryable = failure.kind === 'rate_limited' || (failure.kind === 'unavailable' && failure.retryable);
          if (!retryable || attempt === options.maxRetries) break;
          const waitMs =
            failure.kind === 'rate_limited' && failure.retryAfterMs !== null
              ? failure.retryAfterMs
              : backoffBaseMs * 2 ** attempt * (1 + Math.random() * 0.2);
          if (waitMs > maxRetryAfterMs) break;
          await sleep(waitMs);
        }
      }
      return { ...failure, usage } as ModelOutcome<z.infer<Schema>>;
    },
  };
}

/** Vendor errors → the port's outcomes. The openai SDK and langchain both decorate errors; read only status, headers, name. */
function translateError(error: unknown): Failure {
  const candidate = error as { status?: unknown; headers?: unknown; name?: unknown; message?: unknown; code?: unknown };
  const name = typeof candidate?.name === 'string' ? candidate.name : '';
  const message = typeof candidate?.message === 'string' ? candidate.message : String(error);
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    name === 'APIConnectionTimeoutError' ||
    /timed? ?out/i.test(message)
  )
    return { kind: 'timeout' };
  const status = typeof candidate?.status === 'number' ? candidate.status : undefined;
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: retryAfterMs(candidate.headers) };
  if (status !== undefined && status >= 500)
    return { kind: 'unavailable', detail: `the model service answered ${status}`, retryable: true };
  if (status === 408) return { kind: 'timeout' };
  if (status !== undefined)
    return {
      kind: 'unavailable',
      detail: `the model service refused the request (${status}): ${message.slice(0, 200)}`,
      retryable: false,
    };
  if (name === 'APIConnectionError' || /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up/i.test(message)) {
    return { kind: 'unavailable', detail: `cannot reach the model service: ${message.slice(0, 200)}`, retryable: true };
  }
  // A JSON body that does not parse surfaces from the SDK or from langchain's output parser.
  return { kind: 'unavailable', detail: `${name || 'Error'}: ${message.slice(0, 200)}`, retryable: false };
}

function retryAfterMs(headers: unknown): number | null {
  const read = (key: string): string | null => {
    if (!headers) return null;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(key);
    const value = (headers as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : null;
  };
  const milliseconds = read('retry-after-ms');
  if (milliseconds && Number.isFinite(Number(milliseconds))) return Number(milliseconds);
  const seconds = read('retry-after');
  if (!seconds) return null;
  if (Number.isFinite(Number(seconds))) return Number(seconds) * 1000;
  const date = Date.parse(seconds);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
