import type { Configuration } from '../configuration.js';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import type { EmbedderIdentity } from '../../src/retrieval/embedder.js';
import { openAiEmbedderName, remoteEmbeddingFrom } from '../embeddings/openai-embedder.js';
import { watchCatalogue } from '../index/catalogue-watcher.js';
import type { Logger } from '../logging.js';
import type { Metrics } from '../metrics.js';
import type { Database } from '../storage/database.js';
import { createConversationStore } from '../storage/conversation-store.js';
import { loadOccupationTaxonomy } from '../storage/taxonomy-store.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { startPush } from '../push/start-push.js';
import type { ServedAssistant } from '../web/routes/route-module.js';
import { openAssistantRetrieval } from './catalogue-recommender.js';
import { createAssistant } from './create-assistant.js';
import { createDialogueExtensions, extensionWaiting } from './dialogue-extensions.js';

// How often a server on the embedded database checks whether an import in another process changed the catalogue
// (a PostgreSQL server tells it at once through LISTEN/NOTIFY). Was VEILEDER_CATALOGUE_CHECK_SECONDS: no
// operator had a reason to trade a cheap query for a staler search.
const embeddedCatalogueCheckSeconds = 30;

/**
 * The assistant as `veileder serve` runs it: retrieval over the stored catalogue (index kept in the data
 * folder), learners' ratings fed to ranking, and the dialogue — local, or with the configured model.
 * Returns what the HTTP app takes: the turn handler every channel calls, and the search for GET /api/search.
 */
export type RuntimeAssistant = {
  handleTurn: (turn: Turn) => Promise<Reply>;
  search: NonNullable<ServedAssistant['search']>;
  /** Stops following catalogue changes made by other processes. */
  close(): Promise<void>;
};

export async function composeRuntimeAssistant(options: {
  database: Database;
  configuration: Configuration;
  log: Logger;
  metrics: Metrics;
}): Promise<RuntimeAssistant> {
  const { database, configuration, log, metrics } = options;
  const store = createConversationStore({ pool: database.pool, waiting: extensionWaiting });
  const taxonomy = await loadOccupationTaxonomy(database.pool);
  const retrieval = await openAssistantRetrieval({
    database,
    dataDir: configuration.storage.dataDir,
    ratings: { ratingsFor: (ids) => store.ratingSummaries(ids) },
    taxonomy,
    remoteEmbedding: remoteEmbeddingFrom(configuration.openai),
    log: (message) => log.info(message),
  });
  const recommender = timedRecommender(retrieval.recommender, metrics);
  const occupations = createOccupationLookup(taxonomy);
  const extensions = await createDialogueExtensions({
    database,
    configuration,
    log,
    recommender,
    occupations,
  });
  const assistant = await createAssistant({
    store,
    configuration,
    recommender,
    providerNames: retrieval.providerNames,
    occupations,
    extensions,
    retentionDays: configuration.privacy.retentionDays,
  });
  log.info(
    `Assistant ready: ${retrieval.offeringCount} offerings, embeddings ${describeEmbedder(retrieval.service.embedder.identity)}, understanding ${assistant.modelName ? `by ${assistant.modelName} with local fallback` : 'local'}`,
  );
  // An import in another process changes the catalogue under this server: follow it, or search goes stale.
  const watcher = await watchCatalogue({
    database,
    databaseUrl: configuration.storage.databaseUrl,
    retrieval: {
      catalogue: retrieval.service.catalogue,
      async applyImport(changes) {
        await retrieval.service.applyImport(changes);
        metrics.countCatalogueChange({
          changed: changes.changedOfferingIds.length,
          withdrawn: changes.withdrawnOfferingIds.length,
        });
      },
    },
    log,
    checkSeconds: embeddedCatalogueCheckSeconds,
  });
  // Digests of new matching offerings and other proactive messages (docs/push.md), matched with this same retrieval.
  const push = await startPush({
    database,
    configuration,
    log,
    recommender,
    catalogue: retrieval.service.catalogue,
    synchronise: () => watcher.synchronise(),
  });
  return {
    handleTurn: (turn) => assistant.handleTurn(turn),
    search: recommender,
    async close() {
      await push?.close();
      await watcher.close();
    },
  };
}

/** Retrieval as every caller uses it (turns, search, push matching), timed for /metrics. */
function timedRecommender(
  recommender: Awaited<ReturnType<typeof openAssistantRetrieval>>['recommender'],
  metrics: Metrics,
): typeof recommender {
  return {
    async recommend(request) {
      const done = metrics.startRecommend();
      try {
        return await recommender.recommend(request);
      } finally {
        done();
      }
    },
    unknownWords: (words) => recommender.unknownWords(words),
  };
}

function describeEmbedder(identity: EmbedderIdentity): string {
  return identity.name === openAiEmbedderName
    ? `by ${identity.version} (${identity.dimensions} dims)`
    : `local (${identity.name}, ${identity.dimensions} dims)`;
}
