import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { maximumRejectedShare } from '../../src/catalogue/withdrawal-guard.js';
import type { Logger } from '../logging.js';
import type { Database } from '../storage/database.js';
import { importProviderCatalogue } from '../storage/import-provider-catalogue.js';
import { claimDueFeed, settleHarvest, type HarvestOutcome, type ProviderFeed } from '../storage/provider-feed-store.js';
import { fetchFeed } from './fetch-feed.js';

/**
 * One harvest round: claims each due feed in turn, fetches it (conditionally), imports a changed one as the
 * provider's own feed, and settles it. A feed that fails — unreachable, an HTTP error, too large, too slow,
 * unreadable, or mostly rejects — keeps its last good catalogue: nothing is withdrawn on its account (the
 * import's withdrawal guard holds back withdrawals from a mostly rejected file), it is flagged in catalogue
 * care and on the provider's page, and it waits longer before the next try.
 */

export type HarvestSettings = {
  maximumBytes: number;
  timeoutSeconds: number;
  maximumRedirects: number;
  allowPrivateAddresses: boolean;
  usdToNok: number;
};

export type HarvestedFeed = { feedId: string; url: string } & HarvestOutcome;

export async function harvestDueFeeds(options: {
  database: Database;
  settings: HarvestSettings;
  worker: string;
  log: Logger;
}): Promise<HarvestedFeed[]> {
  const { database, settings, worker, log } = options;
  // The lease outlasts the fetch and a generous import; a feed whose import runs longer may be harvested twice.
  const leaseSeconds = settings.timeoutSeconds + 30 * 60;
  const harvested: HarvestedFeed[] = [];
  for (;;) {
    const feed = await claimDueFeed(database.pool, { worker, leaseSeconds });
    if (!feed) return harvested;
    const result = await harvestFeed({ database, settings, feed });
    await settleHarvest(database.pool, { feedId: feed.id, worker, result });
    if (result.outcome === 'failed')
      log.error(`Harvest of ${feed.url} (${feed.providerName}) failed; its catalogue is kept`, { error: result.error });
    else log.info(`Harvest of ${feed.url} (${feed.providerName}): ${result.outcome.replace('_', ' ')}`);
    harvested.push({ feedId: feed.id, url: feed.url, ...result });
  }
}

async function harvestFeed(options: {
  database: Database;
  settings: HarvestSettings;
  feed: ProviderFeed;
}): Promise<HarvestOutcome> {
  const { database, settings, feed } = options;
  const directory = await mkdtemp(path.join(tmpdir(), 'veileder-harvest-'));
  let runId: string | undefined;
  try {
    const file = path.join(directory, 'feed');
    const fetched = await fetchFeed({
      url: feed.url,
      validators: feed.validators,
      file,
      maximumBytes: settings.maximumBytes,
      timeoutMs: settings.timeoutSeconds * 1000,
      maximumRedirects: settings.maximumRedirects,
      allowPrivateAddresses: settings.allowPrivateAddresses,
    });
    if (fetched.status === 'not_modified') return { outcome: 'not_modified' };
    let mapping: string | undefined;
    if (feed.mapping !== null) {
      mapping = path.join(directory, 'mapping.json');
      await writeFile(mapping, JSON.stringify(feed.mapping));
    }
    const report = await importProviderCatalogue(database, {
      provider: { id: feed.providerId, name: feed.providerName },
      source: feed.source,
      file,
      label: feed.url,
      format: feed.format,
      mapping,
      full: true,
      origin: 'harvest',
      feedId: feed.id,
      usdToNok: settings.usdToNok,
      onRunStarted: (id) => {
        runId = id;
      },
    });
    if (report.read === 0)
      return { outcome: 'failed', runId, error: 'the feed lists no offerings; the catalogue from it is kept' };
    if (report.rejected / report.read > maximumRejectedShare)
      return {
        outcome: 'failed',
        runId,
        error: `${report.rejected} of ${report.read} records rejected; nothing was withdrawn (first: line ${report.rejections[0]?.line}: ${report.rejections[0]?.reason})`,
      };
    return { outcome: 'imported', runId: report.runId, validators: fetched.validators };
  } catch (error) {
    return { outcome: 'failed', runId, error: (error as Error).message };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
