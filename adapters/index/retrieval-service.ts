import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { z } from 'zod';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from '../embeddings/openai-embedder.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import type { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import type { OfferingFacts } from '../../src/retrieval/offering-facts.js';
import { offeringSearchText } from '../../src/retrieval/offering-text.js';
import type { RatingSource } from '../../src/retrieval/rating-source.js';
import { createRecommender, type RankingTuning } from '../../src/retrieval/recommend.js';
import { RetrievalCatalogue, type LexicalState } from '../../src/retrieval/retrieval-catalogue.js';
import { fitSubwordModel, SubwordEmbedder, type SubwordModel } from '../../src/retrieval/subword-embedder.js';
import { activeOfferingPages, listOfferings } from '../storage/offering-reader.js';
import type { Database } from '../storage/database.js';
import { HnswOfferingIndex, type HnswSettings } from './hnsw-offering-index.js';
import { loadSubwordModel, saveSubwordModel } from './subword-model-file.js';
import { SubwordWorkers } from './subword-workers.js';

/**
 * Retrieval as the running app holds it: the active catalogue in memory (BM25), the vector index on disk
 * beside the database with the embedder's identity and a fingerprint of the catalogue it was built from.
 * A different embedder, a missing or stale index → rebuilt from PostgreSQL; after an import only the
 * changed and withdrawn offerings are touched. Each embedder keeps its index in its own files, so a start
 * on the local embedder while the configured endpoint is down does not cost the remote index.
 */

/**
 * 128 rather than 256: the same dev figures (nDCG@10 0.719 at both), half the vector memory and faster graph
 * search at 100k offerings (docs/retrieval.md).
 */
export const localEmbeddingDimensions = 128;

/**
 * Catalogues smaller than this fit and embed on the main thread by default: starting the workers (a second or two
 * under tsx) costs more than they save below a few thousand offerings (about a millisecond of CPU each at 20k).
 */
const threadedSize = 4000;

const metaSchema = z.object({
  embedder: z.object({ name: z.string(), version: z.string(), dimensions: z.number() }),
  catalogueFingerprint: z.string(),
  count: z.number(),
});

/** Where retrieval reads the catalogue: PostgreSQL or the in-memory catalogue (adapters/storage/memory-catalogue-store.ts). */
export type OfferingSource = {
  /** The active offerings a page at a time, in their sources' key order (activeOfferingPages). */
  activePages(): AsyncIterable<CatalogueOffering[]>;
  /** These offerings, whatever their status. */
  byIds(ids: string[]): Promise<CatalogueOffering[]>;
};

/** The catalogue in PostgreSQL as an OfferingSource. */
const storedOfferings = (database: Pick<Database, 'pool'>): OfferingSource => ({
  activePages: () => activeOfferingPages(database.pool),
  byIds: (ids) => listOfferings(database.pool, { status: 'all', ids }),
});

/** The stored catalogue, or another source of it. */
export type RetrievalCatalogueInput = { database: Database } | { offerings: OfferingSource };

export type OpenRetrievalOptions = RetrievalCatalogueInput & {
  /** Folder for the index files (the data folder; `retrieval/` is created inside). */
  dataDir: string;
  concepts?: ConceptMatcher | undefined;
  /** Default: `remoteEmbedding` when given and answering, else the local subword embedder (fitted on the catalogue, kept in the folder). */
  embedder?: Embedder;
  /** The configured OpenAI-compatible embeddings endpoint (remoteEmbeddingFrom in adapters/embeddings). */
  remoteEmbedding?: OpenAiEmbedderOptions | undefined;
  ratings?: RatingSource;
  hnsw?: Partial<HnswSettings>;
  tuning?: Partial<RankingTuning>;
  /**
   * Threads the local embedder fits and embeds the catalogue on when it has to (a first start, a new catalogue):
   * default one per core from 4,000 offerings, else 1 (all on this thread). Any number gives the same model,
   * vectors and index.
   */
  threads?: number;
  log?: (message: string) => void;
};

export type RetrievalService = Awaited<ReturnType<typeof openRetrieval>>;

