import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalService } from '../../adapters/index/retrieval-service.js';
import { listAudit } from '../../adapters/storage/audit-log-store.js';
import { createOrganisationInviteStore } from '../../adapters/storage/organisation-invite-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';
import { seedOrganisationWorld } from './organisation-fixture.js';

/** The organisations' JSON API and pages in the advisers' workspace, over real HTTP on a real database. */

let database: TestDatabase;
let world: { retrieval: RetrievalService; cleanUp(): Promise<void> };
let workspace: WorkspaceServer;
let hr: WorkspaceClient;
let csrf: string;
const password = 'riktig-hest-batteri-stift';
const api = '/advisers/api/organisations';

const valid = {
  name: 'Fjordbygg AS',
  organisationNumber: '974 760 673',
  industryCode: '41.200',
  county: 'vestland',
  size: 24,
  learningBudgetNok: 3000,
  hoursPerWeek: 2,
  roles: [
    { styrkCode: '7115', title: 'Tømrer', headcount: 14 },
    { styrkCode: '7411', title: 'Elektriker', headcount: 6 },
  ],
  members: [{ name: 'Ola Tømrer', email: 'Ola@Fjordbygg.no', role: 'Tømrer' }],
};

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedOrganisationWorld(database);
  workspace = await startWorkspace({ database, app: { search: world.retrieval.recommender } });
  await addAdviser(database, { email: 'hanne@fjordbygg.no', password, name: 'Hanne HR' });
  await addAdviser(database, { email: 'other@example.no', password });
  hr = new WorkspaceClient(workspace.url);
  await hr.signIn('hanne@fjordbygg.no', password);
  csrf = await hr.csrfToken('/advisers/organisations');
});
afterAll(async () => {
  await workspace?.close();
  await world?.cleanUp();
  await database?.drop();
});

