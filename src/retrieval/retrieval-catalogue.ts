import type { CatalogueOffering } from '../catalogue/offering.js';
import { Bm25Index } from './bm25-index.js';
import { CompoundSplitter } from './compound-splitter.js';
import { conceptTerm, type ConceptMatcher } from './concept-matcher.js';
import { PackedOfferings, type OfferingFacts } from './offering-facts.js';
import { FieldLengthStatistics, offeringFieldTerms, offeringTermFrequencies, type FieldTerms } from './offering-text.js';
import { SpellingCorrector } from './spelling-correction.js';
import { tokenize } from './text-analysis.js';

/**
 * The active catalogue as retrieval holds it in memory: the offerings (packed: their facts for filters and
 * ranking, the rest unpacked for the offerings a search returns — offering-facts.ts), the BM25
 * index over their text plus the occupation groups they name (BM25F: fields normalised apart, see
 * offering-text.ts), and the compound vocabulary learnt from them. Kept current by `upsert`/`remove` after each import.
 */
export type LexicalSettings = { k1: number };
export const defaultLexicalSettings: LexicalSettings = { k1: 2 };

export class RetrievalCatalogue {
  private lexicalIndex: Bm25Index;
  private readonly offerings = new PackedOfferings();
  private splitterInstance: CompoundSplitter | undefined;
  private fieldLengths = new FieldLengthStatistics();
  /** How many offerings use each word as written: the spelling corrector's dictionary. */
  private readonly wordCounts = new Map<string, number>();
  /** Built on first use from `wordCounts`; dropped whenever the catalogue changes. */
  private corrector: SpellingCorrector | undefined;
  private readonly lexicalSettings: LexicalSettings;

  constructor(
    readonly concepts: ConceptMatcher | undefined,
    settings: Partial<LexicalSettings> = {},
  ) {
    this.lexicalSettings = { ...defaultLexicalSettings, ...settings };
    this.lexicalIndex = this.emptyIndex();
  }

  /** Length normalisation happens per field before indexing (BM25F), so the index itself uses b 0. */
  private emptyIndex(): Bm25Index {
    return new Bm25Index({ k1: this.lexicalSettings.k1, b: 0 });
  }

  get size(): number {
    return this.offerings.size;
  }

  get lexical(): Bm25Index {
    return this.lexicalIndex;
  }

  /** Whether some offering uses the word as written. */
  knowsWord(word: string): boolean {
    return this.wordCounts.has(word);
  }

  /** Corrects query words no offering holds to the catalogue's closest word (spelling-correction.ts). */
  get spelling(): SpellingCorrector {
    this.corrector ??= new SpellingCorrector(this.wordCounts);
    return this.corrector;
  }

  get splitter(): CompoundSplitter | undefined {
    return this.splitterInstance;
  }

  /** What filters and ranking read of an offering: cheap, for every offering a search weighs. */
  facts(id: string): OfferingFacts | undefined {
    return this.offerings.facts(id);
  }

  /** The whole offering, unpacked: for the few a search returns. */
  get(id: string): CatalogueOffering | undefined {
    return this.offerings.get(id);
  }

  /** The weighted terms an offering is indexed under (recomputed: a few per query, not worth keeping). */
  termsOf(id: string): Map<string, number> | undefined {
    const offering = this.offerings.get(id);
    return offering ? offeringTermFrequencies({ terms: this.fieldTermsOf(offering), lengths: this.fieldLengths }) : undefined;
  }

  all(): IterableIterator<OfferingFacts> {
    return this.offerings.allFacts();
  }

  /** Replaces everything, and relearns the compound vocabulary from the new catalogue. */
  replaceAll(offerings: Iterable<CatalogueOffering>): void {
    this.clear();
    for (const offering of offerings) this.load(offering);
    this.indexLoaded();
  }

