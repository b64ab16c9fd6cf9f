import { describe, expect, it } from 'vitest';
import { CompoundSplitter } from '../../src/retrieval/compound-splitter.js';
import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import type { TaxonomyConcept, TaxonomyDataset } from '../../src/taxonomy/concept.js';

const concept = (id: string, label: string, altLabels: string[] = []): TaxonomyConcept => {
  const [scheme, code] = id.split(':') as [TaxonomyConcept['scheme'], string];
  return { id, scheme, code, uri: null, label, altLabels, description: null, parentId: null, level: 4 };
};

// Nurses (Norwegian STYRK title), wood graders (an English ESCO label whose word stems like Norwegian "grad"),
// and builders (a short Norwegian title).
const taxonomy: TaxonomyDataset = {
  concepts: [
    concept('isco08:2221', 'Nursing professionals'),
    concept('styrk08:2223', 'Sykepleiere', ['sykepleier']),
    concept('isco08:7543', 'Product graders'),
    concept('esco_occupation:grader', 'wood board grader', ['grader']),
    concept('isco08:7112', 'Bricklayers'),
    concept('styrk08:7112', 'Murere', ['murer']),
    concept('isco08:5414', 'Security guards'),
    concept('styrk08:5414', 'Vektere', ['vekter']),
    concept('isco08:7115', 'Carpenters and joiners'),
    concept('esco_occupation:joiner', 'joiner'),
  ],
  relations: [
    { fromId: 'styrk08:2223', toId: 'isco08:2221', kind: 'broader' },
    { fromId: 'esco_occupation:grader', toId: 'isco08:7543', kind: 'broader' },
    { fromId: 'styrk08:7112', toId: 'isco08:7112', kind: 'broader' },
    { fromId: 'styrk08:5414', toId: 'isco08:5414', kind: 'broader' },
    { fromId: 'esco_occupation:joiner', toId: 'isco08:7115', kind: 'broader' },
  ],
};
const matcher = new ConceptMatcher({ taxonomy });
const splitter = new CompoundSplitter({
  vocabulary: ['demens', 'sykepleier', 'sykepleiere', 'bachelor', 'grad', 'murer', 'stein', 'mester'],
});
const keys = (text: string) => matcher.find({ text, splitter }).map((match) => match.key);

describe('occupations named inside compounds', () => {
  it("reads a compound's Norwegian head as the occupation it names", () => {
    expect(keys('Videreutdanning for demenssykepleiere')).toEqual(['isco08:2221']);
  });
  it('never reads a head against English labels: "bachelorgrad" is not a grader', () => {
    expect(keys('Bachelorgrad i historie')).toEqual([]);
    expect(keys('a wood board grader')).toEqual(['isco08:7543']);
  });
  it('leaves short heads and modifiers alone: "steinmurer" and "murermester" name no occupation by a part', () => {
    expect(keys('Kurs for steinmurere')).toEqual([]);
    expect(keys('Murermester')).toEqual([]);
    expect(keys('Jeg er murer')).toEqual(['isco08:7112']);
  });
  it('takes a shorter word that only stems like a title for the word it is: "vekt" (weight) is not "vekter"', () => {
    expect(keys('Vekt og kosthold')).toEqual([]);
    expect(keys('Jobber som vekter')).toEqual(['isco08:5414']);
  });
  it('takes an English title only as written or plural: "joining" stems like "joiner" but is no joiner', () => {
    expect(keys('Joining the parts of a story')).toEqual([]);
    expect(keys('I work as a joiner')).toEqual(['isco08:7115']);
    expect(keys('Courses for joiners')).toEqual(['isco08:7115']);
  });
});
