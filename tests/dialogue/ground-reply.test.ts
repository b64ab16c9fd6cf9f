import { describe, expect, it } from 'vitest';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { checkGrounding } from '../../src/dialogue/ground-reply.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

const offering = (overrides: Partial<CatalogueOffering>): CatalogueOffering =>
  catalogueOffering({
    title: 'Demensomsorg',
    schedule: 'part_time',
    priceNok: 12500,
    isFree: false,
    credits: 15,
    level: 'further_education',
    type: 'course',
    provider: { id: 'p1', name: 'Høgskulen på Vestlandet', kind: 'university_college', accreditedBy: 'NOKUT' },
    updatedAt: new Date(0),
    ...overrides,
  });

const bergen = offering({});
const online = offering({
  id: 'o2',
  title: 'Python',
  mode: 'online',
  cities: [],
  municipalities: [],
  counties: [],
  priceNok: null,
  isFree: true,
  provider: { id: 'p2', name: 'University of Helsinki', kind: 'university', accreditedBy: null },
});
const check = (text: string, offerings = [bergen], profile = emptyProfile()) =>
  checkGrounding({ text, offerings, allGiven: [bergen, online], knownProviders: ['NTNU', 'Kristiania'], profile });

describe('grounding model-written text in the records', () => {
  it('accepts a sentence whose facts are the offering’s own', () => {
    expect(check('Deltid i Bergen hos Høgskulen på Vestlandet, 12 500 kr, 15 studiepoeng.')).toEqual({
      grounded: true,
    });
    expect(check('Gratis nettkurs fra University of Helsinki.', [online])).toEqual({ grounded: true });
  });

  it.each([
    ['an invented price', 'Koster bare 990 kr.', /price/],
    ['a price in dollars', 'Only $49 for the certificate.', /price/],
    ['"free" for a paid offering', 'Dette kurset er gratis.', /free/],
    ['a place the offering is not in', 'Undervises i Trondheim.', /Trondheim/],
    ['another given offering’s provider', 'Tilbys av University of Helsinki.', /university of helsinki/],
    ['a provider from the catalogue that does not offer it', 'NTNU har det beste opplegget.', /ntnu/],
  ])('rejects %s', (_label, text, problem) => {
    const result = check(text);
    expect(result.grounded).toBe(false);
    expect(result.grounded === false && result.problem).toMatch(problem);
  });

  it('lets the text repeat what the learner said (their place, their budget)', () => {
    const profile = { ...emptyProfile(), places: ['Vestland'], budget: { maxNok: 15000 } };
    expect(check('Ligger i Vestland og under grensen din på 15000 kr.', [bergen], profile)).toEqual({ grounded: true });
  });

  it('does not take a common word for a place name', () => {
    expect(check('Passer for deg som har litt time i uka og vil gå på ski.', [bergen])).toEqual({ grounded: true });
  });
});
