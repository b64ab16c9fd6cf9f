import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalService } from '../../adapters/index/retrieval-service.js';
import { createOrganisation } from '../../adapters/storage/organisation-store.js';
import { teamPlanSources } from '../../adapters/storage/team-plan-sources.js';
import { createJobLearning } from '../../adapters/assistant/job-learning.js';
import { loadOccupationTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import { createOccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import type { ExtensionContext } from '../../src/dialogue/extensions.js';
import { organisationInputSchema } from '../../src/organisations/organisation.js';
import { buildTeamPlan } from '../../src/organisations/team-plan.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { learningForJob } from '../../src/skill-evidence/learning-for-job.js';
import { teamPlanCsv } from '../../src/organisations/team-plan-csv.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedOrganisationWorld, skills } from './organisation-fixture.js';

/** The team plan on a real database and the real retrieval core, over a small fixture with known answers. */

let database: TestDatabase;
let world: { retrieval: RetrievalService; cleanUp(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedOrganisationWorld(database);
});
afterAll(async () => {
  await world?.cleanUp();
  await database?.drop();
});

async function planFor(options: { budget: number; number: string }) {
  const organisation = await createOrganisation(database.pool, {
    owner: {},
    input: organisationInputSchema.parse({
      name: `Snekker ${options.number}`,
      organisationNumber: options.number,
      industryCode: '41.200',
      county: 'Vestland',
      learningBudgetNok: options.budget,
      hoursPerWeek: 3,
      roles: [
        { styrkCode: '7115', title: 'Tømrer', headcount: 5 },
        { styrkCode: '7411', title: 'Elektriker', headcount: 2 },
      ],
    }),
  });
  return buildTeamPlan({
    organisation,
    sources: teamPlanSources({ pool: database.pool, search: world.retrieval.recommender }),
    settings: { minimumSkillShare: 0.5 },
  });
}

describe('team plan', () => {
  it('chooses the skills essential to enough of the role group, finds offerings that teach them, and names the gaps', async () => {
    const plan = await planFor({ budget: 20_000, number: '974760673' });
    const carpenter = plan.roles.find((role) => role.styrkCode === '7115')!;
    expect(carpenter.occupations).toEqual(['carpenter', 'door installer', 'window installer']);
    expect(carpenter.skills.map((skill) => skill.id)).toEqual([skills.wood, skills.plans]); // glass: 1 of 3 < 0.5
    expect(carpenter.skills[0]!.share).toBe(1);
    expect(carpenter.skills[0]!.offerings.map((offering) => offering.title).sort()).toEqual([
      'Apply wood finishes like a professional',
      'Wood finishes for beginners',
    ]);
    expect(carpenter.skills[1]!.offerings.map((offering) => offering.title)).toEqual(['Reading construction drawings']);
    expect(carpenter.skills[1]!.offerings[0]!.fit).toContain('in_county');
    expect(carpenter.coverage).toEqual({ skills: 2, covered: 2, share: 1 });
    expect(carpenter.gaps).toEqual([]);

    const electrician = plan.roles.find((role) => role.styrkCode === '7411')!;
    expect(electrician.skills.map((skill) => skill.label)).toEqual(['install electrical wiring']);
    expect(electrician.skills[0]!.offerings.map((offering) => offering.title)).toEqual([
      'Electrical wiring for apprentices',
    ]);
    expect(plan.coverage).toEqual({ skills: 3, covered: 3, share: 1 });
  });

  it('puts free offerings first when the budget per person is small, and fit first otherwise', async () => {
    const rich = await planFor({ budget: 20_000, number: '923609016' });
    const small = await planFor({ budget: 1_000, number: '914778271' });
    const wood = (plan: typeof rich) => plan.roles.find((role) => role.styrkCode === '7115')!.skills[0]!.offerings;
    const woodTitles = (plan: typeof rich) => wood(plan).map((offering) => offering.title);
    expect(small.freeFirst).toBe(true);
    expect(woodTitles(small)[0]).toBe('Wood finishes for beginners');
    expect(wood(small).find((offering) => !offering.isFree)!.fit).toContain('over_budget');
    expect(rich.freeFirst).toBe(false);
    expect(woodTitles(rich)).toHaveLength(2);
    expect(wood(rich).find((offering) => !offering.isFree)!.fit).toContain('within_budget');
  });

  it('gives a trade role the routes that build on its certificate, and its short certificates — not a programme that mentions it', async () => {
    const plan = await planFor({ budget: 20_000, number: '910086596' });
    const carpenter = plan.roles.find((role) => role.styrkCode === '7115')!;
    expect(carpenter.path).toBe('trade');
    expect(carpenter.roleOfferings.map((offering) => [offering.title, offering.route.kind])).toEqual([
      ['Bygg, ingeniør - bachelor (y-vei)', 'trade_route'],
      ['Arbeid i høyden og fallsikring', 'certificate'],
    ]);
    expect(carpenter.roleOfferings[0]!.route.because).toBe('y-vei: bygg');
  });

  it('reports a skill with no teaching offering as a gap, never its nearest neighbour: words scattered in a description do not count', async () => {
    const organisation = await createOrganisation(database.pool, {
      owner: {},
      input: organisationInputSchema.parse({
        name: 'Glass AS',
        organisationNumber: '889640782',
        roles: [{ styrkCode: '7115', title: 'Glassmester' }],
      }),
    });
    const plan = await buildTeamPlan({
      organisation,
      sources: teamPlanSources({ pool: database.pool, search: world.retrieval.recommender }),
      settings: { minimumSkillShare: 0.1 },
    });
    const role = plan.roles[0]!;
    expect(role.skills.map((skill) => skill.label)).toContain('manipulate glass');
    expect(role.gaps).toEqual([{ id: skills.glass, label: 'manipulate glass' }]);
    // The search does find the glass history course for "manipulate glass"; the evidence rules refuse it.
    const hits = await world.retrieval.recommender.recommend({
      profile: emptyProfile(),
      message: 'manipulate glass',
      limit: 5,
    });
    expect(hits.map((hit) => hit.offering.title)).toContain('Stained glass history');
    expect(role.skills.find((skill) => skill.id === skills.glass)!.offerings).toEqual([]);
    expect(role.coverage).toEqual({ skills: 3, covered: 2, share: 2 / 3 });

    const csv = teamPlanCsv(plan);
    expect(csv.split('\r\n')[0]).toBe(
      'role,styrk_code,headcount,skill,skill_share,status,rank,offering,provider,free,price_nok,mode,schedule,fit,url',
    );
    expect(csv).toContain('Glassmester,7115,1,manipulate glass,0.33,gap,,,,,,,,,');
  });

  it('answers a learner’s "hva bør jeg lære i jobben min?" with the same rules: taught skills, gaps said plainly, routes', async () => {
    const answer = await learningForJob({
      styrkCode: '7115',
      title: 'Tømrer',
      language: 'nb',
      sources: teamPlanSources({ pool: database.pool, search: world.retrieval.recommender }),
      settings: { minimumSkillShare: 0.1 },
    });
    expect(answer.taught.map((skill) => skill.skill)).toEqual(['apply wood finishes', 'interpret 2D plans']);
    expect(answer.gaps.map((gap) => gap.label)).toEqual(['manipulate glass']);
    expect(answer.gapSentence).toBe('Ingen tilbud i katalogen lærer bort «manipulate glass».');
    expect(answer.routes.map((route) => route.kind)).toEqual(['trade_route', 'certificate']);
  });

  it('answers it in the chat: for a known occupation at once, otherwise after asking for the job', async () => {
    const extension = await createJobLearning({
      database,
      recommender: world.retrieval.recommender,
      occupations: createOccupationLookup(await loadOccupationTaxonomy(database.pool)),
    });
    const expected = await learningForJob({
      styrkCode: '7115',
      title: 'Tømrere og snekkere',
      language: 'nb',
      sources: teamPlanSources({ pool: database.pool, search: world.retrieval.recommender }),
    });
    const learner = (await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id'))
      .rows[0]?.id as string;
    const conversation = (
      await database.pool.query<{ id: string }>(
        "INSERT INTO conversation (id, learner_id, channel) VALUES (gen_random_uuid()::text, $1, 'web') RETURNING id",
        [learner],
      )
    ).rows[0]?.id as string;
    const context = (
      text: string,
      occupation: { text: string; code?: string; label?: string } | undefined,
      state?: unknown,
    ): ExtensionContext => ({
      learnerId: learner,
      conversationId: conversation,
      channel: 'web',
      language: 'nb',
      text,
      action: undefined,
      profile: { ...emptyProfile(), places: ['Bergen'], ...(occupation ? { occupation } : {}) },
      consentGiven: false,
      conversationIsNew: false,
      waiting: undefined,
      state,
    });
    const known = await extension.answer!(
      context('Hva bør jeg lære i jobben min?', { text: 'tømrer', code: '7115', label: 'Tømrere og snekkere' }),
    );
    expect(expected.taught.length, 'the fixture teaches some of the job').toBeGreaterThan(0);
    expect(expected.routes.length, 'the fixture has routes for the job').toBeGreaterThan(0);
    // Cards like ordinary suggestions, each with its reason: the skills it teaches, or the route it is.
    const cards = known!.suggestions ?? [];
    for (const skill of expected.taught)
      for (const { offering } of skill.offerings) {
        const card = cards.find((suggestion) => suggestion.offeringId === offering.id);
        expect(card?.title).toBe(offering.title);
        expect(card?.reason).toContain('Lærer bort det jobben krever:');
        expect(card?.reason).toContain(`«${skill.skill}»`);
      }
    for (const route of expected.routes) {
      const card = cards.find((suggestion) => suggestion.offeringId === route.offering.id);
      expect(card, route.offering.title).toBeDefined();
      if (!expected.taught.some((skill) => skill.offerings.some(({ offering }) => offering.id === route.offering.id)))
        expect(card?.reason).toContain(route.because);
    }
    expect(new Set(cards.map((card) => card.offeringId)).size).toBe(cards.length);
    // The text is the cards as numbered lines, for channels without cards, and the gaps said plainly.
    for (const [index, card] of cards.entries())
      expect(known?.text).toContain(`${index + 1}. ${card.title} – ${card.provider}`);
    expect(expected.gapSentence).not.toBe('');
    expect(known!.text).toContain(expected.gapSentence);
    // The gaps are kept as demand, with the county the learner's place names (Bergen → Vestland).
    const kept = await database.pool.query<{ skill_id: string; county: string | null; styrk_code: string }>(
      'SELECT skill_id, county, styrk_code FROM conversation_skill_gap WHERE conversation_id = $1 ORDER BY skill_id',
      [conversation],
    );
    expect(kept.rows).toEqual(
      expected.gaps
        .map((gap) => ({ skill_id: gap.id, county: 'Vestland', styrk_code: '7115' }))
        .sort((left, right) => left.skill_id.localeCompare(right.skill_id)),
    );

    const asked = await extension.answer!(context('hva bør jeg lære i jobben min', undefined));
    expect(asked!.text).toMatch(/Hva jobber du som\?/);
    const answered = await extension.answer!(context('tømrer', undefined, asked!.state));
    expect(answered!.text).toBe(known!.text);
    expect(answered!.suggestions).toEqual(known!.suggestions);
    // Anything but a job title after the question is the interview's turn, as is a message that does not ask.
    expect(
      await extension.answer!(
        context('jeg vil egentlig lære regnskap og økonomistyring for små bedrifter', undefined, asked!.state),
      ),
    ).toBeNull();
    expect(await extension.answer!(context('Jeg vil lære elektro', { text: 'tømrer', code: '7115' }))).toBeNull();
  });
});
