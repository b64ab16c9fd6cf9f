import { access } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Configuration } from './configuration.js';
import type { Reply, Turn } from '../src/dialogue/turn.js';
import { describeChannels } from './channels/describe-channels.js';
import { composeRuntimeAssistant } from './assistant/runtime-assistant.js';
import { composeUseCases } from './use-cases.js';
import { openCredentialService } from './credentials/open-credential-service.js';
import { startHarvest } from './feeds/start-harvest.js';
import { createLogger, type Logger } from './logging.js';
import { createMetrics, type Metrics } from './metrics.js';
import { openDatabase, type Database } from './storage/database.js';
import { importCatalogueFile } from './storage/import-catalogue-file.js';
import { seedTaxonomyIfEmpty } from './storage/import-taxonomy.js';
import { migrate } from './storage/migrate.js';
import { startPurgeSchedule } from './storage/privacy/purge-schedule.js';
import { startMandatoryReminderSchedule } from './organisations/reminder-schedule.js';
import { createReadiness, type Readiness } from './web/readiness.js';
import { createHttpApp } from './web/server.js';
import { createWorkInFlight } from './web/work-in-flight.js';
import type { RouteModule } from './web/routes/route-module.js';

/**
 * The composition root: open the database (embedded unless DATABASE_URL), migrate, fill an empty database
 * with the shipped taxonomy and demo catalogue, and serve HTTP. Everything a fresh machine needs happens
 * here, so `npm start` is the whole installation.
 */

const demoCatalogueFile = fileURLToPath(new URL('../prisma/seed/demo-catalogue.jsonl.gz', import.meta.url));

export type RunningVeileder = {
  url: string;
  database: Database;
  server: Server;
  metrics: Metrics;
  /** /ready: `drain()` it before `close()` so a load balancer stops routing here first. */
  readiness: Readiness;
  /** Stops accepting requests, lets running ones finish (up to 10 s), then closes the database. */
  close(): Promise<void>;
};

export type StartVeilederOptions = {
  configuration: Configuration;
  log?: Logger;
  /** Default: every module in adapters/web/routes/index.ts. */
  routes?: RouteModule[];
  /** The assistant the chat channels call (adapters/web/routes/channels.ts); none = no chat channels. */
  handleTurn?: ((turn: Turn) => Promise<Reply>) | undefined;
  /** Under serve --workers: all workers' metrics, for /metrics (adapters/cli/cluster.ts). */
  scrapeAllMetrics?: (() => Promise<string>) | undefined;
};

