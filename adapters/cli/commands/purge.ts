import { loadConfiguration } from '../../configuration.js';
import { openDatabase } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { purgeExpiredData } from '../../storage/privacy/purge-expired-data.js';
import { parseCommandArgs, type Command } from './command.js';

const usage = 'Usage: veileder purge [--dry-run] [--json]';

/** The retention purge on demand (the server also runs it on a schedule): VEILEDER_RETENTION_DAYS decides. */
export const purgeCommand: Command = {
  summary:
    'delete conversations idle longer than VEILEDER_RETENTION_DAYS and learners left with nothing (--dry-run counts only)',
  async run(args) {
    const { values } = parseCommandArgs(
      {
        args,
        options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      },
      usage,
    );
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      await migrate(database.pool);
      const retentionDays = configuration.privacy.retentionDays;
      const report = await purgeExpiredData({
        pool: database.pool,
        retentionDays,
        dryRun: values['dry-run'],
        via: 'cli',
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ retentionDays, ...report })}\n`);
        return;
      }
      if (retentionDays === 0) {
        process.stdout.write(
          'VEILEDER_RETENTION_DAYS is 0: conversations are kept until the learner deletes them. Nothing purged.\n',
        );
        return;
      }
      if (!report.ran) {
        process.stdout.write('Another process is purging right now; nothing done. Try again in a moment.\n');
        return;
      }
      const verb = report.dryRun ? 'Would delete' : 'Deleted';
      process.stdout.write(
        `${verb} ${report.conversations} conversation(s) (${report.turns} turn(s)) idle since before ${report.cutoff} (retention ${retentionDays} days), ` +
          `${report.learners} learner(s) left with nothing and no consent, and ${report.exportLinks} expired export link(s).\n`,
      );
    } finally {
      await database.close();
    }
  },
};
