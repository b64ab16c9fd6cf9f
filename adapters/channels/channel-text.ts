import type { Language } from '../../src/profile/profile.js';

/**
 * The few words a channel needs around the assistant's own reply: button labels and the install greeting.
 * The assistant writes every answer; these only label the controls that carry a TurnAction.
 */
export type ChannelText = {
  welcome: string;
  moreLike: string;
  why: string;
  open: string;
  useful: string;
  notUseful: string;
  rateLabel: (title: string) => string;
  free: string;
  accredited: (by: string) => string;
  thanks: string;
  failed: string;
};

const texts: Record<Language, ChannelText> = {
  nb: {
    welcome:
      'Hei! Jeg er Veileder. Jeg hjelper deg å finne kurs og utdanning som passer deg. Fortell meg hva du jobber med og hva du vil lære, så foreslår jeg noe. Skriv «hjelp» for å se hva jeg kan, eller «koble» for å ta med profilen din til en annen kanal.',
    moreLike: 'Mer som dette',
    why: 'Hvorfor?',
    open: 'Åpne',
    useful: '👍 Nyttig',
    notUseful: '👎 Ikke for meg',
    rateLabel: (title) => `Vurder «${title}»`,
    free: 'Gratis',
    accredited: (by) => `Akkreditert (${by})`,
    thanks: 'Takk for vurderingen!',
    failed: 'Beklager, noe gikk galt hos meg. Prøv igjen om litt.',
  },
  nn: {
    welcome:
      'Hei! Eg er Veileder. Eg hjelper deg å finne kurs og utdanning som passar deg. Fortel meg kva du jobbar med og kva du vil lære, så føreslår eg noko. Skriv «hjelp» for å sjå kva eg kan, eller «kople» for å ta med profilen din til ein annan kanal.',
    moreLike: 'Meir som dette',
    why: 'Kvifor?',
    open: 'Opne',
    useful: '👍 Nyttig',
    notUseful: '👎 Ikkje for meg',
    rateLabel: (title) => `Vurder «${title}»`,
    free: 'Gratis',
    accredited: (by) => `Akkreditert (${by})`,
    thanks: 'Takk for vurderinga!',
    failed: 'Orsak, noko gjekk gale hos meg. Prøv igjen om litt.',
  },
  en: {
    welcome:
      'Hi! I\'m Veileder. I help you find courses and education that suit you. Tell me what you work with and what you want to learn, and I\'ll suggest something. Type "help" to see what I can do, or "link" to bring your profile to another channel.',
    moreLike: 'More like this',
    why: 'Why?',
    open: 'Open',
    useful: '👍 Useful',
    notUseful: '👎 Not for me',
    rateLabel: (title) => `Rate "${title}"`,
    free: 'Free',
    accredited: (by) => `Accredited (${by})`,
    thanks: 'Thanks for the rating!',
    failed: 'Sorry, something went wrong on my side. Please try again shortly.',
  },
};

export function channelText(language: Language): ChannelText {
  return texts[language];
}

/** A channel locale ("nb-NO", "nn", "en-US", "no") as one of Veileder's languages; Bokmål when unknown. */
export function languageFromLocale(locale: string | undefined): Language {
  const tag = (locale ?? '').toLowerCase();
  if (tag.startsWith('nn')) return 'nn';
  if (tag.startsWith('en')) return 'en';
  return 'nb';
}
