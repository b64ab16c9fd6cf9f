import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CatalogueStore } from '../../src/catalogue/catalogue-store.js';
import { csvMappingSchema, type CsvMapping } from '../../src/catalogue/csv-mapping.js';
import type { FeedItem } from '../../src/catalogue/feed-item.js';
import { describeValidationError, feedOfferingSchema } from '../../src/catalogue/feed-offering.js';
import { importOfferings, type PreparedItem } from '../../src/catalogue/import-offerings.js';
import { normaliseOffering } from '../../src/catalogue/normalise-offering.js';
import { defaultProviderDirectory, type ProviderDirectory } from '../../src/catalogue/provider-directory.js';
import { readCsvFeed } from '../feeds/csv-feed.js';
import { readElmXmlFeed } from '../feeds/elm-xml-feed.js';
import { readJsonLdFeed } from '../feeds/json-ld-feed.js';
import { readJsonLinesFeed } from '../feeds/jsonl-feed.js';
import { sniffFeedEncoding, toUtf8, type FeedEncoding } from '../feeds/feed-encoding.js';
import { detectFeedFormat, FeedFileError, openFeed, readFeedStart, type FeedFormat } from '../feeds/open-feed.js';
import { notifyCatalogueChanged } from './catalogue-changes.js';
import { createCatalogueStore } from './catalogue-store.js';
import type { Database } from './database.js';

/**
 * `veileder import` as a function: reads a feed file (JSON Lines, CSV with a mapping, schema.org or ELM
 * JSON-LD, ELM's learning-opportunity XML; gzipped or not), validates and normalises each record, and imports it. Bad records become
 * rejections with their line; only a file that cannot be read at all throws (FeedFileError).
 */

export type ImportCatalogueFileOptions = {
  file: string;
  format?: FeedFormat;
  /** Default: UTF-8, unless a CSV's first 64 KB hold bytes that are not UTF-8 and no character that is. */
  encoding?: FeedEncoding;
  /** Source name every record is stored under; default: each record's own "source", else the mapping's, else the file name. */
  source?: string;
  /** Column mapping (JSON) for CSV files. */
  mapping?: string;
  /** Default true: records of this source missing from the file are withdrawn. */
  full?: boolean;
  /** The provider whose own feed the file is (needs `source`): see importOfferings. */
  ownFeedOf?: string;
  /** The provider of schema.org courses that name none (`--provider`). */
  provider?: string;
  /** Lets a full import withdraw more than the guard's share of a source (src/catalogue/withdrawal-guard.ts). */
  allowMassWithdrawal?: boolean;
  /** Records read so far, and the share of the file read (0–1), for a progress bar. */
  onProgress?: (done: number, fractionOfFile: number) => void;
  /** NOK per USD; default from configuration (10.75). */
  usdToNok?: number;
  directory?: ProviderDirectory;
  /**
   * Hears the run's id as soon as the run is recorded, before any record is read: the providers' upload API
   * answers with it at once and tags the run as the provider's (adapters/storage/provider-run-store.ts).
   */
  onRunStarted?: (runId: string) => Promise<void>;
};

export type ImportReport = {
  runId: string;
  source: string;
  format: FeedFormat;
  /** The encoding the file was read in. */
  encoding: FeedEncoding;
  file: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  merged: number;
  withdrawn: number;
  seconds: number;
  changedOfferingIds: string[];
  withdrawnOfferingIds: string[];
  /** New offerings kept apart because another provider's offering has their URL (listed in catalogue care). */
  suggestedDuplicates: number;
  /** Sources whose missing records a full import kept rather than withdrew, and why. */
  withdrawalsHeld: { source: string; missing: number; reason: string }[];
  /** The first 100 rejections; all are stored as ImportRejection rows of the run. */
  rejections: { line: number; reason: string }[];
};

/** A record may take at most this much of a JSON Lines or CSV file (a 10 MB line is rejected, not read). */
const maximumRecordBytes = 2 * 1024 * 1024;
/** Whole-document JSON-LD and XML are read into memory up to this size. */
const maximumDocumentBytes = 50 * 1024 * 1024;

export async function importCatalogueFile(
  database: Database,
  options: ImportCatalogueFileOptions,
): Promise<ImportReport> {
  const report = await importCatalogueFileInto(createCatalogueStore(database.pool), options);
  // A server running on this database re-reads the changed offerings into its search index.
  await notifyCatalogueChanged({ pool: database.pool, reason: `import ${path.basename(report.file)}` });
  return report;
}

