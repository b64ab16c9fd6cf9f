import {
  qualityProblemNames,
  type FeedHealth,
  type OfferingRatings,
  type ProblemOffering,
  type ProviderKeyListing,
  type ProviderPageStore,
  type ProviderRunSummary,
  type QualityCounts,
  type QualityProblem,
} from './provider-page.js';

export type ProviderPage = {
  feeds: FeedHealth[];
  /** The last ten runs. */
  runs: ProviderRunSummary[];
  quality: QualityCounts;
  /** Up to 50 offerings for each problem the provider has. */
  problemOfferings: Record<QualityProblem, ProblemOffering[]>;
  keys: ProviderKeyListing[];
  ratings: OfferingRatings[];
};

/** Everything a provider's page shows of it: feeds and their health, runs, quality problems, API keys, ratings. */
export async function readProviderPage(options: {
  providerId: string;
  staleSchedules: number;
  providers: ProviderPageStore;
}): Promise<ProviderPage> {
  const { providerId, providers } = options;
  const feeds = await providers.feeds({ providerId, staleSchedules: options.staleSchedules });
  const runs = await providers.runs({ providerId, limit: 10 });
  const quality = await providers.qualityCounts(providerId);
  const listed = await Promise.all(
    qualityProblemNames.map(async (problem) =>
      quality.problems[problem] === 0 ? [] : providers.problemOfferings({ providerId, problem, limit: 50 }),
    ),
  );
  const problemOfferings = Object.fromEntries(
    qualityProblemNames.map((problem, index) => [problem, listed[index]!]),
  ) as Record<QualityProblem, ProblemOffering[]>;
  const keys = await providers.keys(providerId);
  const ratings = await providers.ratings(providerId);
  return { feeds, runs, quality, problemOfferings, keys, ratings };
}
