import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { listOfferings } from '../../adapters/storage/offering-reader.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: Server;
let base: string;
const ids: Record<string, string> = {};

async function addOffering(
  key: string,
  fields: Record<string, unknown>,
  provider: { name: string; kind: string; accreditedBy: string | null },
) {
  const stored = await database.prisma.provider.upsert({
    where: { normalizedName: provider.name.toLowerCase() },
    update: {},
    create: {
      name: provider.name,
      normalizedName: provider.name.toLowerCase(),
      kind: provider.kind,
      accreditedBy: provider.accreditedBy,
    },
  });
  const offering = await database.prisma.offering.create({
    data: {
      title: 'untitled',
      dedupeKey: key,
      contentHash: key,
      languages: ['nb'],
      cities: [],
      municipalities: [],
      counties: [],
      startDates: [],
      subjects: [],
      skills: [],
      occupations: [],
      industries: [],
      ...fields,
      providerId: stored.id,
      sources: { create: { source: 'test', externalId: key, fetchedAt: new Date(), contentHash: key, record: {} } },
    },
  });
  ids[key] = offering.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const uib = { name: 'Universitetet i Bergen', kind: 'university', accreditedBy: 'NOKUT (institusjonsakkreditering)' };
  const edx = { name: 'edX', kind: 'online_platform', accreditedBy: null };
  await addOffering(
    'nursing',
    {
      title: 'Bachelor i sykepleie',
      description: 'Bli sykepleier.',
      mode: 'campus',
      schedule: 'full_time',
      cities: ['Bergen'],
      municipalities: ['Bergen'],
      counties: ['Vestland'],
      isFree: true,
      credits: 180,
      level: 'bachelor',
      startDates: [new Date('2027-08-16')],
      url: 'https://www.uib.no/sykepleie',
    },
    uib,
  );
  await addOffering(
    'python',
    {
      title: 'Python for Data Science',
      description: 'Learn pandas and numpy.',
      languages: ['en'],
      mode: 'online',
      schedule: 'self_paced',
      isFree: false,
      priceNok: 1500,
      workloadHours: 40,
      level: 'short_course',
    },
    edx,
  );
  await addOffering(
    'leadership',
    {
      title: 'Ledelse i praksis',
      description: 'Videreutdanning i ledelse for sykepleiere.',
      mode: 'blended',
      cities: ['Ålesund'],
      municipalities: ['Ålesund'],
      counties: ['Møre og Romsdal'],
      credits: 15,
      level: 'further_education',
    },
    uib,
  );
  await addOffering('old', { title: 'Gammelt kurs i sykepleie', status: 'withdrawn', withdrawnAt: new Date() }, uib);
  for (let index = 0; index < 5; index += 1)
    await addOffering(`extra-${index}`, { title: `Zz kurs ${index}`, mode: 'online', isFree: true }, edx);
  server = createHttpApp({ database }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

const list = async (query: string) => {
  const response = await fetch(`${base}/api/offerings${query}`);
  return { status: response.status, body: (await response.json()) as any };
};
const titles = (body: any) => body.offerings.map((offering: { title: string }) => offering.title);

describe('GET /api/offerings', () => {
  it('lists active offerings only, paginated with a total', async () => {
    const first = await list('?pageSize=3');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 8, page: 1, pageSize: 3, pages: 3 });
    expect(titles(first.body)).toEqual(['Bachelor i sykepleie', 'Ledelse i praksis', 'Python for Data Science']);
    const last = await list('?pageSize=3&page=3');
    expect(titles(last.body)).toEqual(['Zz kurs 3', 'Zz kurs 4']);
    expect((await list('?page=9')).body).toMatchObject({ total: 8, offerings: [] });
  });

  it('filters by free, accredited, mode and text', async () => {
    expect(titles((await list('?free=false')).body)).toEqual(['Python for Data Science']);
    expect((await list('?free=true')).body.total).toBe(6);
    expect(titles((await list('?accredited=true')).body)).toEqual(['Bachelor i sykepleie', 'Ledelse i praksis']);
    expect(titles((await list('?mode=blended')).body)).toEqual(['Ledelse i praksis']);
    // Title matches first; withdrawn offerings never.
    expect(titles((await list('?q=SYKEPLEIE')).body)).toEqual(['Bachelor i sykepleie', 'Ledelse i praksis']);
    expect(titles((await list('?q=learn%20numpy')).body)).toEqual(['Python for Data Science']);
    expect((await list('?q=100%25')).body.total).toBe(0);
  });

  it('matches a city, a county or a region in any case, Norwegian letters included', async () => {
    expect(titles((await list('?city=bergen')).body)).toEqual(['Bachelor i sykepleie']);
    expect(titles((await list('?city=VESTLAND')).body)).toEqual(['Bachelor i sykepleie']);
    expect(titles((await list('?city=%C3%85LESUND')).body)).toEqual(['Ledelse i praksis']); // ÅLESUND
    expect(titles((await list('?city=Vestlandet')).body)).toEqual(['Bachelor i sykepleie', 'Ledelse i praksis']);
    expect((await list('?city=Tromsø')).body.total).toBe(0);
  });

  it('answers a bad parameter with 400 naming it and what it accepts', async () => {
    const free = await list('?free=yes');
    expect(free.status).toBe(400);
    expect(free.body.error.code).toBe('invalid_request');
    expect(free.body.error.message).toContain('free="yes" is not valid: expected true or false');
    const mode = await list('?mode=remote&pageSize=500');
    expect(mode.body.error.message).toContain('mode="remote" is not valid: expected online, campus, blended');
    expect(mode.body.error.message).toContain('pageSize="500" is not valid: expected a whole number from 1 to 100');
    expect(mode.body.error.details.parameters.map((problem: { parameter: string }) => problem.parameter)).toEqual([
      'mode',
      'pageSize',
    ]);
    const unknown = await list('?citty=Bergen');
    expect(unknown.body.error.message).toContain('citty is not a parameter here');
    expect((await list('?free=true&free=false')).body.error.message).toContain('expected given once');
  });
});

