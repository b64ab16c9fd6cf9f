import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDirectory, MigrationError } from '../../adapters/storage/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migration runner', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => database.drop());

  it('applies every migration once and records it the way Prisma Migrate does', async () => {
    const first = await migrate(database.pool);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrate(database.pool);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);

    const { rows } = await database.pool.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(first.applied);
    expect(
      rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at && row.applied_steps_count === 1),
    ).toBe(true);
  });

  it('lets two processes migrate at once without applying anything twice', async () => {
    const other = await createTestDatabase({ migrated: false });
    try {
      const [left, right] = await Promise.all([migrate(other.pool), migrate(other.pool)]);
      const total = left.applied.length + left.alreadyApplied;
      expect([left.applied.length, right.applied.length].sort()).toEqual([0, total]);
      const { rows } = await other.pool.query('SELECT count(*)::int AS count FROM "_prisma_migrations"');
      expect(rows[0].count).toBe(total);
    } finally {
      await other.drop();
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'veileder-migrations-'));
    await cp(migrationsDirectory, copy, { recursive: true });
    const { rows } = await database.pool.query(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name LIMIT 1',
    );
    const file = path.join(copy, rows[0].migration_name, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited`);
    await expect(migrate(database.pool, copy)).rejects.toThrow(MigrationError);
    await expect(migrate(database.pool, copy)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'veileder-migrations-'));
    await cp(migrationsDirectory, copy, { recursive: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(copy, '99999999999999_broken'));
    await writeFile(
      path.join(copy, '99999999999999_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_function();',
    );
    await expect(migrate(database.pool, copy)).rejects.toThrow(/99999999999999_broken failed/);
    const table = await database.pool.query("SELECT to_regclass('half_done') AS name");
    expect(table.rows[0].name).toBeNull();
    const recorded = await database.pool.query(
      `SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
    );
    expect(recorded.rows[0].count).toBe(0);
  });
});
