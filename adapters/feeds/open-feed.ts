import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';

/** The file itself cannot be read (missing, a directory, not gzip though it says so...): the import stops. */
export class FeedFileError extends Error {
  override readonly name = 'FeedFileError';
}

export const feedFormats = ['jsonl', 'csv', 'schema-org', 'elm', 'elm-xml'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/**
 * The file's bytes, gunzipped when it is gzip (by its magic bytes, whatever its name). `onBytes` hears how
 * many bytes of the file itself have been read so far, for a progress bar over a stream of unknown length.
 */
export async function openFeed(
  file: string,
  options: { onBytes?: (bytesRead: number) => void } = {},
): Promise<Readable> {
  const head = await readHead(file, 2);
  let stream: Readable = createReadStream(file);
  if (options.onBytes) {
    const onBytes = options.onBytes;
    let bytesRead = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        onBytes(bytesRead);
        callback(null, chunk);
      },
    });
    const source = stream;
    source.on('error', (error) => counter.destroy(error));
    stream = source.pipe(counter);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    stream.on('error', (error) => gunzip.destroy(error));
    return stream.pipe(gunzip);
  }
  return stream;
}

async function readHead(file: string, length: number): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new FeedFileError(`Cannot read ${file}: ${(error as Error).message}`);
  } finally {
    await handle?.close();
  }
}

/**
 * The format from the name (".jsonl", ".ndjson", ".csv", ".jsonld", ".json", ".xml", with or without ".gz"), and for
 * JSON documents from the content: schema.org when its context says so, ELM when it speaks of LearningOpportunity
 * or the EU's vocabularies, otherwise schema.org.
 */
export async function detectFeedFormat(file: string): Promise<FeedFormat> {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  if (/\.(csv|tsv)$/.test(name)) return 'csv';
  const start = await readStart(file, 64 * 1024);
  const trimmed = start.replace(/^\uFEFF/, '').trimStart();
  if (/\.xml$/.test(name) || trimmed.startsWith('<')) {
    if (/learningOpportunit/.test(start)) return 'elm-xml';
    throw new FeedFileError(
      `Cannot tell the format of ${file}: the only XML read is ELM's learning-opportunity XML (loq), and this document names no learningOpportunity`,
    );
  }
  if (/\.(jsonld|json)$/.test(name) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // A schema.org document may point into the EU's vocabularies (an EQF level) and still be schema.org.
    if (/"@context"\s*:\s*"https?:\/\/schema\.org/.test(start)) return 'schema-org';
    if (/LearningOpportunity|data\.europa\.eu\/snb/.test(start)) return 'elm';
    // One JSON object per line is JSON Lines even when the file is called .json.
    const lines = trimmed.split('\n', 3);
    if (
      lines.length > 1 &&
      lines[0]?.trim().startsWith('{') &&
      lines[0].trim().endsWith('}') &&
      lines[1]?.trim().startsWith('{')
    )
      return 'jsonl';
    return 'schema-org';
  }
  throw new FeedFileError(
    `Cannot tell the format of ${file}: name it .jsonl, .csv, .jsonld, .xml (or .gz of those), or pass --format ${feedFormats.join('|')}`,
  );
}

async function readStart(file: string, bytes: number): Promise<string> {
  return (await readFeedStart(file, bytes)).toString('utf8');
}

/** The first `bytes` of the feed (gunzipped), for sniffing its format or encoding. */
export async function readFeedStart(file: string, bytes: number): Promise<Buffer> {
  const stream = await openFeed(file);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}
