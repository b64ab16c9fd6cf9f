import { describe, expect, it } from 'vitest';
import { resolvePlace } from '../../src/catalogue/places.js';

describe('resolvePlace', () => {
  it('resolves towns to municipality and 2024 county, case-insensitively', () => {
    expect(resolvePlace('Bergen')).toMatchObject({ kind: 'place', municipalities: ['Bergen'], counties: ['Vestland'] });
    expect(resolvePlace('tromsø')).toMatchObject({ municipalities: ['Tromsø'], counties: ['Troms'] });
    expect(resolvePlace('Førde')).toMatchObject({ municipalities: ['Sunnfjord'], counties: ['Vestland'] });
    expect(resolvePlace('Kristiansand S.')).toMatchObject({ name: 'Kristiansand', counties: ['Agder'] });
  });

  it('resolves counties, old county names and regions', () => {
    expect(resolvePlace('vestland')).toMatchObject({ kind: 'county', counties: ['Vestland'] });
    expect(resolvePlace('Hordaland')).toMatchObject({ kind: 'county', counties: ['Vestland'] });
    expect(resolvePlace('Nord-Norge')).toMatchObject({ kind: 'region', counties: ['Nordland', 'Troms', 'Finnmark'] });
    expect(resolvePlace('Vestlandet')?.counties).toEqual(['Rogaland', 'Vestland', 'Møre og Romsdal']);
    expect(resolvePlace('Trøndelag')).toMatchObject({ kind: 'county', counties: ['Trøndelag'] });
  });

  it('knows Svalbard and Sweden, and returns undefined for what it does not know', () => {
    expect(resolvePlace('Longyearbyen')).toMatchObject({ kind: 'outside_mainland', country: 'NO', counties: [] });
    expect(resolvePlace('Kungälv')).toMatchObject({ country: 'SE' });
    expect(resolvePlace('Atlantis')).toBeUndefined();
  });
});
