import type { CatalogueOffering } from '../catalogue/offering.js';
import type { CompoundSplitter } from './compound-splitter.js';
import { lexicalTerms, type WeightedTerm } from './lexical-terms.js';

/**
 * What of an offering is searched, and how much each part weighs. Scored as BM25F (Robertson, Zaragoza &
 * Taylor 2004): each field's term counts are normalised by that field's length against its own average,
 * weighted, and only then summed and saturated once. So a word in a short title counts for much more than
 * the same word in a long description (a title is a summary), and a long description no longer dilutes its
 * title's words the way one length over the whole text did.
 */
const searchFields = ['title', 'skills', 'subjects', 'description', 'provider'] as const;
export type SearchField = (typeof searchFields)[number];

/** Chosen by the dev eval (docs/retrieval.md): title 6 against description 1. */
export const fieldWeights: Record<SearchField, number> = {
  title: 6,
  skills: 1.5,
  subjects: 1.5,
  description: 1,
  provider: 1,
};
/** BM25's b per field: how much a field's length above its average weakens each of its words. */
export const fieldLengthNormalisation: Record<SearchField, number> = {
  title: 0.5,
  skills: 0.5,
  subjects: 0.5,
  description: 0.75,
  provider: 0.5,
};

export function offeringSearchText(offering: CatalogueOffering): string {
  return [
    offering.title,
    offering.skills.join(' '),
    offering.subjects.join(' '),
    offering.description,
    offering.provider.name,
  ].join('\n');
}

function fieldText(offering: CatalogueOffering, field: SearchField): string {
  if (field === 'title') return offering.title;
  if (field === 'skills') return offering.skills.join(' . ');
  if (field === 'subjects') return offering.subjects.join(' . ');
  if (field === 'description') return offering.description;
  return offering.provider.name;
}

export type FieldTerms = Record<SearchField, WeightedTerm[]>;

export function offeringFieldTerms(options: {
  offering: CatalogueOffering;
  splitter: CompoundSplitter | undefined;
}): FieldTerms {
  const terms = {} as FieldTerms;
  for (const field of searchFields)
    terms[field] = lexicalTerms({ text: fieldText(options.offering, field), splitter: options.splitter });
  return terms;
}

function fieldLength(terms: WeightedTerm[]): number {
  let length = 0;
  for (const term of terms) length += term.weight;
  return length;
}

/** Running sums of each field's length over the indexed offerings, for the per-field averages BM25F needs. */
export class FieldLengthStatistics {
  private readonly sums: Record<SearchField, number> = {
    title: 0,
    skills: 0,
    subjects: 0,
    description: 0,
    provider: 0,
  };
  private count = 0;

  add(terms: FieldTerms): void {
    for (const field of searchFields) this.sums[field] += fieldLength(terms[field]);
    this.count += 1;
  }

  remove(terms: FieldTerms): void {
    for (const field of searchFields) this.sums[field] -= fieldLength(terms[field]);
    this.count -= 1;
  }

  get state(): { sums: Record<SearchField, number>; count: number } {
    return { sums: { ...this.sums }, count: this.count };
  }

  static fromState(state: { sums: Record<SearchField, number>; count: number }): FieldLengthStatistics {
    const statistics = new FieldLengthStatistics();
    Object.assign(statistics.sums, state.sums);
    statistics.count = state.count;
    return statistics;
  }

  average(field: SearchField): number {
    return this.count > 0 ? this.sums[field] / this.count : 0;
  }
}

/**
 * The pseudo term frequencies an offering is indexed under: per field, count × weight / (1 − b + b × length / average).
 * The index then saturates them without a length norm of its own (b 0), as BM25F does.
 */
export function offeringTermFrequencies(options: {
  terms: FieldTerms;
  lengths: FieldLengthStatistics;
}): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const field of searchFields) {
    const terms = options.terms[field];
    if (terms.length === 0) continue;
    const average = options.lengths.average(field);
    const b = fieldLengthNormalisation[field];
    const norm = average > 0 ? 1 - b + (b * fieldLength(terms)) / average : 1;
    const scale = fieldWeights[field] / norm;
    for (const { term, weight } of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + weight * scale);
  }
  return frequencies;
}
