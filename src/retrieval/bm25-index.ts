/**
 * In-process BM25 (Okapi, k1 1.2, b 0.75) over weighted term frequencies, with add, replace and remove
 * for incremental catalogue updates. Removed documents are tombstoned and skipped, and the statistics
 * (document count, average length, document frequency) follow every change.
 *
 * Memory: a 100k catalogue is ~14M postings, so after `compact()` every posting list lives in shared flat
 * arrays — document slots as varint gaps (most gaps fit one byte), frequencies as Float32 — and a term costs a
 * few bytes of offsets instead of an object with two arrays of its own. Documents added later go to small
 * per-term tails until the next `compact()`. Each slot also keeps its own term numbers (sorted varint gaps),
 * for `remove()` and for the matched terms of a hit.
 */

/**
 * Postings added since the last compaction, for one term. Plain arrays on the garbage-collected heap: a bulk
 * build makes hundreds of thousands of these and drops them at `compact()`, and small typed arrays (malloc'd
 * outside the heap) would leave that memory fragmented in the process for good.
 */
class PostingTail {
  readonly documents: number[] = [];
  /** Rounded to Float32 as stored, so a score is the same before and after compaction. */
  readonly frequencies: number[] = [];

  push(document: number, frequency: number): void {
    this.documents.push(document);
    this.frequencies.push(Math.fround(frequency));
  }
}

/** A growable byte array of unsigned varints (7 bits a byte, high bit = more). */
class VarintWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) this.bytes = grownBytes(this.bytes, this.bytes.length * 2);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }
}

export type Bm25Hit = { id: string; score: number };

/** A compacted index as plain arrays, for saving beside the vector index (a restart then skips re-indexing). */
export type Bm25State = {
  k1: number;
  b: number;
  /** Term strings by term number. */
  terms: string[];
  live: Int32Array<ArrayBuffer>;
  gaps: Uint8Array<ArrayBuffer>;
  gapStart: Int32Array<ArrayBuffer>;
  postingStart: Int32Array<ArrayBuffer>;
  frequencies: Float32Array<ArrayBuffer>;
  /** Document id by slot; null for a removed document. */
  ids: (string | null)[];
  lengths: Float32Array<ArrayBuffer>;
  slotTerms: Uint8Array<ArrayBuffer>;
  slotTermStart: Int32Array<ArrayBuffer>;
  totalLength: number;
};

export type Bm25SearchOptions = {
  terms: Map<string, number>;
  limit: number;
  /** Only documents for which this holds (hard filters applied inside the scan, so nothing is cut short). */
  accept?: (id: string) => boolean;
};

export class Bm25Index {
  private readonly termNumberOf = new Map<string, number>();
  private termCount = 0;
  /** Live postings per term number (document frequency). */
  private live = new Int32Array(1024);
  /** Compacted postings of term t: gaps in frozenGaps[frozenGapStart[t] .. frozenGapStart[t + 1]), frequencies from frozenFrequencies[frozenPostingStart[t]]. */
  private frozenTermCount = 0;
  private frozenGaps = new Uint8Array(0);
  private frozenGapStart = new Int32Array(1);
  private frozenPostingStart = new Int32Array(1);
  private frozenFrequencies = new Float32Array(0);
  private tails: (PostingTail | undefined)[] = [];
  private readonly slotOfId = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private lengths = new Float32Array(1024);
  /** The sorted term numbers of every slot as varint gaps: slot s owns slotTerms.bytes[slotTermStart[s] .. slotTermStart[s + 1]). */
  private slotTerms = new VarintWriter(1 << 14);
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

  /** Compacts first when documents changed since the last compaction. */
  exportState(): Bm25State {
    if (this.tails.length) this.compact();
    const terms: string[] = new Array(this.termCount);
    for (const [term, number] of this.termNumberOf) terms[number] = term;
    return {
      k1: this.k1,
      b: this.b,
      terms,
      live: this.live.slice(0, this.termCount),
      gaps: this.frozenGaps,
      gapStart: this.frozenGapStart,
      postingStart: this.frozenPostingStart,
      frequencies: this.frozenFrequencies,
      ids: this.ids.map((id) => id ?? null),
      lengths: this.lengths.slice(0, this.ids.length),
      slotTerms: this.slotTerms.bytes.slice(0, this.slotTerms.length),
      slotTermStart: this.slotTermStart.slice(0, this.ids.length + 1),
      totalLength: this.totalLength,
    };
  }

