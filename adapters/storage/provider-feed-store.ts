import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { FeedValidators } from '../feeds/fetch-feed.js';
import type { FeedFormat } from '../feeds/open-feed.js';
import type { ProviderFeedRow } from './rows.generated.js';

/**
 * Providers' registered feeds (table provider_feed): registering, listing with their health, and the claim
 * that makes a due feed harvested once per schedule however many processes look. A claim is a lease: a
 * process that dies mid-harvest leaves the feed to be claimed again once the lease has run out.
 */

export type ProviderFeed = {
  id: string;
  providerId: string;
  providerName: string;
  url: string;
  format: FeedFormat;
  mapping: unknown;
  source: string;
  scheduleMinutes: number;
  validators: FeedValidators;
  nextHarvestAt: Date;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastOutcome: 'imported' | 'not_modified' | 'failed' | null;
  lastError: string | null;
  consecutiveFailures: number;
  lastRunId: string | null;
  createdAt: Date;
};

// format and last_outcome are free text in the table; only this file writes them, from these unions.
type FeedRow = ProviderFeedRow & {
  provider_name: string;
  format: FeedFormat;
  last_outcome: ProviderFeed['lastOutcome'];
};

const selectFeeds = `SELECT f.*, p.name AS provider_name FROM provider_feed f JOIN provider p ON p.id = f.provider_id`;

function toFeed(row: FeedRow): ProviderFeed {
  return {
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    url: row.url,
    format: row.format,
    mapping: row.mapping,
    source: row.source,
    scheduleMinutes: row.schedule_minutes,
    validators: { etag: row.etag, lastModified: row.last_modified },
    nextHarvestAt: row.next_harvest_at,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastOutcome: row.last_outcome,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    lastRunId: row.last_run_id,
    createdAt: row.created_at,
  };
}

/** Registers a feed, due at once; its offerings are stored under a source of its own, the provider's own feed. */
export async function registerFeed(
  pool: pg.Pool,
  options: { providerId: string; url: string; format: FeedFormat; mapping?: unknown; scheduleMinutes: number },
): Promise<ProviderFeed> {
  const id = randomUUID();
  const source = `feed-${id.slice(0, 8)}`;
  await pool.query(
    `INSERT INTO provider_feed (id, provider_id, url, format, mapping, source, schedule_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      options.providerId,
      options.url,
      options.format,
      options.mapping === undefined ? null : JSON.stringify(options.mapping),
      source,
      options.scheduleMinutes,
    ],
  );
  await pool.query(
    'INSERT INTO own_feed (source, provider_id) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET provider_id = EXCLUDED.provider_id',
    [source, options.providerId],
  );
  return (await findFeed(pool, id)) as ProviderFeed;
}

export async function findFeed(pool: pg.Pool, id: string): Promise<ProviderFeed | null> {
  const { rows } = await pool.query<FeedRow>(`${selectFeeds} WHERE f.id = $1`, [id]);
  return rows[0] ? toFeed(rows[0]) : null;
}

/** Every feed (or one provider's), the ones most in need of attention first. */
export async function listFeeds(pool: pg.Pool, options: { providerId?: string } = {}): Promise<ProviderFeed[]> {
  const { rows } = await pool.query<FeedRow>(
    `${selectFeeds} WHERE $1::text IS NULL OR f.provider_id = $1
      ORDER BY f.consecutive_failures DESC, f.last_success_at ASC NULLS FIRST, p.name, f.url`,
    [options.providerId ?? null],
  );
  return rows.map(toFeed);
}

/** Removes a feed; the offerings it brought stay until another import withdraws them. */
export async function removeFeed(pool: pg.Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM provider_feed WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

/** Makes a feed due now (the harvest runs at the next check). */
export async function harvestFeedSoon(pool: pg.Pool, id: string): Promise<boolean> {
  // Truncated, not rounded: the column keeps milliseconds and would round now() up to half a millisecond
  // ahead, so a harvest claiming within that moment found the feed not yet due.
  const { rowCount } = await pool.query(
    `UPDATE provider_feed SET next_harvest_at = date_trunc('milliseconds', now()) WHERE id = $1`,
    [id],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Claims one due feed for `worker` for `leaseSeconds`, or none. SKIP LOCKED lets two processes claim two
 * different feeds at once, and the due-and-unclaimed condition, checked again under the row lock, lets
 * only one of them claim any given feed.
 */
export async function claimDueFeed(
  pool: pg.Pool,
  options: { worker: string; leaseSeconds: number },
): Promise<ProviderFeed | null> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE provider_feed SET claimed_by = $1, claimed_until = now() + make_interval(secs => $2)
      WHERE id = (SELECT id FROM provider_feed
                   WHERE next_harvest_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                   ORDER BY next_harvest_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`,
    [options.worker, options.leaseSeconds],
  );
  return rows[0] ? findFeed(pool, rows[0].id) : null;
}

/** Longest wait after failures: a day, or the schedule itself when that is longer. */
const longestBackoffMinutes = 24 * 60;

export type HarvestOutcome =
  | { outcome: 'imported'; runId: string; validators: FeedValidators }
  | { outcome: 'not_modified' }
  | { outcome: 'failed'; error: string; runId?: string | undefined };

/**
 * Settles a claimed feed. A success (imported, or unchanged since the last harvest) schedules the next
 * harvest one schedule on; a failure keeps the validators of the last good harvest (so the next try fetches
 * the whole feed) and waits longer after each failure in a row: the schedule, twice it, four times…, at most
 * a day (or the schedule, when longer).
 */
export async function settleHarvest(
  pool: pg.Pool,
  options: { feedId: string; worker: string; result: HarvestOutcome },
): Promise<void> {
  const { result } = options;
  if (result.outcome === 'failed') {
    await pool.query(
      `UPDATE provider_feed SET claimed_by = NULL, claimed_until = NULL, last_attempt_at = now(), last_outcome = 'failed',
              last_error = $3, last_run_id = COALESCE($4, last_run_id), consecutive_failures = consecutive_failures + 1,
              next_harvest_at = now() + make_interval(mins => LEAST(schedule_minutes * power(2, consecutive_failures)::int,
                                                                      GREATEST(schedule_minutes, $5)))
        WHERE id = $1 AND claimed_by = $2`,
      [options.feedId, options.worker, result.error, result.runId ?? null, longestBackoffMinutes],
    );
    return;
  }
  await pool.query(
    `UPDATE provider_feed SET claimed_by = NULL, claimed_until = NULL, last_attempt_at = now(), last_success_at = now(),
            last_outcome = $3, last_error = NULL, consecutive_failures = 0,
            etag = CASE WHEN $3 = 'imported' THEN $4 ELSE etag END,
            last_modified = CASE WHEN $3 = 'imported' THEN $5 ELSE last_modified END,
            last_run_id = COALESCE($6, last_run_id),
            next_harvest_at = now() + make_interval(mins => schedule_minutes)
      WHERE id = $1 AND claimed_by = $2`,
    [
      options.feedId,
      options.worker,
      result.outcome,
      result.outcome === 'imported' ? result.validators.etag : null,
      result.outcome === 'imported' ? result.validators.lastModified : null,
      result.outcome === 'imported' ? result.runId : null,
    ],
  );
}
