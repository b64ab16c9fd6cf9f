import type { z } from 'zod';

/**
 * The port to a chat model (an OpenAI-compatible API through adapters/llm, or none at all: Veileder works
 * offline without one). Expected outcomes — rate limits, timeouts, output that does not fit the schema, an
 * unreachable service — come back as values the caller must handle, never as exceptions, because every one
 * of them has the same answer in the dialogue: fall back to the local path.
 */

export type ModelUsage = { promptTokens: number; completionTokens: number; costUsd: number };

export type ModelOutcome<Value> =
  | { kind: 'ok'; value: Value; usage: ModelUsage }
  | { kind: 'rate_limited'; retryAfterMs: number | null; usage: ModelUsage }
  | { kind: 'invalid_output'; detail: string; usage: ModelUsage }
  | { kind: 'timeout'; usage: ModelUsage }
  | { kind: 'unavailable'; detail: string; usage: ModelUsage };

type ModelSettings = {
  temperature?: number;
  maxOutputTokens?: number;
};

export type StructuredRequest<Schema extends z.ZodType> = {
  /** The instructions (system message). */
  instructions: string;
  /** The data and the learner's words (user message). Untrusted text belongs here, never in `instructions`. */
  input: string;
  schema: Schema;
  /** Names the output for the model (function / json_schema name). */
  schemaName: string;
  settings?: ModelSettings;
};

export type ChatModel = {
  /** The model's name, for logs and stored turns. */
  readonly name: string;
  /** One structured answer parsed with `schema`; output that does not parse is `invalid_output`. */
  generateStructured<Schema extends z.ZodType>(
    request: StructuredRequest<Schema>,
  ): Promise<ModelOutcome<z.infer<Schema>>>;
};

export const noUsage = (): ModelUsage => ({ promptTokens: 0, completionTokens: 0, costUsd: 0 });

export const addUsage = (left: ModelUsage, right: ModelUsage): ModelUsage => ({
  promptTokens: left.promptTokens + right.promptTokens,
  completionTokens: left.completionTokens + right.completionTokens,
  costUsd: left.costUsd + right.costUsd,
});
