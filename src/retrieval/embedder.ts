/**
 * Turns text into vectors for semantic search. Two implementations: the local subword embedder (no network,
 * no weights; src/retrieval/subword-embedder.ts) and any OpenAI-compatible endpoint (adapters/embeddings/).
 * The identity is stored with the vector index: when it changes, the index is rebuilt.
 */
export type EmbedderIdentity = {
  name: string;
  /** Changes whenever the same text would get a different vector (model, features, fitted data). */
  version: string;
  dimensions: number;
};

export type Embedder = {
  readonly identity: EmbedderIdentity;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
};
