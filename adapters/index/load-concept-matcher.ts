import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import { readTaxonomySeedFile } from '../storage/taxonomy-sources.js';

/**
 * Retrieval's occupation bridge from the shipped taxonomy seed, for what runs without a stored taxonomy
 * (benches, evals, tests). The served assistant reads the stored one (loadOccupationTaxonomy), which the seed fills.
 */
export async function loadConceptMatcher(options: { file?: string } = {}): Promise<ConceptMatcher> {
  return new ConceptMatcher({ taxonomy: await readTaxonomySeedFile({ file: options.file }) });
}
