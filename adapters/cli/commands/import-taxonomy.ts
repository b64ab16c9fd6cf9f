import { loadConfiguration } from '../../configuration.js';
import { openDatabase } from '../../storage/database.js';
import { importTaxonomy } from '../../storage/import-taxonomy.js';
import { migrate } from '../../storage/migrate.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const usage = 'Usage: veileder import-taxonomy [--from DATA_FOLDER] [--seed FILE] [--json]';

export const importTaxonomyCommand: Command = {
  summary: 'import STYRK-08, SN2007, ISCO-08 and ESCO (the shipped seed, or --from ../shared/data)',
  async run(args) {
    const { values } = parseCommandArgs(
      {
        args,
        options: { from: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean', default: false } },
      },
      usage,
    );
    if (values.from && values.seed) throw new UsageError(`Give --from or --seed, not both.\n${usage}`);
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      await migrate(database.pool);
      const report = await importTaxonomy({ pool: database.pool, from: values.from, seedFile: values.seed });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const schemes = Object.entries(report.conceptsByScheme)
        .map(([scheme, count]) => `${scheme} ${count}`)
        .join(', ');
      const kinds = Object.entries(report.relationsByKind)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
      process.stdout.write(
        `Imported the taxonomy from ${report.source} in ${report.seconds} s\n` +
          `  concepts: ${schemes}\n` +
          `            ${report.concepts.inserted} inserted, ${report.concepts.updated} updated, ${report.concepts.unchanged} unchanged\n` +
          `  relations: ${kinds}\n` +
          `            ${report.relations.inserted} inserted, ${report.relations.unchanged} already there\n`,
      );
      if (report.links) {
        const links = report.links;
        process.stdout.write(
          `  STYRK-08 ⇄ ISCO-08: ${links.styrkGroupsWithSameIscoCode} 4-digit groups share their code; STYRK-only ${links.styrkGroupsWithoutIsco.join(' ')}; ISCO-only ${links.iscoGroupsWithoutStyrk.length}\n` +
            `  NAV job titles added as alt labels: ${links.navTitlesAdded}; relations left out (unknown concept): ${links.relationsWithUnknownEnds}\n`,
        );
      }
    } finally {
      await database.close();
    }
  },
};
