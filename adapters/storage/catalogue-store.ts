import type pg from 'pg';
import type { CatalogueStore, ImportCounts, OfferingRow, StoredSource } from '../../src/catalogue/catalogue-store.js';
import type { OfferingRecord } from '../../src/catalogue/offering.js';
import { failAbandonedImportRuns, heartbeatSeconds, thisProcess } from './import-run-liveness.js';

/**
 * The catalogue store over PostgreSQL. Every batch is written by one statement: each table's rows travel as
 * one JSON parameter and `json_populate_recordset` turns them into table rows (arrays included), which is far
 * faster than row-by-row inserts and needs no Prisma round trip per row.
 */

/**
 * PostgreSQL text cannot hold NUL; a feed's stray NUL characters are dropped on the way in. JSON writes a NUL
 * as the escape \u0000, so a batch without that text has none, and is written without the replacer, which
 * visits every value (3 % of an import's CPU at 30k offerings).
 */
function toJson(rows: unknown[]): string {
  const json = JSON.stringify(rows);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value,
  );
}

const offeringColumns = [
  'id',
  'title',
  'description',
  'provider_id',
  'url',
  'url_key',
  'dedupe_key',
  'languages',
  'mode',
  'schedule',
  'cities',
  'municipalities',
  'counties',
  'workload_hours',
  'hours_per_week',
  'duration_weeks',
  'start_dates',
  'price_nok',
  'is_free',
  'certificate_price_nok',
  'credits',
  'level',
  'eqf_level',
  'type',
  'subjects',
  'skills',
  'occupations',
  'industries',
  'content_hash',
] as const;

function offeringJson(row: OfferingRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    provider_id: row.providerId,
    url: row.url,
    url_key: row.urlKey,
    dedupe_key: row.dedupeKey,
    languages: row.languages,
    mode: row.mode,
    schedule: row.schedule,
    cities: row.cities,
    municipalities: row.municipalities,
    counties: row.counties,
    workload_hours: row.workloadHours,
    hours_per_week: row.hoursPerWeek,
    duration_weeks: row.durationWeeks,
    start_dates: row.startDates,
    price_nok: row.priceNok,
    is_free: row.isFree,
    certificate_price_nok: row.certificatePriceNok,
    credits: row.credits,
    level: row.level,
    eqf_level: row.eqfLevel,
    type: row.type,
    subjects: row.subjects,
    skills: row.skills,
    occupations: row.occupations,
    industries: row.industries,
    content_hash: row.contentHash,
  };
}

