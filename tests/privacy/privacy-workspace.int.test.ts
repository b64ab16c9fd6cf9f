import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredData } from '../../adapters/storage/privacy/purge-expired-data.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';
import { seedLearnerEverywhere } from './seed-learner.js';

/** An admin's export and deletion of a learner in the workspace, audited without personal data; the audit log page. */

let database: TestDatabase;
let workspace: WorkspaceServer;
let admin: WorkspaceClient;
let adminId = '';
const password = 'personvern-hest-batteri';

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await startWorkspace({ database });
  adminId = (await addAdviser(database, { email: 'admin@example.no', password, role: 'admin' })).id;
  await addAdviser(database, { email: 'veileder@example.no', password });
  admin = new WorkspaceClient(workspace.url);
  expect((await admin.signIn('admin@example.no', password)).status).toBe(303);
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

const auditText = async () => JSON.stringify((await database.pool.query('SELECT * FROM audit_log')).rows);

describe('privacy page', () => {
  it('is for admins only', async () => {
    const adviser = new WorkspaceClient(workspace.url);
    await adviser.signIn('veileder@example.no', password);
    expect((await adviser.request('/advisers/privacy')).status).toBe(403);
    expect((await adviser.request('/advisers/audit')).status).toBe(403);
    expect((await new WorkspaceClient(workspace.url).request('/advisers/privacy')).status).toBe(303);
  });

  it('finds a learner by channel id, exports them, and deletes them — audited with the learner id only', async () => {
    const { learnerId } = await seedLearnerEverywhere(database.pool, { externalId: '29:teams-kari-123' });
    const other = await seedLearnerEverywhere(database.pool, { externalId: '29:teams-ola-456' });

    const page = await (await admin.request('/advisers/privacy?q=29%3Ateams-kari-123')).text();
    expect(page).toContain(`<code>${learnerId}</code>`);
    expect(page).toContain('teams: <code>29:teams-kari-123</code>');
    expect(page).not.toContain(other.learnerId);
    expect(await (await admin.request(`/advisers/privacy?q=${learnerId}`)).text()).toContain('29:teams-kari-123');

    const download = await admin.request(`/advisers/privacy/learners/${learnerId}/export.json`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="veileder-learner-${learnerId}.json"`,
    );
    const exported = (await download.json()) as { learnerId: string; tables: Record<string, unknown[]> };
    expect(exported.learnerId).toBe(learnerId);
    expect(Object.keys(exported.tables)).toEqual(
      expect.arrayContaining([
        'learner',
        'channel_identity',
        'profile',
        'conversation',
        'turn',
        'recommendation',
        'rating',
        'adviser_review',
      ]),
    );

    const csrf = await admin.csrfToken(`/advisers/privacy?q=${learnerId}`);
    expect(
      (await admin.request(`/advisers/privacy/learners/${learnerId}/delete`, { form: { confirm: 'yes' } })).status,
    ).toBe(403);
    const unconfirmed = await admin.request(`/advisers/privacy/learners/${learnerId}/delete`, {
      form: { _csrf: csrf },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Kryss av');
    const deleted = await admin.request(`/advisers/privacy/learners/${learnerId}/delete`, {
      form: { _csrf: csrf, confirm: 'yes' },
    });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/advisers/privacy?done=deleted');
    expect(
      (await database.pool.query('SELECT count(*)::int AS count FROM learner WHERE id = $1', [learnerId])).rows[0]
        .count,
    ).toBe(0);
    expect(
      (await database.pool.query('SELECT count(*)::int AS count FROM learner WHERE id = $1', [other.learnerId])).rows[0]
        .count,
    ).toBe(1);
    expect(
      (
        await admin.request(`/advisers/privacy/learners/${learnerId}/delete`, { form: { _csrf: csrf, confirm: 'yes' } })
      ).headers.get('location'),
    ).toBe('/advisers/privacy?done=missing');

    const { rows } = await database.pool.query(
      'SELECT actor_id, action, subject_type, subject_id, detail FROM audit_log WHERE subject_id = $1 ORDER BY at, action',
      [learnerId],
    );
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['learner.looked_up', 'learner.exported', 'learner.deleted']),
    );
    expect(rows.every((row) => row.actor_id === adminId && row.subject_type === 'learner')).toBe(true);
    // Nothing the person said or was known by is in the audit log: no channel id, no words.
    const audit = await auditText();
    expect(audit).not.toContain('teams-kari-123');
    expect(audit).not.toContain('demens');
  });
});

describe('audit log page', () => {
  it('filters by who, what and when, and shows system actions', async () => {
    await seedLearnerEverywhere(database.pool, { lastTurnAt: new Date(Date.now() - 800 * 86_400_000), consent: false });
    const lastPurge = async () =>
      (await (await admin.request('/advisers/privacy')).text()).match(
        /Siste sletting etter lagringstid: ([^<]*)</,
      )?.[1];
    expect(await lastPurge()).toBe('ingen ennå');
    await purgeExpiredData({ pool: database.pool, retentionDays: 365 });
    expect(await lastPurge()).toContain('slettes etter 365 dager');
    const byAdmin = await (await admin.request(`/advisers/audit?actor=${adminId}&action=learner.deleted`)).text();
    expect(byAdmin).toContain('<code>learner.deleted</code>');
    expect(byAdmin).not.toContain('<code>retention.purged</code>');
    const bySystem = await (await admin.request('/advisers/audit?actor=system')).text();
    expect(bySystem).toContain('<code>retention.purged</code>');
    expect(bySystem).toContain('Systemet');
    expect(bySystem).not.toContain('<code>learner.deleted</code>');
    const [deletion] = (await database.pool.query("SELECT subject_id FROM audit_log WHERE action = 'learner.deleted'"))
      .rows;
    const bySubject = await (await admin.request(`/advisers/audit?subject=${deletion.subject_id}`)).text();
    expect(bySubject).toContain('<code>learner.deleted</code>');
    expect(bySubject).toContain('<code>learner.exported</code>');
    expect(bySubject).not.toContain('<code>retention.purged</code>');
    expect(
      (
        await database.pool.query(
          "SELECT count(*)::int AS count FROM audit_log WHERE action = 'audit_log.viewed' AND actor_id = $1",
          [adminId],
        )
      ).rows[0].count,
    ).toBeGreaterThan(0);
    const longAgo = await (await admin.request('/advisers/audit?from=2020-01-01&to=2020-12-31')).text();
    expect(longAgo).toContain('Ingen oppføringer.');
    expect((await admin.request('/advisers/audit?from=yesterday')).status).toBe(400);
  });
});
