import type pg from 'pg';
import type { ConceptRelation, Scheme, TaxonomyConcept, TaxonomyDataset } from '../../src/taxonomy/concept.js';
import type { ConceptRelationRow, TaxonomyConceptRow } from './rows.generated.js';

/**
 * Taxonomy concepts and relations in PostgreSQL. Writes go in batches of rows passed as one JSON parameter
 * and expanded with jsonb_to_recordset (one round trip per batch, works alike on a server and on PGlite),
 * as upserts: a re-run with the same data changes no row and reports everything unchanged. A missing
 * description keeps the stored one, so importing the slim seed over the raw files loses nothing.
 */

export type SaveTaxonomyReport = {
  concepts: { inserted: number; updated: number; unchanged: number };
  relations: { inserted: number; unchanged: number };
};

const conceptBatchSize = 1_000;
const relationBatchSize = 5_000;

export async function saveTaxonomy(options: { pool: pg.Pool; dataset: TaxonomyDataset }): Promise<SaveTaxonomyReport> {
  const report: SaveTaxonomyReport = {
    concepts: { inserted: 0, updated: 0, unchanged: 0 },
    relations: { inserted: 0, unchanged: 0 },
  };
  const client = await options.pool.connect();
  try {
    await client.query('BEGIN');
    for (const batch of batches(options.dataset.concepts, conceptBatchSize)) {
      const { rows } = await client.query<{ inserted: boolean }>(upsertConcepts, [
        JSON.stringify(batch.map(toConceptRow)),
      ]);
      const inserted = rows.filter((row) => row.inserted).length;
      report.concepts.inserted += inserted;
      report.concepts.updated += rows.length - inserted;
      report.concepts.unchanged += batch.length - rows.length;
    }
    for (const batch of batches(options.dataset.relations, relationBatchSize)) {
      const { rowCount } = await client.query(insertRelations, [JSON.stringify(batch.map(toRelationRow))]);
      report.relations.inserted += rowCount ?? 0;
      report.relations.unchanged += batch.length - (rowCount ?? 0);
    }
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const upsertConcepts = `
  INSERT INTO taxonomy_concept (id, scheme, code, uri, label, alt_labels, description, parent_id, level)
  SELECT id, scheme, code, uri, label, coalesce(alt_labels, '{}'), description, parent_id, level
    FROM jsonb_to_recordset($1::jsonb) AS row(id text, scheme text, code text, uri text, label text,
         alt_labels text[], description text, parent_id text, level int)
  ON CONFLICT (id) DO UPDATE SET scheme = excluded.scheme, code = excluded.code, uri = excluded.uri,
         label = excluded.label, alt_labels = excluded.alt_labels,
         description = coalesce(excluded.description, taxonomy_concept.description),
         parent_id = excluded.parent_id, level = excluded.level
   WHERE (taxonomy_concept.scheme, taxonomy_concept.code, taxonomy_concept.uri, taxonomy_concept.label,
          taxonomy_concept.alt_labels, taxonomy_concept.description, taxonomy_concept.parent_id, taxonomy_concept.level)
         IS DISTINCT FROM (excluded.scheme, excluded.code, excluded.uri, excluded.label, excluded.alt_labels,
          coalesce(excluded.description, taxonomy_concept.description), excluded.parent_id, excluded.level)
  RETURNING (xmax = 0) AS inserted`;

const insertRelations = `
  INSERT INTO concept_relation (from_id, to_id, kind)
  SELECT from_id, to_id, kind FROM jsonb_to_recordset($1::jsonb) AS row(from_id text, to_id text, kind text)
  ON CONFLICT DO NOTHING`;

function toConceptRow(concept: TaxonomyConcept) {
  return {
    id: concept.id,
    scheme: concept.scheme,
    code: concept.code,
    uri: concept.uri,
    label: concept.label,
    alt_labels: concept.altLabels,
    description: concept.description,
    parent_id: concept.parentId,
    level: concept.level,
  };
}

function toRelationRow(relation: ConceptRelation) {
  return { from_id: relation.fromId, to_id: relation.toId, kind: relation.kind };
}

function* batches<Item>(items: Item[], size: number): Generator<Item[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export async function countTaxonomyConcepts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ scheme: string; count: string }>(
    'SELECT scheme, count(*) AS count FROM taxonomy_concept GROUP BY scheme ORDER BY scheme',
  );
  return Object.fromEntries(rows.map((row) => [row.scheme, Number(row.count)]));
}

// The order the shipped seed and the raw-file build list concepts in; loading in this order (then by id) gives
// the same dataset the seed file does, so whatever reads it ties the same way.
const schemeOrder = ['styrk08', 'sn2007', 'isco08', 'esco_occupation', 'esco_skill'];

/**
 * The occupations of the taxonomy as stored — every scheme but ESCO's skills, every relation but
 * occupation-to-skill — the one source retrieval's concept matcher and the assistant's occupation lookup read,
 * so `veileder import-taxonomy --from` changes what every part of the running assistant sees. (Skills are read
 * where they are used: team plans and skill evidence.)
 */
export async function loadOccupationTaxonomy(pool: pg.Pool): Promise<TaxonomyDataset> {
  const { rows: conceptRows } = await pool.query<ConceptRow>(
    `SELECT id, scheme, code, uri, label, alt_labels, description, parent_id, level FROM taxonomy_concept
      WHERE scheme <> 'esco_skill' ORDER BY array_position($1::text[], scheme), id`,
    [schemeOrder],
  );
  const { rows: relationRows } = await pool.query<
    Pick<ConceptRelationRow, 'from_id' | 'to_id'> & { kind: ConceptRelation['kind'] }
  >(`SELECT from_id, to_id, kind FROM concept_relation WHERE kind NOT IN ('essential_skill', 'optional_skill')`);
  const position = new Map(conceptRows.map((row, index) => [row.id, index]));
  const at = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  relationRows.sort(
    (left, right) =>
      at(left.from_id) - at(right.from_id) || left.kind.localeCompare(right.kind) || at(left.to_id) - at(right.to_id),
  );
  return {
    concepts: conceptRows.map(fromConceptRow),
    relations: relationRows.map((row) => ({ fromId: row.from_id, toId: row.to_id, kind: row.kind })),
  };
}

// scheme is free text in the table; the importer writes only the schemes it knows.
type ConceptRow = TaxonomyConceptRow & { scheme: Scheme };

function fromConceptRow(row: ConceptRow): TaxonomyConcept {
  return {
    id: row.id,
    scheme: row.scheme,
    code: row.code,
    uri: row.uri,
    label: row.label,
    altLabels: row.alt_labels ?? [],
    description: row.description,
    parentId: row.parent_id,
    level: row.level,
  };
}
