import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { OidcSettings } from './adviser-settings.js';
import type { Logger } from '../../logging.js';
import type { WorkspaceStores } from '../../web-stores.js';
import { normaliseEmail, type AdviserAccount, type AdviserRole } from '../../storage/adviser-store.js';
import { clearCookie, newToken, readCookies, setCookie, startSession, type SessionServices } from './session.js';

/**
 * Sign-in through an OpenID Connect provider (Microsoft Entra ID, or any other): authorization code flow
 * with PKCE, state and nonce, via openid-client. Between the redirect and the callback, the state, nonce and
 * code verifier wait in `adviser_oidc_attempt`, keyed by the hash of a random id in a short-lived cookie —
 * so the callback must come back to the same browser that started it.
 *
 * Who gets in: an account already linked to the provider's subject; else an account created beforehand
 * with the same email (linked now); else, when the email's domain is allowed, a new adviser account. The
 * role follows `roleClaim` at every sign-in when configured, otherwise it is kept in Veileder.
 */

const attemptCookie = 'veileder_adviser_oidc';
const attemptLifetimeMs = 10 * 60_000;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export type OidcSignInOptions = {
  settings: OidcSettings;
  stores: Pick<WorkspaceStores, 'oidcAttempts' | 'audit'>;
  services: SessionServices;
  log: Logger;
};

export function createOidcSignIn(options: OidcSignInOptions) {
  const { settings, stores, services, log } = options;
  let discovered: Promise<client.Configuration> | undefined;

  // Discovered at first use (not at startup, so an unreachable provider does not stop the server) and kept.
  function configuration(): Promise<client.Configuration> {
    const issuer = new URL(settings.issuer);
    const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    discovered ??= client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        local ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  const callbackUrl = (request: Request) =>
    `${services.publicUrl ?? `${request.protocol}://${request.get('host')}`}/advisers/oidc/callback`;

  async function start(request: Request, response: Response, returnTo: string): Promise<void> {
    const config = await configuration();
    const attempt = newToken();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await stores.oidcAttempts.save(hash(attempt), {
      state,
      nonce,
      codeVerifier,
      returnTo,
      expiresAt: new Date(services.now().getTime() + attemptLifetimeMs),
    });
    setCookie(response, {
      name: attemptCookie,
      value: attempt,
      secure: Boolean(response.locals.secureCookies),
      maxAgeMs: attemptLifetimeMs,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(request),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    response.redirect(303, url.href);
  }

  type Outcome = { outcome: 'signed_in'; returnTo: string } | { outcome: 'failed' } | { outcome: 'no_account' };

  async function callback(request: Request, response: Response): Promise<Outcome> {
    const secure = Boolean(response.locals.secureCookies);
    const attempt = readCookies(request).get(secure ? `__Host-${attemptCookie}` : attemptCookie);
    clearCookie(response, { name: attemptCookie, secure });
    if (!attempt) return { outcome: 'failed' };
    const pending = await stores.oidcAttempts.take(hash(attempt));
    if (!pending || pending.expiresAt.getTime() <= services.now().getTime()) return { outcome: 'failed' };
    let claims: client.IDToken;
    try {
      const config = await configuration();
      const current = new URL(request.originalUrl, callbackUrl(request));
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      log.error('OpenID Connect sign-in failed', { error: (error as Error).message });
      return { outcome: 'failed' };
    }
    const adviser = await findOrCreateAdviser(claims);
    if (!adviser) return { outcome: 'no_account' };
    await startSession({ services, response, adviserId: adviser.id, method: 'oidc' });
    await stores.audit({
      actorId: adviser.id,
      action: 'adviser.signed_in',
      subjectType: 'adviser',
      subjectId: adviser.id,
      detail: { method: 'oidc' },
      at: services.now(),
    });
    return { outcome: 'signed_in', returnTo: pending.returnTo ?? '/advisers' };
  }

  async function findOrCreateAdviser(claims: client.IDToken): Promise<AdviserAccount | null> {
    const subject = `${claims.iss}|${claims.sub}`;
    const emailClaim = [claims.email, claims.preferred_username, claims.upn].find(
      (value): value is string => typeof value === 'string' && value.includes('@'),
    );
    const email = emailClaim ? normaliseEmail(emailClaim) : undefined;
    const mappedRole = roleFromClaims(claims);
    let adviser = await services.advisers.findByOidcSubject(subject);
    if (!adviser && email && claims.email_verified !== false) {
      adviser = await services.advisers.findByEmail(email);
      if (adviser?.oidcSubject && adviser.oidcSubject !== subject) adviser = null; // linked to someone else at the provider
      if (adviser) await services.advisers.update({ id: adviser.id, oidcSubject: subject });
    }
    if (
      !adviser &&
      email &&
      claims.email_verified !== false &&
      settings.allowedDomains.includes(email.split('@')[1]!)
    ) {
      const name = typeof claims.name === 'string' ? claims.name : null;
      adviser = await services.advisers.create({ email, name, role: mappedRole ?? 'adviser', oidcSubject: subject });
      if (adviser)
        await stores.audit({
          actorId: null,
          action: 'adviser.created',
          subjectType: 'adviser',
          subjectId: adviser.id,
          detail: { via: 'oidc', email, role: adviser.role },
          at: services.now(),
        });
    }
    if (!adviser || adviser.disabledAt) {
      await stores.audit({
        actorId: null,
        action: 'adviser.sign_in_refused',
        subjectType: adviser ? 'adviser' : null,
        subjectId: adviser?.id ?? null,
        detail: { method: 'oidc', email: email ?? null, reason: adviser ? 'disabled' : 'no_account' },
        at: services.now(),
      });
      return null;
    }
    // A provider account is never made an adviser by a claim: it would see learners' conversations.
    if (mappedRole && mappedRole !== adviser.role && adviser.role !== 'provider') {
      await services.advisers.update({ id: adviser.id, role: mappedRole });
      await stores.audit({
        actorId: null,
        action: 'adviser.role_changed',
        subjectType: 'adviser',
        subjectId: adviser.id,
        detail: { from: adviser.role, to: mappedRole, via: 'oidc' },
        at: services.now(),
      });
      adviser = { ...adviser, role: mappedRole };
    }
    return adviser;
  }

  function roleFromClaims(claims: client.IDToken): AdviserRole | undefined {
    if (!settings.roleClaim) return undefined;
    const value = claims[settings.roleClaim];
    const values = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    return values.some((item) => settings.adminValues.includes(item)) ? 'admin' : 'adviser';
  }

  return { start, callback };
}
