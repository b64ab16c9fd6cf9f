import { createHash, randomUUID } from 'node:crypto';
import type {
  CatalogueStore,
  DuplicateSuggestionRow,
  ImportCounts,
  ImportRejectionRow,
  OfferingRow,
  SourceRow,
  StoredSource,
} from './catalogue-store.js';
import { dedupeKey, sameProvider, urlKey } from './duplicate-keys.js';
import type { FeedRejection } from './feed-item.js';
import { mergeRecords } from './merge-records.js';
import type { OfferingRecord } from './offering.js';
import type { ProviderDirectory } from './provider-directory.js';
import { judgeWithdrawal } from './withdrawal-guard.js';

/**
 * Imports one feed's normalised records into the catalogue, idempotently: a record whose content hash is
 * unchanged is left alone; a changed one updates its offering; a new one joins an offering another feed
 * already describes for the same provider (same URL, or same provider + title + place) or becomes a new
 * offering — one that shares its URL with another provider's offering is kept as a suggested duplicate,
 * never merged, so no feed writes another provider's offering. A full import withdraws the feed's records
 * it no longer lists — unless the file was cut off, is mostly rejects, or would withdraw most of a source
 * (withdrawal-guard.ts); an offering with no active record left is withdrawn, never deleted
 * (recommendations and ratings still point at it).
 */

export type PreparedItem = { line: number; raw: string; record: OfferingRecord } | FeedRejection;

export type ImportOfferingsOptions = {
  store: CatalogueStore;
  directory: ProviderDirectory;
  items: AsyncIterable<PreparedItem>;
  /** The run's label; each record is stored under its own `source` (a feed in Veileder's own schema may mix feeds). */
  source: string;
  format: string;
  file: string;
  /** Full (default): records of this source missing from the feed are withdrawn. */
  full?: boolean;
  /**
   * Declares `source` this provider's own feed (kept for later imports): it may list only this provider's
   * offerings, and its fields win over an aggregator's where both describe one offering.
   */
  ownFeedOf?: string;
  /** Lets a full import withdraw more than the guard's share of a source (withdrawal-guard.ts). */
  allowMassWithdrawal?: boolean;
  batchSize?: number;
  onProgress?: (done: number) => void;
};

export type ImportResult = ImportCounts & {
  runId: string;
  /** Every source the feed's records belong to. */
  sources: string[];
  changedOfferingIds: string[];
  withdrawnOfferingIds: string[];
  /** New offerings kept apart because another provider's offering has their URL (listed in catalogue care). */
  suggestedDuplicates: number;
  /** Sources whose missing records a full import kept, and why. */
  withdrawalsHeld: { source: string; missing: number; reason: string }[];
  /** The first 100; every rejection is stored with the run. */
  rejections: { line: number; reason: string }[];
};

const reportedRejections = 100;

export async function importOfferings(options: ImportOfferingsOptions): Promise<ImportResult> {
  const runId = await options.store.startRun({
    source: options.source,
    format: options.format,
    file: options.file,
    full: options.full ?? true,
  });
  const counts: ImportCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, merged: 0, withdrawn: 0 };
  try {
    return await importRun({ ...options, runId, counts });
  } catch (error) {
    // The file could not be read to its end (a cut gzip stream, a dropped connection): the run says so. If
    // even that fails, the run is settled later as abandoned; the error worth seeing is the first one.
    await options.store.failRun({ runId, counts, failure: (error as Error).message }).catch(() => {});
    throw error;
  }
}

