import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { spawnVeileder } from '../support/spawn-veileder.js';

/**
 * Issue 17, item 4: `veileder serve --workers N` (node:cluster). Two workers share one port; whichever
 * answers a scrape, /metrics counts every worker's turns; SIGTERM stops them all. The embedded database
 * belongs to one process, so more workers there is refused with a clear message.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-workers-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** One request on a connection of its own: the primary hands each new connection to the next worker. */
function request(url: string, body?: object): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: body ? 'POST' : 'GET', agent: false, headers: body ? { 'Content-Type': 'application/json' } : {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body ? JSON.stringify(body) : undefined);
  });
}

const turnCount = (metrics: string) =>
  [...metrics.matchAll(/^veileder_turn_duration_seconds_count\{[^}]*channel="web"[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );

it('serves from two workers on one port, adds up their metrics, and stops them all on SIGTERM', async () => {
  const server = await spawnVeileder({
    timeoutMs: 240_000,
    environment: {
      DATABASE_URL: database.url,
      VEILEDER_WORKERS: '2',
      VEILEDER_DATA_DIR: dataDir,
      VEILEDER_DEMO_CATALOGUE: 'false',
      VEILEDER_PUSH: 'false',
      VEILEDER_DRAIN_SECONDS: '1',
    },
  });
  try {
    // The first worker is listening; the primary starts the second after it and says so.
    const deadline = Date.now() + 120_000;
    while (!/Serving with 2 worker processes/.test(server.log())) {
      expect(Date.now(), server.log()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const workerPids = new Set<number>();
    // Wait until both workers have announced themselves (each logs its own start with its pid).
    while (workerPids.size < 2) {
      expect(Date.now(), server.log()).toBeLessThan(deadline);
      for (const match of server.log().matchAll(/"pid":(\d+),[^\n]*Veileder is listening/g))
        workerPids.add(Number(match[1]));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(workerPids.has(server.process.pid!)).toBe(false);

    for (let turn = 0; turn < 6; turn += 1) {
      const response = await request(`${server.url}/api/chat`, {
        text: 'Jeg er sykepleier og vil lære mer om ledelse',
      });
      expect(response.status).toBe(200);
    }
    // Each scrape reaches one worker; both must report all six turns, not the half that worker answered.
    for (let scrape = 0; scrape < 4; scrape += 1) {
      const metrics = await request(`${server.url}/metrics`);
      expect(turnCount(metrics.text)).toBe(6);
    }
  } finally {
    expect(await server.stop()).toBe(0);
  }
  expect(server.log()).toMatch(/SIGTERM: stopping 2 workers/);
  expect(server.log().match(/"msg":"Stopped"/g)).toHaveLength(2);
}, 300_000);

it('refuses more than one worker on the embedded database', async () => {
  const failed = await run(process.execPath, ['bin/veileder.js', 'serve', '--workers', '2'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', VEILEDER_DATA_DIR: dataDir, PORT: '0' },
  }).catch((error: { code: number; stderr: string }) => error);
  expect(failed).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('several workers need a PostgreSQL server (set DATABASE_URL)'),
  });
}, 60_000);
