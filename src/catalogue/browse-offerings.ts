import type { OfferingFilters, OfferingPage, PublicCatalogue } from './public-catalogue.js';

/** One page of the catalogue, filtered, for the public API (GET /api/offerings). */
export async function browseOfferings(options: {
  filters: OfferingFilters;
  page: number;
  pageSize: number;
  catalogue: PublicCatalogue;
}): Promise<OfferingPage> {
  return options.catalogue.find({ filters: options.filters, page: options.page, pageSize: options.pageSize });
}
