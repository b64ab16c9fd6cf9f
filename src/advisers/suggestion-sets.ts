import type { Profile } from '../profile/profile.js';

/**
 * The port for the advisers' review queue (implemented in adapters/storage/review-queue-store.ts): the
 * assistant's suggestion sets with the conversation that produced them, and the advisers' verdicts on them.
 */

export type ReviewVerdict = 'approved' | 'changed' | 'flagged';

export type QueueFilters = {
  channel?: string | undefined;
  /** Inclusive days, YYYY-MM-DD (UTC). */
  from?: string | undefined;
  to?: string | undefined;
  /** Free text searched in the learner's own words and the extracted profile. */
  topic?: string | undefined;
  /** yes: any verdict; no: none yet; flagged: the latest verdict is a flag (for other advisers to look at). */
  reviewed?: 'yes' | 'no' | 'flagged' | undefined;
  limit: number;
  offset: number;
};

export type QueueRow = {
  turnId: string;
  conversationId: string;
  learnerId: string;
  channel: string;
  createdAt: Date;
  titles: string[];
  learnerWords: string;
  verdict: ReviewVerdict | null;
  reviewedAt: Date | null;
};

export type SetOffering = {
  offeringId: string;
  rank: number;
  score: number;
  title: string;
  provider: string;
  url: string | null;
  reasons: Record<string, unknown>;
  status: string;
};

export type SuggestionSet = {
  turnId: string;
  conversationId: string;
  learnerId: string;
  channel: string;
  language: string | null;
  createdAt: Date;
  consentGiven: boolean;
  profile: Profile | null;
  conversation: { role: 'user' | 'assistant'; text: string; at: Date; isThisSet: boolean }[];
  offerings: SetOffering[];
  /** What the learner said about these suggestions (1–5, optional words), on the set or one offering. */
  ratings: { score: number; text: string | null; offeringTitle: string | null; at: Date }[];
  reviews: {
    id: string;
    verdict: ReviewVerdict;
    comment: string | null;
    added: string[];
    removed: string[];
    at: Date;
    adviserEmail: string | null;
    seenAt: Date | null;
  }[];
};

/** An offering an adviser may add to a set. */
export type OfferingHit = { id: string; title: string; provider: string };

export type SuggestionSets = {
  list(filters: QueueFilters): Promise<{ rows: QueueRow[]; total: number }>;
  /** The set of this assistant turn, or null when the turn made no suggestions. */
  get(turnId: string): Promise<SuggestionSet | null>;
  /** Active offerings among `ids`. */
  activeOfferingIds(ids: string[]): Promise<Set<string>>;
  /** Title and description search over active offerings: for a server without retrieval. */
  findByTitle(input: { text: string; limit: number; exclude: string[] }): Promise<OfferingHit[]>;
  /** Stores a verdict and its audit entry together. */
  recordReview(review: {
    turnId: string;
    adviserId: string;
    verdict: ReviewVerdict;
    comment: string | null;
    added: string[];
    removed: string[];
    now: Date;
  }): Promise<void>;
};
