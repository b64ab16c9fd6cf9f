import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { RetrievalCatalogue } from '../../src/retrieval/retrieval-catalogue.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

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
    description: `${title} i Bergen, for deg som vil lære mer`,
    provider: { id: `p${index}`, name: `Tilbyder ${index}`, kind: 'university_college', accreditedBy: null },
  }),
);
const pages = (list: CatalogueOffering[]) =>
  (async function* () {
    yield list;
  })();
const search = (catalogue: RetrievalCatalogue, words: string[]) =>
  catalogue.lexical.search({ terms: new Map(words.map((word) => [word, 1])), limit: 5 });

function built(): RetrievalCatalogue {
  const catalogue = new RetrievalCatalogue(undefined);
  catalogue.replaceAll(offerings);
  return catalogue;
}

describe('saved lexical state', () => {
  it('restores the same index, spelling counts and compound vocabulary, through a save and load', async () => {
    const original = built();
    const saved = v8.deserialize(v8.serialize(original.lexicalState()));
    const restored = new RetrievalCatalogue(undefined);
    expect(await restored.replaceAllFrom(pages(offerings), saved)).toBe(true);
    for (const words of [['sveis', 'teknikk'], ['sykeplei'], ['regnskap', 'bergen']])
      expect(search(restored, words)).toEqual(search(original, words));
    expect(search(restored, ['sveis']).length).toBeGreaterThan(0);
    expect(restored.knowsWord('sveiseteknikk')).toBe(true);
    expect(restored.splitter?.split('sveiseteknikk')).toEqual(original.splitter?.split('sveiseteknikk'));
    expect(restored.get('o1')).toEqual(offerings[1]);
  });

  it('keeps following imports after a restore', async () => {
    const restored = new RetrievalCatalogue(undefined);
    await restored.replaceAllFrom(pages(offerings), built().lexicalState());
    restored.upsert([
      catalogueOffering({
        id: 'o9',
        title: 'Birøkt for nybegynnere',
        provider: { id: 'p9', name: 'Birøkterlaget', kind: 'unknown', accreditedBy: null },
      }),
    ]);
    restored.remove(['o0']);
    expect(search(restored, ['birøkt']).map((hit) => hit.id)).toEqual(['o9']);
    expect(search(restored, ['sykeplei']).map((hit) => hit.id)).toEqual(['o4']);
  });

  it('indexes afresh when an offering changed since the save, or the saved terms are not what the analysis gives today', async () => {
    const changed = offerings.map((offering, index) =>
      index === 2
        ? { ...offering, updatedAt: new Date('2026-12-01T00:00:00Z'), title: 'Regnskap, revisjon og skatt' }
        : offering,
    );
    const afresh = new RetrievalCatalogue(undefined);
    expect(await afresh.replaceAllFrom(pages(changed), built().lexicalState())).toBe(false);
    expect(search(afresh, ['skatt']).map((hit) => hit.id)).toEqual(['o2']);
    expect(afresh.knowsWord('skatt')).toBe(true);

    // As if the stemmer had changed since: one stored term is no longer what analysing the text gives.
    const stale = built().lexicalState();
    stale.bm25.terms = stale.bm25.terms.map((term) => (term === 'revisjon' ? 'revisjo' : term));
    const checked = new RetrievalCatalogue(undefined);
    expect(await checked.replaceAllFrom(pages(offerings), stale)).toBe(false);
    expect(search(checked, ['revisjon']).map((hit) => hit.id)).toEqual(['o2']);
  });

  it('is not used under other scoring settings', async () => {
    const other = new RetrievalCatalogue(undefined, { k1: 1.2 });
    expect(await other.replaceAllFrom(pages(offerings), built().lexicalState())).toBe(false);
  });
});