  /**
   * The same, a page at a time, so a large catalogue is never in memory whole as objects: at 100k offerings
   * that peak stayed in the process's resident memory long after the objects were collected.
   */
  async replaceAllFrom(pages: AsyncIterable<CatalogueOffering[]>): Promise<void> {
    this.clear();
    for await (const page of pages) for (const offering of page) this.load(offering);
    this.indexLoaded();
  }

  upsert(offerings: CatalogueOffering[]): void {
    this.splitterInstance ??= new CompoundSplitter({ vocabulary: vocabularyOf(countedWords(offerings)) });
    this.corrector = undefined;
    for (const offering of offerings) {
      this.remove([offering.id]);
      if (offering.status !== 'active') continue;
      const terms = this.fieldTermsOf(offering);
      this.fieldLengths.add(terms);
      this.offerings.set(offering);
      this.countWords(wordsOf(offering), 1);
      this.index(offering, terms);
    }
  }

  remove(ids: string[]): void {
    if (ids.length) this.corrector = undefined;
    for (const id of ids) {
      // Its terms and words as indexed, from the packed copy: the database may already hold a newer version.
      const offering = this.offerings.get(id);
      if (!offering) continue;
      this.fieldLengths.remove(this.fieldTermsOf(offering));
      this.offerings.delete(id);
      this.countWords(wordsOf(offering), -1);
      this.lexicalIndex.remove(id);
    }
  }

  private clear(): void {
    this.offerings.clear();
    this.wordCounts.clear();
    this.corrector = undefined;
    this.lexicalIndex = this.emptyIndex();
    this.fieldLengths = new FieldLengthStatistics();
  }

  /** Keeps an active offering (packed) and counts its words, which are both the spelling counts and the compound vocabulary's source. */
  private load(offering: CatalogueOffering): void {
    if (offering.status !== 'active' || this.offerings.has(offering.id)) return;
    this.offerings.set(offering);
    this.countWords(wordsOf(offering), 1);
  }

  /**
   * Indexes what `load` kept. Field averages over the whole catalogue come first, so every offering is
   * normalised against the same ones; each offering's terms are worked out twice rather than held for all at once.
   */
  private indexLoaded(): void {
    this.splitterInstance = new CompoundSplitter({ vocabulary: vocabularyOf(this.wordCounts) });
    for (const offering of this.offerings.unpackAll()) this.fieldLengths.add(this.fieldTermsOf(offering));
    for (const offering of this.offerings.unpackAll()) this.index(offering, this.fieldTermsOf(offering));
    this.lexicalIndex.compact();
  }

  private fieldTermsOf(offering: CatalogueOffering): FieldTerms {
    return offeringFieldTerms({ offering, splitter: this.splitterInstance });
  }

  private countWords(words: Set<string>, by: 1 | -1): void {
    for (const word of words) {
      const count = (this.wordCounts.get(word) ?? 0) + by;
      if (count > 0) this.wordCounts.set(word, count);
      else this.wordCounts.delete(word);
    }
  }

  private index(offering: CatalogueOffering, terms: FieldTerms): void {
    const frequencies = offeringTermFrequencies({ terms, lengths: this.fieldLengths });
    for (const concept of this.concepts?.find({ text: `${offering.title}\n${offering.description}`, splitter: this.splitterInstance }) ?? []) {
      frequencies.set(conceptTerm(concept.key), 1);
    }
    this.lexicalIndex.upsert(offering.id, frequencies);
  }
}

/** Words seen in at least two offerings: rare strings are typos and names, not compound parts. */
function vocabularyOf(offeringCounts: Map<string, number>): string[] {
  return [...offeringCounts].filter(([word, count]) => count >= 2 && word.length >= 3).map(([word]) => word);
}

/** How many of these offerings use each word. */
function countedWords(offerings: CatalogueOffering[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const offering of offerings) {
    for (const word of wordsOf(offering)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** The distinct words of an offering's title, description and skills, as written (normalised, not stemmed). */
function wordsOf(offering: CatalogueOffering): Set<string> {
  return new Set(tokenize(`${offering.title} ${offering.description} ${offering.skills.join(' ')}`));
}
