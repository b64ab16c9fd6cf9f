import { loadConfiguration } from '../../configuration.js';
import { openDatabase } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  summary: 'apply database migrations (embedded database unless DATABASE_URL is set)',
  async run() {
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      const report = await migrate(database.pool);
      const where = database.kind === 'embedded' ? `embedded database in ${database.directory}` : 'DATABASE_URL';
      process.stdout.write(
        report.applied.length
          ? `Applied ${report.applied.length} migration(s) to the ${where}: ${report.applied.join(', ')}\n`
          : `The ${where} is up to date (${report.alreadyApplied} migration(s)).\n`,
      );
    } finally {
      await database.close();
    }
  },
};
