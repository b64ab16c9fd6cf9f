/**
 * In-process BM25 (Okapi, k1 1.2, b 0.75) over weighted term frequencies, with add, replace and remove
 * for incremental catalogue updates. Postings are typed arrays (a 100k catalogue is ~8M postings: Maps of
 * objects would cost ten times the memory); removed documents are tombstoned and skipped, and the
 * statistics (document count, average length, document frequency) follow every change.
 */

class PostingList {
  documents = new Int32Array(4);
  frequencies = new Float32Array(4);
  length = 0;
  /** Postings whose document is still live (document frequency). */
  live = 0;

  push(document: number, frequency: number): void {
    if (this.length === this.documents.length) {
      const documents = new Int32Array(this.length * 2);
      documents.set(this.documents);
      this.documents = documents;
      const frequencies = new Float32Array(this.length * 2);
      frequencies.set(this.frequencies);
      this.frequencies = frequencies;
    }
    this.documents[this.length] = document;
    this.frequencies[this.length] = frequency;
    this.length += 1;
    this.live += 1;
  }
}

export type Bm25Hit = { id: string; score: number; matchedTerms: string[] };

export type Bm25SearchOptions = {
  terms: Map<string, number>;
  limit: number;
  /** Only documents for which this holds (hard filters applied inside the scan, so nothing is cut short). */
  accept?: (id: string) => boolean;
};

export class Bm25Index {
  private readonly postings = new Map<string, PostingList>();
  private readonly slotOfId = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private lengths = new Float32Array(1024);
  private termsOfSlot: (string[] | undefined)[] = [];
  private liveCount = 0;
  private totalLength = 0;
  private readonly k1 = 1.2;
  private readonly b = 0.75;

  get size(): number {
    return this.liveCount;
  }

  has(id: string): boolean {
    return this.slotOfId.has(id);
  }

  /** Adds a document, replacing any earlier version with the same id. */
  upsert(id: string, frequencies: Map<string, number>): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOfId.set(id, slot);
    if (slot >= this.lengths.length) {
      const lengths = new Float32Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    let length = 0;
    for (const [term, frequency] of frequencies) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new PostingList()));
      list.push(slot, frequency);
      length += frequency;
    }
    this.lengths[slot] = length;
    this.termsOfSlot[slot] = [...frequencies.keys()];
    this.liveCount += 1;
    this.totalLength += length;
  }

  remove(id: string): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.slotOfId.delete(id);
    this.ids[slot] = undefined;
    for (const term of this.termsOfSlot[slot] ?? []) {
      const list = this.postings.get(term);
      if (list) list.live -= 1;
    }
    this.termsOfSlot[slot] = undefined;
    this.liveCount -= 1;
    this.totalLength -= this.lengths[slot] ?? 0;
  }

  /** Inverse document frequency of a term (0 when unseen), for callers weighing query terms. */
  inverseDocumentFrequency(term: string): number {
    const frequency = this.postings.get(term)?.live ?? 0;
    if (frequency === 0) return 0;
    return Math.log(1 + (this.liveCount - frequency + 0.5) / (frequency + 0.5));
  }

  search(options: Bm25SearchOptions): Bm25Hit[] {
    if (this.liveCount === 0) return [];
    const averageLength = this.totalLength / this.liveCount;
    const scores = new Map<number, number>();
    const matched = new Map<number, string[]>();
    for (const [term, queryWeight] of options.terms) {
      const list = this.postings.get(term);
      if (!list || list.live === 0) continue;
      const idf = this.inverseDocumentFrequency(term) * queryWeight;
      for (let index = 0; index < list.length; index += 1) {
        const slot = list.documents[index]!;
        const id = this.ids[slot];
        if (id === undefined) continue;
        const frequency = list.frequencies[index]!;
        const norm = frequency + this.k1 * (1 - this.b + (this.b * this.lengths[slot]!) / averageLength);
        scores.set(slot, (scores.get(slot) ?? 0) + (idf * frequency * (this.k1 + 1)) / norm);
        const terms = matched.get(slot);
        if (terms) terms.push(term);
        else matched.set(slot, [term]);
      }
    }
    const hits: Bm25Hit[] = [];
    for (const [slot, score] of scores) {
      const id = this.ids[slot]!;
      if (options.accept && !options.accept(id)) continue;
      hits.push({ id, score, matchedTerms: matched.get(slot) ?? [] });
    }
    hits.sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1));
    return hits.slice(0, options.limit);
  }
}
