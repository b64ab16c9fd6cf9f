import { resolvePlace } from '../catalogue/places.js';
import type { Level, Mode } from '../catalogue/offering.js';
import { formatWords, offeringKindWords, stopWords, tokenize } from '../retrieval/text-analysis.js';
import { dialogueCues } from './dialogue-cues.js';
import * as patterns from './message-patterns.js';

/**
 * The conversation moves in one message, read offline: what it turns down ("ikke teater", "not online",
 * "ikkje eit heilt år på folkehøgskule"), whether it corrects what was said before ("nei forresten",
 * "actually"), asks for more, says none of the suggestions fit — and what is left to search with once the
 * refusals, places, pace, price and filler are taken out. Vocabulary: data/understanding/dialogue-cues.json.
 */

export type MessageParts = {
  /** The message without what it turns down and without place names: the words a search may use. */
  searchText: string;
  /** True when something is left that names a subject, a role or a kind of offering, not only constraints or filler. */
  topical: boolean;
  /** Subjects turned down, in the learner's words ("teater", "musikk"). */
  refusals: string[];
  refusedModes: Mode[];
  refusedLevels: Level[];
  /** Places taken back ("nei glem Oslo", "not in Bergen"). */
  refusedPlaces: string[];
  /** "nei forresten", "actually", "heller": what this message says replaces what was said before. */
  correction: boolean;
  /** "nei, …", "actually no, …": the message takes back what the learner's previous message added, and says what instead. */
  retracts: boolean;
  /** "also", "også": added to what was said, never replacing it. */
  additive: boolean;
  /** The whole message asks for more suggestions of the same kind. */
  more: boolean;
  /** "Ingen av desse handlar om akvakultur": none of the list fits; `about` is what it should have been about. */
  noneFit: { about: string | null } | null;
};

type NoneFit = { about: string | null; rest: string };

/** Verbs around a negation that make it a statement of fact ("jeg har ikke fagbrev", "I don't have"), not a refusal. */
const factVerbs = new Set(
  'har have has had hadde er is am are was var kan can could kunne jobber jobbar work works worked bor bur live lives kjenner know knows vet veit rekker klarer greier manage'.split(
    ' ',
  ),
);

const levelPatterns: [RegExp, Level[]][] = [
  [patterns.folkHighSchoolPattern, ['folk_high_school']],
  [patterns.oneYearPattern, ['one_year']],
  [patterns.bachelorPattern, ['bachelor']],
  [patterns.masterPattern, ['master']],
  [patterns.shortCoursePattern, ['short_course']],
];

export function readMessageParts(message: string): MessageParts {
  const text = message.trim();
  // Fixed phrases ("vet ikke helt", "med en gang") are blanked first, so their "ikke" is no refusal.
  const lowered = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(dialogueCues.fillerPhrases, (phrase) => ' '.repeat(phrase.length));
  // An opening "nei," answers what was said before; it governs none of the words after it.
  const retraction = dialogueCues.retraction.exec(lowered);
  const lower = retraction ? ' '.repeat(retraction[0].length) + lowered.slice(retraction[0].length) : lowered;
  // "nei, Trondheim" takes the last message back; "nei, ikke teater" only turns something down.
  const retracts = retraction !== null && lower.trim() !== '' && !dialogueCues.negationFirst.test(lower);
  const noneFit = readNoneFit(lower);
  const negated = noneFit
    ? { spans: [], refusals: [], refusedModes: [], refusedLevels: [], refusedPlaces: [] }
    : readNegations(lower);
  let searchText = retraction ? ' '.repeat(retraction[0].length) + text.slice(retraction[0].length) : text;
  for (const span of negated.spans)
    searchText = searchText.slice(0, span.start) + ' '.repeat(span.end - span.start) + searchText.slice(span.end);
  searchText = withoutPlaces(searchText.replace(dialogueCues.correctionAll, ' ')).replace(/\s+/g, ' ').trim();
  if (noneFit?.about) searchText = withoutPlaces(noneFit.rest);
  const topical = topicalWords(searchText).length > 0;
  // "just the fundamentals" names no subject, but says how deep: those words search beside the subject.
  const modifiers = tokenize(searchText).filter(dialogueCues.isSearchModifier);
  return {
    searchText: topical ? searchText : modifiers.join(' '),
    topical,
    refusals: negated.refusals,
    refusedModes: negated.refusedModes,
    refusedLevels: negated.refusedLevels,
    refusedPlaces: negated.refusedPlaces,
    correction: retracts || dialogueCues.correction.test(lowered),
    retracts,
    additive: dialogueCues.additive.test(lower),
    more: !noneFit && asksForMore(lower),
    noneFit: noneFit ? { about: noneFit.about } : null,
  };
}

