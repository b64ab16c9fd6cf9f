import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import type { RatingSource } from '../../src/retrieval/rating-source.js';
import type { TaxonomyDataset } from '../../src/taxonomy/concept.js';
import type { OpenAiEmbedderOptions } from '../embeddings/openai-embedder.js';
import { openRetrieval, type RetrievalCatalogueInput, type RetrievalService } from '../index/retrieval-service.js';

/**
 * Retrieval for the assistant's own entry points (serve, terminal chat, tests, the interview eval): retrieval's
 * service (adapters/index) with learners' ratings as a ranking signal, and one taxonomy for both its concept
 * matcher and the assistant's occupation lookup — the stored one when served (loadOccupationTaxonomy).
 */

export type AssistantRetrieval = {
  /** Retrieval's recommender (it also takes explicit filters, for GET /api/search). */
  recommender: RetrievalService['recommender'];
  /** Provider names in the catalogue (for grounding model-written text). */
  providerNames: string[];
  offeringCount: number;
  /** The retrieval service itself, for keeping it in step with the database (adapters/index/catalogue-watcher.ts). */
  service: RetrievalService;
};

export type OpenAssistantRetrievalOptions = RetrievalCatalogueInput & {
  dataDir: string;
  ratings: RatingSource;
  taxonomy: TaxonomyDataset;
  /** The configured embeddings endpoint (remoteEmbeddingFrom); unset = the local embedder. */
  remoteEmbedding?: OpenAiEmbedderOptions | undefined;
  log?: (message: string) => void;
};

export async function openAssistantRetrieval(options: OpenAssistantRetrievalOptions): Promise<AssistantRetrieval> {
  const retrieval = await openRetrieval({
    ...('offerings' in options ? { offerings: options.offerings } : { database: options.database }),
    dataDir: options.dataDir,
    concepts: new ConceptMatcher({ taxonomy: options.taxonomy }),
    ratings: options.ratings,
    remoteEmbedding: options.remoteEmbedding,
    log: options.log,
  });
  const offerings = [...retrieval.catalogue.all()];
  return {
    recommender: retrieval.recommender,
    providerNames: [...new Set(offerings.map((offering) => offering.provider.name))],
    offeringCount: offerings.length,
    service: retrieval,
  };
}
