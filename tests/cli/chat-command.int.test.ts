import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const bin = fileURLToPath(new URL('../../bin/veileder.js', import.meta.url));
let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'veileder-chat-cli-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function chat(lines: string[], args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'chat', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        VEILEDER_DATA_DIR: dataDir,
        OPENAI_BASE_URL: '',
        VEILEDER_CHAT_MODEL: '',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe('veileder chat', () => {
  it('holds a conversation on piped input and remembers the learner next time', async () => {
    const first = await chat(
      ['Jeg er sykepleier og vil lære om eldreomsorg. Bare vis meg.', 'nr 1 var bra, 5 av 5', '/quit'],
      ['--user', 'cli-siri'],
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/local understanding \(no model configured\)/);
    expect(first.stdout).toMatch(/Her er \d forslag/);
    expect(first.stdout).toMatch(/lagret 5 av 5/);
    const second = await chat(['Hva vet du om meg?'], ['--user', 'cli-siri']);
    expect(second.stdout).toMatch(/sykepleier/);
  });

  it('links two learners with a code, through the same extension list the server runs', async () => {
    const asked = await chat(['koble'], ['--user', 'cli-kari']);
    expect(asked.stderr).toBe('');
    const code = /Koden din er ([A-Z0-9]{6})/.exec(asked.stdout)?.[1];
    expect(code).toBeDefined();
    const linked = await chat([`koble ${code}`], ['--user', 'cli-kari-laptop']);
    expect(linked.stdout).toMatch(/Ferdig!/);
    const { rows } = await database.pool.query<{ external_id: string; learner_id: string }>(
      "SELECT external_id, learner_id FROM channel_identity WHERE channel = 'terminal' AND external_id LIKE 'cli-kari%'",
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]?.learner_id).toBe(rows[1]?.learner_id);
  });

  it('rejects unknown options with a usage message', async () => {
    const result = await chat([], ['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/veileder chat \[--user NAME\] \[--session KEY\]: .*bogus/);
  });
});