  static fromState(state: Bm25State): Bm25Index {
    const index = new Bm25Index({ k1: state.k1, b: state.b });
    state.terms.forEach((term, number) => {
      index.termNumberOf.set(term, number);
    });
    index.termCount = state.terms.length;
    index.frozenTermCount = state.terms.length;
    index.live = state.live.length ? state.live : new Int32Array(1024);
    index.frozenGaps = state.gaps;
    index.frozenGapStart = state.gapStart;
    index.frozenPostingStart = state.postingStart;
    index.frozenFrequencies = state.frequencies;
    index.ids = state.ids.map((id) => id ?? undefined);
    index.ids.forEach((id, slot) => {
      if (id !== undefined) index.slotOfId.set(id, slot);
    });
    index.liveCount = index.slotOfId.size;
    index.lengths = state.lengths.length ? state.lengths : new Float32Array(1024);
    index.slotTerms.bytes = state.slotTerms.length ? state.slotTerms : new Uint8Array(16);
    index.slotTerms.length = state.slotTerms.length;
    index.slotTermStart = state.slotTermStart;
    index.totalLength = state.totalLength;
    return index;
  }

  /** Whether a document is indexed under exactly these terms (to check a saved index against today's analysis). */
  indexedUnder(id: string, terms: Iterable<string>): boolean {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return false;
    const expected = new Set<number>();
    for (const term of terms) {
      const number = this.termNumberOf.get(term);
      if (number === undefined) return false;
      expected.add(number);
    }
    const stored = this.termsOfSlot(slot);
    return stored.length === expected.size && stored.every((number) => expected.has(number));
  }

