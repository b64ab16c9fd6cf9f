import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTaxonomy } from '../../adapters/storage/import-taxonomy.js';
import { countTaxonomyConcepts, loadOccupationTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The raw files are shared read-only material next to the repository; the seed ships with it.
const dataFolder = new URL('../../../shared/data', import.meta.url).pathname;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('import-taxonomy on PostgreSQL', () => {
  it('imports every scheme from the raw files, with the expected counts', async () => {
    const report = await importTaxonomy({ pool: database.pool, from: dataFolder });
    expect(report.conceptsByScheme).toEqual({
      styrk08: 582,
      sn2007: 1811,
      isco08: 619,
      esco_occupation: 3007,
      esco_skill: 13896,
    });
    expect(report.concepts.inserted).toBe(19_915);
    expect(report.relationsByKind.essential_skill! + report.relationsByKind.optional_skill!).toBe(123_855 - 67);
    expect(report.links?.styrkGroupsWithSameIscoCode).toBe(403);
    expect(await countTaxonomyConcepts(database.pool)).toEqual(report.conceptsByScheme);
  });

  it('gives STYRK 2223 the NAV job titles, so Norwegian words find it', async () => {
    const { rows } = await database.pool.query<{ label: string; alt_labels: string[] }>(
      "SELECT label, alt_labels FROM taxonomy_concept WHERE id = 'styrk08:2223'",
    );
    expect(rows[0]?.label).toBe('Sykepleiere');
    expect(rows[0]?.alt_labels).toEqual(
      expect.arrayContaining(['Sykepleier', 'Hjemmesykepleier', 'Bedriftssykepleier']),
    );
    const lookup = createOccupationLookup(await loadOccupationTaxonomy(database.pool));
    expect(lookup.find('jeg er sykepleier')[0]?.code).toBe('2223');
  });

  it('links an ESCO occupation to its skills and to STYRK-08 through ISCO-08', async () => {
    const { rows } = await database.pool.query<{ kind: string; label: string }>(
      `SELECT r.kind, s.label FROM taxonomy_concept o
         JOIN concept_relation r ON r.from_id = o.id JOIN taxonomy_concept s ON s.id = r.to_id
        WHERE o.scheme = 'esco_occupation' AND o.label = 'software developer'`,
    );
    const byKind = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.label);
    expect(byKind('essential_skill')).toContain('computer programming');
    expect(byKind('optional_skill').length).toBeGreaterThan(0);
    expect(byKind('broader')).toEqual(expect.arrayContaining(['Software developers', 'Programvareutviklere']));
    const { rows: sameAs } = await database.pool.query(
      "SELECT 1 FROM concept_relation WHERE from_id = 'styrk08:2512' AND to_id = 'isco08:2512' AND kind = 'same_as'",
    );
    expect(sameAs).toHaveLength(1);
  });

  it('changes nothing when run again, from the raw files or from the shipped seed', async () => {
    const again = await importTaxonomy({ pool: database.pool, from: dataFolder });
    expect(again.concepts).toEqual({ inserted: 0, updated: 0, unchanged: 19_915 });
    expect(again.relations.inserted).toBe(0);
    const seed = await importTaxonomy({ pool: database.pool });
    expect(seed.concepts).toEqual({ inserted: 0, updated: 0, unchanged: 19_915 });
    expect(seed.relations).toEqual({ inserted: 0, unchanged: again.relations.unchanged });
    const { rows } = await database.pool.query<{ count: string }>(
      "SELECT count(*) FROM taxonomy_concept WHERE scheme = 'esco_skill' AND description IS NOT NULL",
    );
    expect(Number(rows[0]?.count)).toBeGreaterThan(13_000); // the slim seed does not erase descriptions
  });
});
