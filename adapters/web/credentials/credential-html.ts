import type { OpenBadgeCredential } from '../../../src/credentials/open-badge.js';
import type { VerificationResult } from '../../../src/credentials/verify-credential.js';
import { html, joinHtml, type HtmlValue, type SafeHtml } from '../html.js';

/** The public credential pages' languages (the verification reasons exist in all three). */
export type PageLanguage = 'nb' | 'nn' | 'en';

export function pageLanguage(value: unknown): PageLanguage {
  return value === 'en' || value === 'nn' ? value : 'nb';
}

const words = {
  nb: {
    valid: 'Gyldig',
    invalid: 'Ikke gyldig',
    holder: 'Innehaver',
    achievement: 'Oppnådd',
    type: 'Type',
    issuer: 'Utsteder',
    validFrom: 'Gyldig fra',
    validUntil: 'Gyldig til',
    skills: 'Ferdigheter (ESCO)',
    evidence: 'Dokumentasjon',
    noEnd: 'ingen utløpsdato',
    id: 'ID',
  },
  nn: {
    valid: 'Gyldig',
    invalid: 'Ikkje gyldig',
    holder: 'Innehavar',
    achievement: 'Oppnådd',
    type: 'Type',
    issuer: 'Utskrivar',
    validFrom: 'Gyldig frå',
    validUntil: 'Gyldig til',
    skills: 'Ferdigheiter (ESCO)',
    evidence: 'Dokumentasjon',
    noEnd: 'ingen utløpsdato',
    id: 'ID',
  },
  en: {
    valid: 'Valid',
    invalid: 'Not valid',
    holder: 'Holder',
    achievement: 'Achievement',
    type: 'Type',
    issuer: 'Issuer',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    skills: 'Skills (ESCO)',
    evidence: 'Evidence',
    noEnd: 'no expiry date',
    id: 'ID',
  },
} as const;

const achievementTypeNames: Record<PageLanguage, Record<string, string>> = {
  nb: { Course: 'Kurs', Certificate: 'Sertifikat', License: 'Lisens' },
  nn: { Course: 'Kurs', Certificate: 'Sertifikat', License: 'Lisens' },
  en: { Course: 'Course', Certificate: 'Certificate', License: 'License' },
};

export function formatDate(value: string | undefined | null, language: PageLanguage): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'long',
    timeZone: 'Europe/Oslo',
  }).format(new Date(value));
}

/** The holder's name as the credential states it (an OB 3.0 IdentityObject of type name), if any. */
function holderName(credential: OpenBadgeCredential | null): string | null {
  const identifiers = credential?.credentialSubject?.identifier;
  if (!Array.isArray(identifiers)) return null;
  return identifiers.find((entry) => entry.identityType === 'name' && entry.hashed === false)?.identityHash ?? null;
}

/** A credential's facts as a definition list; every value escaped. */
export function renderCredentialFacts(credential: OpenBadgeCredential, language: PageLanguage): SafeHtml {
  const text = words[language];
  const achievement = credential.credentialSubject?.achievement;
  const issuer =
    typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer?.name ?? credential.issuer?.id);
  // Other issuers' credentials may be VCDM 1.1 (issuanceDate, expirationDate) and leave out what Veileder always sets.
  const legacy = credential as { issuanceDate?: string; expirationDate?: string };
  const rows: [string, HtmlValue][] = [
    [text.achievement, achievement?.name ?? credential.name],
    [
      text.type,
      achievementTypeNames[language][achievement?.achievementType ?? ''] ?? achievement?.achievementType ?? '',
    ],
    [text.holder, holderName(credential) ?? '—'],
    [text.issuer, issuer],
    [text.validFrom, formatDate(credential.validFrom ?? legacy.issuanceDate, language)],
    [
      text.validUntil,
      (credential.validUntil ?? legacy.expirationDate)
        ? formatDate(credential.validUntil ?? legacy.expirationDate, language)
        : text.noEnd,
    ],
  ];
  const skills = Array.isArray(achievement?.alignment) ? achievement.alignment : [];
  if (skills.length)
    rows.push([
      text.skills,
      joinHtml(
        skills.map((skill) => html`<a href="${skill.targetUrl}" rel="noopener">${skill.targetName}</a>`),
        ', ',
      ),
    ]);
  const evidence = Array.isArray(credential.evidence) ? credential.evidence : [];
  if (evidence.length)
    rows.push([
      text.evidence,
      joinHtml(
        evidence.map((item) => [item.name, item.narrative].filter(Boolean).join(': ')),
        html`<br>`,
      ),
    ]);
  rows.push([text.id, html`<code>${credential.id}</code>`]);
  return html`<dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The verdict, in words, with every reason and what was checked. */
export function renderVerification(result: VerificationResult, language: PageLanguage): SafeHtml {
  const valid = result.verdict === 'valid';
  const text = words[language];
  const reasons = result.reasons.map((reason) => html`<li data-code="${reason.code}">${reason.message[language]}</li>`);
  return html`<section class="verdict ${valid ? 'ok' : 'bad'}" data-verdict="${result.verdict}" aria-live="polite">
  <h2>${valid ? '✓' : '✗'} ${valid ? text.valid : text.invalid}</h2>
  <ul class="reasons">${reasons}</ul>
  ${result.credential ? renderCredentialFacts(result.credential, language) : ''}
</section>`;
}

/** A small standalone page (these are public: no workspace layout, no scripts), as the string response.send needs. */
export function renderPublicPage(options: { title: string; language: PageLanguage; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="${options.language === 'en' ? 'en' : options.language === 'nn' ? 'nn' : 'nb'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 1.5rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
  textarea { width: 100%; min-height: 8rem; font-family: ui-monospace, monospace; font-size: .85rem; }
  button, .button { font-size: 1rem; padding: .5rem 1rem; border-radius: .4rem; border: 1px solid #245; background: #245; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  .button.secondary, button.secondary { background: #fff; color: #245; }
  .verdict { border-radius: .6rem; padding: .75rem 1rem; margin: 1rem 0; }
  .verdict.ok { background: #e6f4ea; border: 2px solid #1e7b34; }
  .verdict.bad { background: #fdecea; border: 2px solid #b3261e; }
  .verdict h2 { margin: 0 0 .4rem; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .card { border: 1px solid #ccd; border-radius: .6rem; padding: .75rem 1rem; margin: 1rem 0; }
  .muted { color: #555; font-size: .9rem; }
  nav.languages a { margin-right: .5rem; }
  @media print { form, nav, .no-print { display: none; } }
</style>
</head>
<body>
${options.body}
</body>
</html>`.toString();
}

export function languageLinks(path: string, language: PageLanguage): SafeHtml {
  const link = (code: PageLanguage, label: string) =>
    code === language
      ? html`<strong>${label}</strong>`
      : html`<a href="${`${path}${path.includes('?') ? '&' : '?'}lang=${code}`}">${label}</a>`;
  return html`<nav class="languages">${link('nb', 'Bokmål')} ${link('nn', 'Nynorsk')} ${link('en', 'English')}</nav>`;
}
