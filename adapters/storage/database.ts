import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';

/**
 * The system of record: a PostgreSQL server when `databaseUrl` is given, otherwise an embedded PostgreSQL
 * (PGlite) kept in `dataDir`. Both are reached the same way — a `pg` pool over the wire protocol — so the
 * migrations, the Prisma client and every raw query are the very same code on both.
 */
export type Database = {
  /** Made on first use: the product queries through `pool`; the client's engine holds ~15 MB of heap. */
  readonly prisma: PrismaClient;
  pool: pg.Pool;
  kind: 'server' | 'embedded';
  /** Where the embedded database keeps its files, or undefined on a server. */
  directory: string | undefined;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size on a server; the embedded database serves one connection at a time. */
  poolSize?: number;
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 8 });
    return wrap(pool, 'server', undefined, async () => {});
  }
  const directory = path.resolve(options.dataDir, 'pgdata');
  await mkdir(directory, { recursive: true });
  // pg_trgm backs the catalogue's text search index (migration 20261202100100); PGlite loads extensions only when asked.
  const embedded = await PGlite.create(directory, { extensions: { pg_trgm } });
  // pg.Pool discards a client whose query failed and connects a new one at once; with the socket server's
  // default of ONE connection, that new connection arrives while the old one is still closing and is cut
  // ("Connection terminated unexpectedly"). Room for two lets the replacement in; the pool still uses one.
  const server = new PGLiteSocketServer({ db: embedded, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const address = server.getServerConn(); // "127.0.0.1:PORT"
  const [host, port] = address.split(':');
  // PGlite runs statements one at a time; a single pooled connection keeps transactions whole.
  const pool = new pg.Pool({ host, port: Number(port), user: 'postgres', database: 'postgres', max: 1 });
  return wrap(pool, 'embedded', directory, async () => {
    await server.stop();
    await embedded.close();
  });
}

function wrap(
  pool: pg.Pool,
  kind: Database['kind'],
  directory: string | undefined,
  closeBackend: () => Promise<void>,
): Database {
  let prisma: PrismaClient | undefined;
  return {
    get prisma() {
      prisma ??= new PrismaClient({ adapter: new PrismaPg(pool) });
      return prisma;
    },
    pool,
    kind,
    directory,
    async close() {
      await prisma?.$disconnect();
      await pool.end();
      await closeBackend();
    },
  };
}
