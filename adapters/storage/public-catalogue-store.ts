import type pg from 'pg';
import type { PublicCatalogue } from '../../src/catalogue/public-catalogue.js';
import { streamCatalogueJsonLd, streamCatalogueJsonLines } from './export-catalogue.js';
import { findOfferings } from './find-offerings.js';
import { getOffering } from './offering-reader.js';

/** The public catalogue port (src/catalogue/public-catalogue.ts) over PostgreSQL. */
export function createPublicCatalogue(options: { pool: pg.Pool }): PublicCatalogue {
  const { pool } = options;
  return {
    find: (input) => findOfferings({ pool, ...input }),
    get: (id) => getOffering(pool, id),
    streamJsonLines: (input) => streamCatalogueJsonLines({ pool, ...input }),
    streamJsonLd: (input) => streamCatalogueJsonLd({ pool, ...input }),
  };
}
