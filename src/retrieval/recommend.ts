import { escapeRegExp } from '../catalogue/word-pattern.js';
import { isVeilederError } from '../errors.js';
import type { Profile } from '../profile/profile.js';
import { conceptTerm, type ConceptMatch } from './concept-matcher.js';
import type { Embedder } from './embedder.js';
import { reciprocalRankFusion } from './fusion.js';
import { lexicalTerms, termFrequencies } from './lexical-terms.js';
import type { OfferingFacts } from './offering-facts.js';
import type { OfferingIndex, VectorHit } from './offering-index.js';
import { expandQuery } from './pseudo-relevance-feedback.js';
import { profileFit, wishedPlaces } from './profile-fit.js';
import { noRatings, type OfferingRating, type RatingSource } from './rating-source.js';
import type { RecommendRequest, Recommender, ScoredOffering } from './recommender.js';
import type { RetrievalCatalogue } from './retrieval-catalogue.js';
import { correctText, isTransposition } from './spelling-correction.js';
import {
  checkConstraints,
  constraintsFromProfile,
  type ConstraintCheck,
  type SearchConstraints,
} from './search-constraints.js';
import { formatWords, offeringKindWords, stem, tokenize } from './text-analysis.js';

/**
 * The one way Veileder finds offerings: lexical (BM25 + occupation groups) and vector candidates, both
 * searched under the hard constraints, fused by reciprocal rank, lifted by soft profile fit, then picked
 * greedily with a penalty for a provider already shown (so ten rows are not one college's campuses).
 */

export type RankingTuning = {
  candidates: number;
  /**
   * Nearest neighbours the vector channel asks for. Fewer than the lexical channel's: at its fused weight a
   * vector hit ranked below ~50 adds almost nothing, while under a filter few offerings pass, the index walks
   * until it has found this many that do (at 100k offerings and a 1 % pass, 300 took ~170 ms).
   */
  vectorCandidates: number;
  lexicalWeight: number;
  vectorWeight: number;
  fusionK: number;
  /** Weight of words that only describe the learner's current job (they say who, not what to learn). */
  currentRoleWeight: number;
  conceptWeight: number;
  /** Weight of words naming a kind of offering ("videreutdanning", "master"): the level wish carries them. */
  kindWordWeight: number;
  /** RM3 feedback over the lexical channel: top documents read, terms added, their weight against the query mean (0: off). */
  feedbackDocuments: number;
  feedbackTerms: number;
  feedbackWeight: number;
  /** Each earlier pick from the same provider multiplies the score by this. */
  providerRepeatFactor: number;
  /** 1: words no offering uses are corrected to the catalogue's closest word (spelling-correction.ts); 0: off. */
  spellingCorrection: number;
};

export const defaultTuning: RankingTuning = {
  candidates: 300,
  vectorCandidates: 100,
  lexicalWeight: 1,
  vectorWeight: 0.25,
  fusionK: 10,
  currentRoleWeight: 0.3,
  conceptWeight: 1,
  kindWordWeight: 0.3,
  providerRepeatFactor: 0.85,
  feedbackDocuments: 10,
  feedbackTerms: 10,
  feedbackWeight: 0.5,
  spellingCorrection: 1,
};

export type RecommenderDependencies = {
  catalogue: RetrievalCatalogue;
  embedder: Embedder;
  vectors: OfferingIndex;
  ratings?: RatingSource;
  now?: () => Date;
  tuning?: Partial<RankingTuning>;
  /**
   * A remote embedder that does not answer (model_unavailable) leaves the lexical channel to answer alone
   * rather than failing the learner's question; this hears why.
   */
  onVectorSearchFailure?: (error: unknown) => void;
};

export type RecommendWithFiltersRequest = RecommendRequest & {
  /** Constraints given outside the profile (e.g. query parameters of GET /api/search); they add to the profile's. */
  filters?: SearchConstraints;
};

