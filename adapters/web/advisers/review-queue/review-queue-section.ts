import { Router } from 'express';
import { renderWorkspacePage } from '../layout.js';
import type { WorkspaceSection } from '../section.js';

/** The workspace's home: the queue of suggestion sets to review. */
export const reviewQueueSection: WorkspaceSection = {
  path: '',
  label: { nb: 'Gjennomgang', en: 'Review queue' },
  role: 'adviser',
  router() {
    const router = Router();
    router.get('/', (_request, response) => {
      const adviser = response.locals.adviser;
      const title = adviser.language === 'en' ? 'Review queue' : 'Gjennomgang';
      response.type('html').send(renderWorkspacePage({ title, adviser, csrfToken: response.locals.csrfToken, active: '', body: `<h1>${title}</h1>`, nonce: response.locals.cspNonce }));
    });
    return router;
  },
};
