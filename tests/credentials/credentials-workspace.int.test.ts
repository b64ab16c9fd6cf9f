import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** The workspace's credentials section: an adviser records a completion with evidence; only an admin revokes; both audited. */

let database: TestDatabase;
let service: CredentialService;
let workspace: WorkspaceServer;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' },
    secret: { material: Buffer.from('workspace test secret, long enough to use') },
  });
  workspace = await startWorkspace({ database, app: { credentials: service } });
  await addAdviser(database, {
    email: 'radgiver@example.no',
    password: 'et langt og trygt passord 1',
    role: 'adviser',
  });
  await addAdviser(database, { email: 'admin@example.no', password: 'et langt og trygt passord 2', role: 'admin' });
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

it('an adviser issues a credential with evidence, cannot revoke it; an admin revokes it at once; all audited', async () => {
  const learner = await database.prisma.learner.create({ data: {} });
  const adviser = new WorkspaceClient(workspace.url);
  expect((await adviser.signIn('radgiver@example.no', 'et langt og trygt passord 1')).status).toBe(303);
  const csrf = await adviser.csrfToken('/advisers/credentials');
  const issued = await adviser.request('/advisers/credentials/issue', {
    form: {
      _csrf: csrf,
      learnerId: learner.id,
      recipientName: 'Nora Berg',
      recipientEmail: '',
      offeringId: '',
      achievementName: 'Førstehjelp',
      description: 'Grunnkurs i førstehjelp.',
      criteria: 'Deltok hele dagen og bestod praktisk prøve.',
      achievementType: 'Certificate',
      completedAt: '2026-11-28',
      validUntil: '2028-11-28',
      evidenceUrl: 'https://example.no/prove/123',
      evidenceName: 'Praktisk prøve',
      evidenceNarrative: '',
    },
  });
  expect(issued.status).toBe(200);
  const page = await issued.text();
  const id = /Utstedt: (urn:uuid:[0-9a-f-]+)/.exec(page)![1]!;
  const record = await service.store.findById(id);
  expect(record).toMatchObject({ learnerId: learner.id, achievementType: 'Certificate', source: 'adviser' });
  const verdict = await service.verify(record!.jwt!, { now: new Date('2027-01-01T00:00:00Z') });
  expect(verdict.verdict).toBe('valid');
  expect(verdict.credential?.evidence).toEqual([
    { type: ['Evidence'], id: 'https://example.no/prove/123', name: 'Praktisk prøve' },
  ]);
  expect(verdict.credential?.validFrom).toBe('2026-11-28T00:00:00Z');

  const noCsrf = await adviser.request(`/advisers/credentials/${id.replace('urn:uuid:', '')}/revoke`, {
    form: { reason: 'x' },
  });
  expect(noCsrf.status).toBe(403);
  const forbidden = await adviser.request(`/advisers/credentials/${id.replace('urn:uuid:', '')}/revoke`, {
    form: { _csrf: csrf, reason: 'x' },
  });
  expect(forbidden.status).toBe(403);
  expect((await service.store.findById(id))?.revokedAt).toBeNull();

  const admin = new WorkspaceClient(workspace.url);
  await admin.signIn('admin@example.no', 'et langt og trygt passord 2');
  const adminCsrf = await admin.csrfToken('/advisers/credentials');
  const revoked = await admin.request(`/advisers/credentials/${id.replace('urn:uuid:', '')}/revoke`, {
    json: { reason: 'Feil person' },
    headers: { 'x-csrf-token': adminCsrf, accept: 'application/json' },
  });
  expect(revoked.status).toBe(200);
  expect((await service.verify(record!.jwt!, { now: new Date('2027-01-01T00:00:00Z') })).verdict).toBe('revoked');

  const { rows } = await database.pool.query<{ action: string; subject_id: string }>(
    "SELECT action, subject_id FROM audit_log WHERE subject_type = 'credential' ORDER BY at",
  );
  expect(rows).toEqual([
    { action: 'credential.issue', subject_id: id },
    { action: 'credential.revoke', subject_id: id },
  ]);
});
