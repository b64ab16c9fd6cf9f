import { randomUUID } from 'node:crypto';
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../logging.js';

/**
 * `veileder serve --workers N` with node:cluster: the primary process serves nothing itself; it starts N
 * workers that share the port (the primary hands out connections round-robin), replaces a worker that dies,
 * passes SIGTERM/SIGINT on and waits for them, and adds up their metrics for /metrics. Everything a turn needs
 * is in PostgreSQL, so any worker can answer any request. The first worker starts alone: it applies the
 * migrations, seeds an empty database and builds the search index files, which the others then just load.
 */

// Messages between the primary and its workers (IPC), checked like any other input.
const workerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('veileder:listening') }),
  z.object({ type: z.literal('veileder:metrics-request'), id: z.string() }),
  z.object({ type: z.literal('veileder:metrics-own'), id: z.string(), metrics: z.array(z.unknown()) }),
]);
const primaryMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('veileder:metrics-own-request'), id: z.string() }),
  z.object({ type: z.literal('veileder:metrics'), id: z.string(), text: z.string() }),
]);

// A worker that does not answer within this long is left out of one scrape (it may be stopping).
const scrapeTimeoutMs = 3000;

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** Runs the primary until its workers have stopped; resolves with the exit code. */
export async function runClusterPrimary(options: { workers: number; log: Logger }): Promise<number> {
  const { log } = options;
  let stopping = false;
  let listening = 0;
  const serving = new Set<Worker>();
  const answers = new Map<string, (metrics: unknown[]) => void>();

  // Every serving worker's own metrics, added up (counters and histograms summed; gauges read from the
  // database are marked to be taken once). A worker still starting or already stopping is left out.
  async function allMetrics(): Promise<string> {
    const own = await Promise.all(
      [...serving].map(
        (worker) =>
          new Promise<unknown[]>((resolve) => {
            const id = randomUUID();
            const timer = setTimeout(() => {
              answers.delete(id);
              resolve([]);
            }, scrapeTimeoutMs);
            answers.set(id, (metrics) => {
              clearTimeout(timer);
              resolve(metrics);
            });
            worker.send({ type: 'veileder:metrics-own-request', id });
          }),
      ),
    );
    const nonEmpty = own.filter((metrics) => metrics.length > 0);
    return AggregatorRegistry.aggregate(nonEmpty as Parameters<typeof AggregatorRegistry.aggregate>[0]).metrics();
  }

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (raw: unknown) => {
      const message = workerMessage.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'veileder:listening') {
        listening += 1;
        serving.add(worker);
      } else if (message.data.type === 'veileder:metrics-own') {
        answers.get(message.data.id)?.(message.data.metrics);
        answers.delete(message.data.id);
      } else {
        const { id } = message.data;
        void allMetrics().then((text) => worker.isConnected() && worker.send({ type: 'veileder:metrics', id, text }));
      }
    });
    worker.once('exit', () => serving.delete(worker));
    return worker;
  };

  const first = fork();
  const started = await new Promise<boolean>((resolve) => {
    first.on(
      'message',
      (raw: unknown) => workerMessage.safeParse(raw).data?.type === 'veileder:listening' && resolve(true),
    );
    first.once('exit', () => resolve(false));
  });
  if (!started) {
    log.error('The first worker stopped before it was serving; not starting the others');
    return 1;
  }
  for (let count = 1; count < options.workers; count += 1) fork();
  log.info(`Serving with ${options.workers} worker processes`, { workers: options.workers });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies is replaced; its turns in flight are lost to it, the conversations are not (PostgreSQL).
    log.error('A worker stopped; starting another', { workerPid: worker.process.pid, code, signal });
    fork();
  });

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    cluster.on('exit', () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve(listening > 0 ? 0 : 1);
    });
  });
}

/**
 * A worker's side: say when it is serving, and share its metrics registry with the primary, from which
 * `scrapeAll` gets every worker's metrics added up (a scrape reaches one worker, whichever the primary chose).
 */
export function clusterWorkerBridge(): {
  announceListening(): void;
  share(registry: Registry): void;
  scrapeAll(): Promise<string>;
  /** Stopped serving: let go of the channel to the primary, which otherwise keeps this process alive. */
  stopped(): void;
} {
  const waiting = new Map<string, (text: string) => void>();
  let shared: Registry | undefined;
  process.on('message', (raw: unknown) => {
    const message = primaryMessage.safeParse(raw);
    if (!message.success) return;
    if (message.data.type === 'veileder:metrics') {
      waiting.get(message.data.id)?.(message.data.text);
      waiting.delete(message.data.id);
      return;
    }
    const { id } = message.data;
    void (shared ? shared.getMetricsAsJSON() : Promise.resolve([])).then((metrics) =>
      process.send?.({ type: 'veileder:metrics-own', id, metrics }),
    );
  });
  return {
    announceListening: () => process.send?.({ type: 'veileder:listening' }),
    share(registry) {
      shared = registry;
    },
    stopped: () => process.disconnect?.(),
    scrapeAll() {
      const id = randomUUID();
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error("the primary process did not answer with the workers' metrics"));
        }, scrapeTimeoutMs * 2);
        waiting.set(id, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
        process.send?.({ type: 'veileder:metrics-request', id });
      });
    },
  };
}
