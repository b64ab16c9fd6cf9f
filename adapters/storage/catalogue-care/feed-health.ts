import type pg from 'pg';
import type { FeedHealth } from '../../../src/catalogue/provider-page.js';

/**
 * Every registered feed's health for catalogue care (and its CSV): the last harvest and its outcome, the
 * offerings the feed keeps active, the last run's rejections, and whether it is failing or stale — no
 * successful harvest within `staleSchedules` of its schedules (counted from its registration when it never
 * had one).
 */

export async function listFeedHealth(
  pool: pg.Pool,
  options: { staleSchedules: number; providerId?: string | undefined },
): Promise<FeedHealth[]> {
  const { rows } = await pool.query<{
    id: string;
    provider_id: string;
    provider_name: string;
    url: string;
    format: string;
    schedule_minutes: number;
    last_attempt_at: Date | null;
    last_success_at: Date | null;
    last_outcome: FeedHealth['lastOutcome'];
    last_error: string | null;
    consecutive_failures: number;
    next_harvest_at: Date;
    records: number;
    last_run_id: string | null;
    last_run_rejected: number | null;
    stale: boolean;
  }>(
    `SELECT f.id, f.provider_id, p.name AS provider_name, f.url, f.format, f.schedule_minutes, f.last_attempt_at,
            f.last_success_at, f.last_outcome, f.last_error, f.consecutive_failures, f.next_harvest_at, f.last_run_id,
            r.rejected AS last_run_rejected,
            (SELECT count(*) FROM offering_source s WHERE s.source = f.source AND s.status = 'active')::int AS records,
            COALESCE(f.last_success_at, f.created_at) < now() - make_interval(mins => f.schedule_minutes * $1) AS stale
       FROM provider_feed f JOIN provider p ON p.id = f.provider_id LEFT JOIN import_run r ON r.id = f.last_run_id
      WHERE $2::text IS NULL OR f.provider_id = $2
      ORDER BY f.consecutive_failures > 0 DESC, stale DESC, p.name, f.url`,
    [options.staleSchedules, options.providerId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    url: row.url,
    format: row.format,
    scheduleMinutes: row.schedule_minutes,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastOutcome: row.last_outcome,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextHarvestAt: row.next_harvest_at,
    records: row.records,
    lastRunId: row.last_run_id,
    lastRunRejected: row.last_run_rejected,
    stale: row.stale,
    health:
      row.consecutive_failures > 0 ? 'failing' : row.stale ? 'stale' : row.last_attempt_at === null ? 'pending' : 'ok',
  }));
}
