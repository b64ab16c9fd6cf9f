import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAssistant, type Assistant } from '../../adapters/assistant/create-assistant.js';
import { openAssistantRetrieval } from '../../adapters/assistant/catalogue-recommender.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { importCatalogueFileInto } from '../../adapters/storage/import-catalogue-file.js';
import {
  createMemoryCatalogueStore,
  type MemoryCatalogueStore,
} from '../../adapters/storage/memory-catalogue-store.js';
import {
  createMemoryConversationStore,
  type MemoryConversationStore,
} from '../../adapters/storage/memory-conversation-store.js';
import { readTaxonomySeedFile } from '../../adapters/storage/taxonomy-sources.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { TaxonomyDataset } from '../../src/taxonomy/concept.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { catalogueSlice, withFakeModel } from './assistant-harness.js';

/**
 * The assistant of tests/support/assistant-harness.ts without a database: the same catalogue slice through
 * the real import pipeline into the in-memory catalogue, the same offline search over it, and the in-memory
 * conversation store (held to the SQL store's behaviour by tests/support/conversation-store-contract.ts).
 * For tests of what the dialogue does; what only PostgreSQL shows stays on the database harness.
 */

let taxonomy: Promise<TaxonomyDataset> | undefined;

export type MemoryAssistantHarness = {
  catalogue: MemoryCatalogueStore;
  store: MemoryConversationStore;
  assistant: Assistant;
  /** The state stored on this identity's latest conversation (what `SELECT state FROM conversation` gives). */
  latestState(userId: string, channel?: string): unknown;
  /** Builds another assistant on the same memory with an OpenAI-compatible model at this URL. */
  withModel(options: { baseUrl: string }): Promise<Assistant>;
  close(): Promise<void>;
};

export async function startMemoryAssistantHarness(
  options: { extraFeeds?: string[]; extensions?: DialogueExtension[] } = {},
): Promise<MemoryAssistantHarness> {
  const catalogue = createMemoryCatalogueStore();
  await importCatalogueFileInto(catalogue, { file: catalogueSlice });
  for (const file of options.extraFeeds ?? []) await importCatalogueFileInto(catalogue, { file, full: false });
  taxonomy ??= readTaxonomySeedFile();
  const dataset = await taxonomy;
  const store = createMemoryConversationStore();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'veileder-memory-assistant-'));
  const loaded = await openAssistantRetrieval({
    offerings: catalogue,
    dataDir,
    ratings: { ratingsFor: (ids) => store.ratingSummaries(ids) },
    taxonomy: dataset,
  });
  const configuration = loadConfiguration({});
  const occupations = createOccupationLookup(dataset);
  const build = (model: { baseUrl?: string } = {}) =>
    createAssistant({
      store,
      configuration: model.baseUrl ? withFakeModel(configuration, model.baseUrl) : configuration,
      recommender: loaded.recommender,
      providerNames: loaded.providerNames,
      occupations,
      backoffBaseMs: 5,
      extensions: options.extensions ?? [],
    });
  return {
    catalogue,
    store,
    latestState(userId, channel = 'web') {
      const records = store.records();
      const learner = records.identities.find(
        (identity) => identity.channel === channel && identity.externalId === userId,
      );
      const latest = records.conversations
        .filter((conversation) => conversation.learnerId === learner?.learnerId)
        .sort((a, b) => b.lastTurnAt.getTime() - a.lastTurnAt.getTime())[0];
      if (!latest) throw new Error(`No conversation for ${channel} user ${userId}`);
      return latest.state;
    },
    assistant: await build(),
    withModel: build,
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}
