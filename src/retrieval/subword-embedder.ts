import type { CompoundSplitter } from './compound-splitter.js';
import type { ConceptMatcher } from './concept-matcher.js';
import type { Embedder, EmbedderIdentity } from './embedder.js';
import { stem, stopWords, tokenize } from './text-analysis.js';

/**
 * The local embedder: no network, no model weights. A text becomes sparse features — character 3–5-grams
 * of each word (so "sveiseteknikk" shares most of its grams with "sveising", and Nynorsk "sjukepleie" with
 * "sykepleie"), the stemmed words, and the taxonomy occupation groups it names (the Norwegian/English
 * bridge) — hashed into a fixed space, weighted by TF-IDF fitted on the catalogue, and reduced to a dense
 * vector by a sparse random projection (±1, generated from the hash, so it costs no memory and no fitting).
 * The fitted model is the IDF table; it is persisted beside the vector index.
 */

const subwordEmbedderName = 'veileder-subword';
const featureVersion = 3;
const hashBits = 20;
const hashSize = 1 << hashBits;

export type SubwordModel = {
  dimensions: number;
  documentCount: number;
  /** Document frequency per hashed feature. */
  documentFrequency: Uint32Array;
  /** Fingerprint of the fitted data, part of the identity. */
  fingerprint: string;
};

type FeatureWeights = { gram: number; word: number; concept: number };
const defaultFeatureWeights: FeatureWeights = { gram: 1, word: 1.5, concept: 3 };

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const gramPrefixHash = fnv1a('g:');

/** Hashed sparse features of a text: bucket → raw weight. */
function textFeatures(options: {
  text: string;
  concepts?: ConceptMatcher | undefined;
  splitter?: CompoundSplitter | undefined;
  weights?: FeatureWeights;
}): Map<number, number> {
  const weights = options.weights ?? defaultFeatureWeights;
  const features = new Map<number, number>();
  const addBucket = (hash: number, weight: number) => {
    const bucket = hash & (hashSize - 1);
    features.set(bucket, (features.get(bucket) ?? 0) + weight);
  };
  const add = (feature: string, weight: number) => addBucket(fnv1a(feature), weight);
  for (const token of tokenize(options.text)) {
    if (token.length < 2 || stopWords.has(token)) continue;
    add(`w:${stem(token)}`, weights.word);
    const padded = `<${token}>`;
    const grams = Math.max(1, (padded.length - 2) * 3);
    // fnv1a(`g:${gram}`) carried on from the prefix's hash over the gram's characters: the same buckets without
    // making a string for every gram of every word.
    for (let size = 3; size <= 5; size += 1) {
      for (let start = 0; start + size <= padded.length; start += 1) {
        let hash = gramPrefixHash;
        for (let position = start; position < start + size; position += 1) {
          hash ^= padded.charCodeAt(position);
          hash = Math.imul(hash, 0x01000193) >>> 0;
        }
        addBucket(hash, weights.gram / Math.sqrt(grams));
      }
    }
  }
  for (const concept of options.concepts?.find({ text: options.text, splitter: options.splitter }) ?? [])
    add(`c:${concept.key}`, weights.concept);
  return features;
}

export function fitSubwordModel(options: {
  texts: Iterable<string>;
  dimensions: number;
  concepts?: ConceptMatcher | undefined;
  splitter?: CompoundSplitter | undefined;
}): SubwordModel {
  const documentFrequency = emptyDocumentFrequencies();
  let documentCount = 0;
  let fingerprint = 0x811c9dc5;
  for (const text of options.texts) {
    documentCount += 1;
    countDocumentFeatures({ text, documentFrequency, concepts: options.concepts, splitter: options.splitter });
    fingerprint = fnv1a(text, fingerprint);
  }
  return {
    dimensions: options.dimensions,
    documentCount,
    documentFrequency,
    fingerprint: `${documentCount}-${fingerprint.toString(16)}`,
  };
}