export async function openRetrieval(options: OpenRetrievalOptions) {
  const directory = path.resolve(options.dataDir, 'retrieval');
  await mkdir(directory, { recursive: true });
  // The single index of the layout before each embedder had its own files: never read again.
  await Promise.all(
    ['offerings.hnsw', 'offerings.hnsw.labels.json', 'offerings.meta.json'].map((name) =>
      rm(path.join(directory, name), { force: true }),
    ),
  );
  const log = options.log ?? (() => {});
  const offerings = 'offerings' in options ? options.offerings : storedOfferings(options.database);

  const lexicalFile = path.join(directory, 'lexical.v8');
  const catalogue = new RetrievalCatalogue(options.concepts);
  const restored = await catalogue.replaceAllFrom(offerings.activePages(), await loadLexicalState(lexicalFile));
  if (restored) log(`Lexical index loaded: ${catalogue.size} offerings`);
  else await saveLexicalState(lexicalFile, catalogue);
  const threads = options.threads ?? (catalogue.size >= threadedSize ? os.availableParallelism() : 1);
  // Started only when the local embedder has to fit or embed, and then once for both.
  let workers: SubwordWorkers | undefined;
  const startWorkers = () =>
    (workers ??= SubwordWorkers.start({
      texts: searchTexts(catalogue),
      threads,
      concepts: catalogue.concepts,
      splitter: catalogue.splitter,
    }));
  let index: HnswOfferingIndex;
  let embedder: Embedder;
  let files: Files;
  try {
    const given = options.embedder ?? (await remoteEmbedder({ remote: options.remoteEmbedding, log }));
    const local = given
      ? undefined
      : await localEmbedder({
          catalogue,
          file: path.join(directory, 'subword-model.bin'),
          log,
          fitInWorkers: threads > 1 ? (dimensions) => startWorkers().fit({ dimensions }) : undefined,
        });
    embedder = given ?? local!.embedder;
    files = indexFiles({ directory, embedder });

    const loaded = await loadIndexIfCurrent({
      files,
      embedder,
      fingerprint: catalogueFingerprint(catalogue.all()),
      sharedId: (id) => catalogue.facts(id)?.id ?? id,
    });
    if (loaded) log(`Vector index loaded: ${loaded.size} offerings`);
    index =
      loaded ??
      (local && threads > 1
        ? await buildIndexInWorkers({ catalogue, model: local.model, workers: startWorkers(), settings: options.hnsw })
        : await buildIndex({ catalogue, embedder, settings: options.hnsw }));
    if (!loaded) {
      await persist({ files, vectors: index, embedder, offerings: catalogue.all() });
      log(
        `Vector index built: ${index.size} offerings (${embedder.identity.name}, ${embedder.identity.dimensions} dims${workers ? `, embedded on ${threads} threads` : ''})`,
      );
    }
  } finally {
    await workers?.close();
  }
  const recommender = createRecommender({
    catalogue,
    embedder,
    vectors: index,
    ratings: options.ratings,
    tuning: options.tuning,
    onVectorSearchFailure: (error) => log(`Vector search skipped, lexical results only: ${(error as Error).message}`),
  });

  return {
    recommender,
    catalogue,
    embedder,
    index,
    /** After an import: re-read the changed offerings, drop the withdrawn ones, save the index. */
    async applyImport(changes: { changedOfferingIds: string[]; withdrawnOfferingIds: string[] }): Promise<void> {
      const changed = await offerings.byIds(changes.changedOfferingIds);
      const active = changed.filter((offering) => offering.status === 'active');
      const gone = [
        ...changes.withdrawnOfferingIds,
        ...changed.filter((offering) => offering.status !== 'active').map((offering) => offering.id),
      ];
      // Embedded first: if the embeddings endpoint fails, nothing has changed and the next check tries again.
      const embedded = await embedder.embedDocuments(active.map(offeringSearchText));
      catalogue.upsert(active);
      catalogue.remove(gone);
      index.upsert(active.map((offering, position) => ({ id: offering.id, vector: embedded[position]! })));
      index.remove(gone);
      await persist({ files, vectors: index, embedder, offerings: catalogue.all() });
      await saveLexicalState(lexicalFile, catalogue);
    },
  };
}

