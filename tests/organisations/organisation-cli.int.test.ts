import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalService } from '../../adapters/index/retrieval-service.js';
import { createOrganisation } from '../../adapters/storage/organisation-store.js';
import { organisationInputSchema } from '../../src/organisations/organisation.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedOrganisationWorld } from './organisation-fixture.js';

/** `veileder team-plan` and `veileder remind-mandatory` as an operator runs them, on a real database. Each spawns the CLI (tsx), slow on a busy machine. */

const spawnTimeout = 240_000;

const root = fileURLToPath(new URL('../..', import.meta.url));
let database: TestDatabase;
let world: { retrieval: RetrievalService; directory: string; cleanUp(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedOrganisationWorld(database);
  dataDir = world.directory;
  await createOrganisation(database.pool, {
    owner: {},
    input: organisationInputSchema.parse({
      name: 'Fjordbygg AS',
      organisationNumber: '974760673',
      learningBudgetNok: 1000,
      roles: [{ styrkCode: '7115', title: 'Tømrer', headcount: 4 }],
    }),
  });
});
afterAll(async () => {
  await world?.cleanUp();
  await database?.drop();
});

function veileder(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, VEILEDER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('organisation commands', () => {
  it(
    'prints the team plan with coverage',
    async () => {
      const text = await veileder(['team-plan', '974 760 673']);
      expect(text.stderr).toBe('');
      expect(text.stdout).toContain('Team plan for Fjordbygg AS (small budget: free offerings first)');
      expect(text.stdout).toContain('✓ apply wood finishes → Wood finishes for beginners — Byggskolen [free]');
      expect(text.stdout).toMatch(/Overall skill coverage \(distinct skills\): \d+\/\d+ = [\d.]+ %/);
    },
    spawnTimeout,
  );

  it(
    'says so when the organisation is unknown',
    async () => {
      const unknown = await veileder(['team-plan', '923609016']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe('veileder team-plan: No organisation with id 923609016.\n');
    },
    spawnTimeout,
  );

  it(
    'queues mandatory reminders (none without mandatory courses)',
    async () => {
      const result = await veileder(['remind-mandatory', '--json']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ reminded: 0 });
    },
    spawnTimeout,
  );
});
