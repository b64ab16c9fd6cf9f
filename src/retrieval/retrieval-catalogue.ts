import type { CatalogueOffering } from '../catalogue/offering.js';
import { Bm25Index, type Bm25State } from './bm25-index.js';
import { CompoundSplitter } from './compound-splitter.js';
import { conceptTerm, type ConceptMatcher } from './concept-matcher.js';
import { compoundPartWeight } from './lexical-terms.js';
import { PackedOfferings, type OfferingFacts } from './offering-facts.js';
import {
  FieldLengthStatistics,
  fieldLengthNormalisation,
  fieldWeights,
  offeringFieldTerms,
  offeringTermFrequencies,
  type FieldTerms,
  type SearchField,
} from './offering-text.js';
import { SpellingCorrector } from './spelling-correction.js';
import { tokenize } from './text-analysis.js';

/**
 * The active catalogue as retrieval holds it in memory: the offerings (packed: their facts for filters and
 * ranking, the rest unpacked for the offerings a search returns — offering-facts.ts), the BM25
 * index over their text plus the occupation groups they name (BM25F: fields normalised apart, see
 * offering-text.ts), and the compound vocabulary learnt from them. Kept current by `upsert`/`remove` after each import.
 */
export type LexicalSettings = { k1: number };
const defaultLexicalSettings: LexicalSettings = { k1: 2 };

/**
 * What a restart needs to skip indexing (retrieval-service.ts keeps it beside the vector index): the BM25
 * index, the field averages, how many offerings use each word, and the version of every offering indexed.
 */
export type LexicalState = {
  /** The scoring settings it was built with; any other → not used. */
  scoring: string;
  bm25: Bm25State;
  fieldLengths: { sums: Record<SearchField, number>; count: number };
  words: string[];
  wordCounts: Uint32Array<ArrayBuffer>;
  /** Offering id → updatedAt (ms) as indexed. */
  versions: Map<string, number>;
};

/** The frequency an occupation group named in an offering's title or description is indexed with. */
const conceptTermWeight = 1;

/**
 * Bump when the way an offering's term weights are computed changes (offering-text.ts, lexical-terms.ts) in a
 * way no compared setting shows: a saved index built the old way is then indexed afresh at the next start.
 */
const indexFormula = 1;

/** Offerings checked against today's text analysis before a saved state is used (spread over the catalogue). */
const restoreSample = 64;
/** Offerings whose indexed terms termsOf keeps (about 100 terms each): the feedback documents of recent queries. */
const termCacheSize = 4096;

export class RetrievalCatalogue {
  private lexicalIndex: Bm25Index;
  private readonly offerings = new PackedOfferings();
  private splitterInstance: CompoundSplitter | undefined;
  private fieldLengths = new FieldLengthStatistics();
  /** How many offerings use each word as written: the spelling corrector's dictionary. */
  private readonly wordCounts = new Map<string, number>();
  /** Built on first use from `wordCounts`; dropped whenever the catalogue changes. */
  private corrector: SpellingCorrector | undefined;
  /** termsOf's answers; any change to the catalogue changes field lengths, so it empties the whole cache. */
  private readonly termCache = new Map<string, Map<string, number>>();
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

  /** The offering's slot, for remembering a search's verdicts in an array (offering-facts.ts): stable until `slotLayout` changes. */
  slotOf(id: string): number | undefined {
    return this.offerings.slot(id);
  }

  /** Facts by slot: an array index, for every candidate a filter weighs. */
  factsAt(slot: number): OfferingFacts | undefined {
    return this.offerings.factsAt(slot);
  }

  /** How long an array by slot must be to cover every offering. */
  get slotCount(): number {
    return this.offerings.slotCount;
  }

  /** Changes when slots are renumbered (after imports): verdicts remembered by slot before are stale. */
  get slotLayout(): number {
    return this.offerings.layout;
  }

  /** The title alone, without unpacking the rest. */
  title(id: string): string | undefined {
    return this.offerings.title(id);
  }

  /** The whole offering, unpacked: for the few a search returns. */
  get(id: string): CatalogueOffering | undefined {
    return this.offerings.get(id);
  }

  /**
   * The weighted terms an offering is indexed under. Feedback reads them for the top hits of every query, and
   * popular subjects bring the same offerings back, so the latest few thousand are kept until the catalogue changes.
   */
  termsOf(id: string): Map<string, number> | undefined {
    const kept = this.termCache.get(id);
    if (kept) return kept;
    const offering = this.offerings.get(id);
    if (!offering) return undefined;
    const terms = offeringTermFrequencies({ terms: this.fieldTermsOf(offering), lengths: this.fieldLengths });
    if (this.termCache.size >= termCacheSize) this.termCache.delete(this.termCache.keys().next().value!);
    this.termCache.set(id, terms);
    return terms;
  }

  all(): IterableIterator<OfferingFacts> {
    return this.offerings.allFacts();
  }

  /** Replaces everything, and relearns the compound vocabulary from the new catalogue. */
  replaceAll(offerings: Iterable<CatalogueOffering>): void {
    this.clear();
    for (const offering of offerings) if (this.keep(offering)) this.countWords(wordsOf(offering), 1);
    this.indexLoaded();
  }

