import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCredentialService } from '../../adapters/credentials/credential-service.js';
import { authenticateProviderKey } from '../../adapters/storage/provider-key-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The operator's commands, spawned as an operator runs them, against a real database. */

const root = fileURLToPath(new URL('../..', import.meta.url));
const secret = 'cli test secret that is at least thirty-two characters';
const publicUrl = 'https://veileder.example.no';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

function veileder(
  args: string[],
  environment: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        VEILEDER_CREDENTIAL_SECRET: secret,
        VEILEDER_PUBLIC_URL: publicUrl,
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('creates a provider key that authenticates, rotates the signing key keeping old credentials valid, and revokes a credential', async () => {
  const provider = await database.prisma.provider.create({
    data: { name: 'Kursleverandøren AS', normalizedName: 'kursleverandøren as' },
  });
  const created = await veileder(['provider-key', 'create', 'Kursleverandøren AS', '--label', 'test']);
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  const key = /^(vlk_\S+)$/m.exec(created.stdout)![1]!;
  expect(await authenticateProviderKey(database.pool, { providerId: provider.id, key })).toBe(true);

  const service = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl, name: 'Læringsportalen' },
    secret: { material: Buffer.from(secret) },
  });
  const before = await service.issue({
    learnerId: null,
    recipient: { name: 'Ola' },
    achievement: { name: 'Kurs', description: 'd', criteriaNarrative: 'c', achievementType: 'Course', skills: [] },
    evidence: [],
    source: 'provider',
    providerId: provider.id,
  });

  const rotated = await veileder(['credential-keys', 'rotate']);
  expect(rotated.code).toBe(0);
  expect(rotated.stdout).toMatch(/^New signing key [\w-]+; [\w-]+ retired/);
  const listed = await veileder(['credential-keys', 'list']);
  expect(listed.stdout.trim().split('\n')).toHaveLength(2);
  expect((await service.verify(before.jwt)).verdict).toBe('valid');

  const revoked = await veileder([
    'credential',
    'revoke',
    before.id.replace('urn:uuid:', ''),
    '--reason',
    'feil person',
  ]);
  expect(revoked.code).toBe(0);
  expect((await service.verify(before.jwt)).verdict).toBe('revoked');

  const missing = await veileder(['provider-key', 'create', 'No Such Provider']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/No provider with id or name "No Such Provider"/);
  const offWithoutSecret = await veileder(['credential-keys', 'list'], { VEILEDER_CREDENTIAL_SECRET: '' });
  expect(offWithoutSecret.code).toBe(2); // a configuration error
  expect(offWithoutSecret.stderr).toMatch(/VEILEDER_CREDENTIAL_SECRET/);
}, 400_000);
