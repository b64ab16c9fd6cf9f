import { readFile, rename, writeFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';
import { BestScores, normalised } from '../../src/retrieval/best-scores.js';
import type { OfferingIndex, VectorHit } from '../../src/retrieval/offering-index.js';

/**
 * The vector index: hnswlib (HNSW graph, cosine). Offering ids map to numeric labels; an update marks the
 * old label deleted and adds the new vector under a fresh label into a deleted slot (allowReplaceDeleted),
 * so the graph does not grow with every import. Persisted as the hnswlib file plus a JSON sidecar of labels.
 */

export type HnswSettings = { m: number; efConstruction: number; efSearch: number };
/**
 * efSearch for a search under a filter (at least the number asked for). hnswlib calls the JS filter for every
 * node it weighs and walks until efSearch of them pass, so under a narrow filter the cost follows efSearch.
 * Measured at 100k offerings for recommend's 100 candidates (BENCH_FILTER_EF, docs/retrieval.md): filters passing
 * 50 % / 10 % / 1 % took p50 5.5 / 30 / 115 ms at efSearch 500 and 2.4 / 10 / 65 ms at 200, recall@100 against the
 * filtered exact scan 0.939 / 0.985 / 1.000 at 200 (0.841 / 0.919 / 0.991 at 100).
 */
const filteredEfSearch = 200;

/**
 * Below this share of offerings passing a filter, the passing ones are compared one by one (exact) instead of
 * walking the graph, which under a narrow filter weighs many nodes for each one that passes: at 100k offerings
 * a 1 % filter took 136 ms p50 in the graph (npm run bench). The share is estimated on `passSample` offerings.
 */
const exactScanShare = 0.05;
const passSample = 256;

/**
 * Chosen by measurement (npm run bench, 100k offerings, 128 dimensions, 2 cores; docs/retrieval.md): recall@10
 * against the exact scan is 0.980 at efSearch 400 for M 24 / efConstruction 120 (build ~25 s), 0.983 for
 * M 32 / efConstruction 120 (~52 s), 0.970 at efSearch 300 for M 16 / efConstruction 200 (~41 s); efSearch 500
 * keeps a margin (0.987). Searches under a filter use `filteredEfSearch` instead.
 */
export const defaultHnswSettings: HnswSettings = { m: 24, efConstruction: 120, efSearch: 500 };

const labelsSchema = z.object({
  dimensions: z.number().int().positive(),
  settings: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }),
  labels: z.array(z.string().nullable()),
});

export class HnswOfferingIndex implements OfferingIndex {
  private readonly index: hnswlib.HierarchicalNSW;
  private labels: (string | null)[] = [];
  private readonly labelOfId = new Map<string, number>();
  private liveCount = 0;

  private constructor(
    readonly dimensions: number,
    readonly settings: HnswSettings,
  ) {
    this.index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  }

  static create(options: {
    dimensions: number;
    capacity?: number;
    settings?: Partial<HnswSettings>;
  }): HnswOfferingIndex {
    const index = new HnswOfferingIndex(options.dimensions, { ...defaultHnswSettings, ...options.settings });
    index.index.initIndex({
      maxElements: Math.max(16, options.capacity ?? 1024),
      m: index.settings.m,
      efConstruction: index.settings.efConstruction,
      randomSeed: 100,
      allowReplaceDeleted: true,
    });
    index.index.setEf(index.settings.efSearch);
    return index;
  }

  /**
   * M and efConstruction are the saved graph's own; efSearch is how it is searched, so the current default
   * applies (unless given): an index saved under an older default would otherwise keep searching at that one.
   */
  static async load(options: {
    file: string;
    efSearch?: number;
    /** The catalogue's own string for an id: read from the file, each of 100k ids would be a second copy (6 MB). */
    sharedId?: (id: string) => string;
  }): Promise<HnswOfferingIndex> {
    const sidecar = labelsSchema.parse(JSON.parse(await readFile(`${options.file}.labels.json`, 'utf8')));
    const index = new HnswOfferingIndex(sidecar.dimensions, {
      ...sidecar.settings,
      efSearch: options.efSearch ?? defaultHnswSettings.efSearch,
    });
    await index.index.readIndex(options.file, true);
    index.index.setEf(index.settings.efSearch);
    const sharedId = options.sharedId ?? ((id: string) => id);
    index.labels = sidecar.labels.map((id) => (id === null ? null : sharedId(id)));
    index.labels.forEach((id, label) => {
      if (id !== null) index.labelOfId.set(id, label);
    });
    index.liveCount = index.labelOfId.size;
    return index;
  }

