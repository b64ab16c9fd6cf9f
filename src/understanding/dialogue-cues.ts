import { z } from 'zod';
import cuesFile from '../../data/understanding/dialogue-cues.json' with { type: 'json' };
import { escapeRegExp, wordPattern } from '../catalogue/word-pattern.js';

/**
 * The vocabulary of conversation moves (data/understanding/dialogue-cues.json): how people refuse, correct,
 * ask for more, say "none of these" and fill a chat. Kept as data so a phrase is added in one place, in all
 * three languages, and parsed at load so a broken file fails at start, not in a learner's turn.
 */

const phrases = z.array(z.string().min(1)).min(1);
const cuesSchema = z.object({
  description: z.string(),
  negation: phrases,
  negationLeadIns: phrases,
  clauseEnds: phrases,
  correction: phrases,
  retraction: phrases,
  additive: phrases,
  more: phrases,
  noneFit: phrases,
  aboutAfterNoneFit: phrases,
  filler: phrases,
  constraintWords: phrases,
  searchModifiers: phrases,
  fillerKeptInSearch: phrases,
  jobLearning: phrases,
});

const cues = cuesSchema.parse(cuesFile);

/** One phrase as a pattern: words separated by any space, a trailing * for any ending. */
const phrasePattern = (phrase: string) =>
  phrase
    .split(/\s+/)
    .map((word) => (word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}[\\p{L}\\p{N}-]*` : escapeRegExp(word)))
    .join('\\s+');

/** Any of the phrases as a whole word, longest first (so "nei forresten" wins over "nei"). */
function phrasesPattern(list: string[], flags = 'u'): RegExp {
  return wordPattern([...list].sort((left, right) => right.length - left.length).map(phrasePattern), flags);
}

/** A word that matches one of the single-word entries (with * endings). */
function wordSet(list: string[]): (word: string) => boolean {
  const exact = new Set(list.filter((entry) => !entry.includes(' ') && !entry.endsWith('*')));
  const prefixes = list
    .filter((entry) => !entry.includes(' ') && entry.endsWith('*'))
    .map((entry) => entry.slice(0, -1));
  return (word) => exact.has(word) || prefixes.some((prefix) => word.startsWith(prefix));
}

const fillerWord = wordSet(cues.filler);
const keptInSearch = new Set(cues.fillerKeptInSearch);

export const dialogueCues = {
  negation: phrasesPattern(cues.negation, 'gu'),
  /** A negation opening the text ("ikke teater"): after "nei," it makes the message a refusal, not a retraction. */
  negationFirst: new RegExp(`^\\s*${phrasesPattern(cues.negation).source}`, 'u'),
  negationLeadIn: wordSet(cues.negationLeadIns),
  clauseEnd: phrasesPattern(cues.clauseEnds),
  correction: phrasesPattern(cues.correction),
  correctionAll: phrasesPattern(cues.correction, 'giu'),
  /** A retraction only where it opens the message and a comma, stop or dash closes it ("nei, …", "actually no. …"). */
  retraction: new RegExp(
    `^\\s*(?:${[...cues.retraction]
      .sort((left, right) => right.length - left.length)
      .map(phrasePattern)
      .join('|')})\\s*[,.;:!–—-]+`,
    'iu',
  ),
  additive: phrasesPattern(cues.additive),
  more: phrasesPattern(cues.more),
  moreAll: phrasesPattern(cues.more, 'gu'),
  noneFit: phrasesPattern(cues.noneFit),
  aboutAfterNoneFit: phrasesPattern(cues.aboutAfterNoneFit),
  fillerPhrases: phrasesPattern(
    cues.filler.filter((entry) => entry.includes(' ')),
    'gu',
  ),
  isFiller: fillerWord,
  /** Filler that says nothing a search could use ("interessert", "elsker", "tips"), unlike "year" or "new". */
  isSearchNoise: (word: string) => fillerWord(word) && !keptInSearch.has(word),
  isConstraintWord: wordSet(cues.constraintWords),
  isSearchModifier: wordSet(cues.searchModifiers),
  /** "Hva bør jeg lære i jobben min?": what to learn for the job the learner has (skill-evidence/job-learning-extension.ts). */
  jobLearning: phrasesPattern(cues.jobLearning),
};
