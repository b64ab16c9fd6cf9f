import type { CatalogueOffering } from '../catalogue/offering.js';
import { Bm25Index } from './bm25-index.js';
import { CompoundSplitter } from './compound-splitter.js';
import { conceptTerm, type ConceptMatcher } from './concept-matcher.js';
import { FieldLengthStatistics, offeringFieldTerms, offeringTermFrequencies, type FieldTerms } from './offering-text.js';
import { SpellingCorrector } from './spelling-correction.js';
import { tokenize } from './text-analysis.js';

/**
 * The active catalogue as retrieval holds it in memory: the offerings (for filters and reasons), the BM25
 * index over their text plus the occupation groups they name (BM25F: fields normalised apart, see
 * offering-text.ts), and the compound vocabulary learnt from them. Kept current by `upsert`/`remove` after each import.
 */
export type LexicalSettings = { k1: number };
export const defaultLexicalSettings: LexicalSettings = { k1: 2 };

export class RetrievalCatalogue {
  private lexicalIndex: Bm25Index;
  private readonly offerings = new Map<string, CatalogueOffering>();
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

  get(id: string): CatalogueOffering | undefined {
    return this.offerings.get(id);
  }

  /** The weighted terms an offering is indexed under (recomputed: a few per query, not worth keeping). */
  termsOf(id: string): Map<string, number> | undefined {
    const offering = this.offerings.get(id);
    return offering ? offeringTermFrequencies({ terms: this.fieldTermsOf(offering), lengths: this.fieldLengths }) : undefined;
  }

  all(): IterableIterator<CatalogueOffering> {
    return this.offerings.values();
  }

  /** Replaces everything, and relearns the compound vocabulary from the new catalogue. */
  replaceAll(offerings: CatalogueOffering[]): void {
    // Each offering's words are read once: for the compound vocabulary and for the spelling counts.
    const words = new Map(offerings.map((offering) => [offering, wordsOf(offering)]));
    this.splitterInstance = new CompoundSplitter({ vocabulary: vocabularyOf(words.values()) });
    this.offerings.clear();
    this.wordCounts.clear();
    this.corrector = undefined;
    this.lexicalIndex = this.emptyIndex();
    // Field averages over the whole catalogue first, so every offering is normalised against the same ones.
    this.fieldLengths = new FieldLengthStatistics();
    const active = offerings.filter((offering) => offering.status === 'active');
    const terms = active.map((offering) => this.fieldTermsOf(offering));
    for (const fieldTerms of terms) this.fieldLengths.add(fieldTerms);
    active.forEach((offering, position) => this.index(offering, terms[position]!, words.get(offering)!));
    this.lexicalIndex.compact();
  }

  upsert(offerings: CatalogueOffering[]): void {
    this.splitterInstance ??= new CompoundSplitter({ vocabulary: vocabularyOf(offerings.map(wordsOf)) });
    this.corrector = undefined;
    for (const offering of offerings) {
      this.remove([offering.id]);
      if (offering.status !== 'active') continue;
      const terms = this.fieldTermsOf(offering);
      this.fieldLengths.add(terms);
      this.index(offering, terms, wordsOf(offering));
    }
  }

  remove(ids: string[]): void {
    if (ids.length) this.corrector = undefined;
    for (const id of ids) {
      const offering = this.offerings.get(id);
      if (!offering) continue;
      this.fieldLengths.remove(this.fieldTermsOf(offering));
      this.offerings.delete(id);
      this.countWords(wordsOf(offering), -1);
      this.lexicalIndex.remove(id);
    }
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

  private index(offering: CatalogueOffering, terms: FieldTerms, words: Set<string>): void {
    this.offerings.set(offering.id, offering);
    this.countWords(words, 1);
    const frequencies = offeringTermFrequencies({ terms, lengths: this.fieldLengths });
    for (const concept of this.concepts?.find({ text: `${offering.title}\n${offering.description}`, splitter: this.splitterInstance }) ?? []) {
      frequencies.set(conceptTerm(concept.key), 1);
    }
    this.lexicalIndex.upsert(offering.id, frequencies);
  }
}

/** Words seen in at least two offerings (each offering's distinct words): rare strings are typos and names, not compound parts. */
function vocabularyOf(offeringWords: Iterable<Set<string>>): string[] {
  const counts = new Map<string, number>();
  for (const words of offeringWords) {
    for (const token of words) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return [...counts].filter(([word, count]) => count >= 2 && word.length >= 3).map(([word]) => word);
}

/** The distinct words of an offering's title, description and skills, as written (normalised, not stemmed). */
function wordsOf(offering: CatalogueOffering): Set<string> {
  return new Set(tokenize(`${offering.title} ${offering.description} ${offering.skills.join(' ')}`));
}
