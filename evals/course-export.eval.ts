import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { streamCatalogueJsonLd } from '../adapters/storage/export-catalogue.js';
import { importCatalogueFile } from '../adapters/storage/import-catalogue-file.js';
import { listOfferings } from '../adapters/storage/offering-reader.js';
import { toCourseJsonLd } from '../src/catalogue/course-json-ld.js';
import { hasCourseInfoFacts, missingCourseInfoProperties } from '../src/catalogue/course-guidance.js';
import { differingFields } from '../src/catalogue/offering-fields.js';
import type { CatalogueOffering } from '../src/catalogue/offering.js';
import { freshEvalDatabase } from './fresh-database.js';

/**
 * npm run eval:course-export [-- --catalogue FILE]
 * Imports a catalogue (default: the demo catalogue), exports every active offering as schema.org Course
 * JSON-LD and prints (0) how many offerings are free with a price (none should be) and free with a
 * certificate fee; (1) the share whose export has every property Google's Course info guidance requires,
 * over all offerings and over those that hold the facts (the target there is 100 %), with the properties
 * most often missing; (2) the round trip: the whole dump (/api/offerings.jsonld's document) imported into a
 * second fresh database, every offering compared field by field, then imported again (every record unchanged).
 */

const { values } = parseArgs({ options: { catalogue: { type: 'string' } } });
const options = z
  .object({
    catalogue: z.string().default(fileURLToPath(new URL('../prisma/seed/demo-catalogue.jsonl.gz', import.meta.url))),
  })
  .parse(values);
const base = 'https://veileder.example.no';
const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10} %`;

const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'veileder-course-export-'));
const first = await freshEvalDatabase({ directory: path.join(workDirectory, 'first') });
const second = await freshEvalDatabase({ directory: path.join(workDirectory, 'second') });
try {
  await importCatalogueFile(first.database, { file: options.catalogue });
  const offerings = await activeOfferings(first.database.pool);
  const missing = new Map<string, number>();
  let passing = 0;
  let withFacts = 0;
  let passingWithFacts = 0;
  for (const offering of offerings) {
    const gaps = missingCourseInfoProperties(toCourseJsonLd({ offering, id: `${base}/api/offerings/${offering.id}` }));
    for (const gap of gaps) missing.set(gap, (missing.get(gap) ?? 0) + 1);
    const facts = hasCourseInfoFacts(offering);
    if (gaps.length === 0) passing += 1;
    if (facts) withFacts += 1;
    if (facts && gaps.length === 0) passingWithFacts += 1;
  }
  console.log(`catalogue: ${offerings.length} active offerings from ${options.catalogue}`);
  // Issue 16: 974 offerings were free *and* had a price (an edX certificate fee).
  const contradictory = offerings.filter(
    (offering) => offering.isFree === true && offering.priceNok !== null && offering.priceNok > 0,
  ).length;
  const withFee = offerings.filter(
    (offering) => offering.isFree === true && offering.certificatePriceNok !== null,
  ).length;
  console.log(
    `prices: free to follow with a price to follow: ${contradictory}; free to follow with a certificate fee: ${withFee}`,
  );
  console.log(
    `Google Course info, every required property: ${passing} of ${offerings.length} (${percent(passing, offerings.length)})`,
  );
  console.log(
    `  of the offerings that hold the facts: ${passingWithFacts} of ${withFacts} (${percent(passingWithFacts, withFacts)})`,
  );
  for (const [gap, count] of [...missing].sort((left, right) => right[1] - left[1]))
    console.log(
      `  missing ${gap}: ${count} (${percent(count, offerings.length)}) — the offering does not hold the fact`,
    );

  const dump = path.join(workDirectory, 'offerings.jsonld');
  const out = createWriteStream(dump);
  await streamCatalogueJsonLd({
    pool: first.database.pool,
    offeringUrl: (id) => `${base}/api/offerings/${id}`,
    write: (chunk) => (out.write(chunk) ? undefined : once(out, 'drain').then(() => undefined)),
  });
  out.end();
  await once(out, 'finish');
  const imported = await importCatalogueFile(second.database, { file: dump, source: 'round_trip' });
  const again = await importCatalogueFile(second.database, { file: dump, source: 'round_trip' });
  const back = new Map(
    (await activeOfferings(second.database.pool)).map((offering) => [offering.sources[0]?.externalId, offering]),
  );
  let equal = 0;
  const differences = new Map<string, number>();
  const examples: string[] = [];
  for (const offering of offerings) {
    const other = back.get(`${base}/api/offerings/${offering.id}`);
    const fields = other ? differingFields(offering, other) : ['missing after import'];
    if (fields.length === 0) equal += 1;
    for (const field of fields)
      differences.set(field.split(':')[0] as string, (differences.get(field.split(':')[0] as string) ?? 0) + 1);
    if (fields.length > 0 && examples.length < 5) examples.push(`  ${offering.title}: ${fields.join('; ')}`);
  }
  console.log(
    `round trip (export → import): read ${imported.read}, inserted ${imported.inserted}, merged ${imported.merged}, rejected ${imported.rejected}`,
  );
  for (const rejection of imported.rejections.slice(0, 3))
    console.log(`  rejected item ${rejection.line}: ${rejection.reason}`);
  console.log(`  every field equal: ${equal} of ${offerings.length} (${percent(equal, offerings.length)})`);
  for (const [field, count] of differences) console.log(`  ${field} differs: ${count}`);
  for (const example of examples) console.log(example);
  console.log(
    `  imported again: unchanged ${again.unchanged} of ${again.read}, updated ${again.updated}, inserted ${again.inserted}`,
  );
} finally {
  await first.drop();
  await second.drop();
  await rm(workDirectory, { recursive: true, force: true });
}

async function activeOfferings(pool: Parameters<typeof listOfferings>[0]): Promise<CatalogueOffering[]> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM offering WHERE status = 'active' ORDER BY id`);
  return listOfferings(pool, { ids: rows.map((row) => row.id) });
}
