import { Router } from 'express';
import { z } from 'zod';
import { VeilederError } from '../../../src/errors.js';
import type { RouteModule } from './route-module.js';

/**
 * A learner's data export, fetched through the short-lived link the assistant gave them in chat
 * ("eksporter dataene mine"). The token in the path is the only credential, so the answer is never cached
 * and the page sends no referrer onwards.
 */

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the export link');

export const privacyRoutes: RouteModule = {
  describe: [
    { path: '/api/privacy/export/:token', summary: "a learner's data export (JSON), through the link given in chat" },
  ],
  router({ useCases }) {
    const router = Router();
    router.get('/api/privacy/export/:token', async (request, response) => {
      response.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      const token = tokenSchema.parse(request.params.token);
      const exported = await useCases.exportLearnerDataByLink({ token });
      if (!exported) {
        throw new VeilederError({
          code: 'not_found',
          message: 'export link unknown or expired',
          userMessage: 'This export link has expired or is not valid. Ask the assistant for a new one.',
        });
      }
      response.set(
        'Content-Disposition',
        `attachment; filename="veileder-data-${exported.exportedAt.slice(0, 10)}.json"`,
      );
      response.type('application/json').send(JSON.stringify(exported, null, 2));
    });
    return router;
  },
};
