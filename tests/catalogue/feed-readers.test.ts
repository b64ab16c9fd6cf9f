import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvFeed } from '../../adapters/feeds/csv-feed.js';
import { readJsonLdFeed } from '../../adapters/feeds/json-ld-feed.js';
import { readJsonLinesFeed } from '../../adapters/feeds/jsonl-feed.js';
import { feedEncodingOf, sniffFeedEncoding, toUtf8 } from '../../adapters/feeds/feed-encoding.js';
import { detectFeedFormat, FeedFileError, openFeed } from '../../adapters/feeds/open-feed.js';
import { csvMappingSchema } from '../../src/catalogue/csv-mapping.js';
import type { FeedItem } from '../../src/catalogue/feed-item.js';
import { feedOfferingSchema } from '../../src/catalogue/feed-offering.js';
import { brokenFeedLines, writeBrokenFeed } from './broken-feed.js';
import { latin1Lines, writeLatin1Csv } from './latin1-feed.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/catalogue');
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-feeds-'));
});
afterAll(async () => rm(directory, { recursive: true, force: true }));

async function collect(items: AsyncIterable<FeedItem>): Promise<FeedItem[]> {
  const all: FeedItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const rejectionAt = (items: FeedItem[], line: number) => {
  const item = items.find((candidate) => candidate.line === line);
  return item && 'rejection' in item ? item.rejection : undefined;
};

describe('JSON Lines reader', () => {
  it('reports each damaged line by number and still yields the good ones, holding no 10 MB line in memory', async () => {
    const file = path.join(directory, 'broken.jsonl');
    await writeBrokenFeed(file);
    const items = await collect(readJsonLinesFeed(await openFeed(file), { maximumLineBytes: 2 * 1024 * 1024 }));
    expect(rejectionAt(items, brokenFeedLines.badEncoding)).toMatch(/not valid UTF-8 \(at byte \d+\)/);
    expect(rejectionAt(items, brokenFeedLines.truncated)).toMatch(/not valid JSON/);
    expect(rejectionAt(items, brokenFeedLines.hugeDescription)).toMatch(/line is 10\.0 MB, more than the 2\.0 MB/);
    expect(rejectionAt(items, brokenFeedLines.notAnObject)).toBe('expected a JSON object, found an array');
    const huge = items.find((item) => item.line === brokenFeedLines.hugeDescription);
    expect(huge?.raw.length).toBeLessThan(11_000);
    expect(huge?.raw).toMatch(/\[cut: 10,485,\d+ bytes in all\]$/);
    // The good lines, and the ones only validation can judge, come through as values.
    expect(items.filter((item) => 'value' in item).map((item) => item.line)).toEqual([1, 3, 4, 7, 10]);
  });

  it('marks a last line that is not JSON and has no line end as where the file was cut off', async () => {
    const file = path.join(directory, 'cut.jsonl');
    await writeFile(file, '{"id":"c1","title":"Hel","provider":"X"}\n{"id":"c2","title":"Halv');
    const items = await collect(readJsonLinesFeed(await openFeed(file), { maximumLineBytes: 1024 }));
    expect(items[1]).toMatchObject({
      line: 2,
      cutOff: true,
      rejection: expect.stringMatching(/^the file ends in the middle of this record/),
    });
    // A broken line with a line end after it is a bad record, not a cut.
    const broken = path.join(directory, 'broken-middle.jsonl');
    await writeFile(broken, '{"id":"c2","title":"Halv\n{"id":"c1","title":"Hel","provider":"X"}');
    const brokenItems = await collect(readJsonLinesFeed(await openFeed(broken), { maximumLineBytes: 1024 }));
    expect(brokenItems[0]).not.toHaveProperty('cutOff');
    expect(brokenItems[1]).toMatchObject({ line: 2, value: { id: 'c1' } });
  });

  it('leaves content errors to the schema: missing title and wrong types are named', () => {
    const missing = feedOfferingSchema.safeParse({ id: 'B3', provider: 'UiB' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toContain('title');
    const wrong = feedOfferingSchema.safeParse({ id: 'B4', title: ['x'], provider: 'UiB', credits: 'mange' });
    expect(wrong.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['credits', 'title']);
  });

  it('reads gzip transparently and detects formats from name and content', async () => {
    const file = path.join(directory, 'feed.jsonl.gz');
    await writeFile(file, gzipSync('{"id":"g1","title":"Gzip","provider":"X"}\n'));
    const items = await collect(readJsonLinesFeed(await openFeed(file), { maximumLineBytes: 1024 }));
    expect(items).toEqual([
      { line: 1, raw: '{"id":"g1","title":"Gzip","provider":"X"}', value: { id: 'g1', title: 'Gzip', provider: 'X' } },
    ]);
    expect(await detectFeedFormat(file)).toBe('jsonl');
    expect(await detectFeedFormat(path.join(fixtures, 'small-courses.csv'))).toBe('csv');
    expect(await detectFeedFormat(path.join(fixtures, 'elm-learning-opportunities.jsonld'))).toBe('elm');
    expect(await detectFeedFormat(path.join(fixtures, 'schema-org-courses.jsonld'))).toBe('schema-org');
    await expect(openFeed(path.join(directory, 'missing.jsonl.gz'))).rejects.toBeInstanceOf(FeedFileError);
  });
});

describe('CSV reader', () => {
  it('maps columns, keeps multi-line records whole and numbers records by their first line', async () => {
    const mapping = csvMappingSchema.parse(
      JSON.parse(await readFile(path.join(fixtures, 'small-courses.mapping.json'), 'utf8')),
    );
    const items = await collect(
      readCsvFeed(await openFeed(path.join(fixtures, 'small-courses.csv')), {
        mapping,
        maximumRecordBytes: 1024 * 1024,
      }),
    );
    expect(items.map((item) => item.line)).toEqual([2, 4, 5, 6]);
    expect(items[0]).toMatchObject({
      value: {
        id: 'K1',
        title: 'Grunnkurs i sveising',
        city: 'Stavanger',
        priceNok: 4500,
        language: 'nb',
        description: 'Kurs over to helger,\nmed praksis i verksted.',
      },
    });
    expect(items[1]).toMatchObject({ value: { id: 'K2' } });
    expect(items[3]).toMatchObject({ rejection: 'has 8 fields, the header has 7' });
  });

  it('rejects a record with bytes that are not UTF-8', async () => {
    const file = path.join(directory, 'latin1.csv');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('kode,navn,tilbyder,sted,beskrivelse,lenke,pris\nK9,Kurs p'),
        Buffer.from([0xe5]),
        Buffer.from(' Hamar,X,Hamar,,,\n'),
      ]),
    );
    const mapping = csvMappingSchema.parse(
      JSON.parse(await readFile(path.join(fixtures, 'small-courses.mapping.json'), 'utf8')),
    );
    const items = await collect(readCsvFeed(await openFeed(file), { mapping, maximumRecordBytes: 1024 }));
    expect(items).toMatchObject([{ line: 2, rejection: expect.stringMatching(/not valid UTF-8/) }]);
  });

  it('rejects a record with a stray quote once, on its own line, and keeps the lines after it right', async () => {
    const file = path.join(directory, 'latin1-lines.csv');
    await writeLatin1Csv(file);
    const mapping = csvMappingSchema.parse(
      JSON.parse(await readFile(path.join(fixtures, 'small-courses.mapping.json'), 'utf8')),
    );
    const items = await collect(
      readCsvFeed(toUtf8(await openFeed(file), 'windows-1252'), { mapping, maximumRecordBytes: 1024 * 1024 }),
    );
    expect(items.filter((item) => 'rejection' in item)).toEqual([
      {
        line: latin1Lines.badQuote,
        raw: expect.stringContaining('ærlig'),
        rejection: 'not valid CSV: Invalid Opening Quote: a quote is found on field 1, value is "Kurs i "',
      },
    ]);
    expect(items.find((item) => item.line === latin1Lines.multiLine)).toMatchObject({
      value: { title: 'Sveising på Åsane', description: 'Kurs over to helger,\r\nmed praksis på verkstedet.' },
    });
    expect(items.find((item) => item.line === latin1Lines.afterBadQuote)).toMatchObject({
      value: { id: `L${latin1Lines.afterBadQuote}` },
    });
    expect(items.map((item) => item.line)).toEqual([
      ...Array.from({ length: latin1Lines.last - 1 }, (_, index) => index + 2).filter(
        (line) => line !== latin1Lines.multiLine + 1,
      ),
    ]);
  });

  it('marks a record the file ends inside of as cut off', async () => {
    const mapping = csvMappingSchema.parse(
      JSON.parse(await readFile(path.join(fixtures, 'small-courses.mapping.json'), 'utf8')),
    );
    const header = 'kode,navn,tilbyder,sted,beskrivelse,lenke,pris\n';
    const cases = {
      openQuote: `${header}K1,Kurs,X,Bergen,"Lang beskrivelse`,
      shortRecord: `${header}K1,Kurs,X,Ber`,
      lineEnd: `${header}K1,Kurs,X,Ber\n`,
    };
    const read = async (text: string) => {
      const file = path.join(directory, 'cut.csv');
      await writeFile(file, text);
      return collect(readCsvFeed(await openFeed(file), { mapping, maximumRecordBytes: 1024 }));
    };
    expect(await read(cases.openQuote)).toEqual([
      {
        line: 2,
        raw: 'K1,Kurs,X,Bergen,"Lang beskrivelse',
        rejection: 'the file ends inside a quoted field of this record: it looks cut off',
        cutOff: true,
      },
    ]);
    expect(await read(cases.shortRecord)).toMatchObject([
      {
        line: 2,
        rejection:
          'the file ends in the middle of this record (it has 4 fields, the header has 7, no line end): it looks cut off',
        cutOff: true,
      },
    ]);
    expect(await read(cases.lineEnd)).toEqual([
      { line: 2, raw: 'K1,Kurs,X,Ber', rejection: 'has 4 fields, the header has 7' },
    ]);
  });

  it('reads Latin-1 when the sample has bytes that are not UTF-8 and no character that is', () => {
    expect(sniffFeedEncoding(Buffer.from('navn\nKurs på Hamar\n', 'latin1'))).toBe('windows-1252');
    expect(sniffFeedEncoding(Buffer.concat([Buffer.from('navn\nKurs på Hamar\n'), Buffer.from([0xe5, 0x0a])]))).toBe(
      'utf-8',
    );
    expect(sniffFeedEncoding(Buffer.from('navn\nKurs på').subarray(0, -1))).toBe('utf-8'); // the sample ends in the middle of å
    expect(sniffFeedEncoding(Buffer.from('plain ASCII\n'))).toBe('utf-8');
    expect(feedEncodingOf('Latin1')).toBe('windows-1252');
    expect(feedEncodingOf('ebcdic')).toBeUndefined();
  });

  it('stops with a clear error when the header lacks a mapped column', async () => {
    const file = path.join(directory, 'other.csv');
    await writeFile(file, 'a,b\n1,2\n');
    const mapping = csvMappingSchema.parse({ source: 's', fields: { id: 'a', title: 'navn' } });
    await expect(collect(readCsvFeed(await openFeed(file), { mapping, maximumRecordBytes: 1024 }))).rejects.toThrow(
      /lacks column\(s\) the mapping needs: navn/,
    );
  });
});

