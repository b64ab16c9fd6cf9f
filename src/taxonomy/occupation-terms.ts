/** Word-level helpers for matching occupation names: tokens with offsets, and noun inflections. */

export type Token = { text: string; start: number; end: number };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ text: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * The forms a noun takes in running text. Norwegian (bokmål, most of nynorsk): indefinite/definite,
 * singular/plural and genitive, from either the singular (NAV titles: "Sykepleier") or the plural
 * (STYRK names: "Sykepleiere", "Kokker", "Leger"). English: plural and genitive.
 */
export function inflectedForms(options: { word: string; language: 'nb' | 'en'; plural?: boolean }): Set<string> {
  const word = options.word.toLowerCase();
  const forms = new Set([word]);
  if (options.language === 'en') {
    for (const suffix of /(s|x|z|ch|sh)$/.test(word) ? ['es', "'s"] : ['s', "'s"]) forms.add(word + suffix);
    if (/[^aeiou]y$/.test(word)) forms.add(`${word.slice(0, -1)}ies`);
    return forms;
  }
  const singulars = new Set([word]);
  // Only a word known to be plural is cut back: "sykepleier" must not become "sykepleie" (nursing).
  if (options.plural && word.endsWith('ere'))
    singulars.add(word.slice(0, -1)); // sykepleiere → sykepleier
  else if (options.plural && word.endsWith('er') && word.length > 4) {
    singulars.add(word.slice(0, -2)); // kokker → kokk
    singulars.add(word.slice(0, -1)); // leger → lege
  }
  for (const singular of singulars) {
    if (singular.length < 3) continue;
    const endings = singular.endsWith('er')
      ? ['e', 'en', 'ne', 'es', 's', 'ens', 'a', 'ane'] // agent nouns: lærer, læreren, lærere, lærerne
      : singular.endsWith('e')
        ? ['n', 'r', 'ne', 'ns', 's', 'rs']
        : ['en', 'er', 'ene', 'e', 's', 'ens', 'et', 'ar', 'ane'];
    forms.add(singular);
    for (const ending of endings) forms.add(singular + ending);
  }
  return forms;
}
