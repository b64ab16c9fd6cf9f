import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25-index.js';
import { expandQuery } from '../../src/retrieval/pseudo-relevance-feedback.js';

const documents = new Map<string, Map<string, number>>([
  [
    'a',
    new Map([
      ['nurse', 1],
      ['sykepleie', 3],
      ['bachelor', 1],
    ]),
  ],
  [
    'b',
    new Map([
      ['nurse', 1],
      ['sykepleie', 2],
      ['helse', 1],
    ]),
  ],
  [
    'c',
    new Map([
      ['sykepleie', 2],
      ['helse', 1],
    ]),
  ],
  [
    'd',
    new Map([
      ['økonomi', 2],
      ['regnskap', 1],
    ]),
  ],
  [
    'e',
    new Map([
      ['økonomi', 1],
      ['ledelse', 1],
    ]),
  ],
]);
const index = new Bm25Index();
for (const [id, terms] of documents) index.upsert(id, terms);

describe('pseudo-relevance feedback (RM3)', () => {
  it('adds the words the top hits share, below the query words, and finds offerings without the query word', () => {
    const terms = new Map([['nurse', 1]]);
    const hits = index.search({ terms, limit: 10 });
    const expanded = expandQuery({
      terms,
      hits,
      termsOf: (id) => documents.get(id),
      index,
      settings: { documents: 10, terms: 2, weight: 0.5 },
    });
    expect(expanded.get('nurse')).toBeGreaterThanOrEqual(1);
    expect(expanded.get('sykepleie')).toBeGreaterThan(0);
    expect(expanded.get('sykepleie')).toBeLessThanOrEqual(0.5);
    expect(expanded.has('økonomi')).toBe(false);
    expect(index.search({ terms: expanded, limit: 10 }).map((hit) => hit.id)).toContain('c');
  });
  it('leaves the query alone when fewer than two documents matched', () => {
    const terms = new Map([['regnskap', 1]]);
    const hits = index.search({ terms, limit: 10 });
    expect(
      expandQuery({
        terms,
        hits,
        termsOf: (id) => documents.get(id),
        index,
        settings: { documents: 10, terms: 5, weight: 0.5 },
      }),
    ).toBe(terms);
  });
});
