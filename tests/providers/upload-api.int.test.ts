import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderKey } from '../../adapters/storage/provider-key-store.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { spawnProviderApi } from '../support/provider-api-process.js';

/**
 * Issue 19's upload API over real HTTP: a provider PUTs its whole catalogue or POSTs some offerings with its
 * API key, gets a run id at once, and reads the run's report (counts, rejections by line, withdrawals).
 * Another provider's key is refused; a 50 MB catalogue is streamed, not held in memory.
 */

let database: TestDatabase;
let server: Server;
let base: string;
const providers: Record<'a' | 'b', { id: string; key: string }> = {} as never;

const record = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  description: `${title}: kveldskurs.`,
  provider: 'Kurshuset Vest',
  city: 'Stavanger',
  language: 'nb',
  url: `https://kurshuset.example.no/${id}`,
  ...extra,
});
const jsonl = (records: unknown[]) => `${records.map((one) => JSON.stringify(one)).join('\n')}\n`;

async function send(options: {
  method: 'PUT' | 'POST';
  provider?: 'a' | 'b';
  key?: string;
  body: string | Readable;
  path?: string;
}): Promise<Response> {
  const provider = providers[options.provider ?? 'a'];
  return fetch(
    `${base}/api/providers/${provider.id}/${options.path ?? (options.method === 'PUT' ? 'catalogue' : 'offerings')}`,
    {
      method: options.method,
      headers: { authorization: `Bearer ${options.key ?? provider.key}`, 'content-type': 'application/x-ndjson' },
      body: typeof options.body === 'string' ? options.body : (Readable.toWeb(options.body) as ReadableStream),
      duplex: 'half',
    } as RequestInit,
  );
}

type Report = {
  status: string;
  origin: string;
  counts: Record<string, number>;
  rejections: { line: number; reason: string; raw: string }[];
  withdrawals: { offeringId: string; title: string }[];
  withdrawalsHeld: { reason: string }[];
};

async function report(runId: string, provider: 'a' | 'b' = 'a', key = providers[provider].key): Promise<Response> {
  return fetch(`${base}/api/providers/${providers[provider].id}/runs/${runId}`, {
    headers: { authorization: `Bearer ${key}` },
  });
}

async function finished(runId: string, timeoutMs = 120_000): Promise<Report> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await report(runId)).json()) as Report;
    if (body.status !== 'running') return body;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function accepted(response: Response): Promise<string> {
  expect(response.status).toBe(202);
  const body = (await response.json()) as { runId: string; report: string };
  expect(response.headers.get('location')).toBe(body.report);
  return body.runId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [slot, name] of [
    ['a', 'Kurshuset Vest'],
    ['b', 'Nettkurs AS'],
  ] as const) {
    const { rows } = await database.pool.query<{ id: string }>(
      'INSERT INTO provider (name, normalized_name) VALUES ($1, lower($1)) RETURNING id',
      [name],
    );
    const id = rows[0]!.id;
    providers[slot] = { id, key: (await createProviderKey(database.pool, { providerId: id })).key };
  }
  const app = createHttpApp({ database, catalogueMaxMb: 60 });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.drop();
});

