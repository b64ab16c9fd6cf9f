import type { LocalisedText } from '../credentials/verdict-messages.js';

/** The site check's verdicts, as a site manager reads them: short, plain, in nb / nn / en. */
const siteVerdicts = ['valid', 'missing', 'expired', 'revoked', 'not_for_site', 'invalid'] as const;
export type SiteVerdict = (typeof siteVerdicts)[number];

export const siteVerdictLabels: Record<SiteVerdict, LocalisedText> = {
  valid: { nb: 'Gyldig', nn: 'Gyldig', en: 'Valid' },
  missing: { nb: 'Mangler', nn: 'Manglar', en: 'Missing' },
  expired: { nb: 'Utløpt', nn: 'Gått ut', en: 'Expired' },
  revoked: { nb: 'Trukket tilbake', nn: 'Trekt tilbake', en: 'Revoked' },
  not_for_site: { nb: 'Gjelder ikke her', nn: 'Gjeld ikkje her', en: 'Not for this site' },
  invalid: { nb: 'Ugyldig', nn: 'Ugyldig', en: 'Invalid' },
};

const reasonTemplates = {
  valid: {
    nb: 'Har gyldig {achievements}.',
    nn: 'Har gyldig {achievements}.',
    en: 'Holds a valid {achievements}.',
  },
  valid_no_requirement: {
    nb: 'Kursbeviset er gyldig. Plassen krever ingen bestemte kursbevis.',
    nn: 'Kursbeviset er gyldig. Plassen krev ingen bestemde kursbevis.',
    en: 'The credential is valid. The site requires no particular credential.',
  },
  missing: {
    nb: 'Mangler {achievement}: kursbeviset er ikke vist fram.',
    nn: 'Manglar {achievement}: kursbeviset er ikkje vist fram.',
    en: 'Missing {achievement}: the credential was not presented.',
  },
  expired: {
    nb: '{achievement} gikk ut {date}.',
    nn: '{achievement} gjekk ut {date}.',
    en: '{achievement} expired on {date}.',
  },
  revoked: {
    nb: '{achievement} er trukket tilbake av utstederen og gjelder ikke lenger.',
    nn: '{achievement} er trekt tilbake av utskrivaren og gjeld ikkje lenger.',
    en: '{achievement} has been revoked by the issuer and no longer counts.',
  },
  not_for_site: {
    nb: 'Kursbeviset gjelder {presented}, men her kreves {achievement}.',
    nn: 'Kursbeviset gjeld {presented}, men her krevst {achievement}.',
    en: 'The credential is for {presented}, but this site requires {achievement}.',
  },
  invalid: {
    nb: 'Kursbeviset kan ikke bekreftes: {detail}',
    nn: 'Kursbeviset kan ikkje stadfestast: {detail}',
    en: 'The credential cannot be confirmed: {detail}',
  },
  share_unknown: {
    nb: 'Delingslenken finnes ikke.',
    nn: 'Delingslenkja finst ikkje.',
    en: 'The share link does not exist.',
  },
  share_expired: {
    nb: 'Delingslenken er utløpt; be arbeideren om en ny.',
    nn: 'Delingslenkja har gått ut; be arbeidaren om ei ny.',
    en: 'The share link has expired; ask the worker for a new one.',
  },
  share_revoked: {
    nb: 'Innehaveren har trukket tilbake delingslenken.',
    nn: 'Innehavaren har trekt tilbake delingslenkja.',
    en: 'The holder has withdrawn the share link.',
  },
} satisfies Record<string, LocalisedText>;

export type SiteReasonCode = keyof typeof reasonTemplates;

/** Fills a template per language; `values` may differ per language (dates, lists). */
export function siteReason(
  code: SiteReasonCode,
  values: Partial<Record<keyof LocalisedText, Record<string, string>>> & { all?: Record<string, string> } = {},
): LocalisedText {
  const fill = (language: keyof LocalisedText) =>
    reasonTemplates[code][language].replace(
      /\{(\w+)\}/g,
      (_match, name: string) => values[language]?.[name] ?? values.all?.[name] ?? '',
    );
  return { nb: fill('nb'), nn: fill('nn'), en: fill('en') };
}

/** A date the way each language writes it, in Norwegian time. */
export function localDate(value: string | Date, language: keyof LocalisedText): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'long',
    timeZone: 'Europe/Oslo',
  }).format(new Date(value));
}
