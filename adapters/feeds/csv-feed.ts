import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { applyCsvMapping, columnsUsed, type CsvMapping } from '../../src/catalogue/csv-mapping.js';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { FeedFileError } from './open-feed.js';

/**
 * CSV through a column mapping, streamed. Line numbers are where a record starts (a quoted description may
 * span lines). Bytes that are not UTF-8 come out of the decoder as U+FFFD; a record holding one is rejected
 * rather than stored garbled.
 */
export async function* readCsvFeed(stream: Readable, options: { mapping: CsvMapping; maximumRecordBytes: number }): AsyncGenerator<FeedItem> {
  const skipped: FeedItem[] = [];
  const parser = stream.pipe(
    parse({
      delimiter: options.mapping.delimiter,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_records_with_error: true,
      max_record_size: options.maximumRecordBytes,
    }),
  );
  stream.on('error', (error) => parser.destroy(error));
  parser.on('skip', (error: Error & { lines?: number; raw?: string }) => {
    skipped.push({ line: error.lines ?? 0, raw: rawExcerpt(error.raw ?? ''), rejection: `not valid CSV: ${error.message}` });
  });
  let header: string[] | undefined;
  let previousEnd = 0;
  for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift() as FeedItem;
    const line = previousEnd + 1;
    previousEnd = item.info.lines;
    if (!header) {
      header = item.record.map((column) => column.trim());
      const missing = columnsUsed(options.mapping).filter((column) => !header?.includes(column));
      if (missing.length) throw new FeedFileError(`The CSV header lacks column(s) the mapping needs: ${missing.join(', ')} (header: ${header.join(', ')})`);
      continue;
    }
    const raw = rawExcerpt(item.raw.replace(/\r?\n$/, ''));
    if (item.record.length === 1 && item.record[0]?.trim() === '') continue;
    if (item.record.length !== header.length) {
      yield { line, raw, rejection: `has ${item.record.length} fields, the header has ${header.length}` };
      continue;
    }
    if (item.raw.includes('\uFFFD')) {
      yield { line, raw, rejection: 'record is not valid UTF-8 (bytes shown as �); save the file as UTF-8' };
      continue;
    }
    const row = Object.fromEntries(header.map((column, index) => [column, item.record[index] ?? '']));
    yield { line, raw, value: applyCsvMapping(options.mapping, row) };
  }
  while (skipped.length) yield skipped.shift() as FeedItem;
}
