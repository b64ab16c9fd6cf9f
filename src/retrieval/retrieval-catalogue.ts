import type { CatalogueOffering } from '../catalogue/offering.js';
import { Bm25Index } from './bm25-index.js';
import { CompoundSplitter } from './compound-splitter.js';
import { conceptTerm, type ConceptMatcher } from './concept-matcher.js';
import { offeringTermFrequencies } from './offering-text.js';
import { tokenize } from './text-analysis.js';

/**
 * The active catalogue as retrieval holds it in memory: the offerings (for filters and reasons), the BM25
 * index over their text plus the occupation groups they name, and the compound vocabulary learnt from them.
 * Kept current by `upsert`/`remove` after each import.
 */
export class RetrievalCatalogue {
  private lexicalIndex = new Bm25Index();
  private readonly offerings = new Map<string, CatalogueOffering>();
  private splitterInstance: CompoundSplitter | undefined;

  constructor(readonly concepts: ConceptMatcher | undefined) {}

  get size(): number {
    return this.offerings.size;
  }

  get lexical(): Bm25Index {
    return this.lexicalIndex;
  }

  get splitter(): CompoundSplitter | undefined {
    return this.splitterInstance;
  }

  get(id: string): CatalogueOffering | undefined {
    return this.offerings.get(id);
  }

  /** The weighted terms an offering is indexed under (recomputed: a few per query, not worth keeping). */
  termsOf(id: string): Map<string, number> | undefined {
    const offering = this.offerings.get(id);
    return offering ? offeringTermFrequencies({ offering, splitter: this.splitterInstance }) : undefined;
  }

  all(): IterableIterator<CatalogueOffering> {
    return this.offerings.values();
  }

  /** Replaces everything, and relearns the compound vocabulary from the new catalogue. */
  replaceAll(offerings: CatalogueOffering[]): void {
    this.splitterInstance = new CompoundSplitter({ vocabulary: vocabularyOf(offerings) });
    this.offerings.clear();
    this.lexicalIndex = new Bm25Index();
    this.upsert(offerings);
    this.lexicalIndex.compact();
  }

  upsert(offerings: CatalogueOffering[]): void {
    this.splitterInstance ??= new CompoundSplitter({ vocabulary: vocabularyOf(offerings) });
    for (const offering of offerings) {
      if (offering.status !== 'active') {
        this.remove([offering.id]);
        continue;
      }
      this.offerings.set(offering.id, offering);
      const frequencies = offeringTermFrequencies({ offering, splitter: this.splitterInstance });
      for (const concept of this.concepts?.find({ text: `${offering.title}\n${offering.description}`, splitter: this.splitterInstance }) ?? []) {
        frequencies.set(conceptTerm(concept.key), 1);
      }
      this.lexicalIndex.upsert(offering.id, frequencies);
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      this.offerings.delete(id);
      this.lexicalIndex.remove(id);
    }
  }
}

/** Words seen in at least two offerings: rare strings are typos and names, not compound parts. */
export function vocabularyOf(offerings: Iterable<CatalogueOffering>): string[] {
  const counts = new Map<string, number>();
  for (const offering of offerings) {
    for (const token of new Set(tokenize(`${offering.title} ${offering.description} ${offering.skills.join(' ')}`))) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return [...counts].filter(([word, count]) => count >= 2 && word.length >= 3).map(([word]) => word);
}
