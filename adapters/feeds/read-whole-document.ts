import type { Readable } from 'node:stream';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { FeedFileError } from './open-feed.js';
import { formatBytes } from './read-lines.js';

/**
 * A feed that is one document (JSON-LD, XML) read whole, up to `maximumBytes` (past it the file is refused,
 * with `tooLarge` saying what to do instead), as strict UTF-8 without a byte order mark. Bytes that are not
 * UTF-8 are one rejection on line 1, not a crash.
 */
export async function readWholeDocument(
  stream: Readable,
  options: { maximumBytes: number; tooLarge(limit: string): string },
): Promise<{ text: string } | { rejection: FeedItem }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.maximumBytes) {
      stream.destroy();
      throw new FeedFileError(options.tooLarge(formatBytes(options.maximumBytes)));
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return {
      rejection: {
        line: 1,
        raw: rawExcerpt(bytes.subarray(0, 10_000).toString('utf8'), size),
        rejection: 'the document is not valid UTF-8; save it as UTF-8',
      },
    };
  }
}
