/**
 * The `limit` best of a stream of scored slots, best first, kept by sorted insertion (a limit is small beside
 * the candidates): the exact vector scans (offering-index.ts, and the HNSW index's scan of a narrow filter).
 */
export class BestScores {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private filled = 0;

  constructor(private readonly limit: number) {
    this.slots = new Int32Array(Math.max(0, limit));
    this.scores = new Float64Array(Math.max(0, limit)).fill(-Infinity);
  }

  /** Whether a score would enter: most candidates are turned away by this one comparison. */
  admits(score: number): boolean {
    return this.filled < this.limit || score > this.scores[this.limit - 1]!;
  }

  /** Enters a score `admits` let in, pushing the worst out when full. */
  add(slot: number, score: number): void {
    let position = this.filled < this.limit ? this.filled++ : this.limit - 1;
    while (position > 0 && this.scores[position - 1]! < score) {
      this.scores[position] = this.scores[position - 1]!;
      this.slots[position] = this.slots[position - 1]!;
      position -= 1;
    }
    this.scores[position] = score;
    this.slots[position] = slot;
  }

  /** The kept slots, best first. */
  map<T>(read: (slot: number, score: number) => T): T[] {
    return Array.from({ length: this.filled }, (_, position) => read(this.slots[position]!, this.scores[position]!));
  }
}

/** The vector scaled to length 1, so a dot product with another unit vector is their cosine. */
export function normalised(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return vector.map((value) => value / norm);
}
