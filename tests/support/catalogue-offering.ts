import type { CatalogueOffering } from '../../src/catalogue/offering.js';

/** A catalogue offering for unit tests: a campus bachelor in Bergen with nothing else known; override what a test is about. */
export function catalogueOffering(overrides: Partial<CatalogueOffering> = {}): CatalogueOffering {
  return {
    id: 'o1',
    title: 'Sykepleie',
    description: '',
    url: null,
    languages: ['nb'],
    mode: 'campus',
    schedule: 'full_time',
    cities: ['Bergen'],
    municipalities: ['Bergen'],
    counties: ['Vestland'],
    workloadHours: null,
    hoursPerWeek: null,
    durationWeeks: null,
    startDates: [],
    priceNok: null,
    isFree: null,
    certificatePriceNok: null,
    credits: null,
    level: 'bachelor',
    eqfLevel: null,
    type: 'university_college',
    subjects: [],
    skills: [],
    occupations: [],
    industries: [],
    provider: { id: 'p1', name: 'HVL', kind: 'university_college', accreditedBy: 'NOKUT' },
    status: 'active',
    sources: [],
    updatedAt: new Date('2026-11-29T00:00:00Z'),
    ...overrides,
  };
}
