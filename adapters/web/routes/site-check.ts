import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { parseRoster } from '../../../src/site-check/parse-roster.js';
import { pageLanguage } from '../credentials/credential-html.js';
import { renderLinkProblem, renderSiteCheckPage } from '../site-check/site-check-page.js';
import { siteCheckPageTexts } from '../site-check/site-check-texts.js';
import { VeilederError } from '../../../src/errors.js';
import type { RouteModule } from './route-module.js';

/**
 * The site manager's check page (docs/site-check.md): opened with a secret per-site link the organisation
 * makes and can withdraw in the advisers' workspace — a site manager needs no account. Every presented
 * credential goes through the credential core's verification; the page never keeps the credentials.
 */

const jsQrFile = createRequire(import.meta.url).resolve('jsqr');
const assetFile = (name: string) => fileURLToPath(new URL(`../site-check/${name}`, import.meta.url));

const apiSchema = z.object({
  roster: z.union([z.string().max(2_000_000), z.array(z.string().max(200_000)).max(2000)], {
    error: 'roster: the credentials as one text (one per line, or a CSV) or as an array of strings',
  }),
  checker: z.string().trim().min(1).max(200).optional(),
  save: z.boolean().default(false),
});

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
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(self), microphone=()',
    'X-Content-Type-Options': 'nosniff',
  });
}

const credentialsOff = 'Credentials are switched off on this server: set VEILEDER_CREDENTIAL_SECRET.';

/** `now`: the clock links' expiry and checks are judged by; default the app's clock. */
export function createSiteCheckRoutes(options: { now?: () => Date } = {}): RouteModule {
  return {
    describe: [
      {
        path: '/site-check/:siteId?key=…',
        summary:
          'site manager’s check: scan or paste workers’ credentials and see who is valid, missing, expired or revoked (link from the organisation)',
      },
      {
        path: '/api/site-check/:siteId',
        summary:
          'POST { roster, checker?, save? } with the site link’s key as a bearer token → each worker’s verdict as JSON',
      },
    ],
    router(context) {
      const now = options.now ?? context.clock;
      const router = Router();
      router.get('/site-check/assets/jsQR.js', (_request, response) =>
        response.type('text/javascript').sendFile(jsQrFile, { maxAge: '1d' }),
      );
      router.get('/site-check/assets/site-check.js', (_request, response) =>
        response.type('text/javascript').sendFile(assetFile('site-check.js'), { maxAge: '1h' }),
      );
      router.get('/site-check/assets/site-check.css', (_request, response) =>
        response.type('text/css').sendFile(assetFile('site-check.css'), { maxAge: '1h' }),
      );

      /** The site behind a valid link, or the page saying why not (403/404, no site details). */
      const open = async (
        siteId: string,
        token: string,
        language: ReturnType<typeof pageLanguage>,
        response: Response,
      ) => {
        pageHeaders(response);
        const opened = await context.useCases.openSiteCheck({ siteId, token, now: now() });
        if ('problem' in opened) {
          response
            .status(opened.problem === 'unknown' ? 404 : 403)
            .type('html')
            .send(renderLinkProblem({ language, problem: opened.problem }));
          return null;
        }
        return opened;
      };

      router.get('/site-check/:siteId', async (request, response) => {
        const language = pageLanguage(request.query.lang);
        const key = typeof request.query.key === 'string' ? request.query.key : '';
        const opened = await open(String(request.params.siteId), key, language, response);
        if (!opened) return;
        response.type('html').send(
          renderSiteCheckPage({
            language,
            site: opened.site,
            requirements: opened.requirements,
            accessToken: key,
            checker: opened.label,
            now: now(),
          }),
        );
      });

      router.post(
        '/site-check/:siteId',
        express.urlencoded({ extended: false, limit: '2mb' }),
        async (request, response) => {
          const language = pageLanguage(request.query.lang);
          const parsed = postSchema.safeParse(request.body ?? {});
          if (!parsed.success) {
            pageHeaders(response);
            response
              .status(400)
              .type('html')
              .send(renderLinkProblem({ language, problem: 'unknown' }));
            return;
          }
          const form = parsed.data;
          const opened = await open(String(request.params.siteId), form.key, language, response);
          if (!opened) return;
          const text = siteCheckPageTexts[language];
          const checker = form.checker || opened.label;
          const page = (extra: Partial<Parameters<typeof renderSiteCheckPage>[0]>) =>
            renderSiteCheckPage({
              language,
              site: opened.site,
              requirements: opened.requirements,
              accessToken: form.key,
              checker,
              roster: form.roster,
              now: now(),
              ...extra,
            });
          const roster = parseRoster(form.roster);
          const outcome = await context.useCases.checkSiteWorkers({
            opened,
            roster,
            checker,
            save: Boolean(form.save),
            refuseEmpty: true,
            now: now(),
          });
          if (outcome.kind === 'credentials-off') {
            response
              .status(503)
              .type('html')
              .send(page({ message: credentialsOff }));
            return;
          }
          if (outcome.kind === 'nothing-to-check') {
            response
              .status(400)
              .type('html')
              .send(page({ message: text.nothing }));
            return;
          }
          if (outcome.saved)
            context.log.info('Site check saved', { site: opened.site.id, workers: outcome.check.workers.length });
          const { check, checkedAt, saved } = outcome;
          response.type('html').send(page({ result: { check, problems: roster.problems, checkedAt, saved } }));
        },
      );

      // The same check for a program (a gate reader, a staffing system): the link's key as a bearer token.
      router.post('/api/site-check/:siteId', async (request, response) => {
        response.set('Cache-Control', 'no-store');
        const key = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
        const opened = key
          ? await context.useCases.openSiteCheck({ siteId: String(request.params.siteId), token: key, now: now() })
          : null;
        if (!opened || 'problem' in opened) {
          const problem = opened && 'problem' in opened ? opened.problem : 'unknown';
          response.status(problem === 'unknown' ? 401 : 403).json({
            error: {
              code: problem === 'unknown' ? 'unauthorized' : 'forbidden',
              message: siteCheckPageTexts.en.linkProblem[problem],
              requestId: response.locals.requestId,
            },
          });
          return;
        }
        const body = apiSchema.parse(request.body ?? {});
        const roster = parseRoster(Array.isArray(body.roster) ? body.roster.join('\n') : body.roster);
        const checker = body.checker ?? opened.label;
        const outcome = await context.useCases.checkSiteWorkers({
          opened,
          roster,
          checker,
          save: body.save,
          refuseEmpty: false,
          now: now(),
        });
        if (outcome.kind !== 'checked')
          throw new VeilederError({
            code: 'invalid_configuration',
            message: 'credentials are switched off',
            userMessage: credentialsOff,
          });
        if (outcome.saved)
          context.log.info('Site check saved', { site: opened.site.id, workers: outcome.check.workers.length });
        const { check, checkedAt, saved } = outcome;
        response.json({
          site: { id: opened.site.id, name: opened.site.name },
          checkedAt: checkedAt.toISOString(),
          checker,
          counts: check.counts,
          workers: check.workers,
          problems: roster.problems,
          saved,
        });
      });
      return router;
    },
  };
}

export const siteCheckRoutes = createSiteCheckRoutes();
