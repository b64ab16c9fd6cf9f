import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../adapters/storage/database.js';
import { importCatalogueFile, type ImportCatalogueFileOptions } from '../adapters/storage/import-catalogue-file.js';
import { migrate } from '../adapters/storage/migrate.js';
import { grownFeedLines } from './grown-catalogue.js';

/**
 * `npm run bench:import`: imports the evaluation catalogue (6,329 offerings, JSON Lines), the utdanning.no
 * CSV (4,355) and the shipped demo catalogue into a fresh database — on the PostgreSQL server
 * (TEST_DATABASE_URL's server, default 127.0.0.1:5432) and on the embedded PGlite — then imports each
 * again and checks that every record is reported unchanged.
 *
 * `--size N` imports instead the search benchmark's grown catalogue of N offerings (bench/grown-catalogue.ts,
 * the very rows `npm run bench` serves), so the import at 100k can be measured without the serving run;
 * `--on server` or `--on embedded` runs one database only.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repositoryRoot, '../shared');
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const { values } = parseArgs({ options: { size: { type: 'string' }, on: { type: 'string' } } });
const size = values.size === undefined ? undefined : Number(values.size);
if (size !== undefined && !(Number.isInteger(size) && size > 0))
  throw new Error('--size takes a whole number of offerings');
if (values.on !== undefined && values.on !== 'server' && values.on !== 'embedded')
  throw new Error('--on takes server or embedded');

const listedFeeds: (ImportCatalogueFileOptions & { label: string })[] = [
  { label: 'eval/catalogue.jsonl', file: path.join(shared, 'eval/catalogue.jsonl') },
  {
    label: 'utdanning_no_offerings.csv',
    file: path.join(shared, 'data/utdanning_no/utdanning_no_offerings.csv'),
    mapping: path.join(repositoryRoot, 'data/mappings/utdanning-no.json'),
  },
  { label: 'demo-catalogue.jsonl.gz', file: path.join(repositoryRoot, 'prisma/seed/demo-catalogue.jsonl.gz') },
];

async function benchmark(
  database: Database,
  name: string,
  feeds: (ImportCatalogueFileOptions & { label: string })[],
): Promise<boolean> {
  await migrate(database.pool);
  let allUnchanged = true;
  process.stdout.write(`\n${name}\n`);
  process.stdout.write(
    `  ${'feed'.padEnd(28)} ${'pass'.padEnd(7)} ${'read'.padStart(6)} ${'ins'.padStart(6)} ${'upd'.padStart(6)} ${'same'.padStart(6)} ${'merged'.padStart(6)} ${'rej'.padStart(4)} ${'seconds'.padStart(8)} ${'records/s'.padStart(10)}\n`,
  );
  for (const feed of feeds) {
    for (const pass of ['first', 'again'] as const) {
      const report = await importCatalogueFile(database, feed);
      const rate = Math.round(report.read / Math.max(report.seconds, 0.001));
      process.stdout.write(
        `  ${feed.label.padEnd(28)} ${pass.padEnd(7)} ${String(report.read).padStart(6)} ${String(report.inserted).padStart(6)} ${String(report.updated).padStart(6)} ${String(report.unchanged).padStart(6)} ${String(report.merged).padStart(6)} ${String(report.rejected).padStart(4)} ${report.seconds.toFixed(2).padStart(8)} ${String(rate).padStart(10)}\n`,
      );
      if (pass === 'again' && report.unchanged !== report.read - report.rejected) {
        allUnchanged = false;
        process.stdout.write(
          `  !! the second import of ${feed.label} changed ${report.read - report.unchanged} records\n`,
        );
      }
    }
  }
  const { rows } = await database.pool.query<{ offerings: string; sources: string }>(
    `SELECT (SELECT count(*) FROM offering) AS offerings, (SELECT count(*) FROM offering_source) AS sources`,
  );
  process.stdout.write(
    `  stored: ${rows[0]?.offerings} offerings from ${rows[0]?.sources} source records; second imports all unchanged: ${allUnchanged ? 'yes' : 'NO'}\n`,
  );
  return allUnchanged;
}

async function onServer(feeds: (ImportCatalogueFileOptions & { label: string })[]): Promise<boolean> {
  const name = `veileder_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const database = await openDatabase({ databaseUrl: serverUrl.replace(/\/[^/]*$/, `/${name}`), dataDir: '' });
  try {
    return await benchmark(database, `PostgreSQL server (${name}, fresh)`, feeds);
  } finally {
    await database.close();
    // The server may still be closing the pool's last connection; FORCE would then kill it under the client.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const { rows } = await admin.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1`, [
        name,
      ]);
      if (rows[0]?.count === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

async function embedded(feeds: (ImportCatalogueFileOptions & { label: string })[]): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-bench-'));
  const database = await openDatabase({ dataDir });
  try {
    return await benchmark(database, `Embedded PGlite (${dataDir}, fresh)`, feeds);
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function grownFeed(
  directory: string,
  offerings: number,
): Promise<ImportCatalogueFileOptions & { label: string }> {
  const file = path.join(directory, `grown-${offerings}.jsonl`);
  const lines = grownFeedLines({ file: path.join(shared, 'eval/catalogue.jsonl'), size: offerings });
  await writeFile(file, `${lines.join('\n')}\n`);
  return { label: `grown catalogue, ${offerings}`, file };
}

const feedDirectory = await mkdtemp(path.join(tmpdir(), 'veileder-bench-feed-'));
try {
  const feeds = size === undefined ? listedFeeds : [await grownFeed(feedDirectory, size)];
  const ok =
    (values.on === 'embedded' || (await onServer(feeds))) && (values.on === 'server' || (await embedded(feeds)));
  process.exitCode = ok ? 0 : 1;
} finally {
  await rm(feedDirectory, { recursive: true, force: true });
}
