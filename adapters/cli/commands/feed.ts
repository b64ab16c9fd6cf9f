import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { csvMappingSchema } from '../../../src/catalogue/csv-mapping.js';
import { describeValidationError } from '../../../src/catalogue/feed-offering.js';
import { defaultProviderDirectory } from '../../../src/catalogue/provider-directory.js';
import { loadConfiguration } from '../../configuration.js';
import { VeilederError } from '../../../src/errors.js';
import { harvestDueFeeds } from '../../feeds/harvest-feeds.js';
import { feedFormats } from '../../feeds/open-feed.js';
import { silentLogger } from '../../logging.js';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { findProvider } from '../../storage/provider-key-store.js';
import { harvestFeedSoon, listFeeds, registerFeed, removeFeed } from '../../storage/provider-feed-store.js';
import { UsageError, type Command } from './command.js';

/**
 * Providers' registered feeds (docs/providers.md):
 *   veileder feed add PROVIDER URL --format F [--mapping FILE] [--every MINUTES] [--new-provider]
 *   veileder feed list [--json]
 *   veileder feed harvest [FEED_ID]    harvest the due feeds (or this one) now, in this process
 *   veileder feed remove FEED_ID
 */

const usage = `Usage: veileder feed add PROVIDER_ID_OR_NAME URL --format ${feedFormats.join('|')} [--mapping FILE] [--every MINUTES] [--new-provider]
       veileder feed list [--json]
       veileder feed harvest [FEED_ID]
       veileder feed remove FEED_ID
  --every         how often the feed is harvested, in minutes (default 1440, once a day)
  --mapping       a CSV feed's column mapping (see data/mappings/)
  --new-provider  create the provider under this name when no provider has it yet`;

const addOptionsSchema = z.object({
  url: z
    .url({ error: 'must be an http(s) URL' })
    .refine((url) => /^https?:\/\//i.test(url), { error: 'must be an http(s) URL' }),
  format: z.enum(feedFormats, { error: `must be one of ${feedFormats.join(', ')}` }),
  every: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(1, { error: 'must be at least 1 minute' }),
});

function parseFeedArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      mapping: { type: 'string' },
      every: { type: 'string', default: '1440' },
      'new-provider': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfiguration().storage);
  try {
    await migrate(database.pool);
    return await work(database);
  } finally {
    await database.close();
  }
}

export const feedCommand: Command = {
  summary:
    "providers' feeds harvested on a schedule: add PROVIDER URL --format F, list, harvest [FEED_ID], remove FEED_ID",
  async run(args): Promise<number | undefined> {
    let parsed: ReturnType<typeof parseFeedArgs>;
    try {
      parsed = parseFeedArgs(args);
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const { positionals, values } = parsed;
    const [action, ...rest] = positionals;
    if (action === 'add' && rest.length === 2) {
      const checked = addOptionsSchema.safeParse({ url: rest[1], format: values.format, every: values.every });
      if (!checked.success) throw new UsageError(`${describeValidationError(checked.error)}\n${usage}`);
      const mapping = checked.data.format === 'csv' ? await readMapping(values.mapping) : undefined;
      return withDatabase<number | undefined>(async (database) => {
        const provider = await providerNamed(database, rest[0] as string, values['new-provider']);
        const feed = await registerFeed(database.pool, {
          providerId: provider.id,
          url: checked.data.url,
          format: checked.data.format,
          mapping,
          scheduleMinutes: checked.data.every,
        });
        process.stdout.write(
          `Registered feed ${feed.id} of ${provider.name}: ${feed.url} (${feed.format}, every ${feed.scheduleMinutes} min, offerings under source ${feed.source}); the server harvests it at its next check\n`,
        );
      });
    }
    if (action === 'list' && rest.length === 0) {
      return withDatabase<number | undefined>(async (database) => {
        const feeds = await listFeeds(database.pool);
        if (values.json) {
          process.stdout.write(`${JSON.stringify(feeds)}\n`);
          return;
        }
        if (feeds.length === 0) process.stdout.write('No feeds registered: add one with `veileder feed add`.\n');
        for (const feed of feeds)
          process.stdout.write(
            `${feed.id}  ${feed.providerName}  ${feed.url}  ${feed.format} every ${feed.scheduleMinutes} min  ` +
              `last: ${feed.lastOutcome ?? 'never harvested'}${feed.consecutiveFailures ? ` (${feed.consecutiveFailures} failures in a row: ${feed.lastError})` : ''}  ` +
              `next: ${feed.nextHarvestAt.toISOString()}\n`,
          );
      });
    }
    if (action === 'harvest' && rest.length <= 1) {
      return withDatabase<number | undefined>(async (database) => {
        const [feedId] = rest;
        if (feedId && !(await harvestFeedSoon(database.pool, feedId))) throw noFeed(feedId);
        const configuration = loadConfiguration();
        const harvested = await harvestDueFeeds({
          database,
          worker: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
          log: silentLogger,
          settings: {
            maximumBytes: configuration.harvest.catalogueMaxMb * 1024 * 1024,
            timeoutSeconds: configuration.harvest.timeoutSeconds,
            maximumRedirects: 5,
            allowPrivateAddresses: configuration.harvest.allowPrivateAddresses,
            usdToNok: configuration.feeds.usdToNok,
          },
        });
        if (harvested.length === 0) process.stdout.write('No feed is due.\n');
        for (const feed of harvested)
          process.stdout.write(
            `${feed.url}: ${feed.outcome === 'failed' ? `failed: ${feed.error}` : feed.outcome.replace('_', ' ')}${'runId' in feed && feed.runId ? ` (run ${feed.runId})` : ''}\n`,
          );
        return harvested.some((feed) => feed.outcome === 'failed') ? 1 : 0;
      });
    }
    if (action === 'remove' && rest.length === 1) {
      return withDatabase<number | undefined>(async (database) => {
        if (!(await removeFeed(database.pool, rest[0] as string))) throw noFeed(rest[0] as string);
        process.stdout.write(`Removed feed ${rest[0]}; its offerings stay until another import withdraws them.\n`);
      });
    }
    throw new UsageError(usage);
  },
};

async function readMapping(file: string | undefined): Promise<unknown> {
  if (!file) throw new UsageError(`A CSV feed needs --mapping FILE.\n${usage}`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = csvMappingSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(`The mapping ${file} is not valid: ${describeValidationError(parsed.error)}`);
  return json;
}

async function providerNamed(
  database: Database,
  idOrName: string,
  create: boolean,
): Promise<{ id: string; name: string }> {
  const found = await findProvider(database.pool, idOrName);
  if (found) return found;
  if (!create)
    throw new VeilederError({
      code: 'not_found',
      message: `provider ${idOrName} not found`,
      userMessage: `No provider with id or name "${idOrName}"; pass --new-provider to create it.`,
    });
  const directory = defaultProviderDirectory();
  const { rows } = await database.pool.query<{ id: string; name: string }>(
    `INSERT INTO provider (name, normalized_name) VALUES ($1, $2)
       ON CONFLICT (normalized_name) DO UPDATE SET normalized_name = EXCLUDED.normalized_name RETURNING id, name`,
    [idOrName, directory.keyOf(idOrName)],
  );
  return rows[0] as { id: string; name: string };
}

const noFeed = (id: string) =>
  new VeilederError({ code: 'not_found', message: `feed ${id} not found`, userMessage: `No feed ${id}.` });
