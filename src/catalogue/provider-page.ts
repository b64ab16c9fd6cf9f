/**
 * The port behind a provider's own page in the advisers' workspace (implemented in
 * adapters/storage/provider-page-store.ts over the provider, feed, run, key and rating stores): what the page
 * shows of one provider and what it changes. Every call names the provider, so one provider's ids never
 * reach another's data.
 */

/** The quality problems catalogue care counts among active offerings, in the order pages show them. */
export const qualityProblemNames = ['no_description', 'no_price', 'no_place', 'level_unknown', 'no_url'] as const;
export type QualityProblem = (typeof qualityProblemNames)[number];

export type Provider = { id: string; name: string };

/** A registered feed's health: its last harvest and outcome, what it keeps active, whether it fails or is stale. */
export type FeedHealth = {
  id: string;
  providerId: string;
  providerName: string;
  url: string;
  format: string;
  scheduleMinutes: number;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastOutcome: 'imported' | 'not_modified' | 'failed' | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextHarvestAt: Date;
  records: number;
  lastRunId: string | null;
  lastRunRejected: number | null;
  stale: boolean;
  /** failing (its last harvest failed), stale, never harvested yet, or ok. */
  health: 'failing' | 'stale' | 'pending' | 'ok';
};

export type ProviderRunSummary = {
  id: string;
  origin: 'harvest' | 'upload';
  feedId: string | null;
  file: string;
  format: string;
  full: boolean;
  status: 'running' | 'finished' | 'failed';
  failure: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  counts: {
    read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    merged: number;
    withdrawn: number;
  };
};

export type ProviderRunReport = ProviderRunSummary & {
  rejections: { line: number; reason: string; raw: string }[];
  withdrawals: { offeringId: string; title: string }[];
  withdrawalsHeld: { source: string; missing: number; reason: string }[];
};

export type ProviderKeyListing = {
  id: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type CreatedProviderKey = { id: string; providerId: string; key: string };

export type OfferingRatings = { offeringId: string; title: string; count: number; average: number | null };

export type ProblemOffering = {
  id: string;
  title: string;
  providerName: string;
  url: string | null;
  mode: string;
  level: string;
};

export type QualityCounts = { offerings: number; problems: Record<QualityProblem, number> };

export type ProviderPageStore = {
  /** The provider a provider account belongs to. */
  providerOfAccount(adviserId: string): Promise<Provider | null>;
  /** A provider by id or name. */
  findProvider(idOrName: string): Promise<Provider | null>;
  feeds(input: { providerId: string; staleSchedules: number }): Promise<FeedHealth[]>;
  runs(input: { providerId: string; limit: number }): Promise<ProviderRunSummary[]>;
  /** The provider's own run with its rejections (from the first, at most `limit`); null for another's. */
  run(input: { providerId: string; runId: string; offset: number; limit: number }): Promise<ProviderRunReport | null>;
  qualityCounts(providerId: string): Promise<QualityCounts>;
  problemOfferings(input: { providerId: string; problem: QualityProblem; limit: number }): Promise<ProblemOffering[]>;
  keys(providerId: string): Promise<ProviderKeyListing[]>;
  ratings(providerId: string): Promise<OfferingRatings[]>;
  registerFeed(input: {
    providerId: string;
    url: string;
    format: ProviderFeedFormat;
    scheduleMinutes: number;
  }): Promise<{ id: string; url: string; format: string }>;
  harvestFeedSoon(feedId: string): Promise<void>;
  removeFeed(feedId: string): Promise<void>;
  createKey(input: { providerId: string; label: string | undefined }): Promise<CreatedProviderKey>;
  revokeKey(keyId: string): Promise<void>;
  /** A new provider account for one of the provider's people; null when the email already has an account. */
  createAccount(input: {
    providerId: string;
    email: string;
    name: string | null;
    passwordHash: string;
  }): Promise<{ id: string; email: string } | null>;
};

/** The feed formats a provider registers on its page (CSV needs a column mapping an admin registers). */
export type ProviderFeedFormat = 'jsonl' | 'schema-org' | 'elm' | 'elm-xml';
