import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAssistant, type Assistant } from '../../adapters/assistant/create-assistant.js';
import { openAssistantRetrieval } from '../../adapters/assistant/catalogue-recommender.js';
import { readTaxonomySeedFile } from '../../adapters/storage/taxonomy-sources.js';
import { extensionWaiting } from '../../adapters/assistant/dialogue-extensions.js';
import { createConversationStore } from '../../adapters/storage/conversation-store.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { loadConfiguration, type Configuration } from '../../adapters/configuration.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { ChatModel } from '../../src/model/chat-model.js';
import type { TaxonomyDataset } from '../../src/taxonomy/concept.js';
import { createOccupationLookup, type OccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * A real assistant for conversation tests: its own PostgreSQL database, a slice of the real catalogue
 * (tests/fixtures/catalogue-slice.jsonl: 364 offerings from utdanning.no, edX and Coursera, taken from
 * ../shared/eval/catalogue.jsonl) imported through the import pipeline, and the offline recommender over it.
 */
export const catalogueSlice = fileURLToPath(new URL('../fixtures/catalogue-slice.jsonl', import.meta.url));

let taxonomy: Promise<TaxonomyDataset> | undefined;

export type AssistantHarness = {
  database: TestDatabase;
  assistant: Assistant;
  /** The occupation lookup the assistant uses, for extensions a test builds itself. */
  occupations: OccupationLookup;
  /** Builds another assistant on the same database (e.g. with a model). */
  withModel(options: { chatModel?: ChatModel; baseUrl?: string }): Promise<Assistant>;
  close(): Promise<void>;
};

export type AssistantHarnessOptions = {
  extraFeeds?: string[];
  /** A function when the extensions need the harness's database. */
  extensions?: DialogueExtension[] | ((database: TestDatabase) => DialogueExtension[]);
  /** Changes the catalogue before the search index reads it (e.g. rows as an older import left them). */
  prepareCatalogue?: (database: TestDatabase) => Promise<void>;
};

/** The configuration with the fake OpenAI server (tests/support/fake-openai-server.ts) at `baseUrl` as its model. */
export const withFakeModel = (configuration: Configuration, baseUrl: string): Configuration => ({
  ...configuration,
  openai: { ...configuration.openai, baseUrl, chatModel: 'fake-model', apiKey: 'test' },
  chat: {
    ...configuration.chat,
    timeoutMs: 1_000,
    maxRetries: 1,
    promptUsdPerMillion: 0.15,
    completionUsdPerMillion: 0.6,
  },
});

export async function startAssistantHarness(options: AssistantHarnessOptions = {}): Promise<AssistantHarness> {
  const database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  for (const file of options.extraFeeds ?? []) await importCatalogueFile(database, { file, full: false });
  await options.prepareCatalogue?.(database);
  taxonomy ??= readTaxonomySeedFile();
  const dataset = await taxonomy;
  const store = createConversationStore({ pool: database.pool, waiting: extensionWaiting });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'veileder-assistant-'));
  const loaded = await openAssistantRetrieval({
    database,
    dataDir,
    ratings: { ratingsFor: (ids) => store.ratingSummaries(ids) },
    taxonomy: dataset,
  });
  const extensions =
    typeof options.extensions === 'function' ? options.extensions(database) : (options.extensions ?? []);
  const configuration = loadConfiguration({});
  const occupations = createOccupationLookup(dataset);
  const build = (model: { chatModel?: ChatModel; baseUrl?: string } = {}) =>
    createAssistant({
      store,
      configuration: model.baseUrl ? withFakeModel(configuration, model.baseUrl) : configuration,
      recommender: loaded.recommender,
      providerNames: loaded.providerNames,
      occupations,
      backoffBaseMs: 5,
      extensions,
      ...(model.chatModel ? { chatModel: model.chatModel } : {}),
    });
  const assistant = await build();
  return {
    database,
    assistant,
    occupations,
    withModel: build,
    async close() {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