export function createRecommender(dependencies: RecommenderDependencies): Recommender & {
  recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]>;
  unknownWords(words: string[]): string[];
} {
  const tuning = { ...defaultTuning, ...dependencies.tuning };
  const ratings = dependencies.ratings ?? noRatings;
  const readsRatings = dependencies.ratings !== undefined;
  const now = dependencies.now ?? (() => new Date());

  return {
    unknownWords(words) {
      const { catalogue } = dependencies;
      return words.filter((word) => {
        const lower = word.toLowerCase();
        // Used as written by some offering; a compound of known parts is no evidence the subject is taught.
        if (catalogue.knowsWord(lower) || catalogue.lexical.inverseDocumentFrequency(stem(lower)) > 0) return false;
        return !(tuning.spellingCorrection && catalogue.spelling.correct(lower));
      });
    },
    async recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> {
      const { catalogue } = dependencies;
      const limit = request.limit ?? 10;
      const profile = request.profile;
      const text = request.message.trim() || [...profile.topics, ...profile.goals].join('. ');
      if (!text) return [];
      const constraints = { ...constraintsFromProfile(profile), ...request.filters };
      const excluded = new Set(request.excludeOfferingIds ?? []);
      /** The checks of the offerings that passed: the constraints each one met are among its reasons. */
      const checks = new Map<string, ConstraintCheck>();
      const today = now();
      const weigh = (id: string, offering: OfferingFacts) => {
        const check = checkConstraints({ offering, constraints, now: today });
        if (check.meets) checks.set(id, check);
        return check.meets;
      };
      // Every candidate of every channel passes through here (hundreds to thousands per search): its verdict is
      // remembered in an array by catalogue slot, so a candidate weighed before costs one lookup of its slot.
      const verdicts = new Uint8Array(catalogue.slotCount); // 0: not weighed yet, 1: passes, 2: does not
      const layout = catalogue.slotLayout;
      for (const id of excluded) {
        const slot = catalogue.slotOf(id);
        if (slot !== undefined) verdicts[slot] = 2;
      }
      const accept = (id: string) => {
        const slot = catalogue.slotOf(id);
        if (slot === undefined) return false;
        // An import while this search waited (for the embedder, the ratings) may have renumbered the slots.
        if (slot >= verdicts.length || catalogue.slotLayout !== layout)
          return !excluded.has(id) && weigh(id, catalogue.factsAt(slot)!);
        const verdict = verdicts[slot];
        if (verdict !== 0) return verdict === 1;
        const meets = weigh(id, catalogue.factsAt(slot)!);
        verdicts[slot] = meets ? 1 : 2;
        return meets;
      };

      const query = buildQuery({ text, profile, catalogue, tuning });
      const firstHits = catalogue.lexical.search({ terms: query.terms, limit: tuning.candidates, accept });
      const feedbackTerms =
        tuning.feedbackWeight > 0
          ? expandQuery({
              terms: query.terms,
              hits: firstHits,
              termsOf: (id) => catalogue.termsOf(id),
              index: catalogue.lexical,
              settings: {
                documents: tuning.feedbackDocuments,
                terms: tuning.feedbackTerms,
                weight: tuning.feedbackWeight,
              },
            })
          : query.terms;
      const lexicalHits =
        feedbackTerms === query.terms
          ? firstHits
          : catalogue.lexical.search({ terms: feedbackTerms, limit: tuning.candidates, accept });
      let vectorHits: VectorHit[] = [];
      try {
        const vector = await dependencies.embedder.embedQuery(query.vectorText);
        vectorHits = dependencies.vectors.search({ vector, limit: tuning.vectorCandidates, accept });
      } catch (error) {
        if (!isVeilederError(error, 'model_unavailable')) throw error;
        dependencies.onVectorSearchFailure?.(error);
      }
      const fused = reciprocalRankFusion({
        k: tuning.fusionK,
        lists: [
          { weight: tuning.lexicalWeight, ids: lexicalHits.map((hit) => hit.id) },
          { weight: tuning.vectorWeight, ids: vectorHits.map((hit) => hit.id) },
        ],
      });
      const foundLexically = new Set(lexicalHits.map((hit) => hit.id));
      const candidateIds = [...fused.keys()];
      const ratingOf = await ratings.ratingsFor(candidateIds);
      const places = wishedPlaces(profile);

      const scored: Scored[] = [];
      for (const id of candidateIds) {
        const offering = catalogue.facts(id);
        if (!offering) continue;
        const fit = profileFit({ offering, profile, rating: ratingOf.get(id), wishedPlaces: places });
        scored.push({
          offering,
          score: fused.get(id)! * (1 + fit.lift),
          constraintsMet: checks.get(id)?.met ?? [],
          profileFit: fit.reasons,
          rating: ratingOf.get(id) ?? null,
        });
      }
      const picked = diversify({
        scored: withoutRefused({ scored, profile, catalogue, keep: Math.max(limit * 5, 50) }),
        limit,
        repeatFactor: tuning.providerRepeatFactor,
      });
      // Unpacked and explained only now, for the few shown (retrieval keeps the rest of each offering packed).
      return picked.map(({ offering, score, constraintsMet, profileFit: fit, rating }) => {
        // Reasons name the learner's own terms, not the ones feedback added.
        const terms = foundLexically.has(offering.id)
          ? catalogue.lexical.matchedTerms(offering.id, query.terms.keys())
          : [];
        return {
          offering: catalogue.get(offering.id)!,
          score,
          reasons: {
            matchedTerms: query.surfaceWords(terms.filter((term) => !term.startsWith('§'))),
            matchedConcepts: query.concepts
              .filter((concept) => terms.includes(conceptTerm(concept.key)))
              .map((concept) => ({
                id: concept.id,
                label: concept.label,
                ...(concept.said ? { said: concept.said } : {}),
              })),
            constraintsMet,
            profileFit: fit,
          },
          ...(readsRatings ? { rating } : {}),
        };
      });
    },
  };
}

