import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { AdviserSettings } from './adviser-settings.js';
import type { AdviserSessionStore } from '../../storage/adviser-session-store.js';
import type { AdviserStore } from '../../storage/adviser-store.js';
import { html } from '../html.js';
import { renderPlainPage } from './layout.js';
import { workspaceAdviserSchema, type WorkspaceAdviser, type WorkspaceLanguage } from './section.js';
import { workspaceTexts } from './texts.js';

/**
 * Sessions, the CSRF token and access checks for everything under /advisers.
 *
 * The session cookie holds a random token (the database keeps only its hash); it is http-only, SameSite=Lax,
 * and Secure with the `__Host-` prefix whenever the request or the configured public URL is https. The CSRF
 * token is a synchroniser token bound to the session: derived from the session token, so it changes at every
 * sign-in and a page of another site cannot know it. Before sign-in a random pre-session token in its own
 * cookie guards the sign-in form the same way (double submit).
 */

export type SessionServices = {
  sessions: AdviserSessionStore;
  advisers: AdviserStore;
  settings: AdviserSettings;
  publicUrl: string | undefined;
  now: () => Date;
};

const sessionCookie = 'veileder_adviser';
const preSessionCookie = 'veileder_adviser_csrf';
const languageCookie = 'veileder_adviser_lang';
// last_seen_at is written at most this often, so a busy page does not write on every request.
const touchEveryMs = 60_000;

export function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // a malformed cookie is ignored like a missing one
    }
  }
  return cookies;
}

function isSecure(request: Request, publicUrl: string | undefined): boolean {
  return request.protocol === 'https' || (publicUrl?.startsWith('https://') ?? false);
}

const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);

export function setCookie(
  response: Response,
  options: { name: string; value: string; secure: boolean; maxAgeMs?: number },
): void {
  response.cookie(cookieName(options.name, options.secure), options.value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    ...(options.maxAgeMs !== undefined ? { maxAge: options.maxAgeMs } : {}),
  });
}

export function clearCookie(response: Response, options: { name: string; secure: boolean }): void {
  response.clearCookie(cookieName(options.name, options.secure), {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
  });
}

const csrfTokenFor = (sessionToken: string) =>
  createHash('sha256').update(`veileder-csrf:${sessionToken}`).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

function chooseLanguage(
  request: Request,
  cookies: Map<string, string>,
  saved: string | null | undefined,
): WorkspaceLanguage {
  const asked = typeof request.query.lang === 'string' ? request.query.lang : undefined;
  if (asked === 'nb' || asked === 'en') return asked;
  if (saved === 'nb' || saved === 'en') return saved;
  const remembered = cookies.get(languageCookie);
  if (remembered === 'nb' || remembered === 'en') return remembered;
  return 'nb';
}

/** Reads the session (if any) into response.locals: adviser, csrfToken, language, cspNonce. */
export function loadAdviserSession(services: SessionServices): RequestHandler {
  return async (request, response, next) => {
    const cookies = readCookies(request);
    const secure = isSecure(request, services.publicUrl);
    response.locals.secureCookies = secure;
    const token = cookies.get(cookieName(sessionCookie, secure));
    const now = services.now();
    const session = token
      ? await services.sessions.load({ token, now, idleMs: services.settings.idleMinutes * 60_000 })
      : null;
    if (token && !session) {
      clearCookie(response, { name: sessionCookie, secure });
      response.locals.sessionEnded = true;
    }
    const language = chooseLanguage(
      request,
      cookies,
      typeof request.query.lang === 'string' ? undefined : session?.adviser.locale,
    );
    response.locals.language = language;
    if (typeof request.query.lang === 'string' && (language === 'nb' || language === 'en')) {
      setCookie(response, { name: languageCookie, value: language, secure, maxAgeMs: 365 * 24 * 3600_000 });
      if (session && session.adviser.locale !== language)
        await services.advisers.update({ id: session.adviser.id, locale: language });
    }
    if (session && token) {
      const adviser: WorkspaceAdviser = {
        id: session.adviser.id,
        email: session.adviser.email,
        name: session.adviser.name,
        role: session.adviser.role,
        language,
      };
      response.locals.adviser = adviser;
      response.locals.sessionToken = token;
      response.locals.csrfToken = csrfTokenFor(token);
      if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) await services.sessions.touch({ token, now });
    } else {
      let preSession = cookies.get(cookieName(preSessionCookie, secure));
      if (!preSession || !/^[\w-]{43}$/.test(preSession)) {
        preSession = newToken();
        setCookie(response, { name: preSessionCookie, value: preSession, secure });
      }
      response.locals.csrfToken = preSession;
    }
    // Pages of the workspace show personal data: never cached by the browser or a proxy.
    response.set('Cache-Control', 'no-store');
    next();
  };
}

