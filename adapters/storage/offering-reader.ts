import type pg from 'pg';
import type { CatalogueOffering, Level, Mode, ProviderKind, Schedule } from '../../src/catalogue/offering.js';
import type { OfferingRow, ProviderRow } from './rows.generated.js';

/**
 * Bulk read of the stored catalogue for retrieval, the API and the assistant. Plain `pg` with one query
 * (offering ⨝ provider, sources aggregated) because Prisma's per-row object building is far slower for
 * tens of thousands of rows; the column list below is the whole mapping to `CatalogueOffering`.
 */

export type ListOfferingsOptions = {
  /** Default 'active'. */
  status?: 'active' | 'withdrawn' | 'all';
  /** Only these offering ids (any status filter still applies). */
  ids?: string[];
};

type ReadRow = Omit<
  OfferingRow,
  'provider_id' | 'dedupe_key' | 'url_key' | 'content_hash' | 'created_at' | 'withdrawn_at' | 'start_dates'
> & {
  /** Cast to text in SQL: timestamps without zone would otherwise shift a day in the local time zone. */
  start_dates: string[] | null;
  provider_id: ProviderRow['id'];
  provider_name: ProviderRow['name'];
  provider_kind: ProviderRow['kind'];
  provider_accredited_by: ProviderRow['accredited_by'];
  sources: { source: string; externalId: string }[] | null;
};

/**
 * Sources are aggregated in one grouped pass joined to the offerings, not by a subquery per offering: right
 * after a bulk import the statistics are stale, and the planner then combined the per-offering lookup with an
 * index scan of every active source, so reading 30k offerings took 26 s instead of 0.2 s (quadratic in size).
 * `sourceFilter` narrows the aggregation to the offerings asked for.
 */
function selectOfferings(sourceFilter = ''): string {
  return `
  SELECT o.id, o.title, o.description, o.url, o.languages, o.mode, o.schedule, o.cities, o.municipalities,
         o.counties, o.workload_hours, o.hours_per_week, o.duration_weeks,
         o.start_dates::date[]::text[] AS start_dates, o.price_nok, o.is_free, o.certificate_price_nok,
         o.credits, o.level, o.eqf_level, o.type, o.subjects, o.skills, o.occupations, o.industries, o.status,
         o.updated_at, p.id AS provider_id, p.name AS provider_name, p.kind AS provider_kind,
         p.accredited_by AS provider_accredited_by, src.sources
    FROM offering o
    JOIN provider p ON p.id = o.provider_id
    LEFT JOIN (SELECT s.offering_id,
                      json_agg(json_build_object('source', s.source, 'externalId', s.external_id) ORDER BY s.source, s.external_id) AS sources
                 FROM offering_source s
                WHERE s.status = 'active'${sourceFilter}
                GROUP BY s.offering_id) src ON src.offering_id = o.id`;
}

export async function listOfferings(pool: pg.Pool, options: ListOfferingsOptions = {}): Promise<CatalogueOffering[]> {
  const status = options.status ?? 'active';
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (status !== 'all') {
    parameters.push(status);
    conditions.push(`o.status = $${parameters.length}`);
  }
  let sourceFilter = '';
  if (options.ids) {
    if (options.ids.length === 0) return [];
    parameters.push(options.ids);
    conditions.push(`o.id = ANY($${parameters.length}::text[])`);
    sourceFilter = ` AND s.offering_id = ANY($${parameters.length}::text[])`;
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await pool.query<ReadRow>(`${selectOfferings(sourceFilter)}${where} ORDER BY o.id`, parameters);
  return rows.map(toCatalogueOffering);
}

/**
 * The active offerings a page at a time: a reader that keeps something of each (retrieval) never holds them
 * all as objects at once. They come in the order of their sources' keys, not of their ids: ids are random, and
 * retrieval breaks ties and builds its graph in reading order, so the same catalogue must read the same way
 * wherever and whenever it was imported, or the same question gets different answers.
 */
export async function* activeOfferingPages(
  pool: pg.Pool,
  options: { pageSize?: number } = {},
): AsyncGenerator<CatalogueOffering[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT o.id
       FROM offering o
       LEFT JOIN (SELECT offering_id, min(source || ' ' || external_id) AS key
                    FROM offering_source GROUP BY offering_id) k ON k.offering_id = o.id
      WHERE o.status = 'active'
      ORDER BY k.key, o.id`,
  );
  const pageSize = options.pageSize ?? 2000;
  for (let start = 0; start < rows.length; start += pageSize) {
    const ids = rows.slice(start, start + pageSize).map((row) => row.id);
    const byId = new Map((await listOfferings(pool, { ids })).map((offering) => [offering.id, offering]));
    yield ids.map((id) => byId.get(id)).filter((offering) => offering !== undefined);
  }
}

/** One offering by id, whatever its status; undefined when there is none. */
export async function getOffering(pool: pg.Pool, id: string): Promise<CatalogueOffering | undefined> {
  const { rows } = await pool.query<ReadRow>(`${selectOfferings(' AND s.offering_id = $1')} WHERE o.id = $1`, [id]);
  const row = rows[0];
  return row ? toCatalogueOffering(row) : undefined;
}

function toCatalogueOffering(row: ReadRow): CatalogueOffering {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    url: row.url,
    languages: row.languages ?? [],
    mode: row.mode as Mode,
    schedule: row.schedule as Schedule,
    cities: row.cities ?? [],
    municipalities: row.municipalities ?? [],
    counties: row.counties ?? [],
    workloadHours: row.workload_hours,
    hoursPerWeek: row.hours_per_week,
    durationWeeks: row.duration_weeks,
    startDates: row.start_dates ?? [],
    priceNok: row.price_nok,
    isFree: row.is_free,
    certificatePriceNok: row.certificate_price_nok,
    credits: row.credits,
    level: row.level as Level,
    eqfLevel: row.eqf_level,
    type: row.type,
    subjects: row.subjects ?? [],
    skills: row.skills ?? [],
    occupations: row.occupations ?? [],
    industries: row.industries ?? [],
    status: row.status === 'withdrawn' ? 'withdrawn' : 'active',
    sources: row.sources ?? [],
    updatedAt: row.updated_at,
    provider: {
      id: row.provider_id,
      name: row.provider_name,
      kind: row.provider_kind as ProviderKind,
      accreditedBy: row.provider_accredited_by,
    },
  };
}
