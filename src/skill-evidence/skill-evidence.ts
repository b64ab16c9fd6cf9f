import type { CatalogueOffering } from '../catalogue/offering.js';
import { analyse, stem, tokenize } from '../retrieval/text-analysis.js';
import {
  conceptsOfSkill,
  findPhrase,
  leadershipPhrases,
  titleShare,
  wordsOf,
  type CloseConcept,
  type Phrase,
} from './close-concepts.js';

/**
 * Whether an offering teaches a skill, as weighed evidence rather than a search score. A search finds
 * offerings that share words with a skill; a reader accepts one only when the offering says it teaches the
 * skill, in the places an offering says what it is about. The evidence, strongest first:
 *
 * - coded: the offering is linked to the skill's concept (offering_concept) or lists the skill by name;
 * - title: the skill's own content words close together (all, but the opening verb of a longer label), or
 *   a close concept's teaching phrase ("HMS" for "follow health and safety procedures"); a subject: all the
 *   skill's own words;
 * - description: one sentence holding all the skill's own words close together and saying it teaches
 *   ("you will learn", "gir deg kunnskap"), in an offering whose title names one of them and the role's
 *   field. A close concept never counts in a description: descriptions name fields in passing
 *   ("samarbeid med HMS-avdelingen").
 *
 * The skill's own words, and close concepts that are not the same in every line of work, count only in an
 * offering about the role's field (SkillContext). A full-time degree loses weight (it teaches a field, not
 * a skill), and a folk-high-school year never counts.
 *
 * Broad concepts (leading people, customer service) count only when the title is mostly about them, so
 * "Personalledelse" teaches "supervise staff" and "Musikk, menighet og ledelse" does not.
 * Scores are on one scale; `teachingThreshold` was calibrated on the judged team plans
 * (evals/team-plan-judged.json, `npm run eval:team-plan`).
 */

export type EvidenceBasis = 'coded' | 'title' | 'subject' | 'description' | 'concept_title';
export type TeachingEvidence = { score: number; basis: EvidenceBasis; phrase: string; where: string };
type SkillToTeach = { label: string; altLabels?: string[] };
type OfferingText = Pick<CatalogueOffering, 'title' | 'description' | 'subjects' | 'skills' | 'level' | 'schedule'>;

const teachingThreshold = 0.6;

const genericSkillWords = new Set(
  [
    'use',
    'apply',
    'follow',
    'perform',
    'carry',
    'out',
    'ensure',
    'undertake',
    'conduct',
    'keep',
    'make',
    'work',
    'deal',
    'handle',
    'comply',
    'adhere',
    'maintain',
  ].flatMap((word) => analyse(word)),
);

/** Words in a sentence that say the offering teaches what the sentence names. */
const teachingCues = new Set(
  [
    'learn',
    'learning',
    'teach',
    'teaches',
    'skills',
    'introduction',
    'introduces',
    'covers',
    'understand',
    'understanding',
    'knowledge',
    'how',
    'practice',
    'practical',
    'training',
    'lærer',
    'lære',
    'læring',
    'kunnskap',
    'kunnskaper',
    'ferdigheter',
    'kompetanse',
    'innføring',
    'forståelse',
    'opplæring',
    'praktisk',
    'emnet',
    'kurset',
    'studiet',
    'undervisning',
  ].map(stem),
);

/** Skills about leading, managing or planning work, which a leadership course may teach. */
const leadingVerbs = new Set(
  [
    'manage',
    'management',
    'supervise',
    'lead',
    'leadership',
    'plan',
    'planning',
    'coordinate',
    'evaluate',
    'organise',
    'organize',
    'direct',
    'oversee',
    'delegate',
    'motivate',
    'coach',
    'recruit',
    'employees',
    'staff',
    'personnel',
  ].map((word) => stem(word)),
);

function leadsOrPlans(label: string): boolean {
  return tokenize(label).some((token) => leadingVerbs.has(stem(token)));
}

/** Extra words allowed between the skill's words (e.g. "safety in construction" for "construction safety"). */
const windowSlack = 3;
/** What a full-time degree loses: 0.9 (its title) stays above the threshold, 0.75 and 0.7 fall below. */
const degreePenalty = 0.2;

function fullTimeDegree(offering: OfferingText): boolean {
  return (
    (offering.level === 'bachelor' || offering.level === 'master' || offering.level === 'phd') &&
    offering.schedule !== 'part_time'
  );
}

/** Tighter in a description, whose sentences run long. */
const descriptionSlack = 2;
/** How much of a title a broad concept must fill to count, and any other close concept ("Science & Cooking: From Haute Cuisine to Soft Matter Science" is not about cooking). */
const broadTitleShare = 0.5;
const conceptTitleShare = 0.3;

export function skillContentTerms(label: string): string[] {
  const terms = [...new Set(analyse(label))];
  const specific = terms.filter((term) => !genericSkillWords.has(term));
  return specific.length ? specific : terms;
}

/**
 * The role the skill is wanted for, as the words of its field (occupation-fields.ts). A skill's own words
 * are common words ("monitor stock level", "use measurement instruments"); they count as evidence only in an
 * offering that is also about the role's field, so a finance course on stock prices does not teach a shop's
 * stock keeping. Close concepts need no field: "HMS" means the same in every trade.
 */
type SkillContext = { field: Phrase[] };

export type EvidenceRequest = { skill: SkillToTeach; offering: OfferingText; coded?: boolean; context?: SkillContext };

