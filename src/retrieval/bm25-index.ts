/**
 * In-process BM25 (Okapi, k1 1.2, b 0.75) over weighted term frequencies, with add, replace and remove
 * for incremental catalogue updates. Postings are typed arrays (a 100k catalogue is ~8M postings: Maps of
 * objects would cost ten times the memory); removed documents are tombstoned and skipped, and the
 * statistics (document count, average length, document frequency) follow every change.
 */

class PostingList {
  constructor(readonly termNumber: number) {}

  documents = new Int32Array(4);
  frequencies = new Float32Array(4);
  length = 0;
  /** Postings whose document is still live (document frequency). */
  live = 0;

  push(document: number, frequency: number): void {
    if (this.length === this.documents.length) {
      const capacity = Math.max(4, this.length * 2);
      const documents = new Int32Array(capacity);
      documents.set(this.documents);
      this.documents = documents;
      const frequencies = new Float32Array(capacity);
      frequencies.set(this.frequencies);
      this.frequencies = frequencies;
    }
    this.documents[this.length] = document;
    this.frequencies[this.length] = frequency;
    this.length += 1;
    this.live += 1;
  }

  /** Drops the growth slack (after a bulk build), so a 100k catalogue does not carry half-empty arrays. */
  trim(): void {
    this.documents = this.documents.slice(0, this.length);
    this.frequencies = this.frequencies.slice(0, this.length);
  }

  /** Documents are appended in increasing slot order, so a binary search finds one. */
  contains(document: number): boolean {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = this.documents[middle]!;
      if (value === document) return true;
      if (value < document) low = middle + 1;
      else high = middle - 1;
    }
    return false;
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
  private readonly listByNumber: PostingList[] = [];
  private readonly slotOfId = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private lengths = new Float32Array(1024);
  /** The term numbers of every slot, flat: slot s owns slotTerms[slotTermStart[s] .. slotTermStart[s + 1]). */
  private slotTerms = new Int32Array(1 << 14);
  private slotTermStart = new Int32Array(1025);
  private liveCount = 0;
  private totalLength = 0;
  private readonly k1: number;
  private readonly b: number;

  /** k1 1.2 and b 0.75 unless given; b 0 for pseudo frequencies already normalised per field (BM25F). */
  constructor(settings: { k1?: number; b?: number } = {}) {
    this.k1 = settings.k1 ?? 1.2;
    this.b = settings.b ?? 0.75;
  }

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
    if (slot >= this.lengths.length) this.lengths = grown(this.lengths, this.lengths.length * 2);
    if (slot + 1 >= this.slotTermStart.length) this.slotTermStart = grown(this.slotTermStart, this.slotTermStart.length * 2);
    const start = this.slotTermStart[slot]!;
    if (start + frequencies.size > this.slotTerms.length) this.slotTerms = grown(this.slotTerms, Math.max(this.slotTerms.length * 2, start + frequencies.size));
    let length = 0;
    let position = start;
    for (const [term, frequency] of frequencies) {
      let list = this.postings.get(term);
      if (!list) {
        list = new PostingList(this.listByNumber.length);
        this.postings.set(term, list);
        this.listByNumber.push(list);
      }
      list.push(slot, frequency);
      this.slotTerms[position] = list.termNumber;
      position += 1;
      length += frequency;
    }
    this.slotTermStart[slot + 1] = position;
    this.lengths[slot] = length;
    this.liveCount += 1;
    this.totalLength += length;
  }

  remove(id: string): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.slotOfId.delete(id);
    this.ids[slot] = undefined;
    for (let position = this.slotTermStart[slot]!; position < this.slotTermStart[slot + 1]!; position += 1) this.listByNumber[this.slotTerms[position]!]!.live -= 1;
    this.liveCount -= 1;
    this.totalLength -= this.lengths[slot] ?? 0;
  }

  /** After a bulk build: arrays cut to their content (growth by doubling leaves up to half of each empty). */
  compact(): void {
    for (const list of this.listByNumber) list.trim();
    this.slotTerms = this.slotTerms.slice(0, this.slotTermStart[this.ids.length]);
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
    // Scores accumulate in a typed array indexed by slot, with the touched slots listed once: no Map of
    // boxed numbers on the hot path (at 100k offerings a common term has tens of thousands of postings).
    const scores = this.scoreBuffer(this.ids.length);
    const touched: number[] = [];
    const queryTerms: string[] = [];
    for (const [term, queryWeight] of options.terms) {
      const list = this.postings.get(term);
      if (!list || list.live === 0 || queryWeight <= 0) continue;
      queryTerms.push(term);
      const idf = this.inverseDocumentFrequency(term) * queryWeight;
      const lengthFactor = (this.k1 * this.b) / averageLength;
      const constantFactor = this.k1 * (1 - this.b);
      for (let index = 0; index < list.length; index += 1) {
        const slot = list.documents[index]!;
        if (this.ids[slot] === undefined) continue;
        const frequency = list.frequencies[index]!;
        const norm = frequency + constantFactor + lengthFactor * this.lengths[slot]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = scores[slot]! + (idf * frequency * (this.k1 + 1)) / norm;
      }
    }
    const best = new TopSlots(options.limit);
    for (const slot of touched) {
      const score = scores[slot]!;
      scores[slot] = 0;
      if (options.accept && !options.accept(this.ids[slot]!)) continue;
      best.offer(slot, score, this.ids[slot]!);
    }
    return best.sorted().map(({ slot, score }) => ({ id: this.ids[slot]!, score, matchedTerms: queryTerms.filter((term) => this.postings.get(term)!.contains(slot)) }));
  }

  private scores = new Float64Array(0);

  /** The shared, all-zero score array (every search leaves it zeroed), grown to the slot count. */
  private scoreBuffer(size: number): Float64Array {
    if (this.scores.length < size) this.scores = new Float64Array(Math.max(size, this.scores.length * 2));
    return this.scores;
  }
}

function grown<T extends Int32Array | Float32Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}

type Ranked = { slot: number; score: number; id: string };

/** The `limit` best (score, then id) of a stream, in a min-heap: O(n log limit) instead of sorting all. */
class TopSlots {
  private readonly heap: Ranked[] = [];

  constructor(private readonly limit: number) {}

  offer(slot: number, score: number, id: string): void {
    if (this.limit <= 0) return;
    const item = { slot, score, id };
    if (this.heap.length < this.limit) {
      this.heap.push(item);
      this.up(this.heap.length - 1);
    } else if (worse(this.heap[0]!, item)) {
      this.heap[0] = item;
      this.down(0);
    }
  }

  sorted(): Ranked[] {
    return [...this.heap].sort((left, right) => (worse(left, right) ? 1 : -1));
  }

  private up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worse(this.heap[index]!, this.heap[parent]!)) return;
      [this.heap[index], this.heap[parent]] = [this.heap[parent]!, this.heap[index]!];
      index = parent;
    }
  }

  private down(index: number): void {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && worse(this.heap[left]!, this.heap[smallest]!)) smallest = left;
      if (right < this.heap.length && worse(this.heap[right]!, this.heap[smallest]!)) smallest = right;
      if (smallest === index) return;
      [this.heap[index], this.heap[smallest]] = [this.heap[smallest]!, this.heap[index]!];
      index = smallest;
    }
  }
}

/** Lower score ranks worse; on equal scores the later id ranks worse (results are deterministic). */
function worse(left: Ranked, right: Ranked): boolean {
  return left.score < right.score || (left.score === right.score && left.id > right.id);
}
