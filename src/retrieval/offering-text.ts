import type { CatalogueOffering } from '../catalogue/offering.js';
import type { CompoundSplitter } from './compound-splitter.js';
import { lexicalTerms, termFrequencies } from './lexical-terms.js';

/**
 * What of an offering is searched, and how much each part weighs: the title says most (twice a
 * description word, as a title is a summary), then skills and subjects, then the description and the provider's name.
 */
export const fieldWeights = { title: 2, skills: 1.5, subjects: 1.5, description: 1, provider: 1 } as const;

export function offeringSearchText(offering: CatalogueOffering): string {
  return [offering.title, offering.skills.join(' '), offering.subjects.join(' '), offering.description, offering.provider.name].join('\n');
}

export function offeringTermFrequencies(options: { offering: CatalogueOffering; splitter: CompoundSplitter | undefined }): Map<string, number> {
  const { offering, splitter } = options;
  return termFrequencies([
    ...lexicalTerms({ text: offering.title, splitter, weight: fieldWeights.title }),
    ...lexicalTerms({ text: offering.skills.join(' . '), splitter, weight: fieldWeights.skills }),
    ...lexicalTerms({ text: offering.subjects.join(' . '), splitter, weight: fieldWeights.subjects }),
    ...lexicalTerms({ text: offering.description, splitter, weight: fieldWeights.description }),
    ...lexicalTerms({ text: offering.provider.name, splitter, weight: fieldWeights.provider }),
  ]);
}