describe('the providers’ upload API', () => {
  it('imports a whole catalogue, then withdraws what the next one leaves out', async () => {
    const first = await finished(
      await accepted(
        await send({
          method: 'PUT',
          body: jsonl([record('u1', 'Excel grunnkurs'), record('u2', 'Word'), record('u3', 'PowerPoint')]),
        }),
      ),
    );
    expect(first).toMatchObject({ status: 'finished', origin: 'upload', counts: { read: 3, inserted: 3 } });
    const second = await finished(
      await accepted(
        await send({
          method: 'PUT',
          body: jsonl([record('u1', 'Excel grunnkurs'), record('u2', 'Word videregående')]),
        }),
      ),
    );
    expect(second.counts).toMatchObject({ read: 2, unchanged: 1, updated: 1, withdrawn: 1 });
    expect(second.withdrawals.map((one) => one.title)).toEqual(['PowerPoint']);
  });

  it('adds or changes some offerings with POST and withdraws nothing', async () => {
    const run = await finished(await accepted(await send({ method: 'POST', body: jsonl([record('u9', 'Outlook')]) })));
    expect(run.counts).toMatchObject({ read: 1, inserted: 1, withdrawn: 0 });
    const { rows } = await database.pool.query(
      `SELECT o.title FROM offering o JOIN provider p ON p.id = o.provider_id WHERE p.id = $1 AND o.status = 'active' ORDER BY o.title`,
      [providers.a.id],
    );
    expect(rows.map((row) => row.title)).toEqual(['Excel grunnkurs', 'Outlook', 'Word videregående']);
  });

  it('reports a malformed body by line, keeping the good records', async () => {
    const body = [
      JSON.stringify(record('m1', 'Regnskap')),
      '{"id": "m2", "title": "Avbrutt',
      JSON.stringify({ id: 'm3', provider: 'Kurshuset Vest' }),
      JSON.stringify(record('m4', 'Kurs for en annen', { provider: 'Nettkurs AS' })),
      JSON.stringify(record('m5', 'Lønn')),
    ].join('\n');
    const run = await finished(await accepted(await send({ method: 'POST', body })));
    expect(run.counts).toMatchObject({ read: 5, inserted: 2, rejected: 3 });
    expect(run.rejections.map((one) => one.line)).toEqual([2, 3, 4]);
    expect(run.rejections[0]!.reason).toMatch(/JSON/i);
    expect(run.rejections[1]!.reason).toMatch(/title/);
    expect(run.rejections[2]!.reason).toMatch(/own feed of another provider/);
    expect(run.rejections[0]!.raw).toContain('Avbrutt');
  });

  it('refuses another provider’s key, a missing key, and another provider’s run', async () => {
    const wrongKey = await send({ method: 'PUT', key: providers.b.key, body: jsonl([record('x', 'Innbrudd')]) });
    expect(wrongKey.status).toBe(401);
    const noKey = await fetch(`${base}/api/providers/${providers.a.id}/catalogue`, { method: 'PUT', body: 'x' });
    expect(noKey.status).toBe(401);
    const runOfB = await accepted(
      await send({ method: 'PUT', provider: 'b', body: jsonl([record('b1', 'Python', { provider: 'Nettkurs AS' })]) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await report(runOfB, 'a')).status).toBe(404);
    expect((await report(runOfB, 'b', providers.a.key)).status).toBe(401);
    const { rows } = await database.pool.query(`SELECT 1 FROM offering WHERE title = 'Innbrudd'`);
    expect(rows).toHaveLength(0);
  });

  it('answers 400 for a body it cannot read at all, and 413 over the limit', async () => {
    const empty = await send({ method: 'POST', body: '' });
    expect(empty.status).toBe(400);
    const xml = await fetch(`${base}/api/providers/${providers.a.id}/offerings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${providers.a.key}`, 'content-type': 'text/plain' },
      body: '<html>not a catalogue</html>',
    });
    expect(xml.status).toBe(400);
    expect(((await xml.json()) as { error: { message: string } }).error.message).toMatch(/learningOpportunity/);
    const tooLarge = await send({
      method: 'POST',
      body: Readable.from(
        (function* () {
          for (let index = 0; index < 61; index += 1) yield Buffer.alloc(1024 * 1024, 0x20);
        })(),
      ),
    });
    expect(tooLarge.status).toBe(413);
  });

  it('streams a 50 MB catalogue with flat memory', async () => {
    // The API in a process of its own, so its peak resident set is the server's alone, with its JavaScript heap
    // capped so that memory growing with the body ends in a crash rather than passing unnoticed.
    const heapMb = 160;
    const api = await spawnProviderApi({ databaseUrl: database.url, heapMb });
    const child = api.process;
    const url = api.url;
    try {
      const peakRss = async () =>
        Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024;
      // Warm up: one small upload, so the baseline includes the code paths and connections the big one uses.
      const put = (body: string | Readable) =>
        fetch(`${url}/api/providers/${providers.b.id}/catalogue`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${providers.b.key}`, 'content-type': 'application/x-ndjson' },
          body: typeof body === 'string' ? body : (Readable.toWeb(body) as ReadableStream),
          duplex: 'half',
        } as RequestInit);
      const reportOf = async (runId: string) =>
        (await (
          await fetch(`${url}/api/providers/${providers.b.id}/runs/${runId}`, {
            headers: { authorization: `Bearer ${providers.b.key}` },
          })
        ).json()) as Report;
      const settle = async (runId: string) => {
        for (;;) {
          const run = await reportOf(runId);
          if (run.status !== 'running') return run;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      await settle(await accepted(await put(jsonl([record('w1', 'Oppvarming', { provider: 'Nettkurs AS' })]))));
      const baseline = await peakRss();

      const records = 10_000;
      const description = 'Lær å føre regnskap for små bedrifter, med øvelser og eksempler. '.repeat(75);
      let sent = 0;
      const body = Readable.from(
        (function* () {
          for (let index = 0; index < records; index += 1) {
            const line = `${JSON.stringify(record(`big${index}`, `Regnskapskurs ${index}`, { description, provider: 'Nettkurs AS' }))}\n`;
            sent += Buffer.byteLength(line);
            yield line;
          }
        })(),
      );
      const started = performance.now();
      const runId = await accepted(await put(body));
      const answeredSeconds = (performance.now() - started) / 1000;
      const afterUpload = await peakRss();
      const run = await settle(runId);
      const importedSeconds = (performance.now() - started) / 1000;
      const afterImport = await peakRss();
      expect(sent).toBeGreaterThan(50 * 1024 * 1024);
      expect(run.counts).toMatchObject({ read: records, inserted: records, rejected: 0 });
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
      console.log(
        `50 MB upload: ${mb(sent)} MB, ${records} records; 202 after ${answeredSeconds.toFixed(1)} s, imported after ${importedSeconds.toFixed(1)} s; ` +
          `server (heap capped at ${heapMb} MB) peak RSS ${mb(baseline)} MB before, ${mb(afterUpload)} MB after streaming the body, ${mb(afterImport)} MB after the import`,
      );
      // The body is never held: streaming it raises the server's peak resident set by less than its size (the
      // rise is garbage not yet collected), and the import finished inside the capped heap.
      expect(afterUpload - baseline).toBeLessThan(sent);
    } finally {
      child.kill('SIGTERM');
    }
  }, 400_000);
});
