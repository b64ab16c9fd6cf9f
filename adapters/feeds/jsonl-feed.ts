import type { Readable } from 'node:stream';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { readLines } from './read-lines.js';

/** One JSON object per line. Blank lines are skipped; anything else that is not a JSON object is rejected. */
export async function* readJsonLinesFeed(
  stream: Readable,
  options: { maximumLineBytes: number },
): AsyncGenerator<FeedItem> {
  for await (const line of readLines(stream, options)) {
    if ('problem' in line) {
      yield { line: line.line, raw: rawExcerpt(line.excerpt, line.bytes), rejection: line.problem };
      continue;
    }
    if (line.text.trim() === '') continue;
    const raw = rawExcerpt(line.text);
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      // A last line that is not JSON and has no line end is where the file was cut, not a bad record.
      yield line.unterminated
        ? {
            line: line.line,
            raw,
            rejection: 'the file ends in the middle of this record (not valid JSON, no line end): it looks cut off',
            cutOff: true,
          }
        : {
            line: line.line,
            raw,
            rejection: `not valid JSON (${(error as Error).message}); each line must be one whole JSON object`,
          };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield {
        line: line.line,
        raw,
        rejection: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}`,
      };
      continue;
    }
    yield { line: line.line, raw, value };
  }
}
