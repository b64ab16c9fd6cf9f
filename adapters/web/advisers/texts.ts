import type { WorkspaceLanguage } from './section.js';

/** The workspace's own words (sign-in, navigation, errors), Bokmål and English. Sections keep their own. */

const nb = {
  workspace: 'Veiledernes arbeidsflate',
  skipToContent: 'Hopp til innholdet',
  navigation: 'Hovedmeny',
  signedInAs: 'Logget inn som',
  signOut: 'Logg ut',
  myAccount: 'Min konto',
  otherLanguage: 'English',
  otherLanguageCode: 'en',
  signInTitle: 'Logg inn',
  signInIntro: 'For veiledere og administratorer i Veileder.',
  email: 'E-post',
  password: 'Passord',
  signIn: 'Logg inn',
  signInWith: (label: string) => `Logg inn med ${label}`,
  or: 'eller',
  wrongCredentials: 'Feil e-post eller passord.',
  locked: (minutes: number) =>
    `For mange mislykkede forsøk. Innlogging med denne e-postadressen er sperret i ${minutes} minutter. Prøv igjen senere, eller be en administrator låse opp kontoen.`,
  throttled: (minutes: number) =>
    `For mange mislykkede innlogginger fra denne adressen. Prøv igjen om ${minutes} minutter.`,
  attemptsWarning: (max: number, minutes: number) =>
    `Etter ${max} feil passord på rad sperres innloggingen i ${minutes} minutter.`,
  sessionEnded: 'Økten din er avsluttet. Logg inn på nytt.',
  signedOut: 'Du er logget ut.',
  oidcFailed: 'Innloggingen hos identitetsleverandøren mislyktes. Prøv igjen.',
  oidcNoAccount: 'Denne kontoen har ikke tilgang til arbeidsflaten. Be en administrator opprette deg som veileder.',
  forbiddenTitle: 'Ingen tilgang',
  forbidden: 'Denne siden er bare for administratorer.',
  csrfTitle: 'Skjemaet er utløpt',
  csrf: 'Skjemaet kunne ikke sendes fordi sikkerhetsnøkkelen mangler eller er utløpt. Gå tilbake, last siden på nytt og prøv igjen.',
  errorTitle: 'Noe gikk galt',
  notFoundTitle: 'Fant ikke siden',
  back: 'Tilbake til arbeidsflaten',
  roles: { adviser: 'veileder', admin: 'administrator', provider: 'tilbyder' },
};

export type WorkspaceTexts = typeof nb;

const en: WorkspaceTexts = {
  workspace: "Advisers' workspace",
  skipToContent: 'Skip to content',
  navigation: 'Main menu',
  signedInAs: 'Signed in as',
  signOut: 'Sign out',
  myAccount: 'My account',
  otherLanguage: 'Norsk (bokmål)',
  otherLanguageCode: 'nb',
  signInTitle: 'Sign in',
  signInIntro: 'For Veileder’s advisers and administrators.',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signInWith: (label: string) => `Sign in with ${label}`,
  or: 'or',
  wrongCredentials: 'Wrong email or password.',
  locked: (minutes: number) =>
    `Too many failed attempts. Signing in with this email address is blocked for ${minutes} minutes. Try again later, or ask an administrator to unlock the account.`,
  throttled: (minutes: number) => `Too many failed sign-ins from this address. Try again in ${minutes} minutes.`,
  attemptsWarning: (max: number, minutes: number) =>
    `After ${max} wrong passwords in a row, signing in is blocked for ${minutes} minutes.`,
  sessionEnded: 'Your session has ended. Sign in again.',
  signedOut: 'You are signed out.',
  oidcFailed: 'Signing in at the identity provider failed. Try again.',
  oidcNoAccount: 'This account has no access to the workspace. Ask an administrator to add you as an adviser.',
  forbiddenTitle: 'No access',
  forbidden: 'This page is for administrators only.',
  csrfTitle: 'The form has expired',
  csrf: 'The form could not be sent because its security token is missing or expired. Go back, reload the page and try again.',
  errorTitle: 'Something went wrong',
  notFoundTitle: 'Page not found',
  back: 'Back to the workspace',
  roles: { adviser: 'adviser', admin: 'administrator', provider: 'provider' },
};

export function workspaceTexts(language: WorkspaceLanguage): WorkspaceTexts {
  return language === 'en' ? en : nb;
}