async function importRun(
  options: ImportOfferingsOptions & { runId: string; counts: ImportCounts },
): Promise<ImportResult> {
  const { store, directory, runId, counts } = options;
  const full = options.full ?? true;
  const batchSize = options.batchSize ?? 500;
  const providerIds = await store.saveProviders({
    update: true,
    providers: directory.entries.map((entry) => ({
      key: directory.keyOf(entry.name),
      name: entry.name,
      kind: entry.kind,
      ownership: entry.ownership,
      country: entry.country ?? null,
      accreditedBy: entry.accreditedBy,
      accreditationSource: entry.accreditationSource,
      accreditationNote: entry.note ?? entry.approval ?? null,
    })),
  });
  const context: BatchContext = {
    store,
    directory,
    runId,
    indexes: new Map(),
    providerIds,
    providerKeys: new Map(),
    ownFeeds: new Map(),
    counts,
    changed: new Set(),
    suggestedDuplicates: 0,
  };
  if (options.ownFeedOf) {
    await ensureProviders(context, [options.ownFeedOf]);
    await store.saveOwnFeed({
      source: options.source,
      providerId: providerIds.get(directory.keyOf(options.ownFeedOf)) as string,
    });
  }
  context.ownFeeds = await store.loadOwnFeeds();
  const firstLineOf = new Map<string, Map<string, number>>(); // source → external id → line, to catch an id repeated in one feed
  const rejections: ImportRejectionRow[] = [];
  const reported: ImportResult['rejections'] = [];
  let batch: { line: number; record: OfferingRecord }[] = [];
  let writing: Promise<void> = Promise.resolve();
  let cutOffLine: number | undefined;

  const reject = async (item: { line: number; raw: string }, reason: string, flush = false) => {
    counts.rejected += 1;
    rejections.push({ line: item.line, reason, raw: item.raw });
    if (reported.length < reportedRejections) reported.push({ line: item.line, reason });
    if (flush || rejections.length >= batchSize)
      await store.saveRejections({ runId, rejections: rejections.splice(0) });
  };

  try {
    for await (const item of options.items) {
      counts.read += 1;
      const owner = 'record' in item ? context.ownFeeds.get(item.record.source) : undefined;
      if ('rejection' in item) {
        if (item.cutOff) cutOffLine = item.line;
        await reject(item, item.rejection);
      } else if (owner !== undefined && !sameProvider(owner, keyOf(context, item.record.providerName))) {
        await reject(
          item,
          `source "${item.record.source}" is the own feed of another provider; it may list only that provider's offerings, not "${item.record.providerName}"`,
        );
      } else {
        const lines =
          firstLineOf.get(item.record.source) ??
          (firstLineOf.set(item.record.source, new Map()).get(item.record.source) as Map<string, number>);
        const first = lines.get(item.record.externalId);
        if (first !== undefined) {
          await reject(
            item,
            `id "${item.record.externalId}" was already read on line ${first}; a feed must not list one offering twice`,
          );
        } else {
          lines.set(item.record.externalId, item.line);
          batch.push(item);
        }
      }
      if (batch.length >= batchSize) {
        // Batches are written one after another, in file order (a batch's duplicates are found among what the
        // ones before it wrote); while one is written, the next is read and normalised, so the database and
        // this process work at the same time.
        await writing;
        writing = importBatch(context, batch).then(() => options.onProgress?.(counts.read));
        // Heard by the `await` above or below; until then, a failed write must not count as unhandled.
        writing.catch(() => {});
        batch = [];
      }
    }
  } catch (error) {
    // The run fails only once the batch being written has settled.
    await writing.catch(() => {});
    throw error;
  }
  await writing;
  if (batch.length) await importBatch(context, batch);
  if (rejections.length) await store.saveRejections({ runId, rejections: rejections.splice(0) });
  options.onProgress?.(counts.read);

  const withdrawnOfferingIds: string[] = [];
  const withdrawalsHeld: ImportResult['withdrawalsHeld'] = [];
  if (full) {
    for (const [source, seen] of firstLineOf) {
      const active = [...(await indexOf(context, source))].filter(([, stored]) => stored.status === 'active');
      const missing = active.filter(([externalId]) => !seen.has(externalId)).map(([externalId]) => externalId);
      if (missing.length === 0) continue;
      const verdict = judgeWithdrawal({
        cutOffLine,
        read: counts.read,
        rejected: counts.rejected,
        active: active.length,
        missing: missing.length,
        allowMassWithdrawal: options.allowMassWithdrawal ?? false,
      });
      if (verdict.withdraw) withdrawnOfferingIds.push(...(await withdrawMissing(context, source, missing)));
      else withdrawalsHeld.push({ source, missing: missing.length, reason: verdict.reason });
    }
  }
  await store.finishRun({ runId, counts, sources: [...firstLineOf.keys()] });
  return {
    runId,
    sources: [...firstLineOf.keys()],
    ...counts,
    changedOfferingIds: [...context.changed],
    suggestedDuplicates: context.suggestedDuplicates,
    withdrawnOfferingIds,
    withdrawalsHeld,
    rejections: reported,
  };
}

