import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demandByCounty,
  demandByOccupation,
  demandByTopic,
  ratingsByWeek,
  unmetNeeds,
} from '../../adapters/storage/analytics/demand-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedConversation, seedOfferings } from './seed-demand.js';

let database: TestDatabase;
const period = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
const day = (date: string) => new Date(`${date}T10:00:00Z`);

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    "INSERT INTO taxonomy_concept (id, scheme, code, label, alt_labels) VALUES ('styrk08:2223', 'styrk08', '2223', 'Sykepleiere', '{}')",
  );
  const [demensBergen, demensOslo] = await seedOfferings(database.pool, [
    { title: 'Demensomsorg', counties: ['Vestland'], occupations: ['2223'] },
    { title: 'Demens og eldre', counties: ['Oslo'], occupations: ['2223'] },
    { title: 'Sveising for nybegynnere', counties: ['Rogaland'], subjects: ['Sveising'] },
  ]);
  // Four learners want to learn about dementia; three of them are nurses in Vestland; they rate the week of 12 Oct 4, 4, 5.
  for (const [index, place] of ['Bergen', 'Voss', 'Vestland', 'Tromsø'].entries()) {
    await seedConversation(database.pool, {
      topics: ['Demens'],
      places: [place],
      occupationCode: index < 3 ? '2223' : undefined,
      at: day('2026-10-13'),
      suggestions: [{ offeringId: demensBergen! }, { offeringId: demensOslo! }],
      concept: 'demensomsorg',
      ratings: index < 3 ? [[4, 4, 5][index]!] : [],
    });
  }
  // Two want welding (too few to show).
  for (let index = 0; index < 2; index += 1)
    await seedConversation(database.pool, { topics: ['sveising'], at: day('2026-10-20'), ratings: [2] });
  // Three want quantum physics: nothing suggested for two, a suggestion matching none of their words for the third, rated 1.
  await seedConversation(database.pool, { topics: ['kvantefysikk'], at: day('2026-11-02') });
  await seedConversation(database.pool, { topics: ['kvantefysikk'], at: day('2026-11-03') });
  await seedConversation(database.pool, {
    topics: ['Kvantefysikk '],
    at: day('2026-11-04'),
    suggestions: [{ offeringId: demensOslo!, matched: false }],
    ratings: [1],
  });
  // Outside the period: not counted.
  await seedConversation(database.pool, { topics: ['demens'], at: day('2026-09-01') });
});
afterAll(() => database?.drop());

describe('demand analytics (aggregates only, groups under 3 learners left out)', () => {
  it('topics: learners per phrase, the concept their suggestions matched, and the offerings covering it', async () => {
    expect(await demandByTopic(database.pool, period)).toEqual([
      { topic: 'demens', learners: 4, concept: 'demensomsorg', offerings: 2 },
      { topic: 'kvantefysikk', learners: 3, concept: null, offerings: 0 },
    ]);
  });

  it('occupations: STYRK-08 code with its label and the offerings aimed at it', async () => {
    expect(await demandByOccupation(database.pool, period)).toEqual([
      { code: '2223', label: 'Sykepleiere', learners: 3, offerings: 2 },
    ]);
  });

  it('counties: places resolved to counties; a county of one learner is left out', async () => {
    expect(await demandByCounty(database.pool, period)).toEqual([{ county: 'Vestland', learners: 3, offerings: 1 }]);
  });

  it('unmet needs: no suggestions, a first suggestion matching nothing said, low ratings', async () => {
    expect(await unmetNeeds(database.pool, period)).toEqual([
      { topic: 'kvantefysikk', learners: 3, noSuggestions: null, weakMatch: null, ratedLow: null },
    ]);
    expect(await unmetNeeds(database.pool, { ...period, minimumCount: 1 })).toEqual([
      { topic: 'kvantefysikk', learners: 3, noSuggestions: 2, weakMatch: 1, ratedLow: 1 },
      { topic: 'sveising', learners: 2, noSuggestions: 2, weakMatch: 0, ratedLow: 2 },
    ]);
  });

  it('ratings per week: average and count, hidden for a week rated by fewer than 3 learners', async () => {
    expect(await ratingsByWeek(database.pool, period)).toEqual([
      { week: '2026-10-12', ratings: 3, average: 4.33 },
      { week: '2026-10-19', ratings: null, average: null },
      { week: '2026-11-02', ratings: null, average: null },
    ]);
  });
});
