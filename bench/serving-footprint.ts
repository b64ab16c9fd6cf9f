import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../adapters/index/retrieval-service.js';
import { openDatabase } from '../adapters/storage/database.js';
import { resolvePlace } from '../src/catalogue/places.js';
import { emptyProfile } from '../src/profile/profile.js';

/**
 * Child of bench/search.bench.ts: retrieval as a restarted server holds it — the taxonomy concepts, then
 * `openRetrieval` over the catalogue in PostgreSQL (every offering in memory, packed, for filters and reasons;
 * the embedder's model; the vector index and the lexical index with its vocabularies loaded from the files the
 * parent saved) — after one search. Prints one JSON line: how long the open took, RSS and heap in MB, and then
the p50 and p95 of one learner's suggestion searches (recommend, as a turn with suggestions calls it).
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

// After the footprint is read: one learner's suggestion searches, one after another, as a turn with suggestions
// makes them (five shown, the profile's constraints as filters) — half without a constraint, half under a
// narrow one (a city: a few per cent of the catalogue).
const needs = [
  'sykepleie deltid',
  'lære ledelse',
  'sveising og sveiseteknikk',
  'regnskap og økonomi',
  'programmering i python',
  'barnehagelærer videreutdanning',
  'nurse leadership',
  'elektriker fagbrev',
  'prosjektledelse på nett',
  'psykisk helse',
];
const searchTimes: number[] = [];
// This process's CPU time per search too: on a shared machine the wall time is mostly waiting for a core.
const searchCpuTimes: number[] = [];
for (let round = 0; round < 10; round += 1) {
  for (const [position, message] of needs.entries()) {
    const filters = (round + position) % 2 === 0 ? {} : { places: [resolvePlace('Tromsø')!] };
    const begin = performance.now();
    const cpu = process.cpuUsage();
    await retrieval.recommender.recommend({ profile: emptyProfile(), message, limit: 5, filters });
    const used = process.cpuUsage(cpu);
    searchTimes.push(performance.now() - begin);
    searchCpuTimes.push((used.user + used.system) / 1000);
  }
}
const searchMs = (times: number[], share: number) =>
  Math.round([...times].sort((left, right) => left - right)[Math.floor(times.length * share)]! * 10) / 10;
console.log(
  JSON.stringify({
    restartSeconds: Math.round(openSeconds * 10) / 10,
    rssMb: megabytes(usage.rss),
    heapUsedMb: megabytes(usage.heapUsed),
    externalMb: megabytes(usage.external),
    offerings: retrieval.catalogue.size,
    vectors: retrieval.index.size,
    suggestionSearchP50Ms: searchMs(searchTimes, 0.5),
    suggestionSearchP95Ms: searchMs(searchTimes, 0.95),
    suggestionSearchCpuP50Ms: searchMs(searchCpuTimes, 0.5),
    suggestionSearchCpuP95Ms: searchMs(searchCpuTimes, 0.95),
  }),
);
