import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCatalogueFile, importCatalogueFileInto } from '../../adapters/storage/import-catalogue-file.js';
import { createMemoryCatalogueStore } from '../../adapters/storage/memory-catalogue-store.js';
import { activeOfferingPages } from '../../adapters/storage/offering-reader.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The in-memory catalogue must hand retrieval what PostgreSQL hands it after the same imports — the same
 * offerings, fields and order (retrieval breaks ties in reading order) — or the dialogue tests that run on it
 * (tests/support/memory-assistant-harness.ts) would test another search. Ids are random in both.
 */

const injectionFeed = fileURLToPath(new URL('../fixtures/injection-offerings.jsonl', import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const comparable = (offering: CatalogueOffering) => {
  const { id, updatedAt, provider, ...fields } = offering;
  return { ...fields, provider: { ...provider, id: undefined } };
};

async function all(pages: AsyncIterable<CatalogueOffering[]>) {
  const offerings: CatalogueOffering[] = [];
  for await (const page of pages) offerings.push(...page);
  return offerings;
}

it('holds the same catalogue as PostgreSQL after the same imports, in the same order', async () => {
  const memory = createMemoryCatalogueStore();
  const counts = ({
    runId,
    seconds,
    changedOfferingIds,
    withdrawnOfferingIds,
    ...report
  }: {
    runId: string;
    seconds: number;
    changedOfferingIds: string[];
    withdrawnOfferingIds: string[];
  }) => ({
    ...report,
    changed: changedOfferingIds.length,
    withdrawn: withdrawnOfferingIds.length,
  });
  for (const options of [{ file: catalogueSlice }, { file: injectionFeed, full: false }, { file: catalogueSlice }]) {
    const stored = await importCatalogueFile(database, options);
    const held = await importCatalogueFileInto(memory, options);
    expect(counts(held)).toEqual(counts(stored));
  }
  const fromDatabase = await all(activeOfferingPages(database.pool));
  const fromMemory = await all(memory.activePages());
  expect(fromDatabase.length).toBeGreaterThan(360);
  expect(fromMemory.map(comparable)).toEqual(fromDatabase.map(comparable));
  const some = fromMemory.slice(0, 3).map((offering) => offering.id);
  expect((await memory.byIds(some)).map((offering) => offering.title)).toEqual(
    fromMemory.slice(0, 3).map((offering) => offering.title),
  );
});
