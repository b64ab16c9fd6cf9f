import pg from 'pg';
import type { Logger } from '../logging.js';
import { activeOfferingVersions, catalogueChangedChannel, catalogueVersion } from '../storage/catalogue-changes.js';
import type { Database } from '../storage/database.js';
import type { RetrievalService } from './retrieval-service.js';

/**
 * Keeps a running server's in-memory catalogue and vector index in step with the database when another
 * process (`veileder import`) changes it. On a PostgreSQL server it LISTENs on a channel the import NOTIFYs;
 * on the embedded database (one connection, nothing to listen on) it polls a cheap version aggregate. Either
 * way the work is the same: compare the active offerings with what is in memory and hand the difference to
 * the retrieval service's `applyImport`.
 */

export type CatalogueWatcher = {
  /** Brings the index up to date now (also what a notification or a changed version triggers). */
  synchronise(): Promise<void>;
  close(): Promise<void>;
};

export type WatchCatalogueOptions = {
  database: Database;
  /** Needed to LISTEN on a PostgreSQL server: a dedicated connection outside the pool. */
  databaseUrl: string | undefined;
  retrieval: Pick<RetrievalService, 'catalogue' | 'applyImport'>;
  log: Logger;
  /** Polling interval on the embedded database. */
  checkSeconds: number;
  /** Wait before listening again after the listening connection drops. */
  reconnectMs?: number;
};

export async function watchCatalogue(options: WatchCatalogueOptions): Promise<CatalogueWatcher> {
  const { database, log } = options;
  let closed = false;
  // One synchronisation at a time; a request arriving meanwhile runs once more after it (never lost, never piled up).
  let running: Promise<void> | undefined;
  let again = false;

  async function applyDifference(): Promise<void> {
    const inDatabase = await activeOfferingVersions(database.pool);
    const inMemory = new Map(
      [...options.retrieval.catalogue.all()].map((offering) => [offering.id, offering.updatedAt.getTime()]),
    );
    const changed = [...inDatabase].filter(([id, updated]) => inMemory.get(id) !== updated).map(([id]) => id);
    const withdrawn = [...inMemory.keys()].filter((id) => !inDatabase.has(id));
    if (changed.length === 0 && withdrawn.length === 0) return;
    await options.retrieval.applyImport({ changedOfferingIds: changed, withdrawnOfferingIds: withdrawn });
    log.info(
      `Catalogue changed in the database: ${changed.length} offerings added or updated, ${withdrawn.length} withdrawn in the search index`,
    );
  }

  function synchronise(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await applyDifference();
        } while (again && !closed);
      } catch (error) {
        log.error('Catalogue synchronisation failed; the next change tries again', { error: (error as Error).message });
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const stop =
    database.kind === 'server' && options.databaseUrl
      ? await listen({
          url: options.databaseUrl,
          onChange: synchronise,
          log,
          reconnectMs: options.reconnectMs ?? 5_000,
          isClosed: () => closed,
        })
      : await poll({ database, onChange: synchronise, checkSeconds: options.checkSeconds, log });

  return {
    synchronise,
    async close() {
      closed = true;
      await stop();
      await running;
    },
  };
}

type Listening = {
  url: string;
  onChange: () => Promise<void>;
  log: Logger;
  reconnectMs: number;
  isClosed: () => boolean;
};

async function listen(options: Listening): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (message) => {
      if (message.channel === catalogueChangedChannel) void options.onChange();
    });
    next.on('error', (error) => {
      options.log.error('Catalogue listener lost its connection; listening again shortly', { error: error.message });
      next.end().catch(() => {});
      if (client === next) client = undefined;
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${catalogueChangedChannel}`);
    client = next;
    // Whatever changed while nobody listened (startup, a dropped connection) is caught up now.
    void options.onChange();
  }

  function schedule(): void {
    if (options.isClosed() || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        options.log.error('Catalogue listener could not connect; trying again shortly', {
          error: (error as Error).message,
        });
        schedule();
      });
    }, options.reconnectMs);
    retry.unref();
  }

  await connect();
  return async () => {
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

async function poll(options: {
  database: Database;
  onChange: () => Promise<void>;
  checkSeconds: number;
  log: Logger;
}): Promise<() => Promise<void>> {
  // The baseline is read now: the index was just built from this database.
  let last = await catalogueVersion(options.database.pool);
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    catalogueVersion(options.database.pool)
      .then(async (version) => {
        if (version === last) return;
        last = version;
        await options.onChange();
      })
      .catch((error: unknown) =>
        options.log.error('Catalogue check failed; trying again at the next one', { error: (error as Error).message }),
      )
      .finally(() => (checking = false));
  }, options.checkSeconds * 1000);
  timer.unref();
  return async () => clearInterval(timer);
}
