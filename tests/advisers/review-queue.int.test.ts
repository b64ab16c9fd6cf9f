import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../adapters/storage/audit-log-store.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/**
 * The review queue over real conversations with the offline assistant: filters, a set's page, approve /
 * change / flag, and who may do what (an adviser reviews; only an admin manages accounts).
 */

let harness: AssistantHarness;
let workspace: WorkspaceServer;
let adviser: WorkspaceClient;
let nurseSet: string;
let pythonSet: string;
const password = 'et-passord-som-er-langt';

beforeAll(async () => {
  harness = await startAssistantHarness();
  const nurse = await harness.assistant.handleTurn({
    channel: 'web',
    userId: 'web-nurse',
    text: 'Jeg er sykepleier og vil lære mer om demens.',
  });
  await harness.assistant.handleTurn({
    channel: 'web',
    userId: 'web-nurse',
    sessionId: nurse.sessionId,
    action: { type: 'show_now' },
  });
  await harness.assistant.handleTurn({
    channel: 'terminal',
    userId: 'term-dev',
    text: 'I want to learn programming in Python',
  });
  await harness.assistant.handleTurn({ channel: 'terminal', userId: 'term-dev', action: { type: 'show_now' } });
  await harness.assistant.handleTurn({
    channel: 'terminal',
    userId: 'term-dev',
    action: { type: 'rate', score: 2, text: 'for avansert' },
  });
  const sets = await harness.database.pool.query(
    `SELECT DISTINCT t.id, c.channel, t.created_at FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN recommendation r ON r.turn_id = t.id ORDER BY t.created_at`,
  );
  nurseSet = sets.rows.find((row) => row.channel === 'web')!.id;
  // The first message already shows suggestions; "show now" shows a second set, the one the rating is about.
  pythonSet = sets.rows.findLast((row) => row.channel === 'terminal')!.id;
  workspace = await startWorkspace({ database: harness.database });
  await addAdviser(harness.database, { email: 'rådgiver@example.no', password, name: 'Rå Dgiver' });
  await addAdviser(harness.database, { email: 'admin@example.no', password, role: 'admin' });
  adviser = new WorkspaceClient(workspace.url);
  expect((await adviser.signIn('rådgiver@example.no', password)).status).toBe(303);
}, 120_000);
afterAll(async () => {
  await workspace?.close();
  await harness?.close();
});

const page = async (client: WorkspaceClient, path: string) => {
  const response = await client.request(path);
  return { status: response.status, html: await response.text() };
};

describe('the queue', () => {
  it('lists recent suggestion sets with what the learner wrote, and filters them', async () => {
    const all = await page(adviser, '/advisers');
    expect(all.status).toBe(200);
    expect(all.html).toContain(`/advisers/sets/${nurseSet}`);
    expect(all.html).toContain(`/advisers/sets/${pythonSet}`);
    expect(all.html).toContain('Jeg er sykepleier og vil lære mer om demens.');
    const terminal = await page(adviser, '/advisers?channel=terminal');
    expect(terminal.html).toContain(pythonSet);
    expect(terminal.html).not.toContain(nurseSet);
    const topic = await page(adviser, '/advisers?topic=demens');
    expect(topic.html).toContain(nurseSet);
    expect(topic.html).not.toContain(pythonSet);
    const future = await page(adviser, '/advisers?from=2099-01-01');
    expect(future.html).toContain('Ingen forslagssett passer filteret.');
    const bad = await page(adviser, '/advisers?from=yesterday');
    expect(bad.status).toBe(400);
  });

  it('shows a set with its conversation, the extracted profile and the reasons', async () => {
    const set = await page(adviser, `/advisers/sets/${nurseSet}`);
    expect(set.status).toBe(200);
    expect(set.html).toContain('Samtalen');
    expect(set.html).toMatch(/<dt>Yrke<\/dt><dd>sykepleier/);
    expect(set.html).toMatch(/<strong>(Ord|Begreper)[^<]*<\/strong>/);
    const viewed = await listAudit(harness.database.pool, { action: 'suggestion_set.viewed', subjectId: nurseSet });
    expect(viewed.length).toBeGreaterThan(0);
    expect((await page(adviser, '/advisers/sets/no-such-set')).status).toBe(404);
    expect((await page(adviser, `/advisers/sets/${pythonSet}`)).html).toContain(
      '2/5 · hele forslagssettet – <q>for avansert</q>',
    );
  });
});