/** The configured endpoint, or undefined (said in the log) when none is configured or it does not answer. */
async function remoteEmbedder(options: {
  remote: OpenAiEmbedderOptions | undefined;
  log: (message: string) => void;
}): Promise<Embedder | undefined> {
  if (!options.remote) return undefined;
  try {
    return await createOpenAiEmbedder(options.remote);
  } catch (error) {
    options.log(
      `${(error as Error).message}; searching with the local embedder until a start finds the endpoint answering`,
    );
    return undefined;
  }
}

async function localEmbedder(options: {
  catalogue: RetrievalCatalogue;
  file: string;
  log: (message: string) => void;
  /** Fits on worker threads (the same model); without it, on this one. */
  fitInWorkers: ((dimensions: number) => Promise<SubwordModel>) | undefined;
}): Promise<{ embedder: SubwordEmbedder; model: SubwordModel }> {
  const { catalogue } = options;
  let model = await loadSubwordModel({ file: options.file });
  if (!model || model.dimensions !== localEmbeddingDimensions) {
    model = options.fitInWorkers
      ? await options.fitInWorkers(localEmbeddingDimensions)
      : fitSubwordModel({
          texts: searchTexts(catalogue),
          dimensions: localEmbeddingDimensions,
          concepts: catalogue.concepts,
          splitter: catalogue.splitter,
        });
    await saveSubwordModel({ file: options.file, model });
    options.log(`Local embedder fitted on ${model.documentCount} offerings`);
  }
  return {
    embedder: new SubwordEmbedder({ model, concepts: catalogue.concepts, splitter: catalogue.splitter }),
    model,
  };
}

/** What the embedder reads of every active offering, in the catalogue's order (the order the index is built in). */
function searchTexts(catalogue: RetrievalCatalogue): string[] {
  return Array.from(catalogue.all(), (offering) => offeringSearchText(catalogue.get(offering.id)!));
}

/** Changes whenever an offering is added, changed or withdrawn. */
function catalogueFingerprint(offerings: Iterable<Pick<CatalogueOffering, 'id' | 'status' | 'updatedAt'>>): string {
  const entries = [...offerings]
    .filter((offering) => offering.status === 'active')
    .map((offering) => `${offering.id}@${offering.updatedAt.toISOString()}`);
  return createHash('sha256').update(entries.sort().join('\n')).digest('hex').slice(0, 32);
}

const lexicalFileSchema = z.object({
  format: z.literal(1),
  state: z.object({
    scoring: z.string(),
    bm25: z.object({
      k1: z.number(),
      b: z.number(),
      terms: z.array(z.string()),
      live: z.instanceof(Int32Array),
      gaps: z.instanceof(Uint8Array),
      gapStart: z.instanceof(Int32Array),
      postingStart: z.instanceof(Int32Array),
      frequencies: z.instanceof(Float32Array),
      ids: z.array(z.string().nullable()),
      lengths: z.instanceof(Float32Array),
      slotTerms: z.instanceof(Uint8Array),
      slotTermStart: z.instanceof(Int32Array),
      totalLength: z.number(),
    }),
    fieldLengths: z.object({
      sums: z.object({
        title: z.number(),
        skills: z.number(),
        subjects: z.number(),
        description: z.number(),
        provider: z.number(),
      }),
      count: z.number(),
    }),
    words: z.array(z.string()),
    wordCounts: z.instanceof(Uint32Array),
    versions: z.instanceof(Map),
  }),
});

/**
 * The lexical index as saved by the last build or import; undefined when there is none or it cannot be read
 * (retrieval then indexes the catalogue again, and saves it).
 */
async function loadLexicalState(file: string): Promise<LexicalState | undefined> {
  let state: LexicalState;
  try {
    state = lexicalFileSchema.parse(v8.deserialize(await readFile(file))).state as LexicalState;
  } catch {
    return undefined;
  }
  // Deserialised typed arrays are views into the file's buffer: copied, so that buffer (strings and all) can go.
  const { bm25 } = state;
  return {
    ...state,
    wordCounts: state.wordCounts.slice(),
    bm25: {
      ...bm25,
      live: bm25.live.slice(),
      gaps: bm25.gaps.slice(),
      gapStart: bm25.gapStart.slice(),
      postingStart: bm25.postingStart.slice(),
      frequencies: bm25.frequencies.slice(),
      lengths: bm25.lengths.slice(),
      slotTerms: bm25.slotTerms.slice(),
      slotTermStart: bm25.slotTermStart.slice(),
    },
  };
}

