/**
 * The one catalogue of Veileder's typed errors. Each has a stable `code` (clients, logs and tests match on
 * it, never on wording), an internal `message` for logs, and a `userMessage` that is safe to show a learner,
 * an adviser or an API client. Transport status (HTTP, a channel reply) is chosen only at the edge, from the
 * code — see adapters/web/http-errors.ts.
 */

const errorCatalogue = {
  invalid_request: { userMessage: 'The request is not valid.', retryable: false },
  unauthenticated: { userMessage: 'The request does not carry valid credentials.', retryable: false },
  unsupported_media_type: {
    userMessage: 'The request body is in a format this endpoint does not accept.',
    retryable: false,
  },
  not_found: { userMessage: 'Nothing was found here.', retryable: false },
  invalid_file: { userMessage: 'The file could not be read.', retryable: false },
  invalid_configuration: { userMessage: 'Veileder is not configured correctly.', retryable: false },
  database_unavailable: { userMessage: 'The database is not reachable right now. Try again shortly.', retryable: true },
  model_unavailable: {
    userMessage: 'The language model is not reachable right now. Try again shortly.',
    retryable: true,
  },
  identity_provider_unavailable: {
    userMessage: 'The credentials cannot be checked right now. Try again shortly.',
    retryable: true,
  },
  rate_limited: { userMessage: 'Too many requests; try again shortly.', retryable: true },
  internal: { userMessage: 'Something went wrong on our side.', retryable: false },
} as const satisfies Record<string, { userMessage: string; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type VeilederErrorOptions = {
  code: ErrorCode;
  /** For logs and developers; may name internals. */
  message: string;
  /** Safe to show anyone; defaults to the catalogue's generic text for the code. */
  userMessage?: string;
  /** Structured, non-secret facts a client can act on (e.g. the parameter and its allowed values). */
  details?: Record<string, unknown>;
  cause?: unknown;
};

export class VeilederError extends Error {
  override readonly name = 'VeilederError';
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;
  readonly retryable: boolean;

  constructor(options: VeilederErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.userMessage = options.userMessage ?? errorCatalogue[options.code].userMessage;
    this.details = options.details;
    this.retryable = errorCatalogue[options.code].retryable;
  }
}

export function isVeilederError(error: unknown, code?: ErrorCode): error is VeilederError {
  return error instanceof VeilederError && (code === undefined || error.code === code);
}

/** A bad input whose explanation is meant for the one who sent it, so message and user message agree. */
export function invalidRequest(options: { message: string; details?: Record<string, unknown> }): VeilederError {
  return new VeilederError({
    code: 'invalid_request',
    message: options.message,
    userMessage: options.message,
    details: options.details,
  });
}

export function notFound(options: { what: string; id: string }): VeilederError {
  return new VeilederError({
    code: 'not_found',
    message: `${options.what} ${options.id} not found`,
    userMessage: `No ${options.what.toLowerCase()} with id ${options.id}.`,
    details: { what: options.what, id: options.id },
  });
}

/** A client over its budget of `what`; `retryAfterSeconds` is when it may try again (Retry-After at the HTTP edge). */
export function rateLimited(options: { what: string; retryAfterSeconds: number }): VeilederError {
  const message = `Too many ${options.what} from this address; try again in ${options.retryAfterSeconds} seconds.`;
  return new VeilederError({
    code: 'rate_limited',
    message,
    userMessage: message,
    details: { retryAfterSeconds: options.retryAfterSeconds },
  });
}

/** A file that cannot be parsed: the message names the file and, where known, the line. */
export function invalidFile(options: { file: string; problem: string; line?: number; cause?: unknown }): VeilederError {
  const where = options.line === undefined ? options.file : `${options.file}, line ${options.line}`;
  const message = `${where}: ${options.problem}`;
  return new VeilederError({
    code: 'invalid_file',
    message,
    userMessage: message,
    details: { file: options.file, line: options.line },
    cause: options.cause,
  });
}
