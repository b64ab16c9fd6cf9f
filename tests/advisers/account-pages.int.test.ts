import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** An adviser's own account page, the admins' audit log, and `veileder adviser` on the command line. */

const root = fileURLToPath(new URL('../..', import.meta.url));
let database: TestDatabase;
let workspace: WorkspaceServer;
const password = 'første-passord-123';

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await startWorkspace({ database });
  await addAdviser(database, { email: 'eva@example.no', password });
  await addAdviser(database, { email: 'sjef@example.no', password, role: 'admin' });
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

function veileder(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('my account', () => {
  it('changes the password with the current one, ending the other sessions but not this one', async () => {
    const here = new WorkspaceClient(workspace.url);
    const elsewhere = new WorkspaceClient(workspace.url);
    await here.signIn('eva@example.no', password);
    await elsewhere.signIn('eva@example.no', password);
    const _csrf = await here.csrfToken('/advisers/account');
    const wrong = await here.request('/advisers/account/password', {
      form: { _csrf, current: 'not-it-at-all', fresh: 'andre-passord-456', repeat: 'andre-passord-456' },
    });
    expect(wrong.status).toBe(400);
    const mismatch = await here.request('/advisers/account/password', {
      form: { _csrf, current: password, fresh: 'andre-passord-456', repeat: 'andre-passord-789' },
    });
    expect(await mismatch.text()).toContain('De to nye passordene er ikke like.');
    const changed = await here.request('/advisers/account/password', {
      form: { _csrf, current: password, fresh: 'andre-passord-456', repeat: 'andre-passord-456' },
    });
    expect(changed.status).toBe(200);
    expect((await here.request('/advisers/api/me')).status).toBe(200);
    expect((await elsewhere.request('/advisers/api/me')).status).toBe(401);
    expect((await new WorkspaceClient(workspace.url).signIn('eva@example.no', 'andre-passord-456')).status).toBe(303);
  });

  it('keeps the chosen language on the account', async () => {
    const client = new WorkspaceClient(workspace.url);
    await client.signIn('eva@example.no', 'andre-passord-456');
    const _csrf = await client.csrfToken('/advisers/account');
    await client.request('/advisers/account/language', { form: { _csrf, language: 'en' } });
    const other = new WorkspaceClient(workspace.url);
    await other.signIn('eva@example.no', 'andre-passord-456');
    expect(await (await other.request('/advisers')).text()).toContain('<html lang="en">');
  });
});

describe('the audit log', () => {
  it('is for admins only, and filters by action', async () => {
    const adviser = new WorkspaceClient(workspace.url);
    await adviser.signIn('eva@example.no', 'andre-passord-456');
    expect((await adviser.request('/advisers/audit')).status).toBe(403);
    const admin = new WorkspaceClient(workspace.url);
    await admin.signIn('sjef@example.no', password);
    const html = await (await admin.request('/advisers/audit?action=adviser.password_changed')).text();
    expect(html).toContain('<code>adviser.password_changed</code>');
    expect(html).toContain('eva@example.no');
    expect(html).not.toContain('<code>adviser.signed_in</code>');
  });
});

describe('veileder adviser', () => {
  it('creates an account with the password from standard input, never from the command line', async () => {
    const created = await veileder(
      ['adviser', 'add', 'Ny.Admin@example.no', '--role', 'admin', '--name', 'Ny Admin', '--password-stdin'],
      'fra-stdin-passord-1\n',
    );
    expect(created).toMatchObject({ code: 0, stdout: 'Created admin ny.admin@example.no.\n' });
    const client = new WorkspaceClient(workspace.url);
    expect((await client.signIn('ny.admin@example.no', 'fra-stdin-passord-1')).status).toBe(303);
    expect(
      ((await (await client.request('/advisers/api/me')).json()) as { adviser: { role: string } }).adviser.role,
    ).toBe('admin');
  }, 120_000);

  it('prints a one-time password when none is given, and refuses a second account for the same email', async () => {
    const created = await veileder(['adviser', 'add', 'generert@example.no', '--role', 'adviser']);
    const generated = /One-time password \(shown only now; ask them to keep it safe\): (\S+)/.exec(created.stdout)![1]!;
    expect(generated).toHaveLength(20);
    expect((await new WorkspaceClient(workspace.url).signIn('generert@example.no', generated)).status).toBe(303);
    const again = await veileder(['adviser', 'add', 'generert@example.no', '--role', 'adviser']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
  }, 180_000);

  it('unlocks a locked account', async () => {
    await database.pool.query(
      "UPDATE adviser SET locked_until = now() + interval '1 hour' WHERE email = 'generert@example.no'",
    );
    const unlocked = await veileder(['adviser', 'unlock', 'generert@example.no']);
    expect(unlocked).toMatchObject({ code: 0, stdout: 'Unlocked generert@example.no.\n' });
    const { rows } = await database.pool.query("SELECT locked_until FROM adviser WHERE email = 'generert@example.no'");
    expect(rows[0].locked_until).toBeNull();
  }, 120_000);
});
