import type { ChunkWriter, PublicCatalogue } from './public-catalogue.js';

export type CatalogueExportFormat = { format: 'jsonl' } | { format: 'jsonld'; offeringUrl: (id: string) => string };

/**
 * The whole catalogue as open data, streamed: JSON Lines in the feed format, or one schema.org JSON-LD graph
 * whose offerings link to `offeringUrl`. Resolves to how many offerings were written.
 */
export async function exportCatalogue(
  options: CatalogueExportFormat & { write: ChunkWriter; catalogue: PublicCatalogue },
): Promise<number> {
  return options.format === 'jsonl'
    ? options.catalogue.streamJsonLines({ write: options.write })
    : options.catalogue.streamJsonLd({ offeringUrl: options.offeringUrl, write: options.write });
}
