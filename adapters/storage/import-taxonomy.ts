import type pg from 'pg';
import type { TaxonomyBuildReport } from '../../src/taxonomy/build-taxonomy.js';
import { readTaxonomyDataFolder, readTaxonomySeedFile, taxonomySeedFile } from './taxonomy-sources.js';
import { saveTaxonomy, type SaveTaxonomyReport } from './taxonomy-store.js';

export type ImportTaxonomyOptions = {
  pool: pg.Pool;
  /** A data folder laid out like ../shared/data; without it the shipped seed is imported. */
  from?: string | undefined;
  /** Another seed file (tests); default prisma/seed/taxonomy.jsonl.gz. */
  seedFile?: string | undefined;
};

export type ImportTaxonomyReport = SaveTaxonomyReport & {
  source: string;
  conceptsByScheme: Record<string, number>;
  relationsByKind: Record<string, number>;
  /** How the schemes were linked; only when read from the raw files. */
  links: TaxonomyBuildReport | undefined;
  seconds: number;
};

/** Reads the taxonomy (raw files or seed) and upserts it; safe to run again. */
export async function importTaxonomy(options: ImportTaxonomyOptions): Promise<ImportTaxonomyReport> {
  const started = performance.now();
  const { dataset, links, source } = options.from
    ? {
        ...(await readTaxonomyDataFolder({ folder: options.from }).then(({ dataset, report }) => ({
          dataset,
          links: report,
        }))),
        source: options.from,
      }
    : {
        dataset: await readTaxonomySeedFile({ file: options.seedFile }),
        links: undefined,
        source: options.seedFile ?? taxonomySeedFile,
      };
  const saved = await saveTaxonomy({ pool: options.pool, dataset });
  return {
    ...saved,
    source,
    conceptsByScheme: tally(dataset.concepts.map((concept) => concept.scheme)),
    relationsByKind: tally(dataset.relations.map((relation) => relation.kind)),
    links,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
}

/** On first start: the shipped seed into an empty taxonomy; undefined when one is stored already. */
export async function seedTaxonomyIfEmpty(pool: pg.Pool): Promise<ImportTaxonomyReport | undefined> {
  const { rows } = await pool.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM taxonomy_concept) AS present');
  return rows[0]?.present ? undefined : importTaxonomy({ pool });
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
