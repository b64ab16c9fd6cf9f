import type { Request, RequestHandler, Response } from 'express';
import type { UseCases } from '../../use-cases.js';

/**
 * The providers' API (completions, catalogue uploads, run reports): `Authorization: Bearer <key>` must be a
 * live key of the provider the path names, so one provider's key never reaches another provider's data.
 */
export function requireProviderKey(useCases: Pick<UseCases, 'authenticateProviderKey'>): RequestHandler {
  return async (request: Request, response: Response, next) => {
    const header = request.get('authorization') ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const ok = key
      ? await useCases.authenticateProviderKey({ providerId: String(request.params.providerId), key })
      : false;
    if (!ok) {
      response
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="veileder-providers"')
        .json({
          error: {
            code: 'unauthorized',
            message: key
              ? 'The API key is not valid for this provider.'
              : 'Send the provider’s API key as Authorization: Bearer <key> (create one with `veileder provider-key create PROVIDER`).',
            requestId: response.locals.requestId,
          },
        });
      return;
    }
    next();
  };
}
