import type pg from 'pg';
import { listSuggestionSets } from '../src/advisers/list-suggestion-sets.js';
import { readSuggestionSet, type OfferingRetrieval } from '../src/advisers/read-suggestion-set.js';
import { reviewSuggestionSet, type ReviewOutcome } from '../src/advisers/review-suggestion-set.js';
import type {
  OfferingHit,
  QueueFilters,
  QueueRow,
  ReviewVerdict,
  SuggestionSet,
} from '../src/advisers/suggestion-sets.js';
import type { Language } from '../src/profile/profile.js';
import { unsubscribeByLink } from '../src/push/unsubscribe-by-link.js';
import { browseOfferings } from '../src/catalogue/browse-offerings.js';
import { exportCatalogue, type CatalogueExportFormat } from '../src/catalogue/export-catalogue.js';
import type { CatalogueOffering } from '../src/catalogue/offering.js';
import type { ChunkWriter, OfferingFilters, OfferingPage } from '../src/catalogue/public-catalogue.js';
import { readOffering } from '../src/catalogue/read-offering.js';
import { authenticateProviderKey } from '../src/catalogue/authenticate-provider-key.js';
import type { ProviderKeys } from '../src/catalogue/provider-keys.js';
import { changeProviderFeed } from '../src/catalogue/change-provider-feed.js';
import { changeProviderKey } from '../src/catalogue/change-provider-key.js';
import { createProviderKey } from '../src/catalogue/create-provider-key.js';
import { findProviderPage } from '../src/catalogue/find-provider-page.js';
import { inviteProviderPerson } from '../src/catalogue/invite-provider-person.js';
import type {
  CreatedProviderKey,
  Provider,
  ProviderFeedFormat,
  ProviderRunReport,
} from '../src/catalogue/provider-page.js';
import { readProviderPage, type ProviderPage } from '../src/catalogue/read-provider-page.js';
import { readProviderRun } from '../src/catalogue/read-provider-run.js';
import { registerProviderFeed } from '../src/catalogue/register-provider-feed.js';
import type { OpenedShare } from '../src/credentials/credential-shares.js';
import { openCredentialShare } from '../src/credentials/open-credential-share.js';
import { revokeCredentialShare } from '../src/credentials/revoke-credential-share.js';
import { shareCredential } from '../src/credentials/share-credential.js';
import type { AuditFilterChoices, AuditSearchRow } from '../src/audit/audit-log.js';
import { searchAuditLog, type AuditLogFilter } from '../src/audit/search-audit-log.js';
import type { DemandPeriod, SkillGapDemand, UnmetNeed } from '../src/demand/demand-figures.js';
import { readUnmetDemand } from '../src/demand/read-unmet-demand.js';
import { readAnalytics, type AnalyticsData } from '../src/demand/read-analytics.js';
import { deleteLearner } from '../src/privacy/delete-learner.js';
import { exportLearnerData } from '../src/privacy/export-learner-data.js';
import { exportLearnerDataByLink } from '../src/privacy/export-learner-data-by-link.js';
import { findLastPurge } from '../src/privacy/find-last-purge.js';
import { findLearners } from '../src/privacy/find-learners.js';
import type { LearnerDataExport, LearnerSummary } from '../src/privacy/learner-records.js';
import type { PurgeRecord } from '../src/privacy/purge-history.js';
import type { KnownAchievement } from '../src/tender/known-achievements.js';
import { listKnownAchievements } from '../src/tender/list-known-achievements.js';
import { listIssuedAchievements } from '../src/site-check/list-issued-achievements.js';
import { checkSiteWorkers, type SiteWorkersChecked } from '../src/site-check/check-site-workers.js';
import { openSiteCheck } from '../src/site-check/open-site-check.js';
import type { ParsedRoster } from '../src/site-check/parse-roster.js';
import type { OpenedSite, PresentedCredentials, SiteLinkProblem } from '../src/site-check/site-access.js';
import { composeCredentialUseCases, type CredentialUseCases } from './credentials/credential-use-cases.js';
import type { CredentialService } from './credentials/credential-service.js';
import { createAuditLog } from './storage/audit-log-search.js';
import { createCredentialShares } from './storage/credential-share-store.js';
import { createPushUnsubscriptions, createUnsubscribeLinks } from './push/unsubscribe-by-link-ports.js';
import { createPublicCatalogue } from './storage/public-catalogue-store.js';
import { authenticateProviderKey as authenticateStoredKey } from './storage/provider-key-store.js';
import { createDemandFigures } from './storage/analytics/demand-figure-store.js';
import { createKnownAchievements } from './storage/known-achievement-store.js';
import { createExportLinks, createLearnerRecords } from './storage/privacy/learner-record-store.js';
import { createPurgeHistory } from './storage/privacy/purge-history-store.js';
import { createSiteAccess } from './storage/site-access-store.js';
import { createSuggestionSets } from './storage/review-queue-store.js';
import { createProviderPageStore } from './storage/provider-page-store.js';

