import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { watchCatalogue } from '../../adapters/index/catalogue-watcher.js';
import { openRetrieval } from '../../adapters/index/retrieval-service.js';
import { createLogger } from '../../adapters/logging.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The embedded database's way of following the catalogue: no LISTEN there, so the watcher polls a cheap
 * version and applies the difference. Run against a real database with the watcher told it is embedded.
 */

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-watch-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('polls the embedded database and brings the search index up to date after an import', async () => {
  const retrieval = await openRetrieval({ database, dataDir });
  const watcher = await watchCatalogue({
    database: { ...database, kind: 'embedded' },
    databaseUrl: undefined,
    retrieval,
    log: createLogger({ level: 'silent' }),
    checkSeconds: 0.1,
  });
  try {
    const feed = path.join(dataDir, 'bees.jsonl');
    await writeFile(
      feed,
      `${JSON.stringify({ id: 'watch:bees-1', title: 'Birøkt for nybegynnere', provider: 'Birøkterlaget Test', description: 'Bikuber, bier og honning.', level: 'course', language: 'nb', type: 'course', url: 'https://example.org/birokt', source: 'watch-test' })}\n`,
    );
    await importCatalogueFile(database, { file: feed, full: false });
    const deadline = Date.now() + 10_000;
    const found = () =>
      [...retrieval.catalogue.all()].some(
        (offering) => retrieval.catalogue.get(offering.id)?.title === 'Birøkt for nybegynnere',
      );
    while (!found() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(found()).toBe(true);
    const results = await retrieval.recommender.recommend({
      profile: emptyProfile(),
      message: 'birøkt bikuber honning',
      limit: 3,
    });
    expect(results.map((result) => result.offering.title)).toContain('Birøkt for nybegynnere');
  } finally {
    await watcher.close();
  }
});
