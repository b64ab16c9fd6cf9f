import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../adapters/logging.js';
import { startPurgeSchedule } from '../../adapters/storage/privacy/purge-schedule.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedLearnerEverywhere } from './seed-learner.js';

/** The server's purge schedule: runs on its own, two schedules on one database do the work once. */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const learners = async (ids: string[]) =>
  (await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM learner WHERE id = ANY($1)', [ids]))
    .rows[0]!.count;

describe('purge schedule', () => {
  it('purges shortly after start without being asked; two processes audit one purge', async () => {
    const old = await Promise.all(
      [1, 2].map(() =>
        seedLearnerEverywhere(database.pool, { lastTurnAt: new Date(Date.now() - 500 * 86_400_000), consent: false }),
      ),
    );
    const recent = await seedLearnerEverywhere(database.pool, { consent: false });
    const schedules = [0, 1].map(() =>
      startPurgeSchedule({
        pool: database.pool,
        retentionDays: 365,
        intervalMinutes: 60,
        log: silentLogger,
        firstRunSeconds: 0,
      }),
    );
    try {
      for (let attempt = 0; attempt < 200 && (await learners(old.map((seeded) => seeded.learnerId))) > 0; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await Promise.all(schedules.map((schedule) => schedule.stop()));
    }
    expect(await learners(old.map((seeded) => seeded.learnerId))).toBe(0);
    expect(await learners([recent.learnerId])).toBe(1);
    const audit = await database.pool.query("SELECT detail FROM audit_log WHERE action = 'retention.purged'");
    expect(audit.rows).toEqual([
      { detail: expect.objectContaining({ via: 'schedule', conversations: 2, learners: 2 }) },
    ]);
  });

  it('does nothing when retention is 0', async () => {
    const kept = await seedLearnerEverywhere(database.pool, {
      lastTurnAt: new Date(Date.now() - 5000 * 86_400_000),
      consent: false,
    });
    const schedule = startPurgeSchedule({
      pool: database.pool,
      retentionDays: 0,
      intervalMinutes: 1,
      log: silentLogger,
      firstRunSeconds: 0,
    });
    await schedule.stop();
    expect(await learners([kept.learnerId])).toBe(1);
  });
});