const send = (client: WorkspaceClient, path: string, json: unknown, method = 'POST') =>
  client.request(path, { method, json, headers: { 'x-csrf-token': csrf } });
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe('organisations API', () => {
  it('answers 401 without a session and 403 without the CSRF token', async () => {
    expect((await new WorkspaceClient(workspace.url).request(api)).status).toBe(401);
    expect((await hr.request(api, { json: valid })).status).toBe(403);
  });

  it('rejects bad input with a 400 that names the problem', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...valid, organisationNumber: '974760674' }, /organisationNumber: must be a Norwegian organisation number/],
      [{ ...valid, organisationNumber: '12345' }, /organisationNumber/],
      [{ ...valid, county: 'Atlantis' }, /county: "Atlantis" is not a Norwegian county/],
      [{ ...valid, industryCode: 'bygg' }, /industryCode: must be an SN2007 code/],
      [{ ...valid, industryCode: '99.999' }, /industryCode 99.999 is not an SN2007 code/],
      [
        { ...valid, members: [], roles: [{ styrkCode: '9999', title: 'Trollmann' }] },
        /styrkCode 9999 is not a STYRK-08 occupation group/,
      ],
      [
        {
          ...valid,
          members: [],
          roles: [
            { styrkCode: '7115', title: 'Tømrer' },
            { styrkCode: '7115', title: 'tømrer' },
          ],
        },
        /given twice/,
      ],
      [{ ...valid, members: [{ name: 'Kari', role: 'Sjef' }] }, /"Sjef" is not one of the roles given/],
      [{ ...valid, learningBudgetNok: -5 }, /learningBudgetNok/],
      [{ name: 'Uten nummer' }, /organisationNumber/],
    ];
    for (const [body, message] of cases) {
      const response = await send(hr, api, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(message);
    }
    const malformed = await hr.request(api, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const { rows } = await database.pool.query('SELECT count(*)::int AS count FROM organisation');
    expect(rows[0].count).toBe(0);
  });

  it('creates an organisation, keeps it from other advisers, refuses the same number twice, and audits', async () => {
    const response = await send(hr, api, valid);
    expect(response.status).toBe(201);
    const { organisation } = (await response.json()) as {
      organisation: {
        id: string;
        organisationNumber: string;
        county: string;
        roles: { id: string; title: string }[];
        members: { id: string; email: string; roleId: string }[];
      };
    };
    expect(organisation).toMatchObject({ organisationNumber: '974760673', county: 'Vestland' });
    expect(organisation.members[0]).toMatchObject({
      email: 'ola@fjordbygg.no',
      roleId: organisation.roles.find((role) => role.title === 'Tømrer')!.id,
    });
    expect((await send(hr, api, { ...valid, name: 'Kopi AS' })).status).toBe(400);

    const other = new WorkspaceClient(workspace.url);
    await other.signIn('other@example.no', password);
    expect((await other.request(`${api}/${organisation.id}`)).status).toBe(404);
    expect(((await (await other.request(api)).json()) as { organisations: unknown[] }).organisations).toEqual([]);
    expect(
      (await listAudit(database.pool, { action: 'organisation.created' })).map((entry) => entry.subjectId),
    ).toEqual([organisation.id]);

    const patched = await send(
      hr,
      `${api}/${organisation.id}`,
      { learningBudgetNok: 20000, county: 'Rogaland' },
      'PATCH',
    );
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { organisation: { county: string } }).organisation.county).toBe('Rogaland');
    expect((await send(hr, `${api}/${organisation.id}`, { organisationNumber: '923609016' }, 'PATCH')).status).toBe(
      400,
    ); // not patchable
    const invited = await send(hr, `${api}/${organisation.id}/members/${organisation.members[0]!.id}/invite`, {});
    expect(invited.status).toBe(201);
    expect(((await invited.json()) as { say: string }).say).toMatch(/^bli med [A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect((await send(hr, `${api}/${organisation.id}/members/nobody/invite`, {})).status).toBe(404);
    expect((await send(hr, `${api}/${organisation.id}/roles`, { styrkCode: '71', title: 'X' })).status).toBe(400);
    expect((await send(hr, `${api}/${organisation.id}/members`, { name: 'Per', email: 'ikke-epost' })).status).toBe(
      400,
    );
    expect((await send(hr, `${api}/${organisation.id}/assignments`, { offeringId: 'x' })).status).toBe(400);
    expect(
      (
        await send(hr, `${api}/${organisation.id}/assignments`, {
          offeringId: 'missing',
          roleId: organisation.roles[0]!.id,
        })
      ).status,
    ).toBe(404);
  });

  it('adds a learner only by an invitation that learner accepts; an unknown learner id is 404', async () => {
    const [summary] = ((await (await hr.request(api)).json()) as { organisations: { id: string }[] }).organisations;
    const members = async () =>
      (
        await database.pool.query<{ name: string; learner_id: string | null }>(
          'SELECT name, learner_id FROM organisation_member WHERE organisation_id = $1',
          [summary!.id],
        )
      ).rows;
    const learner = (
      await database.pool.query<{ id: string }>(`INSERT INTO learner (locale) VALUES ('nb') RETURNING id`)
    ).rows[0]!.id;
    const stranger = (
      await database.pool.query<{ id: string }>(`INSERT INTO learner (locale) VALUES ('nb') RETURNING id`)
    ).rows[0]!.id;

    const unknown = await send(hr, `${api}/${summary!.id}/members`, { name: 'Ingen', learnerId: 'no-such-learner' });
    expect(unknown.status).toBe(404);
    expect((await members()).map((member) => member.name)).not.toContain('Ingen');

    const response = await send(hr, `${api}/${summary!.id}/members`, { name: 'Siri Snekker', learnerId: learner });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      member: { id: string; learnerId: string | null };
      invite: { learnerId: string; code: string; say: string };
    };
    expect(body.member.learnerId).toBeNull();
    expect(body.invite).toMatchObject({ learnerId: learner, say: `bli med ${body.invite.code}` });
    expect((await members()).find((member) => member.name === 'Siri Snekker')!.learner_id).toBeNull();

    // The invitation is that learner's to accept: someone else saying the code gets nothing.
    const invites = createOrganisationInviteStore({ pool: database.pool });
    expect(await invites.redeem({ code: body.invite.code, learnerId: stranger })).toEqual({ kind: 'unknown' });
    expect(await invites.redeem({ code: body.invite.code, learnerId: learner })).toMatchObject({
      kind: 'linked',
      memberId: body.member.id,
    });
    expect((await members()).find((member) => member.name === 'Siri Snekker')!.learner_id).toBe(learner);

    // Nor can a staff list link anyone when the organisation is created.
    const listed = await send(hr, api, {
      ...valid,
      organisationNumber: '923609016',
      members: [{ name: 'Lenket', learnerId: stranger }],
    });
    expect(listed.status).toBe(400);
    expect((await errorOf(listed)).message).toMatch(/members\.0\.learnerId: .*accepting an invitation/);
  });

  it('serves the team plan as JSON, CSV and a printable page', async () => {
    const [summary] = ((await (await hr.request(api)).json()) as { organisations: { id: string }[] }).organisations;
    const json = (await (await hr.request(`${api}/${summary!.id}/team-plan`)).json()) as {
      plan: { roles: { styrkCode: string; coverage: { skills: number } }[] };
    };
    expect(json.plan.roles.map((role) => role.styrkCode).sort()).toEqual(['7115', '7411']);
    const csv = await hr.request(`${api}/${summary!.id}/team-plan?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/team-plan-974760673\.csv/);
    expect(await csv.text()).toContain('install electrical wiring');
    expect((await hr.request(`${api}/${summary!.id}/team-plan?format=pdf`)).status).toBe(400);
    const page = await (await hr.request(`/advisers/organisations/${summary!.id}/team-plan`)).text();
    expect(page).toContain('@media print');
    expect(page).toContain('Electrical wiring for apprentices');
  });

  it('registers an organisation from the workspace form, roles given one per line', async () => {
    const response = await hr.request('/advisers/organisations', {
      form: {
        _csrf: csrf,
        name: 'Snekker Nilsen',
        organisationNumber: '914778271',
        industryCode: '',
        county: 'Oslo',
        size: '',
        learningBudgetNok: '0',
        hoursPerWeek: '1,5',
        roles: '7115; Snekker; 3\n7411 | Elektriker',
      },
    });
    expect(response.status).toBe(303);
    const detail = await (await hr.request(response.headers.get('location')!)).text();
    expect(detail).toContain('Snekker Nilsen');
    expect(detail).toContain('<td>Elektriker</td><td>7411</td><td>1</td>');
    const bad = await hr.request('/advisers/organisations', {
      form: { _csrf: csrf, name: 'X', organisationNumber: '914778271', roles: 'Snekker' },
    });
    expect(bad.status).toBe(400);
  });
});

describe("an organisation's Slack workspaces and Microsoft 365 tenants", () => {
  it('ties a tenant, lists it, keeps another organisation from taking it, and unties it', async () => {
    const created = await send(hr, api, { ...valid, organisationNumber: '910 000 004', members: [] });
    expect(created.status).toBe(201);
    const { organisation } = (await created.json()) as { organisation: { id: string } };
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    expect((await send(hr, `${api}/${organisation.id}/workspaces/teams/not-a-guid`, {}, 'PUT')).status).toBe(400);
    const tied = await send(
      hr,
      `${api}/${organisation.id}/workspaces/teams/${tenant.toUpperCase()}`,
      { name: 'Fjordbygg' },
      'PUT',
    );
    expect(tied.status).toBe(200);
    expect(((await tied.json()) as { workspaces: unknown[] }).workspaces).toEqual([
      expect.objectContaining({ channel: 'teams', workspaceId: tenant, name: 'Fjordbygg', people: 0 }),
    ]);

    // Another adviser's organisation cannot take the tenant.
    const other = new WorkspaceClient(workspace.url);
    await other.signIn('other@example.no', password);
    const otherCsrf = await other.csrfToken('/advisers/organisations');
    const theirs = await other.request(api, {
      method: 'POST',
      json: { ...valid, organisationNumber: '910 000 012', members: [] },
      headers: { 'x-csrf-token': otherCsrf },
    });
    const theirId = ((await theirs.json()) as { organisation: { id: string } }).organisation.id;
    const taken = await other.request(`${api}/${theirId}/workspaces/teams/${tenant}`, {
      method: 'PUT',
      json: {},
      headers: { 'x-csrf-token': otherCsrf },
    });
    expect(taken.status).toBe(400);
    expect((await errorOf(taken)).message).toMatch(/koblet til en annen organisasjon/);

    expect((await send(hr, `${api}/${organisation.id}/workspaces/teams/${tenant}`, undefined, 'DELETE')).status).toBe(
      204,
    );
    expect((await send(hr, `${api}/${organisation.id}/workspaces/teams/${tenant}`, undefined, 'DELETE')).status).toBe(
      404,
    );
    expect(
      ((await (await hr.request(`${api}/${organisation.id}/workspaces`)).json()) as { workspaces: unknown[] })
        .workspaces,
    ).toEqual([]);
    const audit = await database.pool.query(
      `SELECT action, detail FROM audit_log WHERE subject_id = $1 AND action LIKE 'organisation.workspace_%' ORDER BY at`,
      [organisation.id],
    );
    expect(audit.rows).toEqual([
      { action: 'organisation.workspace_linked', detail: { channel: 'teams', workspaceId: tenant } },
      { action: 'organisation.workspace_unlinked', detail: { channel: 'teams', workspaceId: tenant } },
    ]);
  });
});
