import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { html } from '../html.js';
import { toHttpError } from '../http-errors.js';
import type { HttpContext, RouteModule } from '../routes/route-module.js';
import { renderPlainPage, renderWorkspacePage } from './layout.js';
import type { SectionTools, WorkspaceLanguage, WorkspaceSection } from './section.js';
import { workspaceSections } from './sections.js';
import {
  adviserIfSignedIn,
  loadAdviserSession,
  requireAdviser,
  signedInAdviser,
  verifyCsrf,
  type SessionServices,
} from './session.js';
import { signInRoutes } from './sign-in-routes.js';
import { workspaceTexts } from './texts.js';

/**
 * The advisers' workspace at /advisers, served by the same process: security headers, form bodies, the
 * session, CSRF checks on every state-changing request, sign-in/out, then each section of sections.ts
 * behind its role. `now` is injectable so tests can move the clock past a lockout or an idle timeout.
 */

const assetsDirectory = fileURLToPath(new URL('./assets/', import.meta.url));

export function createAdviserRoutes(options: { now?: () => Date } = {}): RouteModule {
  return {
    describe: [
      { path: 'GET /advisers', summary: "advisers' workspace: review the assistant's suggestions (sign in first)" },
    ],
    router(context) {
      const settings = context.settings.advisers;
      const services: SessionServices = {
        sessions: context.stores.workspace.sessions,
        advisers: context.stores.workspace.advisers,
        settings,
        publicUrl: context.settings.publicUrl,
        now: options.now ?? context.clock,
      };
      const workspace = Router();
      // The nonce comes first: the Content-Security-Policy header below names it, and pages put it on their scripts.
      workspace.use((_request, response, next) => {
        response.locals.cspNonce = randomBytes(16).toString('base64');
        next();
      });
      workspace.use(
        helmet({
          contentSecurityPolicy: {
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: [
                "'self'",
                (_request, response) => `'nonce-${(response as express.Response).locals.cspNonce}'`,
              ],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", 'data:'],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
              upgradeInsecureRequests: null,
            },
          },
          referrerPolicy: { policy: 'same-origin' },
          xFrameOptions: { action: 'deny' },
        }),
      );
      workspace.use('/assets', express.static(assetsDirectory, { index: false, maxAge: '1h' }));
      workspace.use(express.urlencoded({ extended: false, limit: '200kb' }));
      workspace.use(loadAdviserSession(services));
      workspace.use(verifyCsrf);
      workspace.use(signInRoutes({ stores: context.stores.workspace, services, log: context.log }));
      workspace.get('/api/me', requireAdviser(), (_request, response) => {
        response.json({ adviser: response.locals.adviser });
      });
      for (const section of workspaceSections) {
        const gate = requireAdviser({ role: section.role });
        const router = section.router(context, sectionTools(section, context));
        // The start page's section is mounted at '/' and so sees every path: a provider account's requests for
        // other pages pass it by to their own section (its start page sends the provider to its page).
        const passesBy = (request: Request, response: Response) =>
          section.path === '' && request.path !== '/' && adviserIfSignedIn(response)?.role === 'provider';
        workspace.use(section.path === '' ? '/' : section.path, (request, response, next) => {
          if (passesBy(request, response)) return next();
          gate(request, response, (error?: unknown) => (error ? next(error) : router(request, response, next)));
        });
      }
      workspace.use(notFound);
      workspace.use(failed(context.log));
      const router = Router();
      router.use('/advisers', workspace);
      return router;
    },
  };
}

export const adviserRoutes = createAdviserRoutes();

function sectionTools(section: WorkspaceSection, context: HttpContext): SectionTools {
  return {
    adviser: signedInAdviser,
    page(response, page) {
      response
        .status(page.status ?? 200)
        .type('html')
        .send(
          renderWorkspacePage({
            title: page.title,
            adviser: signedInAdviser(response),
            csrfToken: response.locals.csrfToken,
            active: page.active ?? section.path,
            body: page.body,
            scripts: page.scripts,
            nonce: response.locals.cspNonce,
          }),
        );
    },
    audit: (response, entry) => context.stores.workspace.audit({ ...entry, actorId: signedInAdviser(response).id }),
  };
}

const notFound: RequestHandler = (request, response) => {
  if (request.originalUrl.startsWith('/advisers/api/')) {
    response.status(404).json({
      error: {
        code: 'not_found',
        message: `No route for ${request.method} ${request.path}.`,
        requestId: response.locals.requestId,
      },
    });
    return;
  }
  const texts = workspaceTexts((response.locals.language as WorkspaceLanguage | undefined) ?? 'nb');
  response
    .status(404)
    .type('html')
    .send(
      renderPlainPage({
        title: texts.notFoundTitle,
        language: response.locals.language ?? 'nb',
        body: html`<div class="card narrow"><h1>${texts.notFoundTitle}</h1><p><a href="/advisers">${texts.back}</a></p></div>`,
      }),
    );
};

function failed(log: { error(message: string, fields?: Record<string, unknown>): void }): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const { status, body, headers } = toHttpError(error, response.locals.requestId);
    if (status >= 500)
      log.error(`${request.method} ${request.originalUrl} failed`, {
        requestId: response.locals.requestId,
        error: (error as Error)?.stack ?? String(error),
      });
    if (response.headersSent) return response.end();
    if (headers) response.set(headers);
    if (request.originalUrl.startsWith('/advisers/api/') || request.is('application/json')) {
      response.status(status).json(body);
      return;
    }
    const language: WorkspaceLanguage = response.locals.language ?? 'nb';
    const texts = workspaceTexts(language);
    const page = html`<div class="card narrow"><h1>${texts.errorTitle}</h1><p>${body.error.message}</p><p class="muted">${body.error.requestId ?? ''}</p><p><a href="/advisers">${texts.back}</a></p></div>`;
    response
      .status(status)
      .type('html')
      .send(renderPlainPage({ title: texts.errorTitle, language, body: page }));
  };
}
