import { describe, expect, it } from 'vitest';
import { cosineSimilarity, ExactOfferingIndex } from '../../src/retrieval/offering-index.js';

let seed = 11;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
const vector = () => Float32Array.from({ length: 8 }, random);

describe('exact vector scan', () => {
  it('returns the same top hits as comparing every vector, after updates and removals, honouring the filter', () => {
    const index = new ExactOfferingIndex();
    const items = Array.from({ length: 300 }, (_, position) => ({ id: `o${position}`, vector: vector() }));
    index.upsert(items);
    const replaced = { id: 'o7', vector: vector() };
    index.upsert([replaced]);
    index.remove(['o3', 'o299', 'o100', 'missing']);
    expect(index.size).toBe(297);

    const live = new Map(items.map((item) => [item.id, item.vector]));
    live.set(replaced.id, replaced.vector);
    for (const id of ['o3', 'o299', 'o100']) live.delete(id);
    const query = vector();
    const accept = (id: string) => !id.endsWith('5');
    const expected = [...live]
      .filter(([id]) => accept(id))
      .map(([id, candidate]) => ({ id, similarity: cosineSimilarity(query, candidate) }))
      .sort((left, right) => right.similarity - left.similarity)
      .slice(0, 10);
    const hits = index.search({ vector: query, limit: 10, accept });
    expect(hits.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
    hits.forEach((hit, position) => {
      expect(hit.similarity).toBeCloseTo(expected[position]!.similarity, 5);
    });
  });

  it('returns fewer hits than asked when the index holds fewer', () => {
    const index = new ExactOfferingIndex();
    index.upsert([
      { id: 'a', vector: vector() },
      { id: 'b', vector: vector() },
    ]);
    expect(index.search({ vector: vector(), limit: 10 })).toHaveLength(2);
    index.remove(['a', 'b']);
    expect(index.search({ vector: vector(), limit: 10 })).toEqual([]);
  });
});