/** A candidate while ranking: its facts and score, and the reasons known before the few shown are explained. */
type Scored = {
  offering: OfferingFacts;
  score: number;
  constraintsMet: ScoredOffering['reasons']['constraintsMet'];
  profileFit: ScoredOffering['reasons']['profileFit'];
  rating: OfferingRating | null;
};

/**
 * A subject the learner turned down ("ikke teater") never comes back: an offering whose title names it is
 * dropped. Titles are read only for the best candidates, as many as the pick looks at.
 */
function withoutRefused(options: {
  scored: Scored[];
  profile: Profile;
  catalogue: RetrievalCatalogue;
  keep: number;
}): Scored[] {
  const refused = options.profile.avoid.map((text) => tokenize(text).map(stem)).filter((stems) => stems.length > 0);
  if (refused.length === 0) return options.scored;
  const kept: Scored[] = [];
  for (const candidate of [...options.scored].sort((left, right) => right.score - left.score)) {
    // A stem inside a title word counts too ("teater" in "teaterlinje").
    const titleText = tokenize(options.catalogue.title(candidate.offering.id) ?? '')
      .map(stem)
      .join(' ');
    if (refused.some((stems) => stems.every((refusedStem) => titleText.includes(refusedStem)))) continue;
    kept.push(candidate);
    if (kept.length >= options.keep) break;
  }
  return kept;
}

type Query = {
  terms: Map<string, number>;
  vectorText: string;
  concepts: ConceptMatch[];
  surfaceWords(stems: string[]): string[];
};

