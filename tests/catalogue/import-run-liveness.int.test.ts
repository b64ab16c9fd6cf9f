import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportRuns } from '../../adapters/storage/catalogue-care/catalogue-care-queries.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** An import run never stays "running" once its process is gone (security issue 15, item 18). */

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const evaluationCatalogue = path.resolve(repositoryRoot, '../shared/eval/catalogue.jsonl');

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-import-run-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

const runOf = async (id: string) =>
  (await database.pool.query(`SELECT status, failure, finished_at FROM import_run WHERE id = $1`, [id])).rows[0];

describe('an import run whose process is gone', () => {
  it('is marked failed once the importing process was killed, naming the process', async () => {
    const child = spawn(process.execPath, ['bin/veileder.js', 'import', evaluationCatalogue], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let runId: string | undefined;
    try {
      for (let attempt = 0; attempt < 600 && !runId; attempt += 1) {
        const { rows } = await database.pool.query(`SELECT id FROM import_run WHERE pid = $1 AND status = 'running'`, [
          child.pid,
        ]);
        runId = rows[0]?.id;
        if (!runId) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      child.kill('SIGKILL'); // kill -9: the process gets no chance to finish its run
      await exited;
    }
    expect(runId).toBeDefined();

    const runs = await listImportRuns(database.pool);
    expect(runs.find((run) => run.id === runId)).toMatchObject({
      status: 'failed',
      failure: `the importing process ${child.pid} on ${hostname()} is gone (killed or crashed)`,
    });
    expect((await runOf(runId as string)).finished_at).toBeInstanceOf(Date);
  });

  it('is judged by its heartbeat when it ran on another host', async () => {
    const insert = async (minutesAgo: number) =>
      (
        await database.pool.query(
          `INSERT INTO import_run (source, format, file, status, host, pid, heartbeat_at) VALUES ('s', 'jsonl', 'f', 'running', 'importer-2', 1, now() - make_interval(mins => $1)) RETURNING id`,
          [minutesAgo],
        )
      ).rows[0].id as string;
    const silent = await insert(10);
    const beating = await insert(0);
    await listImportRuns(database.pool);
    expect(await runOf(silent)).toMatchObject({
      status: 'failed',
      failure: expect.stringMatching(
        /^no sign of the importing process 1 on importer-2 for 6\d\d s; it is taken to be gone$/,
      ),
    });
    expect(await runOf(beating)).toMatchObject({ status: 'running', failure: null });
  });

  it('is marked failed with the error when the file breaks off mid-read', async () => {
    const whole = gzipSync(await readFile(evaluationCatalogue));
    const file = path.join(directory, 'cut.jsonl.gz');
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(importCatalogueFile(database, { file })).rejects.toThrow(/unexpected end of file/);
    const { rows } = await database.pool.query(`SELECT status, failure, read FROM import_run WHERE file = $1`, [file]);
    expect(rows).toEqual([{ status: 'failed', failure: 'unexpected end of file', read: expect.any(Number) }]);
    expect(rows[0].read).toBeGreaterThan(1000);
  });
});
