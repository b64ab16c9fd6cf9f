import type { Router } from 'express';
import type { CredentialService } from '../../credentials/credential-service.js';
import type { UseCases } from '../../use-cases.js';
import type { WebStores } from '../../web-stores.js';
import type { Database } from '../../storage/database.js';
import type { Logger } from '../../logging.js';
import type { AdviserSettings } from '../advisers/adviser-settings.js';
import type { ChannelSettings, Configuration } from '../../configuration.js';
import type { OfferingsApiSettings } from './offerings-settings.js';
import type { Metrics } from '../../metrics.js';
import type { Readiness } from '../readiness.js';
import type { WorkInFlight } from '../work-in-flight.js';
import type { Reply, Turn } from '../../../src/dialogue/turn.js';
import type { RecommendWithFiltersRequest } from '../../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../../src/retrieval/recommender.js';

/**
 * What every router gets from the composition root: the use cases it calls, its settings with their
 * defaults filled in, the clock, and the process's plumbing. A new route calls a use case from
 * adapters/use-cases.ts and adds one line to routes/index.ts.
 */
export type HttpContext = {
  /** The use cases routes call (src/), their ports filled in once (adapters/use-cases.ts). */
  useCases: UseCases;
  /** The assistant's turn and retrieval (adapters/assistant); either may be switched off. */
  assistant: ServedAssistant;
  /** Open Badges credentials: issue, verify, revoke, keys (adapters/credentials); undefined = switched off (the routes say why). */
  credentials: CredentialService | undefined;
  /** What the web adapters' own machinery keeps (sessions, sign-in, channel identities), opened once (adapters/web-stores.ts). */
  stores: WebStores;
  settings: WebSettings;
  /** The time routes judge expiry and write records by; tests move it. */
  clock: () => Date;
  /** For the sections not yet behind use cases (organisations, tenders, accounts, uploads); new code calls a use case. */
  database: Database;
  log: Logger;
  /** What /metrics serves; the turn handler is already timed by it. */
  metrics: Metrics;
  /** Whether a load balancer should route here (/ready). */
  readiness: Readiness;
  /** Work answered after its HTTP response (Direct Line, Slack turns), waited for before the process stops. */
  inFlight: WorkInFlight;
};

export type ServedAssistant = {
  /** The assistant; undefined = no chat channel is served. */
  handleTurn: ((turn: Turn) => Promise<Reply>) | undefined;
  /** Retrieval for GET /api/search and the advisers' pages; undefined = search answers that it is not available. */
  search: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> } | undefined;
};

/** The routes' settings (adapters/configuration.ts), with the defaults filled in where none were given. */
export type WebSettings = {
  /** Public base URL (no trailing slash) for absolute links, e.g. JSON-LD `@id`s; undefined = taken from the request. */
  publicUrl: string | undefined;
  /** Which channels are switched on; undefined = none. */
  channels: ChannelSettings | undefined;
  advisers: AdviserSettings;
  /** How long personal data is kept (VEILEDER_RETENTION_DAYS; 0 = until deleted). */
  retentionDays: number;
  /** Organisations' settings; undefined = the team plan's own defaults. */
  organisations: Configuration['organisations'] | undefined;
  offerings: OfferingsApiSettings;
  /** Largest catalogue upload, in MB (VEILEDER_CATALOGUE_MAX_MB). */
  catalogueMaxMb: number;
  /** A feed with no successful harvest within this many of its schedules is stale (VEILEDER_FEED_STALE_SCHEDULES). */
  feedStaleSchedules: number;
  /** NOK per USD for uploaded offerings priced in dollars. */
  usdToNok: number;
};

export type RouteModule = {
  /** Shown on the landing page: what this router serves. */
  describe: { path: string; summary: string }[];
  router(context: HttpContext): Router;
};
