import { emptyProfile } from '../profile/profile.js';
import type { RecommendWithFiltersRequest } from '../retrieval/recommend.js';
import type { ScoredOffering } from '../retrieval/recommender.js';
import type { OfferingHit, SuggestionSet, SuggestionSets } from './suggestion-sets.js';

/** Retrieval, when the server has it (adapters/index/retrieval-service.ts). */
export type OfferingRetrieval = { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> };

const hitLimit = 10;

/**
 * One suggestion set for an adviser, and, when they search (`search` not empty), offerings they may add:
 * none already in the set, found by retrieval with the learner's own constraints first (what an adviser adds
 * should fit them), then without if that finds nothing; by title when the server has no retrieval.
 */
export async function readSuggestionSet(options: {
  turnId: string;
  search: string;
  sets: SuggestionSets;
  retrieval: OfferingRetrieval | undefined;
}): Promise<{ set: SuggestionSet; hits: OfferingHit[] | undefined } | null> {
  const set = await options.sets.get(options.turnId);
  if (!set) return null;
  if (!options.search) return { set, hits: undefined };
  const exclude = set.offerings.map((offering) => offering.offeringId);
  return { set, hits: await findHits({ ...options, exclude, profile: set.profile ?? emptyProfile() }) };
}

async function findHits(options: {
  search: string;
  exclude: string[];
  profile: ReturnType<typeof emptyProfile>;
  sets: SuggestionSets;
  retrieval: OfferingRetrieval | undefined;
}): Promise<OfferingHit[]> {
  if (!options.retrieval)
    return options.sets.findByTitle({ text: options.search, limit: hitLimit, exclude: options.exclude });
  for (const profile of [options.profile, emptyProfile()]) {
    const found = await options.retrieval.recommend({
      profile,
      message: options.search,
      limit: hitLimit,
      excludeOfferingIds: options.exclude,
    });
    if (found.length > 0)
      return found.map((hit) => ({
        id: hit.offering.id,
        title: hit.offering.title,
        provider: hit.offering.provider.name,
      }));
  }
  return [];
}
