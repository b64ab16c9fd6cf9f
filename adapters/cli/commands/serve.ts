import { loadConfiguration } from '../../configuration.js';
import { createLogger } from '../../logging.js';
import { startVeileder } from '../../runtime.js';
import type { Command } from './command.js';

export const serveCommand: Command = {
  summary: 'start Veileder: migrate, seed an empty database (taxonomy, demo catalogue), serve HTTP on PORT',
  async run() {
    const configuration = loadConfiguration();
    const log = createLogger({ level: configuration.logging.level });
    const running = await startVeileder({ configuration, log });
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info(`${signal}: shutting down`);
        running.close().then(resolve, (error: unknown) => {
          log.error('shutdown failed', { error: (error as Error).message });
          process.exitCode = 1;
          resolve();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    log.info('Stopped');
  },
};
