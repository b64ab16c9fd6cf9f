import { BestScores, normalised } from './best-scores.js';

/**
 * Nearest-neighbour search over offering vectors (cosine). The default is hnswlib (adapters/index/);
 * `ExactOfferingIndex` scans every vector and serves as the reference in tests and benchmarks.
 */
export type VectorHit = { id: string; similarity: number };

export type OfferingIndex = {
  readonly size: number;
  /** Adds offerings, replacing the vector of any id already present. */
  upsert(items: { id: string; vector: Float32Array }[]): void;
  remove(ids: string[]): void;
  search(options: { vector: Float32Array; limit: number; accept?: (id: string) => boolean }): VectorHit[];
};

export function cosineSimilarity(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! * left[index]!;
    rightNorm += right[index]! * right[index]!;
  }
  return leftNorm && rightNorm ? dot / Math.sqrt(leftNorm * rightNorm) : 0;
}

/**
 * Every vector in one flat Float32Array (normalised, so a dot product is the cosine) scanned in a tight
 * loop, the best `limit` kept in a small sorted buffer: the fair baseline an ANN index must beat, not a
 * strawman that sorts every similarity or chases one object per vector.
 */
export class ExactOfferingIndex implements OfferingIndex {
  private ids: string[] = [];
  private readonly slotOfId = new Map<string, number>();
  private data = new Float32Array(0);
  private dimensions = 0;

  get size(): number {
    return this.ids.length;
  }

  upsert(items: { id: string; vector: Float32Array }[]): void {
    for (const item of items) {
      if (this.dimensions === 0) this.dimensions = item.vector.length;
      if (item.vector.length !== this.dimensions)
        throw new Error(`Vector for ${item.id} has ${item.vector.length} dimensions; the index has ${this.dimensions}`);
      let slot = this.slotOfId.get(item.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ids.push(item.id);
        this.slotOfId.set(item.id, slot);
        if ((slot + 1) * this.dimensions > this.data.length) {
          const grown = new Float32Array(Math.max(1024, this.data.length * 2, (slot + 1) * this.dimensions));
          grown.set(this.data);
          this.data = grown;
        }
      }
      this.data.set(normalised(item.vector), slot * this.dimensions);
    }
  }

  /** The last vector moves into the freed slot, so the array stays dense. */
  remove(ids: string[]): void {
    for (const id of ids) {
      const slot = this.slotOfId.get(id);
      if (slot === undefined) continue;
      const last = this.ids.length - 1;
      if (slot !== last) {
        this.data.copyWithin(slot * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
        this.ids[slot] = this.ids[last]!;
        this.slotOfId.set(this.ids[slot]!, slot);
      }
      this.ids.pop();
      this.slotOfId.delete(id);
    }
  }

  search(options: { vector: Float32Array; limit: number; accept?: (id: string) => boolean }): VectorHit[] {
    const query = normalised(options.vector);
    const { data, dimensions } = this;
    const limit = Math.min(options.limit, this.ids.length);
    if (limit <= 0) return [];
    const best = new BestScores(limit);
    for (let slot = 0, offset = 0; slot < this.ids.length; slot += 1, offset += dimensions) {
      let dot = 0;
      for (let index = 0; index < dimensions; index += 1) dot += query[index]! * data[offset + index]!;
      if (!best.admits(dot)) continue;
      if (options.accept && !options.accept(this.ids[slot]!)) continue;
      best.add(slot, dot);
    }
    return best.map((slot, similarity) => ({ id: this.ids[slot]!, similarity }));
  }
}
