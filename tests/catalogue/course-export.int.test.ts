import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamCatalogueJsonLd } from '../../adapters/storage/export-catalogue.js';
import { findOfferings } from '../../adapters/storage/find-offerings.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { listOfferings } from '../../adapters/storage/offering-reader.js';
import { hasCourseInfoFacts, missingCourseInfoProperties } from '../../src/catalogue/course-guidance.js';
import { toCourseJsonLd } from '../../src/catalogue/course-json-ld.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { differingFields } from '../../src/catalogue/offering-fields.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The JSON-LD export against Google's Course info guidance and against our own import: a sample of the demo
 * catalogue (every 20th record, ~270 offerings from utdanning.no and edX) plus the cases issue 16 found wrong —
 * a Manchester course, 1.5 hours a week for 8 weeks, 7.5 credits, EQF 6 — exported, imported into a second
 * database, compared field by field, and imported again.
 */

const demo = fileURLToPath(new URL('../../prisma/seed/demo-catalogue.jsonl.gz', import.meta.url));
const base = 'https://veileder.example.no';
let first: TestDatabase;
let second: TestDatabase;
let directory: string;
let offerings: CatalogueOffering[];

const extra = [
  {
    id: 'manchester-1',
    title: 'Data Science for Public Policy',
    provider: 'University of Manchester',
    description: 'A short course taught in Manchester.',
    cities: ['Manchester'],
    mode: 'campus',
    schedule: 'part_time',
    priceNok: 10640,
    isFree: false,
    hoursPerWeek: 1.5,
    durationWeeks: 8,
    credits: 7.5,
    eqfLevel: 6,
    level: 'short_course',
    source: 'extra',
    startDates: ['2027-01-20', '2027-09-15'],
  },
  {
    id: 'html5',
    title: 'HTML5 and CSS Fundamentals',
    provider: 'W3Cx',
    description: 'Learn the basics of HTML5 and CSS.',
    type: 'mooc',
    source: 'edx',
    isFree: true,
    priceNok: 2139,
    mode: 'online',
    schedule: 'self_paced',
    hoursPerWeek: 5,
    durationWeeks: 6,
  },
  {
    id: 'vestland',
    title: 'Kurs i hele Vestland',
    provider: 'Kursverkstedet AS',
    description: 'Samlinger rundt om i fylket.',
    counties: ['Vestland'],
    mode: 'blended',
    isFree: false,
    workloadHours: 20,
    source: 'extra',
  },
];

async function activeOfferings(database: TestDatabase): Promise<CatalogueOffering[]> {
  const { rows } = await database.pool.query<{ id: string }>(
    `SELECT id FROM offering WHERE status = 'active' ORDER BY id`,
  );
  return listOfferings(database.pool, { ids: rows.map((row) => row.id) });
}

beforeAll(async () => {
  first = await createTestDatabase();
  second = await createTestDatabase();
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-course-export-'));
  const lines = gunzipSync(await readFile(demo))
    .toString('utf8')
    .trim()
    .split('\n');
  const sample = [
    ...lines.filter((_line, index) => index % 20 === 0),
    ...extra.map((record) => JSON.stringify(record)),
  ];
  await writeFile(path.join(directory, 'sample.jsonl'), `${sample.join('\n')}\n`);
  await importCatalogueFile(first, { file: path.join(directory, 'sample.jsonl') });
  offerings = await activeOfferings(first);
}, 120_000);

afterAll(async () => {
  await first?.drop();
  await second?.drop();
  if (directory) await rm(directory, { recursive: true, force: true });
});

const exported = (title: string) => {
  const offering = offerings.find((candidate) => candidate.title === title) as CatalogueOffering;
  return toCourseJsonLd({ offering, id: `${base}/api/offerings/${offering.id}` }) as any;
};

