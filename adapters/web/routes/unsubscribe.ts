import { Router } from 'express';
import { z } from 'zod';
import { languageSchema } from '../../../src/profile/profile.js';
import { pushTexts } from '../../../src/push/push-texts.js';
import { unsubscribeLearner } from '../../push/subscription-store.js';
import { loadUnsubscribeKey, readUnsubscribeToken } from '../../push/unsubscribe-token.js';
import { inTransaction } from '../../storage/transaction.js';
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
  router({ database, push, log }) {
    const router = Router();
    let key: Promise<string> | undefined;
    router.get('/unsubscribe/:token', async (request, response) => {
      const token = tokenSchema.safeParse(request.params.token);
      key ??= loadUnsubscribeKey({ pool: database.pool, configured: push?.secret }).catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      const learnerId = token.success ? readUnsubscribeToken({ key: await key, token: token.data }) : undefined;
      if (!learnerId) {
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
      const language = await inTransaction(database.pool, async (client) => {
        const exists = await client.query<{ language: string | null }>(
          'SELECT (SELECT language FROM push_preference WHERE learner_id = l.id) AS language FROM learner l WHERE l.id = $1',
          [learnerId],
        );
        if (exists.rows.length === 0) return undefined;
        await unsubscribeLearner(client, learnerId);
        return languageSchema.catch('nb').parse(exists.rows[0]!.language ?? 'nb');
      });
      // A learner who asked to be forgotten is gone already: nothing will be sent, say so all the same.
      const shown = language ?? 'nb';
      log.info('Push: unsubscribed by link', { learner: learnerId.slice(0, 8) });
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