describe('JSON-LD readers', () => {
  it('reads schema.org Courses from @graph, resolving the provider reference and skipping supporting nodes', async () => {
    const items = await collect(
      readJsonLdFeed(await openFeed(path.join(fixtures, 'schema-org-courses.jsonld')), {
        flavour: 'schema-org',
        maximumBytes: 1024 * 1024,
      }),
    );
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      line: 1,
      value: {
        id: 'https://www.uib.no/emne/INF100',
        title: 'Innføring i programmering',
        provider: 'Universitetet i Bergen',
        mode: 'campus',
        cities: ['Bergen'],
        credits: 10,
        startDates: ['2026-08-17'],
        languages: ['nb'],
      },
    });
    expect(items[1]).toMatchObject({
      value: { provider: 'Regnskapskurs AS', priceNok: 2490, workloadHours: 12, mode: 'online' },
    });
    expect(items[2]).toMatchObject({ line: 3, value: { title: '' } }); // validation rejects it: no title
  });

  it('reads ELM LearningOpportunities with credits, schedule, price and EQF level', async () => {
    const items = await collect(
      readJsonLdFeed(await openFeed(path.join(fixtures, 'elm-learning-opportunities.jsonld')), {
        flavour: 'elm',
        maximumBytes: 1024 * 1024,
      }),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      value: {
        id: 'urn:epass:learningOpportunity:ntnu-videre-helse-1',
        title: 'Videreutdanning i helseledelse',
        provider: 'NTNU Norges teknisk-naturvitenskapelige universitet',
        url: 'https://www.ntnu.no/videre/helseledelse',
        schedule: 'part_time',
        credits: 30,
        priceNok: 0,
        isFree: true,
        eqfLevel: 7,
        languages: ['nb'],
        cities: ['Trondheim'],
        startDates: ['2026-09-01T00:00:00+02:00'],
      },
    });
  });

  it('rejects a document that is not JSON with the parser’s reason, and refuses one over the size limit', async () => {
    const file = path.join(directory, 'bad.jsonld');
    await writeFile(file, '{\n  "@type": "Course",\n  "name": oops\n}');
    const items = await collect(readJsonLdFeed(await openFeed(file), { flavour: 'schema-org', maximumBytes: 1024 }));
    expect(items).toMatchObject([{ rejection: expect.stringMatching(/^the document is not valid JSON: .*oops/) }]);
    await expect(
      collect(readJsonLdFeed(await openFeed(file), { flavour: 'schema-org', maximumBytes: 10 })),
    ).rejects.toThrow(/larger than 10 bytes/);
  });
});
