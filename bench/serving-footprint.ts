import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../adapters/index/retrieval-service.js';
import { openDatabase } from '../adapters/storage/database.js';
import { emptyProfile } from '../src/profile/profile.js';

/**
 * Child of bench/search.bench.ts: retrieval as a restarted server holds it — the taxonomy concepts, then
 * `openRetrieval` over the catalogue in PostgreSQL (every offering in memory, packed, for filters and reasons;
 * the embedder's model; the vector index and the lexical index with its vocabularies loaded from the files the
 * parent saved) — after one search. Prints one JSON line: how long the open took, RSS and heap in MB.
 */
const { values } = parseArgs({ options: { database: { type: 'string' }, 'data-dir': { type: 'string' } } });
const options = z.object({ database: z.string().url(), 'data-dir': z.string() }).parse(values);

// In the order the app starts: the taxonomy concepts first (openRetrieval is handed them), then the catalogue.
const concepts = await loadConceptMatcher();
const database = await openDatabase({ databaseUrl: options.database, dataDir: options['data-dir'] });
const messages: string[] = [];
const started = performance.now();
const retrieval = await openRetrieval({
  database,
  dataDir: options['data-dir'],
  concepts,
  log: (message) => messages.push(message),
});
const openSeconds = (performance.now() - started) / 1000;
await database.close();
for (const loaded of ['Vector index loaded', 'Lexical index loaded']) {
  if (!messages.some((message) => message.startsWith(loaded)))
    throw new Error(`The serving child rebuilt an index instead of loading it: ${messages.join('; ')}`);
}
await retrieval.recommender.recommend({ profile: emptyProfile(), message: 'sykepleie deltid', limit: 10 });
// Settled, as a serving process is a moment after start: a few full collections with idle time between, so
// V8 hands back the pages the start's garbage took (one collection right away varied by 200 MB from run to run).
for (let round = 0; round < 3; round += 1) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
const usage = process.memoryUsage();
console.log(
  JSON.stringify({
    restartSeconds: Math.round(openSeconds * 10) / 10,
    rssMb: megabytes(usage.rss),
    heapUsedMb: megabytes(usage.heapUsed),
    externalMb: megabytes(usage.external),
    offerings: retrieval.catalogue.size,
    vectors: retrieval.index.size,
  }),
);
