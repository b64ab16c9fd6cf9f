import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { ChannelSettings } from '../configuration.js';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { composeUseCases, defaultRetentionDays, defaultStaleSchedules } from '../use-cases.js';
import { openWebStores } from '../web-stores.js';
import { silentLogger, withRequestId, type Logger } from '../logging.js';
import { createMetrics, type Metrics } from '../metrics.js';
import type { Database } from '../storage/database.js';
import { toHttpError } from './http-errors.js';
import { renderLandingPage } from './landing-page.js';
import { createReadiness, type Readiness } from './readiness.js';
import { createWorkInFlight, type WorkInFlight } from './work-in-flight.js';
import { routeModules } from './routes/index.js';
import type { HttpContext, RouteModule, ServedAssistant, WebSettings } from './routes/route-module.js';
import { defaultAdviserSettings } from './advisers/adviser-settings.js';
import { defaultOfferingsApiSettings } from './routes/offerings-settings.js';
import type { PushSettings } from '../push/push-settings.js';
import { rejectUnstorableText } from './storable-text.js';

export type CreateHttpAppOptions = {
  database: Database;
  log?: Logger;
  /** Default: metrics of this app alone. */
  metrics?: Metrics;
  /** Default: ready at once (the app is composed before it is served). */
  readiness?: Readiness;
  /** Default: counted for this app alone. */
  inFlight?: WorkInFlight;
  publicUrl?: string | undefined;
  /** Origins allowed to frame responses that set no Content-Security-Policy of their own; default ['\'self\'']. */
  frameAncestors?: string[];
  /** Proxies whose X-Forwarded-For gives the client's address (request.ip), for per-client limits; default none. */
  trustProxy?: number | string[] | undefined;
  /** Default: every module in routes/index.ts. */
  routes?: RouteModule[];
  /** Largest JSON body accepted; default 1 MB (chat turns and webhook payloads are far smaller). */
  bodyLimit?: string;
  /** The assistant; every chat channel calls it. */
  handleTurn?: ((turn: Turn) => Promise<Reply>) | undefined;
  channels?: ChannelSettings | undefined;
  /** Retrieval for GET /api/search (adapters/index/retrieval-service.ts). */
  search?: ServedAssistant['search'];
  advisers?: WebSettings['advisers'];
  /** The unsubscribe link's signing secret; default: the key kept in the database. */
  push?: PushSettings | undefined;
  credentials?: HttpContext['credentials'];
  /** Default: 365 days. */
  retentionDays?: WebSettings['retentionDays'] | undefined;
  organisations?: WebSettings['organisations'];
  offerings?: WebSettings['offerings'] | undefined;
  /** The use cases, composed once by adapters/runtime.ts; default: composed here from `database` and the options. */
  useCases?: HttpContext['useCases'];
  /** Default: 200 MB. */
  catalogueMaxMb?: WebSettings['catalogueMaxMb'] | undefined;
  /** Default: 10.75. */
  usdToNok?: WebSettings['usdToNok'] | undefined;
  /** Default: 3. */
  feedStaleSchedules?: WebSettings['feedStaleSchedules'] | undefined;
  /** Default: the system clock. */
  clock?: HttpContext['clock'];
};

