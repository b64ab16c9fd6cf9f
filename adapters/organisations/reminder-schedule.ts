import type pg from 'pg';
import { remindMandatoryCourses } from '../../src/organisations/remind-mandatory-courses.js';
import type { Logger } from '../logging.js';
import { createLearnerMessenger } from '../push/enqueue-learner-message.js';
import { createAssignmentStore } from '../storage/assignment-store.js';

/**
 * Mandatory-course reminders inside the server: shortly after start, then every `intervalMinutes`. Several
 * processes may run it at once: a reminder's push dedupe key names the member, the course and the period,
 * so the outbox keeps one message however many processes found it due. Delivery (channel, quiet hours) is
 * the push jobs' work; without push, nothing would send them, so the schedule does not start.
 */
export function startMandatoryReminderSchedule(options: {
  pool: pg.Pool;
  periodDays: number;
  intervalMinutes?: number;
  log: Logger;
  firstRunSeconds?: number;
  now?: () => Date;
}): { stop(): Promise<void> } {
  const messenger = createLearnerMessenger({ pool: options.pool });
  const store = createAssignmentStore({ pool: options.pool });
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= remindMandatoryCourses({
      store,
      messenger,
      now: options.now?.() ?? new Date(),
      periodDays: options.periodDays,
    })
      .then((result) => {
        if (result.reminded > 0)
          options.log.info(`Organisations: ${result.reminded} mandatory-course reminder(s) queued for push`);
      })
      .catch((error: unknown) =>
        options.log.error('Organisations: mandatory-course reminders failed; retrying at the next interval', {
          error: (error as Error).message,
        }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, (options.firstRunSeconds ?? 60) * 1000);
  const timer = setInterval(run, (options.intervalMinutes ?? 60) * 60_000);
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