  async save(options: { file: string }): Promise<void> {
    // Written beside and renamed, so a crash mid-write never leaves a half index under the real name; the
    // temporary names are this process's own, as several server processes may share the data folder and save
    // the same import's index at the same moment.
    const temporary = `.${process.pid}.tmp`;
    await this.index.writeIndex(`${options.file}${temporary}`);
    await writeFile(
      `${options.file}.labels.json${temporary}`,
      JSON.stringify({ dimensions: this.dimensions, settings: this.settings, labels: this.labels }),
    );
    await rename(`${options.file}${temporary}`, options.file);
    await rename(`${options.file}.labels.json${temporary}`, `${options.file}.labels.json`);
  }

  /** Search breadth (hnswlib's ef): higher finds more of the true neighbours, slower. */
  setEfSearch(efSearch: number): void {
    this.settings.efSearch = efSearch;
  }

  get size(): number {
    return this.liveCount;
  }

  upsert(items: { id: string; vector: Float32Array }[]): void {
    this.remove(items.map((item) => item.id));
    const needed = this.index.getCurrentCount() + items.length;
    if (needed > this.index.getMaxElements())
      this.index.resizeIndex(Math.max(needed, Math.ceil(this.index.getMaxElements() * 1.5)));
    for (const item of items) {
      if (item.vector.length !== this.dimensions)
        throw new Error(`Vector for ${item.id} has ${item.vector.length} dimensions; the index has ${this.dimensions}`);
      const label = this.labels.length;
      this.labels.push(item.id);
      this.labelOfId.set(item.id, label);
      this.index.addPoint(Array.from(item.vector), label, true);
      this.liveCount += 1;
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const label = this.labelOfId.get(id);
      if (label === undefined) continue;
      this.index.markDelete(label);
      this.labels[label] = null;
      this.labelOfId.delete(id);
      this.liveCount -= 1;
    }
  }

  search(options: { vector: Float32Array; limit: number; accept?: (id: string) => boolean }): VectorHit[] {
    const limit = Math.min(options.limit, this.liveCount);
    if (limit === 0) return [];
    const accept = options.accept;
    if (accept && this.passShare(accept) <= exactScanShare) return this.scan({ vector: options.vector, limit, accept });
    // hnswlib already skips labels marked deleted; a JS filter costs a call per visited node, so only with `accept`.
    const filter = accept
      ? (label: number) => {
          const id = this.labels[label];
          return id !== null && id !== undefined && accept(id);
        }
      : undefined;
    this.index.setEf(
      Math.max(filter ? Math.min(this.settings.efSearch, filteredEfSearch) : this.settings.efSearch, limit),
    );
    const result = this.index.searchKnn(Array.from(options.vector), limit, filter);
    return result.neighbors.map((label, position) => ({
      id: this.labels[label]!,
      similarity: 1 - result.distances[position]!,
    }));
  }

  /** The share of a sample of offerings, spread over the labels, that `accept` passes. */
  private passShare(accept: (id: string) => boolean): number {
    const step = Math.max(1, Math.floor(this.labels.length / passSample));
    let weighed = 0;
    let passed = 0;
    for (let label = 0; label < this.labels.length; label += step) {
      const id = this.labels[label];
      if (id === null || id === undefined) continue;
      weighed += 1;
      if (accept(id)) passed += 1;
    }
    return weighed === 0 ? 1 : passed / weighed;
  }

  /**
   * The exact nearest of the offerings `accept` passes: each one's vector read back from the graph and compared
   * (hnswlib keeps cosine vectors normalised, so the dot product with the normalised query is the similarity).
   */
  private scan(options: { vector: Float32Array; limit: number; accept: (id: string) => boolean }): VectorHit[] {
    const query = normalised(options.vector);
    const best = new BestScores(options.limit);
    for (let label = 0; label < this.labels.length; label += 1) {
      const id = this.labels[label];
      if (id === null || id === undefined || !options.accept(id)) continue;
      const point = this.index.getPoint(label);
      let dot = 0;
      for (let dimension = 0; dimension < point.length; dimension += 1) dot += query[dimension]! * point[dimension]!;
      if (best.admits(dot)) best.add(label, dot);
    }
    return best.map((label, similarity) => ({ id: this.labels[label]!, similarity }));
  }
}
