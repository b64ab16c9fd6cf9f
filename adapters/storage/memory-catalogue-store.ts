import { randomUUID } from 'node:crypto';
import type { CatalogueStore, OfferingRow, StoredSource } from '../../src/catalogue/catalogue-store.js';
import type { CatalogueOffering, OfferingRecord, ProviderKind } from '../../src/catalogue/offering.js';
import type { OfferingSource } from '../index/retrieval-service.js';

/**
 * The catalogue in the process: the import's storage port (src/catalogue/catalogue-store.ts) kept in maps,
 * and read back the way retrieval reads PostgreSQL (adapters/storage/offering-reader.ts), so the real import
 * pipeline and the real search run without a database (a developer's machine, dialogue tests). Import runs,
 * rejections and duplicate suggestions are catalogue care's, which needs PostgreSQL: they are not kept here.
 */

type MemoryProvider = { id: string; name: string; kind: ProviderKind; accreditedBy: string | null };
type MemoryOffering = OfferingRow & { status: 'active' | 'withdrawn'; updatedAt: Date };
type MemorySource = StoredSource & { source: string; externalId: string; record: OfferingRecord };

export type MemoryCatalogueStore = CatalogueStore & OfferingSource;

export function createMemoryCatalogueStore(): MemoryCatalogueStore {
  const providers = new Map<string, MemoryProvider>();
  const providersById = new Map<string, MemoryProvider>();
  const offerings = new Map<string, MemoryOffering>();
  const sources = new Map<string, MemorySource>();
  const ownFeeds = new Map<string, string>();
  const sourceKey = (source: string, externalId: string) => JSON.stringify([source, externalId]);
  // PostgreSQL text cannot hold NUL, so the SQL store drops it; the same text comes back here.
  const withoutNul = <T>(value: T): T =>
    JSON.parse(
      JSON.stringify(value, (_key, inner: unknown) =>
        typeof inner === 'string' && inner.includes('\u0000') ? inner.replaceAll('\u0000', '') : inner,
      ),
    ) as T;

  const read = (offering: MemoryOffering): CatalogueOffering => {
    const { providerId, urlKey, dedupeKey, contentHash, ...fields } = offering;
    const provider = providersById.get(providerId) as MemoryProvider;
    return {
      ...structuredClone(fields),
      // As the database keeps them: dates, not times.
      startDates: fields.startDates.map((date) => date.slice(0, 10)),
      sources: [...sources.values()]
        .filter((row) => row.offeringId === offering.id && row.status === 'active')
        .map((row) => ({ source: row.source, externalId: row.externalId }))
        .sort((a, b) => compare(a.source, b.source) || compare(a.externalId, b.externalId)),
      provider: { ...provider },
    };
  };

  return {
    async startRun() {
      return randomUUID();
    },
    async finishRun() {},
    async failRun() {},

    async saveOwnFeed({ source, providerId }) {
      const key = [...providers].find(([, provider]) => provider.id === providerId)?.[0];
      if (key !== undefined) ownFeeds.set(source, key);
    },

    async loadOwnFeeds() {
      return new Map(ownFeeds);
    },

    async loadSourceIndex(source) {
      return new Map(
        [...sources.values()]
          .filter((row) => row.source === source)
          .map((row) => [
            row.externalId,
            { offeringId: row.offeringId, contentHash: row.contentHash, status: row.status },
          ]),
      );
    },

    async saveProviders({ providers: inputs, update }) {
      const ids = new Map<string, string>();
      for (const input of inputs) {
        const stored = providers.get(input.key);
        const fields = { name: input.name, kind: input.kind as ProviderKind, accreditedBy: input.accreditedBy };
        if (!stored) {
          const created = { id: randomUUID(), ...fields };
          providers.set(input.key, created);
          providersById.set(created.id, created);
        } else if (update) Object.assign(stored, fields);
        ids.set(input.key, (providers.get(input.key) as MemoryProvider).id);
      }
      return ids;
    },

    async findDuplicateCandidates({ source, urlKeys, dedupeKeys }) {
      const urls = new Set(urlKeys);
      const keys = new Set(dedupeKeys);
      const providerKeys = new Map([...providers].map(([key, provider]) => [provider.id, key]));
      return [...offerings.values()]
        .filter(
          (offering) =>
            offering.status === 'active' &&
            ((offering.urlKey !== null && urls.has(offering.urlKey)) || keys.has(offering.dedupeKey)) &&
            ![...sources.values()].some((row) => row.offeringId === offering.id && row.source === source),
        )
        .sort((a, b) => compare(a.id, b.id))
        .map((offering) => ({
          offeringId: offering.id,
          urlKey: offering.urlKey,
          dedupeKey: offering.dedupeKey,
          providerKey: providerKeys.get(offering.providerId) as string,
        }));
    },

    async loadOtherSourceRecords({ offeringIds, exceptSource }) {
      const wanted = new Set(offeringIds);
      return [...sources.values()]
        .filter((row) => wanted.has(row.offeringId) && row.source !== exceptSource && row.status === 'active')
        .map((row) => ({ offeringId: row.offeringId, record: structuredClone(row.record) }));
    },

    async writeBatch({ offerings: rows, sources: sourceRows }) {
      const updatedAt = new Date();
      for (const row of rows) offerings.set(row.id, { ...withoutNul(row), status: 'active', updatedAt });
      for (const row of sourceRows)
        sources.set(sourceKey(row.source, row.externalId), {
          offeringId: row.offeringId,
          source: row.source,
          externalId: row.externalId,
          contentHash: row.contentHash,
          record: withoutNul(row.record),
          status: 'active',
        });
    },

    async withdrawSources({ source, externalIds }) {
      const withdrawn: string[] = [];
      for (const externalId of externalIds) {
        const row = sources.get(sourceKey(source, externalId));
        if (row?.status !== 'active') continue;
        row.status = 'withdrawn';
        withdrawn.push(row.offeringId);
      }
      return withdrawn;
    },

    async withdrawOfferings(offeringIds) {
      const updatedAt = new Date();
      for (const id of offeringIds) {
        const offering = offerings.get(id);
        if (offering) Object.assign(offering, { status: 'withdrawn', updatedAt });
      }
    },

    async saveRejections() {},

    // In the order of the sources' keys, as the SQL reader gives them: retrieval breaks ties in reading order.
    async *activePages() {
      const firstKey = new Map<string, string>();
      for (const row of sources.values()) {
        const key = `${row.source} ${row.externalId}`;
        const earlier = firstKey.get(row.offeringId);
        if (earlier === undefined || compare(key, earlier) < 0) firstKey.set(row.offeringId, key);
      }
      const active = [...offerings.values()]
        .filter((offering) => offering.status === 'active')
        .sort((a, b) => compare(firstKey.get(a.id) ?? '\uffff', firstKey.get(b.id) ?? '\uffff') || compare(a.id, b.id));
      yield active.map(read);
    },

    async byIds(ids) {
      return [...new Set(ids)].flatMap((id) => {
        const offering = offerings.get(id);
        return offering ? [read(offering)] : [];
      });
    },
  };
}

/** Code-point order, as PostgreSQL's C collation sorts text. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