describe('reviewing', () => {
  it('refuses a review without the CSRF token', async () => {
    const response = await adviser.request(`/advisers/sets/${nurseSet}/review`, { form: { verdict: 'approved' } });
    expect(response.status).toBe(403);
  });

  it('approves a set', async () => {
    const _csrf = await adviser.csrfToken(`/advisers/sets/${pythonSet}`);
    const response = await adviser.request(`/advisers/sets/${pythonSet}/review`, {
      form: { _csrf, verdict: 'approved' },
    });
    expect(response.status).toBe(303);
    const { rows } = await harness.database.pool.query(
      'SELECT verdict, added, removed FROM adviser_review WHERE turn_id = $1',
      [pythonSet],
    );
    expect(rows).toEqual([{ verdict: 'approved', added: [], removed: [] }]);
    expect((await page(adviser, '/advisers?reviewed=no')).html).not.toContain(pythonSet);
    expect((await page(adviser, '/advisers?reviewed=yes')).html).toContain(pythonSet);
  });

  it('changes a set: removes one suggestion and adds one found by search', async () => {
    const { rows: shown } = await harness.database.pool.query(
      'SELECT offering_id FROM recommendation WHERE turn_id = $1 ORDER BY rank',
      [nurseSet],
    );
    const searched = await page(adviser, `/advisers/sets/${nurseSet}?q=sykepleie`);
    const candidates = [...searched.html.matchAll(/name="add" value="([^"]+)"/g)].map((match) => match[1]!);
    expect(candidates.length).toBeGreaterThan(0);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(searched.html)![1]!;
    const empty = await adviser.request(`/advisers/sets/${nurseSet}/review`, { form: { _csrf, verdict: 'changed' } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Velg minst ett tilbud');
    const response = await adviser.request(`/advisers/sets/${nurseSet}/review`, {
      form: { _csrf, verdict: 'changed', remove: shown[0].offering_id, add: candidates[0]!, comment: 'Bedre treff' },
    });
    expect(response.status).toBe(303);
    const { rows } = await harness.database.pool.query(
      'SELECT verdict, added, removed, comment FROM adviser_review WHERE turn_id = $1',
      [nurseSet],
    );
    expect(rows).toEqual([
      { verdict: 'changed', added: [candidates[0]], removed: [shown[0].offering_id], comment: 'Bedre treff' },
    ]);
    const audit = await listAudit(harness.database.pool, { action: 'review.changed' });
    expect(audit[0]).toMatchObject({ actorEmail: 'rådgiver@example.no', subjectId: nurseSet });
  });

  it('flags only with a comment', async () => {
    const _csrf = await adviser.csrfToken(`/advisers/sets/${pythonSet}`);
    expect(
      (await adviser.request(`/advisers/sets/${pythonSet}/review`, { form: { _csrf, verdict: 'flagged' } })).status,
    ).toBe(400);
    expect(
      (
        await adviser.request(`/advisers/sets/${pythonSet}/review`, {
          form: { _csrf, verdict: 'flagged', comment: 'Kurs 2 er utgått' },
        })
      ).status,
    ).toBe(303);
    const flagged = await page(adviser, '/advisers?reviewed=flagged');
    expect(flagged.html).toContain(pythonSet);
    expect(flagged.html).not.toContain(nurseSet);
  });
});

describe('roles', () => {
  it('keeps an adviser out of admin pages and actions (403), without showing them in the menu', async () => {
    expect((await adviser.request('/advisers/accounts')).status).toBe(403);
    const _csrf = await adviser.csrfToken('/advisers');
    expect(
      (await adviser.request('/advisers/accounts', { form: { _csrf, email: 'ny@example.no', role: 'admin' } })).status,
    ).toBe(403);
    expect((await page(adviser, '/advisers')).html).not.toContain('href="/advisers/accounts"');
    const { rows } = await harness.database.pool.query(
      "SELECT count(*)::int AS count FROM adviser WHERE email = 'ny@example.no'",
    );
    expect(rows[0].count).toBe(0);
  });

  it('lets an admin add an account (one-time password shown once) and switch an adviser off', async () => {
    const admin = new WorkspaceClient(workspace.url);
    await admin.signIn('admin@example.no', password);
    let _csrf = await admin.csrfToken('/advisers/accounts');
    const created = await (
      await admin.request('/advisers/accounts', {
        form: { _csrf, email: 'ny@example.no', name: 'Ny', role: 'adviser' },
      })
    ).text();
    const oneTime = /<code>([^<]+)<\/code>/.exec(created)![1]!;
    const newcomer = new WorkspaceClient(workspace.url);
    expect((await newcomer.signIn('ny@example.no', oneTime)).status).toBe(303);
    const { rows } = await harness.database.pool.query("SELECT id FROM adviser WHERE email = 'ny@example.no'");
    _csrf = await admin.csrfToken('/advisers/accounts');
    expect(
      (await admin.request(`/advisers/accounts/${rows[0].id}`, { form: { _csrf, action: 'disable' } })).status,
    ).toBe(200);
    expect((await newcomer.request('/advisers/api/me')).status).toBe(401);
    expect((await new WorkspaceClient(workspace.url).signIn('ny@example.no', oneTime)).status).toBe(401);
    _csrf = await admin.csrfToken('/advisers/accounts');
    expect(
      await (await admin.request(`/advisers/accounts/${rows[0].id}`, { form: { _csrf, action: 'delete' } })).text(),
    ).toContain('Kontoen for ny@example.no er slettet.');
    expect((await harness.database.pool.query("SELECT 1 FROM adviser WHERE email = 'ny@example.no'")).rowCount).toBe(0);
    const actions = (await listAudit(harness.database.pool, { limit: 200 })).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['adviser.created', 'adviser.disabled', 'adviser.deleted', 'advisers.listed']),
    );
  });
});
