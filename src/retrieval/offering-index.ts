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

export class ExactOfferingIndex implements OfferingIndex {
  private readonly vectors = new Map<string, Float32Array>();

  get size(): number {
    return this.vectors.size;
  }

  upsert(items: { id: string; vector: Float32Array }[]): void {
    for (const item of items) this.vectors.set(item.id, normalised(item.vector));
  }

  remove(ids: string[]): void {
    for (const id of ids) this.vectors.delete(id);
  }

  search(options: { vector: Float32Array; limit: number; accept?: (id: string) => boolean }): VectorHit[] {
    const query = normalised(options.vector);
    const hits: VectorHit[] = [];
    for (const [id, vector] of this.vectors) {
      if (options.accept && !options.accept(id)) continue;
      let dot = 0;
      for (let index = 0; index < query.length; index += 1) dot += query[index]! * vector[index]!;
      hits.push({ id, similarity: dot });
    }
    hits.sort((left, right) => right.similarity - left.similarity);
    return hits.slice(0, options.limit);
  }
}

function normalised(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return vector.map((value) => value / norm);
}
