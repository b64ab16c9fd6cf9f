import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { listOfferings } from '../../adapters/storage/offering-reader.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** schema.org's own Course examples and Bioschemas-shaped courses, imported end to end (issue 16: 1 of 9 landed). */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/catalogue/third-party');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('importing documents as publishers shape them', () => {
  it('lands every schema.org example that describes a course, with --provider for those that name none', async () => {
    const report = await importCatalogueFile(database, {
      file: path.join(fixtures, 'schema-org-course-examples.jsonld'),
      source: 'schema_org_examples',
      provider: 'Fife College',
    });
    // Item 1 has no name; items 4 and 5 are further snippets of items 2 and 3 (the same provider and name).
    expect(report).toMatchObject({ format: 'schema-org', read: 7, inserted: 4, rejected: 3 });
    expect(report.rejections.map((rejection) => rejection.line)).toEqual([1, 4, 5]);
    expect(report.rejections[0]?.reason).toBe('title: title is empty');
    const offerings = await listOfferings(database.pool, { ids: report.changedOfferingIds });
    expect(offerings.find((offering) => offering.title === 'Basic Proofreading')).toMatchObject({
      provider: { name: 'Fife College' },
      mode: 'online',
      isFree: false,
      priceNok: 5427,
    });
    expect(offerings.find((offering) => offering.title === "The Data Scientist's Toolbox")).toMatchObject({
      provider: { name: 'Johns Hopkins University' },
      mode: 'online',
      isFree: true,
    });
    const again = await importCatalogueFile(database, {
      file: path.join(fixtures, 'schema-org-course-examples.jsonld'),
      source: 'schema_org_examples',
      provider: 'Fife College',
    });
    expect(again).toMatchObject({ unchanged: 4, inserted: 0, updated: 0 });
  });

  it('lands the Bioschemas-shaped courses and other publishers’ documents', async () => {
    const bioschemas = await importCatalogueFile(database, {
      file: path.join(fixtures, 'bioschemas-courses.jsonld'),
      source: 'bioschemas',
    });
    expect(bioschemas).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    const published = await importCatalogueFile(database, {
      file: path.join(fixtures, 'providers-as-published.jsonld'),
      source: 'published',
    });
    expect(published).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    const offerings = await listOfferings(database.pool, { ids: published.changedOfferingIds });
    expect(offerings.find((offering) => offering.title === 'Excel for økonomer')).toMatchObject({
      isFree: true,
      priceNok: 0,
      certificatePriceNok: 390,
    });
  });
});