/** How long personal data (saved site checks among it) is kept when VEILEDER_RETENTION_DAYS is not given. */
export const defaultRetentionDays = 365;
/** How many of its schedules a feed may go without a successful harvest before it is stale, when not configured. */
export const defaultStaleSchedules = 3;

/**
 * Every use case the web routes call (src/), their ports filled in once: by adapters/runtime.ts, or by
 * createHttpApp for tests. A route parses, calls one of these, renders.
 */
export type UseCases = CredentialUseCases & {
  findLastPurge(): Promise<PurgeRecord | undefined>;
  findLearners(input: { query: string; actorId: string }): Promise<LearnerSummary[]>;
  exportLearnerData(input: { learnerId: string }): Promise<LearnerDataExport | null>;
  exportLearnerDataByLink(input: { token: string }): Promise<LearnerDataExport | null>;
  deleteLearner(input: { learnerId: string; actorId: string }): Promise<boolean>;
  unsubscribeByLink(input: {
    token: string;
  }): Promise<{ kind: 'invalid' } | { kind: 'unsubscribed'; learnerId: string; language: Language }>;
  browseOfferings(input: { filters: OfferingFilters; page: number; pageSize: number }): Promise<OfferingPage>;
  readOffering(input: { id: string }): Promise<CatalogueOffering>;
  exportCatalogue(input: CatalogueExportFormat & { write: ChunkWriter }): Promise<number>;
  authenticateProviderKey(input: { providerId: string; key: string }): Promise<boolean>;
  findProviderPage(input: {
    account: { id: string; role: string };
    named: string | undefined;
  }): Promise<Provider | null>;
  readProviderPage(input: { providerId: string }): Promise<ProviderPage>;
  readProviderRun(input: { providerId: string; runId: string }): Promise<ProviderRunReport | null>;
  registerProviderFeed(input: {
    providerId: string;
    url: string;
    format: ProviderFeedFormat;
    hours: number;
  }): Promise<{ id: string; url: string; format: string }>;
  changeProviderFeed(input: {
    providerId: string;
    feedId: string;
    action: 'harvest' | 'remove';
  }): ReturnType<typeof changeProviderFeed>;
  createProviderKey(input: { providerId: string; label: string | undefined }): Promise<CreatedProviderKey>;
  changeProviderKey(input: {
    providerId: string;
    keyId: string;
    action: 'rotate' | 'revoke';
  }): ReturnType<typeof changeProviderKey>;
  inviteProviderPerson(input: {
    providerId: string;
    email: string;
    name: string | null;
    passwordHash: string;
  }): Promise<{ id: string; email: string } | null>;
  shareCredential(input: { credentialId: string; days: number; now: Date }): Promise<{ token: string }>;
  revokeCredentialShare(input: { learnerId: string; tokenHash: string; now: Date }): Promise<boolean>;
  openCredentialShare(input: { token: string; now: Date }): Promise<OpenedShare>;
  readAnalytics(input: { period: DemandPeriod }): Promise<AnalyticsData>;
  searchAuditLog(input: {
    filter: AuditLogFilter;
  }): Promise<{ rows: AuditSearchRow[]; total: number; choices: AuditFilterChoices }>;
  readUnmetDemand(input: {
    now: Date;
    days: number;
    minimumGroup: number;
  }): Promise<{ from: Date; to: Date; skills: SkillGapDemand[]; topics: UnmetNeed[] }>;
  listKnownAchievements(input: { organisationId: string }): Promise<KnownAchievement[]>;
  listIssuedAchievements(): Promise<KnownAchievement[]>;
  listSuggestionSets(input: {
    filters: Omit<QueueFilters, 'limit' | 'offset'>;
    page: number;
    pageSize: number;
  }): Promise<{ rows: QueueRow[]; total: number }>;
  readSuggestionSet(input: {
    turnId: string;
    search: string;
  }): Promise<{ set: SuggestionSet; hits: OfferingHit[] | undefined } | null>;
  reviewSuggestionSet(input: {
    turnId: string;
    adviserId: string;
    verdict: ReviewVerdict;
    comment: string | undefined;
    remove: string[];
    add: string[];
    now: Date;
  }): Promise<ReviewOutcome>;
  openSiteCheck(input: {
    siteId: string;
    token: string;
    now: Date;
  }): Promise<OpenedSite | { problem: SiteLinkProblem }>;
  checkSiteWorkers(input: {
    opened: OpenedSite;
    roster: ParsedRoster;
    checker: string;
    save: boolean;
    refuseEmpty: boolean;
    now: Date;
  }): Promise<SiteWorkersChecked>;
};

