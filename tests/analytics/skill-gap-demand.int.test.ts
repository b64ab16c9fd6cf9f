import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordConversationGaps } from '../../adapters/storage/analytics/conversation-skill-gaps.js';
import { recordTeamPlanGaps, skillGapDemand } from '../../adapters/storage/analytics/skill-gap-demand.js';
import { createOrganisation } from '../../adapters/storage/organisation-store.js';
import { saveTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { organisationInputSchema } from '../../src/organisations/organisation.js';
import type { TeamPlan } from '../../src/organisations/team-plan.js';
import type { TaxonomyConcept } from '../../src/taxonomy/concept.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Team-plan gaps and learners' chat gaps become demand: counted across organisations and learners by skill,
// county and industry, on the advisers' analytics and the open /api/demand; a count under 3 is never shown,
// nor one that a shown total minus its shown parts would give away.

let database: TestDatabase;
let server: Server;
let base: string;

const concept = (scheme: TaxonomyConcept['scheme'], code: string, label: string, level: number): TaxonomyConcept => ({
  id: `${scheme}:${code}`,
  scheme,
  code,
  uri: null,
  label,
  altLabels: [],
  description: null,
  parentId: null,
  level,
});
const numbers = ['974760673', '923609016', '914778271', '889640782', '910000004'];

/** An organisation whose latest plan has these gaps for its one role. */
async function organisationWithGaps(options: {
  number: string;
  county: string;
  industryCode: string;
  headcount: number;
  gaps: string[];
}) {
  const organisation = await createOrganisation(database.pool, {
    owner: {},
    input: organisationInputSchema.parse({
      name: `Bedrift ${options.number}`,
      organisationNumber: options.number,
      industryCode: options.industryCode,
      county: options.county,
      roles: [{ styrkCode: '7115', title: 'Tømrer', headcount: options.headcount }],
    }),
  });
  const plan = {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      county: options.county,
      learningBudgetNok: null,
      hoursPerWeek: null,
    },
    freeFirst: false,
    roles: [
      {
        styrkCode: '7115',
        headcount: options.headcount,
        gaps: options.gaps.map((label) => ({ id: `esco_skill:${label}`, label })),
      },
    ],
    coverage: { skills: 0, covered: 0, share: 0 },
  } as unknown as TeamPlan;
  await recordTeamPlanGaps(database.pool, plan);
  return plan;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await saveTaxonomy({
    pool: database.pool,
    dataset: {
      concepts: [
        concept('styrk08', '7115', 'Tømrere og snekkere', 4),
        concept('sn2007', '41', 'Oppføring av bygninger', 2),
        concept('sn2007', '41.200', 'Oppføring av bygninger', 5),
        concept('sn2007', '43', 'Spesialisert bygge- og anleggsvirksomhet', 2),
        concept('sn2007', '43.320', 'Snekkerarbeid', 5),
      ],
      relations: [],
    },
  });
  // "interpret 2D plans": three firms in Vestland (two of them in industry 41), one in Oslo. "splice cable": two firms only.
  await organisationWithGaps({
    number: numbers[0]!,
    county: 'Vestland',
    industryCode: '41.200',
    headcount: 5,
    gaps: ['interpret 2D plans', 'splice cable'],
  });
  await organisationWithGaps({
    number: numbers[1]!,
    county: 'Vestland',
    industryCode: '41.200',
    headcount: 3,
    gaps: ['interpret 2D plans', 'splice cable'],
  });
  await organisationWithGaps({
    number: numbers[2]!,
    county: 'Vestland',
    industryCode: '43.320',
    headcount: 2,
    gaps: ['interpret 2D plans'],
  });
  const redrawn = await organisationWithGaps({
    number: numbers[3]!,
    county: 'Oslo',
    industryCode: '41.200',
    headcount: 4,
    gaps: ['interpret 2D plans', 'manipulate glass'],
  });
  // A plan drawn again replaces the organisation's gaps: "manipulate glass" is no longer one of them.
  await recordTeamPlanGaps(database.pool, {
    ...redrawn,
    roles: [{ ...redrawn.roles[0]!, gaps: [{ id: 'esco_skill:interpret 2D plans', label: 'interpret 2D plans' }] }],
  });
  // Learners who asked "hva bør jeg lære i jobben min?": three in Bergen (Vestland), one of them a member of the
  // firm in industry 43; a fourth names no place and belongs to no organisation.
  const learnerAsking = async (options: { places: string[]; gaps: string[]; memberOf?: string }) => {
    const learner = (await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id'))
      .rows[0]?.id as string;
    const conversation = (
      await database.pool.query<{ id: string }>(
        "INSERT INTO conversation (id, learner_id, channel) VALUES (gen_random_uuid()::text, $1, 'web') RETURNING id",
        [learner],
      )
    ).rows[0]?.id as string;
    if (options.memberOf)
      await database.pool.query(
        `INSERT INTO organisation_member (id, organisation_id, name, learner_id)
         SELECT gen_random_uuid()::text, id, 'Medlem', $2 FROM organisation WHERE organisation_number = $1`,
        [options.memberOf, learner],
      );
    await recordConversationGaps(database.pool, {
      learnerId: learner,
      conversationId: conversation,
      styrkCode: '7115',
      places: options.places,
      gaps: options.gaps.map((label) => ({ id: `esco_skill:${label}`, label })),
    });
  };
  await learnerAsking({ places: ['Bergen'], gaps: ['interpret 2D plans'] });
  await learnerAsking({ places: ['Bergen'], gaps: ['interpret 2D plans', 'splice cable'] });
  await learnerAsking({ places: ['Bergen'], gaps: ['interpret 2D plans'], memberOf: numbers[2] });
  await learnerAsking({ places: [], gaps: ['manipulate glass'] });
  const app = createHttpApp({ database });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

test('gaps are counted by skill, county and industry over organisations and learners, small counts suppressed', async () => {
  const rows = await skillGapDemand(database.pool);
  const shown = rows.map((row) => [
    row.skill,
    row.county ?? 'all',
    row.industryCode ?? 'all',
    row.organisations,
    row.people,
    row.learners,
  ]);
  // Organisations: 4 in all, Vestland 3 and Oslo 1, industry 41 3 and 43 1. Showing Vestland (3) or 41 (3)
  // beside the total (4) would give away Oslo's and industry 43's single firm: they are hidden too.
  // Learners: 3 in all, all in Vestland (nothing left over to give away), 1 of them in industry 43.
  expect(shown).toEqual([
    ['interpret 2D plans', 'all', 'all', 4, 14, 3],
    ['interpret 2D plans', 'Vestland', 'all', null, null, 3],
  ]);
  expect(
    rows.some(
      (row) =>
        row.skill === 'splice cable' ||
        row.county === 'Oslo' ||
        row.industryCode !== null ||
        row.skill === 'manipulate glass',
    ),
  ).toBe(false);
  // With a minimum of 2: "splice cable" (two firms, both Vestland and industry 41) shows every breakdown, since
  // nothing is left over to give away; "interpret 2D plans" still shows only its total for organisations.
  const two = await skillGapDemand(database.pool, { minimumOrganisations: 2 });
  const organisationsOf = (skill: string) =>
    two
      .filter((row) => row.skill === skill && row.organisations !== null)
      .map((row) => [row.county, row.industryCode, row.organisations]);
  expect(organisationsOf('splice cable')).toEqual([
    [null, null, 2],
    [null, '41', 2],
    ['Vestland', null, 2],
    ['Vestland', '41', 2],
  ]);
  expect(organisationsOf('interpret 2D plans')).toEqual([[null, null, 4]]);
  expect(two.find((row) => row.industryCode === '41')?.industry).toBe('Oppføring av bygninger');
});

test('a learner’s county comes from their places, else their organisation, and the industry from the organisation', async () => {
  const { rows } = await database.pool.query<{ county: string | null; industry_code: string | null; skill_id: string }>(
    'SELECT county, industry_code, skill_id FROM conversation_skill_gap ORDER BY skill_id, industry_code NULLS FIRST',
  );
  expect(rows).toEqual([
    { county: 'Vestland', industry_code: null, skill_id: 'esco_skill:interpret 2D plans' },
    { county: 'Vestland', industry_code: null, skill_id: 'esco_skill:interpret 2D plans' },
    { county: 'Vestland', industry_code: '43.320', skill_id: 'esco_skill:interpret 2D plans' },
    { county: null, industry_code: null, skill_id: 'esco_skill:manipulate glass' },
    { county: 'Vestland', industry_code: null, skill_id: 'esco_skill:splice cable' },
  ]);
});

test('the open endpoint serves the same suppressed groups as JSON and CSV, without signing in', async () => {
  const json = await fetch(`${base}/api/demand`);
  expect(json.status).toBe(200);
  const body = (await json.json()) as {
    minimumGroup: number;
    skills: { rows: { skill: string; organisations: number | null; learners: number | null }[] };
    topics: { rows: unknown[] };
  };
  expect(body.minimumGroup).toBe(3);
  expect(body.skills.rows.map((row) => [row.organisations, row.learners])).toEqual([
    [4, 3],
    [null, 3],
  ]);
  expect(body.skills.rows.every((row) => row.skill === 'interpret 2D plans')).toBe(true);
  expect(body.topics.rows).toEqual([]);

  const csv = await fetch(`${base}/api/demand.csv`);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('skill_id,skill,county,industry_code,industry,organisations,people,learners');
  expect(lines.slice(1)).toEqual([
    'esco_skill:interpret 2D plans,interpret 2D plans,all,all,,4,14,3',
    'esco_skill:interpret 2D plans,interpret 2D plans,Vestland,all,,under 3 or hidden,under 3 or hidden,3',
  ]);
  expect((await fetch(`${base}/api/demand.csv?table=nothing`)).status).toBe(400);
});

test('the organisation’s gaps go with it, a learner’s with the learner', async () => {
  await database.pool.query('DELETE FROM organisation WHERE organisation_number = $1', [numbers[0]]);
  const { rows } = await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM team_plan_gap');
  expect(rows[0]!.count).toBe(2 + 1 + 1); // the other three organisations' gaps remain
  await database.pool.query(
    "DELETE FROM learner WHERE id IN (SELECT learner_id FROM conversation_skill_gap WHERE skill_id = 'esco_skill:splice cable')",
  );
  const left = await database.pool.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM conversation_skill_gap',
  );
  expect(left.rows[0]?.count).toBe(5 - 2); // that learner's two gaps are gone, the others' remain
});
