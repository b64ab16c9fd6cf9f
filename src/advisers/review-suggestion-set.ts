import type { ReviewVerdict, SuggestionSets } from './suggestion-sets.js';

export type ReviewOutcome =
  | { kind: 'recorded' }
  | { kind: 'not-found' }
  /** Why the verdict was not stored: an offering to add that is not active, a change that changes nothing, a flag without words. */
  | { kind: 'refused'; reason: 'unknown-offering' | 'need-change' | 'need-comment' };

/**
 * An adviser's verdict on a suggestion set: approve, change (remove offerings in the set, add active ones
 * not in it) or flag with a comment for other advisers. The learner sees a change on their next turn.
 */
export async function reviewSuggestionSet(options: {
  turnId: string;
  adviserId: string;
  verdict: ReviewVerdict;
  comment: string | undefined;
  remove: string[];
  add: string[];
  now: Date;
  sets: SuggestionSets;
}): Promise<ReviewOutcome> {
  const set = await options.sets.get(options.turnId);
  if (!set) return { kind: 'not-found' };
  const changed = options.verdict === 'changed';
  const inSet = new Set(set.offerings.map((offering) => offering.offeringId));
  const removed = changed ? [...new Set(options.remove)].filter((id) => inSet.has(id)) : [];
  const wanted = changed ? [...new Set(options.add)].filter((id) => !inSet.has(id)) : [];
  const active = await options.sets.activeOfferingIds(wanted);
  if (wanted.some((id) => !active.has(id))) return { kind: 'refused', reason: 'unknown-offering' };
  if (changed && removed.length === 0 && wanted.length === 0) return { kind: 'refused', reason: 'need-change' };
  if (options.verdict === 'flagged' && !options.comment) return { kind: 'refused', reason: 'need-comment' };
  await options.sets.recordReview({
    turnId: options.turnId,
    adviserId: options.adviserId,
    verdict: options.verdict,
    comment: options.comment ?? null,
    added: wanted,
    removed,
    now: options.now,
  });
  return { kind: 'recorded' };
}
