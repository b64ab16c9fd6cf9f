import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDirectory } from '../../adapters/storage/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** An installation imported before certificate fees were kept apart: its free offerings with a price are fixed. */
describe('migration 20261202100900_certificate_price', () => {
  let database: TestDatabase;
  let before: string;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    before = await mkdtemp(path.join(tmpdir(), 'veileder-migrations-'));
    await cp(migrationsDirectory, before, { recursive: true });
    await rm(path.join(before, '20261202100900_certificate_price'), { recursive: true });
  });
  afterAll(async () => {
    await database.drop();
    await rm(before, { recursive: true, force: true });
  });

  it('moves the price of a free offering, and of its stored source record, to the certificate fee', async () => {
    await migrate(database.pool, before);
    const {
      rows: [provider],
    } = await database.pool.query(
      `INSERT INTO provider (name, normalized_name, updated_at) VALUES ('W3Cx', 'w3cx', now()) RETURNING id`,
    );
    const insert = async (key: string, isFree: boolean | null, price: number | null) => {
      const {
        rows: [offering],
      } = await database.pool.query(
        `INSERT INTO offering (title, provider_id, dedupe_key, content_hash, is_free, price_nok, updated_at) VALUES ($1, $2, $1, $1, $3, $4, now()) RETURNING id`,
        [key, provider.id, isFree, price],
      );
      await database.pool.query(
        `INSERT INTO offering_source (offering_id, source, external_id, fetched_at, content_hash, record) VALUES ($1, 'edx', $2, now(), $2, $3)`,
        [offering.id, key, { isFree, priceNok: price, title: key }],
      );
    };
    await insert('html5', true, 2139);
    await insert('paid', false, 1500);
    await insert('free', true, null);
    await migrate(database.pool);
    const { rows } = await database.pool.query(
      `SELECT o.title, o.is_free, o.price_nok, o.certificate_price_nok, s.record FROM offering o JOIN offering_source s ON s.offering_id = o.id ORDER BY o.title`,
    );
    expect(
      rows.map((row) => [
        row.title,
        row.is_free,
        row.price_nok,
        row.certificate_price_nok,
        row.record.priceNok,
        row.record.certificatePriceNok ?? null,
      ]),
    ).toEqual([
      ['free', true, null, null, null, null],
      ['html5', true, null, 2139, null, 2139],
      ['paid', false, 1500, null, 1500, null],
    ]);
  });
});
