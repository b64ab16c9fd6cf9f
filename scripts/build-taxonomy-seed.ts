// Builds prisma/seed/taxonomy.jsonl.gz from the raw SSB/ESCO/NAV files, so Veileder ships its taxonomy
// without them. Run: npx tsx scripts/build-taxonomy-seed.ts [DATA_FOLDER (default ../shared/data)] [OUTPUT]
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readTaxonomyDataFolder, taxonomyDataFiles, taxonomySeedFile } from '../adapters/storage/taxonomy-sources.js';
import { serializeTaxonomySeed } from '../src/taxonomy/taxonomy-seed.js';

const folder = process.argv[2] ?? '../shared/data';
const output = process.argv[3] ?? taxonomySeedFile;
const { dataset, report } = await readTaxonomyDataFolder({ folder });

// Skill descriptions are two thirds of the raw text and nothing at run time reads them (lookups use
// labels); occupation, ISCO and SN2007 descriptions stay, they explain a code to a learner or adviser.
const concepts = dataset.concepts.map((concept) =>
  concept.scheme === 'esco_skill' ? { ...concept, description: null } : concept,
);
const sources = [
  'SSB KLASS STYRK-08 and SN2007 (via Altinn/codelists-lib-dotnet test data)',
  'ESCO v1.1.1 English classification (European Commission, via tabiya-tech/tabiya-esco-datasets-and-tools)',
  'NAV datahotell arbeidssokere_yrke.csv (yrkesbetegnelser, ISCO-08 rows)',
  ...Object.values(taxonomyDataFiles).map((file) => `file: ${file}`),
];
const text = `${[...serializeTaxonomySeed({ dataset: { concepts, relations: dataset.relations }, sources })].join('\n')}\n`;
const packed = gzipSync(text, { level: 9 });
await writeFile(output, packed);
process.stdout.write(
  `${output}: ${concepts.length} concepts, ${dataset.relations.length} relations, ${(text.length / 1e6).toFixed(1)} MB text, ${(packed.length / 1e6).toFixed(2)} MB gzipped\n` +
    `links: ${JSON.stringify(report)}\n`,
);