describe('schema.org Course export', () => {
  it("passes Google's Course info guidance for every offering that holds the facts, and invents none", () => {
    expect(offerings.length).toBeGreaterThan(250);
    const withFacts = offerings.filter(hasCourseInfoFacts);
    expect(withFacts.length).toBeGreaterThan(50);
    for (const offering of withFacts)
      expect([offering.title, missingCourseInfoProperties(toCourseJsonLd({ offering, id: 'x' }))]).toEqual([
        offering.title,
        [],
      ]);
    // An offering without a known mode gets no courseMode it does not have: it fails, honestly.
    const unknownMode = offerings.find((offering) => offering.mode === 'unknown');
    if (unknownMode)
      expect(missingCourseInfoProperties(toCourseJsonLd({ offering: unknownMode, id: 'x' }))).toContain(
        'hasCourseInstance.courseMode',
      );
  });

  it('states a weekly schedule with repeatFrequency and repeatCount, EQF as educationalLevel, credits as schema.org types them, no invented country', () => {
    const manchester = exported('Data Science for Public Policy');
    expect(manchester.hasCourseInstance).toHaveLength(2);
    expect(manchester.hasCourseInstance[0]).toMatchObject({
      courseMode: ['Onsite', 'part-time'],
      courseSchedule: { '@type': 'Schedule', duration: 'PT1.5H', repeatFrequency: 'Weekly', repeatCount: 8 },
      duration: 'P8W',
      startDate: '2027-01-20',
      location: [
        { '@type': 'Place', name: 'Manchester', address: { '@type': 'PostalAddress', addressLocality: 'Manchester' } },
      ],
    });
    // Issue 16: a Manchester course was exported with "addressCountry": "NO".
    expect(manchester.hasCourseInstance[0].location[0].address).toEqual({
      '@type': 'PostalAddress',
      addressLocality: 'Manchester',
    });
    expect(manchester.educationalLevel).toEqual([
      {
        '@type': 'DefinedTerm',
        '@id': 'http://data.europa.eu/snb/eqf/6',
        name: 'EQF level 6',
        termCode: '6',
        inDefinedTermSet: 'http://data.europa.eu/snb/eqf/25831c2',
      },
      'short_course',
    ]);
    expect(manchester.numberOfCredits).toEqual({ '@type': 'QuantitativeValue', value: 7.5, unitText: 'ECTS' });
    expect(manchester.offers).toEqual([{ '@type': 'Offer', category: 'Paid', price: 10640, priceCurrency: 'NOK' }]);
    const bergen = offerings.find((offering) => offering.cities.includes('Bergen')) as CatalogueOffering;
    const place = (toCourseJsonLd({ offering: bergen, id: 'x' }) as any).hasCourseInstance[0].location.find(
      (location: any) => location.name === 'Bergen',
    );
    expect(place.address).toMatchObject({ addressRegion: 'Vestland', addressCountry: 'NO' });
  });

  it('exports free to follow and a paid certificate as two offers with their categories', () => {
    expect(exported('HTML5 and CSS Fundamentals').offers).toEqual([
      { '@type': 'Offer', category: 'Partially Free', priceCurrency: 'NOK' },
      {
        '@type': 'Offer',
        name: 'Certificate or exam',
        category: 'Paid',
        price: 2139,
        priceCurrency: 'NOK',
        itemOffered: { '@type': 'EducationalOccupationalCredential', credentialCategory: 'certificate' },
      },
    ]);
  });

  it('lists an offering free to follow under "free", whatever its certificate costs', async () => {
    const page = await findOfferings({
      pool: first.pool,
      filters: { free: true, q: 'HTML5 and CSS' },
      page: 1,
      pageSize: 10,
    });
    expect(
      page.offerings.map((offering) => [
        offering.title,
        offering.isFree,
        offering.priceNok,
        offering.certificatePriceNok,
      ]),
    ).toContainEqual(['HTML5 and CSS Fundamentals', true, null, 2139]);
  });
});

describe('round trip: export → import', () => {
  it('gives back every offering with every field equal, and a second import changes nothing', async () => {
    const dump = path.join(directory, 'offerings.jsonld');
    const out = createWriteStream(dump);
    await streamCatalogueJsonLd({
      pool: first.pool,
      offeringUrl: (id) => `${base}/api/offerings/${id}`,
      write: (chunk) => void out.write(chunk),
    });
    out.end();
    await once(out, 'finish');
    const report = await importCatalogueFile(second, { file: dump, source: 'round_trip' });
    expect(report).toMatchObject({
      format: 'schema-org',
      read: offerings.length,
      inserted: offerings.length,
      rejected: 0,
    });
    const back = new Map(
      (await activeOfferings(second)).map((offering) => [offering.sources[0]?.externalId, offering]),
    );
    const differences = offerings.map((offering) => {
      const other = back.get(`${base}/api/offerings/${offering.id}`);
      return other ? differingFields(offering, other) : ['missing'];
    });
    expect(differences.filter((fields) => fields.length > 0)).toEqual([]);
    const again = await importCatalogueFile(second, { file: dump, source: 'round_trip' });
    expect(again).toMatchObject({ read: offerings.length, unchanged: offerings.length, updated: 0, inserted: 0 });
  }, 120_000);
});
