import type { CompoundSplitter } from './compound-splitter.js';
import { stem, stopWords, tokenize } from './text-analysis.js';

/**
 * The terms lexical search indexes and queries: each word stemmed, plus the stemmed parts of compounds
 * at a lower weight (a part says less than the whole word: "lærer" in "lærerutdanning").
 */

export type WeightedTerm = { term: string; weight: number };

export const compoundPartWeight = 0.5;

export function lexicalTerms(options: {
  text: string;
  splitter: CompoundSplitter | undefined;
  weight?: number;
}): WeightedTerm[] {
  const weight = options.weight ?? 1;
  const terms: WeightedTerm[] = [];
  for (const token of tokenize(options.text)) {
    if (token.length < 2 || stopWords.has(token)) continue;
    terms.push({ term: stem(token), weight });
    for (const part of options.splitter?.split(token) ?? []) {
      if (!stopWords.has(part)) terms.push({ term: stem(part), weight: weight * compoundPartWeight });
    }
  }
  return terms;
}

/** Terms summed per distinct term (weights add up, so repeated words count more). */
export function termFrequencies(terms: WeightedTerm[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const { term, weight } of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
  return frequencies;
}
