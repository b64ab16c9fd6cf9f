import { z } from 'zod';

// Configuration is read from the environment once, at startup, and nowhere else.
// An empty variable counts as unset, so `FOO=` in a .env file never means "the empty string".

const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().optional());

const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : value),
    z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((text) => ['true', '1', 'yes'].includes(text))]),
  );

const environmentSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgresql://user@127.0.0.1:5432/veileder — or leave it unset to use the embedded database')
      .optional(),
  ),
  PORT: z.preprocess((value) => (value === '' || value === undefined ? 3000 : value), z.coerce.number({ error: 'must be a port number between 0 and 65535' }).int().min(0).max(65535)),
  HOST: optionalText.default('0.0.0.0'),
  VEILEDER_DATA_DIR: optionalText.default('.veileder'),
  VEILEDER_DEMO_CATALOGUE: flag(true),
  VEILEDER_LOG_LEVEL: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['silent', 'error', 'info', 'debug']).default('info')),
  OPENAI_BASE_URL: optionalText.pipe(z.string().url('must be the base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1').optional()),
  OPENAI_API_KEY: optionalText,
  VEILEDER_CHAT_MODEL: optionalText,
  VEILEDER_EMBEDDING_MODEL: optionalText,
  VEILEDER_CHAT_TIMEOUT_MS: z.preprocess((value) => (value === '' || value === undefined ? 20_000 : value), z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive()),
  VEILEDER_CHAT_MAX_RETRIES: z.preprocess((value) => (value === '' || value === undefined ? 2 : value), z.coerce.number({ error: 'must be a whole number of retries' }).int().min(0).max(10)),
  VEILEDER_CHAT_STRUCTURED_METHOD: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['functionCalling', 'jsonSchema', 'jsonMode']).default('functionCalling')),
  VEILEDER_CHAT_PROMPT_USD_PER_MILLION: z.preprocess((value) => (value === '' || value === undefined ? 0 : value), z.coerce.number({ error: 'must be a price in USD per million prompt tokens' }).nonnegative()),
  VEILEDER_CHAT_COMPLETION_USD_PER_MILLION: z.preprocess((value) => (value === '' || value === undefined ? 0 : value), z.coerce.number({ error: 'must be a price in USD per million completion tokens' }).nonnegative()),
  // Feed prices in US dollars are stored in NOK at this rate. Default 10.75: Norges Bank's average
  // USD/NOK rate for 2024, rounded; set it when a fresher rate matters.
  VEILEDER_USD_TO_NOK: z.preprocess((value) => (value === '' || value === undefined ? 10.75 : value), z.coerce.number({ error: 'must be a number of NOK per US dollar, e.g. 10.75' }).positive('must be a positive number of NOK per US dollar, e.g. 10.75')),
});

export type Configuration = {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  importDemoCatalogue: boolean;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  openai: { baseUrl: string | undefined; apiKey: string | undefined; chatModel: string | undefined; embeddingModel: string | undefined };
  /** How the assistant calls its chat model (used only when `openai.baseUrl` and `openai.chatModel` are set). */
  chat: {
    timeoutMs: number;
    maxRetries: number;
    structuredOutputMethod: 'functionCalling' | 'jsonSchema' | 'jsonMode';
    promptUsdPerMillion: number;
    completionUsdPerMillion: number;
  };
  /** NOK per US dollar, for feeds that give prices in USD. */
  usdToNok: number;
};

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function loadConfiguration(environment: Record<string, string | undefined> = process.env): Configuration {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Veileder's configuration is not valid:\n${lines.join('\n')}\nFix these environment variables and start again.`);
  }
  const env = parsed.data;
  return {
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    host: env.HOST,
    dataDir: env.VEILEDER_DATA_DIR,
    importDemoCatalogue: env.VEILEDER_DEMO_CATALOGUE,
    logLevel: env.VEILEDER_LOG_LEVEL,
    openai: {
      baseUrl: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      chatModel: env.VEILEDER_CHAT_MODEL,
      embeddingModel: env.VEILEDER_EMBEDDING_MODEL,
    },
    chat: {
      timeoutMs: env.VEILEDER_CHAT_TIMEOUT_MS,
      maxRetries: env.VEILEDER_CHAT_MAX_RETRIES,
      structuredOutputMethod: env.VEILEDER_CHAT_STRUCTURED_METHOD,
      promptUsdPerMillion: env.VEILEDER_CHAT_PROMPT_USD_PER_MILLION,
      completionUsdPerMillion: env.VEILEDER_CHAT_COMPLETION_USD_PER_MILLION,
    },
    usdToNok: env.VEILEDER_USD_TO_NOK,
  };
}