/** Written beside and renamed, so a crash mid-write never leaves half a state under the real name. */
async function saveLexicalState(file: string, catalogue: RetrievalCatalogue): Promise<void> {
  // A temporary name of this process's own: several server processes may share the data folder.
  await writeFile(`${file}.${process.pid}.tmp`, v8.serialize({ format: 1, state: catalogue.lexicalState() }));
  await rename(`${file}.${process.pid}.tmp`, file);
}

type Files = { index: string; meta: string };

/** One pair of files per embedder identity (name, version, dimensions). */
function indexFiles(options: { directory: string; embedder: Embedder }): Files {
  const key = createHash('sha256').update(JSON.stringify(options.embedder.identity)).digest('hex').slice(0, 12);
  const stem = path.join(options.directory, `offerings-${options.embedder.identity.name}-${key}`);
  return { index: `${stem}.hnsw`, meta: `${stem}.meta.json` };
}

async function loadIndexIfCurrent(options: {
  files: Files;
  embedder: Embedder;
  fingerprint: string;
  sharedId: (id: string) => string;
}): Promise<HnswOfferingIndex | undefined> {
  try {
    const meta = metaSchema.parse(JSON.parse(await readFile(options.files.meta, 'utf8')));
    const same =
      JSON.stringify(meta.embedder) === JSON.stringify(options.embedder.identity) &&
      meta.catalogueFingerprint === options.fingerprint;
    if (!same) return undefined;
    return await HnswOfferingIndex.load({ file: options.files.index, sharedId: options.sharedId });
  } catch {
    return undefined;
  }
}

async function buildIndex(options: {
  catalogue: RetrievalCatalogue;
  embedder: Embedder;
  settings: Partial<HnswSettings> | undefined;
}): Promise<HnswOfferingIndex> {
  const { catalogue } = options;
  const ids = [...catalogue.all()].map((offering) => offering.id);
  const index = HnswOfferingIndex.create({
    dimensions: options.embedder.identity.dimensions,
    capacity: ids.length + 1024,
    settings: options.settings,
  });
  const batch = 512;
  for (let start = 0; start < ids.length; start += batch) {
    const slice = ids.slice(start, start + batch);
    const vectors = await options.embedder.embedDocuments(slice.map((id) => offeringSearchText(catalogue.get(id)!)));
    index.upsert(slice.map((id, position) => ({ id, vector: vectors[position]! })));
  }
  return index;
}

/**
 * The same index as `buildIndex` with the local embedder: vectors made on worker threads, added here in the
 * catalogue's order while the workers embed the batches after.
 */
async function buildIndexInWorkers(options: {
  catalogue: RetrievalCatalogue;
  model: SubwordModel;
  workers: SubwordWorkers;
  settings: Partial<HnswSettings> | undefined;
}): Promise<HnswOfferingIndex> {
  const ids = Array.from(options.catalogue.all(), (offering) => offering.id);
  const index = HnswOfferingIndex.create({
    dimensions: options.model.dimensions,
    capacity: ids.length + 1024,
    settings: options.settings,
  });
  await options.workers.embed({
    model: options.model,
    onVectors: (start, vectors) =>
      index.upsert(vectors.map((vector, position) => ({ id: ids[start + position]!, vector }))),
  });
  return index;
}

async function persist(options: {
  files: Files;
  vectors: HnswOfferingIndex;
  embedder: Embedder;
  offerings: Iterable<OfferingFacts>;
}): Promise<void> {
  await options.vectors.save({ file: options.files.index });
  const meta = {
    embedder: options.embedder.identity,
    catalogueFingerprint: catalogueFingerprint(options.offerings),
    count: options.vectors.size,
  };
  await writeFile(`${options.files.meta}.${process.pid}.tmp`, JSON.stringify(meta, null, 2));
  await rename(`${options.files.meta}.${process.pid}.tmp`, options.files.meta);
}
