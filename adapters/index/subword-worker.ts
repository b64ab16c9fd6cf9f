import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { CompoundSplitter } from '../../src/retrieval/compound-splitter.js';
import { ConceptMatcher, type ConceptMatcherState } from '../../src/retrieval/concept-matcher.js';
import {
  countDocumentFeatures,
  emptyDocumentFrequencies,
  SubwordEmbedder,
} from '../../src/retrieval/subword-embedder.js';

/**
 * One worker thread of subword-workers.ts: counts the features of its batches of texts (the model's fitting),
 * then embeds them with the model the main thread sums from every worker's counts.
 */

const dataSchema = z.object({
  batches: z.array(z.object({ start: z.number().int(), texts: z.array(z.string()) })),
  concepts: z.custom<ConceptMatcherState>((value) => value instanceof Object).optional(),
  splitter: z
    .object({ vocabulary: z.array(z.string()), minimumWordLength: z.number(), minimumPartLength: z.number() })
    .optional(),
});
const messageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count') }),
  z.object({
    kind: z.literal('embed'),
    model: z.object({
      dimensions: z.number().int().positive(),
      documentCount: z.number().int(),
      documentFrequency: z.instanceof(Uint32Array),
      fingerprint: z.string(),
    }),
  }),
]);

const data = dataSchema.parse(workerData);
const concepts = data.concepts ? new ConceptMatcher({ state: data.concepts }) : undefined;
const splitter = data.splitter ? new CompoundSplitter(data.splitter) : undefined;
const port = parentPort!;

port.on('message', (raw) => {
  const message = messageSchema.parse(raw);
  if (message.kind === 'count') {
    const documentFrequency = emptyDocumentFrequencies();
    for (const batch of data.batches)
      for (const text of batch.texts) countDocumentFeatures({ text, documentFrequency, concepts, splitter });
    port.postMessage({ kind: 'counted', documentFrequency }, [documentFrequency.buffer]);
    return;
  }
  const embedder = new SubwordEmbedder({ model: message.model, concepts, splitter });
  const { dimensions } = message.model;
  for (const batch of data.batches) {
    const flat = new Float32Array(batch.texts.length * dimensions);
    batch.texts.forEach((text, position) => {
      flat.set(embedder.embed(text), position * dimensions);
    });
    port.postMessage({ kind: 'vectors', start: batch.start, flat }, [flat.buffer]);
  }
  port.postMessage({ kind: 'embedded' });
});
