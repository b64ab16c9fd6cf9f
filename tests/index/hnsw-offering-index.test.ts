import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultHnswSettings, HnswOfferingIndex } from '../../adapters/index/hnsw-offering-index.js';
import { ExactOfferingIndex } from '../../src/retrieval/offering-index.js';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

let seed = 11;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
const vector = () => Float32Array.from({ length: 16 }, random);

describe('HNSW offering index on disk', () => {
  it('reloads the same graph, searched with the current efSearch rather than the one it was saved with', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-hnsw-'));
    directories.push(directory);
    const file = path.join(directory, 'offerings.hnsw');
    const items = Array.from({ length: 300 }, (_, index) => ({ id: `o${index}`, vector: vector() }));
    const saved = HnswOfferingIndex.create({
      dimensions: 16,
      capacity: 400,
      settings: { m: 8, efConstruction: 40, efSearch: 800 },
    });
    saved.upsert(items);
    saved.remove(['o7']);
    await saved.save({ file });

    const loaded = await HnswOfferingIndex.load({ file });
    expect(loaded.settings).toEqual({ m: 8, efConstruction: 40, efSearch: defaultHnswSettings.efSearch });
    expect((await HnswOfferingIndex.load({ file, efSearch: 64 })).settings.efSearch).toBe(64);
    expect(loaded.size).toBe(299);

    const exact = new ExactOfferingIndex();
    exact.upsert(items.filter((item) => item.id !== 'o7'));
    const query = vector();
    expect(loaded.search({ vector: query, limit: 10 }).map((hit) => hit.id)).toEqual(
      exact.search({ vector: query, limit: 10 }).map((hit) => hit.id),
    );
  });
});

describe('HNSW offering index under a narrow filter', () => {
  it('finds exactly the nearest of the few offerings that pass, never a removed or replaced vector', () => {
    const items = Array.from({ length: 2000 }, (_, index) => ({ id: `o${index}`, vector: vector() }));
    const index = HnswOfferingIndex.create({ dimensions: 16, capacity: 2100, settings: { m: 8, efConstruction: 40 } });
    index.upsert(items);
    // Every 50th passes (2 %); one of them is withdrawn and one gets a new vector.
    const replaced = { id: 'o100', vector: vector() };
    index.remove(['o50']);
    index.upsert([replaced]);
    const passes = (id: string) => Number(id.slice(1)) % 50 === 0;

    const exact = new ExactOfferingIndex();
    exact.upsert(items.filter((item) => item.id !== 'o50' && item.id !== 'o100'));
    exact.upsert([replaced]);
    for (let round = 0; round < 5; round += 1) {
      const query = vector();
      const found = index.search({ vector: query, limit: 10, accept: passes });
      const expected = exact.search({ vector: query, limit: 10, accept: passes });
      expect(found.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
      found.forEach((hit, position) => {
        expect(hit.similarity).toBeCloseTo(expected[position]!.similarity, 5);
      });
    }
  });
});