/** The strongest evidence that the offering teaches the skill, or null when there is none at all. */
export function weighTeachingEvidence(options: EvidenceRequest): TeachingEvidence | null {
  const { skill, offering } = options;
  if (options.coded) return { score: 1, basis: 'coded', phrase: skill.label, where: 'linked' };
  // A folk-high-school year is not how a workplace learns a skill.
  if (offering.level === 'folk_high_school') return null;
  const found: TeachingEvidence[] = [];
  const listed = offering.skills.find((name) => name.trim().toLowerCase() === skill.label.trim().toLowerCase());
  if (listed) found.push({ score: 1, basis: 'coded', phrase: skill.label, where: listed });
  // A course in leading something ("HMS-ledelse") teaches those who lead it, not the hands-on skill.
  if (!leadsOrPlans(skill.label) && leadershipPhrases.some((phrase) => findPhrase(phrase, wordsOf(offering.title))))
    return null;
  const inField =
    !options.context?.field.length ||
    options.context.field.some((phrase) => findPhrase(phrase, wordsOf(`${offering.title}. ${offering.description}`)));
  if (inField) {
    const field = options.context?.field ?? [];
    const titleInField = !field.length || field.some((phrase) => findPhrase(phrase, wordsOf(offering.title)));
    [skill.label, ...(skill.altLabels ?? [])].forEach((phrasing, index) => {
      const evidence = ownWordsEvidence({ phrasing, offering, strict: index > 0, titleInField });
      if (evidence) found.push(evidence);
    });
  }
  for (const concept of conceptsOfSkill({ label: skill.label, contentTerms: skillContentTerms(skill.label) })) {
    if (!concept.anyField && !inField) continue;
    const evidence = conceptEvidence({ concept, offering });
    if (evidence) found.push(evidence);
  }
  const best = found.sort((left, right) => right.score - left.score)[0];
  if (!best) return null;
  // A full-time degree teaches a field, not one skill: only its title naming the skill itself keeps it above the threshold.
  return fullTimeDegree(offering) && best.basis !== 'coded' ? { ...best, score: best.score - degreePenalty } : best;
}

/** Evidence at or above the threshold: the offering may be shown as teaching the skill. */
export function teachingEvidence(options: EvidenceRequest): TeachingEvidence | null {
  const evidence = weighTeachingEvidence(options);
  return evidence && evidence.score >= teachingThreshold ? evidence : null;
}

/**
 * The skill's own words: in the title, all of them (but the opening verb from three words on); in a
 * subject, all of them; in the description, all of them (two at least) close together in one sentence that
 * says it teaches — a description names many things it does not teach.
 */
function ownWordsEvidence(options: {
  phrasing: string;
  offering: OfferingText;
  strict: boolean;
  titleInField: boolean;
}): TeachingEvidence | null {
  const wanted = skillContentTerms(options.phrasing);
  // ESCO's alternative labels are looser than the preferred one: two words at least.
  if (!wanted.length || (options.strict && wanted.length < 2)) return null;
  const { offering } = options;
  // ESCO labels open with a verb ("install electrical wiring"), which titles leave out ("Electrical wiring
  // for apprentices"): from three words on, the title needs all but the first.
  const inTitle = wanted.length >= 3 && !options.strict ? wanted.slice(1) : wanted;
  if (closeWindow({ terms: analyse(offering.title), wanted: inTitle, needed: inTitle.length, slack: windowSlack }))
    return { score: 0.9, basis: 'title', phrase: options.phrasing, where: offering.title };
  for (const subject of offering.subjects) {
    if (closeWindow({ terms: analyse(subject), wanted, needed: wanted.length, slack: windowSlack }))
      return { score: 0.7, basis: 'subject', phrase: options.phrasing, where: subject };
  }
  // The description counts only for an offering whose title is on the skill's subject (one of its words).
  const titleTerms = new Set(analyse(offering.title));
  // ESCO's alternative labels are too loose for a description; and a description's sentence counts only
  // when the title names the role's field (graded: "drive vehicles" in a vehicle-engineering course, "cooking
  // techniques" in a physics course, "customer needs" in a marketing course were all wrong).
  if (options.strict || !options.titleInField || wanted.length < 2 || !wanted.some((term) => titleTerms.has(term)))
    return null;
  for (const sentence of offering.description.split(/[.!?;:\n]+/)) {
    const terms = analyse(sentence);
    if (!closeWindow({ terms, wanted, needed: wanted.length, slack: descriptionSlack })) continue;
    // Tokens, not search terms: the search drops "learn" and "how" as words of asking.
    if (tokenize(sentence).some((token) => teachingCues.has(stem(token))))
      return { score: 0.7, basis: 'description', phrase: options.phrasing, where: sentence.trim() };
  }
  return null;
}

/** A close concept counts in the title only: subjects are often a catalogue's broad categories ("Health & Safety"). */
function conceptEvidence(options: { concept: CloseConcept; offering: OfferingText }): TeachingEvidence | null {
  const { concept, offering } = options;
  const words = wordsOf(offering.title);
  for (const phrase of concept.teaching) {
    const positions = findPhrase(phrase, words);
    if (!positions) continue;
    const share = titleShare({ words, positions });
    if (share < (concept.broad ? broadTitleShare : conceptTitleShare)) continue;
    return { score: 0.75, basis: 'concept_title', phrase: phrase.text, where: offering.title };
  }
  return null;
}

/** A span of at most needed + slack words holding `needed` distinct wanted terms. */
function closeWindow(options: { terms: string[]; wanted: string[]; needed: number; slack: number }): boolean {
  const wanted = new Set(options.wanted);
  const { terms, needed } = options;
  const width = needed + options.slack;
  for (let start = 0; start < terms.length; start += 1) {
    if (!wanted.has(terms[start]!)) continue;
    const found = new Set<string>();
    for (let index = start; index < Math.min(terms.length, start + width); index += 1) {
      if (wanted.has(terms[index]!)) found.add(terms[index]!);
      if (found.size >= needed) return true;
    }
  }
  return false;
}
