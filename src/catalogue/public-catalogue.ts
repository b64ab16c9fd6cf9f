import type { CatalogueOffering, Mode } from './offering.js';

/**
 * The port for the public catalogue API's reads (implemented in adapters/storage: find-offerings.ts,
 * offering-reader.ts, export-catalogue.ts).
 */

export type OfferingFilters = {
  q?: string | undefined;
  free?: boolean | undefined;
  accredited?: boolean | undefined;
  /** A city, municipality, county or region, Norwegian names, any case. */
  city?: string | undefined;
  mode?: Mode | undefined;
};

export type OfferingPage = { total: number; offerings: CatalogueOffering[] };

/** Where a streamed export goes, a chunk at a time (the caller waits when the receiver is slow). */
export type ChunkWriter = (chunk: string) => Promise<void> | void;

export type PublicCatalogue = {
  find(input: { filters: OfferingFilters; page: number; pageSize: number }): Promise<OfferingPage>;
  get(id: string): Promise<CatalogueOffering | undefined>;
  /** Every offering, one JSON object a line (the feed format); resolves to how many. */
  streamJsonLines(input: { write: ChunkWriter }): Promise<number>;
  /** Every offering as one schema.org JSON-LD graph; resolves to how many. */
  streamJsonLd(input: { offeringUrl: (id: string) => string; write: ChunkWriter }): Promise<number>;
};
