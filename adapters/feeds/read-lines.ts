import type { Readable } from 'node:stream';

/**
 * Splits a byte stream into lines without ever holding more than `maximumLineBytes` of one line, so a
 * broken file with a 10 MB line (or no newline at all) costs no more memory than a good one. Each line is
 * decoded strictly: invalid UTF-8 is reported, not replaced.
 */

export type Line =
  /** `unterminated`: the file's last line, with no line end after it. */
  | { line: number; text: string; unterminated?: true }
  | { line: number; problem: string; excerpt: string; bytes: number };

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

export async function* readLines(
  stream: Readable,
  options: { maximumLineBytes: number; excerptBytes?: number },
): AsyncGenerator<Line> {
  const excerptBytes = options.excerptBytes ?? 10_000;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overflowBytes = 0; // bytes of the current line dropped because it is too long
  let lineNumber = 0;

  const finish = (): Line => {
    lineNumber += 1;
    let bytes = Buffer.concat(parts, partBytes);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    if (lineNumber === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const total = bytes.length + overflowBytes;
    parts = [];
    partBytes = 0;
    overflowBytes = 0;
    if (total > options.maximumLineBytes) {
      return {
        line: lineNumber,
        problem: `line is ${formatBytes(total)}, more than the ${formatBytes(options.maximumLineBytes)} one record may take`,
        excerpt: lenient.decode(bytes.subarray(0, excerptBytes)),
        bytes: total,
      };
    }
    try {
      return { line: lineNumber, text: strict.decode(bytes) };
    } catch {
      return {
        line: lineNumber,
        problem: `line is not valid UTF-8 (at byte ${firstInvalidByte(bytes)}); save the file as UTF-8`,
        excerpt: lenient.decode(bytes.subarray(0, excerptBytes)),
        bytes: bytes.length,
      };
    }
  };

  const append = (chunk: Buffer) => {
    const room = options.maximumLineBytes + 1 - partBytes;
    if (room <= 0) {
      overflowBytes += chunk.length;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    // Copy: `kept` may be a view into a large chunk that would otherwise stay alive.
    parts.push(kept.length < chunk.length || chunk.length < 4096 ? Buffer.from(kept) : kept);
    partBytes += kept.length;
    overflowBytes += chunk.length - kept.length;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      append(chunk.subarray(start, newline));
      yield finish();
      start = newline + 1;
    }
    if (start < chunk.length) append(chunk.subarray(start));
  }
  if (partBytes > 0 || overflowBytes > 0) {
    const last = finish();
    yield 'text' in last ? { ...last, unterminated: true } : last;
  }
}

function firstInvalidByte(bytes: Buffer): number {
  // Binary search for the shortest prefix that fails to decode: the byte where UTF-8 breaks.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  return bad;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
