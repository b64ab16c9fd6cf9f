import { notFound } from '../errors.js';
import type { CatalogueOffering } from './offering.js';
import type { PublicCatalogue } from './public-catalogue.js';

/** One offering for the public API; not found is an error the edge answers with 404. */
export async function readOffering(options: { id: string; catalogue: PublicCatalogue }): Promise<CatalogueOffering> {
  const offering = await options.catalogue.get(options.id);
  if (!offering) throw notFound({ what: 'Offering', id: options.id });
  return offering;
}
