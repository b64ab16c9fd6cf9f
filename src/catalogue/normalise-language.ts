import { wordPattern } from './word-pattern.js';

/** Language names and codes as feeds write them → ISO 639-1 ("English" → en, "Español" → es, "bokmål" → nb). */
const languageCodes: Record<string, string> = {
  nb: 'nb',
  no: 'nb',
  nob: 'nb',
  nor: 'nb',
  norsk: 'nb',
  bokmål: 'nb',
  bokmal: 'nb',
  norwegian: 'nb',
  'norwegian bokmål': 'nb',
  nn: 'nn',
  nno: 'nn',
  nynorsk: 'nn',
  'norwegian nynorsk': 'nn',
  en: 'en',
  eng: 'en',
  english: 'en',
  engelsk: 'en',
  se: 'se',
  sme: 'se',
  samisk: 'se',
  nordsamisk: 'se',
  sámegiella: 'se',
  'northern sami': 'se',
  sv: 'sv',
  svenska: 'sv',
  svensk: 'sv',
  swedish: 'sv',
  da: 'da',
  dansk: 'da',
  danish: 'da',
  de: 'de',
  deutsch: 'de',
  tysk: 'de',
  german: 'de',
  es: 'es',
  español: 'es',
  espanol: 'es',
  spanish: 'es',
  spansk: 'es',
  fr: 'fr',
  français: 'fr',
  francais: 'fr',
  french: 'fr',
  fransk: 'fr',
  it: 'it',
  italiano: 'it',
  italian: 'it',
  italiensk: 'it',
  pt: 'pt',
  português: 'pt',
  portugues: 'pt',
  portuguese: 'pt',
  zh: 'zh',
  中文: 'zh',
  chinese: 'zh',
  kinesisk: 'zh',
  ja: 'ja',
  日本語: 'ja',
  japanese: 'ja',
  ar: 'ar',
  'اللغة العربية': 'ar',
  العربية: 'ar',
  arabic: 'ar',
  arabisk: 'ar',
  ru: 'ru',
  русский: 'ru',
  russian: 'ru',
  hi: 'hi',
  हिन्दी: 'hi',
  hindi: 'hi',
};

function languageCode(name: string): string | undefined {
  return languageCodes[name.trim().toLowerCase()];
}

const nynorskWords = wordPattern([
  'ikkje',
  'eit',
  'frå',
  'korleis',
  'kva',
  'kvar',
  'gjev',
  'vere',
  'vore',
  'dei',
  'desse',
  'berre',
  'mykje',
  'studiet gjev',
  'høgskulen',
  'skulen',
  'eigen',
  'eige',
  'saman',
  'fekk',
]);
const bokmålWords = wordPattern([
  'ikke',
  'et',
  'fra',
  'hvordan',
  'hva',
  'hvor',
  'gir',
  'være',
  'vært',
  'de',
  'disse',
  'bare',
  'mye',
  'høgskolen',
  'skolen',
  'egen',
  'eget',
  'sammen',
]);
const englishWords = wordPattern([
  'the',
  'and',
  'of',
  'you',
  'will',
  'with',
  'this',
  'course',
  'learn',
  'students',
  'is',
  'are',
]);
const taughtInEnglish = wordPattern([
  'undervisning(?:en|a)? (?:er|foregår|går føre seg|blir gitt|gis) på engelsk',
  'undervisningsspråk(?:et)?(?: er)?:? engelsk',
  'taught in english',
  'language of instruction(?: is)?:? english',
]);

function countMatches(pattern: RegExp, text: string): number {
  const global = new RegExp(pattern.source, 'giu');
  return text.match(global)?.length ?? 0;
}

/**
 * The languages an offering is taught in: the feed's own words first; when a feed only says "Norwegian",
 * the text tells Bokmål from Nynorsk, and English teaching mentioned in a Norwegian text is added.
 */
export function normaliseLanguages(options: { given: string[]; title: string; description: string }): string[] {
  const codes = new Set<string>();
  for (const name of options.given) {
    const code = languageCode(name);
    if (code) codes.add(code);
  }
  const text = `${options.title}\n${options.description}`;
  const english = countMatches(englishWords, text);
  const nynorsk = countMatches(nynorskWords, text);
  const bokmål = countMatches(bokmålWords, text);
  if (codes.size === 0) {
    if (english > 3 && english > nynorsk + bokmål) codes.add('en');
    else if (nynorsk + bokmål > 0) codes.add(nynorsk > bokmål ? 'nn' : 'nb');
  } else if (codes.has('nb') && nynorsk > bokmål && nynorsk >= 2) {
    codes.delete('nb');
    codes.add('nn');
  } else if ((codes.has('nb') || codes.has('nn')) && english > 8 && english > 2 * (nynorsk + bokmål)) {
    // A Norwegian feed describing an English-taught programme in English.
    codes.add('en');
  }
  if (taughtInEnglish.test(text)) codes.add('en');
  return [...codes];
}
