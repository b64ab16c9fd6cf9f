import type { RequestHandler } from 'express';

/**
 * PostgreSQL text can hold neither NUL nor half of a UTF-16 surrogate pair, and no person types them: a
 * request that carries one in its path, query or JSON body is answered 400 naming where, before any route
 * can store half a turn or fail with a 500.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what PostgreSQL text cannot store.
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const maximumDepth = 32;

/** The first place in `value` (e.g. `body.text`, `query.q`) holding an unstorable character, if any. */
function unstorableAt(value: unknown, place: string, depth = 0): string | undefined {
  if (typeof value === 'string') return unstorable.test(value) ? place : undefined;
  if (depth > maximumDepth || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = unstorable.test(key)
      ? `${place} (a key)`
      : unstorableAt(item, Array.isArray(value) ? `${place}[${key}]` : `${place}.${key}`, depth + 1);
    if (at) return at;
  }
  return undefined;
}

export const rejectUnstorableText: RequestHandler = (request, response, next) => {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch (error) {
    // A URIError with the 400 express gives its own decoding failures: the error handler names the bad escape.
    return next(Object.assign(error as Error, { status: 400 }));
  }
  const at =
    (unstorable.test(path) ? 'path' : undefined) ??
    unstorableAt(request.query, 'query') ??
    unstorableAt(request.body, 'body');
  if (!at) return next();
  response.status(400).json({
    error: {
      code: 'invalid_request',
      message: `${at}: contains a NUL character or an unpaired surrogate, which cannot be text`,
      requestId: response.locals.requestId,
    },
  });
};