export async function startVeileder(options: StartVeilederOptions): Promise<RunningVeileder> {
  const { configuration } = options;
  const log = options.log ?? createLogger({ level: configuration.logging.level });
  const started = performance.now();
  const database = await openDatabase(configuration.storage);
  const metrics = createMetrics({ pool: database.pool, scrapeAll: options.scrapeAllMetrics });
  const readiness = createReadiness();
  const inFlight = createWorkInFlight();
  try {
    log.info(
      database.kind === 'embedded'
        ? `Database: embedded PostgreSQL (PGlite) in ${database.directory}`
        : 'Database: PostgreSQL server (DATABASE_URL)',
    );
    const migrations = await migrate(database.pool);
    if (migrations.applied.length)
      log.info(`Applied ${migrations.applied.length} migration(s)`, { migrations: migrations.applied });
    await seedTaxonomy({ database, log });
    await seedDemoCatalogue({
      database,
      log,
      enabled: configuration.storage.importDemoCatalogue,
      usdToNok: configuration.feeds.usdToNok,
    });

    const assistant = options.handleTurn
      ? undefined
      : await composeRuntimeAssistant({ database, configuration, log, metrics });
    const credentials = await openCredentialService({ database, configuration, log });
    const app = createHttpApp({
      database,
      log,
      metrics,
      readiness,
      inFlight,
      routes: options.routes,
      channels: configuration.channels,
      handleTurn: options.handleTurn ?? assistant?.handleTurn,
      search: assistant?.search,
      publicUrl: configuration.server.publicUrl,
      trustProxy: configuration.server.trustProxy,
      frameAncestors: configuration.server.frameAncestors,
      advisers: configuration.advisers,
      push: configuration.push,
      credentials,
      useCases: composeUseCases({
        pool: database.pool,
        credentials,
        unsubscribeSecret: configuration.push?.secret,
        retentionDays: configuration.privacy.retentionDays,
        retrieval: assistant?.search,
        feedStaleSchedules: configuration.harvest.staleSchedules,
      }),
      retentionDays: configuration.privacy.retentionDays,
      organisations: configuration.organisations,
      offerings: configuration.offerings,
      catalogueMaxMb: configuration.harvest.catalogueMaxMb,
      usdToNok: configuration.feeds.usdToNok,
      feedStaleSchedules: configuration.harvest.staleSchedules,
    });
    const server = await listen({ app, port: configuration.server.port, host: configuration.server.host });
    // GDPR retention: idle conversations are purged on a schedule (safe with several processes: one advisory lock).
    const purge = startPurgeSchedule({
      pool: database.pool,
      retentionDays: configuration.privacy.retentionDays,
      intervalMinutes: configuration.privacy.purgeIntervalMinutes,
      log,
    });
    // Organisations: members missing a mandatory course are reminded through push, once per period.
    const reminders = configuration.push.enabled
      ? startMandatoryReminderSchedule({
          pool: database.pool,
          periodDays: configuration.organisations.mandatoryReminderDays,
          log,
        })
      : { stop: async () => {} };
    // Providers' registered feeds, harvested on their schedules (docs/providers.md).
    const harvest = await startHarvest({ database, configuration, log });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${configuration.server.host === '0.0.0.0' || configuration.server.host === '::' ? 'localhost' : configuration.server.host}:${port}`;
    readiness.markReady();
    describeSwitches({ configuration, log });
    log.info(`Veileder is listening on ${url} (started in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return {
      url,
      database,
      server,
      metrics,
      readiness,
      async close() {
        await closeServer(server);
        // Turns acknowledged before the server closed (Direct Line, Slack) still store or post their replies.
        if (!(await inFlight.settled(10_000))) log.error('Stopping with turns still unanswered after 10 s');
        await assistant?.close();
        await purge.stop();
        await reminders.stop();
        await harvest?.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function seedTaxonomy(options: { database: Database; log: Logger }): Promise<void> {
  const report = await seedTaxonomyIfEmpty(options.database.pool);
  if (!report) return;
  const schemes = Object.entries(report.conceptsByScheme)
    .map(([scheme, count]) => `${scheme} ${count}`)
    .join(', ');
  const relations = Object.values(report.relationsByKind).reduce((sum, count) => sum + count, 0);
  options.log.info(`Imported the taxonomy seed: ${schemes}; ${relations} relations (${report.seconds} s)`);
}

async function seedDemoCatalogue(options: {
  database: Database;
  log: Logger;
  enabled: boolean;
  usdToNok: number;
}): Promise<void> {
  const { rows } = await options.database.pool.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM offering) AS present',
  );
  if (rows[0]?.present) return;
  if (!options.enabled) {
    options.log.info(
      'The catalogue is empty and VEILEDER_DEMO_CATALOGUE is off: import offerings with `veileder import FILE`',
    );
    return;
  }
  if (!(await exists(demoCatalogueFile))) {
    options.log.error(`The catalogue is empty and the demo catalogue ${demoCatalogueFile} is missing`);
    return;
  }
  const started = performance.now();
  const report = await importCatalogueFile(options.database, {
    file: demoCatalogueFile,
    source: 'demo',
    usdToNok: options.usdToNok,
  });
  options.log.info(
    `Imported the demo catalogue: ${report.read} records read, ${report.inserted} offerings inserted, ${report.merged} merged duplicates, ${report.rejected} rejected (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

function describeSwitches(options: { configuration: Configuration; log: Logger }): void {
  const { configuration } = options;
  const model =
    configuration.openai.baseUrl && configuration.openai.chatModel
      ? `${configuration.openai.chatModel} at ${configuration.openai.baseUrl}`
      : 'local (no chat model configured)';
  const channels = Object.entries(configuration.channels ?? {})
    .filter(([, settings]) => settings.enabled)
    .map(([name]) => name);
  options.log.info(
    `Switched on: chat model ${model}; channels ${channels.length ? channels.join(', ') : 'none'}; demo catalogue ${configuration.storage.importDemoCatalogue ? 'on' : 'off'}`,
  );
  for (const line of describeChannels({ channels: configuration.channels })) options.log.info(line);
}

function listen(options: { app: ReturnType<typeof createHttpApp>; port: number; host: string }): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = options.app.listen(options.port, options.host, (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
    server.once('error', reject);
  });
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(timer);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
