import type pg from 'pg';
import type { OfferingRow } from './rows.generated.js';

/**
 * A running server holds the catalogue and its vector index in memory; an import in another process tells it
 * through this PostgreSQL notification channel that offerings changed. The payload carries no ids (a
 * notification holds at most 8,000 bytes): the listener works out what changed itself.
 */
export const catalogueChangedChannel = 'veileder_catalogue_changed';

export async function notifyCatalogueChanged(options: { pool: pg.Pool; reason: string }): Promise<void> {
  await options.pool.query('SELECT pg_notify($1, $2)', [catalogueChangedChannel, options.reason.slice(0, 200)]);
}

/** Changes when an offering is added, changed, withdrawn or deleted; one cheap aggregate, for polling. */
export async function catalogueVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ count: number; latest: Date | null }>(
    'SELECT count(*)::int AS count, max(updated_at) AS latest FROM offering',
  );
  return `${rows[0]?.count ?? 0}@${rows[0]?.latest?.toISOString() ?? '-'}`;
}

/** The active offerings as the database has them now: id → last update, to compare with what is in memory. */
export async function activeOfferingVersions(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<Pick<OfferingRow, 'id' | 'updated_at'>>(
    `SELECT id, updated_at FROM offering WHERE status = 'active'`,
  );
  return new Map(rows.map((row) => [row.id, row.updated_at.getTime()]));
}
