import { Router } from 'express';
import { z } from 'zod';
import { pushTexts } from '../../../src/push/push-texts.js';
import type { RouteModule } from './route-module.js';
import { html, joinHtml } from '../html.js';

/**
 * GET /unsubscribe/:token — the signed link at the foot of every digest. Honoured at once: the learner is
 * unsubscribed, waiting matches dropped and digests not yet sent cancelled, in one transaction, before the
 * page answers. Opening it twice is harmless; a forged or damaged token changes nothing (400).
 */
const tokenSchema = z.string().min(10).max(400);

export const unsubscribeRoutes: RouteModule = {
  describe: [{ path: '/unsubscribe/:token', summary: 'stop push digests with the signed link from a digest' }],
  router({ useCases, log }) {
    const router = Router();
    router.get('/unsubscribe/:token', async (request, response) => {
      const token = tokenSchema.safeParse(request.params.token);
      const done = token.success
        ? await useCases.unsubscribeByLink({ token: token.data })
        : { kind: 'invalid' as const };
      if (done.kind === 'invalid') {
        response
          .status(400)
          .type('html')
          .send(
            page('nb', pushTexts.nb.unsubscribedPageTitle, [
              pushTexts.nb.invalidLinkPage,
              pushTexts.en.invalidLinkPage,
            ]),
          );
        return;
      }
      const shown = done.language;
      log.info('Push: unsubscribed by link', { learner: done.learnerId.slice(0, 8) });
      response
        .type('html')
        .send(page(shown, pushTexts[shown].unsubscribedPageTitle, [pushTexts[shown].unsubscribedPage]));
    });
    return router;
  },
};

/** The page as the string response.send needs; `lines` are text, one line each. */
function page(language: string, title: string, lines: string[]): string {
  return html`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${title}</h1><p>${joinHtml(lines, html`<br>`)}</p></body></html>`.toString();
}
