import { describe, expect, it } from 'vitest';
import { PackedOfferings } from '../../src/retrieval/offering-facts.js';
import { RetrievalCatalogue } from '../../src/retrieval/retrieval-catalogue.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

const full = catalogueOffering({
  id: 'o7',
  title: 'Sykepleie – videreutdanning i eldreomsorg',
  description: 'Æ, ø og å; «anførsel» — og 😀 utenfor BMP. Tab\there.',
  url: 'https://hvl.no/sykepleie',
  languages: ['nb', 'en'],
  startDates: ['2027-01-15'],
  workloadHours: 400,
  durationWeeks: 40,
  credits: 30,
  eqfLevel: 6,
  priceNok: 0,
  isFree: true,
  hoursPerWeek: 10,
  subjects: ['helse'],
  skills: ['demensomsorg'],
  occupations: ['2221'],
  industries: ['86.1'],
  sources: [{ source: 'utdanning_no', externalId: 'a' }],
});

describe('packed offerings', () => {
  it('gives back every field as it was given, whatever the characters', () => {
    const packed = new PackedOfferings();
    packed.set(full);
    expect(packed.get('o7')).toEqual(full);
    expect(packed.get('missing')).toBeUndefined();
  });

  it('reads a title alone as it was given, quotes, backslashes and all', () => {
    const packed = new PackedOfferings();
    packed.set(full);
    const title = 'Kurs i «\\"sitat\\"» og C:\\temp\\ – 😀 "slutt"';
    packed.set({ ...full, id: 'o9', title });
    expect(packed.title('o7')).toBe(full.title);
    expect(packed.title('o9')).toBe(title);
    expect(packed.title('missing')).toBeUndefined();
  });

  it('keeps facts by slot, in the order offerings were added, through removals and renumbering', () => {
    const packed = new PackedOfferings();
    const ids = Array.from({ length: 3000 }, (_, index) => `o${index}`);
    for (const id of ids) packed.set({ ...full, id });
    const layout = packed.layout;
    // Removing most of them renumbers the slots of the rest, and says so.
    for (const id of ids.slice(0, 2500)) packed.delete(id);
    packed.set({ ...full, id: 'o0', title: 'Tilbake' });
    expect(packed.layout).not.toBe(layout);
    const order = [...ids.slice(2500), 'o0'];
    expect([...packed.allFacts()].map((facts) => facts.id)).toEqual(order);
    for (const id of order) expect(packed.factsAt(packed.slot(id)!)!.id).toBe(id);
    expect(packed.slotCount).toBeLessThan(3000);
    expect(packed.get('o0')!.title).toBe('Tilbake');
  });

  it('shares repeated values between offerings and keeps the shared ones from being changed in place', () => {
    const packed = new PackedOfferings();
    packed.set(full);
    packed.set({ ...full, id: 'o8', provider: { ...full.provider }, languages: ['nb', 'en'] });
    const [first, second] = [packed.facts('o7')!, packed.facts('o8')!];
    expect(second.provider).toBe(first.provider);
    expect(second.languages).toBe(first.languages);
    expect(() => first.languages.push('se')).toThrow(TypeError);
    // What `get` returns is the caller's own: changing it changes nothing kept.
    const copy = packed.get('o7')!;
    copy.languages.push('se');
    copy.provider.name = 'Changed';
    expect(packed.get('o7')).toEqual(full);
  });

  it('builds the same search from pages as from one list', async () => {
    const offerings = [
      'Sykepleie deltid',
      'Sveising og sveiseteknikk',
      'Regnskap og revisjon',
      'Sveiseteknikk for viderekomne',
      'Sykepleie, master',
    ].map((title, index) =>
      catalogueOffering({
        id: `o${index}`,
        title,
        description: `${title} i Bergen`,
        provider: { id: `p${index}`, name: `Tilbyder ${index}`, kind: 'university_college', accreditedBy: null },
      }),
    );
    const whole = new RetrievalCatalogue(undefined);
    whole.replaceAll(offerings);
    const paged = new RetrievalCatalogue(undefined);
    await paged.replaceAllFrom(
      (async function* () {
        yield offerings.slice(0, 2);
        yield offerings.slice(2);
      })(),
    );
    const search = (catalogue: RetrievalCatalogue) =>
      catalogue.lexical.search({
        terms: new Map([
          ['sveis', 1],
          ['teknikk', 1],
        ]),
        limit: 5,
      });
    expect(search(paged)).toEqual(search(whole));
    expect(search(paged).length).toBeGreaterThan(0);
    expect([...paged.all()].map((offering) => offering.id)).toEqual(offerings.map((offering) => offering.id));
  });
});