  /**
   * The same, a page at a time, so a large catalogue is never in memory whole as objects: at 100k offerings
   * that peak stayed in the process's resident memory long after the objects were collected. With `saved`
   * (from `lexicalState`), the index is taken from it instead of rebuilt when it was built from exactly these
   * offering versions with today's scoring settings, and a sample of offerings, analysed afresh, is indexed
   * under the very terms it holds (so a change to tokenising, stemming, compounds or concepts is not missed;
   * a changed weight is in the scoring settings compared). Only terms are compared, not their weights: after
   * an import, offerings indexed earlier keep the field averages of their time, in memory as in the saved state.
   * Returns whether the saved state was used.
   */
  async replaceAllFrom(pages: AsyncIterable<CatalogueOffering[]>, saved?: LexicalState): Promise<boolean> {
    this.clear();
    for await (const page of pages) {
      // Words are counted only when indexing afresh: a saved state brings its counts.
      for (const offering of page) if (this.keep(offering) && !saved) this.countWords(wordsOf(offering), 1);
    }
    if (saved && this.restore(saved)) return true;
    if (saved) for (const offering of this.offerings.unpackAll()) this.countWords(wordsOf(offering), 1);
    this.indexLoaded();
    return false;
  }

  /** The current index as a saveable state (compacting it first if an import changed it). */
  lexicalState(): LexicalState {
    const versions = new Map<string, number>();
    for (const facts of this.offerings.allFacts()) versions.set(facts.id, facts.updatedAt.getTime());
    return {
      scoring: this.scoringKey(),
      bm25: this.lexicalIndex.exportState(),
      fieldLengths: this.fieldLengths.state,
      words: [...this.wordCounts.keys()],
      wordCounts: Uint32Array.from(this.wordCounts.values()),
      versions,
    };
  }

  upsert(offerings: CatalogueOffering[]): void {
    this.splitterInstance ??= new CompoundSplitter({ vocabulary: vocabularyOf(countedWords(offerings)) });
    this.corrector = undefined;
    this.termCache.clear();
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
    if (ids.length) {
      this.corrector = undefined;
      this.termCache.clear();
    }
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
    this.termCache.clear();
    this.lexicalIndex = this.emptyIndex();
    this.fieldLengths = new FieldLengthStatistics();
  }

  /** Keeps an active offering (packed); false for any other, or one already kept. */
  private keep(offering: CatalogueOffering): boolean {
    if (offering.status !== 'active' || this.offerings.has(offering.id)) return false;
    this.offerings.set(offering);
    return true;
  }

  private restore(saved: LexicalState): boolean {
    const size = this.offerings.size;
    if (
      saved.scoring !== this.scoringKey() ||
      saved.versions.size !== size ||
      saved.bm25.ids.filter((id) => id !== null).length !== size
    )
      return false;
    for (const facts of this.offerings.allFacts())
      if (saved.versions.get(facts.id) !== facts.updatedAt.getTime()) return false;
    // The catalogue's own id strings instead of the file's copies (6 MB at 100k offerings).
    const ids = saved.bm25.ids.map((id) => (id === null ? null : (this.offerings.facts(id)?.id ?? id)));
    const index = Bm25Index.fromState({ ...saved.bm25, ids });
    const wordCounts = new Map(saved.words.map((word, position) => [word, saved.wordCounts[position]!]));
    const splitter = new CompoundSplitter({ vocabulary: vocabularyOf(wordCounts) });
    const fieldLengths = FieldLengthStatistics.fromState(saved.fieldLengths);
    const kept = [...this.offerings.allFacts()].map((facts) => facts.id);
    const step = Math.max(1, Math.floor(kept.length / restoreSample));
    for (let position = 0; position < kept.length; position += step) {
      const offering = this.offerings.get(kept[position]!)!;
      const terms = this.indexedTerms({
        offering,
        terms: offeringFieldTerms({ offering, splitter }),
        splitter,
        fieldLengths,
      });
      if (!index.indexedUnder(offering.id, terms.keys())) return false;
    }
    this.lexicalIndex = index;
    this.splitterInstance = splitter;
    this.fieldLengths = fieldLengths;
    for (const [word, count] of wordCounts) this.wordCounts.set(word, count);
    return true;
  }

  /** The settings scores depend on besides the text analysis itself: every weight a saved index was built with. */
  private scoringKey(): string {
    return JSON.stringify({
      indexFormula,
      lexical: this.lexicalSettings,
      fieldWeights,
      fieldLengthNormalisation,
      compoundPartWeight,
      conceptTermWeight,
      concepts: this.concepts !== undefined,
    });
  }

  /**
   * Indexes what `keep` kept, once its words are counted (the counts are both the spelling dictionary and
   * the compound vocabulary's source). Field averages over the whole catalogue come first, so every offering
   * is normalised against the same ones; each offering's terms are worked out twice rather than held for all at once.
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
    this.lexicalIndex.upsert(
      offering.id,
      this.indexedTerms({ offering, terms, splitter: this.splitterInstance, fieldLengths: this.fieldLengths }),
    );
  }

  /** The weighted field terms plus the occupation groups the title and description name. */
  private indexedTerms(options: {
    offering: CatalogueOffering;
    terms: FieldTerms;
    splitter: CompoundSplitter | undefined;
    fieldLengths: FieldLengthStatistics;
  }): Map<string, number> {
    const { offering, splitter } = options;
    const frequencies = offeringTermFrequencies({ terms: options.terms, lengths: options.fieldLengths });
    for (const concept of this.concepts?.find({ text: `${offering.title}\n${offering.description}`, splitter }) ?? [])
      frequencies.set(conceptTerm(concept.key), conceptTermWeight);
    return frequencies;
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
