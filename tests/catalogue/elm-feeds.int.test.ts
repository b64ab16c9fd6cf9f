import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElmXmlFeed } from '../../adapters/feeds/elm-xml-feed.js';
import { readJsonLdFeed } from '../../adapters/feeds/json-ld-feed.js';
import { detectFeedFormat, openFeed } from '../../adapters/feeds/open-feed.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { listOfferings } from '../../adapters/storage/offering-reader.js';
import type { FeedItem } from '../../src/catalogue/feed-item.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * ELM as the EU publishes it (tests/fixtures/catalogue/third-party/README.md): JSON-LD with the keys of the
 * EU's context, controlled values as concept objects or bare concept IRIs looked up in the shipped EU
 * vocabularies, structured addresses; and the learning-opportunity XML (loq), rejections with their lines.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/catalogue/third-party');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

async function collect(items: AsyncIterable<FeedItem>): Promise<FeedItem[]> {
  const all: FeedItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('ELM JSON-LD with the EU context', () => {
  it('reads eqfLevel, mode, schedule, language and ISCED-F as bare IRIs or concept objects, and a street is not a city', async () => {
    const items = await collect(
      readJsonLdFeed(await openFeed(path.join(fixtures, 'elm-learning-opportunities-eu.jsonld')), {
        flavour: 'elm',
        maximumBytes: 1024 * 1024,
      }),
    );
    expect(items).toHaveLength(2); // the organisation is a supporting node, read through its reference
    expect(items[0]).toMatchObject({
      value: {
        title: 'Certificate in Data Analytics',
        provider: 'Trinity College Dublin',
        url: 'https://www.example.ie/data-analytics',
        eqfLevel: 6,
        mode: 'blended',
        schedule: 'full_time',
        languages: ['en'],
        subjects: ['Software and applications development and analysis'],
        cities: ['Dublin'],
        credits: 20,
        workloadHours: 500,
        durationWeeks: 10,
        priceNok: Math.round(1200 * 11.63),
      },
    });
    expect(items[1]).toMatchObject({
      value: {
        provider: 'Nord universitet',
        eqfLevel: 4,
        mode: 'online',
        schedule: 'part_time',
        languages: ['nn'],
        cities: ['Bodø'],
      },
    });
  });
});

describe('ELM learning-opportunity XML (loq)', () => {
  it('is recognised by its content and read through its idref references', async () => {
    expect(await detectFeedFormat(path.join(fixtures, 'elm-learning-opportunities.loq.xml'))).toBe('elm-xml');
    const items = await collect(
      readElmXmlFeed(await openFeed(path.join(fixtures, 'elm-learning-opportunities.loq.xml')), {
        maximumBytes: 1024 * 1024,
      }),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      line: 3,
      value: {
        id: 'https://rdf.example.no/opportunity/sykepleie-2026',
        title: 'Bachelor i sykepleie',
        provider: 'Høgskulen på Vestlandet',
        url: 'https://www.example.no/sykepleie',
        mode: 'campus',
        schedule: 'full_time',
        eqfLevel: 6,
        credits: 180,
        languages: ['nb'],
        subjects: ['Health'],
        cities: ['Bergen'],
        priceNok: 0,
        isFree: true,
        startDates: ['2026-08-17T00:00:00'],
      },
    });
  });

  it('imports what it can and rejects the rest with the line each record starts on', async () => {
    const report = await importCatalogueFile(database, {
      file: path.join(fixtures, 'elm-learning-opportunities.loq.xml'),
      source: 'elm_xml',
    });
    expect(report).toMatchObject({
      format: 'elm-xml',
      read: 2,
      inserted: 1,
      rejected: 1,
      rejections: [{ line: 24, reason: 'title: title is empty; provider: provider is empty' }],
    });
    const [offering] = await listOfferings(database.pool, { ids: report.changedOfferingIds });
    expect(offering).toMatchObject({
      title: 'Bachelor i sykepleie',
      level: 'bachelor',
      eqfLevel: 6,
      cities: ['Bergen'],
      counties: ['Vestland'],
      isFree: true,
      mode: 'campus',
    });
  });

  it('rejects a document that is not well-formed with the line the parser stopped at', async () => {
    const report = await importCatalogueFile(database, {
      file: path.join(fixtures, 'elm-broken.loq.xml'),
      source: 'elm_broken',
    });
    expect(report).toMatchObject({ format: 'elm-xml', read: 1, inserted: 0, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({
      line: 6,
      reason: expect.stringMatching(/^the document is not well-formed XML: /),
    });
  });
});