/** The same import into any catalogue store (the in-memory one: adapters/storage/memory-catalogue-store.ts). */
export async function importCatalogueFileInto(
  given: CatalogueStore,
  options: ImportCatalogueFileOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const file = path.resolve(options.file);
  const format = options.format ?? (await detectFeedFormat(file));
  if (options.ownFeedOf && !options.source)
    throw new FeedFileError("A provider's own feed needs a source name: pass --source NAME with --own-feed-of");
  const mapping = format === 'csv' ? await loadMapping(options.mapping) : undefined;
  const directory = options.directory ?? defaultProviderDirectory();
  const size = (await stat(file).catch(() => undefined))?.size ?? 0;
  // JSON is UTF-8 by its standard (RFC 8259); only a CSV is guessed at.
  const encoding =
    options.encoding ?? (format === 'csv' ? sniffFeedEncoding(await readFeedStart(file, 64 * 1024)) : 'utf-8');
  let bytesRead = 0;
  const stream = toUtf8(await openFeed(file, { onBytes: (bytes) => (bytesRead = bytes) }), encoding);
  const items = readItems({ stream, format, mapping, provider: options.provider });
  const fallbackSource =
    mapping?.source ??
    path
      .basename(file)
      .replace(/\.gz$/, '')
      .replace(/\.[^.]+$/, '');
  const onRunStarted = options.onRunStarted;
  // The caller's store is left as it is: this import alone hears of its run (stores are plain objects).
  const store: CatalogueStore = onRunStarted
    ? {
        ...given,
        async startRun(run) {
          const runId = await given.startRun(run);
          await onRunStarted(runId);
          return runId;
        },
      }
    : given;
  try {
    const result = await importOfferings({
      store,
      directory,
      items: prepare({
        items,
        forcedSource: options.source,
        fallbackSource,
        directory,
        usdToNok: options.usdToNok ?? 10.75,
      }),
      source: options.source ?? fallbackSource,
      format,
      file,
      full: options.full ?? true,
      allowMassWithdrawal: options.allowMassWithdrawal,
      ownFeedOf: options.ownFeedOf,
      onProgress: options.onProgress
        ? (done) => options.onProgress?.(done, size ? Math.min(1, bytesRead / size) : 1)
        : undefined,
    });
    const { sources, ...counts } = result;
    return {
      ...counts,
      source: options.source ?? (sources.join(',') || fallbackSource),
      format,
      encoding,
      file,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    stream.destroy();
  }
}

async function loadMapping(file: string | undefined): Promise<CsvMapping> {
  if (!file)
    throw new FeedFileError('A CSV file needs a column mapping: pass --mapping FILE (see data/mappings/ for examples)');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new FeedFileError(`Cannot read the mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = csvMappingSchema.safeParse(json);
  if (!parsed.success)
    throw new FeedFileError(`The mapping ${file} is not valid: ${describeValidationError(parsed.error)}`);
  return parsed.data;
}

function readItems(options: {
  stream: Readable;
  format: FeedFormat;
  mapping: CsvMapping | undefined;
  provider: string | undefined;
}): AsyncGenerator<FeedItem> {
  const { stream, format, mapping } = options;
  if (format === 'jsonl') return readJsonLinesFeed(stream, { maximumLineBytes: maximumRecordBytes });
  if (format === 'csv') return readCsvFeed(stream, { mapping: mapping as CsvMapping, maximumRecordBytes });
  if (format === 'elm-xml') return readElmXmlFeed(stream, { maximumBytes: maximumDocumentBytes });
  return readJsonLdFeed(stream, { flavour: format, maximumBytes: maximumDocumentBytes, provider: options.provider });
}

async function* prepare(options: {
  items: AsyncIterable<FeedItem>;
  forcedSource: string | undefined;
  fallbackSource: string;
  directory: ProviderDirectory;
  usdToNok: number;
}): AsyncGenerator<PreparedItem> {
  for await (const item of options.items) {
    if ('rejection' in item) {
      yield item;
      continue;
    }
    const parsed = feedOfferingSchema.safeParse(item.value);
    if (!parsed.success) {
      yield { line: item.line, raw: item.raw, rejection: describeValidationError(parsed.error) };
      continue;
    }
    const source = options.forcedSource ?? parsed.data.source ?? options.fallbackSource;
    const record = normaliseOffering({
      offering: parsed.data,
      source,
      provider: options.directory.find(parsed.data.provider),
      usdToNok: options.usdToNok,
    });
    yield { line: item.line, raw: item.raw, record };
  }
}
