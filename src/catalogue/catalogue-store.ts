import type { OfferingRecord } from './offering.js';

/**
 * What the import needs from storage. Implemented over PostgreSQL in adapters/storage/catalogue-store.ts;
 * each method is one round trip (or one transaction) for a whole batch, so imports stay fast on the
 * single-connection embedded database too.
 */

export type ImportCounts = {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  merged: number;
  withdrawn: number;
};

export type StoredSource = { offeringId: string; contentHash: string; status: 'active' | 'withdrawn' };

type ProviderInput = {
  /** Normalised name: the provider's identity. */
  key: string;
  name: string;
  kind: string;
  ownership: string | null;
  country: string | null;
  accreditedBy: string | null;
  accreditationSource: string | null;
  accreditationNote: string | null;
};

/** An offering as written: the merged fields of its sources plus identity and keys. */
export type OfferingRow = Omit<OfferingRecord, 'source' | 'externalId' | 'providerName'> & {
  id: string;
  providerId: string;
  urlKey: string | null;
  dedupeKey: string;
  contentHash: string;
};

export type SourceRow = {
  offeringId: string;
  source: string;
  externalId: string;
  contentHash: string;
  record: OfferingRecord;
};

export type ImportRejectionRow = { line: number; reason: string; raw: string };

/** A new offering that has the URL of another provider's offering: kept apart, shown to catalogue care. */
export type DuplicateSuggestionRow = { offeringId: string; duplicateOfId: string; reason: 'same_url' };

export interface CatalogueStore {
  startRun(options: { source: string; format: string; file: string; full: boolean }): Promise<string>;
  finishRun(options: { runId: string; counts: ImportCounts; sources: string[] }): Promise<void>;
  /** The run stopped on an error: it keeps the counts so far and the reason. */
  failRun(options: { runId: string; counts: ImportCounts; failure: string }): Promise<void>;
  /** Declares `source` the provider's own feed (replacing an earlier declaration). */
  saveOwnFeed(options: { source: string; providerId: string }): Promise<void>;
  /** Every own feed: source → its provider's key. */
  loadOwnFeeds(): Promise<Map<string, string>>;
  /** Every stored record of a source, by external id. */
  loadSourceIndex(source: string): Promise<Map<string, StoredSource>>;
  /** Inserts providers by key (updating existing ones only when `update`); returns key → id for each. */
  saveProviders(options: { providers: ProviderInput[]; update: boolean }): Promise<Map<string, string>>;
  /** Active offerings matching any key that have no record of `source` yet (a feed's records are never merged with each other), with their provider's key. */
  findDuplicateCandidates(options: {
    source: string;
    urlKeys: string[];
    dedupeKeys: string[];
  }): Promise<{ offeringId: string; urlKey: string | null; dedupeKey: string; providerKey: string }[]>;
  /** The active records other sources hold for these offerings. */
  loadOtherSourceRecords(options: {
    offeringIds: string[];
    exceptSource: string;
  }): Promise<{ offeringId: string; record: OfferingRecord }[]>;
  /** Upserts offerings (status active) and source records, and adds duplicate suggestions, in one transaction. */
  writeBatch(options: {
    runId: string;
    offerings: OfferingRow[];
    sources: SourceRow[];
    suggestions?: DuplicateSuggestionRow[];
  }): Promise<void>;
  /** Marks these records of a source withdrawn; returns the offerings they belong to. */
  withdrawSources(options: { source: string; externalIds: string[] }): Promise<string[]>;
  /** Marks offerings withdrawn (never deleted). */
  withdrawOfferings(offeringIds: string[]): Promise<void>;
  saveRejections(options: { runId: string; rejections: ImportRejectionRow[] }): Promise<void>;
}