export function createCatalogueStore(pool: pg.Pool): CatalogueStore {
  const heartbeats = new Map<string, NodeJS.Timeout>();
  const stopHeartbeat = (runId: string) => {
    clearInterval(heartbeats.get(runId));
    heartbeats.delete(runId);
  };
  const counted = 'read = $2, inserted = $3, updated = $4, unchanged = $5, rejected = $6, merged = $7, withdrawn = $8';
  const countValues = (counts: ImportCounts) => [
    counts.read,
    counts.inserted,
    counts.updated,
    counts.unchanged,
    counts.rejected,
    counts.merged,
    counts.withdrawn,
  ];
  return {
    async startRun({ source, format, file, full }) {
      // Runs whose process died are settled before a new one starts, so the list never shows them running.
      await failAbandonedImportRuns(pool);
      const { host, pid } = thisProcess();
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO import_run (source, format, file, "full", status, host, pid, heartbeat_at) VALUES ($1, $2, $3, $4, 'running', $5, $6, now()) RETURNING id`,
        [source, format, file, full, host, pid],
      );
      const runId = (rows[0] as { id: string }).id;
      const beat = setInterval(() => {
        pool
          .query(`UPDATE import_run SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [runId])
          .catch(() => {}); // a missed beat is judged by the next one
      }, heartbeatSeconds * 1000);
      beat.unref(); // the import's own work keeps the process alive, never its heartbeat
      heartbeats.set(runId, beat);
      return runId;
    },

    async failRun({ runId, counts, failure }) {
      stopHeartbeat(runId);
      await pool.query(
        `UPDATE import_run SET status = 'failed', finished_at = now(), failure = $9, ${counted} WHERE id = $1`,
        [runId, ...countValues(counts), failure],
      );
    },

    async finishRun({ runId, counts, sources }) {
      stopHeartbeat(runId);
      // A feed in Veileder's own schema may mix sources; the run then lists them all.
      await pool.query(
        `UPDATE import_run SET status = 'finished', finished_at = now(), ${counted},
                source = CASE WHEN cardinality($9::text[]) > 0 THEN array_to_string($9::text[], ',') ELSE source END WHERE id = $1`,
        [runId, ...countValues(counts), sources],
      );
      // A run can multiply the catalogue's size; until autovacuum gets to it, queries would be planned on the
      // old statistics (reading 30k offerings right after their import took 26 s on such a plan, 0.2 s after).
      if (counts.inserted + counts.updated + counts.merged + counts.withdrawn > 0)
        await pool.query('ANALYZE offering, offering_source, provider');
    },

    async saveOwnFeed({ source, providerId }) {
      await pool.query(
        `INSERT INTO own_feed (source, provider_id) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET provider_id = EXCLUDED.provider_id`,
        [source, providerId],
      );
    },

    async loadOwnFeeds() {
      const { rows } = await pool.query<{ source: string; provider_key: string }>(
        'SELECT f.source, p.normalized_name AS provider_key FROM own_feed f JOIN provider p ON p.id = f.provider_id',
      );
      return new Map(rows.map((row) => [row.source, row.provider_key]));
    },

    async loadSourceIndex(source) {
      const { rows } = await pool.query<{
        external_id: string;
        offering_id: string;
        content_hash: string;
        status: StoredSource['status'];
      }>('SELECT external_id, offering_id, content_hash, status FROM offering_source WHERE source = $1', [source]);
      return new Map(
        rows.map((row) => [
          row.external_id,
          { offeringId: row.offering_id, contentHash: row.content_hash, status: row.status },
        ]),
      );
    },

    async saveProviders({ providers, update }) {
      if (providers.length === 0) return new Map();
      const rows = providers.map((provider) => ({
        name: provider.name,
        normalized_name: provider.key,
        kind: provider.kind,
        ownership: provider.ownership,
        country: provider.country,
        accredited_by: provider.accreditedBy,
        accreditation_source: provider.accreditationSource,
        accreditation_note: provider.accreditationNote,
      }));
      // An admin's correction of the accreditation (accreditation_overridden_at, set in the workspace's catalogue
      // care) wins over the data until the admin reverts it: the import then keeps the stored accreditation.
      const kept = (column: string) =>
        `CASE WHEN provider.accreditation_overridden_at IS NULL THEN EXCLUDED.${column} ELSE provider.${column} END`;
      const onConflict = update
        ? `DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, ownership = EXCLUDED.ownership, country = EXCLUDED.country,
             accredited_by = ${kept('accredited_by')}, accreditation_source = ${kept('accreditation_source')},
             accreditation_note = ${kept('accreditation_note')}, updated_at = now()
           WHERE (provider.name, provider.kind, provider.ownership, provider.country, provider.accredited_by, provider.accreditation_source, provider.accreditation_note)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.ownership, EXCLUDED.country, ${kept('accredited_by')}, ${kept('accreditation_source')}, ${kept('accreditation_note')})`
        : 'DO NOTHING';
      await pool.query(
        `INSERT INTO provider (name, normalized_name, kind, ownership, country, accredited_by, accreditation_source, accreditation_note)
         SELECT name, normalized_name, kind, ownership, country, accredited_by, accreditation_source, accreditation_note
           FROM json_populate_recordset(NULL::provider, $1::json)
         ON CONFLICT (normalized_name) ${onConflict}`,
        [toJson(rows)],
      );
      const { rows: saved } = await pool.query<{ id: string; normalized_name: string }>(
        'SELECT id, normalized_name FROM provider WHERE normalized_name = ANY($1::text[])',
        [providers.map((provider) => provider.key)],
      );
      return new Map(saved.map((row) => [row.normalized_name, row.id]));
    },

    async findDuplicateCandidates({ source, urlKeys, dedupeKeys }) {
      const { rows } = await pool.query<{
        id: string;
        url_key: string | null;
        dedupe_key: string;
        provider_key: string;
      }>(
        `SELECT o.id, o.url_key, o.dedupe_key, p.normalized_name AS provider_key FROM offering o JOIN provider p ON p.id = o.provider_id
          WHERE o.status = 'active' AND (o.url_key = ANY($2::text[]) OR o.dedupe_key = ANY($3::text[]))
            AND NOT EXISTS (SELECT 1 FROM offering_source s WHERE s.offering_id = o.id AND s.source = $1)
          ORDER BY o.id`,
        [source, urlKeys, dedupeKeys],
      );
      return rows.map((row) => ({
        offeringId: row.id,
        urlKey: row.url_key,
        dedupeKey: row.dedupe_key,
        providerKey: row.provider_key,
      }));
    },

    async loadOtherSourceRecords({ offeringIds, exceptSource }) {
      if (offeringIds.length === 0) return [];
      const { rows } = await pool.query<{ offering_id: string; record: OfferingRecord }>(
        `SELECT offering_id, record FROM offering_source WHERE offering_id = ANY($1::text[]) AND source <> $2 AND status = 'active'`,
        [offeringIds, exceptSource],
      );
      return rows.map((row) => ({ offeringId: row.offering_id, record: row.record }));
    },

    async writeBatch({ runId, offerings, sources, suggestions = [] }) {
      if (offerings.length + sources.length + suggestions.length === 0) return;
      // One statement, so one round trip and atomic without BEGIN and COMMIT: the three inserts are data-modifying
      // CTEs, and the foreign keys from the source records and suggestions to their new offerings are checked
      // at the statement's end, when all three have run.
      const columns = offeringColumns.join(', ');
      const updates = offeringColumns
        .filter((column) => column !== 'id')
        .map((column) => `${column} = EXCLUDED.${column}`)
        .join(', ');
      await pool.query(
        `WITH written_offerings AS (
           INSERT INTO offering (${columns}, status, updated_at, withdrawn_at)
           SELECT ${columns}, 'active', now(), NULL FROM json_populate_recordset(NULL::offering, $1::json)
           ON CONFLICT (id) DO UPDATE SET ${updates}, status = 'active', updated_at = now(), withdrawn_at = NULL
         ), written_sources AS (
           INSERT INTO offering_source (offering_id, source, external_id, fetched_at, content_hash, record, status, last_run_id)
           SELECT offering_id, source, external_id, now(), content_hash, record, 'active', $4 FROM json_populate_recordset(NULL::offering_source, $2::json)
           ON CONFLICT (source, external_id) DO UPDATE SET offering_id = EXCLUDED.offering_id, fetched_at = EXCLUDED.fetched_at,
             content_hash = EXCLUDED.content_hash, record = EXCLUDED.record, status = 'active', last_run_id = EXCLUDED.last_run_id
         )
         INSERT INTO duplicate_suggestion (offering_id, duplicate_of_id, reason)
         SELECT offering_id, duplicate_of_id, reason FROM json_populate_recordset(NULL::duplicate_suggestion, $3::json)
         ON CONFLICT (offering_id, duplicate_of_id) DO NOTHING`,
        [
          toJson(offerings.map(offeringJson)),
          toJson(
            sources.map((row) => ({
              offering_id: row.offeringId,
              source: row.source,
              external_id: row.externalId,
              content_hash: row.contentHash,
              record: row.record,
            })),
          ),
          toJson(
            suggestions.map((row) => ({
              offering_id: row.offeringId,
              duplicate_of_id: row.duplicateOfId,
              reason: row.reason,
            })),
          ),
          runId,
        ],
      );
    },

    async withdrawSources({ source, externalIds }) {
      const { rows } = await pool.query<{ offering_id: string }>(
        `UPDATE offering_source SET status = 'withdrawn' WHERE source = $1 AND external_id = ANY($2::text[]) AND status = 'active' RETURNING offering_id`,
        [source, externalIds],
      );
      return rows.map((row) => row.offering_id);
    },

    async withdrawOfferings(offeringIds) {
      if (offeringIds.length === 0) return;
      await pool.query(
        `UPDATE offering SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = ANY($1::text[])`,
        [offeringIds],
      );
    },

    async saveRejections({ runId, rejections }) {
      if (rejections.length === 0) return;
      await pool.query(
        `INSERT INTO import_rejection (run_id, line, reason, raw) SELECT $1, line, reason, raw FROM json_populate_recordset(NULL::import_rejection, $2::json)`,
        [runId, toJson(rejections)],
      );
    },
  };
}
