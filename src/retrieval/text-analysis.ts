/**
 * Norwegian-aware text analysis shared by lexical search, the local embedder and concept matching.
 * Lowercase, Unicode-normalised, æøå kept (they carry meaning: "for"/"får", "gå"/"ga"), other diacritics
 * folded (é → e, ü → u: "kafé"/"kafe"), a light stemmer that strips the commonest Bokmål, Nynorsk and
 * English inflections so "sykepleie"/"sykepleier"/"sykepleiere" and "course"/"courses" meet.
 */

const tokenPattern = /[\p{L}\p{N}]+/gu;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is left to the full path, which uses it as a stand-in.
const plainText = /^[\u0001-\u007fæøåÆØÅ]*$/;

/** Letters we fold to their base; æ, ø and å stay. */
function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(?<=[aeiouyAEIOUY])\u0308/g, '') // ä ö ü → a o u
    .replace(/[\u0300-\u0307\u0309-\u036f]/g, '') // é è ê ó ô → e o
    .normalize('NFC')
    .replace(/ä/g, 'æ')
    .replace(/ö/g, 'ø');
}

export function normaliseText(text: string): string {
  // Letters of plain ASCII and æøå have nothing to fold: lowercasing is all the steps below do to them, and
  // every text is analysed several times over at a first start (6–7 % of its CPU samples at 20k went to the folding).
  if (plainText.test(text)) return text.toLowerCase();
  // Keep å (a + ring, U+030A) and ø/æ (precomposed, no combining mark) through the folding.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the stand-in no real text holds.
  return foldDiacritics(text.toLowerCase().normalize('NFC').replace(/å/g, '\u0000')).replace(/\u0000/g, 'å');
}

export function tokenize(text: string): string[] {
  return normaliseText(text).match(tokenPattern) ?? [];
}

/**
 * Function words of Bokmål, Nynorsk and English, plus the words people use to ask for a course
 * ("vil", "lære", "study", "course"): they say that a learner is looking, not what for.
 */
export const stopWords = new Set(
  `og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei deira deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss ikkje ingi inkje korleis korso kva kvar kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte vart gjerne helst finnes finst finns mer meir litt ønsker ønskjer ønske lyst tenke tenkt gå går får få må mitt mine gjøre gjere
  the a an and or of to in for on with is are be i me my we you your it this that as at by from can what which how do want would like am have has not so some there their any also just into about who where more i'm i'd im id ive help helps need needs something anything looking look get ideally preferred prefer please
  lære studere studera study studying learn learning course courses kurs kurset kursa kursene utdanning utdanningen utdanninga utdanningar utdanninger studium studiet studier studia programme programmes program programs finnes`.split(
    /\s+/,
  ),
);

const norwegianSuffixes = [
  'hetene',
  'hetens',
  'heten',
  'heter',
  'hetar',
  'ingene',
  'ingane',
  'ingens',
  'ingen',
  'ingar',
  'inger',
  'inga',
  'erne',
  'arne',
  'ende',
  'ande',
  'ene',
  'ane',
  'ere',
  'ast',
  'est',
  'het',
  'ens',
  'ets',
  'ers',
  'ing',
  'en',
  'et',
  'er',
  'ar',
  'as',
  'es',
  'e',
  'a',
];
const englishSuffixes = [
  'ations',
  'ation',
  'ities',
  'ness',
  'ings',
  'ing',
  'ies',
  'ers',
  'ed',
  'er',
  'es',
  's',
  'e',
  'y',
];
const englishAndNorwegianSuffixes = [...norwegianSuffixes, ...englishSuffixes];

/** Words shorter than this keep their form: "lege", "data", "jus" are whole meanings. */
const minimumStemLength = 4;

/**
 * One suffix, the longest that leaves a stem of at least four letters. Not a full Snowball stemmer on
 * purpose: two languages share one index, and a light touch conflates inflections without merging words.
 */
export function stem(word: string): string {
  if (word.length <= minimumStemLength || /\d/.test(word)) return word;
  const suffixes = /[æøå]/.test(word) ? norwegianSuffixes : englishAndNorwegianSuffixes;
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minimumStemLength) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Tokens without stop words, stemmed. */
export function analyse(text: string): string[] {
  const result: string[] = [];
  for (const token of tokenize(text)) {
    if (token.length < 2 || stopWords.has(token)) continue;
    result.push(stem(token));
  }
  return result;
}

/**
 * Words about format, price and pace rather than subject. In a query they become constraints or wishes
 * (src/understanding), so as search terms they would only pull in offerings that mention "online" or
 * "free" in passing ("Free Cash Flow Analysis" for "a free course").
 */
export const formatWords = new Set(
  `online nett nettet nettbasert nettbaserte nettstudium nettstudier nettkurs fjernundervisning digital digitalt deltid heltid deltidsstudium gratis kostnadsfri kostnadsfritt free part-time part time self-paced paced self pace tempo eget eige campus distance remote samlingsbasert kveld kveldstid evening evenings weekend helg`.split(
    /\s+/,
  ),
);

/**
 * Words that name a kind of offering rather than a subject ("videreutdanning", "master", "årsstudium",
 * "folkehøgskole"). The understanding step turns them into level wishes or constraints, which rank by
 * level; as search terms they would pull in any further-education offering regardless of its subject.
 */
export const offeringKindWords = new Set(
  `videreutdanning vidareutdanning etterutdanning master masters mastergrad masterstudium masterstudiet masterprogram masterprogramme bachelor bachelors bachelorgrad bachelorstudium bachelorprogram årsstudium årsstudiet årseining årsenhet folkehøgskole folkehøgskule folkehøyskole degree degrees undergraduate postgraduate graduate diploma`.split(
    /\s+/,
  ),
);
