import type pg from 'pg';
import type { Logger } from '../../logging.js';
import { purgeExpiredData } from './purge-expired-data.js';

/**
 * Runs the retention purge inside the server: shortly after start, then every `intervalMinutes`. Several
 * processes may run it; the purge's advisory lock lets one at a time do the work. A failed run is logged
 * and retried at the next tick.
 */
export function startPurgeSchedule(options: {
  pool: pg.Pool;
  retentionDays: number;
  intervalMinutes: number;
  log: Logger;
  firstRunSeconds?: number;
}): { stop(): Promise<void> } {
  if (options.retentionDays <= 0) {
    options.log.info('Retention: conversations are kept until the learner deletes them (VEILEDER_RETENTION_DAYS=0)');
    return { stop: async () => {} };
  }
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= purgeExpiredData({ pool: options.pool, retentionDays: options.retentionDays, via: 'schedule' })
      .then((report) => {
        if (report.conversations + report.learners > 0)
          options.log.info(
            `Retention: purged ${report.conversations} conversation(s) and ${report.learners} learner(s) idle since before ${report.cutoff}`,
          );
      })
      .catch((error: unknown) =>
        options.log.error('Retention purge failed; retrying at the next interval', { error: (error as Error).message }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, (options.firstRunSeconds ?? 30) * 1000);
  const timer = setInterval(run, options.intervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
