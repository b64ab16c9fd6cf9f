import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../adapters/index/retrieval-service.js';
import { importCatalogueFile } from '../adapters/storage/import-catalogue-file.js';
import { importTaxonomy } from '../adapters/storage/import-taxonomy.js';
import { createOrganisation } from '../adapters/storage/organisation-store.js';
import { teamPlanSources } from '../adapters/storage/team-plan-sources.js';
import { organisationInputSchema } from '../src/organisations/organisation.js';
import { buildTeamPlan } from '../src/organisations/team-plan.js';
import { teamPlanCsv } from '../src/organisations/team-plan-csv.js';
import { freshEvalDatabase } from './fresh-database.js';

/**
 * npm run eval:team-plan [-- --catalogue FILE] [--csv OUT.csv] [--budget NOK] [--taxonomy DATA_FOLDER]
 * A real Norwegian role set — a construction firm (SN2007 41.200 Oppføring av bygninger) with carpenters
 * (STYRK 7115), electricians (7411) and site managers (3123 Arbeidsleder, bygg og anlegg, whose NAV titles
 * include "Anleggsleder") — planned against the shipped taxonomy seed and a catalogue (default: the demo
 * catalogue). Prints the skill coverage: the share of essential skills with at least one matching offering,
 * per role and over the distinct skills of all roles.
 */

const { values } = parseArgs({ options: { catalogue: { type: 'string' }, csv: { type: 'string' }, budget: { type: 'string' }, taxonomy: { type: 'string' } } });
const options = z
  .object({ catalogue: z.string().default(fileURLToPath(new URL('../prisma/seed/demo-catalogue.jsonl.gz', import.meta.url))), csv: z.string().optional(), budget: z.coerce.number().nonnegative().default(3_000), taxonomy: z.string().optional() })
  .parse(values);

const started = performance.now();
const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'veileder-team-plan-'));
const { database, drop } = await freshEvalDatabase({ directory: workDirectory });
try {
  const taxonomy = await importTaxonomy({ pool: database.pool, from: options.taxonomy });
  console.log(`taxonomy: ${JSON.stringify(taxonomy.relationsByKind)} from ${taxonomy.source}`);
  const catalogue = await importCatalogueFile(database, { file: options.catalogue });
  console.log(`catalogue: ${catalogue.inserted} offerings from ${options.catalogue}`);
  const retrieval = await openRetrieval({ database, dataDir: workDirectory, concepts: await loadConceptMatcher() });
  const organisation = await createOrganisation(database.pool, {
    owner: {},
    input: organisationInputSchema.parse({
      name: 'Fjordbygg AS',
      organisationNumber: '974760673',
      industryCode: '41.200',
      county: 'Vestland',
      size: 24,
      learningBudgetNok: options.budget,
      hoursPerWeek: 2,
      roles: [
        { styrkCode: '7115', title: 'Tømrer', headcount: 14 },
        { styrkCode: '7411', title: 'Elektriker', headcount: 6 },
        { styrkCode: '3123', title: 'Anleggsleder', headcount: 4 },
      ],
    }),
  });
  const plan = await buildTeamPlan({ organisation, sources: teamPlanSources({ pool: database.pool, search: retrieval.recommender }) });
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  console.log(`\n${plan.organisation.name}: budget ${options.budget} NOK/person/year → free first: ${plan.freeFirst}`);
  for (const role of plan.roles) {
    console.log(`\n${role.title} (STYRK ${role.styrkCode} ${role.styrkLabel}; ESCO occupations: ${role.occupations.length})`);
    console.log(`  skill coverage ${role.coverage.covered}/${role.coverage.skills} = ${percent(role.coverage.share)}`);
    for (const skill of role.skills) {
      const first = skill.offerings[0];
      console.log(`  ${first ? '✓' : '✗'} ${skill.label} (${percent(skill.share)} of the occupations)${first ? ` → ${first.title} — ${first.provider}${first.isFree ? ' [free]' : ''}` : ''}`);
    }
    console.log(`  for the role as a whole: ${role.roleOfferings.slice(0, 3).map((offering) => `${offering.title} — ${offering.provider}`).join(' | ') || '(none)'}`);
  }
  console.log(`\noverall skill coverage (distinct skills): ${plan.coverage.covered}/${plan.coverage.skills} = ${percent(plan.coverage.share)}`);
  if (options.csv) await writeFile(options.csv, teamPlanCsv(plan));
  console.log(`whole eval ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await drop();
  await rm(workDirectory, { recursive: true, force: true });
}
