import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SubwordModel } from '../../src/retrieval/subword-embedder.js';

/** The local embedder's fitted model on disk: a JSON header and the document-frequency table as raw bytes. */

const headerSchema = z.object({
  dimensions: z.number().int().positive(),
  documentCount: z.number().int().nonnegative(),
  fingerprint: z.string(),
  buckets: z.number().int().positive(),
});

export async function saveSubwordModel(options: { file: string; model: SubwordModel }): Promise<void> {
  const { model } = options;
  const header = {
    dimensions: model.dimensions,
    documentCount: model.documentCount,
    fingerprint: model.fingerprint,
    buckets: model.documentFrequency.length,
  };
  await writeFile(
    `${options.file}.tmp`,
    Buffer.from(model.documentFrequency.buffer, model.documentFrequency.byteOffset, model.documentFrequency.byteLength),
  );
  await writeFile(`${options.file}.json`, JSON.stringify(header));
  await rename(`${options.file}.tmp`, options.file);
}

/** The saved model, or undefined when there is none or it does not read back whole. */
export async function loadSubwordModel(options: { file: string }): Promise<SubwordModel | undefined> {
  try {
    const header = headerSchema.parse(JSON.parse(await readFile(`${options.file}.json`, 'utf8')));
    const bytes = await readFile(options.file);
    if (bytes.byteLength !== header.buckets * 4) return undefined;
    const documentFrequency = new Uint32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return {
      dimensions: header.dimensions,
      documentCount: header.documentCount,
      fingerprint: header.fingerprint,
      documentFrequency,
    };
  } catch {
    return undefined;
  }
}
