import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../adapters/index/retrieval-service.js';
import { openDatabase } from '../adapters/storage/database.js';
import { emptyProfile } from '../src/profile/profile.js';

/**
 * Child of bench/search.bench.ts: the memory of retrieval as a restarted server holds it — the taxonomy
 * concepts, then `openRetrieval` over the catalogue in PostgreSQL (every offering in memory for filters and
 * reasons, BM25, the compound and spelling vocabularies, the embedder's model, and the vector index loaded
 * from the files the parent built) — after one search. Prints one JSON line with RSS and heap in MB.
 */
const { values } = parseArgs({ options: { database: { type: 'string' }, 'data-dir': { type: 'string' } } });
const options = z.object({ database: z.string().url(), 'data-dir': z.string() }).parse(values);

// In the order the app starts: the taxonomy concepts first (openRetrieval is handed them), then the catalogue.
const concepts = await loadConceptMatcher();
const database = await openDatabase({ databaseUrl: options.database, dataDir: options['data-dir'] });
const messages: string[] = [];
const retrieval = await openRetrieval({ database, dataDir: options['data-dir'], concepts, log: (message) => messages.push(message) });
await database.close();
if (!messages.some((message) => message.startsWith('Vector index loaded'))) throw new Error(`The serving child rebuilt the index instead of loading it: ${messages.join('; ')}`);
await retrieval.recommender.recommend({ profile: emptyProfile(), message: 'sykepleie deltid', limit: 10 });
// Settled, as a serving process is a moment after start: a few full collections with idle time between, so
// V8 hands back the pages the start's garbage took (one collection right away varied by 200 MB from run to run).
for (let round = 0; round < 3; round += 1) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
const usage = process.memoryUsage();
console.log(JSON.stringify({ rssMb: megabytes(usage.rss), heapUsedMb: megabytes(usage.heapUsed), externalMb: megabytes(usage.external), offerings: retrieval.catalogue.size, vectors: retrieval.index.size }));
