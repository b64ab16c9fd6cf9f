import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../adapters/logging.js';
import { startVeileder, type RunningVeileder } from '../../adapters/runtime.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Issue 17, item 5: what an operator sees of a running server. /metrics is scraped and parsed as Prometheus
 * text after real turns, a search and an import; the logs are JSON lines that name the request they belong
 * to; /ready turns 503 when the process drains while /health stays up.
 */

let database: TestDatabase;
let dataDir: string;
let running: RunningVeileder;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-metrics-'));
  const configuration = loadConfiguration({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    VEILEDER_DATA_DIR: dataDir,
    VEILEDER_DEMO_CATALOGUE: 'false',
  });
  running = await startVeileder({
    configuration,
    log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
  });
}, 120_000);
afterAll(async () => {
  await running?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus text format: `name{label="value",…} number` lines; # lines are help and type. */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1]!, label[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${running.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, expected]) => sample.labels[key] === expected),
  )?.value;

const chat = async (body: object, requestId?: string) => {
  const response = await fetch(`${running.url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(requestId ? { 'X-Request-Id': requestId } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { sessionId: string };
};

it('counts turns by channel and kind, times retrieval, and shows the pool, the queue and imports', async () => {
  const before = await scrape();
  expect(value(before, 'veileder_turn_duration_seconds_count', { channel: 'web', kind: 'text' })).toBeUndefined();
  expect(value(before, 'veileder_import_runs', { state: 'finished' })).toBe(1);

  const { sessionId } = await chat({ text: 'Jeg er sykepleier og vil lære mer om ledelse' });
  await chat({ sessionId, text: 'Jeg har et par timer i uka, gjerne på nett' });
  await chat({ sessionId, action: { type: 'show_now' } });
  const search = await fetch(`${running.url}/api/search?q=${encodeURIComponent('ledelse helse')}&limit=5`);
  expect(search.status).toBe(200);

  // A push message waiting to be sent is queue depth, whichever runner sends it.
  const { rows } = await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
  await database.pool.query(
    `INSERT INTO push_message (learner_id, kind, dedupe_key, not_before) VALUES ($1, 'notice', 'metrics-test', now() + interval '1 day')`,
    [rows[0]!.id],
  );

  const after = await scrape();
  expect(
    value(after, 'veileder_turn_duration_seconds_count', { channel: 'web', kind: 'text', outcome: 'answered' }),
  ).toBe(2);
  expect(value(after, 'veileder_turn_duration_seconds_count', { channel: 'web', kind: 'show_now' })).toBe(1);
  const turnSeconds = value(after, 'veileder_turn_duration_seconds_sum', { channel: 'web', kind: 'text' })!;
  expect(turnSeconds).toBeGreaterThan(0);
  // The turns that searched and the search itself: every retrieval is timed.
  expect(value(after, 'veileder_recommend_duration_seconds_count')).toBeGreaterThanOrEqual(2);
  expect(value(after, 'veileder_recommend_duration_seconds_sum')).toBeLessThan(turnSeconds + 60);
  expect(value(after, 'veileder_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  expect(value(after, 'veileder_push_messages_queued', { kind: 'notice', state: 'pending' })).toBe(1);
  expect(value(after, 'veileder_process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
  const importedAt = value(after, 'veileder_import_last_finished_timestamp_seconds')!;
  expect(Math.abs(importedAt - Date.now() / 1000)).toBeLessThan(600);
}, 60_000);

it('counts an import made by another process once the search index has followed it', async () => {
  const feed = path.join(dataDir, 'metrics-feed.jsonl');
  await writeFile(
    feed,
    `${JSON.stringify({
      id: 'metrics:1',
      title: 'Birøkt for nybegynnere',
      provider: 'Birøkterlaget Test',
      description: 'Bikuber, bier og honning.',
      level: 'course',
      language: 'nb',
      type: 'course',
      url: 'https://example.org/birokt',
      source: 'metrics-test',
    })}\n`,
  );
  await importCatalogueFile(database, { file: feed, full: false });
  const deadline = Date.now() + 15_000;
  let samples = await scrape();
  while (!value(samples, 'veileder_catalogue_changes_applied_total', { change: 'added_or_updated' })) {
    expect(Date.now()).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 200));
    samples = await scrape();
  }
  expect(value(samples, 'veileder_catalogue_changes_applied_total', { change: 'added_or_updated' })).toBe(1);
  expect(value(samples, 'veileder_import_runs', { state: 'finished' })).toBe(2);
}, 30_000);

it('writes JSON lines that carry the request id of the turn they belong to', async () => {
  await chat({ text: 'Hei, hva kan jeg lære om regnskap?' }, 'turn-metrics-test-1');
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(parsed.every((line) => typeof line.time === 'string' && line.pid === process.pid && line.msg)).toBe(true);
  expect(parsed).toContainEqual(
    expect.objectContaining({ level: 'debug', msg: 'request', requestId: 'turn-metrics-test-1', path: '/api/chat' }),
  );
  expect(parsed.find((line) => String(line.msg).startsWith('Veileder is listening'))?.requestId).toBeUndefined();
});

it('answers /ready with 503 and closes connections while draining, and stays alive at /health', async () => {
  const ready = await fetch(`${running.url}/ready`);
  expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  running.readiness.drain();
  const draining = await fetch(`${running.url}/ready`);
  expect([draining.status, await draining.json()]).toEqual([503, { status: 'draining' }]);
  expect(draining.headers.get('connection')).toBe('close');
  const health = await fetch(`${running.url}/health`);
  expect(health.status).toBe(200);
  // Still answering what reaches it: a drained process finishes the turns sent before the balancer noticed.
  await chat({ text: 'Jeg vil lære Excel' });
});
