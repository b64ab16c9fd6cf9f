import { loadConfiguration } from '../../configuration.js';
import { remindMandatoryCourses } from '../../../src/organisations/remind-mandatory-courses.js';
import { createLearnerMessenger } from '../../push/enqueue-learner-message.js';
import { createAssignmentStore } from '../../storage/assignment-store.js';
import { openDatabase } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { parseCommandArgs, type Command } from './command.js';

const usage = 'Usage: veileder remind-mandatory [--json]';

/** For a cron or a one-off: safe to run often, each member is reminded at most once per VEILEDER_MANDATORY_REMINDER_DAYS. */
export const remindMandatoryCommand: Command = {
  summary: 'remind members missing a mandatory course (push; at most once per VEILEDER_MANDATORY_REMINDER_DAYS)',
  async run(args) {
    const parsed = parseCommandArgs({ args, options: { json: { type: 'boolean', default: false } } }, usage);
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      await migrate(database.pool);
      const result = await remindMandatoryCourses({
        store: createAssignmentStore({ pool: database.pool }),
        messenger: createLearnerMessenger({ pool: database.pool }),
        now: new Date(),
        periodDays: configuration.organisations.mandatoryReminderDays,
      });
      process.stdout.write(
        parsed.values.json ? `${JSON.stringify(result)}\n` : `Reminders queued for push: ${result.reminded}\n`,
      );
    } finally {
      await database.close();
    }
  },
};
