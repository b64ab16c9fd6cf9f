import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { buildTeamPlan, type TeamPlan } from '../src/organisations/team-plan.js';
import { teamPlanCsv } from '../src/organisations/team-plan-csv.js';
import { freshEvalDatabase } from './fresh-database.js';
import { evalOrganisations } from './team-plan-organisations.js';

/**
 * npm run eval:team-plan [-- --catalogue FILE] [--only NAME] [--csv OUT.csv] [--budget NOK] [--taxonomy DATA_FOLDER]
 *                          [--judged FILE] [--ungraded OUT.json]
 * Team plans for the judged set's eight organisations (evals/team-plan-organisations.ts: construction,
 * health and care, retail, IT, transport and logistics, hospitality, manufacturing, municipal services)
 * against the shipped taxonomy seed and a catalogue (default: the demo catalogue). Prints each plan with the
 * evidence for every match, and reports:
 * - skill coverage: the share of essential skills shown with at least one offering, per role and overall;
 * - acceptance: of every shown skill→offering match and role suggestion, the share graded acceptable in the
 *   judged file (evals/team-plan-judged.json; the rule is evals/team-plan-grading.md). Shown items not yet
 *   graded are listed (and written to --ungraded) and counted apart, never as acceptable.
 */

const { values } = parseArgs({
  options: {
    catalogue: { type: 'string' },
    only: { type: 'string' },
    csv: { type: 'string' },
    budget: { type: 'string' },
    taxonomy: { type: 'string' },
    judged: { type: 'string' },
    ungraded: { type: 'string' },
  },
});
const options = z
  .object({
    catalogue: z.string().default(fileURLToPath(new URL('../prisma/seed/demo-catalogue.jsonl.gz', import.meta.url))),
    only: z.string().optional(),
    csv: z.string().optional(),
    budget: z.coerce.number().nonnegative().optional(),
    taxonomy: z.string().optional(),
    judged: z.string().default(fileURLToPath(new URL('./team-plan-judged.json', import.meta.url))),
    ungraded: z.string().optional(),
  })
  .parse(values);

const gradeSchema = z.object({
  kind: z.enum(['skill', 'role']),
  about: z.string(),
  offering: z.string(),
  provider: z.string(),
  acceptable: z.boolean(),
  note: z.string().optional(),
});
type Grade = z.infer<typeof gradeSchema>;
const judged = z
  .object({ rule: z.string(), grades: z.array(gradeSchema) })
  .parse(JSON.parse(await readFile(options.judged, 'utf8').catch(() => '{"rule":"","grades":[]}')));
/** A grade is for an offering (title and provider: ids change with every fresh import) shown for one skill (by label) or one role (by STYRK code). */
const gradeKey = (grade: Pick<Grade, 'kind' | 'about' | 'offering' | 'provider'>) =>
  `${grade.kind}|${grade.about}|${grade.offering}|${grade.provider}`;
const grades = new Map(judged.grades.map((grade) => [gradeKey(grade), grade]));

