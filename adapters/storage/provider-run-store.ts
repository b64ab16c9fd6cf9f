import type pg from 'pg';
import type { ProviderRunReport, ProviderRunSummary } from '../../src/catalogue/provider-page.js';
import type { ImportRejectionRow, ImportRunRow, OfferingRow, ProviderRunRow } from './rows.generated.js';

/**
 * A provider's import runs (harvests and uploads) as its report shows them: counts, every rejection with
 * its line and reason, the offerings withdrawn and the withdrawals held back. Only the provider's own runs
 * are found: another provider's run id answers nothing.
 */

// The columns selectRuns reads from import_run and provider_run; origin and status are free text in the
// tables, written only from these unions (status computed below), and withdrawals_held jsonb from its type.
type RunRow = Pick<
  ImportRunRow,
  | 'id'
  | 'file'
  | 'format'
  | 'full'
  | 'failure'
  | 'started_at'
  | 'finished_at'
  | 'read'
  | 'inserted'
  | 'updated'
  | 'unchanged'
  | 'rejected'
  | 'merged'
  | 'withdrawn'
> &
  Pick<ProviderRunRow, 'feed_id' | 'withdrawn_offering_ids'> & {
    origin: 'harvest' | 'upload';
    status: ProviderRunSummary['status'];
    withdrawals_held: ProviderRunReport['withdrawalsHeld'];
  };

// A run is finished for its report once its withdrawals are recorded too (import-provider-catalogue.ts does so
// just after the import finishes the run); a minute without them means the process died in between.
const selectRuns = `SELECT r.id, pr.origin, pr.feed_id, r.file, r.format, r."full",
       CASE WHEN r.status = 'finished' AND pr.withdrawn_offering_ids IS NULL AND r.finished_at > now() - interval '1 minute'
            THEN 'running' ELSE r.status END AS status, r.failure, r.started_at, r.finished_at,
       r.read, r.inserted, r.updated, r.unchanged, r.rejected, r.merged, r.withdrawn, pr.withdrawn_offering_ids, pr.withdrawals_held
  FROM provider_run pr JOIN import_run r ON r.id = pr.run_id`;

function toSummary(row: RunRow): ProviderRunSummary {
  return {
    id: row.id,
    origin: row.origin,
    feedId: row.feed_id,
    file: row.file,
    format: row.format,
    full: row.full,
    status: row.status,
    failure: row.failure,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: {
      read: row.read,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
      merged: row.merged,
      withdrawn: row.withdrawn,
    },
  };
}

export async function listProviderRuns(
  pool: pg.Pool,
  options: { providerId: string; limit: number },
): Promise<ProviderRunSummary[]> {
  const { rows } = await pool.query<RunRow>(
    `${selectRuns} WHERE pr.provider_id = $1 ORDER BY r.started_at DESC LIMIT $2`,
    [options.providerId, options.limit],
  );
  return rows.map(toSummary);
}

/** One run's report; rejections from `offset`, at most `limit` of them (the counts say how many in all). */
export async function readProviderRun(
  pool: pg.Pool,
  options: { providerId: string; runId: string; offset: number; limit: number },
): Promise<ProviderRunReport | null> {
  if (!/^[0-9a-f-]{36}$/i.test(options.runId)) return null;
  const { rows } = await pool.query<RunRow>(`${selectRuns} WHERE pr.provider_id = $1 AND pr.run_id = $2`, [
    options.providerId,
    options.runId,
  ]);
  const row = rows[0];
  if (!row) return null;
  const rejections = await pool.query<Pick<ImportRejectionRow, 'line' | 'reason' | 'raw'>>(
    'SELECT line, reason, raw FROM import_rejection WHERE run_id = $1 ORDER BY line, id OFFSET $2 LIMIT $3',
    [options.runId, options.offset, options.limit],
  );
  const withdrawals = await pool.query<Pick<OfferingRow, 'id' | 'title'>>(
    'SELECT id, title FROM offering WHERE id = ANY($1::text[]) ORDER BY title',
    [row.withdrawn_offering_ids ?? []],
  );
  return {
    ...toSummary(row),
    rejections: rejections.rows,
    withdrawals: withdrawals.rows.map((offering) => ({ offeringId: offering.id, title: offering.title })),
    withdrawalsHeld: row.withdrawals_held,
  };
}
