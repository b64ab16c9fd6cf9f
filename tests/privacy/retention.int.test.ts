import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredData, purgeLockKey } from '../../adapters/storage/privacy/purge-expired-data.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedLearnerEverywhere } from './seed-learner.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const now = new Date('2027-06-01T12:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);
const count = async (sql: string, values: unknown[] = []) => (await database.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${sql}`, values)).rows[0]!.count;

describe('retention purge (clock injected)', () => {
  it('deletes conversations idle past the period and learners left with nothing and no consent; keeps the rest', async () => {
    const oldWithoutConsent = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(400), consent: false });
    const oldWithConsent = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(400), consent: true });
    const recent = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(10), consent: false });
    // A learner with an old and a recent conversation keeps the recent one.
    const mixed = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(20), consent: false });
    await database.pool.query("INSERT INTO conversation (learner_id, channel, started_at, last_turn_at) VALUES ($1, 'web', $2, $2)", [mixed.learnerId, daysBefore(500)]);

    const dryRun = await purgeExpiredData({ pool: database.pool, retentionDays: 365, now, dryRun: true });
    expect(dryRun).toMatchObject({ ran: true, dryRun: true, conversations: 3, turns: 4, learners: 1 });
    expect(await count('conversation')).toBe(5);

    const report = await purgeExpiredData({ pool: database.pool, retentionDays: 365, now });
    expect(report).toMatchObject({ ran: true, dryRun: false, conversations: 3, turns: 4, learners: 1, cutoff: daysBefore(365).toISOString() });
    expect(await count('learner WHERE id = $1', [oldWithoutConsent.learnerId])).toBe(0);
    expect(await count('channel_identity WHERE learner_id = $1', [oldWithoutConsent.learnerId])).toBe(0);
    // Consent kept the learner and their profile; their old conversation (and its turns, suggestions and ratings of it) went.
    expect(await count('profile WHERE learner_id = $1', [oldWithConsent.learnerId])).toBe(1);
    expect(await count('conversation WHERE learner_id = $1', [oldWithConsent.learnerId])).toBe(0);
    expect(await count('turn WHERE conversation_id = $1', [oldWithConsent.conversationId])).toBe(0);
    expect(await count('rating WHERE learner_id = $1 AND turn_id IS NOT NULL', [oldWithConsent.learnerId])).toBe(0);
    expect(await count('conversation WHERE learner_id = $1', [recent.learnerId])).toBe(1);
    expect(await count('conversation WHERE learner_id = $1', [mixed.learnerId])).toBe(1);

    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 365, now })).toMatchObject({ ran: true, conversations: 0, learners: 0 });
  });

  it('keeps everything when the retention is 0 (keep forever)', async () => {
    await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(4000), consent: false });
    const before = await count('conversation');
    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 0, now })).toMatchObject({ ran: false, conversations: 0 });
    expect(await count('conversation')).toBe(before);
  });

  it('skips its turn while another process holds the purge lock', async () => {
    await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(4000), consent: false });
    const other = await database.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [purgeLockKey]);
      expect(await purgeExpiredData({ pool: database.pool, retentionDays: 365, now })).toMatchObject({ ran: false });
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    // This learner's and the one kept by the 0-day run above.
    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 365, now })).toMatchObject({ ran: true, conversations: 2, learners: 2 });
  });
});