/**
 * A subject phrase as a learner typed it, without the place and the lead-in words around it: "meir om økonomi
 * i Bergen" → "økonomi". What "what do you know about me" shows, and what a refusal is compared with.
 */
export function subjectPhrase(text: string): string {
  const words = withoutPlaces(text)
    .replace(/\s+(?:i|in|på|at|near|nær)(?=\s*(?:[,.;:!?]|$|\s+(?:eller|or|og|and)\b))/giu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const droppable = (word: string) => {
    const bare = word.toLowerCase().replace(/[,.;:!?]+$/, '');
    return stopWords.has(bare) || dialogueCues.isFiller(bare) || dialogueCues.negationLeadIn(bare);
  };
  while (words.length > 0 && droppable(words[0]!)) words.shift();
  // A format said after the subject ("data analysis online") is a constraint, not part of the subject.
  while (
    words.length > 0 &&
    (droppable(words.at(-1)!) ||
      formatWords.has(
        words
          .at(-1)!
          .toLowerCase()
          .replace(/[,.;:!?]+$/, ''),
      ))
  )
    words.pop();
  return words.join(' ').replace(/[\s,.;:!?]+$/u, '');
}

/** Words that say what, not how: no stop word, filler, pace, price, place or format word, no number. */
export function topicalWords(text: string): string[] {
  const withoutPhrases = text.toLowerCase().replace(dialogueCues.fillerPhrases, ' ');
  // Two letters are a subject only as an abbreviation written as one ("HR", "IT", "AI").
  const abbreviations = new Set(
    (text.match(/(?<![\p{L}\p{N}])\p{Lu}{2}(?![\p{L}\p{N}])/gu) ?? []).map((word) => word.toLowerCase()),
  );
  return tokenize(withoutPhrases).filter(
    (word) =>
      (word.length >= 3 || abbreviations.has(word)) &&
      !/^\d/.test(word) &&
      !stopWords.has(word) &&
      !formatWords.has(word) &&
      !dialogueCues.isFiller(word) &&
      !dialogueCues.isConstraintWord(word) &&
      (offeringKindWords.has(word) || !resolvePlace(word)),
  );
}

function asksForMore(lower: string): boolean {
  return dialogueCues.more.test(lower) && topicalWords(lower.replace(dialogueCues.moreAll, ' ')).length === 0;
}

function readNoneFit(lower: string): NoneFit | null {
  const match = dialogueCues.noneFit.exec(lower);
  if (!match) return null;
  const rest = lower.slice(match.index + match[0].length);
  const about = dialogueCues.aboutAfterNoneFit.exec(rest);
  const after = about ? rest.slice(about.index + about[0].length) : '';
  const subject = clauseFrom(after);
  return topicalWords(subject).length > 0 ? { about: subject, rest: after } : { about: null, rest: '' };
}

type Span = { start: number; end: number };

/**
 * Each negation and the words it governs, up to the end of its clause. A negation after a wish ("vil ikke",
 * "helst ikke") or on its own turns the words down; one beside a fact verb ("har ikke", "don't have") only
 * keeps them out of the search.
 */
const placePreposition = /^(?:i|in|på|at|near|nær|rundt|around)\s+/u;

function readNegations(lower: string): {
  spans: Span[];
  refusals: string[];
  refusedModes: Mode[];
  refusedLevels: Level[];
  refusedPlaces: string[];
} {
  const spans: Span[] = [];
  const refusals: string[] = [];
  const refusedPlaces: string[] = [];
  const refusedModes = new Set<Mode>();
  const refusedLevels = new Set<Level>();
  for (const match of lower.matchAll(dialogueCues.negation)) {
    const start = match.index;
    const afterCue = start + match[0].length;
    const governed = clauseFrom(lower.slice(afterCue));
    if (!governed) continue;
    spans.push({ start, end: afterCue + lower.slice(afterCue).indexOf(governed) + governed.length });
    const before = lower.slice(0, start).trim().split(/\s+/).at(-1) ?? '';
    const after = governed.split(/\s+/)[0] ?? '';
    if (factVerbs.has(before) || factVerbs.has(after)) continue;
    if (patterns.onlinePattern.test(governed)) refusedModes.add('online');
    else if (patterns.campusPattern.test(governed)) refusedModes.add('campus');
    for (const [pattern, levels] of levelPatterns)
      if (pattern.test(governed)) for (const level of levels) refusedLevels.add(level);
    for (const part of governed.split(
      /\s*(?:,|\beller\b|\bor\b|\bog\b|\band\b|\bnor\b|\bheller ikke\b|\bheller ikkje\b)\s*/u,
    )) {
      const words = part.split(/\s+/).filter(Boolean);
      while (words.length > 0 && dialogueCues.negationLeadIn(words[0]!)) words.shift();
      const phrase = words.join(' ').replace(dialogueCues.fillerPhrases, ' ').replace(/\s+/g, ' ').trim();
      // "ikke i Bergen", "not in Oslo": the preposition belongs to the refusal, the place is what follows.
      const place = resolvePlace(phrase) ?? resolvePlace(phrase.replace(placePreposition, ''));
      if (place) refusedPlaces.push(place.name);
      const topical = topicalWords(phrase).filter((word) => !offeringKindWords.has(word));
      if (topical.length === 0 || place) continue;
      refusals.push(topical.join(' '));
    }
  }
  return {
    spans,
    refusals: [...new Set(refusals)],
    refusedModes: [...refusedModes],
    refusedLevels: [...refusedLevels],
    refusedPlaces: [...new Set(refusedPlaces)],
  };
}

/** The words from here to the end of the clause: punctuation, or a word that starts a new thought ("men", "but", "helst"). */
function clauseFrom(text: string): string {
  const stop = text.search(/[.;:!?\n–—]|\s-\s/u);
  let clause = stop === -1 ? text : text.slice(0, stop);
  const words = clause.trim().split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const [index, word] of words.entries()) {
    const bare = word.replace(/,$/, '');
    if (index > 0 && dialogueCues.clauseEnd.test(bare) && !/^(eller|or|og|and)$/.test(bare)) break;
    kept.push(word);
    if (word.endsWith(',') && !/^(eller|or|og|and)$/.test(words[index + 1] ?? '')) break;
    if (kept.length >= 8) break;
  }
  clause = kept.join(' ').replace(/,$/, '');
  return clause.trim();
}

/** Place names out, and where-the-learner-lives words ("bor på Gardermoen-kanten") with them: they narrow, they are no subject. */
function withoutPlaces(text: string): string {
  const withoutHome = text.replace(
    /\b(?:bor|bur|live|lives|living|from|fra|frå|moved to|came to|flytta til|flyttet til|kom til)\s+(?:(?:på|i|in|at|near|nær)\s+)?(?:\p{Lu}[\p{L}-]*[\s,]*){1,3}/gu,
    ' ',
  );
  return withoutHome.replace(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}]*(?:-[\p{L}]+)?(?![\p{L}\p{N}])/gu, (word) => {
    const head = word.split('-')[0]!;
    return resolvePlace(word) || resolvePlace(head) ? ' ' : word;
  });
}