/** The express app: request ids, JSON bodies, the routers, a JSON 404 and one error handler at the edge. */
export function createHttpApp(options: CreateHttpAppOptions): Express {
  const log = options.log ?? silentLogger;
  const metrics = options.metrics ?? createMetrics({ pool: options.database.pool });
  const readiness = options.readiness ?? readyAtOnce();
  const handleTurn = options.handleTurn && metrics.timeTurns(options.handleTurn);
  const context: HttpContext = {
    useCases:
      options.useCases ??
      composeUseCases({
        pool: options.database.pool,
        credentials: options.credentials,
        unsubscribeSecret: options.push?.secret,
        retentionDays: options.retentionDays,
        retrieval: options.search,
        feedStaleSchedules: options.feedStaleSchedules,
      }),
    assistant: { handleTurn, search: options.search },
    credentials: options.credentials,
    stores: openWebStores({ database: options.database, channels: handleTurn && options.channels, log }),
    settings: {
      publicUrl: options.publicUrl?.replace(/\/$/, ''),
      channels: options.channels,
      advisers: options.advisers ?? defaultAdviserSettings,
      retentionDays: options.retentionDays ?? defaultRetentionDays,
      organisations: options.organisations,
      offerings: options.offerings ?? defaultOfferingsApiSettings,
      catalogueMaxMb: options.catalogueMaxMb ?? 200,
      feedStaleSchedules: options.feedStaleSchedules ?? defaultStaleSchedules,
      usdToNok: options.usdToNok ?? 10.75,
    },
    clock: options.clock ?? (() => new Date()),
    database: options.database,
    log,
    metrics,
    readiness,
    inFlight: options.inFlight ?? createWorkInFlight(),
  };
  const routes = options.routes ?? routeModules;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(assignRequestId);
  // Draining: every answer closes its connection, so a load balancer's kept-alive connections move elsewhere.
  app.use((_request, response, next) => {
    if (readiness.state() === 'draining') response.set('Connection', 'close');
    next();
  });
  // Clickjacking: no page may be framed by a site that is not the portal. Routers with a stricter policy of
  // their own (the workspace, credential and site-check pages) replace this header.
  const framePolicy = `frame-ancestors ${(options.frameAncestors ?? ["'self'"]).join(' ')}`;
  app.use((_request, response, next) => {
    response.set('Content-Security-Policy', framePolicy);
    next();
  });
  // The raw body is kept for webhooks that sign it (Slack); Bolt reads `rawBody` when the stream is spent.
  const parseJson = express.json({
    limit: options.bodyLimit ?? '1mb',
    verify: (request, _response, body) => {
      (request as typeof request & { rawBody?: Buffer }).rawBody = body;
    },
  });
  // A provider's catalogue upload is streamed to a file by its route, whatever its media type: never parsed here.
  app.use((request, response, next) =>
    catalogueUpload.test(request.path) ? next() : parseJson(request, response, next),
  );
  // After the body is read: body parsing resumes on the socket's events, outside any scope entered before it.
  app.use((_request, response, next) => withRequestId(response.locals.requestId as string, next));
  app.use(logRequest(log));
  app.use(rejectUnstorableText);
  app.get('/', (_request, response) => {
    const slack = options.channels?.slack;
    response.type('html').send(
      renderLandingPage({
        routes: routes.flatMap((module) => module.describe),
        database: options.database.kind,
        addToSlack: Boolean(handleTurn && slack?.enabled && slack.mode === 'any-workspace'),
      }),
    );
  });
  for (const module of routes) app.use(module.router(context));
  app.use(((request, response) => {
    response.status(404).json({
      error: {
        code: 'not_found',
        message: `No route for ${request.method} ${request.path}.`,
        requestId: response.locals.requestId,
      },
    });
  }) satisfies RequestHandler);
  app.use(((error, request, response, _next) => {
    const { status, body, headers } = toHttpError(error, response.locals.requestId);
    if (status >= 500)
      log.error(`${request.method} ${request.originalUrl} failed`, {
        requestId: response.locals.requestId,
        error: (error as Error)?.stack ?? String(error),
      });
    if (response.headersSent) return response.end();
    if (headers) response.set(headers);
    response.status(status).json(body);
  }) satisfies ErrorRequestHandler);
  return app;
}

const catalogueUpload = /^\/api\/providers\/[^/]+\/(catalogue|offerings)$/;

/** Keeps a caller's X-Request-Id (when sane) so logs line up across services; otherwise makes one. */
const assignRequestId: RequestHandler = (request, response, next) => {
  const given = request.get('x-request-id');
  const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  response.locals.requestId = requestId;
  response.set('X-Request-Id', requestId);
  next();
};

/** One debug line per answered request, with its time, under the request's id. */
function logRequest(log: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    response.once('finish', () =>
      log.debug('request', {
        method: request.method,
        path: request.path,
        status: response.statusCode,
        milliseconds: Math.round(performance.now() - started),
      }),
    );
    next();
  };
}

function readyAtOnce(): Readiness {
  const readiness = createReadiness();
  readiness.markReady();
  return readiness;
}
