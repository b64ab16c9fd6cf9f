import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../adapters/storage/database.js';
import { migrate } from '../adapters/storage/migrate.js';

/** A migrated database of its own for one eval run: a new database on TEST_DATABASE_URL / DATABASE_URL's server, else embedded in `directory`. */
export async function freshEvalDatabase(options: {
  directory: string;
}): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: options.directory });
    await migrate(database.pool);
    return { database, drop: () => database.close() };
  }
  const name = `veileder_eval_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const database = await openDatabase({
    databaseUrl: serverUrl.replace(/\/[^/]*$/, `/${name}`),
    dataDir: options.directory,
  });
  await migrate(database.pool);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
