import type { Language } from '../profile/profile.js';

/**
 * Which of Veileder's languages a message is written in: Bokmål, Nynorsk or English. Function words carry
 * the signal in short chat messages better than letters do, and Nynorsk differs from Bokmål mostly in exactly
 * those words (eg/jeg, ikkje/ikke, kva/hva), so each language is scored by the function words it alone uses.
 */

const english = new Set(
  'i me my am is are was were be been the a an and or but of to in on at for with from about want would like could can should how what which where who why do does did not no yes please just some any this that these those it you your we our they have has had will there than more less online course courses learn learning work job'.split(
    ' ',
  ),
);

// Words shared by Bokmål and Nynorsk: tell Norwegian from English, not one from the other.
const norwegian = new Set(
  'og i på til for med som av det en et om har kan vil skal må er var så men eller når etter før over under fra ja nei takk gjerne kurs studie utdanning jobb jobbar jobber lære helst bare'.split(
    ' ',
  ),
);

const bokmalOnly = new Set(
  'jeg meg min mitt mine ikke hva hvordan hvor hvem hvilken hvilke hvis noe noen mye mange bare også fra hjem hjemme være vært blir ble gjøre skole skolen jobber lærer ønsker trenger kunne ville uke uka uken timer hos enn hadde'.split(
    ' ',
  ),
);

const nynorskOnly = new Set(
  'eg meg mi mitt mine ikkje kva korleis kor kven kvifor kva for nokon noko mykje mange berre òg frå heim heime vere vore blir vart gjere skule skulen jobbar ønskjer treng kunne ville veke veka timar hjå enn hadde ein eit sjølv dei dykk me'.split(
    ' ',
  ),
);

// Shared spellings weigh nothing for the Bokmål–Nynorsk choice.
for (const word of [...bokmalOnly]) {
  if (nynorskOnly.has(word)) {
    bokmalOnly.delete(word);
    nynorskOnly.delete(word);
  }
}

export type LanguageGuess = { language: Language; confidence: 'clear' | 'weak' };

export type DetectLanguageOptions = {
  text: string;
  /** What to answer when the text says too little (a "5", an "ok"): usually the conversation's language so far. */
  fallback: Language;
};

export function detectLanguage(options: DetectLanguageOptions): LanguageGuess {
  // Only ordinary words count: a pasted token, link or code holds letters by chance ("eyJhbGciOi…" holds "i").
  const words = options.text
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token.length <= 30 && !/[0-9_/=]|\.\S/.test(token))
    .flatMap((token) => token.match(/[a-zæøåéèêòóôü]+/g) ?? []);
  let englishScore = 0;
  let norwegianScore = 0;
  let bokmalScore = 0;
  let nynorskScore = 0;
  for (const word of words) {
    if (english.has(word)) englishScore += 1;
    if (norwegian.has(word) || bokmalOnly.has(word) || nynorskOnly.has(word)) norwegianScore += 1;
    if (bokmalOnly.has(word)) bokmalScore += 1;
    if (nynorskOnly.has(word)) nynorskScore += 1;
  }
  // Letters only Norwegian has tip short messages with few function words.
  if (/[æøå]/i.test(options.text)) norwegianScore += 1;
  if (englishScore === 0 && norwegianScore === 0) return { language: options.fallback, confidence: 'weak' };
  if (englishScore > norwegianScore) return { language: 'en', confidence: englishScore >= 2 ? 'clear' : 'weak' };
  if (nynorskScore > bokmalScore) return { language: 'nn', confidence: nynorskScore >= 2 ? 'clear' : 'weak' };
  if (bokmalScore > nynorskScore) return { language: 'nb', confidence: bokmalScore >= 2 ? 'clear' : 'weak' };
  // Norwegian, but nothing tells which: keep Nynorsk if that is what the conversation is in.
  return { language: options.fallback === 'nn' ? 'nn' : 'nb', confidence: 'weak' };
}

/** "answer in English", "svar på nynorsk", "kan du skrive bokmål" — an explicit switch wins over detection. */
export function requestedLanguage(text: string): Language | null {
  const lower = text.toLowerCase();
  const ask = String.raw`(?:svar\w*|skriv\w*|snakk\w*|bytt\w*|byte|skift\w*|answer\w*|reply|write|speak|talk|switch\w*|change|go|continue|fortsett)`;
  const asked = (name: string) =>
    new RegExp(
      String.raw`\b(?:${ask}(?:\s+\w+){0,3}\s+(?:to|til|på|in|into)\s+${name}|${ask}\s+${name}\b|(?:på|in)\s+${name}\b|${name},?\s+(?:please|takk)|${name}\?$)`,
    ).test(lower);
  if (asked('english') || asked('engelsk')) return 'en';
  if (asked('nynorsk')) return 'nn';
  if (asked('bokmål') || asked('bokmal') || asked('norsk') || asked('norwegian')) return 'nb';
  return null;
}

/** A channel locale such as "nb-NO", "nn", "en-GB" → one of ours, or null when it is none of them. */
export function languageFromLocale(locale: string | undefined): Language | null {
  const tag = locale?.toLowerCase().split(/[-_]/)[0];
  if (tag === 'nb' || tag === 'no') return 'nb';
  if (tag === 'nn') return 'nn';
  if (tag === 'en') return 'en';
  return null;
}
