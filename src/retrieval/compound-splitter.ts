/**
 * Splits Norwegian compounds against a vocabulary of words seen on their own ("sveiseteknikk" →
 * "sveise" + "teknikk", "grunnskolelærerutdanning" → "grunnskole" + "lærer" + "utdanning"), so a learner's
 * "sveising" meets a course's "sveiseteknikk" and the other way round. Linking letters (-s-, -e-) are
 * allowed between parts. The fewest parts win, then the split whose shortest part is longest.
 */

export type CompoundSplitterOptions = {
  /** Words known on their own, already normalised (lowercase). */
  vocabulary: Iterable<string>;
  minimumWordLength?: number;
  minimumPartLength?: number;
};

type Split = { parts: string[]; shortest: number };

export class CompoundSplitter {
  private readonly vocabulary: Set<string>;
  private readonly minimumWordLength: number;
  private readonly minimumPartLength: number;
  private readonly cache = new Map<string, string[]>();

  constructor(options: CompoundSplitterOptions) {
    this.vocabulary = new Set(options.vocabulary);
    this.minimumWordLength = options.minimumWordLength ?? 7;
    this.minimumPartLength = options.minimumPartLength ?? 3;
  }

  /** What it was made with: the same options make the same splitter (in a worker thread, say). */
  get options(): Required<CompoundSplitterOptions> {
    return {
      vocabulary: [...this.vocabulary],
      minimumWordLength: this.minimumWordLength,
      minimumPartLength: this.minimumPartLength,
    };
  }

  /** The parts of `word`, or [] when it is not a compound of known words. */
  split(word: string): string[] {
    if (word.length < this.minimumWordLength || /\d/.test(word)) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const best = this.bestSplit(word, 0);
    const parts = best && best.parts.length > 1 ? best.parts : [];
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(word, parts);
    return parts;
  }

  private bestSplit(word: string, depth: number): Split | undefined {
    if (this.vocabulary.has(word) && depth > 0) return { parts: [word], shortest: word.length };
    if (depth > 3) return undefined;
    let best: Split | undefined;
    for (let cut = this.minimumPartLength; cut <= word.length - this.minimumPartLength; cut += 1) {
      const head = word.slice(0, cut);
      const known = this.knownHead(head);
      if (!known) continue;
      const rest = this.bestSplit(word.slice(cut), depth + 1);
      if (!rest) continue;
      const candidate = { parts: [known, ...rest.parts], shortest: Math.min(known.length, rest.shortest) };
      if (
        !best ||
        candidate.parts.length < best.parts.length ||
        (candidate.parts.length === best.parts.length && candidate.shortest > best.shortest)
      ) {
        best = candidate;
      }
    }
    return best;
  }

  /** The head as a word, allowing a linking -s- or -e- ("arbeids|liv", "barne|hage"). */
  private knownHead(head: string): string | undefined {
    if (this.vocabulary.has(head)) return head;
    const withoutLink = head.slice(0, -1);
    if (
      (head.endsWith('s') || head.endsWith('e')) &&
      withoutLink.length >= this.minimumPartLength &&
      this.vocabulary.has(withoutLink)
    )
      return withoutLink;
    return undefined;
  }
}
