import { ConceptMatcher } from '../../../src/retrieval/concept-matcher.js';
import { remoteEmbeddingFrom } from '../../embeddings/openai-embedder.js';
import { openRetrieval } from '../../index/retrieval-service.js';
import { loadConfiguration } from '../../configuration.js';
import { notFound } from '../../../src/errors.js';
import { drawTeamPlan } from '../../storage/draw-team-plan.js';
import { teamPlanCsv } from '../../../src/organisations/team-plan-csv.js';
import { openDatabase } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { loadOccupationTaxonomy } from '../../storage/taxonomy-store.js';
import { getOrganisation } from '../../storage/organisation-store.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const usage = 'Usage: veileder team-plan ORGANISATION_ID|ORGANISATION_NUMBER [--csv | --json]';

export const teamPlanCommand: Command = {
  summary:
    "an organisation's team plan: skills per role, offerings that teach them, gaps and coverage (text, --csv or --json)",
  async run(args) {
    const parsed = parseCommandArgs(
      {
        args,
        allowPositionals: true,
        options: { csv: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      },
      usage,
    );
    const [key, ...rest] = parsed.positionals;
    if (!key || rest.length || (parsed.values.csv && parsed.values.json)) throw new UsageError(usage);
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      await migrate(database.pool);
      const { rows } = await database.pool.query<{ id: string }>(
        'SELECT id FROM organisation WHERE id = $1 OR organisation_number = $2',
        [key, key.replace(/\s/g, '')],
      );
      const organisation = rows[0] && (await getOrganisation(database.pool, rows[0].id));
      if (!organisation) throw notFound({ what: 'Organisation', id: key });
      const retrieval = await openRetrieval({
        database,
        dataDir: configuration.storage.dataDir,
        concepts: new ConceptMatcher({ taxonomy: await loadOccupationTaxonomy(database.pool) }),
        remoteEmbedding: remoteEmbeddingFrom(configuration.openai),
      });
      const plan = await drawTeamPlan({
        pool: database.pool,
        organisation,
        search: retrieval.recommender,
        settings: { smallBudgetNok: configuration.organisations.smallBudgetNok },
      });
      if (parsed.values.csv) return void process.stdout.write(teamPlanCsv(plan));
      if (parsed.values.json) return void process.stdout.write(`${JSON.stringify(plan)}\n`);
      const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
      const lines = [
        `Team plan for ${plan.organisation.name}${plan.freeFirst ? ' (small budget: free offerings first)' : ''}`,
      ];
      for (const role of plan.roles) {
        lines.push(
          '',
          `${role.title} — STYRK ${role.styrkCode} ${role.styrkLabel ?? ''}, ${role.headcount} people; skill coverage ${role.coverage.covered}/${role.coverage.skills} = ${percent(role.coverage.share)}`,
        );
        for (const skill of role.skills) {
          const first = skill.offerings[0];
          lines.push(
            `  ${first ? '✓' : '✗'} ${skill.label}${first ? ` → ${first.title} — ${first.provider}${first.isFree ? ' [free]' : ''}` : ' (gap)'}`,
          );
        }
      }
      lines.push(
        '',
        `Overall skill coverage (distinct skills): ${plan.coverage.covered}/${plan.coverage.skills} = ${percent(plan.coverage.share)}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await database.close();
    }
  },
};
