import PgBoss from 'pg-boss';
import type { Logger } from '../logging.js';

/**
 * Where the push work runs. On a PostgreSQL server: pg-boss queues in their own schema (`pgboss`) on the
 * same database — jobs survive restarts, a job whose process died is retried after it expires, and any
 * number of server processes share the work. Two queues: `veileder-push-tick` (one job per time slot across
 * all processes) matches, plans and finds what is due; `veileder-push-deliver`
 * delivers one message each. On the embedded database (one connection at a time) the same two steps run from
 * an in-process timer instead (docs/push.md says why). Either way exactly-once comes from the outbox row
 * (deliver-message.ts), never from the queue: a job delivered twice finds the row already claimed.
 */

type PushWork = {
  /** Match, plan, and return the ids of the messages due now. */
  tick(): Promise<string[]>;
  deliver(messageId: string): Promise<string>;
};

export type PushJobs = {
  runner: 'pg-boss' | 'in-process';
  /** Ask for delivery of one message now (e.g. just enqueued) instead of at the next tick. */
  nudge(messageId: string): void;
  close(): Promise<void>;
};

const tickQueue = 'veileder-push-tick';
const deliverQueue = 'veileder-push-deliver';

export type StartPushJobsOptions = {
  work: PushWork;
  log: Logger;
  checkSeconds: number;
  /** pg-boss on this PostgreSQL server; undefined = the in-process runner. */
  databaseUrl: string | undefined;
  /** How long a delivery job may run before pg-boss retries it elsewhere (the outbox lease decides sending). */
  deliverExpireSeconds: number;
};

export async function startPushJobs(options: StartPushJobsOptions): Promise<PushJobs> {
  return options.databaseUrl ? startPgBoss({ ...options, databaseUrl: options.databaseUrl }) : startInProcess(options);
}

async function startPgBoss(options: StartPushJobsOptions & { databaseUrl: string }): Promise<PushJobs> {
  const { work, log } = options;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: 'pgboss',
    max: 3,
    application_name: 'veileder-push',
    schedule: false,
  });
  boss.on('error', (error: Error) => log.error('Push jobs: pg-boss reported an error', { error: error.message }));
  await boss.start();
  // One tick per time slot across all processes (singletonSeconds), not a 'stately' queue: a tick held by a
  // killed process would block every later one until pg-boss expires it. Ticks are idempotent, so an
  // overlap (a slow tick still running when the next slot's starts) costs time, never correctness.
  await createQueue(boss, tickQueue, { name: tickQueue, policy: 'standard', retryLimit: 0, expireInSeconds: 300 });
  await createQueue(boss, deliverQueue, {
    name: deliverQueue,
    policy: 'standard',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: options.deliverExpireSeconds,
  });

  const sendDeliver = (messageId: string) =>
    boss
      .send(
        deliverQueue,
        { messageId },
        { singletonKey: messageId, singletonSeconds: Math.max(1, Math.ceil(options.checkSeconds)) },
      )
      .catch((error: unknown) => {
        log.error('Push jobs: could not queue a delivery; the next tick finds it again', {
          messageId,
          error: (error as Error).message,
        });
        return null;
      });

  await boss.work<{ messageId?: string }>(
    tickQueue,
    { pollingIntervalSeconds: Math.max(0.5, Math.min(2, options.checkSeconds / 2)) },
    async () => {
      const due = await work.tick();
      for (const messageId of due) await sendDeliver(messageId);
    },
  );
  await boss.work<{ messageId: string }>(
    deliverQueue,
    { pollingIntervalSeconds: Math.max(0.5, Math.min(2, options.checkSeconds / 2)), batchSize: 5 },
    async (jobs) => {
      for (const job of jobs) {
        if (typeof job.data?.messageId !== 'string') continue;
        const outcome = await work.deliver(job.data.messageId);
        log.debug('Push: delivery', { messageId: job.data.messageId, outcome });
      }
    },
  );

  const requestTick = () =>
    void boss
      .send(tickQueue, {}, { singletonKey: 'tick', singletonSeconds: Math.max(1, Math.ceil(options.checkSeconds)) })
      .catch((error: unknown) => log.error('Push jobs: could not queue a tick', { error: (error as Error).message }));
  requestTick();
  const timer = setInterval(requestTick, options.checkSeconds * 1000);
  timer.unref();
  return {
    runner: 'pg-boss',
    nudge: (messageId) => void sendDeliver(messageId),
    async close() {
      clearInterval(timer);
      await boss
        .stop({ graceful: true, timeout: 10_000, wait: true })
        .catch((error: unknown) =>
          log.error('Push jobs: pg-boss did not stop cleanly', { error: (error as Error).message }),
        );
    },
  };
}

/** Two processes may create the queues at the same moment; the loser of that race finds them created. */
async function createQueue(boss: PgBoss, name: string, queue: PgBoss.Queue): Promise<void> {
  try {
    await boss.createQueue(name, queue);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}

function startInProcess(options: StartPushJobsOptions): PushJobs {
  const { work, log } = options;
  let running: Promise<void> | undefined;
  let closed = false;
  const wanted = new Set<string>();

  const run = () => {
    if (running || closed) return;
    running = (async () => {
      try {
        const due = new Set([...wanted, ...(await work.tick())]);
        wanted.clear();
        for (const messageId of due) {
          if (closed) break;
          const outcome = await work.deliver(messageId);
          log.debug('Push: delivery', { messageId, outcome });
        }
      } catch (error) {
        log.error('Push: a run failed; the next one tries again', { error: (error as Error).message });
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(run, options.checkSeconds * 1000);
  timer.unref();
  setTimeout(run, 0).unref();
  return {
    runner: 'in-process',
    nudge(messageId) {
      wanted.add(messageId);
      setTimeout(run, 0).unref();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
