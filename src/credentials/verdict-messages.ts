/** What a verification says, in the three languages Veileder speaks. Plain words: who reads this is a site manager or an employer. */
export type LocalisedText = { nb: string; nn: string; en: string };

const verificationMessages = {
  valid: {
    nb: 'Kursbeviset er ekte, utstedt av {issuer}, gyldig og ikke trukket tilbake.',
    nn: 'Kursbeviset er ekte, skrive ut av {issuer}, gyldig og ikkje trekt tilbake.',
    en: 'The credential is genuine, issued by {issuer}, valid and not revoked.',
  },
  malformed: {
    nb: 'Dette er ikke et kursbevis Veileder kan lese ({detail}).',
    nn: 'Dette er ikkje eit kursbevis Veileder kan lese ({detail}).',
    en: 'This is not a credential Veileder can read ({detail}).',
  },
  unknown_issuer: {
    nb: 'Kursbeviset er utstedt av {issuer}, som ikke er denne utstederen ({expected}). Det kan ikke bekreftes her.',
    nn: 'Kursbeviset er skrive ut av {issuer}, som ikkje er denne utskrivaren ({expected}). Det kan ikkje stadfestast her.',
    en: 'The credential was issued by {issuer}, which is not this issuer ({expected}). It cannot be confirmed here.',
  },
  unknown_key: {
    nb: 'Kursbeviset er signert med en nøkkel utstederen ikke har publisert. Det kan være forfalsket.',
    nn: 'Kursbeviset er signert med ein nøkkel utskrivaren ikkje har publisert. Det kan vere forfalska.',
    en: 'The credential is signed with a key the issuer never published. It may be forged.',
  },
  invalid_signature: {
    nb: 'Signaturen stemmer ikke: kursbeviset er endret etter at det ble utstedt, eller det er forfalsket.',
    nn: 'Signaturen stemmer ikkje: kursbeviset er endra etter at det vart skrive ut, eller det er forfalska.',
    en: 'The signature does not match: the credential was changed after it was issued, or it is forged.',
  },
  not_yet_valid: {
    nb: 'Kursbeviset gjelder først fra {validFrom}.',
    nn: 'Kursbeviset gjeld først frå {validFrom}.',
    en: 'The credential is only valid from {validFrom}.',
  },
  expired: {
    nb: 'Kursbeviset gikk ut {validUntil}.',
    nn: 'Kursbeviset gjekk ut {validUntil}.',
    en: 'The credential expired on {validUntil}.',
  },
  revoked: {
    nb: 'Utstederen har trukket kursbeviset tilbake.',
    nn: 'Utskrivaren har trekt kursbeviset tilbake.',
    en: 'The issuer has revoked the credential.',
  },
  status_unavailable: {
    nb: 'Statuslisten for kursbeviset kunne ikke leses, så det er ukjent om det er trukket tilbake.',
    nn: 'Statuslista for kursbeviset kunne ikkje lesast, så det er ukjent om det er trekt tilbake.',
    en: 'The credential’s status list could not be read, so whether it was revoked is unknown.',
  },
  untrusted_issuer: {
    nb: 'Signaturen er gyldig og beviset er utstedt av {issuer}, men den utstederen står ikke på listen over utstedere denne tjenesten stoler på.',
    nn: 'Signaturen er gyldig og beviset er skrive ut av {issuer}, men den utskrivaren står ikkje på lista over utskrivarar denne tenesta stolar på.',
    en: 'The signature is valid and the credential was issued by {issuer}, but that issuer is not on the list of issuers this service trusts.',
  },
  key_not_bound: {
    nb: 'Signaturen er gyldig for en nøkkel som står i kursbeviset selv, men at {issuer} har publisert den nøkkelen, kan ikke bekreftes. Hvem som har utstedt det, er derfor ikke bevist.',
    nn: 'Signaturen er gyldig for ein nøkkel som står i kursbeviset sjølv, men at {issuer} har publisert den nøkkelen, kan ikkje stadfestast. Kven som har skrive det ut, er difor ikkje prova.',
    en: 'The signature is valid for a key named in the credential itself, but that {issuer} published that key cannot be confirmed, so who issued it is not proven.',
  },
  issuer_unresolvable: {
    nb: 'Nøklene til utstederen {issuer} kunne ikke hentes, så kursbeviset kan ikke sjekkes ({detail}).',
    nn: 'Nøklane til utskrivaren {issuer} kunne ikkje hentast, så kursbeviset kan ikkje sjekkast ({detail}).',
    en: 'The keys of the issuer {issuer} could not be fetched, so the credential cannot be checked ({detail}).',
  },
  unsupported_proof: {
    nb: 'Kursbeviset er signert på en måte Veileder ikke kan sjekke: {detail}.',
    nn: 'Kursbeviset er signert på ein måte Veileder ikkje kan sjekke: {detail}.',
    en: 'The credential is signed in a way Veileder cannot check: {detail}.',
  },
  suspended: {
    nb: 'Utstederen har suspendert kursbeviset.',
    nn: 'Utskrivaren har suspendert kursbeviset.',
    en: 'The issuer has suspended the credential.',
  },
  status_unreadable: {
    nb: 'Det er ukjent om kursbeviset er trukket tilbake: {detail}.',
    nn: 'Det er ukjent om kursbeviset er trekt tilbake: {detail}.',
    en: 'Whether the credential was revoked is unknown: {detail}.',
  },
} satisfies Record<string, LocalisedText>;

export type ReasonCode = keyof typeof verificationMessages;

export function describeReason(code: ReasonCode, values: Record<string, string> = {}): LocalisedText {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? '');
  const message = verificationMessages[code];
  return { nb: fill(message.nb), nn: fill(message.nn), en: fill(message.en) };
}
