import { setTimeout as sleep } from 'node:timers/promises';
import { type Configuration, loadConfiguration } from '../../../src/config.js';
import { createLogger } from '../../logging.js';
import { startVeileder } from '../../runtime.js';
import type { Command } from './command.js';

export const serveCommand: Command = {
  summary: 'start Veileder: migrate, seed an empty database (taxonomy, demo catalogue), serve HTTP on PORT',
  async run() {
    return serve(loadConfiguration());
  },
};

/**
 * One serving process. SIGTERM drains first — /ready fails for
 * VEILEDER_DRAIN_SECONDS while requests are still answered, so a load balancer moves away — then stops;
 * SIGINT (Ctrl-C) stops at once. Either way running requests finish.
 */
async function serve(configuration: Configuration): Promise<void> {
  const log = createLogger({ level: configuration.logLevel });
  const running = await startVeileder({ configuration, log });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      // A second signal while draining does not start a second shutdown.
      if (stopping) return;
      stopping = true;
      if (signal === 'SIGTERM' && configuration.drainSeconds > 0) {
        running.readiness.drain();
        log.info(`SIGTERM: draining for ${configuration.drainSeconds} s (/ready answers 503), then shutting down`);
        await sleep(configuration.drainSeconds * 1000);
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
}
