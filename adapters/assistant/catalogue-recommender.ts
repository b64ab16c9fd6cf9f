import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type pg from 'pg';
import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import { ExactOfferingIndex } from '../../src/retrieval/offering-index.js';
import { offeringSearchText } from '../../src/retrieval/offering-text.js';
import type { RatingSource } from '../../src/retrieval/rating-source.js';
import { createRecommender } from '../../src/retrieval/recommend.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import { RetrievalCatalogue } from '../../src/retrieval/retrieval-catalogue.js';
import { fitSubwordModel, SubwordEmbedder } from '../../src/retrieval/subword-embedder.js';
import type { TaxonomyDataset } from '../../src/taxonomy/concept.js';
import { parseTaxonomySeed } from '../../src/taxonomy/taxonomy-seed.js';
import { listOfferings } from '../storage/offering-reader.js';

/**
 * The offline recommender over the stored catalogue, for the assistant's own entry points (terminal chat,
 * tests, the interview eval): the active offerings in memory, lexical + subword-vector retrieval, taxonomy
 * concepts, and learners' ratings as a ranking signal. Exact vector scan: fine for tens of thousands.
 */

export const taxonomySeedFile = fileURLToPath(new URL('../../prisma/seed/taxonomy.jsonl.gz', import.meta.url));

export async function loadTaxonomyDataset(file = taxonomySeedFile): Promise<TaxonomyDataset> {
  const lines = gunzipSync(await readFile(file)).toString('utf8').split('\n');
  return parseTaxonomySeed({ lines, file });
}

export type CatalogueRecommender = {
  recommender: Recommender;
  /** Provider names in the catalogue (for grounding model-written text). */
  providerNames: string[];
  offeringCount: number;
};

export async function loadCatalogueRecommender(options: { pool: pg.Pool; ratings: RatingSource; taxonomy?: TaxonomyDataset; dimensions?: number }): Promise<CatalogueRecommender> {
  const offerings = await listOfferings(options.pool);
  const concepts = options.taxonomy ? new ConceptMatcher({ taxonomy: options.taxonomy }) : undefined;
  const catalogue = new RetrievalCatalogue(concepts);
  catalogue.replaceAll(offerings);
  const texts = offerings.map(offeringSearchText);
  const model = fitSubwordModel({ texts, dimensions: options.dimensions ?? 256, concepts, splitter: catalogue.splitter });
  const embedder = new SubwordEmbedder({ model, concepts, splitter: catalogue.splitter });
  const vectors = new ExactOfferingIndex();
  const embedded = await embedder.embedDocuments(texts);
  vectors.upsert(offerings.map((offering, index) => ({ id: offering.id, vector: embedded[index]! })));
  return {
    recommender: createRecommender({ catalogue, embedder, vectors, ratings: options.ratings }),
    providerNames: [...new Set(offerings.map((offering) => offering.provider.name))],
    offeringCount: offerings.length,
  };
}
