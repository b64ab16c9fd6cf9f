import type { Language, Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { Recommender, ScoredOffering } from '../retrieval/recommender.js';
import { editDistance } from '../retrieval/spelling-correction.js';
import { analyse, offeringKindWords } from '../retrieval/text-analysis.js';
import { topicalWords } from '../understanding/message-parts.js';
import { listText } from './present-offering.js';

/**
 * Whether a found offering is about what the learner wants, judged on what retrieval matched: one of the
 * learner's own subject words (or, when they only said who they are, a word of their role), or an occupation
 * group whose whole name they used, in any language the taxonomies give it. A neighbour in vector space that
 * matched none of their words is a guess, and guesses are not shown. The reasons kept are the learner's own
 * words and confidently matched names.
 */

export type Evidence = {
  /** The learner's subject words no offering in the catalogue uses: "I found nothing about X". */
  unknownWords: string[];
  /** The results with evidence, their reasons narrowed to what the learner said. */
  fitting(results: ScoredOffering[]): ScoredOffering[];
};

/**
 * What counts as evidence for this learner, worked out once per reply: a search taken again without one of the
 * requirements (relaxations) is judged by the same words, as the role and the wanted text stay.
 */
export function evidenceFor(options: { wantedText: string; profile: Profile; recommender: Recommender }): Evidence {
  const roleWords = new Set(topicalWords(options.profile.occupation?.text ?? '').map((word) => word.toLowerCase()));
  // A kind of offering ("bachelor", "videreutdanning") says nothing about the subject.
  const subjectWords = topicalWords(options.wantedText).filter(
    (word) => !roleWords.has(word) && !offeringKindWords.has(word),
  );
  const unknownWords = [...new Set(options.recommender.unknownWords?.(subjectWords) ?? [])];
  // Subject words no offering uses cannot be evidence; with none left, the nearest is what fits the role.
  const knownSubjects = subjectWords.filter((word) => !unknownWords.includes(word));
  const accepted = new Set(knownSubjects.length > 0 ? knownSubjects : [...roleWords]);
  const saidStems = new Set(analyse([options.wantedText, options.profile.occupation?.text ?? ''].join(' ')));
  // An occupation group named by the learner's accepted words in any language ("nurse" for "Sykepleiere").
  const acceptedStems = new Set(analyse([...accepted].join(' ')));
  // Reasons name a word as the learner wrote it where the case says something: an abbreviation ("HR", "SQL")
  // or a name written capitalised mid-sentence ("Norwegian", "Excel"), not as the index lowercased it.
  const asWritten = new Map<string, string>();
  for (const word of options.wantedText.match(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu) ?? [])
    asWritten.set(word.toLowerCase(), word);
  for (const word of options.wantedText.match(/(?<=[\p{L}\p{N},;]\s+)\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu) ?? [])
    asWritten.set(word.toLowerCase(), word);
  const fitting = (results: ScoredOffering[]): ScoredOffering[] =>
    results.flatMap((result) => {
      const terms = result.reasons.matchedTerms
        .filter((term) => [...accepted].some((word) => sameWord(word, term.toLowerCase())))
        .map((term) => asWritten.get(term.toLowerCase()) ?? term);
      const concepts = result.reasons.matchedConcepts.filter(
        (concept) =>
          analyse(concept.label.replace(/\(.*?\)/g, ' ')).every((stem) => saidStems.has(stem)) ||
          (concept.said?.split(' ').every((stem) => acceptedStems.has(stem)) ?? false),
      );
      return terms.length === 0 && concepts.length === 0
        ? []
        : [{ ...result, reasons: { ...result.reasons, matchedTerms: terms, matchedConcepts: concepts } }];
    });
  return { unknownWords, fitting };
}

/** The same word, or the catalogue's spelling of a word the learner misspelt (search corrects it with the same distance: at most two edits). */
function sameWord(said: string, matched: string): boolean {
  return said === matched || (said.length >= 5 && editDistance(said, matched, 2) <= 2);
}

/** One requirement taken away, to find out which of them shut every fitting offering out. */
export type Relaxation = { profile: Profile; describe(templates: ReplyTemplates, language: Language): string };

export function relaxations(profile: Profile): Relaxation[] {
  const without = (change: (copy: Profile) => void, describe: Relaxation['describe']): Relaxation => {
    const copy = structuredClone(profile);
    change(copy);
    return { profile: copy, describe };
  };
  const list = (items: string[], templates: ReplyTemplates, language: Language) => listText(items, language, templates);
  const found: Relaxation[] = [];
  if (profile.places.length > 0)
    found.push(
      without(
        (copy) => (copy.places = []),
        (templates, language) =>
          templates.text(language, 'constraint_place', { value: list(profile.places, templates, language) }),
      ),
    );
  if (profile.modes.length > 0)
    found.push(
      without(
        (copy) => (copy.modes = []),
        (templates, language) =>
          templates.text(language, 'constraint_mode', {
            value: list(
              profile.modes.map((mode) => templates.text(language, `mode_${mode}`)),
              templates,
              language,
            ),
          }),
      ),
    );
  if (profile.levels.length > 0)
    found.push(
      without(
        (copy) => (copy.levels = []),
        (templates, language) =>
          templates.text(language, 'constraint_level', {
            value: list(
              profile.levels.map((level) => templates.text(language, `level_${level}`)),
              templates,
              language,
            ),
          }),
      ),
    );
  if (profile.time?.partTime)
    found.push(
      without(
        (copy) => (copy.time = { ...copy.time, partTime: undefined }),
        (templates, language) => templates.text(language, 'constraint_part_time'),
      ),
    );
  if (profile.budget?.free || profile.budget?.maxNok !== undefined)
    found.push(
      without(
        (copy) => (copy.budget = undefined),
        (templates, language) => templates.text(language, 'constraint_price'),
      ),
    );
  if (profile.accreditedOnly)
    found.push(
      without(
        (copy) => (copy.accreditedOnly = undefined),
        (templates, language) => templates.text(language, 'constraint_accredited'),
      ),
    );
  if (profile.startWithinMonths !== undefined)
    found.push(
      without(
        (copy) => (copy.startWithinMonths = undefined),
        (templates, language) => templates.text(language, 'constraint_start'),
      ),
    );
  return found;
}