/** Query terms from the learner's words, the current job's words weighed down, plus the occupation groups named. */
function buildQuery(options: {
  text: string;
  profile: Profile;
  catalogue: RetrievalCatalogue;
  tuning: RankingTuning;
}): Query {
  const { profile, catalogue, tuning } = options;
  const { text } = tuning.spellingCorrection
    ? correctText({
        text: options.text,
        corrector: catalogue.spelling,
        isKnown: (word) => isKnownWord(word, catalogue),
      })
    : options;
  const splitter = catalogue.splitter;
  const terms = termFrequencies(lexicalTerms({ text: withoutConstraintWords(text, profile), splitter }));
  const roleText = profile.occupation?.text ?? '';
  const wantedText = [...profile.goals, ...profile.topics].join(' ');
  const roleTerms = new Set(lexicalTerms({ text: roleText, splitter }).map((term) => term.term));
  const wantedTerms = new Set(lexicalTerms({ text: wantedText, splitter }).map((term) => term.term));
  for (const word of offeringKindWords) {
    const term = stem(word);
    if (terms.has(term)) terms.set(term, terms.get(term)! * tuning.kindWordWeight);
  }
  for (const term of roleTerms) {
    if (!wantedTerms.has(term) && terms.has(term)) terms.set(term, terms.get(term)! * tuning.currentRoleWeight);
  }
  const concepts = catalogue.concepts?.find({ text, splitter }) ?? [];
  const roleConcepts = new Set(
    (roleText ? catalogue.concepts?.find({ text: roleText, splitter }) : [])?.map((concept) => concept.key),
  );
  const wantedConcepts = new Set(
    (wantedText ? catalogue.concepts?.find({ text: wantedText, splitter }) : [])?.map((concept) => concept.key),
  );
  for (const concept of concepts) {
    const onlyRole = roleConcepts.has(concept.key) && !wantedConcepts.has(concept.key);
    terms.set(conceptTerm(concept.key), tuning.conceptWeight * (onlyRole ? tuning.currentRoleWeight : 1));
  }
  const topicalText = withoutConstraintWords(text, profile);
  const vectorText =
    roleText && wantedText ? topicalText.replace(new RegExp(escapeRegExp(roleText), 'i'), ' ') : topicalText;
  const surface = new Map<string, string>();
  for (const word of tokenize(text)) if (!surface.has(stem(word))) surface.set(stem(word), word);
  return {
    terms,
    vectorText,
    concepts,
    surfaceWords: (stems) => [...new Set(stems.map((term) => surface.get(term) ?? term))],
  };
}

/**
 * A word some offering uses, whose stem the index holds, or a compound of known words, is no typo — unless it is
 * known only through a stem rarer than that of a catalogue word it turns into by swapping two neighbouring
 * letters: "tenge" shares its stem with Spanish "tenga" in five offerings, and meant "tegne".
 */
function isKnownWord(word: string, catalogue: RetrievalCatalogue): boolean {
  if (catalogue.knowsWord(word) || (catalogue.splitter?.split(word).length ?? 0) > 0) return true;
  const ownWeight = catalogue.lexical.inverseDocumentFrequency(stem(word));
  if (ownWeight <= 0) return false;
  const correction = catalogue.spelling.correct(word);
  return !(
    correction &&
    isTransposition(word, correction.term) &&
    catalogue.lexical.inverseDocumentFrequency(stem(correction.term)) < ownWeight
  );
}

/** The learner's words minus format words and the places already turned into constraints or wishes. */
function withoutConstraintWords(text: string, profile: Profile): string {
  const placeWords = new Set(
    [...profile.places, ...(profile.wishes?.places ?? [])].flatMap((place) => tokenize(place)),
  );
  return tokenize(text)
    .filter((word) => !formatWords.has(word) && !placeWords.has(word))
    .join(' ');
}

/** Greedy pick: beyond `freeRepeats` (2) from one provider, each further pick multiplies the score by `repeatFactor`. */
export function diversify<Result extends { offering: OfferingFacts; score: number }>(options: {
  scored: Result[];
  limit: number;
  repeatFactor: number;
  freeRepeats?: number;
}): Result[] {
  const pool = [...options.scored]
    .sort((left, right) => right.score - left.score)
    .slice(0, Math.max(options.limit * 5, 50));
  const picked: Result[] = [];
  const shown = new Map<string, number>();
  const providerOf = (offering: OfferingFacts) => offering.provider.id;
  while (picked.length < options.limit && pool.length) {
    let bestIndex = 0;
    let bestScore = -Infinity;
    pool.forEach((candidate, index) => {
      const repeats = Math.max(0, (shown.get(providerOf(candidate.offering)) ?? 0) - (options.freeRepeats ?? 2) + 1);
      const adjusted = candidate.score * options.repeatFactor ** repeats;
      if (adjusted > bestScore) {
        bestScore = adjusted;
        bestIndex = index;
      }
    });
    const [next] = pool.splice(bestIndex, 1);
    picked.push({ ...next!, score: bestScore });
    shown.set(providerOf(next!.offering), (shown.get(providerOf(next!.offering)) ?? 0) + 1);
  }
  return picked;
}
