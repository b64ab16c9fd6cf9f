import { z } from 'zod';
import { isVeilederError, type ErrorCode } from '../../src/errors.js';

/** The edge: Veileder's typed errors (and zod's, from request parsing) become HTTP statuses and bodies. */

const statusByCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  unsupported_media_type: 415,
  not_found: 404,
  invalid_file: 400,
  invalid_configuration: 500,
  database_unavailable: 503,
  model_unavailable: 503,
  identity_provider_unavailable: 503,
  rate_limited: 429,
  internal: 500,
};

type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown>; requestId?: string };
};

export type HttpError = { status: number; body: ErrorBody; headers?: Record<string, string> };

export function toHttpError(error: unknown, requestId?: string): HttpError {
  if (isVeilederError(error)) {
    const retryAfter = error.code === 'rate_limited' ? error.details?.retryAfterSeconds : undefined;
    return {
      status: statusByCode[error.code],
      body: { error: { code: error.code, message: error.userMessage, details: error.details, requestId } },
      ...(typeof retryAfter === 'number' ? { headers: { 'Retry-After': String(retryAfter) } } : {}),
    };
  }
  if (error instanceof z.ZodError) {
    const message = error.issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    return { status: 400, body: { error: { code: 'invalid_request', message, requestId } } };
  }
  const transport = transportProblem(error);
  if (transport)
    return {
      status: transport.status,
      body: {
        error: {
          code: transport.status === 415 ? 'unsupported_media_type' : 'invalid_request',
          message: transport.message,
          requestId,
        },
      },
    };
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side.', requestId } },
  };
}

/**
 * express and its body parsers mark their own failures with a 4xx `status` and (the parsers) a `type`; each
 * is named for what it is, so a client learns what to fix rather than a blanket "not valid JSON".
 */
function transportProblem(error: unknown): { status: number; message: string } | undefined {
  const { status, type, charset, encoding } = (error ?? {}) as {
    status?: unknown;
    type?: unknown;
    charset?: unknown;
    encoding?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  // The router decodes each path parameter; a malformed %-escape in the URL throws a URIError.
  if (error instanceof URIError)
    return {
      status: 400,
      message: 'The URL contains an invalid percent-encoding (a "%" not followed by a valid UTF-8 escape).',
    };
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON.' };
    case 'charset.unsupported':
      return { status: 415, message: `The request body's charset "${String(charset)}" is not supported; send UTF-8.` };
    case 'encoding.unsupported':
      return {
        status: 415,
        message: `The request body's Content-Encoding "${String(encoding)}" is not supported; send it uncompressed or as gzip, deflate or br.`,
      };
    case 'entity.too.large':
      return { status: 413, message: 'The request body is too large.' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, message: 'The request body ended before its announced length.' };
    case 'parameters.too.many':
      return { status: 413, message: 'The form has too many fields.' };
    default:
      return { status, message: 'The request is not valid.' };
  }
}
