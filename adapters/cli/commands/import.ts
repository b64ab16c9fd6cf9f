import cliProgress from 'cli-progress';
import { loadConfiguration } from '../../configuration.js';
import { feedEncodingOf } from '../../feeds/feed-encoding.js';
import { feedFormats, FeedFileError, type FeedFormat } from '../../feeds/open-feed.js';
import { openDatabase } from '../../storage/database.js';
import { importCatalogueFile, type ImportReport } from '../../storage/import-catalogue-file.js';
import { migrate } from '../../storage/migrate.js';
import { maximumWithdrawnShare } from '../../../src/catalogue/withdrawal-guard.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const usage = `Usage: veileder import FILE [--format ${feedFormats.join('|')}] [--encoding utf-8|latin1] [--source NAME] [--mapping FILE] [--own-feed-of PROVIDER] [--provider NAME] [--partial] [--allow-mass-withdrawal] [--json]
  FILE        JSON Lines (Veileder's own schema), CSV (needs --mapping), schema.org or ELM JSON-LD, ELM XML (loq); .gz is read as is
  --provider NAME
              the provider of schema.org courses that name none (provider, publisher, sourceOrganization, creator, author)
  --encoding  the file's text encoding; default: UTF-8, or Latin-1 (Windows-1252) for a CSV plainly not UTF-8
  --own-feed-of PROVIDER
              the file (with --source) is PROVIDER's own feed, from now on: it may list only PROVIDER's
              offerings, and its fields win over an aggregator's where both describe one offering
  --partial   the file lists only some offerings: do not withdraw the source's offerings missing from it
  --allow-mass-withdrawal
              the provider really dropped more than ${Math.round(maximumWithdrawnShare * 100)} % of its offerings: withdraw them all
  --json      print the report as one JSON object on stdout`;

/** Rejections printed in the text report; all are stored with the run and all go into --json (first 100). */
const printedRejections = 20;

export const importCommand: Command = {
  summary: 'import offerings from a feed file (JSON Lines, CSV with a mapping, schema.org or ELM JSON-LD, ELM XML)',
  async run(args) {
    const parsed = parseCommandArgs(
      {
        args,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          encoding: { type: 'string' },
          source: { type: 'string' },
          mapping: { type: 'string' },
          partial: { type: 'boolean', default: false },
          'allow-mass-withdrawal': { type: 'boolean', default: false },
          'own-feed-of': { type: 'string' },
          provider: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      },
      usage,
    );
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(`Give exactly one FILE.\n${usage}`);
    if (values.format && !(feedFormats as readonly string[]).includes(values.format))
      throw new UsageError(`Unknown --format ${values.format}.\n${usage}`);
    const encoding = values.encoding === undefined ? undefined : feedEncodingOf(values.encoding);
    if (values.encoding !== undefined && !encoding)
      throw new UsageError(`Unknown --encoding ${values.encoding}: give utf-8 or latin1 (windows-1252).\n${usage}`);
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    const progress =
      process.stderr.isTTY && !values.json
        ? new cliProgress.SingleBar(
            { format: 'Importing {bar} {percentage}% of the file | {records} records', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    try {
      await migrate(database.pool);
      progress?.start(100, 0, { records: 0 });
      const report = await importCatalogueFile(database, {
        file: positionals[0] as string,
        format: values.format as FeedFormat | undefined,
        encoding,
        source: values.source,
        mapping: values.mapping,
        full: !values.partial,
        allowMassWithdrawal: values['allow-mass-withdrawal'],
        ownFeedOf: values['own-feed-of'],
        provider: values.provider,
        usdToNok: configuration.feeds.usdToNok,
        onProgress: (done, fractionOfFile) => progress?.update(Math.round(fractionOfFile * 100), { records: done }),
      });
      progress?.stop();
      process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : describe(report));
    } catch (error) {
      progress?.stop();
      if (error instanceof FeedFileError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};

function describe(report: ImportReport): string {
  const lines = [
    `Imported ${report.file} (${report.format}${report.encoding === 'utf-8' ? '' : `, read as ${report.encoding}`}, source ${report.source}) in ${report.seconds} s`,
    `  read ${report.read}: ${report.inserted} inserted, ${report.merged} merged into offerings from other sources, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
    ...(report.suggestedDuplicates
      ? [
          `  kept apart, not merged: ${report.suggestedDuplicates} with the link of another provider's offering (listed as possible duplicates in catalogue care)`,
        ]
      : []),
    `  withdrawn (no longer in the feed): ${report.withdrawn}`,
    ...report.withdrawalsHeld.map(
      (held) =>
        `  kept ${held.missing} offerings of ${held.source} the file does not list, not withdrawn: ${held.reason}`,
    ),
  ];
  if (report.rejections.length) {
    lines.push(
      `  rejected records (line: reason)${report.rejected > printedRejections ? `, first ${printedRejections} of ${report.rejected}` : ''}:`,
    );
    for (const rejection of report.rejections.slice(0, printedRejections))
      lines.push(`    ${rejection.line}: ${rejection.reason}`);
    lines.push(`  every rejection is stored with its raw text: import_rejection where run_id = '${report.runId}'`);
  }
  return `${lines.join('\n')}\n`;
}
