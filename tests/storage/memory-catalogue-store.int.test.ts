import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  importCatalogueFile,
  importCatalogueFileInto,
  type ImportReport,
} from '../../adapters/storage/import-catalogue-file.js';
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
let directory: string;
beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-memory-catalogue-'));
});
afterAll(async () => {
  await database?.drop();
  if (directory) await rm(directory, { recursive: true, force: true });
});

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
  const counts = ({ runId, seconds, changedOfferingIds, withdrawnOfferingIds, ...report }: ImportReport) => ({
    ...report,
    changed: changedOfferingIds.length,
    withdrawn: withdrawnOfferingIds.length,
  });
  // A full import of the injection feed's source ("test") with one record changed and the other gone.
  const [first] = (await readFile(injectionFeed, 'utf8')).split('\n');
  const changed = path.join(directory, 'injection-changed.jsonl');
  await writeFile(changed, `${JSON.stringify({ ...JSON.parse(first!), description: 'Kurs i demensomsorg.' })}\n`);
  const imports = [
    { file: catalogueSlice },
    { file: injectionFeed, full: false },
    { file: catalogueSlice },
    { file: changed, source: 'test', allowMassWithdrawal: true },
  ];
  const reports = [];
  let last: ImportReport | undefined;
  for (const options of imports) {
    const stored = await importCatalogueFile(database, options);
    last = await importCatalogueFileInto(memory, options);
    expect(counts(last)).toEqual(counts(stored));
    reports.push(counts(last));
  }
  expect(
    reports.map(({ inserted, unchanged, updated, withdrawn }) => ({ inserted, unchanged, updated, withdrawn })),
  ).toEqual([
    { inserted: 364, unchanged: 0, updated: 0, withdrawn: 0 },
    { inserted: 2, unchanged: 0, updated: 0, withdrawn: 0 },
    { inserted: 0, unchanged: 364, updated: 0, withdrawn: 0 },
    { inserted: 0, unchanged: 0, updated: 1, withdrawn: 1 },
  ]);
  const fromDatabase = await all(activeOfferingPages(database.pool));
  const fromMemory = await all(memory.activePages());
  expect(fromDatabase).toHaveLength(364 + 2 - 1);
  expect(fromMemory.map(comparable)).toEqual(fromDatabase.map(comparable));
  const some = fromMemory.slice(0, 3).map((offering) => offering.id);
  expect((await memory.byIds(some)).map((offering) => offering.title)).toEqual(
    fromMemory.slice(0, 3).map((offering) => offering.title),
  );
  // A withdrawn offering is still read by id (retrieval drops it from the index after an import).
  const withdrawn = await memory.byIds(last!.withdrawnOfferingIds);
  expect(withdrawn.map((offering) => [offering.title, offering.status])).toEqual([
    ['Bitcoin Millionaire Course', 'withdrawn'],
  ]);
});