/** Starts a session for the adviser: a fresh token (never the one from before sign-in), cookie set. */
export async function startSession(options: {
  services: SessionServices;
  response: Response;
  adviserId: string;
  method: 'password' | 'oidc';
}): Promise<void> {
  const { services, response } = options;
  const previous = response.locals.sessionToken as string | undefined;
  if (previous) await services.sessions.remove(previous);
  const token = newToken();
  const now = services.now();
  await services.sessions.purgeExpired(now); // sign-ins are rare enough to sweep expired sessions here
  const lifetimeMs = services.settings.sessionHours * 3600_000;
  await services.sessions.create({
    token,
    adviserId: options.adviserId,
    now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    method: options.method,
  });
  setCookie(response, {
    name: sessionCookie,
    value: token,
    secure: Boolean(response.locals.secureCookies),
    maxAgeMs: lifetimeMs,
  });
}

export async function endSession(options: { services: SessionServices; response: Response }): Promise<void> {
  const token = options.response.locals.sessionToken as string | undefined;
  if (token) await options.services.sessions.remove(token);
  clearCookie(options.response, { name: sessionCookie, secure: Boolean(options.response.locals.secureCookies) });
}

/** The adviser loadAdviserSession put on the response, or undefined when nobody is signed in. */
export function adviserIfSignedIn(response: Response): WorkspaceAdviser | undefined {
  const adviser = workspaceAdviserSchema.safeParse(response.locals.adviser);
  return adviser.success ? adviser.data : undefined;
}

/** The signed-in adviser behind requireAdviser; reaching here without one is a wiring fault, never a visitor's. */
export function signedInAdviser(response: Response): WorkspaceAdviser {
  const adviser = adviserIfSignedIn(response);
  if (!adviser) throw new Error('No adviser is signed in: the route is not behind requireAdviser.');
  return adviser;
}

const isApi = (request: Request) => request.originalUrl.startsWith('/advisers/api/');

/**
 * Lets the request through only for a signed-in adviser with at least `role`. Nobody signed in: pages
 * redirect to the sign-in page (coming back here afterwards), `/advisers/api/*` answers 401. Wrong role: 403.
 */
export function requireAdviser(options: { role?: 'adviser' | 'admin' | 'provider' | 'any' } = {}): RequestHandler {
  return (request, response, next) => {
    const adviser = adviserIfSignedIn(response);
    if (!adviser) {
      if (isApi(request)) {
        response.status(401).json({
          error: {
            code: 'unauthenticated',
            message: 'Sign in at /advisers/sign-in first.',
            requestId: response.locals.requestId,
          },
        });
        return;
      }
      const back = request.method === 'GET' ? request.originalUrl : '/advisers';
      const ended = response.locals.sessionEnded ? '&ended=1' : '';
      response.redirect(303, `/advisers/sign-in?next=${encodeURIComponent(back)}${ended}`);
      return;
    }
    // A provider account opens only the provider page: its start page (the review queue) sends it there.
    if (
      adviser.role === 'provider' &&
      options.role === 'adviser' &&
      request.method === 'GET' &&
      /^\/advisers\/?$/.test(request.originalUrl.split('?')[0] ?? '')
    ) {
      response.redirect(303, '/advisers/provider');
      return;
    }
    const allowed =
      options.role === undefined ||
      options.role === 'any' ||
      adviser.role === 'admin' ||
      (options.role === 'adviser' && adviser.role === 'adviser') ||
      (options.role === 'provider' && adviser.role === 'provider');
    if (!allowed) {
      refuse({
        request,
        response,
        status: 403,
        code: 'forbidden',
        title: workspaceTexts(adviser.language).forbiddenTitle,
        message: workspaceTexts(adviser.language).forbidden,
      });
      return;
    }
    next();
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses (403) a state-changing request whose `_csrf` field or X-CSRF-Token header does not match the session's token. */
export const verifyCsrf: RequestHandler = (request, response, next) => {
  if (!unsafeMethods.has(request.method)) return next();
  const expected = response.locals.csrfToken as string | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const given = request.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (expected && given && sameToken(given, expected)) return next();
  const texts = workspaceTexts((response.locals.language as WorkspaceLanguage | undefined) ?? 'nb');
  refuse({ request, response, status: 403, code: 'csrf_token_invalid', title: texts.csrfTitle, message: texts.csrf });
};

// Compared as SHA-256 digests: equal lengths whatever the client sends (a non-ASCII character makes the UTF-8
// bytes longer than the characters, and timingSafeEqual throws on unequal lengths), and no early exit that
// would time how much of the token was right.
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function refuse(options: {
  request: Request;
  response: Response;
  status: number;
  code: string;
  title: string;
  message: string;
}): void {
  const { request, response } = options;
  if (isApi(request) || request.get('x-csrf-token') !== undefined || request.is('application/json')) {
    response
      .status(options.status)
      .json({ error: { code: options.code, message: options.message, requestId: response.locals.requestId } });
    return;
  }
  const language = (response.locals.language as WorkspaceLanguage | undefined) ?? 'nb';
  const body = html`<div class="card narrow"><h1>${options.title}</h1><p>${options.message}</p><p><a href="/advisers">${workspaceTexts(language).back}</a></p></div>`;
  response
    .status(options.status)
    .type('html')
    .send(renderPlainPage({ title: options.title, language, body }));
}
