import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readCsvFeed } from '../adapters/feeds/csv-feed.js';
import { openFeed } from '../adapters/feeds/open-feed.js';
import { csvMappingSchema } from '../src/catalogue/csv-mapping.js';
import { describeValidationError, feedOfferingSchema, type FeedOfferingInput } from '../src/catalogue/feed-offering.js';
import { normaliseOffering } from '../src/catalogue/normalise-offering.js';
import { defaultProviderDirectory } from '../src/catalogue/provider-directory.js';

/**
 * Builds the demo catalogue shipped in prisma/seed/demo-catalogue.jsonl.gz from the real feeds in
 * ../shared/data: utdanning.no offerings (content by utdanning.no / HK-dir, via finchcc/utdanning.no-scraper)
 * and edX courses (via RodoArellano/Project_MOOC_Analysis_and_Visualization_ESP). Each record goes through
 * the same mapping and normaliser as `veileder import`, and is written in Veileder's own schema with the
 * normalised fields spelled out, so the file is readable by anyone without Veileder's rules.
 *
 *   npx tsx scripts/build-demo-catalogue.ts [--shared ../shared] [--usd-to-nok 10.75]
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const shared = path.resolve(argument('--shared') ?? path.join(repositoryRoot, '../shared'));
const usdToNok = Number(argument('--usd-to-nok') ?? 10.75);
const output = path.join(repositoryRoot, 'prisma/seed/demo-catalogue.jsonl.gz');

const feeds = [
  {
    file: path.join(shared, 'data/utdanning_no/utdanning_no_offerings.csv'),
    mapping: path.join(repositoryRoot, 'data/mappings/utdanning-no.json'),
  },
  {
    file: path.join(shared, 'data/mooc_en/edx_courses.csv'),
    mapping: path.join(repositoryRoot, 'data/mappings/edx.json'),
  },
];

const directory = defaultProviderDirectory();
const lines: string[] = [];
let rejected = 0;
for (const feed of feeds) {
  const mapping = csvMappingSchema.parse(JSON.parse(await readFile(feed.mapping, 'utf8')));
  for await (const item of readCsvFeed(await openFeed(feed.file), { mapping, maximumRecordBytes: 2 * 1024 * 1024 })) {
    const parsed = 'value' in item ? feedOfferingSchema.safeParse(item.value) : undefined;
    if (!parsed?.success) {
      rejected += 1;
      process.stderr.write(
        `${path.basename(feed.file)}:${item.line}: ${'rejection' in item ? item.rejection : parsed ? describeValidationError(parsed.error) : ''}\n`,
      );
      continue;
    }
    const offering = parsed.data;
    const record = normaliseOffering({
      offering,
      source: mapping.source,
      provider: directory.find(offering.provider),
      usdToNok,
    });
    const own: FeedOfferingInput = {
      id: offering.id,
      title: record.title,
      provider: offering.provider,
      description: record.description,
      city: offering.city ?? null,
      cities: record.cities,
      municipalities: record.municipalities,
      counties: record.counties,
      level: record.level,
      languages: record.languages,
      type: record.type,
      url: record.url,
      price: offering.price ?? null,
      priceNok: record.priceNok,
      isFree: record.isFree,
      certificatePriceNok: record.certificatePriceNok,
      mode: record.mode,
      schedule: record.schedule,
      workload: offering.workload ?? null,
      workloadHours: record.workloadHours,
      hoursPerWeek: record.hoursPerWeek,
      durationWeeks: record.durationWeeks,
      credits: record.credits,
      eqfLevel: record.eqfLevel,
      subjects: record.subjects,
      skills: record.skills,
      source: mapping.source,
      extra: offering.extra ?? {},
    };
    lines.push(JSON.stringify(own));
  }
}
const compressed = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
await writeFile(output, compressed);
process.stdout.write(
  `Wrote ${lines.length} offerings (${rejected} rejected) to ${path.relative(repositoryRoot, output)} (${(compressed.length / 1024 / 1024).toFixed(1)} MB)\n`,
);
