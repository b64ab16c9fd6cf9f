import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
const count = async (sql: string, values: unknown[] = []) =>
  (await database.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${sql}`, values)).rows[0]!.count;

describe('retention purge (clock injected)', () => {
  it('deletes conversations idle past the period and learners left with nothing and no consent; keeps the rest', async () => {
    const oldWithoutConsent = await seedLearnerEverywhere(database.pool, {
      lastTurnAt: daysBefore(400),
      consent: false,
    });
    const oldWithConsent = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(400), consent: true });
    const recent = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(10), consent: false });
    // A learner with an old and a recent conversation keeps the recent one.
    const mixed = await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(20), consent: false });
    await database.pool.query(
      "INSERT INTO conversation (learner_id, channel, started_at, last_turn_at) VALUES ($1, 'web', $2, $2)",
      [mixed.learnerId, daysBefore(500)],
    );

    const dryRun = await purgeExpiredData({ pool: database.pool, retentionDays: 365, now, dryRun: true });
    expect(dryRun).toMatchObject({ ran: true, dryRun: true, conversations: 3, turns: 4, learners: 1 });
    expect(await count('conversation')).toBe(5);

    const report = await purgeExpiredData({ pool: database.pool, retentionDays: 365, now });
    expect(report).toMatchObject({
      ran: true,
      dryRun: false,
      conversations: 3,
      turns: 4,
      learners: 1,
      cutoff: daysBefore(365).toISOString(),
    });
    expect(await count('learner WHERE id = $1', [oldWithoutConsent.learnerId])).toBe(0);
    expect(await count('channel_identity WHERE learner_id = $1', [oldWithoutConsent.learnerId])).toBe(0);
    // Consent kept the learner and their profile; their old conversation (and its turns, suggestions and ratings of it) went.
    expect(await count('profile WHERE learner_id = $1', [oldWithConsent.learnerId])).toBe(1);
    expect(await count('conversation WHERE learner_id = $1', [oldWithConsent.learnerId])).toBe(0);
    expect(await count('turn WHERE conversation_id = $1', [oldWithConsent.conversationId])).toBe(0);
    expect(await count('rating WHERE learner_id = $1 AND turn_id IS NOT NULL', [oldWithConsent.learnerId])).toBe(0);
    expect(await count('conversation WHERE learner_id = $1', [recent.learnerId])).toBe(1);
    expect(await count('conversation WHERE learner_id = $1', [mixed.learnerId])).toBe(1);

    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 365, now })).toMatchObject({
      ran: true,
      conversations: 0,
      learners: 0,
    });
  });

  it('keeps everything when the retention is 0 (keep forever)', async () => {
    await seedLearnerEverywhere(database.pool, { lastTurnAt: daysBefore(4000), consent: false });
    const before = await count('conversation');
    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 0, now })).toMatchObject({
      ran: false,
      conversations: 0,
    });
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
    expect(await purgeExpiredData({ pool: database.pool, retentionDays: 365, now })).toMatchObject({
      ran: true,
      conversations: 2,
      learners: 2,
    });
  });

  it('is audited as a system action with counts only, no learner ids', async () => {
    const { rows } = await database.pool.query<{
      actor_id: string | null;
      subject_id: string | null;
      detail: Record<string, unknown>;
    }>("SELECT actor_id, subject_id, detail FROM audit_log WHERE action = 'retention.purged' ORDER BY at");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toEqual({
      actor_id: null,
      subject_id: null,
      detail: {
        via: 'system',
        retentionDays: 365,
        cutoff: daysBefore(365).toISOString(),
        conversations: 3,
        turns: 4,
        learners: 1,
      },
    });
  });

  it('runs as `veileder purge [--dry-run]` with VEILEDER_RETENTION_DAYS', async () => {
    const seeded = await seedLearnerEverywhere(database.pool, {
      lastTurnAt: new Date(Date.now() - 40 * 86_400_000),
      consent: false,
    });
    const dryRun = await veileder(['purge', '--dry-run', '--json'], { VEILEDER_RETENTION_DAYS: '30' });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toMatchObject({
      retentionDays: 30,
      ran: true,
      dryRun: true,
      conversations: 1,
      learners: 1,
    });
    expect(await count('learner WHERE id = $1', [seeded.learnerId])).toBe(1);
    const real = await veileder(['purge'], { VEILEDER_RETENTION_DAYS: '30' });
    expect(real.stdout).toMatch(
      /^Deleted 1 conversation\(s\) \(2 turn\(s\)\) idle since before .* \(retention 30 days\), 1 learner\(s\) left with nothing and no consent/,
    );
    expect(await count('learner WHERE id = $1', [seeded.learnerId])).toBe(0);
    expect(await count("audit_log WHERE action = 'retention.purged' AND detail->>'via' = 'cli'")).toBe(1);
  }, 240_000);
});

const root = fileURLToPath(new URL('../..', import.meta.url));

function veileder(
  args: string[],
  environment: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, VEILEDER_LOG_LEVEL: 'silent', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
