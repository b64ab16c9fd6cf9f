import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../logging.js';
import type { WorkspaceStores } from '../../web-stores.js';
import { html } from '../html.js';
import { csrfField } from './html.js';
import { renderPlainPage } from './layout.js';
import { createOidcSignIn } from './oidc-sign-in.js';
import { createPasswordSignIn } from './password-sign-in.js';
import type { WorkspaceLanguage } from './section.js';
import {
  adviserIfSignedIn,
  endSession,
  requireAdviser,
  signedInAdviser,
  startSession,
  type SessionServices,
} from './session.js';
import { workspaceTexts } from './texts.js';

/** /advisers/sign-in (password and, when configured, OpenID Connect), /advisers/sign-out. */

const signInSchema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1000),
  next: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});

/** Only a path inside the workspace: never an absolute URL, a protocol-relative one or a backslash trick. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/advisers(?:[/?#]|$)/.test(value) &&
    !value.includes('\\') &&
    !value.startsWith('//')
    ? value
    : '/advisers';
}

export function signInRoutes(options: { stores: WorkspaceStores; services: SessionServices; log: Logger }): Router {
  const { services, stores } = options;
  const router = Router();
  const signIn = createPasswordSignIn({
    audit: stores.audit,
    advisers: services.advisers,
    throttle: stores.signInThrottle,
    settings: services.settings,
    now: services.now,
  });
  const oidc = services.settings.oidc
    ? createOidcSignIn({ settings: services.settings.oidc, stores, services, log: options.log })
    : undefined;

  const page = (
    request: Request,
    response: Response,
    message?: { kind: 'error' | 'info'; text: string },
    email = '',
  ) => {
    const language = response.locals.language as WorkspaceLanguage;
    const texts = workspaceTexts(language);
    const next = safeReturnPath(request.query.next ?? request.body?.next);
    const notice = message
      ? html`<p class="message${message.kind === 'error' ? ' error' : ''}" role="${message.kind === 'error' ? 'alert' : 'status'}">${message.text}</p>`
      : '';
    const oidcLink = oidc
      ? html`<p><a class="button" href="/advisers/oidc/start?next=${encodeURIComponent(next)}">${texts.signInWith(services.settings.oidc!.label)}</a></p><p class="or">${texts.or}</p>`
      : '';
    const body = html`<div class="card narrow">
<h1>${texts.signInTitle}</h1>
<p class="muted">${texts.signInIntro}</p>
${notice}
${oidcLink}
<form method="post" action="/advisers/sign-in">
${csrfField(response.locals.csrfToken as string)}
<input type="hidden" name="next" value="${next}">
<label for="email">${texts.email}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${email}"${email ? '' : ' autofocus'}>
<label for="password">${texts.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${email ? ' autofocus' : ''}>
<p><button type="submit">${texts.signIn}</button></p>
<p class="muted">${texts.attemptsWarning(services.settings.maxFailedSignIns, services.settings.lockoutMinutes)}</p>
</form>
</div>`;
    return renderPlainPage({ title: texts.signInTitle, language, body });
  };

  router.get('/sign-in', (request, response) => {
    if (adviserIfSignedIn(response)) return response.redirect(303, safeReturnPath(request.query.next));
    const texts = workspaceTexts(response.locals.language as WorkspaceLanguage);
    const message =
      request.query.ended === '1'
        ? { kind: 'info' as const, text: texts.sessionEnded }
        : request.query.signed_out === '1'
          ? { kind: 'info' as const, text: texts.signedOut }
          : request.query.oidc === 'failed'
            ? { kind: 'error' as const, text: texts.oidcFailed }
            : request.query.oidc === 'no_account'
              ? { kind: 'error' as const, text: texts.oidcNoAccount }
              : undefined;
    response.type('html').send(page(request, response, message));
  });

  router.post('/sign-in', async (request, response) => {
    const texts = workspaceTexts(response.locals.language as WorkspaceLanguage);
    const parsed = signInSchema.safeParse(request.body ?? {});
    if (!parsed.success || parsed.data.email === '' || parsed.data.password === '') {
      response
        .status(400)
        .type('html')
        .send(page(request, response, { kind: 'error', text: texts.wrongCredentials }, parsed.data?.email ?? ''));
      return;
    }
    // request.ip is the socket's address unless VEILEDER_TRUST_PROXY names the proxies in front.
    const result = await signIn({
      email: parsed.data.email,
      password: parsed.data.password,
      address: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    });
    if (result.outcome === 'signed_in') {
      await startSession({ services, response, adviserId: result.adviser.id, method: 'password' });
      await stores.audit({
        actorId: result.adviser.id,
        action: 'adviser.signed_in',
        subjectType: 'adviser',
        subjectId: result.adviser.id,
        detail: { method: 'password' },
        at: services.now(),
      });
      response.redirect(303, safeReturnPath(parsed.data.next));
      return;
    }
    if (result.outcome === 'wrong_credentials') {
      response
        .status(401)
        .type('html')
        .send(page(request, response, { kind: 'error', text: texts.wrongCredentials }, parsed.data.email));
      return;
    }
    const seconds = Math.max(1, Math.ceil((result.until.getTime() - services.now().getTime()) / 1000));
    const text =
      result.outcome === 'locked'
        ? texts.locked(services.settings.lockoutMinutes)
        : texts.throttled(Math.ceil(seconds / 60));
    response
      .status(429)
      .set('Retry-After', String(seconds))
      .type('html')
      .send(page(request, response, { kind: 'error', text }, parsed.data.email));
  });

  router.post('/sign-out', requireAdviser(), async (_request, response) => {
    const adviser = signedInAdviser(response);
    await endSession({ services, response });
    await stores.audit({
      actorId: adviser.id,
      action: 'adviser.signed_out',
      subjectType: 'adviser',
      subjectId: adviser.id,
      at: services.now(),
    });
    response.redirect(303, '/advisers/sign-in?signed_out=1');
  });

  if (oidc) {
    router.get('/oidc/start', async (request, response) => {
      try {
        await oidc.start(request, response, safeReturnPath(request.query.next));
      } catch (error) {
        options.log.error('OpenID Connect: the provider could not be reached', { error: (error as Error).message });
        response.redirect(303, '/advisers/sign-in?oidc=failed');
      }
    });
    router.get('/oidc/callback', async (request, response) => {
      const result = await oidc.callback(request, response);
      response.redirect(
        303,
        result.outcome === 'signed_in' ? safeReturnPath(result.returnTo) : `/advisers/sign-in?oidc=${result.outcome}`,
      );
    });
  }
  return router;
}