/** One count per hashed feature, all zero: what `countDocumentFeatures` adds to. */
export function emptyDocumentFrequencies(): Uint32Array<ArrayBuffer> {
  return new Uint32Array(hashSize);
}

/**
 * Counts each feature of one text once: fitting is this over every text, then the counts summed, so a share of
 * the texts can be counted apart (adapters/index/subword-workers.ts counts on every core).
 */
export function countDocumentFeatures(options: {
  text: string;
  documentFrequency: Uint32Array;
  concepts?: ConceptMatcher | undefined;
  splitter?: CompoundSplitter | undefined;
}): void {
  const { documentFrequency } = options;
  for (const bucket of textFeatures(options).keys()) documentFrequency[bucket] = documentFrequency[bucket]! + 1;
}

/**
 * How many texts, and a fingerprint of them: with their summed feature counts, the model `fitSubwordModel`
 * fits on them.
 */
export function fittedTexts(texts: Iterable<string>): Pick<SubwordModel, 'documentCount' | 'fingerprint'> {
  let documentCount = 0;
  let fingerprint = 0x811c9dc5;
  for (const text of texts) {
    documentCount += 1;
    fingerprint = fnv1a(text, fingerprint);
  }
  return { documentCount, fingerprint: `${documentCount}-${fingerprint.toString(16)}` };
}

export class SubwordEmbedder implements Embedder {
  readonly identity: EmbedderIdentity;
  private readonly idf: Float32Array;
  private readonly concepts: ConceptMatcher | undefined;
  private readonly splitter: CompoundSplitter | undefined;

  /** Keeps only the IDF table it derives, not the model's document frequencies (4 MB the model file holds). */
  constructor(options: {
    model: SubwordModel;
    concepts?: ConceptMatcher | undefined;
    splitter?: CompoundSplitter | undefined;
  }) {
    const { model } = options;
    this.concepts = options.concepts;
    this.splitter = options.splitter;
    this.identity = {
      name: subwordEmbedderName,
      version: `${featureVersion}.${hashBits}.${model.fingerprint}${options.concepts ? '.concepts' : ''}`,
      dimensions: model.dimensions,
    };
    this.idf = new Float32Array(hashSize);
    for (let bucket = 0; bucket < hashSize; bucket += 1) {
      this.idf[bucket] = Math.log((model.documentCount + 1) / (model.documentFrequency[bucket]! + 1)) + 1;
    }
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  embed(text: string): Float32Array {
    const dimensions = this.identity.dimensions;
    const vector = new Float32Array(dimensions);
    for (const [bucket, weight] of textFeatures({ text, concepts: this.concepts, splitter: this.splitter })) {
      const value = (1 + Math.log(weight > 0 ? 1 + weight : 1)) * this.idf[bucket]!;
      // Each feature lands on a few dimensions with a sign, both drawn from its bucket (sparse random projection).
      let state = fnv1aOfDecimal(bucket, 0x9e3779b9);
      for (let draw = 0; draw < projectionDraws; draw += 1) {
        state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
        state = (state ^ (state >>> 12)) >>> 0;
        const dimension = state % dimensions;
        vector[dimension] = vector[dimension]! + (state & 0x80000000 ? value : -value);
      }
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    for (let index = 0; index < dimensions; index += 1) vector[index]! /= norm;
    return vector;
  }
}

const projectionDraws = 4;

/**
 * `fnv1a(String(value), seed)` without making the string (the same hash, so the same vectors): embedding
 * 100k offerings spent a third of its time turning bucket numbers into strings.
 */
function fnv1aOfDecimal(value: number, seed: number): number {
  let divisor = 1;
  while (divisor * 10 <= value) divisor *= 10;
  let hash = seed >>> 0;
  for (let rest = value; divisor >= 1; divisor /= 10) {
    const digit = Math.floor(rest / divisor);
    rest -= digit * divisor;
    hash ^= 48 + digit;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
