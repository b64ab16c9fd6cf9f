import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HnswOfferingIndex } from '../adapters/index/hnsw-offering-index.js';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { loadSubwordModel } from '../adapters/index/subword-model-file.js';
import { Bm25Index } from '../src/retrieval/bm25-index.js';
import { lexicalTerms, termFrequencies } from '../src/retrieval/lexical-terms.js';
import { SubwordEmbedder } from '../src/retrieval/subword-embedder.js';
import { benchSplitter, grownCatalogue } from './grown-catalogue.js';

/**
 * Child of bench/search.bench.ts: the memory a serving process holds for search — the vector index loaded
 * from its file, the BM25 index, the embedder's model with the taxonomy concepts, and the catalogue texts — without the benchmark's
 * own extras (all vectors in an array, the exact-scan copy). Prints one JSON line with RSS and heap in MB.
 */
const { values } = parseArgs({ options: { catalogue: { type: 'string' }, size: { type: 'string' }, index: { type: 'string' }, model: { type: 'string' } } });
const options = z.object({ catalogue: z.string(), size: z.coerce.number().int().positive(), index: z.string(), model: z.string() }).parse(values);

// In the order the app starts: the taxonomy concepts first (openRetrieval is handed them), then the catalogue.
const concepts = await loadConceptMatcher();
const rows = grownCatalogue({ file: options.catalogue, size: options.size });
const splitter = benchSplitter(rows);
const bm25 = new Bm25Index();
for (const row of rows) bm25.upsert(row.id, termFrequencies(lexicalTerms({ text: row.text, splitter })));
bm25.compact();
const vectors = await HnswOfferingIndex.load({ file: options.index });
const model = await loadSubwordModel({ file: options.model });
if (!model) throw new Error(`No subword model at ${options.model}`);
const embedder = new SubwordEmbedder({ model, splitter, concepts });
const query = embedder.embed(rows[0]!.text);
vectors.search({ vector: query, limit: 10 });
// Settled, as a serving process is a moment after start: a few full collections with idle time between, so
// V8 hands back the pages the build's garbage took (one collection right away left 450–680 MB, varying by run).
for (let round = 0; round < 3; round += 1) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
const usage = process.memoryUsage();
console.log(JSON.stringify({ rssMb: megabytes(usage.rss), heapUsedMb: megabytes(usage.heapUsed), externalMb: megabytes(usage.external), offerings: bm25.size, vectors: vectors.size }));
