import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { applyCsvMapping, columnsUsed, type CsvMapping } from '../../src/catalogue/csv-mapping.js';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { splitCsvRecords, type CsvRecordText } from './csv-records.js';
import { formatBytes } from './read-lines.js';
import { FeedFileError } from './open-feed.js';

/**
 * CSV through a column mapping, streamed. Line numbers are where a record starts (a quoted description may
 * span lines). Bytes that are not UTF-8 come out of the decoder as U+FFFD; a record holding one is rejected
 * rather than stored garbled (a file in another encoding is transcoded before it gets here: feed-encoding.ts).
 */
export async function* readCsvFeed(
  stream: Readable,
  options: { mapping: CsvMapping; maximumRecordBytes: number },
): AsyncGenerator<FeedItem> {
  const { delimiter } = options.mapping;
  let header: string[] | undefined;
  // Characters, not bytes: a character is at least one byte, so no record over the byte limit gets through.
  for await (const record of splitCsvRecords(decodeUtf8(stream), {
    delimiter,
    maximumCharacters: options.maximumRecordBytes,
  })) {
    const { line } = record;
    const raw = rawExcerpt(record.text);
    if (record.characters > options.maximumRecordBytes) {
      yield {
        line,
        raw: rawExcerpt(record.text, record.characters),
        rejection: `record is ${formatBytes(record.characters)}, more than the ${formatBytes(options.maximumRecordBytes)} one record may take`,
      };
      continue;
    }
    if (record.text.trim() === '') continue;
    const fields = parseRecord(record, delimiter);
    if ('rejection' in fields) {
      yield { line, raw, ...fields };
      continue;
    }
    if (!header) {
      header = fields.map((column) => column.trim());
      const missing = columnsUsed(options.mapping).filter((column) => !header?.includes(column));
      if (missing.length)
        throw new FeedFileError(
          `The CSV header lacks column(s) the mapping needs: ${missing.join(', ')} (header: ${header.join(', ')})`,
        );
      continue;
    }
    if (fields.length !== header.length) {
      const counts = `has ${fields.length} fields, the header has ${header.length}`;
      yield record.endsFile && fields.length < header.length
        ? {
            line,
            raw,
            rejection: `the file ends in the middle of this record (it ${counts}, no line end): it looks cut off`,
            cutOff: true,
          }
        : { line, raw, rejection: counts };
      continue;
    }
    if (record.text.includes('\uFFFD')) {
      yield {
        line,
        raw,
        rejection:
          'record is not valid UTF-8 (bytes shown as �); save the file as UTF-8, or name its encoding with --encoding',
      };
      continue;
    }
    const row = Object.fromEntries(header.map((column, index) => [column, fields[index] ?? '']));
    yield { line, raw, value: applyCsvMapping(options.mapping, row) };
  }
}

function parseRecord(record: CsvRecordText, delimiter: string): string[] | { rejection: string; cutOff?: true } {
  // Inside quotes a line end does not end the record, so only the file's end can leave a quote open.
  if (record.unclosedQuote)
    return { rejection: 'the file ends inside a quoted field of this record: it looks cut off', cutOff: true };
  try {
    const rows = parse(record.text, { delimiter, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch (error) {
    // csv-parse counts lines within the one record it was given; the record's own line is reported instead.
    return { rejection: `not valid CSV: ${(error as Error).message.replace(/ at line \d+/, '')}` };
  }
}

async function* decodeUtf8(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8'); // lenient: invalid bytes become U+FFFD and reject their record
  for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}
