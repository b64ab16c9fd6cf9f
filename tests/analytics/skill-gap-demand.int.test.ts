import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordTeamPlanGaps, skillGapDemand } from '../../adapters/storage/analytics/skill-gap-demand.js';
import { createOrganisation } from '../../adapters/storage/organisation-store.js';
import { saveTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { organisationInputSchema } from '../../src/organisations/organisation.js';
import type { TeamPlan } from '../../src/organisations/team-plan.js';
import type { TaxonomyConcept } from '../../src/taxonomy/concept.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Team-plan gaps become demand: counted across organisations by skill, county and industry, on the
// advisers' analytics and the open /api/demand; a group of fewer than 3 organisations is never shown.

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
  const app = createHttpApp({ database });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

test('gaps are counted by skill, county and industry, and groups under 3 organisations are suppressed', async () => {
  const rows = await skillGapDemand(database.pool);
  const shown = rows.map((row) => [
    row.skill,
    row.county ?? 'all',
    row.industryCode ?? 'all',
    row.organisations,
    row.people,
  ]);
  expect(shown).toEqual([
    ['interpret 2D plans', 'all', 'all', 4, 14],
    ['interpret 2D plans', 'all', '41', 3, 12],
    ['interpret 2D plans', 'Vestland', 'all', 3, 10],
  ]);
  // Vestland × 41 (2 organisations), Oslo (1), industry 43 (1) and "splice cable" (2) are all under 3.
  expect(
    rows.some(
      (row) =>
        row.skill === 'splice cable' ||
        row.county === 'Oslo' ||
        row.industryCode === '43' ||
        row.skill === 'manipulate glass',
    ),
  ).toBe(false);
  expect(rows[1]!.industry).toBe('Oppføring av bygninger');
  expect(await skillGapDemand(database.pool, { minimumOrganisations: 2 })).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ skill: 'splice cable', county: null, industryCode: null, organisations: 2 }),
    ]),
  );
});

test('the open endpoint serves the same suppressed groups as JSON and CSV, without signing in', async () => {
  const json = await fetch(`${base}/api/demand`);
  expect(json.status).toBe(200);
  const body = (await json.json()) as {
    minimumGroup: number;
    skills: { rows: { skill: string; organisations: number }[] };
    topics: { rows: unknown[] };
  };
  expect(body.minimumGroup).toBe(3);
  expect(body.skills.rows.map((row) => row.organisations)).toEqual([4, 3, 3]);
  expect(body.skills.rows.every((row) => row.skill === 'interpret 2D plans')).toBe(true);
  expect(body.topics.rows).toEqual([]);

  const csv = await fetch(`${base}/api/demand.csv`);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('skill_id,skill,county,industry_code,industry,organisations,people');
  expect(lines.slice(1)).toEqual([
    'esco_skill:interpret 2D plans,interpret 2D plans,all,all,,4,14',
    'esco_skill:interpret 2D plans,interpret 2D plans,all,41,Oppføring av bygninger,3,12',
    'esco_skill:interpret 2D plans,interpret 2D plans,Vestland,all,,3,10',
  ]);
  expect((await fetch(`${base}/api/demand.csv?table=nothing`)).status).toBe(400);
});

test('the organisation’s gaps go with it', async () => {
  await database.pool.query('DELETE FROM organisation WHERE organisation_number = $1', [numbers[0]]);
  const { rows } = await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM team_plan_gap');
  expect(rows[0]!.count).toBe(2 + 1 + 1); // the other three organisations' gaps remain
});
