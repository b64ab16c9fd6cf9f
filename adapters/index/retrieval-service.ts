import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import type { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import { offeringSearchText } from '../../src/retrieval/offering-text.js';
import type { RatingSource } from '../../src/retrieval/rating-source.js';
import { createRecommender, type RankingTuning } from '../../src/retrieval/recommend.js';
import { RetrievalCatalogue } from '../../src/retrieval/retrieval-catalogue.js';
import { fitSubwordModel, SubwordEmbedder } from '../../src/retrieval/subword-embedder.js';
import { listOfferings } from '../storage/offering-reader.js';
import type { Database } from '../storage/database.js';
import { HnswOfferingIndex, type HnswSettings } from './hnsw-offering-index.js';
import { loadSubwordModel, saveSubwordModel } from './subword-model-file.js';

/**
 * Retrieval as the running app holds it: the active catalogue in memory (BM25), the vector index on disk
 * beside the database with the embedder's identity and a fingerprint of the catalogue it was built from.
 * A different embedder, a missing or stale index → rebuilt from PostgreSQL; after an import only the
 * changed and withdrawn offerings are touched.
 */

/**
 * 128 rather than 256: the same dev figures (nDCG@10 0.719 at both), half the vector memory and faster graph
 * search at 100k offerings (docs/retrieval.md).
 */
export const localEmbeddingDimensions = 128;

const metaSchema = z.object({
  embedder: z.object({ name: z.string(), version: z.string(), dimensions: z.number() }),
  catalogueFingerprint: z.string(),
  count: z.number(),
});

export type OpenRetrievalOptions = {
  database: Database;
  /** Folder for the index files (the data folder; `retrieval/` is created inside). */
  dataDir: string;
  concepts?: ConceptMatcher | undefined;
  /** Default: the local subword embedder, fitted on the catalogue and kept in the folder. */
  embedder?: Embedder;
  ratings?: RatingSource;
  hnsw?: Partial<HnswSettings>;
  tuning?: Partial<RankingTuning>;
  log?: (message: string) => void;
};

export type RetrievalService = Awaited<ReturnType<typeof openRetrieval>>;

export async function openRetrieval(options: OpenRetrievalOptions) {
  const directory = path.resolve(options.dataDir, 'retrieval');
  await mkdir(directory, { recursive: true });
  const files = { index: path.join(directory, 'offerings.hnsw'), meta: path.join(directory, 'offerings.meta.json'), model: path.join(directory, 'subword-model.bin') };
  const log = options.log ?? (() => {});

  const offerings = await listOfferings(options.database.pool);
  const catalogue = new RetrievalCatalogue(options.concepts);
  catalogue.replaceAll(offerings);
  const embedder = options.embedder ?? (await localEmbedder({ offerings, catalogue, file: files.model, log }));

  let vectors = await loadIndexIfCurrent({ files, embedder, fingerprint: catalogueFingerprint(offerings) });
  if (vectors) log(`Vector index loaded: ${vectors.size} offerings`);
  else {
    vectors = await buildIndex({ offerings, embedder, settings: options.hnsw });
    await persist({ files, vectors, embedder, offerings: [...catalogue.all()] });
    log(`Vector index built: ${vectors.size} offerings`);
  }
  const index = vectors;
  const recommender = createRecommender({ catalogue, embedder, vectors: index, ratings: options.ratings, tuning: options.tuning });

  return {
    recommender,
    catalogue,
    embedder,
    index,
    /** After an import: re-read the changed offerings, drop the withdrawn ones, save the index. */
    async applyImport(changes: { changedOfferingIds: string[]; withdrawnOfferingIds: string[] }): Promise<void> {
      const changed = await listOfferings(options.database.pool, { status: 'all', ids: changes.changedOfferingIds });
      const active = changed.filter((offering) => offering.status === 'active');
      const gone = [...changes.withdrawnOfferingIds, ...changed.filter((offering) => offering.status !== 'active').map((offering) => offering.id)];
      catalogue.upsert(active);
      catalogue.remove(gone);
      const embedded = await embedder.embedDocuments(active.map(offeringSearchText));
      index.upsert(active.map((offering, position) => ({ id: offering.id, vector: embedded[position]! })));
      index.remove(gone);
      await persist({ files, vectors: index, embedder, offerings: [...catalogue.all()] });
    },
  };
}

async function localEmbedder(options: { offerings: CatalogueOffering[]; catalogue: RetrievalCatalogue; file: string; log: (message: string) => void }): Promise<Embedder> {
  let model = await loadSubwordModel({ file: options.file });
  if (!model || model.dimensions !== localEmbeddingDimensions) {
    model = fitSubwordModel({ texts: options.offerings.map(offeringSearchText), dimensions: localEmbeddingDimensions, concepts: options.catalogue.concepts, splitter: options.catalogue.splitter });
    await saveSubwordModel({ file: options.file, model });
    options.log(`Local embedder fitted on ${model.documentCount} offerings`);
  }
  return new SubwordEmbedder({ model, concepts: options.catalogue.concepts, splitter: options.catalogue.splitter });
}

/** Changes whenever an offering is added, changed or withdrawn. */
export function catalogueFingerprint(offerings: Iterable<CatalogueOffering>): string {
  const entries = [...offerings].filter((offering) => offering.status === 'active').map((offering) => `${offering.id}@${offering.updatedAt.toISOString()}`);
  return createHash('sha256').update(entries.sort().join('\n')).digest('hex').slice(0, 32);
}

type Files = { index: string; meta: string; model: string };

async function loadIndexIfCurrent(options: { files: Files; embedder: Embedder; fingerprint: string }): Promise<HnswOfferingIndex | undefined> {
  try {
    const meta = metaSchema.parse(JSON.parse(await readFile(options.files.meta, 'utf8')));
    const same = JSON.stringify(meta.embedder) === JSON.stringify(options.embedder.identity) && meta.catalogueFingerprint === options.fingerprint;
    if (!same) return undefined;
    return await HnswOfferingIndex.load({ file: options.files.index });
  } catch {
    return undefined;
  }
}

async function buildIndex(options: { offerings: CatalogueOffering[]; embedder: Embedder; settings: Partial<HnswSettings> | undefined }): Promise<HnswOfferingIndex> {
  const index = HnswOfferingIndex.create({ dimensions: options.embedder.identity.dimensions, capacity: options.offerings.length + 1024, settings: options.settings });
  const batch = 512;
  for (let start = 0; start < options.offerings.length; start += batch) {
    const slice = options.offerings.slice(start, start + batch);
    const vectors = await options.embedder.embedDocuments(slice.map(offeringSearchText));
    index.upsert(slice.map((offering, position) => ({ id: offering.id, vector: vectors[position]! })));
  }
  return index;
}

async function persist(options: { files: Files; vectors: HnswOfferingIndex; embedder: Embedder; offerings: CatalogueOffering[] }): Promise<void> {
  await options.vectors.save({ file: options.files.index });
  const meta = { embedder: options.embedder.identity, catalogueFingerprint: catalogueFingerprint(options.offerings), count: options.vectors.size };
  await writeFile(options.files.meta, JSON.stringify(meta, null, 2));
}
