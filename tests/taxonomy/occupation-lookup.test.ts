import { describe, expect, it } from 'vitest';
import type { TaxonomyConcept } from '../../src/taxonomy/concept.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { inflectedForms } from '../../src/taxonomy/occupation-terms.js';

const group = (code: string, label: string, altLabels: string[]): TaxonomyConcept => ({
  id: `styrk08:${code}`,
  scheme: 'styrk08',
  code,
  uri: null,
  label,
  altLabels,
  description: null,
  parentId: null,
  level: 4,
});
const esco = (code: string, label: string, altLabels: string[]): TaxonomyConcept => ({
  id: `esco_occupation:${code}`,
  scheme: 'esco_occupation',
  code,
  uri: null,
  label,
  altLabels,
  description: null,
  parentId: null,
  level: null,
});

const lookup = createOccupationLookup({
  concepts: [
    group('2223', 'Sykepleiere', ['Sykepleier', 'Hjemmesykepleier', 'Sykepleier (psykisk helsearbeid)']),
    group('2221', 'Spesialsykepleiere', ['Intensivsykepleier']),
    group('5120', 'Kokker', ['Kokk']),
    group('2341', 'Grunnskolelærere', ['Lærer (grunnskole)']),
    group('2330', 'Lektorer mv. (videregående skole)', ['Lærer (videregående skole)']),
    group('2512', 'Programvareutviklere', ['Programmerer']),
    esco('e1', 'software developer', ['software engineer']),
    esco('e2', 'nurse responsible for general care', ['ward nurse']),
    esco('e3', 'district nurse', []),
    esco('e4', 'specialist nurse', []),
  ],
  relations: [
    { fromId: 'esco_occupation:e1', toId: 'styrk08:2512', kind: 'broader' },
    { fromId: 'esco_occupation:e2', toId: 'styrk08:2223', kind: 'broader' },
    { fromId: 'esco_occupation:e3', toId: 'styrk08:2223', kind: 'broader' },
    { fromId: 'esco_occupation:e4', toId: 'styrk08:2221', kind: 'broader' },
  ],
});

describe('occupation lookup', () => {
  it.each([
    ['jeg er sykepleier', '2223'],
    ['Vi er sykepleiere begge to', '2223'],
    ['sykepleieren sa det', '2223'],
    ['sykepleierne på avdelingen', '2223'],
    ['Jeg jobber som kokk', '5120'],
    ['kokkene i kantina', '5120'],
    ['I am a software engineer', '2512'],
    ['I work as a ward nurse', '2223'],
  ])('finds the group in "%s"', (text, code) => {
    expect(lookup.find(text)[0]?.code).toBe(code);
  });

  it('reports where and what matched, preferring Norwegian over English', () => {
    const [match] = lookup.find('Hei! Jeg er hjemmesykepleier i Bergen.');
    expect(match).toMatchObject({
      code: '2223',
      label: 'Sykepleiere',
      term: 'Hjemmesykepleier',
      language: 'nb',
      matchedText: 'hjemmesykepleier',
      start: 12,
      end: 28,
    });
    expect(lookup.find('I am a nurse')[0]).toMatchObject({ code: '2223', language: 'en' });
    expect(lookup.find('I am a nurse')[0]!.score).toBeLessThan(match!.score);
  });

  it('does not mistake the subject for the occupation, nor invent matches', () => {
    expect(lookup.find('jeg vil studere sykepleie')).toEqual([]);
    expect(lookup.find('jeg vil lære python')).toEqual([]);
  });

  it('spreads a word shared by several groups thin instead of picking one', () => {
    const matches = lookup.find('jeg er lærer');
    expect(matches.map((match) => match.code).sort()).toEqual(['2330', '2341']);
    expect(matches[0]!.score).toBeLessThan(0.5);
  });

  it('inflects Norwegian nouns from the singular and from the plural', () => {
    expect([...inflectedForms({ word: 'lærer', language: 'nb' })]).toEqual(
      expect.arrayContaining(['lærer', 'lærere', 'læreren', 'lærerne']),
    );
    expect([...inflectedForms({ word: 'leger', language: 'nb', plural: true })]).toEqual(
      expect.arrayContaining(['lege', 'legen', 'leger', 'legene']),
    );
    expect([...inflectedForms({ word: 'sykepleier', language: 'nb' })]).not.toContain('sykepleie');
  });
});
