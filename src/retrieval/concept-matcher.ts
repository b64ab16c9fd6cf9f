import type { TaxonomyDataset } from '../taxonomy/concept.js';
import type { CompoundSplitter } from './compound-splitter.js';
import { analyse, stem, stopWords, tokenize } from './text-analysis.js';

/**
 * Finds taxonomy occupations named in a text and maps each to its ISCO-08 unit group, the bridge between
 * languages: STYRK-08 and NAV's Norwegian job titles ("sykepleier") and ESCO's English labels ("nurse")
 * meet in the same group (2221/2223 → "isco08:2221"). Labels that point at more than two groups
 * ("leder", "konsulent") say nothing specific and are left out.
 */

/** `said`: the text's own words (stemmed) that named the group, when they did as whole words, not as a compound's part. */
export type ConceptMatch = { id: string; label: string; key: string; said?: string };

type Entry = { key: string; id: string; label: string };

export type ConceptMatcherState = {
  entries: ReadonlyMap<string, Entry[]>;
  norwegianLabels: ReadonlySet<string>;
  labelWordLength: ReadonlyMap<string, number>;
  englishWords: ReadonlyMap<string, Set<string>>;
  labelStarts: ReadonlySet<string>;
};

const maximumLabelWords = 4;
const maximumGroupsPerLabel = 2;
const minimumHeadLabels = 3;
const minimumHeadShare = 0.45;
/** Short heads ("modell", "støper", "fører") are ordinary words far more often than job titles. */
const minimumHeadLength = 7;

function countHead(heads: Map<string, Map<string, { entry: Entry; count: number }>>, head: string, entry: Entry): void {
  const counts = heads.get(head) ?? new Map<string, { entry: Entry; count: number }>();
  const current = counts.get(entry.key);
  if (current) current.count += 1;
  else counts.set(entry.key, { entry, count: 1 });
  heads.set(head, counts);
}

export class ConceptMatcher {
  private readonly entries = new Map<string, Entry[]>();
  /** Labels from STYRK-08 and NAV's titles: a Norwegian compound's head can only be a Norwegian word. */
  private readonly norwegianLabels = new Set<string>();
  /**
   * The shortest Norwegian word, as written, whose stem is a one-word label: a word of the text shorter than
   * that by more than a letter is another word that stems alike ("vekt", weight, is not "vekter", a guard).
   */
  private readonly labelWordLength = new Map<string, number>();
  /**
   * English one-word titles as written. The Norwegian stemmer cuts "-er" from them, so their stems are
   * ordinary English words ("framer" → "fram", "joiner" → "join"): they match only as written or plural.
   */
  private readonly englishWords = new Map<string, Set<string>>();
  /** The first word of every label. */
  private readonly labelStarts = new Set<string>();

  /** From a taxonomy, or from another matcher's `state` (a worker thread's copy of the main thread's). */
  constructor(options: { taxonomy: TaxonomyDataset } | { state: ConceptMatcherState }) {
    if ('state' in options) {
      const { state } = options;
      for (const [text, entries] of state.entries) this.entries.set(text, entries);
      for (const label of state.norwegianLabels) this.norwegianLabels.add(label);
      for (const [stemmed, length] of state.labelWordLength) this.labelWordLength.set(stemmed, length);
      for (const [stemmed, forms] of state.englishWords) this.englishWords.set(stemmed, forms);
      for (const start of state.labelStarts) this.labelStarts.add(start);
      return;
    }
    const heads = new Map<string, Map<string, { entry: Entry; count: number }>>();
    const { concepts, relations } = options.taxonomy;
    const iscoOf = new Map<string, string>();
    for (const relation of relations) {
      if (
        relation.toId.startsWith('isco08:') &&
        relation.toId.length === 'isco08:'.length + 4 &&
        relation.kind !== 'essential_skill' &&
        relation.kind !== 'optional_skill'
      ) {
        if (!iscoOf.has(relation.fromId)) iscoOf.set(relation.fromId, relation.toId);
      }
    }
    const byLabel = new Map<string, Map<string, Entry>>();
    for (const concept of concepts) {
      const isco =
        concept.scheme === 'isco08' && concept.code.length === 4
          ? concept.id
          : (iscoOf.get(concept.id) ??
            (concept.scheme === 'styrk08' && concept.code.length === 4 ? concept.id : undefined));
      if (!isco) continue;
      for (const label of [concept.label, ...concept.altLabels]) {
        const written = label.replace(/\(.*?\)/g, ' ');
        const words = analyse(written);
        if (words.length === 0 || words.length > maximumLabelWords) continue;
        const lastWritten = tokenize(written).at(-1);
        if (lastWritten) this.noteWrittenWord(words.at(-1)!, lastWritten, concept.scheme === 'styrk08');
        const text = words.join(' ');
        if (text.length < 4) continue;
        const groups = byLabel.get(text) ?? new Map<string, Entry>();
        if (!groups.has(isco)) groups.set(isco, { key: isco, id: concept.id, label: concept.label });
        byLabel.set(text, groups);
        if (concept.scheme === 'styrk08') this.norwegianLabels.add(text);
        if (concept.scheme === 'esco_occupation' && words.length > 1)
          countHead(heads, words.at(-1)!, { key: isco, id: concept.id, label: concept.label });
      }
    }
    for (const [text, groups] of byLabel) {
      if (groups.size <= maximumGroupsPerLabel) this.entries.set(text, [...groups.values()]);
    }
    // English job titles name the job in their last word ("specialist nurse", "diabetes nurse"): a head word
    // most of whose titles sit in one group stands for that group when it is used alone ("nurse").
    for (const [head, counts] of heads) {
      if (this.entries.has(head) || head.length < 4) continue;
      const total = [...counts.values()].reduce((sum, { count }) => sum + count, 0);
      const [top, second] = [...counts.values()].sort((left, right) => right.count - left.count);
      const dominant =
        top!.count >= minimumHeadLabels &&
        top!.count / total >= minimumHeadShare &&
        top!.count >= 2 * (second?.count ?? 0);
      if (dominant) this.entries.set(head, [top!.entry]);
    }
    for (const text of this.entries.keys()) this.labelStarts.add(text.split(' ', 1)[0]!);
  }

