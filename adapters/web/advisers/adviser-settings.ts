import type { z } from 'zod';
import { commaList, numberSetting, optionalText, optionalUrl } from '../../settings/setting-fields.js';
import { settingsSection } from '../../settings/settings-section.js';

const oidcTogether = 'VEILEDER_OIDC_ISSUER, VEILEDER_OIDC_CLIENT_ID, VEILEDER_OIDC_CLIENT_SECRET';

/** The advisers' workspace at /advisers: sessions, lockout and optional OpenID Connect sign-in. */
export const adviserSettings = settingsSection(
  {
    VEILEDER_ADVISER_SESSION_HOURS: numberSetting({
      fallback: 12,
      mustBe: 'must be a number of hours, e.g. 12',
      above: 0,
    }).describe("an adviser's session ends this long after sign-in, however active"),
    VEILEDER_ADVISER_IDLE_MINUTES: numberSetting({
      fallback: 60,
      mustBe: 'must be a number of minutes, e.g. 60',
      above: 0,
    }).describe("an adviser's session ends after this long without a request"),
    VEILEDER_ADVISER_MAX_FAILED_SIGN_INS: numberSetting({
      fallback: 5,
      mustBe: 'must be a whole number of attempts, at least 1',
      whole: true,
      atLeast: 1,
    }).describe('wrong passwords in a row before the account is locked'),
    VEILEDER_ADVISER_MAX_FAILED_SIGN_INS_PER_ADDRESS: numberSetting({
      fallback: 20,
      mustBe: 'must be a whole number of attempts, at least 1',
      whole: true,
      atLeast: 1,
    }).describe('failed sign-ins one client address may make, across all accounts, per lockout window'),
    VEILEDER_ADVISER_LOCKOUT_MINUTES: numberSetting({
      fallback: 15,
      mustBe: 'must be a number of minutes, e.g. 15',
      above: 0,
    }).describe('how long signing in stays blocked after too many failures'),
    VEILEDER_OIDC_ISSUER: optionalUrl(
      'must be the issuer URL of the OpenID Connect provider, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0',
    ).describe('the OpenID Connect provider (e.g. Microsoft Entra ID); with the client id and secret = OIDC on'),
    VEILEDER_OIDC_CLIENT_ID: optionalText.describe("the app registration's client id at the provider"),
    VEILEDER_OIDC_CLIENT_SECRET: optionalText.describe("the app registration's client secret"),
    VEILEDER_OIDC_ALLOWED_DOMAINS: optionalText.describe(
      'comma-separated email domains whose people get an adviser account at first sign-in',
    ),
    VEILEDER_OIDC_ROLE_CLAIM: optionalText.describe(
      'an ID-token claim (e.g. roles) that decides the role at every sign-in',
    ),
    VEILEDER_OIDC_ADMIN_VALUES: optionalText.describe('comma-separated values of the role claim that make an admin'),
    VEILEDER_OIDC_LABEL: optionalText.describe("the sign-in button's label; unset = Microsoft"),
  },
  (env, problem) => {
    const { VEILEDER_OIDC_ISSUER: issuer, VEILEDER_OIDC_CLIENT_ID: clientId } = env;
    const clientSecret = env.VEILEDER_OIDC_CLIENT_SECRET;
    const oidcParts = [issuer, clientId, clientSecret];
    if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
      problem(oidcTogether, 'set all three (from the app registration at the identity provider) or none');
    }
    return {
      /** A session ends this long after sign-in, however active. */
      sessionHours: env.VEILEDER_ADVISER_SESSION_HOURS,
      /** A session ends after this long without a request. */
      idleMinutes: env.VEILEDER_ADVISER_IDLE_MINUTES,
      /** Wrong passwords in a row before the account is locked. */
      maxFailedSignIns: env.VEILEDER_ADVISER_MAX_FAILED_SIGN_INS,
      lockoutMinutes: env.VEILEDER_ADVISER_LOCKOUT_MINUTES,
      /** Failed sign-ins one client address may make, across all accounts, per `lockoutMinutes`. */
      maxFailedSignInsPerAddress: env.VEILEDER_ADVISER_MAX_FAILED_SIGN_INS_PER_ADDRESS,
      /** OpenID Connect (e.g. Microsoft Entra ID): on when issuer, client id and client secret are all set. */
      oidc:
        issuer && clientId && clientSecret
          ? {
              issuer,
              clientId,
              clientSecret,
              /** Email domains whose people get an account at first sign-in; empty = only accounts created beforehand. */
              allowedDomains: commaList(env.VEILEDER_OIDC_ALLOWED_DOMAINS).map((domain) =>
                domain.toLowerCase().replace(/^@/, ''),
              ),
              /** A claim of the ID token (e.g. `roles`) that decides the role at every sign-in; unset = roles are kept in Veileder. */
              roleClaim: env.VEILEDER_OIDC_ROLE_CLAIM,
              /** Values of `roleClaim` that make an admin. */
              adminValues: commaList(env.VEILEDER_OIDC_ADMIN_VALUES),
              /** The button's label on the sign-in page, e.g. "Microsoft". */
              label: env.VEILEDER_OIDC_LABEL ?? 'Microsoft',
            }
          : undefined,
    };
  },
);

export type AdviserSettings = z.infer<typeof adviserSettings>;
export type OidcSettings = NonNullable<AdviserSettings['oidc']>;

/** Used where no configuration is given (tests composing the HTTP app by hand): every variable unset. */
export const defaultAdviserSettings: AdviserSettings = adviserSettings.parse({});