type BatchContext = {
  store: CatalogueStore;
  directory: ProviderDirectory;
  runId: string;
  /** source → external id → what is stored, loaded when a source is first met. */
  indexes: Map<string, Map<string, StoredSource>>;
  providerIds: Map<string, string>;
  /** Provider name as a feed writes it → its key (ProviderDirectory.keyOf). */
  providerKeys: Map<string, string>;
  /** Own feeds: source → provider key. */
  ownFeeds: Map<string, string>;
  counts: ImportCounts;
  changed: Set<string>;
  suggestedDuplicates: number;
};

async function importBatch(context: BatchContext, batch: { line: number; record: OfferingRecord }[]): Promise<void> {
  const sources = [...new Set(batch.map((item) => item.record.source))];
  for (const source of sources)
    await importSourceBatch(
      context,
      source,
      batch.filter((item) => item.record.source === source),
    );
}

async function indexOf(context: BatchContext, source: string): Promise<Map<string, StoredSource>> {
  let index = context.indexes.get(source);
  if (!index) {
    index = await context.store.loadSourceIndex(source);
    context.indexes.set(source, index);
  }
  return index;
}

async function importSourceBatch(
  context: BatchContext,
  source: string,
  batch: { line: number; record: OfferingRecord }[],
): Promise<void> {
  const { store, counts } = context;
  const index = await indexOf(context, source);
  const work: { record: OfferingRecord; hash: string; offeringId?: string }[] = [];
  for (const { record } of batch) {
    const hash = contentHash(record);
    const stored = index.get(record.externalId);
    if (stored && stored.contentHash === hash && stored.status === 'active') {
      counts.unchanged += 1;
      continue;
    }
    if (stored) counts.updated += 1;
    work.push({ record, hash, offeringId: stored?.offeringId });
  }
  if (work.length === 0) return;

  // New records: join an offering another feed already describes, or start a new one.
  const fresh = work
    .filter((item) => item.offeringId === undefined)
    .map((item) => {
      const providerKey = keyOf(context, item.record.providerName);
      return {
        item,
        providerKey,
        url: urlKey(item.record.url),
        dedupe: dedupeKey({ providerKey, record: item.record }),
      };
    });
  const candidates = fresh.length
    ? await store.findDuplicateCandidates({
        source,
        urlKeys: fresh.map((keys) => keys.url).filter((key): key is string => key !== null),
        dedupeKeys: fresh.map((keys) => keys.dedupe),
      })
    : [];
  const claimed = new Set<string>(); // one offering takes at most one record of this feed
  const created = new Set<string>();
  const suggestions: DuplicateSuggestionRow[] = [];
  for (const { item, ...keys } of fresh) {
    const sameUrl = candidates.filter((candidate) => keys.url !== null && candidate.urlKey === keys.url);
    const match =
      sameUrl.find(
        (candidate) => sameProvider(candidate.providerKey, keys.providerKey) && !claimed.has(candidate.offeringId),
      ) ?? candidates.find((candidate) => candidate.dedupeKey === keys.dedupe && !claimed.has(candidate.offeringId));
    if (match) {
      claimed.add(match.offeringId);
      item.offeringId = match.offeringId;
      counts.merged += 1;
    } else {
      const offeringId = randomUUID();
      item.offeringId = offeringId;
      created.add(offeringId);
      counts.inserted += 1;
      for (const other of sameUrl) {
        if (!sameProvider(other.providerKey, keys.providerKey))
          suggestions.push({ offeringId, duplicateOfId: other.offeringId, reason: 'same_url' });
      }
    }
  }

  // A new offering has no other feed's records to merge with: only updated and joined ones are looked up.
  const others = groupByOffering(
    await store.loadOtherSourceRecords({
      offeringIds: work.map((item) => item.offeringId as string).filter((offeringId) => !created.has(offeringId)),
      exceptSource: source,
    }),
  );
  await ensureProviders(context, [
    ...work.map((item) => item.record.providerName),
    ...[...others.values()].flat().map((record) => record.providerName),
  ]);
  const offerings: OfferingRow[] = [];
  const sources: SourceRow[] = [];
  for (const item of work) {
    const offeringId = item.offeringId as string;
    offerings.push(offeringRow(context, offeringId, [item.record, ...(others.get(offeringId) ?? [])]));
    sources.push({
      offeringId,
      source,
      externalId: item.record.externalId,
      contentHash: item.hash,
      record: item.record,
    });
    index.set(item.record.externalId, { offeringId, contentHash: item.hash, status: 'active' });
    context.changed.add(offeringId);
  }
  await store.writeBatch({ runId: context.runId, offerings, sources, suggestions });
  context.suggestedDuplicates += new Set(suggestions.map((suggestion) => suggestion.offeringId)).size;
}

