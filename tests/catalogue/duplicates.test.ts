import { describe, expect, it } from 'vitest';
import { dedupeKey, textKey, urlKey } from '../../src/catalogue/duplicate-keys.js';
import { mergeRecords } from '../../src/catalogue/merge-records.js';
import type { OfferingRecord } from '../../src/catalogue/offering.js';

const record = (overrides: Partial<OfferingRecord>): OfferingRecord => ({
  source: 's',
  externalId: 'e',
  title: 'T',
  description: '',
  providerName: 'P',
  url: null,
  languages: [],
  mode: 'unknown',
  schedule: 'unknown',
  cities: [],
  municipalities: [],
  counties: [],
  workloadHours: null,
  hoursPerWeek: null,
  durationWeeks: null,
  startDates: [],
  priceNok: null,
  isFree: null,
  certificatePriceNok: null,
  credits: null,
  level: 'unknown',
  eqfLevel: null,
  type: 'course',
  subjects: [],
  skills: [],
  occupations: [],
  industries: [],
  ...overrides,
});

describe('duplicate keys', () => {
  it('normalises URLs: scheme, www, case of the host and path, trailing slash, query and fragment', () => {
    expect(urlKey('http://www.Example.no/Kurs/A/?utm=1#top')).toBe(urlKey('https://example.no/kurs/a'));
    expect(urlKey('not a url')).toBeNull();
  });

  it('ignores case, punctuation and accents but keeps æ, ø and å', () => {
    expect(textKey('SVEISING – trinn 2!')).toBe('sveising trinn 2');
    expect(textKey('Café Økonomi')).toBe('cafe økonomi');
    expect(textKey('År')).not.toBe(textKey('Ar'));
    expect(dedupeKey({ providerKey: 'p', record: { title: 'Kurs', cities: ['Oslo', 'Bergen'], counties: [] } })).toBe(
      'p|kurs|bergen',
    );
  });
});

describe('mergeRecords', () => {
  it('takes fields from the sources in name order, filling gaps and uniting lists, whatever order they come in', () => {
    const edx = record({
      source: 'edx',
      title: 'Data Science',
      url: 'https://edx.org/ds',
      priceNok: 490,
      languages: ['en'],
      mode: 'online',
    });
    const coursera = record({
      source: 'coursera',
      title: 'Data Science (Coursera)',
      isFree: true,
      languages: ['en', 'es'],
      skills: ['Python'],
    });
    const merged = mergeRecords([edx, coursera]);
    expect(merged).toEqual(mergeRecords([coursera, edx]));
    expect(merged).toMatchObject({
      title: 'Data Science (Coursera)',
      url: 'https://edx.org/ds',
      priceNok: 490,
      isFree: true,
      mode: 'online',
      languages: ['en', 'es'],
      skills: ['Python'],
    });
  });

  it('takes a provider’s own feed first, whatever its name', () => {
    const aggregator = record({ source: 'aggregator', title: 'Kurs (fra katalogen)', priceNok: 100 });
    const own = record({ source: 'www_provider', title: 'Kurs', priceNok: null });
    expect(mergeRecords([aggregator, own], { ownFeeds: new Set(['www_provider']) })).toMatchObject({
      title: 'Kurs',
      priceNok: 100,
    });
    expect(mergeRecords([aggregator, own])).toMatchObject({ title: 'Kurs (fra katalogen)' });
  });
});
