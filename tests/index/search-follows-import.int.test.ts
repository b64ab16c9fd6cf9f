import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { spawnVeileder, type SpawnedVeileder } from '../support/spawn-veileder.js';

/**
 * A running server's search follows an import made by another process: `veileder import` NOTIFYs, the
 * server LISTENs and re-reads the changed offerings into its vector and lexical indexes.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let database: TestDatabase;
let dataDir: string;
let server: SpawnedVeileder;
beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-follow-'));
  server = await spawnVeileder({
    environment: { DATABASE_URL: database.url, VEILEDER_DATA_DIR: dataDir, VEILEDER_DEMO_CATALOGUE: 'false' },
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

type SearchBody = { results: { title: string }[] };
const search = async (q: string) =>
  (
    (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}&limit=5`)).json()) as SearchBody
  ).results.map((result) => result.title);

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

it('finds an offering imported by another process while it runs, and drops one that process withdraws', async () => {
  const title = 'Birøkt og pollinering for nybegynnere';
  expect(await search('birøkt pollinering bier')).not.toContain(title);

  const feed = path.join(dataDir, 'bees.jsonl');
  const record = {
    id: 'follow:bees-1',
    title,
    provider: 'Birøkterlaget Test',
    description: 'Grunnkurs i birøkt: bikuber, bier, honning og pollinering.',
    city: 'Hamar',
    level: 'course',
    language: 'nb',
    type: 'course',
    url: 'https://example.org/birokt',
    source: 'follow-test',
  };
  await writeFile(feed, `${JSON.stringify(record)}\n`);
  await run(process.execPath, ['bin/veileder.js', 'import', feed, '--json'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url },
  });
  expect(await eventually(async () => (await search('birøkt pollinering bier')).includes(title), 15_000)).toBe(true);
  expect(server.log()).toMatch(/Catalogue changed in the database: 1 offerings added or updated, 0 withdrawn/);

  // A full import of the same source without the offering withdraws it; the server stops finding it.
  const empty = path.join(dataDir, 'follow-test.jsonl');
  await writeFile(
    empty,
    `${JSON.stringify({ ...record, id: 'follow:other-1', title: 'Kurs i sauehold', description: 'Sau, lam og beite.', url: 'https://example.org/sau' })}\n`,
  );
  await run(process.execPath, ['bin/veileder.js', 'import', empty, '--source', 'follow-test', '--json'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url },
  });
  expect(
    await eventually(
      async () =>
        !(await search('birøkt pollinering bier')).includes(title) &&
        (await search('sauehold sau lam beite')).includes('Kurs i sauehold'),
      15_000,
    ),
  ).toBe(true);
});
