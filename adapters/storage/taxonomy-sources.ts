import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { invalidFile } from '../../src/errors.js';
import { buildTaxonomy, type TaxonomyBuildReport } from '../../src/taxonomy/build-taxonomy.js';
import type { TaxonomyDataset } from '../../src/taxonomy/concept.js';
import {
  parseEscoOccupations,
  parseEscoSkills,
  parseIscoGroups,
  parseOccupationSkillRelations,
} from '../../src/taxonomy/parse-esco.js';
import { parseKlassCodes } from '../../src/taxonomy/parse-klass.js';
import { parseNavJobTitles } from '../../src/taxonomy/parse-nav-job-titles.js';
import { parseTaxonomySeed, type TaxonomySeedHeader } from '../../src/taxonomy/taxonomy-seed.js';

/** Where the taxonomy comes from: the raw SSB/ESCO/NAV files (a data folder) or the shipped seed. */

export const taxonomySeedFile = fileURLToPath(new URL('../../prisma/seed/taxonomy.jsonl.gz', import.meta.url));

/** Paths inside a data folder laid out like ../shared/data. */
export const taxonomyDataFiles = {
  styrk: 'ssb_klass/styrk08_occupations.json',
  sn2007: 'ssb_klass/sn2007_industry_grouping.json',
  isco: 'esco_v1.1.1_en/ISCOGroups_en.csv',
  escoOccupations: 'esco_v1.1.1_en/occupations_en.csv',
  escoSkills: 'esco_v1.1.1_en/skills_en.csv',
  occupationSkills: 'esco_v1.1.1_en/occupationSkillRelations.csv',
  navJobTitles: 'nav_datahotell/arbeidssokere_yrke.csv',
} as const;

export async function readTaxonomyDataFolder(options: {
  folder: string;
}): Promise<{ dataset: TaxonomyDataset; report: TaxonomyBuildReport }> {
  const read = async (name: keyof typeof taxonomyDataFiles) => {
    const file = path.join(options.folder, taxonomyDataFiles[name]);
    try {
      return { text: await readFile(file, 'utf8'), file };
    } catch (error) {
      throw invalidFile({
        file,
        problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); --from must point at a folder laid out like ../shared/data`,
        cause: error,
      });
    }
  };
  return buildTaxonomy({
    styrk: parseKlassCodes({ ...(await read('styrk')), scheme: 'styrk08' }),
    sn2007: parseKlassCodes({ ...(await read('sn2007')), scheme: 'sn2007' }),
    isco: parseIscoGroups(await read('isco')),
    escoOccupations: parseEscoOccupations(await read('escoOccupations')),
    escoSkills: parseEscoSkills(await read('escoSkills')),
    occupationSkills: parseOccupationSkillRelations(await read('occupationSkills')),
    navJobTitles: parseNavJobTitles(await read('navJobTitles')),
  });
}

export async function readTaxonomySeedFile(
  options: { file?: string } = {},
): Promise<TaxonomyDataset & { header: TaxonomySeedHeader }> {
  const file = options.file ?? taxonomySeedFile;
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw invalidFile({ file, problem: `cannot be read or unpacked (${(error as Error).message})`, cause: error });
  }
  return parseTaxonomySeed({ lines: text.split('\n'), file });
}
