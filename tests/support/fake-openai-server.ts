import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';

/**
 * A real HTTP server speaking the parts of the OpenAI API Veileder uses: /v1/chat/completions (structured
 * output as a forced tool call, as `response_format: json_schema`, or JSON mode) and /v1/embeddings (base64
 * float32, which is what the openai SDK asks for). Tests script what each next completion does — answer,
 * 429 with retry-after, 500, malformed JSON, or answer too slowly — and read back what was asked.
 */

type ChatCompletionRequest = {
  model: string;
  messages: { role: string; content: unknown }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
};

type ScriptedStep =
  | { kind: 'answer'; value: unknown }
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'malformed' }
  | { kind: 'slow'; delayMs: number; value: unknown };

/** Answers a request when no scripted step is queued; returns the structured value to send. */
export type Responder = (request: {
  schemaName: string;
  system: string;
  user: string;
  body: ChatCompletionRequest;
}) => unknown;

export type FakeOpenAiServer = {
  baseUrl: string;
  /** Every chat completion request received, in order. */
  requests: ChatCompletionRequest[];
  embeddingRequests: { model: string; input: string[] }[];
  /** Queue steps for the next completions, consumed one per request. */
  script(...steps: ScriptedStep[]): void;
  /** Forget queued steps and recorded requests (between tests). */
  reset(): void;
  respondWith(responder: Responder): void;
  close(): Promise<void>;
};

export async function startFakeOpenAiServer(options: { embeddingDimensions?: number } = {}): Promise<FakeOpenAiServer> {
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  const requests: ChatCompletionRequest[] = [];
  const embeddingRequests: FakeOpenAiServer['embeddingRequests'] = [];
  const queue: ScriptedStep[] = [];
  let responder: Responder = () => ({});
  const dimensions = options.embeddingDimensions ?? 16;

  app.post('/v1/chat/completions', async (request, response) => {
    const body = request.body as ChatCompletionRequest;
    requests.push(body);
    const step = queue.shift() ?? { kind: 'answer', value: responder(describe(body)) };
    if (step.kind === 'rate_limited') {
      response
        .status(429)
        .set('retry-after', String(step.retryAfterSeconds ?? 0))
        .json({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
      return;
    }
    if (step.kind === 'server_error') {
      response
        .status(step.status ?? 500)
        .json({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      return;
    }
    if (step.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (response.destroyed || request.socket.destroyed) return;
    const content =
      step.kind === 'malformed'
        ? '{"intent": "provide_info", "update": {"topics": ["sykepleie"'
        : JSON.stringify(step.value);
    response.json(completion(body, content));
  });

  app.post('/v1/embeddings', (request, response) => {
    const body = request.body as { model: string; input: string | string[]; encoding_format?: string };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    embeddingRequests.push({ model: body.model, input });
    const data = input.map((text, index) => {
      const vector = embed(text, dimensions);
      const embedding =
        body.encoding_format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
      return { object: 'embedding', index, embedding };
    });
    response.json({
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: input.join(' ').length, total_tokens: input.join(' ').length },
    });
  });

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingRequests,
    script: (...steps) => queue.push(...steps),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      embeddingRequests.length = 0;
    },
    respondWith: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function describe(body: ChatCompletionRequest) {
  const text = (role: string) =>
    body.messages
      .filter((message) => message.role === role)
      .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
      .join('\n');
  const schemaName = body.tools?.[0]?.function.name ?? body.response_format?.json_schema?.name ?? 'json';
  return { schemaName, system: text('system'), user: text('user'), body };
}

/** Usage figures like a real server's: roughly four characters a token. */
function completion(body: ChatCompletionRequest, content: string) {
  const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
  const completionTokens = Math.ceil(content.length / 4);
  const tool = body.tools?.[0]?.function.name;
  const message = tool
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: `call_${requestCounter()}`, type: 'function', function: { name: tool, arguments: content } },
        ],
      }
    : { role: 'assistant', content };
  return {
    id: `chatcmpl-${requestCounter()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, finish_reason: tool ? 'tool_calls' : 'stop', logprobs: null }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

let counter = 0;
const requestCounter = () => (counter += 1);

/** A deterministic unit vector per text, so equal texts embed equally. */
function embed(text: string, dimensions: number): Float32Array {
  const digest = createHash('sha256').update(text).digest();
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < dimensions; index += 1) vector[index] = (digest[index % digest.length]! - 127.5) / 127.5;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