describe('GET /api/offerings/:id', () => {
  it('returns the offering as JSON', async () => {
    const response = await fetch(`${base}/api/offerings/${ids.nursing}`);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as any;
    expect(body).toMatchObject({
      id: ids.nursing,
      title: 'Bachelor i sykepleie',
      provider: { name: 'Universitetet i Bergen', accreditedBy: 'NOKUT (institusjonsakkreditering)' },
      sources: [{ source: 'test', externalId: 'nursing' }],
    });
  });

  it('returns schema.org Course JSON-LD when asked for application/ld+json', async () => {
    const response = await fetch(`${base}/api/offerings/${ids.nursing}`, {
      headers: { Accept: 'application/ld+json' },
    });
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const course = (await response.json()) as any;
    expect(course).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Course',
      '@id': `${base}/api/offerings/${ids.nursing}`,
      name: 'Bachelor i sykepleie',
      url: 'https://www.uib.no/sykepleie',
      inLanguage: 'nb',
      provider: {
        '@type': 'CollegeOrUniversity',
        name: 'Universitetet i Bergen',
        hasCredential: { recognizedBy: { name: 'NOKUT (institusjonsakkreditering)' } },
      },
      educationalCredentialAwarded: 'Bachelorgrad',
      educationalLevel: ['bachelor'],
      // schema.org's range is Integer or StructuredValue; a whole number of credits is an Integer.
      numberOfCredits: 180,
      // Free to follow, no amount stated: the category says it, no price is invented.
      offers: [{ '@type': 'Offer', priceCurrency: 'NOK', category: 'Free' }],
    });
    expect(course.hasCourseInstance).toEqual([
      expect.objectContaining({
        '@type': 'CourseInstance',
        courseMode: ['Onsite', 'full-time'],
        startDate: '2027-08-16',
        location: [
          expect.objectContaining({
            name: 'Bergen',
            address: expect.objectContaining({ addressRegion: 'Vestland', addressCountry: 'NO' }),
          }),
        ],
      }),
    ]);
    const python = (await (
      await fetch(`${base}/api/offerings/${ids.python}`, { headers: { Accept: 'application/ld+json' } })
    ).json()) as any;
    expect(python.provider['@type']).toBe('Organization');
    expect(python.offers).toEqual([{ '@type': 'Offer', price: 1500, priceCurrency: 'NOK', category: 'Paid' }]);
    expect(python.hasCourseInstance[0]).toMatchObject({
      courseMode: ['Online', 'self-paced'],
      courseWorkload: 'PT40H',
    });
  });

  it('answers an unknown id with a JSON 404', async () => {
    const response = await fetch(`${base}/api/offerings/no-such-offering`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).error).toMatchObject({
      code: 'not_found',
      message: 'No offering with id no-such-offering.',
    });
  });
});

describe('the rest of the app', () => {
  it('streams the active catalogue as one schema.org JSON-LD document', async () => {
    const response = await fetch(`${base}/api/offerings.jsonld`);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const document = (await response.json()) as any;
    expect(document['@context']).toBe('https://schema.org');
    expect(document['@graph']).toHaveLength(8);
    expect(
      document['@graph'].find((course: any) => course['@id'] === `${base}/api/offerings/${ids.python}`),
    ).toMatchObject({ '@type': 'Course', name: 'Python for Data Science' });
  });

  it('streams the active catalogue as JSON Lines in the feed schema', async () => {
    const response = await fetch(`${base}/api/offerings.jsonl`);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(8);
    expect(lines.find((line) => line.id === ids.python)).toMatchObject({
      title: 'Python for Data Science',
      provider: 'edX',
      priceNok: 1500,
      isFree: false,
      mode: 'online',
    });
  });

  it('exports a catalogue that another installation imports as-is', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'veileder-export-'));
    const other = await createTestDatabase();
    try {
      const file = path.join(folder, 'catalogue.jsonl');
      await writeFile(file, await (await fetch(`${base}/api/offerings.jsonl`)).text());
      const report = await importCatalogueFile(other, { file, source: 'veileder-export' });
      expect(report).toMatchObject({ read: 8, rejected: 0 });
      const imported = await listOfferings(other.pool);
      const nursing = imported.find((offering) => offering.title === 'Bachelor i sykepleie');
      expect(nursing).toMatchObject({
        mode: 'campus',
        isFree: true,
        credits: 180,
        cities: ['Bergen'],
        counties: ['Vestland'],
        startDates: ['2027-08-16'],
      });
    } finally {
      await other.drop();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reports health, echoes request ids and answers unknown routes with JSON', async () => {
    const health = await fetch(`${base}/health`, { headers: { 'X-Request-Id': 'trace-123' } });
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'server' });
    expect(health.headers.get('x-request-id')).toBe('trace-123');
    const missing = await fetch(`${base}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.message).toBe('No route for GET /api/nothing.');
    const landing = await (await fetch(`${base}/`)).text();
    expect(landing).toContain('/api/offerings');
  });
});