  private noteWrittenWord(stemmed: string, written: string, norwegian: boolean): void {
    if (!norwegian) {
      const forms = this.englishWords.get(stemmed) ?? new Set<string>();
      forms.add(written);
      this.englishWords.set(stemmed, forms);
      return;
    }
    const known = this.labelWordLength.get(stemmed);
    if (known === undefined || written.length < known) this.labelWordLength.set(stemmed, written.length);
  }

  /** Whether `written`, which stems to the one-word label `stemmed`, is that title's word and not another. */
  private isLabelWord(stemmed: string, written: string): boolean {
    const shortest = this.labelWordLength.get(stemmed);
    if (shortest !== undefined) return written.length >= shortest - 1;
    const english = this.englishWords.get(stemmed);
    if (!english) return true;
    return english.has(written) || english.has(written.replace(/e?s$/, '')) || english.has(written.replace(/s$/, ''));
  }

  /** Everything `find` reads, as plain maps and sets that a worker thread can be sent. */
  get state(): ConceptMatcherState {
    return {
      entries: this.entries,
      norwegianLabels: this.norwegianLabels,
      labelWordLength: this.labelWordLength,
      englishWords: this.englishWords,
      labelStarts: this.labelStarts,
    };
  }

  get labelCount(): number {
    return this.entries.size;
  }

  /** Occupation groups named in the text, each once, longest label first where they overlap. */
  find(options: { text: string; splitter?: CompoundSplitter | undefined }): ConceptMatch[] {
    const words: { stemmed: string; written: string }[] = [];
    const heads: { stemmed: string; written: string }[] = [];
    for (const token of tokenize(options.text)) {
      if (token.length < 2 || stopWords.has(token)) continue;
      words.push({ stemmed: stem(token), written: token });
      // Only the head of a compound says what it is ("demenssykepleier" is a kind of "sykepleier"); a modifier
      // names something else ("trebearbeiding" is not about a "tre…" occupation).
      const head = options.splitter?.split(token).at(-1);
      if (head && head.length >= minimumHeadLength) heads.push({ stemmed: stem(head), written: head });
    }
    const found = new Map<string, ConceptMatch>();
    const add = (text: string, whole: boolean) => {
      for (const entry of this.entries.get(text) ?? [])
        if (!found.has(entry.key)) found.set(entry.key, whole ? { ...entry, said: text } : { ...entry });
    };
    for (let start = 0; start < words.length; start += 1) {
      // Most words begin no label: skipped before any span is joined (a third of a first start's time went here).
      if (!this.labelStarts.has(words[start]!.stemmed)) continue;
      for (let length = Math.min(maximumLabelWords, words.length - start); length >= 1; length -= 1) {
        if (length === 1 && !this.isLabelWord(words[start]!.stemmed, words[start]!.written)) continue;
        let text = words[start]!.stemmed;
        for (let next = start + 1; next < start + length; next += 1) text += ` ${words[next]!.stemmed}`;
        add(text, true);
      }
    }
    // A compound's head read against English labels stemmed the Norwegian way finds false friends
    // ("bachelorgrad" → "grader", "universitetslektor" → "lecturer").
    for (const head of heads)
      if (this.norwegianLabels.has(head.stemmed) && this.isLabelWord(head.stemmed, head.written))
        add(head.stemmed, false);
    return [...found.values()];
  }
}

/** The pseudo-term a concept adds to lexical search, never a word anyone types. */
export function conceptTerm(key: string): string {
  return `§${key}`;
}
