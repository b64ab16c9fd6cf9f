import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJsonLdFeed } from '../../adapters/feeds/json-ld-feed.js';
import { openFeed } from '../../adapters/feeds/open-feed.js';
import type { FeedItem } from '../../src/catalogue/feed-item.js';
import { feedOfferingSchema } from '../../src/catalogue/feed-offering.js';

/**
 * Documents shaped as other publishers shape them (tests/fixtures/catalogue/third-party/README.md): schema.org's
 * own Course examples, Bioschemas courses, an EducationEvent — read item by item as they are published.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/catalogue/third-party');

async function read(file: string, options: { provider?: string } = {}): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  for await (const item of readJsonLdFeed(await openFeed(path.join(fixtures, file)), {
    flavour: 'schema-org',
    maximumBytes: 1024 * 1024,
    ...options,
  }))
    items.push(item);
  return items;
}
const value = (item: FeedItem | undefined) =>
  item && 'value' in item ? (item.value as Record<string, unknown>) : undefined;
const valid = (item: FeedItem | undefined) => feedOfferingSchema.safeParse(value(item)).success;

describe("schema.org's own Course examples", () => {
  it('lands every example that names a course and a provider, and with --provider the rest but the nameless one', async () => {
    const items = await read('schema-org-course-examples.jsonld');
    expect(items).toHaveLength(7);
    // The examples give no provider but two ("Johns Hopkins University", "University of Bristol").
    expect(items.filter(valid).map((item) => value(item)?.title)).toEqual(["The Data Scientist's Toolbox", 'Physics']);
    const withProvider = await read('schema-org-course-examples.jsonld', { provider: 'Fife College' });
    // The first example has no name: still rejected, with its position.
    expect(withProvider.map(valid)).toEqual([false, true, true, true, true, true, true]);
    expect(value(withProvider[0])).toMatchObject({ title: '' });
  });

  it('reads courseMode item by item: MOOC + online and distance learning + Online are online; part-/full-time are the pace', async () => {
    const [toolbox, hnc, proofreading, , , jhu, bristol] = (
      await read('schema-org-course-examples.jsonld', { provider: 'Fife College' })
    ).map(value);
    expect(toolbox).toMatchObject({ mode: 'online', startDates: ['2019-02-15'], durationWeeks: 5 });
    // Three instances of one course: their dates and campuses, one offering; the pace the most of them have.
    expect(hnc).toMatchObject({
      mode: undefined,
      schedule: 'full_time',
      startDates: ['2016-08-31', '2016-08-29'],
      cities: ['St Brycedale Campus Kirkcaldy', 'Halbeath Campus Dunfermline'],
    });
    expect(proofreading).toMatchObject({ mode: 'online', priceNok: Math.round(395 * 13.74), isFree: false });
    expect(jhu).toMatchObject({ provider: 'Johns Hopkins University', mode: 'online', isFree: true, priceNok: 0 });
    expect(bristol).toMatchObject({ id: 'F300', provider: 'University of Bristol' });
  });

  it('gives a course without an absolute @id, identifier or url a stable id from provider and name', async () => {
    const first = (await read('schema-org-course-examples.jsonld', { provider: 'Fife College' })).map(value);
    const again = (await read('schema-org-course-examples.jsonld', { provider: 'Fife College' })).map(value);
    expect(first[1]?.id).toMatch(/^sha256:[0-9a-f]{32}$/); // its "@id" is "./"
    expect(first[1]?.id).toBe(again[1]?.id);
    expect(first[1]?.id).not.toBe(first[2]?.id);
  });
});

describe('Bioschemas and other publishers', () => {
  it('reads a Bioschemas Course: the first of its providers, both instances, a street that is not a city, a GBP price', async () => {
    const [course, material, slides] = await read('bioschemas-courses.jsonld');
    expect(value(course)).toMatchObject({
      id: 'https://training.example.org/courses/single-cell-rna-seq-2026',
      provider: 'European Bioinformatics Institute',
      mode: 'campus',
      cities: ['Hinxton', 'Heidelberg'],
      startDates: ['2026-05-11', '2026-10-05'],
      durationWeeks: 1,
      priceNok: Math.round(950 * 13.74),
      skills: ['Quality control of single-cell data', 'Clustering and cell-type annotation'],
    });
    expect(value(material)).toMatchObject({
      title: 'Introduction to Galaxy',
      provider: 'Galaxy Training Network',
      type: 'e-learning',
      workloadHours: 3,
      isFree: true,
    });
    expect(slides).toMatchObject({
      rejection: expect.stringMatching(/item 3 is not a Course, CourseInstance or EducationEvent/),
    });
  });

  it('reads an EducationEvent, a CreativeWork course and prices on instances, keeping a certificate fee apart', async () => {
    const [event, creativeWork, programme] = (await read('providers-as-published.jsonld')).map(value);
    expect(event).toMatchObject({
      provider: 'Kursverkstedet AS',
      mode: 'online',
      startDates: ['2026-03-03T18:00:00+01:00'],
      durationWeeks: 2,
      priceNok: 1490,
      isFree: false,
      id: 'https://kurs.example.no/prosjektledelse-123',
    });
    expect(creativeWork).toMatchObject({
      provider: 'Kursverkstedet AS',
      isFree: true,
      priceNok: 0,
      certificatePriceNok: 390,
    });
    expect(programme).toMatchObject({
      provider: 'Kursverkstedet AS',
      mode: 'blended',
      schedule: 'part_time',
      hoursPerWeek: 6,
      durationWeeks: 30,
      priceNok: 23900,
      isFree: false,
      cities: ['Bergen', 'Trondheim'],
    });
    expect(programme?.id).toMatch(/^sha256:/);
  });
});
