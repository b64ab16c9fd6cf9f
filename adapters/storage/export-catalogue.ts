import type pg from 'pg';
import { toCourseJsonLd } from '../../src/catalogue/course-json-ld.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import type { FeedOfferingInput } from '../../src/catalogue/feed-offering.js';
import { listOfferings } from './offering-reader.js';

/**
 * The active catalogue as JSON Lines in Veileder's own feed schema (src/catalogue/feed-offering.ts), so
 * `veileder import` on another installation reads it back as-is. Read in pages of ids, so memory stays
 * flat however large the catalogue.
 */

const pageSize = 500;

export async function streamCatalogueJsonLines(options: {
  pool: pg.Pool;
  write: (chunk: string) => Promise<void> | void;
}): Promise<number> {
  return forEachPage(options.pool, (offerings) =>
    options.write(offerings.map((offering) => `${JSON.stringify(toFeedOffering(offering))}\n`).join('')),
  );
}

/**
 * The active catalogue as one schema.org JSON-LD document (`@graph` of Courses), written page by page so it
 * never sits whole in memory: the open-data dump search engines and other portals read, and what
 * `veileder import --format schema-org` reads back unchanged. `offeringUrl` gives each Course its `@id`.
 */
export async function streamCatalogueJsonLd(options: {
  pool: pg.Pool;
  offeringUrl: (id: string) => string;
  write: (chunk: string) => Promise<void> | void;
}): Promise<number> {
  await options.write('{"@context":"https://schema.org","@graph":[\n');
  let first = true;
  const written = await forEachPage(options.pool, (offerings) => {
    const chunk = offerings
      .map((offering) =>
        JSON.stringify(toCourseJsonLd({ offering, id: options.offeringUrl(offering.id), context: false })),
      )
      .join(',\n');
    const separator = first ? '' : ',\n';
    first = false;
    return options.write(separator + chunk);
  });
  await options.write('\n]}\n');
  return written;
}

async function forEachPage(
  pool: pg.Pool,
  write: (offerings: CatalogueOffering[]) => Promise<void> | void,
): Promise<number> {
  let written = 0;
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM offering WHERE status = 'active' AND id > $1 ORDER BY id LIMIT ${pageSize}`,
      [after],
    );
    if (rows.length === 0) return written;
    const offerings = await listOfferings(pool, { ids: rows.map((row) => row.id) });
    await write(offerings);
    written += offerings.length;
    after = rows.at(-1)!.id;
  }
}

function toFeedOffering(offering: CatalogueOffering): FeedOfferingInput {
  return {
    id: offering.id,
    title: offering.title,
    provider: offering.provider.name,
    description: offering.description,
    cities: offering.cities,
    municipalities: offering.municipalities,
    counties: offering.counties,
    level: offering.level,
    languages: offering.languages,
    type: offering.type,
    url: offering.url,
    mode: offering.mode,
    schedule: offering.schedule,
    workloadHours: offering.workloadHours,
    hoursPerWeek: offering.hoursPerWeek,
    durationWeeks: offering.durationWeeks,
    startDates: offering.startDates,
    priceNok: offering.priceNok,
    isFree: offering.isFree,
    certificatePriceNok: offering.certificatePriceNok,
    credits: offering.credits,
    eqfLevel: offering.eqfLevel,
    subjects: offering.subjects,
    skills: offering.skills,
    occupations: offering.occupations,
    industries: offering.industries,
  };
}
