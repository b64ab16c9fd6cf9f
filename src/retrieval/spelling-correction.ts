/**
 * Corrects a misspelt query word to the catalogue's word it most likely meant ("sykepleir" → "sykepleier",
 * "programering" → "programmering", "cybersecurty" → "cybersecurity"), word for word as written (before
 * stemming, so "sveisnig" meets "sveising" and not the stem "sveis"). Chat input is typed fast on phones;
 * a word no offering holds would otherwise find nothing. Only unknown words are corrected, within one edit
 * for words up to seven letters and two for longer ones (transposed letters count as one edit), and only to
 * words at least two offerings use (a word found once is as likely a typo in the catalogue). Candidates share
 * the first letter: people rarely mistype it, and it keeps a lookup to a few thousand comparisons.
 */
import { normaliseText, stopWords, tokenize } from './text-analysis.js';

export type Correction = { term: string; distance: number };

const minimumLength = 4;
const minimumDocumentFrequency = 2;

export class SpellingCorrector {
  /** Known words by first letter, then by length. */
  private readonly buckets = new Map<string, Map<number, { term: string; documentFrequency: number }[]>>();

  constructor(vocabulary: Iterable<[term: string, documentFrequency: number]>) {
    for (const [term, documentFrequency] of vocabulary) {
      if (documentFrequency < minimumDocumentFrequency || term.length < minimumLength - 1 || !/^\p{L}+$/u.test(term))
        continue;
      const byLength = this.buckets.get(term[0]!) ?? new Map<number, { term: string; documentFrequency: number }[]>();
      const words = byLength.get(term.length) ?? [];
      words.push({ term, documentFrequency });
      byLength.set(term.length, words);
      this.buckets.set(term[0]!, byLength);
    }
  }

  /** The closest known word, the most used one among equally close; undefined when none is close enough. */
  correct(term: string): Correction | undefined {
    if (term.length < minimumLength || !/^\p{L}+$/u.test(term)) return undefined;
    const limit = term.length >= 8 ? 2 : 1;
    const byLength = this.buckets.get(term[0]!);
    if (!byLength) return undefined;
    let best: { term: string; documentFrequency: number; distance: number; swapped: boolean } | undefined;
    for (let length = term.length - limit; length <= term.length + limit; length += 1) {
      for (const candidate of byLength.get(length) ?? []) {
        const distance = editDistance(term, candidate.term, best ? Math.min(best.distance, limit) : limit);
        if (distance > limit) continue;
        // Among equally close words, two letters swapped is the likeliest slip ("tenge" → "tegne", not "tenke").
        const swapped = isTransposition(term, candidate.term);
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance &&
            (swapped !== best.swapped ? swapped : candidate.documentFrequency > best.documentFrequency))
        )
          best = { ...candidate, distance, swapped };
      }
    }
    return best && best.distance > 0 ? { term: best.term, distance: best.distance } : undefined;
  }
}

/**
 * The text with every word the catalogue does not know (`isKnown`) replaced by its correction, normalised as
 * search reads it; unchanged when nothing needed correcting.
 */
export function correctText(options: {
  text: string;
  corrector: SpellingCorrector;
  isKnown: (word: string) => boolean;
}): { text: string; corrected: boolean } {
  const replacements = new Map<string, string>();
  for (const word of new Set(tokenize(options.text))) {
    if (stopWords.has(word) || options.isKnown(word)) continue;
    const correction = options.corrector.correct(word);
    if (correction) replacements.set(word, correction.term);
  }
  if (replacements.size === 0) return { text: options.text, corrected: false };
  const text = normaliseText(options.text).replace(/[\p{L}\p{N}]+/gu, (word) => replacements.get(word) ?? word);
  return { text, corrected: true };
}

/** The two words differ only by two neighbouring letters swapped. */
export function isTransposition(left: string, right: string): boolean {
  if (left.length !== right.length || left === right) return false;
  let first = 0;
  while (left[first] === right[first]) first += 1;
  return (
    left[first] === right[first + 1] &&
    left[first + 1] === right[first] &&
    left.slice(first + 2) === right.slice(first + 2)
  );
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), abandoned as soon as every
 * cell of a row exceeds `limit` — most candidates are rejected after a few letters.
 */
export function editDistance(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let previousPrevious = new Array<number>(right.length + 1).fill(0);
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = new Array<number>(right.length + 1);
    current[0] = row;
    let rowBest = current[0];
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1])
        value = Math.min(value, previousPrevious[column - 2]! + 1);
      current[column] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[right.length]!;
}
