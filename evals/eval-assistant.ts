import { openAssistantRetrieval } from '../adapters/assistant/catalogue-recommender.js';
import { readTaxonomySeedFile } from '../adapters/storage/taxonomy-sources.js';
import { createAssistant } from '../adapters/assistant/create-assistant.js';
import { createOccupationLookup } from '../src/taxonomy/occupation-lookup.js';
import { createConversationStore } from '../adapters/storage/conversation-store.js';
import type { Database } from '../adapters/storage/database.js';
import { loadConfiguration } from '../adapters/configuration.js';

/**
 * The assistant as the server builds it, over an eval database: retrieval with ratings, the taxonomy, the
 * retention the privacy line tells. On the local path unless `model` (then the configured model reads).
 */
export async function openEvalAssistant(options: { database: Database; directory: string; model: boolean }) {
  const { database } = options;
  const store = createConversationStore({ pool: database.pool });
  const taxonomy = await readTaxonomySeedFile();
  const retrieval = await openAssistantRetrieval({
    database,
    dataDir: options.directory,
    ratings: { ratingsFor: (ids) => store.ratingSummaries(ids) },
    taxonomy,
  });
  const configuration = loadConfiguration();
  const assistant = await createAssistant({
    store,
    configuration: options.model
      ? configuration
      : { ...configuration, openai: { ...configuration.openai, baseUrl: undefined } },
    recommender: retrieval.recommender,
    providerNames: retrieval.providerNames,
    occupations: createOccupationLookup(taxonomy),
    retentionDays: configuration.privacy.retentionDays,
  });
  return { store, retrieval, assistant };
}
