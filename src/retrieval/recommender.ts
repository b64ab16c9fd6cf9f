import type { OfferingRating } from './rating-source.js';
import type { CatalogueOffering } from '../catalogue/offering.js';
import type { Profile } from '../profile/profile.js';

/**
 * The one entry point everything uses to find offerings: the assistant, `GET /api/search`, the evals.
 */
export type RecommendRequest = {
  profile: Profile;
  /** The learner's own words for what they are looking for (may be empty when the profile says enough). */
  message: string;
  limit?: number;
  /** Offerings not to suggest again (already shown, or disliked). */
  excludeOfferingIds?: string[];
};

/** Why an offering was suggested, in machine-readable form; replies render it in the learner's language. */
export type RecommendationReasons = {
  matchedTerms: string[];
  /** `said`: the learner's own words (stemmed) that named it, in whatever language, when whole words did. */
  matchedConcepts: { id: string; label: string; said?: string }[];
  /** Hard constraints the offering is known to meet, e.g. "free", "online", "county:Vestland". */
  constraintsMet: string[];
  /** Soft profile fit that lifted it, e.g. "fits 10 h/week", "accredited", "rated 4.5". */
  profileFit: string[];
};

export type ScoredOffering = {
  offering: CatalogueOffering;
  score: number;
  reasons: RecommendationReasons;
  /**
   * Learners' rating as ranking read it, so showing it needs no second look-up: null = none; absent = this
   * recommender reads no ratings.
   */
  rating?: OfferingRating | null;
};

export type Recommender = {
  recommend(request: RecommendRequest): Promise<ScoredOffering[]>;
  /** Of these words, the ones no offering in the catalogue uses and spelling cannot correct: "I found nothing about X" is then true. */
  unknownWords?(words: string[]): string[];
};