/** Other feeds' records by the offering they describe, in the order the store gave them. */
function groupByOffering(records: { offeringId: string; record: OfferingRecord }[]): Map<string, OfferingRecord[]> {
  const grouped = new Map<string, OfferingRecord[]>();
  for (const { offeringId, record } of records) {
    const group = grouped.get(offeringId);
    if (group) group.push(record);
    else grouped.set(offeringId, [record]);
  }
  return grouped;
}

/** A provider's key, worked out once per name in a run (a feed names a few providers thousands of times). */
function keyOf(context: BatchContext, name: string): string {
  let key = context.providerKeys.get(name);
  if (key === undefined) {
    key = context.directory.keyOf(name);
    context.providerKeys.set(name, key);
  }
  return key;
}

async function ensureProviders(context: BatchContext, names: string[]): Promise<void> {
  const missing = new Map<string, string>();
  for (const name of names) {
    const key = keyOf(context, name);
    if (!context.providerIds.has(key)) missing.set(key, name);
  }
  if (missing.size === 0) return;
  // Not in data/providers.json: created as unknown, with no accreditation — nothing is guessed.
  const saved = await context.store.saveProviders({
    update: false,
    providers: [...missing].map(([key, name]) => ({
      key,
      name,
      kind: 'unknown',
      ownership: null,
      country: null,
      accreditedBy: null,
      accreditationSource: null,
      accreditationNote: null,
    })),
  });
  for (const [key, id] of saved) context.providerIds.set(key, id);
}

function offeringRow(context: BatchContext, id: string, records: OfferingRecord[]): OfferingRow {
  const merged = mergeRecords(records, { ownFeeds: new Set(context.ownFeeds.keys()) });
  const { providerName, ...fields } = merged;
  const providerKey = keyOf(context, providerName);
  return {
    ...fields,
    id,
    providerId: context.providerIds.get(providerKey) as string,
    urlKey: urlKey(merged.url),
    dedupeKey: dedupeKey({ providerKey, record: merged }),
    contentHash: contentHash(merged),
  };
}

/** Withdraws this feed's records the full import did not list, and offerings left with no active record. */
async function withdrawMissing(context: BatchContext, source: string, missing: string[]): Promise<string[]> {
  const { store } = context;
  const offeringIds = [...new Set(await store.withdrawSources({ source, externalIds: missing }))];
  context.counts.withdrawn += missing.length;
  const remaining = await store.loadOtherSourceRecords({ offeringIds, exceptSource: source });
  const stillDescribed = new Set(remaining.map((other) => other.offeringId));
  const withdrawn = offeringIds.filter((offeringId) => !stillDescribed.has(offeringId));
  await store.withdrawOfferings(withdrawn);
  // An offering another feed still describes stays, rebuilt from what those feeds say.
  await ensureProviders(
    context,
    remaining.map((other) => other.record.providerName),
  );
  const rebuilt = [...stillDescribed].map((offeringId) =>
    offeringRow(
      context,
      offeringId,
      remaining.filter((other) => other.offeringId === offeringId).map((other) => other.record),
    ),
  );
  if (rebuilt.length) await store.writeBatch({ runId: context.runId, offerings: rebuilt, sources: [] });
  for (const offering of rebuilt) context.changed.add(offering.id);
  for (const offeringId of withdrawn) context.changed.delete(offeringId);
  return withdrawn;
}

/** sha256 of the record with keys in a fixed order, so the same content always hashes the same. */
function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
