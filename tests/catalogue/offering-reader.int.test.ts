import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOffering, listOfferings } from '../../adapters/storage/offering-reader.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(`INSERT INTO provider (id, name, normalized_name, kind, accredited_by) VALUES
    ('p1', 'Universitetet i Bergen', 'universitetet i bergen', 'university', 'NOKUT')`);
  await database.pool.query(`INSERT INTO offering (id, title, provider_id, dedupe_key, content_hash, languages, cities, start_dates, mode, level, status, is_free)
    VALUES ('o1', 'Årsstudium i informatikk', 'p1', 'k1', 'h1', '{nb}', '{Bergen}', '{2026-08-15}', 'campus', 'one_year', 'active', true),
           ('o2', 'Gammelt kurs', 'p1', 'k2', 'h2', '{nb}', '{}', '{}', 'online', 'short_course', 'withdrawn', null)`);
  await database.pool.query(`INSERT INTO offering_source (offering_id, source, external_id, fetched_at, content_hash, record)
    VALUES ('o1', 'utdanning_no', 'a', now(), 'h1', '{}'), ('o1', 'other', 'b', now(), 'h1', '{}')`);
});
afterAll(async () => database?.drop());

describe('offering reader', () => {
  it('lists active offerings with provider and every source', async () => {
    const offerings = await listOfferings(database.pool);
    expect(offerings.map((offering) => offering.id)).toEqual(['o1']);
    const [offering] = offerings;
    expect(offering?.provider).toEqual({
      id: 'p1',
      name: 'Universitetet i Bergen',
      kind: 'university',
      accreditedBy: 'NOKUT',
    });
    expect(offering?.sources).toEqual([
      { source: 'other', externalId: 'b' },
      { source: 'utdanning_no', externalId: 'a' },
    ]);
    expect(offering?.startDates).toEqual(['2026-08-15']);
    expect(offering?.isFree).toBe(true);
  });

  it('filters by status and ids', async () => {
    expect((await listOfferings(database.pool, { status: 'all' })).length).toBe(2);
    expect((await listOfferings(database.pool, { status: 'withdrawn' })).map((offering) => offering.id)).toEqual([
      'o2',
    ]);
    expect(await listOfferings(database.pool, { ids: [] })).toEqual([]);
    expect((await listOfferings(database.pool, { status: 'all', ids: ['o2'] }))[0]?.sources).toEqual([]);
    expect((await listOfferings(database.pool, { ids: ['o1'] }))[0]?.sources).toHaveLength(2);
  });

  it('gets one offering by id, or undefined', async () => {
    expect((await getOffering(database.pool, 'o2'))?.status).toBe('withdrawn');
    expect((await getOffering(database.pool, 'o1'))?.sources).toEqual([
      { source: 'other', externalId: 'b' },
      { source: 'utdanning_no', externalId: 'a' },
    ]);
    expect(await getOffering(database.pool, 'missing')).toBeUndefined();
  });
});
