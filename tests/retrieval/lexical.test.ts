import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25-index.js';
import { CompoundSplitter } from '../../src/retrieval/compound-splitter.js';
import { lexicalTerms, termFrequencies } from '../../src/retrieval/lexical-terms.js';
import { reciprocalRankFusion } from '../../src/retrieval/fusion.js';
import { analyse, normaliseText, stem } from '../../src/retrieval/text-analysis.js';

describe('text analysis', () => {
  it('keeps æøå, folds other accents and lowercases', () => {
    expect(normaliseText('Kafé Ærlig Øl på Åsen')).toBe('kafe ærlig øl på åsen');
    expect(normaliseText('Müller Café')).toBe('muller cafe');
  });
  it('conflates inflections in Norwegian and English', () => {
    expect(stem('sykepleier')).toBe(stem('sykepleie'));
    expect(stem('courses')).toBe(stem('course'));
    expect(stem('lege')).toBe('lege');
  });
  it('drops function words and request words in all three languages', () => {
    expect(analyse('Eg vil lære meir om sjukepleie')).toEqual([stem('sjukepleie')]);
    expect(analyse('I want to learn Python')).toEqual(['python']);
  });
});

describe('compound splitting', () => {
  const splitter = new CompoundSplitter({
    vocabulary: ['sveise', 'teknikk', 'grunnskole', 'lærer', 'utdanning', 'arbeid', 'liv', 'barn', 'hage'],
  });
  it('splits into known words, allowing linking letters', () => {
    expect(splitter.split('sveiseteknikk')).toEqual(['sveise', 'teknikk']);
    expect(splitter.split('arbeidsliv')).toEqual(['arbeid', 'liv']);
    expect(splitter.split('barnehage')).toEqual(['barn', 'hage']);
    expect(splitter.split('grunnskolelærerutdanning')).toEqual(['grunnskole', 'lærer', 'utdanning']);
  });
  it('leaves words that are not compounds of known words alone', () => {
    expect(splitter.split('psykologi')).toEqual([]);
    expect(splitter.split('kort')).toEqual([]);
  });
  it('adds the parts as weaker search terms', () => {
    const terms = termFrequencies(lexicalTerms({ text: 'sveiseteknikk', splitter }));
    expect(terms.get(stem('sveiseteknikk'))).toBe(1);
    expect(terms.get(stem('teknikk'))).toBe(0.5);
  });
});

describe('BM25', () => {
  const index = new Bm25Index();
  index.upsert(
    'a',
    new Map([
      ['sykeplei', 2],
      ['bergen', 1],
    ]),
  );
  index.upsert(
    'b',
    new Map([
      ['sykeplei', 1],
      ['ledels', 3],
    ]),
  );
  index.upsert('c', new Map([['histori', 1]]));

  it('ranks by term weight and rarity, and reports matched terms', () => {
    const hits = index.search({
      terms: new Map([
        ['sykeplei', 1],
        ['bergen', 1],
      ]),
      limit: 10,
    });
    expect(hits.map((hit) => hit.id)).toEqual(['a', 'b']);
    expect(index.matchedTerms(hits[0]!.id, ['sykeplei', 'bergen', 'ledels']).sort()).toEqual(['bergen', 'sykeplei']);
    expect(index.matchedTerms(hits[1]!.id, ['sykeplei', 'bergen', 'ledels'])).toEqual(['sykeplei', 'ledels']);
  });
  it('applies a filter inside the scan', () => {
    expect(
      index.search({ terms: new Map([['sykeplei', 1]]), limit: 10, accept: (id) => id !== 'a' }).map((hit) => hit.id),
    ).toEqual(['b']);
  });
  it('replaces and removes documents and keeps statistics right', () => {
    index.upsert('c', new Map([['sykeplei', 1]]));
    expect(index.search({ terms: new Map([['histori', 1]]), limit: 10 })).toEqual([]);
    index.remove('a');
    expect(index.size).toBe(2);
    expect(index.search({ terms: new Map([['bergen', 1]]), limit: 10 })).toEqual([]);
    expect(index.inverseDocumentFrequency('bergen')).toBe(0);
  });
  it('after compacting, searches the same and still takes new and replaced documents', () => {
    const grown = new Bm25Index();
    for (let number = 0; number < 50; number += 1)
      grown.upsert(
        `d${number}`,
        new Map([
          ['felles', 1],
          [`ord${number % 7}`, 1 + (number % 3)],
        ]),
      );
    const query = {
      terms: new Map([
        ['felles', 1],
        ['ord3', 1],
      ]),
      limit: 5,
    };
    const before = grown.search(query);
    grown.compact();
    expect(grown.search(query)).toEqual(before);
    grown.upsert('d3', new Map([['annet', 1]]));
    grown.upsert('ny', new Map([['ord3', 5]]));
    expect(grown.size).toBe(51);
    expect(grown.search(query)[0]!.id).toBe('ny');
    expect(grown.search({ terms: new Map([['annet', 1]]), limit: 5 }).map((hit) => hit.id)).toEqual(['d3']);
    expect(grown.search(query).map((hit) => hit.id)).not.toContain('d3');
  });
});

describe('reciprocal rank fusion', () => {
  it('sums weight / (k + rank) over the lists', () => {
    const fused = reciprocalRankFusion({
      k: 60,
      lists: [
        { weight: 1, ids: ['a', 'b'] },
        { weight: 0.5, ids: ['b', 'c'] },
      ],
    });
    expect(fused.get('a')).toBeCloseTo(1 / 61);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 0.5 / 61);
    expect(fused.get('c')).toBeCloseTo(0.5 / 62);
    expect([...fused].sort((x, y) => y[1] - x[1])[0]![0]).toBe('b');
  });
});
