import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Configuration, loadConfiguration } from '../../configuration.js';
import { createLogger } from '../../logging.js';
import { startVeileder } from '../../runtime.js';
import { clusterWorkerBridge, isClusterWorker, runClusterPrimary } from '../cluster.js';
import { type Command, parseCommandArgs, UsageError } from './command.js';

const usage = `Usage: veileder serve [--workers N]
  --workers N  worker processes sharing the port (default VEILEDER_WORKERS, else one per core on a PostgreSQL
               server, 1 on the embedded database, which one process owns)`;

export const serveCommand: Command = {
  summary: 'start Veileder: migrate, seed an empty database (taxonomy, demo catalogue), serve HTTP on PORT',
  async run(args) {
    const configuration = loadConfiguration();
    const log = createLogger({ level: configuration.logging.level });
    const workers = isClusterWorker() ? 1 : workerCount(args, configuration);
    if (workers > 1) return runClusterPrimary({ workers, log });
    await serve(configuration, isClusterWorker() ? clusterWorkerBridge() : undefined);
    return undefined;
  },
};

function workerCount(args: string[], configuration: Configuration): number {
  const flag = parseCommandArgs({ args, options: { workers: { type: 'string' } } }, usage).values.workers;
  const asked = flag === undefined ? configuration.server.workers : Number(flag);
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1 && asked <= 256))
    throw new UsageError(`--workers must be a whole number from 1 to 256\n${usage}`);
  if (!configuration.storage.databaseUrl) {
    if (asked !== undefined && asked > 1)
      throw new UsageError(
        'several workers need a PostgreSQL server (set DATABASE_URL): the embedded database belongs to one process',
      );
    return 1;
  }
  return asked ?? availableParallelism();
}

/**
 * One serving process (alone, or a cluster worker). SIGTERM drains first — /ready fails for
 * VEILEDER_DRAIN_SECONDS while requests are still answered, so a load balancer moves away — then stops;
 * SIGINT (Ctrl-C) stops at once. Either way running requests finish.
 */
async function serve(
  configuration: Configuration,
  worker: ReturnType<typeof clusterWorkerBridge> | undefined,
): Promise<void> {
  const log = createLogger({ level: configuration.logging.level });
  const running = await startVeileder({ configuration, log, scrapeAllMetrics: worker?.scrapeAll });
  worker?.share(running.metrics.registry);
  worker?.announceListening();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      // Ctrl-C reaches every process of a cluster and the primary passes it on as well: one shutdown only.
      if (stopping) return;
      stopping = true;
      if (signal === 'SIGTERM' && configuration.server.drainSeconds > 0) {
        running.readiness.drain();
        log.info(
          `SIGTERM: draining for ${configuration.server.drainSeconds} s (/ready answers 503), then shutting down`,
        );
        await sleep(configuration.server.drainSeconds * 1000);
      }
      log.info(`${signal}: shutting down`);
      await running.close().catch((error: unknown) => {
        log.error('shutdown failed', { error: (error as Error).message });
        process.exitCode = 1;
      });
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log.info('Stopped');
  worker?.stopped();
}
