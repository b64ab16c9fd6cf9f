import { Transform, type Readable } from 'node:stream';

/**
 * The text encoding of a feed file. Feeds should be UTF-8; the one other encoding met in practice is a CSV
 * saved by Excel or an older Norwegian system in Latin-1, read here as Windows-1252 (its superset, which
 * is also what the WHATWG decoder means by "latin1"). Such a file had every row with an æ, ø or å rejected.
 */

const feedEncodings = ['utf-8', 'windows-1252'] as const;
export type FeedEncoding = (typeof feedEncodings)[number];

const labels: Record<string, FeedEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};

/** The encoding a label names (`--encoding latin1`), or undefined when it names none Veileder reads. */
export function feedEncodingOf(label: string): FeedEncoding | undefined {
  return labels[label.trim().toLowerCase()];
}

/**
 * UTF-8 unless the sample has bytes that are not UTF-8 and no character that is: a file with both is UTF-8
 * with some damaged lines (rejected one by one), and reading it as Windows-1252 would garble every å in it.
 */
export function sniffFeedEncoding(sample: Buffer): FeedEncoding {
  // stream: a multi-byte character cut at the end of the sample is not an error.
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  if (!text.includes('\uFFFD')) return 'utf-8';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range itself, NUL included, is the test.
  return /[^\u0000-\u007F\uFFFD]/.test(text) ? 'utf-8' : 'windows-1252';
}

/** The feed's bytes as UTF-8. A single-byte encoding needs no care at chunk boundaries. */
export function toUtf8(stream: Readable, encoding: FeedEncoding): Readable {
  if (encoding === 'utf-8') return stream;
  const decoder = new TextDecoder(encoding);
  const transcoder = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
  });
  stream.on('error', (error) => transcoder.destroy(error));
  return stream.pipe(transcoder);
}
