import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Configuration } from '../configuration.js';
import type { Logger } from '../logging.js';
import type { Database } from '../storage/database.js';
import { harvestDueFeeds } from './harvest-feeds.js';

/**
 * Harvesting as `veileder serve` runs it, on push's runner (docs/push.md): on a PostgreSQL server a pg-boss
 * queue (`veileder-harvest-tick`, one job per time slot across all processes), on the embedded database an
 * in-process timer. Either way a feed is harvested once per schedule because each due feed is claimed in
 * its own row (provider-feed-store.ts), never because of the queue: two processes ticking at once claim
 * different feeds or none.
 */

const harvestQueue = 'veileder-harvest-tick';

export type RunningHarvest = { runner: 'pg-boss' | 'in-process'; close(): Promise<void> };

export async function startHarvest(options: {
  database: Database;
  configuration: Configuration;
  log: Logger;
}): Promise<RunningHarvest | undefined> {
  const { database, configuration, log } = options;
  const settings = configuration.harvest;
  if (!settings.enabled) return undefined;
  const worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const tick = async () => {
    await harvestDueFeeds({
      database,
      worker,
      log,
      settings: {
        maximumBytes: settings.catalogueMaxMb * 1024 * 1024,
        timeoutSeconds: settings.timeoutSeconds,
        maximumRedirects: 5,
        allowPrivateAddresses: settings.allowPrivateAddresses,
        usdToNok: configuration.feeds.usdToNok,
      },
    });
  };
  const pushRunner = configuration.push.runner;
  const runner = pushRunner === 'auto' ? (database.kind === 'server' ? 'pg-boss' : 'in-process') : pushRunner;
  const running =
    runner === 'pg-boss' && configuration.storage.databaseUrl
      ? await startPgBoss({
          databaseUrl: configuration.storage.databaseUrl,
          checkSeconds: settings.checkSeconds,
          tick,
          log,
        })
      : startInProcess({ checkSeconds: settings.checkSeconds, tick, log });
  log.info(`Feed harvest: on ${running.runner}, checking for due feeds every ${settings.checkSeconds} s`);
  return running;
}

async function startPgBoss(options: {
  databaseUrl: string;
  checkSeconds: number;
  tick: () => Promise<void>;
  log: Logger;
}): Promise<RunningHarvest> {
  const { log } = options;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: 'pgboss',
    max: 2,
    application_name: 'veileder-harvest',
    schedule: false,
  });
  boss.on('error', (error: Error) => log.error('Feed harvest: pg-boss reported an error', { error: error.message }));
  await boss.start();
  try {
    await boss.createQueue(harvestQueue, {
      name: harvestQueue,
      policy: 'standard',
      retryLimit: 0,
      expireInSeconds: 3600,
    });
  } catch (error) {
    // Two processes may create the queue at the same moment; the loser finds it created.
    if (!(await boss.getQueue(harvestQueue))) throw error;
  }
  await boss.work(harvestQueue, { pollingIntervalSeconds: Math.max(0.5, Math.min(2, options.checkSeconds / 2)) }, () =>
    options.tick(),
  );
  const requestTick = () =>
    void boss
      .send(harvestQueue, {}, { singletonKey: 'tick', singletonSeconds: Math.max(1, Math.ceil(options.checkSeconds)) })
      .catch((error: unknown) =>
        log.error('Feed harvest: could not queue a tick', { error: (error as Error).message }),
      );
  requestTick();
  const timer = setInterval(requestTick, options.checkSeconds * 1000);
  timer.unref();
  return {
    runner: 'pg-boss',
    async close() {
      clearInterval(timer);
      await boss
        .stop({ graceful: true, timeout: 10_000, wait: true })
        .catch((error: unknown) =>
          log.error('Feed harvest: pg-boss did not stop cleanly', { error: (error as Error).message }),
        );
    },
  };
}

function startInProcess(options: { checkSeconds: number; tick: () => Promise<void>; log: Logger }): RunningHarvest {
  let running: Promise<void> | undefined;
  let closed = false;
  const run = () => {
    if (running || closed) return;
    running = options
      .tick()
      .catch((error: unknown) =>
        options.log.error('Feed harvest: a round failed; the next one tries again', {
          error: (error as Error).message,
        }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.checkSeconds * 1000);
  timer.unref();
  setTimeout(run, 0).unref();
  return {
    runner: 'in-process',
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
