import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { harvestDueFeeds } from '../adapters/feeds/harvest-feeds.js';
import { silentLogger } from '../adapters/logging.js';
import { openDatabase } from '../adapters/storage/database.js';
import { migrate } from '../adapters/storage/migrate.js';
import { harvestFeedSoon, registerFeed } from '../adapters/storage/provider-feed-store.js';

/**
 * `npm run bench:harvest`: the evaluation catalogue (6,329 offerings, JSON Lines) published as one provider's
 * feed on a local HTTP server and harvested into a fresh database on the PostgreSQL server (TEST_DATABASE_URL's
 * server): the first harvest (fetch + import), then harvests of the unchanged feed (a conditional GET
 * answered 304, no import). A registered feed is one provider's own feed and may list only its offerings,
 * so every record's provider is set to one name; the records are otherwise the eval catalogue's.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogue = path.resolve(repositoryRoot, '../shared/eval/catalogue.jsonl');
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const providerName = 'Evalueringstilbyderen';

const lines = (await readFile(catalogue, 'utf8')).split('\n').filter((line) => line.trim());
const body = `${lines.map((line) => JSON.stringify({ ...JSON.parse(line), provider: providerName })).join('\n')}\n`;
const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
const server = createServer((request, response) => {
  if (request.headers['if-none-match'] === etag) response.writeHead(304, { etag }).end();
  else response.writeHead(200, { 'content-type': 'application/x-ndjson', etag }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalogue.jsonl`;

const name = `veileder_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const database = await openDatabase({ databaseUrl: serverUrl.replace(/\/[^/]*$/, `/${name}`), dataDir: '' });
try {
  await migrate(database.pool);
  const { rows } = await database.pool.query<{ id: string }>(
    'INSERT INTO provider (name, normalized_name) VALUES ($1, lower($1)) RETURNING id',
    [providerName],
  );
  const feed = await registerFeed(database.pool, {
    providerId: rows[0]!.id,
    url,
    format: 'jsonl',
    scheduleMinutes: 60,
  });
  const harvest = async () => {
    await harvestFeedSoon(database.pool, feed.id);
    const started = performance.now();
    const [result] = await harvestDueFeeds({
      database,
      worker: 'bench',
      log: silentLogger,
      settings: {
        maximumBytes: 200 * 1024 * 1024,
        timeoutSeconds: 300,
        maximumRedirects: 5,
        allowPrivateAddresses: true,
        usdToNok: 10.75,
      },
    });
    return { result, ms: performance.now() - started };
  };
  const first = await harvest();
  if (first.result?.outcome !== 'imported') throw new Error(`first harvest: ${JSON.stringify(first.result)}`);
  const { rows: counts } = await database.pool.query<{ read: number; inserted: number; rejected: number }>(
    'SELECT read, inserted, rejected FROM import_run WHERE id = $1',
    [first.result.runId],
  );
  const run = counts[0]!;
  process.stdout.write(
    `first harvest over HTTP: ${(Buffer.byteLength(body) / 1024 / 1024).toFixed(1)} MB, ${run.read} records read, ${run.inserted} inserted, ${run.rejected} rejected in ${(first.ms / 1000).toFixed(2)} s = ${Math.round(run.read / (first.ms / 1000))} records/s\n`,
  );
  const unchanged: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    const again = await harvest();
    if (again.result?.outcome !== 'not_modified') throw new Error(`harvest again: ${JSON.stringify(again.result)}`);
    unchanged.push(again.ms);
  }
  unchanged.sort((a, b) => a - b);
  process.stdout.write(
    `unchanged feed (304, no import), 7 harvests: median ${unchanged[3]!.toFixed(1)} ms, min ${unchanged[0]!.toFixed(1)} ms, max ${unchanged[6]!.toFixed(1)} ms\n`,
  );
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
  server.close();
}
