import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../adapters/storage/database.js';
import { migrate } from '../../adapters/storage/migrate.js';

/**
 * Each integration test file gets a database of its own on the real PostgreSQL server, migrated with the
 * product's own runner, and dropped afterwards. TEST_DATABASE_URL points at the server's maintenance
 * database (default: the local server .ci/run starts).
 */
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = Database & { url: string; drop(): Promise<void> };

export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `veileder_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  if (options.migrated !== false) await migrate(database.pool);
  // Assigned, not spread: spreading would read the lazy `prisma` getter and make a client in every test.
  return Object.assign(database, {
    url,
    async drop() {
      await database.close();
      await withAdmin(async (admin) => {
        // A closed pool's backends may still be exiting; FORCE would terminate them mid-goodbye and the
        // client side would surface that as an unhandled 57P01 error. Wait for them to go first.
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const { rows } = await admin.query('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1', [
            name,
          ]);
          if (rows[0].count === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  });
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
