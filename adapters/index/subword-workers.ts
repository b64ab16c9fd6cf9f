import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { CompoundSplitter } from '../../src/retrieval/compound-splitter.js';
import type { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import { fittedTexts, type SubwordModel } from '../../src/retrieval/subword-embedder.js';

/**
 * The local embedder's fitting and embedding on every core (node:worker_threads): a first start at 100k
 * offerings spent most of its time there on one thread. Both are pure functions of the texts, the taxonomy's
 * concepts and the compound vocabulary, so each worker takes every n-th batch of texts: fitting sums the
 * workers' feature counts (integers, so the model is the very one `fitSubwordModel` fits), and embedding hands
 * back each batch's vectors, delivered in the texts' order, so the index is built in the same order as on one thread.
 */

/** Texts per message: small enough that the main thread can build the index while workers embed. */
const batchSize = 256;

const fromWorkerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('counted'), documentFrequency: z.instanceof(Uint32Array) }),
  z.object({ kind: z.literal('vectors'), start: z.number().int(), flat: z.instanceof(Float32Array) }),
  z.object({ kind: z.literal('embedded') }),
]);
type FromWorker = z.infer<typeof fromWorkerSchema>;

/**
 * The compiled worker in dist/; under tsx (tests, `npm run dev`, bin/veileder.js in a checkout) its TypeScript
 * source, after registering tsx in the worker as bin/veileder.js does in the main thread (a worker does not
 * inherit a loader registered through the API).
 */
function startWorker(workerData: unknown): Worker {
  if (path.extname(fileURLToPath(import.meta.url)) !== '.ts')
    return new Worker(new URL('./subword-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL('./subword-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => api.register()).then(() => import(${JSON.stringify(source)}))`,
    { eval: true, workerData },
  );
}

export class SubwordWorkers {
  private constructor(
    private readonly workers: Worker[],
    private readonly fitted: Pick<SubwordModel, 'documentCount' | 'fingerprint'>,
  ) {}

  static start(options: {
    texts: readonly string[];
    threads: number;
    concepts?: ConceptMatcher | undefined;
    splitter?: CompoundSplitter | undefined;
  }): SubwordWorkers {
    const threads = Math.max(1, Math.min(options.threads, Math.ceil(options.texts.length / batchSize)));
    const shares = Array.from({ length: threads }, () => [] as { start: number; texts: string[] }[]);
    for (let start = 0, batch = 0; start < options.texts.length; start += batchSize, batch += 1)
      shares[batch % threads]!.push({ start, texts: options.texts.slice(start, start + batchSize) });
    const workers = shares.map((batches) =>
      startWorker({ batches, concepts: options.concepts?.state, splitter: options.splitter?.options }),
    );
    // The texts are the workers' own copies now: the main thread need not keep them for fitting.
    return new SubwordWorkers(workers, fittedTexts(options.texts));
  }

  /** The model `fitSubwordModel` fits on these texts. */
  async fit(options: { dimensions: number }): Promise<SubwordModel> {
    const parts = await Promise.all(
      this.workers.map(async (worker) => {
        const [answer] = await this.ask(worker, { kind: 'count' }, (message) => message.kind === 'counted');
        if (answer?.kind !== 'counted') throw new Error('An embedding worker answered out of turn');
        return answer.documentFrequency;
      }),
    );
    // Summed in place into the first worker's counts (integers: the order of the sum does not matter).
    const summed = parts[0]!;
    for (const part of parts.slice(1))
      for (let bucket = 0; bucket < part.length; bucket += 1) summed[bucket] = summed[bucket]! + part[bucket]!;
    return { dimensions: options.dimensions, documentFrequency: summed, ...this.fitted };
  }

  /** Every text's vector, handed to `onVectors` in the texts' order, a batch at a time. */
  async embed(options: {
    model: SubwordModel;
    onVectors: (start: number, vectors: Float32Array[]) => void;
  }): Promise<void> {
    const { dimensions } = options.model;
    const waiting = new Map<number, Float32Array>();
    let next = 0;
    const deliver = (message: FromWorker) => {
      if (message.kind !== 'vectors') return;
      waiting.set(message.start, message.flat);
      for (let flat = waiting.get(next); flat; flat = waiting.get(next)) {
        waiting.delete(next);
        const count = flat.length / dimensions;
        options.onVectors(
          next,
          Array.from({ length: count }, (_, position) =>
            flat.subarray(position * dimensions, (position + 1) * dimensions),
          ),
        );
        next += count;
      }
    };
    await Promise.all(
      this.workers.map((worker) =>
        this.ask(worker, { kind: 'embed', model: options.model }, (message) => message.kind === 'embedded', deliver),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Sends one request and collects the worker's answers until the last one; a worker's error fails it. */
  private ask(
    worker: Worker,
    request: unknown,
    isLast: (message: FromWorker) => boolean,
    onEach?: (message: FromWorker) => void,
  ): Promise<FromWorker[]> {
    return new Promise((resolve, reject) => {
      const answers: FromWorker[] = [];
      const onMessage = (raw: unknown) => {
        let message: FromWorker;
        try {
          message = fromWorkerSchema.parse(raw);
          onEach?.(message);
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (!onEach) answers.push(message);
        if (isLast(message)) {
          finish();
          resolve(answers);
        }
      };
      const onError = (error: Error) => {
        finish();
        reject(error);
      };
      const onExit = (code: number) => {
        finish();
        reject(new Error(`An embedding worker stopped (exit code ${code})`));
      };
      const finish = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}
