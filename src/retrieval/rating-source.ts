/** Learners' ratings of offerings (stored by the assistant), as a quality signal for ranking. */
export type OfferingRating = { average: number; count: number };

export type RatingSource = { ratingsFor(offeringIds: string[]): Promise<Map<string, OfferingRating>> };

export const noRatings: RatingSource = { ratingsFor: async () => new Map() };
