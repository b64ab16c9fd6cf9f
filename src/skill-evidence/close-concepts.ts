import { z } from 'zod';
import conceptsFile from '../../data/skills/close-concepts.json' with { type: 'json' };
import { analyse, normaliseText, offeringKindWords, stem, tokenize } from '../retrieval/text-analysis.js';

/**
 * Close concepts (data/skills/close-concepts.json): the bridge from ESCO's English skill labels to the words a
 * Norwegian or English offering uses for the same thing ("follow health and safety procedures" → "HMS",
 * "supervise staff" → "personalledelse"). ESCO has no Norwegian labels in our data, and Norwegian titles name
 * a field in one compound ("prosjektledelse"), so without this bridge every Norwegian course is invisible to
 * an English skill. Parsed at load, so a broken file fails at start.
 */

const phrases = z.array(z.string().min(1));
const fileSchema = z.object({
  description: z.string(),
  concepts: z
    .array(
      z.object({
        name: z.string().min(1),
        anyField: z.boolean().optional(),
        broad: z.boolean().optional(),
        skill: phrases.min(1),
        teaching: phrases.min(1),
      }),
    )
    .min(1),
});

/** One word of a phrase: stemmed for whole-word matching, or a compound part (`sveis*`, `*ledelse`). */
type PhraseWord = { kind: 'word'; stem: string } | { kind: 'prefix' | 'suffix'; part: string };
export type Phrase = { text: string; words: PhraseWord[] };
/** anyField: means the same in every line of work (HMS, first aid); otherwise it counts only in an offering about the role's field. */
export type CloseConcept = { name: string; anyField: boolean; broad: boolean; skill: Phrase[]; teaching: Phrase[] };

/** A compound part shorter than this would match inside unrelated words ("kran" in "krans" is allowed; "el" is not). */
const minimumPartLength = 3;

export function parsePhrase(text: string): Phrase {
  const words: PhraseWord[] = [];
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    if (/^\*[\p{L}-]+$/u.test(raw) || /^[\p{L}-]+\*$/u.test(raw)) {
      const part = normaliseText(raw.replace(/\*/g, ''));
      if (part.length >= minimumPartLength) words.push({ kind: raw.startsWith('*') ? 'suffix' : 'prefix', part });
      continue;
    }
    for (const term of analyse(raw)) words.push({ kind: 'word', stem: term });
  }
  return { text, words };
}

const parsed = fileSchema.parse(conceptsFile);
export const closeConcepts: CloseConcept[] = parsed.concepts.map((concept) => ({
  name: concept.name,
  anyField: concept.anyField ?? false,
  broad: concept.broad ?? false,
  skill: concept.skill.map(parsePhrase),
  teaching: concept.teaching.map(parsePhrase),
}));

/** The teaching phrases of leading people and of project management: what makes a title about leading. */
export const leadershipPhrases: Phrase[] = closeConcepts
  .filter((concept) => concept.name === 'leading people' || concept.name === 'project management')
  .flatMap((concept) => concept.teaching);

/** A text as the words phrases are matched against: each token raw (for compound parts) and stemmed. */
export type Words = { raw: string[]; stems: string[] };

export function wordsOf(text: string): Words {
  const raw = tokenize(text);
  return { raw, stems: raw.map((token) => stem(token)) };
}

function wordMatches(word: PhraseWord, words: Words, index: number): boolean {
  if (word.kind === 'word') return words.stems[index] === word.stem;
  const token = words.raw[index]!;
  return word.kind === 'prefix' ? token.startsWith(word.part) : token.endsWith(word.part);
}

/** Extra words allowed between a phrase's words ("helse, miljø og sikkerhet" for "helse miljø sikkerhet"). */
const phraseSlack = 2;

/**
 * Where a phrase's words occur in order within a short span: the positions covered, or null. In order, since
 * "management for projects" (risk management) is not "project management".
 */
export function findPhrase(phrase: Phrase, words: Words): number[] | null {
  if (!phrase.words.length) return null;
  const width = phrase.words.length + phraseSlack;
  for (let start = 0; start < words.raw.length; start += 1) {
    if (!wordMatches(phrase.words[0]!, words, start)) continue;
    const positions = [start];
    for (
      let index = start + 1;
      index < Math.min(words.raw.length, start + width) && positions.length < phrase.words.length;
      index += 1
    ) {
      if (wordMatches(phrase.words[positions.length]!, words, index)) positions.push(index);
    }
    if (positions.length === phrase.words.length) return positions;
  }
  return null;
}

/**
 * The concepts a skill is mainly about: the concept's skill phrases found in the label cover at least two
 * thirds of the label's content words — "follow health and safety procedures in construction" is about
 * health and safety, but "comply with legislation related to health care" is not about nursing.
 */
export function conceptsOfSkill(options: { label: string; contentTerms: string[] }): CloseConcept[] {
  const words = wordsOf(options.label);
  const content = new Set(options.contentTerms);
  return closeConcepts.filter((concept) => coveredShare({ concept, words, content }) * 3 >= 2);
}

/** Words a title uses for its kind or level, not its subject: left out when judging what a title is about. */
const titleKindWords = new Set(
  [
    ...offeringKindWords,
    'nettbasert',
    'samlingsbasert',
    'grunnleggende',
    'innføring',
    'introduction',
    'fundamentals',
    'basics',
    'kurs',
    'course',
    'program',
    'programme',
    'studium',
    'bachelorprogram',
    'masterprogram',
    'deltid',
    'heltid',
    'nett',
    'online',
    'ingeniør',
    'ingeniørfag',
  ].flatMap((word) => analyse(word)),
);
/**
 * Function words only — not the search's stop words, which hold English words that are Norwegian subjects
 * ("IT" in "IT og ledelse" is a field, not the pronoun).
 */
const functionWords = new Set([
  'og',
  'i',
  'for',
  'av',
  'på',
  'med',
  'til',
  'om',
  'en',
  'et',
  'ei',
  'and',
  'of',
  'in',
  'the',
  'a',
  'an',
  'for',
  'to',
  'with',
  'on',
]);

/** The share of a title's subject words (not its kind or level, not function words) that the phrase covers. */
export function titleShare(options: { words: Words; positions: number[] }): number {
  const subjectPositions = options.words.stems
    .map((term, index) => ({ term, index }))
    .filter(
      ({ term, index }) =>
        !functionWords.has(options.words.raw[index]!) && term.length > 1 && !titleKindWords.has(term),
    );
  if (!subjectPositions.length) return 1;
  const covered = subjectPositions.filter(({ index }) => options.positions.includes(index)).length;
  return covered / subjectPositions.length;
}

/** The share of the label's content words that the concept's skill phrases found in it cover together. */
function coveredShare(options: { concept: CloseConcept; words: Words; content: Set<string> }): number {
  const covered = new Set<string>();
  for (const phrase of options.concept.skill) {
    for (const index of findPhrase(phrase, options.words) ?? [])
      if (options.content.has(options.words.stems[index]!)) covered.add(options.words.stems[index]!);
  }
  return options.content.size ? covered.size / options.content.size : 0;
}
