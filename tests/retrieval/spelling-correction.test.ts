import { describe, expect, it } from 'vitest';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { ExactOfferingIndex } from '../../src/retrieval/offering-index.js';
import { offeringSearchText } from '../../src/retrieval/offering-text.js';
import { createRecommender } from '../../src/retrieval/recommend.js';
import { RetrievalCatalogue } from '../../src/retrieval/retrieval-catalogue.js';
import { editDistance, isTransposition, SpellingCorrector } from '../../src/retrieval/spelling-correction.js';
import { fitSubwordModel, SubwordEmbedder } from '../../src/retrieval/subword-embedder.js';
import { profileSchema } from '../../src/profile/profile.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('sykepleir', 'sykeplei', 2)).toBe(1);
    expect(editDistance('programer', 'programmer', 2)).toBe(1);
    expect(editDistance('sveisnig', 'sveising', 2)).toBe(1);
    expect(editDistance('historie', 'histore', 2)).toBe(1);
    expect(editDistance('same', 'same', 2)).toBe(0);
  });
  it('gives up past the limit', () => {
    expect(editDistance('akvakultur', 'arkitektur', 2)).toBe(3);
    expect(editDistance('data', 'databaser', 2)).toBe(3);
  });
});

describe('spelling corrector', () => {
  const corrector = new SpellingCorrector([
    ['sykepleier', 40],
    ['sykepleie', 30],
    ['sveising', 12],
    ['sveis', 9],
    ['historie', 30],
    ['historiebok', 2],
    ['hapax', 1],
    ['§isco08', 40],
  ]);
  it('corrects an unknown word to the closest known one, the most used among equally close', () => {
    expect(corrector.correct('sykepleir')).toEqual({ term: 'sykepleier', distance: 1 });
    expect(corrector.correct('sveisnig')).toEqual({ term: 'sveising', distance: 1 });
    expect(corrector.correct('histore')).toEqual({ term: 'historie', distance: 1 });
  });
  it('prefers two neighbouring letters swapped to another single edit, however used', () => {
    const drawing = new SpellingCorrector([
      ['tenke', 90],
      ['tegne', 11],
    ]);
    expect(drawing.correct('tenge')).toEqual({ term: 'tegne', distance: 1 });
    expect(isTransposition('tenge', 'tegne')).toBe(true);
    expect(isTransposition('tenge', 'tenke')).toBe(false);
    expect(isTransposition('farmer', 'former')).toBe(false);
  });
  it('leaves alone known words, short words, far words and words only one offering uses', () => {
    expect(corrector.correct('sveising')).toBeUndefined();
    expect(corrector.correct('sve')).toBeUndefined();
    expect(corrector.correct('astronomi')).toBeUndefined();
    expect(corrector.correct('hapaks')).toBeUndefined();
  });
  it('allows two edits only in long words', () => {
    expect(corrector.correct('sykeplir')).toEqual({ term: 'sykepleier', distance: 2 });
    expect(corrector.correct('svaisin')).toBeUndefined();
  });
});

const now = new Date('2026-11-29T00:00:00Z');
const offering = (id: string, title: string, description: string): CatalogueOffering =>
  catalogueOffering({
    id,
    title,
    description,
    updatedAt: now,
    provider: { id: `p-${id}`, name: `Høgskole ${id}`, kind: 'university_college', accreditedBy: 'NOKUT' },
  });

describe('a misspelt question still finds the offering', () => {
  const offerings = [
    offering('o1', 'Bachelor i sykepleie', 'Sykepleie for deg som vil arbeide som sykepleier på sykehus.'),
    offering('o2', 'Sykepleie, deltid', 'Sykepleie på deltid for helsefagarbeidere.'),
    offering('o3', 'Sveiseteknikk', 'Sveising for fagarbeidere, sveising av stål.'),
    offering('o4', 'Sveising og platearbeid', 'Kurs i sveising.'),
    offering('o5', 'Årsstudium i historie', 'Historie fra antikken til i dag.'),
    offering('o6', 'Historie, bachelor', 'Norsk og internasjonal historie.'),
  ];
  const catalogue = new RetrievalCatalogue(undefined);
  catalogue.replaceAll(offerings);
  const embedder = new SubwordEmbedder({
    model: fitSubwordModel({ texts: offerings.map(offeringSearchText), dimensions: 32 }),
    splitter: catalogue.splitter,
  });
  const vectors = new ExactOfferingIndex();
  vectors.upsert(offerings.map((item) => ({ id: item.id, vector: embedder.embed(offeringSearchText(item)) })));
  const recommender = createRecommender({ catalogue, embedder, vectors, now: () => now });
  const profile = profileSchema.parse({});

  it('searches for the word the learner meant, and names it as the match', async () => {
    expect(catalogue.lexical.inverseDocumentFrequency('sveisnig')).toBe(0);
    const results = await recommender.recommend({ profile, message: 'sveisnig', limit: 3 });
    expect(
      results
        .slice(0, 2)
        .map((result) => result.offering.id)
        .sort(),
    ).toEqual(['o3', 'o4']);
    expect(results[0]!.reasons.matchedTerms).toContain('sveising');
    const nurses = await recommender.recommend({ profile, message: 'jeg vil bli sykepleir', limit: 2 });
    expect(nurses.map((result) => result.offering.id).sort()).toEqual(['o1', 'o2']);
  });

  it('forgets its dictionary when the catalogue changes', async () => {
    catalogue.upsert([
      offering('o7', 'Akvakultur', 'Akvakultur og havbruk.'),
      offering('o8', 'Akvakultur, årsstudium', 'Akvakultur, fiskehelse.'),
    ]);
    expect(catalogue.spelling.correct('akvakulur')).toEqual({ term: 'akvakultur', distance: 1 });
    catalogue.remove(['o7', 'o8']);
    expect(catalogue.spelling.correct('akvakulur')).toBeUndefined();
  });
});
