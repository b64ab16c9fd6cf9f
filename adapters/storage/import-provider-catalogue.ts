import type { FeedFormat } from '../feeds/open-feed.js';
import type { Database } from './database.js';
import { importCatalogueFile, type ImportReport } from './import-catalogue-file.js';

/**
 * A provider's catalogue file — a harvest of its feed or an upload through its API — imported as the very
 * run `veileder import --own-feed-of PROVIDER --source SOURCE` makes: the same rejections with their lines,
 * the same withdrawal rules for a complete file, and the own-feed rule that the file may list only this
 * provider's offerings (any other provider's is rejected, so a provider never writes another's offerings).
 * The run is tagged as the provider's the moment it starts, so its report can be asked for at once.
 */

export type ProviderImportOptions = {
  provider: { id: string; name: string };
  /** The own-feed source the offerings are stored under: one per registered feed, one for uploads. */
  source: string;
  file: string;
  /** Shown as the run's file: the feed's URL, or "upload". */
  label: string;
  format: FeedFormat | undefined;
  mapping?: string | undefined;
  full: boolean;
  origin: 'harvest' | 'upload';
  feedId?: string | undefined;
  usdToNok: number;
  onRunStarted?: (runId: string) => void;
};

export async function importProviderCatalogue(
  database: Database,
  options: ProviderImportOptions,
): Promise<ImportReport> {
  const { pool } = database;
  const report = await importCatalogueFile(database, {
    file: options.file,
    format: options.format,
    mapping: options.mapping,
    source: options.source,
    ownFeedOf: options.provider.name,
    provider: options.provider.name,
    full: options.full,
    usdToNok: options.usdToNok,
    async onRunStarted(runId) {
      await pool.query('UPDATE import_run SET file = $2 WHERE id = $1', [runId, options.label]);
      await pool.query('INSERT INTO provider_run (run_id, provider_id, feed_id, origin) VALUES ($1, $2, $3, $4)', [
        runId,
        options.provider.id,
        options.feedId ?? null,
        options.origin,
      ]);
      options.onRunStarted?.(runId);
    },
  });
  await pool.query('UPDATE provider_run SET withdrawn_offering_ids = $2, withdrawals_held = $3 WHERE run_id = $1', [
    report.runId,
    report.withdrawnOfferingIds,
    JSON.stringify(report.withdrawalsHeld),
  ]);
  return { ...report, file: options.label };
}