const started = performance.now();
const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'veileder-team-plan-'));
const { database, drop } = await freshEvalDatabase({ directory: workDirectory });
const shown: Omit<Grade, 'acceptable' | 'note'>[] = [];
try {
  const taxonomy = await importTaxonomy({ pool: database.pool, from: options.taxonomy });
  console.log(`taxonomy: ${JSON.stringify(taxonomy.relationsByKind)} from ${taxonomy.source}`);
  const catalogue = await importCatalogueFile(database, { file: options.catalogue });
  console.log(`catalogue: ${catalogue.inserted} offerings from ${options.catalogue}`);
  const retrieval = await openRetrieval({ database, dataDir: workDirectory, concepts: await loadConceptMatcher() });
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  const plans: TeamPlan[] = [];
  for (const input of evalOrganisations.filter(
    (organisation) => !options.only || organisation.name.toLowerCase().includes(options.only.toLowerCase()),
  )) {
    const organisation = await createOrganisation(database.pool, {
      owner: {},
      input: organisationInputSchema.parse({ ...input, learningBudgetNok: options.budget ?? input.learningBudgetNok }),
    });
    const plan = await buildTeamPlan({
      organisation,
      sources: teamPlanSources({ pool: database.pool, search: retrieval.recommender }),
    });
    plans.push(plan);
    console.log(
      `\n=== ${plan.organisation.name} (SN2007 ${input.industryCode}, ${input.county}): budget ${plan.organisation.learningBudgetNok} NOK/person/year → free first: ${plan.freeFirst}`,
    );
    for (const role of plan.roles) {
      console.log(
        `\n${role.title} (STYRK ${role.styrkCode} ${role.styrkLabel}; path ${role.path}; ESCO occupations: ${role.occupations.length})`,
      );
      console.log(
        `  skill coverage ${role.coverage.covered}/${role.coverage.skills} = ${percent(role.coverage.share)}`,
      );
      for (const skill of role.skills) {
        if (!skill.offerings.length) console.log(`  ✗ ${skill.label} — gap`);
        for (const offering of skill.offerings) {
          const item = {
            kind: 'skill' as const,
            about: skill.label,
            offering: offering.title,
            provider: offering.provider,
          };
          shown.push(item);
          const grade = grades.get(gradeKey(item));
          console.log(
            `  ${grade ? (grade.acceptable ? '✓' : '✗') : '?'} ${skill.label} → ${offering.title} — ${offering.provider} [${offering.evidence.basis} ${offering.evidence.score.toFixed(2)}: «${offering.evidence.where.slice(0, 90)}»]`,
          );
        }
      }
      if (!role.roleOfferings.length)
        console.log('  for the role as a whole: (nothing in the catalogue fits this role)');
      for (const offering of role.roleOfferings) {
        const item = {
          kind: 'role' as const,
          about: role.styrkCode,
          offering: offering.title,
          provider: offering.provider,
        };
        shown.push(item);
        const grade = grades.get(gradeKey(item));
        console.log(
          `  ${grade ? (grade.acceptable ? '✓' : '✗') : '?'} role: ${offering.title} — ${offering.provider} [${offering.route.kind}: ${offering.route.because}]`,
        );
      }
    }
    console.log(
      `\n${plan.organisation.name}: skill coverage ${plan.coverage.covered}/${plan.coverage.skills} = ${percent(plan.coverage.share)}`,
    );
  }

  const distinctSkills = new Map(
    plans
      .flatMap((plan) => plan.roles.flatMap((role) => role.skills))
      .map((skill) => [skill.id, skill.offerings.length > 0]),
  );
  const coveredSkills = [...distinctSkills.values()].filter(Boolean).length;
  console.log(
    `\noverall skill coverage (distinct skills of ${plans.length} organisations): ${coveredSkills}/${distinctSkills.size} = ${percent(distinctSkills.size ? coveredSkills / distinctSkills.size : 0)}`,
  );
  for (const kind of ['skill', 'role'] as const) {
    const items = shown.filter((item) => item.kind === kind);
    const graded = items
      .map((item) => grades.get(gradeKey(item)))
      .filter((grade): grade is Grade => grade !== undefined);
    const acceptable = graded.filter((grade) => grade.acceptable).length;
    const label = kind === 'skill' ? 'shown skill→offering matches' : 'shown role suggestions';
    console.log(
      `${label}: ${items.length}; graded ${graded.length}; acceptable ${acceptable}/${graded.length} = ${percent(graded.length ? acceptable / graded.length : 0)}`,
    );
  }
  // A skill whose every shown offering was graded unacceptable is not shown as a gap: count them.
  const withoutAcceptable = plans
    .flatMap((plan) => plan.roles.flatMap((role) => role.skills))
    .filter(
      (skill) =>
        skill.offerings.length > 0 &&
        skill.offerings.every(
          (offering) =>
            grades.get(
              gradeKey({ kind: 'skill', about: skill.label, offering: offering.title, provider: offering.provider }),
            )?.acceptable === false,
        ),
    );
  console.log(
    `skills shown with offerings none of which is acceptable (should have been gaps): ${new Set(withoutAcceptable.map((skill) => skill.label)).size}`,
  );
  const ungraded = shown.filter((item) => !grades.has(gradeKey(item)));
  const uniqueUngraded = [...new Map(ungraded.map((item) => [gradeKey(item), item])).values()];
  if (uniqueUngraded.length)
    console.log(
      `not yet graded: ${uniqueUngraded.length}${options.ungraded ? ` (written to ${options.ungraded})` : ''}`,
    );
  if (options.ungraded) await writeFile(options.ungraded, `${JSON.stringify(uniqueUngraded, null, 2)}\n`);
  if (options.csv) await writeFile(options.csv, plans.map(teamPlanCsv).join(''));
  console.log(`whole eval ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await drop();
  await rm(workDirectory, { recursive: true, force: true });
}