export function composeUseCases(options: {
  pool: pg.Pool;
  /** Absent = credentials are switched off: the credential use cases say so. */
  credentials: CredentialService | undefined;
  /** The configured secret that signs unsubscribe links; absent = the key kept in the database. */
  unsubscribeSecret: string | undefined;
  /** How long personal data is kept (VEILEDER_RETENTION_DAYS; 0 = until deleted); absent = 365 days. */
  retentionDays: number | undefined;
  /** Retrieval (adapters/index/retrieval-service.ts); absent = advisers search offerings by title. */
  retrieval: OfferingRetrieval | undefined;
  /** A feed with no successful harvest within this many of its schedules is stale; absent = 3. */
  feedStaleSchedules: number | undefined;
}): UseCases {
  const history = createPurgeHistory({ pool: options.pool });
  const achievements = createKnownAchievements({ pool: options.pool });
  const records = createLearnerRecords({ pool: options.pool });
  const links = createExportLinks({ pool: options.pool });
  const figures = createDemandFigures({ pool: options.pool });
  const log = createAuditLog({ pool: options.pool });
  const shares = createCredentialShares({ pool: options.pool });
  const catalogue = createPublicCatalogue({ pool: options.pool });
  const unsubscribeLinks = createUnsubscribeLinks({ pool: options.pool, configured: options.unsubscribeSecret });
  const subscriptions = createPushUnsubscriptions({ pool: options.pool });
  const sites = createSiteAccess({ pool: options.pool });
  const suggestionSets = createSuggestionSets({ pool: options.pool });
  const providers = createProviderPageStore({ pool: options.pool });
  const staleSchedules = options.feedStaleSchedules ?? defaultStaleSchedules;
  const keys: ProviderKeys = { authenticate: (input) => authenticateStoredKey(options.pool, input) };
  const retentionDays = options.retentionDays ?? defaultRetentionDays;
  const service = options.credentials;
  const presented: PresentedCredentials | undefined = service && {
    verify: ({ jwt, now }) => service.verify(jwt, { now }),
    openShare: (input) => shares.open(input),
  };
  // With credentials switched off a learner holds none, so there is no share of theirs to revoke.
  const learnerCredentials = {
    listForLearner: (learnerId: string) => options.credentials?.store.listForLearner(learnerId) ?? Promise.resolve([]),
  };
  return {
    ...composeCredentialUseCases({ pool: options.pool, credentials: options.credentials }),
    findLastPurge: () => findLastPurge({ history }),
    findLearners: (input) => findLearners({ ...input, records }),
    exportLearnerData: (input) => exportLearnerData({ ...input, records }),
    exportLearnerDataByLink: (input) => exportLearnerDataByLink({ ...input, links, records }),
    deleteLearner: (input) => deleteLearner({ ...input, records }),
    readUnmetDemand: (input) => readUnmetDemand({ ...input, figures }),
    readAnalytics: (input) => readAnalytics({ ...input, figures }),
    searchAuditLog: (input) => searchAuditLog({ ...input, log }),
    unsubscribeByLink: (input) => unsubscribeByLink({ ...input, links: unsubscribeLinks, subscriptions }),
    browseOfferings: (input) => browseOfferings({ ...input, catalogue }),
    readOffering: (input) => readOffering({ ...input, catalogue }),
    exportCatalogue: (input) => exportCatalogue({ ...input, catalogue }),
    authenticateProviderKey: (input) => authenticateProviderKey({ ...input, keys }),
    findProviderPage: (input) => findProviderPage({ ...input, providers }),
    readProviderPage: (input) => readProviderPage({ ...input, staleSchedules, providers }),
    readProviderRun: (input) => readProviderRun({ ...input, providers }),
    registerProviderFeed: (input) => registerProviderFeed({ ...input, providers }),
    changeProviderFeed: (input) => changeProviderFeed({ ...input, staleSchedules, providers }),
    createProviderKey: (input) => createProviderKey({ ...input, providers }),
    changeProviderKey: (input) => changeProviderKey({ ...input, providers }),
    inviteProviderPerson: (input) => inviteProviderPerson({ ...input, providers }),
    shareCredential: (input) => shareCredential({ ...input, shares }),
    openCredentialShare: (input) => openCredentialShare({ ...input, shares }),
    revokeCredentialShare: (input) => revokeCredentialShare({ ...input, credentials: learnerCredentials, shares }),
    listKnownAchievements: (input) => listKnownAchievements({ ...input, achievements }),
    listIssuedAchievements: () => listIssuedAchievements({ achievements }),
    listSuggestionSets: (input) => listSuggestionSets({ ...input, sets: suggestionSets }),
    readSuggestionSet: (input) => readSuggestionSet({ ...input, sets: suggestionSets, retrieval: options.retrieval }),
    reviewSuggestionSet: (input) => reviewSuggestionSet({ ...input, sets: suggestionSets }),
    openSiteCheck: (input) => openSiteCheck({ ...input, sites }),
    checkSiteWorkers: (input) => checkSiteWorkers({ ...input, retentionDays, sites, credentials: presented }),
  };
}
