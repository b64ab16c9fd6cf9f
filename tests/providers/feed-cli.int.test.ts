import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeProviderFeed, type FakeProviderFeed } from '../support/fake-provider-feed.js';

/** The operator's feed and provider-account commands, spawned as an operator runs them, against a real database. */

const root = fileURLToPath(new URL('../..', import.meta.url));
let database: TestDatabase;
let fake: FakeProviderFeed;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeProviderFeed();
  fake.publish([{ id: 'c1', title: 'Keramikk', provider: 'Kunstskolen Nord', city: 'Tromsø', language: 'nb' }]);
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

function veileder(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      // The fake provider serves on loopback.
      env: { ...process.env, DATABASE_URL: database.url, VEILEDER_HARVEST_ALLOW_PRIVATE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('adds a feed (and its provider), harvests it now, lists its health and removes it', async () => {
  const unknown = await veileder(['feed', 'add', 'Kunstskolen Nord', fake.url, '--format', 'jsonl']);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain('--new-provider');
  const notHttp = await veileder(['feed', 'add', 'Kunstskolen Nord', 'file:///etc/passwd', '--format', 'jsonl']);
  expect(notHttp.stderr).toContain('must be an http(s) URL');

  const added = await veileder([
    'feed',
    'add',
    'Kunstskolen Nord',
    fake.url,
    '--format',
    'jsonl',
    '--every',
    '120',
    '--new-provider',
  ]);
  expect(added.code).toBe(0);
  const feedId = /Registered feed (\S+) of Kunstskolen Nord/.exec(added.stdout)?.[1];
  expect(feedId).toBeDefined();

  const harvested = await veileder(['feed', 'harvest', feedId!]);
  expect(harvested.code).toBe(0);
  expect(harvested.stdout).toMatch(new RegExp(`${fake.url}: imported \\(run [0-9a-f-]{36}\\)`));
  const { rows } = await database.pool.query(
    `SELECT o.title, p.name FROM offering o JOIN provider p ON p.id = o.provider_id WHERE o.status = 'active'`,
  );
  expect(rows).toEqual([{ title: 'Keramikk', name: 'Kunstskolen Nord' }]);

  const listed = JSON.parse((await veileder(['feed', 'list', '--json'])).stdout) as {
    id: string;
    lastOutcome: string;
    scheduleMinutes: number;
  }[];
  expect(listed).toMatchObject([{ id: feedId, lastOutcome: 'imported', scheduleMinutes: 120 }]);

  const account = await veileder([
    'adviser',
    'add',
    'kari@kunstskolen.example.no',
    '--role',
    'provider',
    '--provider',
    'Kunstskolen Nord',
  ]);
  expect(account.code).toBe(0);
  expect(account.stdout).toContain('Created provider kari@kunstskolen.example.no');
  const { rows: accounts } = await database.pool.query(
    `SELECT a.role, p.name FROM adviser a JOIN provider p ON p.id = a.provider_id WHERE a.email = 'kari@kunstskolen.example.no'`,
  );
  expect(accounts).toEqual([{ role: 'provider', name: 'Kunstskolen Nord' }]);

  const removed = await veileder(['feed', 'remove', feedId!]);
  expect(removed.code).toBe(0);
  expect((await database.pool.query('SELECT 1 FROM provider_feed')).rows).toHaveLength(0);
}, 180_000);
