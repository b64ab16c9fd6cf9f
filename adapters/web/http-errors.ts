import { z } from 'zod';
import { isVeilederError, type ErrorCode } from '../../src/errors.js';

/** The edge: Veileder's typed errors (and zod's, from request parsing) become HTTP statuses and bodies. */

const statusByCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  invalid_file: 400,
  invalid_configuration: 500,
  database_unavailable: 503,
  model_unavailable: 503,
  rate_limited: 429,
  internal: 500,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown>; requestId?: string } };

export type HttpError = { status: number; body: ErrorBody; headers?: Record<string, string> };

export function toHttpError(error: unknown, requestId?: string): HttpError {
  if (isVeilederError(error)) {
    const retryAfter = error.code === 'rate_limited' ? error.details?.['retryAfterSeconds'] : undefined;
    return {
      status: statusByCode[error.code],
      body: { error: { code: error.code, message: error.userMessage, details: error.details, requestId } },
      ...(typeof retryAfter === 'number' ? { headers: { 'Retry-After': String(retryAfter) } } : {}),
    };
  }
  if (error instanceof z.ZodError) {
    const message = error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    return { status: 400, body: { error: { code: 'invalid_request', message, requestId } } };
  }
  // express.json() marks its own failures (malformed JSON, body too large) with a 4xx status.
  const status = (error as { status?: unknown; type?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
    return { status, body: { error: { code: 'invalid_request', message, requestId } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.', requestId } } };
}
