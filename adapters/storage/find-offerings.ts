import type pg from 'pg';
import type { OfferingFilters, OfferingPage } from '../../src/catalogue/public-catalogue.js';
import { resolvePlace } from '../../src/catalogue/places.js';
import { listOfferings } from './offering-reader.js';

/**
 * The catalogue browsed with simple filters (the read API). Ranking by relevance is retrieval's job
 * (/api/search); here `q` only narrows: every word must occur in the title or description.
 */

// lower() leaves Æ, Ø and Å alone under the C locale (PGlite, many servers); translate() first.
// The text condition's expression is the one the trigram index of migration 20261202100100 is built on.
const folded = (column: string) => `lower(translate(${column}, 'ÆØÅÉ', 'æøåé'))`;

export async function findOfferings(options: {
  pool: pg.Pool;
  filters: OfferingFilters;
  page: number;
  pageSize: number;
}): Promise<OfferingPage> {
  const { filters } = options;
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const conditions = [`o.status = 'active'`];
  const words = (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  for (const word of words)
    conditions.push(`${folded(`o.title || ' ' || o.description`)} LIKE ${parameter(`%${escapeLike(word)}%`)}`);
  if (filters.free !== undefined) conditions.push(`o.is_free = ${parameter(filters.free)}`);
  if (filters.accredited !== undefined)
    conditions.push(`p.accredited_by IS ${filters.accredited ? 'NOT NULL' : 'NULL'}`);
  if (filters.mode) conditions.push(`o.mode = ${parameter(filters.mode)}`);
  if (filters.city) {
    conditions.push(`EXISTS (SELECT 1 FROM unnest(coalesce(o.cities, '{}') || coalesce(o.municipalities, '{}') || coalesce(o.counties, '{}')) AS place
                      WHERE ${folded('place')} = ANY(${parameter(placeNames(filters.city))}::text[]))`);
  }
  const from = `FROM offering o JOIN provider p ON p.id = o.provider_id WHERE ${conditions.join(' AND ')}`;
  const filterParameters = [...parameters];
  const titleFirst = words.length
    ? `${folded('o.title')} LIKE ${parameter(`%${escapeLike(words.join(' '))}%`)} DESC, `
    : '';
  // The total rides along on the page (one scan of the matches, not two); only a page past the end, which
  // has no row to carry it, needs the count on its own.
  const { rows } = await options.pool.query<{ id: string; total: string }>(
    `SELECT o.id, count(*) OVER () AS total ${from} ORDER BY ${titleFirst}o.title, o.id LIMIT ${parameter(options.pageSize)} OFFSET ${parameter((options.page - 1) * options.pageSize)}`,
    parameters,
  );
  const total = rows[0]
    ? Number(rows[0].total)
    : options.page === 1
      ? 0
      : await countMatches(options.pool, from, filterParameters);
  const ids = rows.map((row) => row.id);
  const byId = new Map((await listOfferings(options.pool, { ids })).map((offering) => [offering.id, offering]));
  return { total, offerings: ids.flatMap((id) => byId.get(id) ?? []) };
}

async function countMatches(pool: pg.Pool, from: string, parameters: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ total: string }>(`SELECT count(*) AS total ${from}`, parameters);
  return Number(rows[0]?.total ?? 0);
}

/** "Bergen" → Bergen (place and municipality); "Vestlandet" → its counties; unknown names as given. */
function placeNames(city: string): string[] {
  const place = resolvePlace(city);
  const names = place
    ? place.kind === 'county' || place.kind === 'region'
      ? place.counties
      : [place.name, ...place.municipalities]
    : [city];
  return [...new Set([city, ...names].map((name) => name.trim().toLowerCase()))];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