  /** Adds a document, replacing any earlier version with the same id. */
  upsert(id: string, frequencies: Map<string, number>): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOfId.set(id, slot);
    if (slot >= this.lengths.length) this.lengths = grown(this.lengths, this.lengths.length * 2);
    if (slot + 1 >= this.slotTermStart.length)
      this.slotTermStart = grown(this.slotTermStart, this.slotTermStart.length * 2);
    let length = 0;
    const numbers: number[] = [];
    for (const [term, frequency] of frequencies) {
      let number = this.termNumberOf.get(term);
      if (number === undefined) {
        number = this.termCount;
        this.termCount += 1;
        this.termNumberOf.set(term, number);
        if (number >= this.live.length) this.live = grown(this.live, this.live.length * 2);
      }
      let tail = this.tails[number];
      if (!tail) this.tails[number] = tail = new PostingTail();
      tail.push(slot, frequency);
      this.live[number] = this.live[number]! + 1;
      numbers.push(number);
      length += frequency;
    }
    numbers.sort((left, right) => left - right);
    let previous = 0;
    for (const number of numbers) {
      this.slotTerms.write(number - previous);
      previous = number;
    }
    this.slotTermStart[slot + 1] = this.slotTerms.length;
    this.lengths[slot] = length;
    this.liveCount += 1;
    this.totalLength += length;
  }

  remove(id: string): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.slotOfId.delete(id);
    this.ids[slot] = undefined;
    for (const number of this.termsOfSlot(slot)) this.live[number] = this.live[number]! - 1;
    this.liveCount -= 1;
    this.totalLength -= this.lengths[slot] ?? 0;
  }

  /**
   * After a bulk build or an import: every posting list into the flat arrays, the postings of removed
   * documents dropped, and growth slack cut.
   */
  compact(): void {
    let postings = 0;
    for (let number = 0; number < this.termCount; number += 1) postings += this.live[number]!;
    const gaps = new VarintWriter(postings * 2);
    const gapStart = new Int32Array(this.termCount + 1);
    const postingStart = new Int32Array(this.termCount + 1);
    const frequencies = new Float32Array(postings);
    let posting = 0;
    for (let number = 0; number < this.termCount; number += 1) {
      gapStart[number] = gaps.length;
      postingStart[number] = posting;
      let previous = 0;
      this.forEachPosting(number, (slot, frequency) => {
        if (this.ids[slot] === undefined) return;
        gaps.write(slot - previous);
        previous = slot;
        frequencies[posting++] = frequency;
      });
    }
    gapStart[this.termCount] = gaps.length;
    postingStart[this.termCount] = posting;
    this.frozenGaps = gaps.bytes.slice(0, gaps.length);
    this.frozenGapStart = gapStart;
    this.frozenPostingStart = postingStart;
    this.frozenFrequencies = frequencies;
    this.frozenTermCount = this.termCount;
    this.tails = [];
    this.live = this.live.slice(0, Math.max(1024, this.termCount));
    this.slotTerms.bytes = this.slotTerms.bytes.slice(0, this.slotTerms.length + 16);
  }

  /** Inverse document frequency of a term (0 when unseen), for callers weighing query terms. */
  inverseDocumentFrequency(term: string): number {
    const number = this.termNumberOf.get(term);
    const frequency = number === undefined ? 0 : this.live[number]!;
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
    const { ids, lengths, k1 } = this;
    for (const [term, queryWeight] of options.terms) {
      const number = this.termNumberOf.get(term);
      if (number === undefined || this.live[number] === 0 || queryWeight <= 0) continue;
      const idf = this.inverseDocumentFrequency(term) * queryWeight;
      const lengthFactor = (this.k1 * this.b) / averageLength;
      const constantFactor = this.k1 * (1 - this.b);
      if (number < this.frozenTermCount) {
        const gaps = this.frozenGaps;
        const frequencies = this.frozenFrequencies;
        const end = this.frozenGapStart[number + 1]!;
        let posting = this.frozenPostingStart[number]!;
        let slot = 0;
        for (let position = this.frozenGapStart[number]!; position < end; posting += 1) {
          let byte = gaps[position++]!;
          let gap = byte & 0x7f;
          for (let shift = 7; byte & 0x80; shift += 7) {
            byte = gaps[position++]!;
            gap |= (byte & 0x7f) << shift;
          }
          slot += gap;
          if (ids[slot] === undefined) continue;
          const frequency = frequencies[posting]!;
          const norm = frequency + constantFactor + lengthFactor * lengths[slot]!;
          if (scores[slot] === 0) touched.push(slot);
          scores[slot] = scores[slot]! + (idf * frequency * (k1 + 1)) / norm;
        }
      }
      const tail = this.tails[number];
      for (let index = 0; tail && index < tail.documents.length; index += 1) {
        const slot = tail.documents[index]!;
        if (ids[slot] === undefined) continue;
        const frequency = tail.frequencies[index]!;
        const norm = frequency + constantFactor + lengthFactor * lengths[slot]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = scores[slot]! + (idf * frequency * (k1 + 1)) / norm;
      }
    }
    const best = new TopSlots(options.limit);
    for (const slot of touched) {
      const score = scores[slot]!;
      scores[slot] = 0;
      // The filter (constraint checks) runs only for a document that would make the list.
      if (!best.wouldKeep(score, slot) || (options.accept && !options.accept(ids[slot]!))) continue;
      best.offer(slot, score, ids[slot]!);
    }
    return best.sorted().map(({ slot, score }) => ({ id: ids[slot]!, score }));
  }

  /** Which of `terms` the document is indexed under: asked only for the few results a reply shows. */
  matchedTerms(id: string, terms: Iterable<string>): string[] {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return [];
    const own = new Set(this.termsOfSlot(slot));
    return [...terms].filter((term) => {
      const number = this.termNumberOf.get(term);
      return number !== undefined && own.has(number);
    });
  }

  private termsOfSlot(slot: number): number[] {
    const bytes = this.slotTerms.bytes;
    const numbers: number[] = [];
    let number = 0;
    for (let position = this.slotTermStart[slot]!; position < this.slotTermStart[slot + 1]!; ) {
      let byte = bytes[position++]!;
      let gap = byte & 0x7f;
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[position++]!;
        gap |= (byte & 0x7f) << shift;
      }
      number += gap;
      numbers.push(number);
    }
    return numbers;
  }

  /** Every posting of a term, compacted ones first, in increasing slot order (removed documents included). */
  private forEachPosting(number: number, visit: (slot: number, frequency: number) => void): void {
    if (number < this.frozenTermCount) {
      const end = this.frozenGapStart[number + 1]!;
      let posting = this.frozenPostingStart[number]!;
      let slot = 0;
      for (let position = this.frozenGapStart[number]!; position < end; posting += 1) {
        let byte = this.frozenGaps[position++]!;
        let gap = byte & 0x7f;
        for (let shift = 7; byte & 0x80; shift += 7) {
          byte = this.frozenGaps[position++]!;
          gap |= (byte & 0x7f) << shift;
        }
        slot += gap;
        visit(slot, this.frozenFrequencies[posting]!);
      }
    }
    const tail = this.tails[number];
    for (let index = 0; tail && index < tail.documents.length; index += 1)
      visit(tail.documents[index]!, tail.frequencies[index]!);
  }

  private scores = new Float64Array(0);

  /** The shared, all-zero score array (every search leaves it zeroed), grown to the slot count. */
  private scoreBuffer(size: number): Float64Array {
    if (this.scores.length < size) this.scores = new Float64Array(Math.max(size, this.scores.length * 2));
    return this.scores;
  }
}

function grownBytes(array: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(size);
  copy.set(array);
  return copy;
}

function grown<T extends Int32Array | Float32Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}

type Ranked = { slot: number; score: number; id: string };

/** The `limit` best (score, then reading order) of a stream, in a min-heap: O(n log limit) instead of sorting all. */
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

  wouldKeep(score: number, slot: number): boolean {
    return this.limit > 0 && (this.heap.length < this.limit || worse(this.heap[0]!, { slot, score, id: '' }));
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

/**
 * Lower score ranks worse; on equal scores the later slot does. Slots follow the order offerings were read in,
 * which is the catalogue's own order (ids are random: ties broken by id would differ between two imports).
 */
function worse(left: Ranked, right: Ranked): boolean {
  return left.score < right.score || (left.score === right.score && left.slot > right.slot);
}
