import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Reply, Turn } from '../src/dialogue/turn.js';

/**
 * What a process exposes at /metrics (Prometheus text format): chat turns and their latency by channel and
 * kind, how long retrieval takes, the database pool, the push work waiting, imports, and Node's own process
 * metrics. One registry per running app (never prom-client's global one), so several apps in one test process
 * do not collide. Figures read from the database (queue depth, imports) are the same in every process, so
 * when workers' metrics are added up (serve --workers) they are taken once, not summed.
 */
export type Metrics = {
  registry: Registry;
  contentType: string;
  /** The text /metrics answers: this process's metrics, or every worker's added up under serve --workers. */
  scrape(): Promise<string>;
  /** Wraps a turn handler so every turn is timed and counted. */
  timeTurns(handleTurn: (turn: Turn) => Promise<Reply>): (turn: Turn) => Promise<Reply>;
  /** Starts timing one retrieval; call the result when it has answered. */
  startRecommend(): () => void;
  /** A catalogue change applied to this process's search index (an import here or in another process). */
  countCatalogueChange(change: { changed: number; withdrawn: number }): void;
};

// Turns are interactive: most answer well under a second, the model path takes seconds.
const turnBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const recommendBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createMetrics(options: {
  pool: pg.Pool;
  /** Under serve --workers: asks the primary process for all workers' metrics (adapters/cli/cluster.ts). */
  scrapeAll?: (() => Promise<string>) | undefined;
}): Metrics {
  const { pool } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'veileder_' });

  const turns = new Histogram({
    name: 'veileder_turn_duration_seconds',
    help: 'Chat turns by channel and kind (text or the action type) and outcome, with how long each took',
    labelNames: ['channel', 'kind', 'outcome'] as const,
    buckets: turnBuckets,
    registers: [registry],
  });
  const recommend = new Histogram({
    name: 'veileder_recommend_duration_seconds',
    help: 'Retrieval (recommend and search) time',
    buckets: recommendBuckets,
    registers: [registry],
  });
  const catalogueChanges = new Counter({
    name: 'veileder_catalogue_changes_applied_total',
    help: 'Offerings added, updated or withdrawn in this process search index after an import',
    labelNames: ['change'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'veileder_db_pool_connections',
    help: 'Connections of this process database pool, by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting_clients' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'veileder_push_messages_queued',
    help: 'Push messages waiting to be sent (pending) or being sent, by kind',
    labelNames: ['kind', 'state'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await pool.query<{ kind: string; state: string; count: number }>(
        `SELECT kind, state, count(*)::int AS count FROM push_message
          WHERE state IN ('pending', 'sending') GROUP BY kind, state`,
      );
      for (const row of rows) this.set({ kind: row.kind, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'veileder_jobs_queued',
    help: 'pg-boss jobs waiting in each queue (PostgreSQL server only)',
    labelNames: ['queue'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      this.reset();
      // pg-boss creates its schema at its first start; before that (or on the embedded database) there is no queue.
      const { rows } = await pool
        .query<{ name: string; count: number }>(
          `SELECT name, count(*)::int AS count FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`,
        )
        .catch((error: { code?: string }) => {
          if (error.code === '42P01' || error.code === '3F000') return { rows: [] };
          throw error;
        });
      for (const row of rows) this.set({ queue: row.name }, row.count);
    },
  });
  new Gauge({
    name: 'veileder_import_runs',
    help: 'Catalogue imports recorded in the database: finished, and started but not finished',
    labelNames: ['state'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ finished: number; unfinished: number }>(
        `SELECT count(finished_at)::int AS finished, (count(*) - count(finished_at))::int AS unfinished FROM import_run`,
      );
      this.set({ state: 'finished' }, rows[0]?.finished ?? 0);
      this.set({ state: 'unfinished' }, rows[0]?.unfinished ?? 0);
    },
  });
  new Gauge({
    name: 'veileder_import_last_finished_timestamp_seconds',
    help: 'When the latest catalogue import finished (Unix time); 0 = none yet',
    aggregator: 'first',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ at: number | null }>(
        'SELECT extract(epoch FROM max(finished_at))::float8 AS at FROM import_run',
      );
      this.set(rows[0]?.at ?? 0);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    scrape: options.scrapeAll ?? (() => registry.metrics()),
    timeTurns(handleTurn) {
      return async (turn) => {
        const stop = turns.startTimer({ channel: turn.channel, kind: turn.action?.type ?? 'text' });
        try {
          const reply = await handleTurn(turn);
          stop({ outcome: 'answered' });
          return reply;
        } catch (error) {
          stop({ outcome: 'failed' });
          throw error;
        }
      };
    },
    startRecommend() {
      return recommend.startTimer();
    },
    countCatalogueChange(change) {
      catalogueChanges.inc({ change: 'added_or_updated' }, change.changed);
      catalogueChanges.inc({ change: 'withdrawn' }, change.withdrawn);
    },
  };
}
