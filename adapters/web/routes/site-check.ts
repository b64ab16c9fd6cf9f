import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { checkWorkers } from '../../../src/site-check/check-workers.js';
import { parseRoster } from '../../../src/site-check/parse-roster.js';
import { openCredentialShare } from '../../storage/credential-share-store.js';
import { getSite, listRequirements, openAccessLink, saveSiteCheck, toSavedResults } from '../../storage/site-store.js';
import { pageLanguage } from '../credentials/credential-html.js';
import { renderLinkProblem, renderSiteCheckPage } from '../site-check/site-check-page.js';
import { siteCheckPageTexts } from '../site-check/site-check-texts.js';
import type { RouteModule } from './route-module.js';

/**
 * The site manager's check page (docs/site-check.md): opened with a secret per-site link the organisation
 * makes and can withdraw in the advisers' workspace — a site manager needs no account. Every presented
 * credential goes through the credential core's verification; the page never keeps the credentials.
 */

/** How long a saved check is kept: the default of VEILEDER_RETENTION_DAYS, the conversations' retention. */
export const siteCheckRetentionDays = 365;

const jsQrFile = createRequire(import.meta.url).resolve('jsqr');
const assetFile = (name: string) => fileURLToPath(new URL(`../site-check/${name}`, import.meta.url));

const postSchema = z.object({
  key: z.string().trim().min(1).max(200),
  roster: z.string().max(2_000_000).default(''),
  checker: z.string().trim().max(200).default(''),
  save: z.literal('1').optional(),
});

/** Personal data on the page: not cached, not framed, no referrer; the camera only for this origin. */
function pageHeaders(response: Response): void {
  response.set({
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(self), microphone=()',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function createSiteCheckRoutes(options: { retentionDays?: number; now?: () => Date } = {}): RouteModule {
  const now = options.now ?? (() => new Date());
  const retentionDays = options.retentionDays ?? siteCheckRetentionDays;
  return {
    describe: [{ path: '/site-check/:siteId?key=…', summary: 'site manager’s check: scan or paste workers’ credentials and see who is valid, missing, expired or revoked (link from the organisation)' }],
    router(context) {
      const router = Router();
      router.get('/site-check/assets/jsQR.js', (_request, response) => response.type('text/javascript').sendFile(jsQrFile, { maxAge: '1d' }));
      router.get('/site-check/assets/site-check.js', (_request, response) => response.type('text/javascript').sendFile(assetFile('site-check.js'), { maxAge: '1h' }));
      router.get('/site-check/assets/site-check.css', (_request, response) => response.type('text/css').sendFile(assetFile('site-check.css'), { maxAge: '1h' }));

      /** The site behind a valid link, or the page saying why not (403/404, no site details). */
      const open = async (siteId: string, token: string, language: ReturnType<typeof pageLanguage>, response: Response) => {
        pageHeaders(response);
        const link = await openAccessLink(context.database.pool, { siteId, token, now: now() });
        const site = 'problem' in link ? null : await getSite(context.database.pool, siteId);
        if ('problem' in link || !site) {
          const problem = 'problem' in link ? link.problem : 'unknown';
          response.status(problem === 'unknown' ? 404 : 403).type('html').send(renderLinkProblem({ language, problem }));
          return null;
        }
        return { link, site, requirements: await listRequirements(context.database.pool, site.id) };
      };

      router.get('/site-check/:siteId', async (request, response) => {
        const language = pageLanguage(request.query.lang);
        const key = typeof request.query.key === 'string' ? request.query.key : '';
        const opened = await open(String(request.params.siteId), key, language, response);
        if (!opened) return;
        response.type('html').send(renderSiteCheckPage({ language, site: opened.site, requirements: opened.requirements, accessToken: key, checker: opened.link.label, now: now() }));
      });

      router.post('/site-check/:siteId', express.urlencoded({ extended: false, limit: '2mb' }), async (request, response) => {
        const language = pageLanguage(request.query.lang);
        const parsed = postSchema.safeParse(request.body ?? {});
        if (!parsed.success) {
          pageHeaders(response);
          response.status(400).type('html').send(renderLinkProblem({ language, problem: 'unknown' }));
          return;
        }
        const form = parsed.data;
        const opened = await open(String(request.params.siteId), form.key, language, response);
        if (!opened) return;
        const text = siteCheckPageTexts[language];
        const checker = form.checker || opened.link.label;
        const page = (extra: Partial<Parameters<typeof renderSiteCheckPage>[0]>) =>
          renderSiteCheckPage({ language, site: opened.site, requirements: opened.requirements, accessToken: form.key, checker, roster: form.roster, now: now(), ...extra });
        const credentials = context.credentials;
        if (!credentials) {
          response.status(503).type('html').send(page({ message: 'Credentials are switched off on this server: set VEILEDER_CREDENTIAL_SECRET.' }));
          return;
        }
        const roster = parseRoster(form.roster);
        if (roster.entries.length === 0 && roster.problems.length === 0) {
          response.status(400).type('html').send(page({ message: text.nothing }));
          return;
        }
        const checkedAt = now();
        const check = await checkWorkers({
          requirements: opened.requirements,
          entries: roster.entries,
          verify: (jwt) => credentials.verify(jwt, { now: checkedAt }),
          openShare: (token) => openCredentialShare(context.database.pool, { token, now: checkedAt }),
        });
        let saved = false;
        if (form.save) {
          await saveSiteCheck(context.database.pool, { siteId: opened.site.id, checker, adviserId: null, results: toSavedResults(check), now: checkedAt, retentionDays });
          saved = true;
          context.log.info('Site check saved', { site: opened.site.id, workers: check.workers.length });
        }
        response.type('html').send(page({ result: { check, problems: roster.problems, checkedAt, saved } }));
      });
      return router;
    },
  };
}

export const siteCheckRoutes = createSiteCheckRoutes();

