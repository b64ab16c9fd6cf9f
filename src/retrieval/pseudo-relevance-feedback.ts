import type { Bm25Hit, Bm25Index } from './bm25-index.js';

/**
 * Pseudo-relevance feedback (RM3, Lavrenko & Croft; Abdul-Jaleel et al. 2004) for the lexical channel: the
 * top documents of a first search are taken as relevant, their term distribution (each document's terms in
 * proportion to its share of the top scores) names the words they share, and the best of those — by
 * feedback weight times IDF, so words every offering has do not win — join the query at a lower weight.
 * It brings in the catalogue's own vocabulary for a need ("sykepleie" for "nurse" once a few hits have it).
 */
export type FeedbackSettings = { documents: number; terms: number; weight: number };

export function expandQuery(options: {
  terms: Map<string, number>;
  hits: Bm25Hit[];
  termsOf: (id: string) => Map<string, number> | undefined;
  index: Bm25Index;
  settings: FeedbackSettings;
}): Map<string, number> {
  const { terms, settings } = options;
  const top = options.hits.slice(0, settings.documents);
  const scoreSum = top.reduce((sum, hit) => sum + hit.score, 0);
  if (top.length < 2 || scoreSum <= 0) return terms;
  const relevance = new Map<string, number>();
  for (const hit of top) {
    const frequencies = options.termsOf(hit.id);
    if (!frequencies) continue;
    let length = 0;
    for (const frequency of frequencies.values()) length += frequency;
    for (const [term, frequency] of frequencies)
      relevance.set(term, (relevance.get(term) ?? 0) + (frequency / length) * (hit.score / scoreSum));
  }
  const ranked = [...relevance]
    .filter(([term]) => !term.startsWith('§'))
    .map(([term, weight]) => ({ term, weight: weight * options.index.inverseDocumentFrequency(term) }))
    .sort((left, right) => right.weight - left.weight || (left.term < right.term ? -1 : 1))
    .slice(0, settings.terms);
  const strongest = ranked[0]?.weight ?? 0;
  if (strongest <= 0) return terms;
  const queryMean = [...terms.values()].reduce((sum, weight) => sum + weight, 0) / Math.max(1, terms.size);
  const expanded = new Map(terms);
  for (const { term, weight } of ranked)
    expanded.set(term, (expanded.get(term) ?? 0) + settings.weight * queryMean * (weight / strongest));
  return expanded;
}
