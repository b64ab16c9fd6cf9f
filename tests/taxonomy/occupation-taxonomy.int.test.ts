import { afterAll, beforeAll, expect, test } from 'vitest';
import { importTaxonomy } from '../../adapters/storage/import-taxonomy.js';
import { readTaxonomySeedFile } from '../../adapters/storage/taxonomy-sources.js';
import { loadOccupationTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The served assistant reads its taxonomy from the database, the one place `veileder import-taxonomy` writes;
// the shipped seed only fills it. Read back, it must give retrieval and the occupation lookup what the seed did.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await importTaxonomy({ pool: database.pool });
});
afterAll(async () => {
  await database?.drop();
});

test('the stored taxonomy gives the same concept matcher and occupation lookup as the seed file', async () => {
  const seed = await readTaxonomySeedFile();
  const stored = await loadOccupationTaxonomy(database.pool);
  expect(stored.concepts.some((concept) => concept.scheme === 'esco_skill')).toBe(false);
  const texts = ['jeg er sykepleier', 'I work as a nurse', 'tømrer i Bergen', 'software developer', 'lærer'];
  const fromSeed = new ConceptMatcher({ taxonomy: seed });
  const fromStore = new ConceptMatcher({ taxonomy: stored });
  for (const text of texts) expect(fromStore.find({ text }), text).toEqual(fromSeed.find({ text }));
  expect(fromSeed.find({ text: 'jeg er sykepleier' }).length).toBeGreaterThan(0);
  const seedLookup = createOccupationLookup(seed);
  const storeLookup = createOccupationLookup(stored);
  for (const text of texts) expect(storeLookup.find(text), text).toEqual(seedLookup.find(text));
});

test('a title added to the stored taxonomy is found by what the assistant builds from it', async () => {
  const before = new ConceptMatcher({ taxonomy: await loadOccupationTaxonomy(database.pool) });
  expect(before.find({ text: 'jeg er taksonomiprøver' })).toEqual([]);
  await database.pool.query(
    "UPDATE taxonomy_concept SET alt_labels = alt_labels || ARRAY['Taksonomiprøver'] WHERE id = 'styrk08:2223'",
  );
  const stored = await loadOccupationTaxonomy(database.pool);
  expect(new ConceptMatcher({ taxonomy: stored }).find({ text: 'jeg er taksonomiprøver' })[0]?.key).toBe('isco08:2221');
  expect(createOccupationLookup(stored).find('jeg er taksonomiprøver')[0]?.code).toBe('2223');
});
