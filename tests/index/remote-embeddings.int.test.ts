import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRetrieval } from '../../adapters/index/retrieval-service.js';
import { loadConceptMatcher } from '../../adapters/index/load-concept-matcher.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.js';
import { spawnVeileder } from '../support/spawn-veileder.js';

/**
 * OPENAI_BASE_URL + VEILEDER_EMBEDDING_MODEL put a remote model in the vector channel, over real HTTP to a
 * server speaking OpenAI's embeddings protocol; when it does not answer, search goes on without it.
 */

let database: TestDatabase;
let fake: FakeOpenAiServer;
const directories: string[] = [];
const dataDirectory = async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'veileder-remote-embeddings-'));
  directories.push(directory);
  return directory;
};
const texts = () => fake.embeddingRequests.flatMap((request) => request.input);

beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  fake = await startFakeOpenAiServer({ embeddingDimensions: 24 });
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('remote embeddings', () => {
  it('embeds the catalogue and each question with the configured model, and keeps answering lexically when it stops answering', async () => {
    const dataDir = await dataDirectory();
    const messages: string[] = [];
    const concepts = await loadConceptMatcher();
    const retrieval = await openRetrieval({
      database,
      dataDir,
      concepts,
      remoteEmbedding: { baseUrl: fake.baseUrl, model: 'test-embedding', apiKey: 'key', maxRetries: 0 },
      log: (message) => messages.push(message),
    });
    expect(retrieval.embedder.identity).toEqual({
      name: 'openai-compatible',
      version: `test-embedding@${fake.baseUrl}`,
      dimensions: 24,
    });
    expect(retrieval.index.size).toBe(retrieval.catalogue.size);
    const catalogueTitles = [...retrieval.catalogue.all()].map(
      (offering) => retrieval.catalogue.get(offering.id)!.title,
    );
    expect(catalogueTitles.every((title) => texts().some((text) => text.startsWith(title)))).toBe(true);

    const asked = texts().length;
    const results = await retrieval.recommender.recommend({
      profile: emptyProfile(),
      message: 'sykepleie deltid',
      limit: 5,
    });
    expect(results.length).toBeGreaterThan(0);
    expect(texts().slice(asked)).toEqual([expect.stringContaining('sykepleie')]);

    // A restart with the same model loads its index instead of embedding the catalogue again.
    const before = texts().length;
    const restarted = await openRetrieval({
      database,
      dataDir,
      concepts,
      remoteEmbedding: { baseUrl: fake.baseUrl, model: 'test-embedding', apiKey: 'key' },
      log: (message) => messages.push(message),
    });
    expect(messages.at(-1)).toBe(`Vector index loaded: ${restarted.index.size} offerings`);
    expect(texts().length - before).toBe(1); // the dimension probe only

    await fake.close();
    const lexical = await retrieval.recommender.recommend({
      profile: emptyProfile(),
      message: 'sykepleie deltid',
      limit: 5,
    });
    expect(lexical.map((result) => result.offering.id)).toContain(results[0]!.offering.id);
    expect(messages.at(-1)).toMatch(/^Vector search skipped, lexical results only: Embeddings endpoint .* failed/);
    fake = await startFakeOpenAiServer({ embeddingDimensions: 24 });
  }, 60_000);

  it('starts on the local embedder, with its own index files, when the endpoint does not answer', async () => {
    const dataDir = await dataDirectory();
    // Left by the earlier layout, with one index for whichever embedder: removed.
    await mkdir(path.join(dataDir, 'retrieval'), { recursive: true });
    await writeFile(path.join(dataDir, 'retrieval', 'offerings.hnsw'), 'old');
    await writeFile(path.join(dataDir, 'retrieval', 'offerings.meta.json'), '{}');
    const messages: string[] = [];
    const retrieval = await openRetrieval({
      database,
      dataDir,
      concepts: await loadConceptMatcher(),
      remoteEmbedding: { baseUrl: 'http://127.0.0.1:9/v1', model: 'test-embedding', apiKey: undefined, maxRetries: 0 },
      log: (message) => messages.push(message),
    });
    expect(retrieval.embedder.identity.name).toBe('veileder-subword');
    expect(
      messages.some((message) =>
        /^Embeddings endpoint http:\/\/127\.0\.0\.1:9\/v1 \(test-embedding\) failed: .*; searching with the local embedder/.test(
          message,
        ),
      ),
    ).toBe(true);
    expect(
      (await retrieval.recommender.recommend({ profile: emptyProfile(), message: 'sykepleie', limit: 3 })).length,
    ).toBeGreaterThan(0);
    expect((await readdir(path.join(dataDir, 'retrieval'))).filter((file) => file.startsWith('offerings'))).toEqual([
      expect.stringMatching(/^offerings-veileder-subword-[0-9a-f]{12}\.hnsw$/),
      expect.stringMatching(/^offerings-veileder-subword-[0-9a-f]{12}\.hnsw\.labels\.json$/),
      expect.stringMatching(/^offerings-veileder-subword-[0-9a-f]{12}\.meta\.json$/),
    ]);
  }, 60_000);

  it('refuses a model name without the API that serves it', () => {
    expect(() => loadConfiguration({ VEILEDER_EMBEDDING_MODEL: 'nomic-embed-text' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ VEILEDER_EMBEDDING_MODEL: 'nomic-embed-text' })).toThrow(
      /VEILEDER_EMBEDDING_MODEL: needs OPENAI_BASE_URL/,
    );
  });

  it('is what `veileder serve` searches with when configured', async () => {
    fake.reset();
    const server = await spawnVeileder({
      environment: {
        DATABASE_URL: database.url,
        VEILEDER_DATA_DIR: await dataDirectory(),
        VEILEDER_DEMO_CATALOGUE: 'false',
        OPENAI_BASE_URL: fake.baseUrl,
        VEILEDER_EMBEDDING_MODEL: 'served-embedding',
        VEILEDER_CHAT_MODEL: '',
      },
    });
    try {
      expect(server.log()).toContain(`embeddings by served-embedding@${fake.baseUrl} (24 dims)`);
      const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent('regnskap og økonomi')}&limit=3`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
      expect(
        fake.embeddingRequests
          .filter((request) => request.model === 'served-embedding')
          .flatMap((request) => request.input),
      ).toContain('regnskap og økonomi');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
