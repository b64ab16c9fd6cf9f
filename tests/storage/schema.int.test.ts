import { afterAll, beforeAll, expect, it } from 'vitest';
import { Prisma } from '../../adapters/storage/generated/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { roundTripEveryModel } from '../support/model-round-trip.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

it('writes and reads back every Prisma model on the migrated PostgreSQL database', async () => {
  const touched = await roundTripEveryModel(database.prisma);
  expect(touched.sort()).toEqual(Object.values(Prisma.ModelName).sort());
});
