import type { Router } from 'express';
import type { CredentialService } from '../../credentials/credential-service.js';
import type { UseCases } from '../../use-cases.js';
import type { WebStores } from '../../web-stores.js';
import type { Database } from '../../storage/database.js';
import type { Logger } from '../../logging.js';
import type { AdviserSettings } from '../advisers/adviser-settings.js';
import type { ChannelSettings, Configuration } from '../../configuration.js';
import type { OfferingsApiSettings } from './offerings-settings.js';
import type { PushSettings } from '../../push/push-settings.js';
import type { Metrics } from '../../metrics.js';
import type { Readiness } from '../readiness.js';
import type { WorkInFlight } from '../work-in-flight.js';
import type { Reply, Turn } from '../../../src/dialogue/turn.js';
import type { RecommendWithFiltersRequest } from '../../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../../src/retrieval/recommender.js';

/**
 * What every router gets from the composition root. A new channel or API adds optional services here
 * (a recommender, a bot adapter) and one line to routes/index.ts.
 */
export type HttpContext = {
  database: Database;
  log: Logger;
  /** What /metrics serves; the turn handler below is already timed by it. */
  metrics: Metrics;
  /** Whether a load balancer should route here (/ready). */
  readiness: Readiness;
  /** Work answered after its HTTP response (Direct Line, Slack turns), waited for before the process stops. */
  inFlight: WorkInFlight;
  /** Public base URL (no trailing slash) for absolute links, e.g. JSON-LD `@id`s. */
  publicUrl: string | undefined;
  /** The use cases routes call (src/), their ports filled in once by the composition root (adapters/runtime.ts). */
  useCases: UseCases;
  /** What the web adapters' own machinery keeps (sessions, sign-in, channel identities), opened once (adapters/web-stores.ts). */
  stores: WebStores;
  /** The assistant (already wrapped with cross-channel linking); absent = no chat channels are served. */
  handleTurn?: ((turn: Turn) => Promise<Reply>) | undefined;
  /** Which channels are switched on (adapters/configuration.ts); absent = none. */
  channels?: ChannelSettings | undefined;
  /** Retrieval for GET /api/search; absent = search answers that it is not available. */
  search?: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> } | undefined;
  /** The advisers' workspace settings (adapters/configuration.ts); absent = the defaults, no OpenID Connect. */
  advisers?: AdviserSettings | undefined;
  /** Push settings (adapters/configuration.ts): the unsubscribe link's signing secret; absent = the key kept in the database. */
  push?: PushSettings | undefined;
  /** Open Badges credentials: issue, verify, revoke, keys (adapters/credentials); absent = switched off (the routes say why). */
  credentials?: CredentialService | undefined;
  /** How long personal data is kept (VEILEDER_RETENTION_DAYS; 0 = until deleted); absent = the default, 365 days. */
  retentionDays?: number | undefined;
  /** Organisations' settings (adapters/configuration.ts); absent = the defaults. */
  organisations?: Configuration['organisations'] | undefined;
  /** The public catalogue API's settings (adapters/configuration.ts): its text-search budget per client; absent = the defaults. */
  offerings?: OfferingsApiSettings | undefined;
  /** Largest catalogue upload, in MB (VEILEDER_CATALOGUE_MAX_MB); absent = 200. */
  catalogueMaxMb?: number | undefined;
  /** A feed with no successful harvest within this many of its schedules is stale (VEILEDER_FEED_STALE_SCHEDULES); absent = 3. */
  feedStaleSchedules?: number | undefined;
  /** NOK per USD for uploaded offerings priced in dollars; absent = 10.75. */
  usdToNok?: number | undefined;
};

export type RouteModule = {
  /** Shown on the landing page: what this router serves. */
  describe: { path: string; summary: string }[];
  router(context: HttpContext): Router;
};
