import os from 'node:os';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfiguration } from '../../configuration.js';
import type { Reply } from '../../../src/dialogue/turn.js';
import { openAssistantRetrieval } from '../../assistant/catalogue-recommender.js';
import { remoteEmbeddingFrom } from '../../embeddings/openai-embedder.js';
import { createOccupationLookup } from '../../../src/taxonomy/occupation-lookup.js';
import { createAssistant } from '../../assistant/create-assistant.js';
import { createDialogueExtensions, extensionWaiting } from '../../assistant/dialogue-extensions.js';
import { createLogger } from '../../logging.js';
import { createConversationStore } from '../../storage/conversation-store.js';
import { openDatabase } from '../../storage/database.js';
import { seedTaxonomyIfEmpty } from '../../storage/import-taxonomy.js';
import { migrate } from '../../storage/migrate.js';
import { loadOccupationTaxonomy } from '../../storage/taxonomy-store.js';
import { UsageError, type Command } from './command.js';

/**
 * `veileder chat` — the assistant in the terminal, on the same core and memory as every other channel.
 * Each line is a turn; "/quit" or Ctrl-D ends. The learner is the OS user (or --user), so a later
 * `veileder chat` is a returning learner.
 */
export const chatCommand: Command = {
  summary: 'talk to the assistant in the terminal (--user NAME, --session KEY)',
  async run(args) {
    const values = readOptions(args);
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    const input = process.stdin;
    const output = process.stdout;
    try {
      await migrate(database.pool);
      const { rows } = await database.pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM offering WHERE status = 'active'`,
      );
      if (rows[0]!.count === 0)
        throw new UsageError(
          'The catalogue is empty: import offerings first (`veileder import FILE`), or run `veileder serve` once to load the demo catalogue.',
        );
      const store = createConversationStore({ pool: database.pool, waiting: extensionWaiting });
      await seedTaxonomyIfEmpty(database.pool);
      const taxonomy = await loadOccupationTaxonomy(database.pool);
      const retrieval = await openAssistantRetrieval({
        database,
        dataDir: configuration.storage.dataDir,
        ratings: { ratingsFor: (ids) => store.ratingSummaries(ids) },
        taxonomy,
        remoteEmbedding: remoteEmbeddingFrom(configuration.openai),
      });
      const occupations = createOccupationLookup(taxonomy);
      const assistant = await createAssistant({
        store,
        configuration,
        recommender: retrieval.recommender,
        providerNames: retrieval.providerNames,
        occupations,
        extensions: await createDialogueExtensions({
          database,
          configuration,
          log: createLogger({ level: configuration.logging.level }),
          recommender: retrieval.recommender,
          occupations,
        }),
      });
      const userId = values.user ?? os.userInfo().username;
      output.write(
        `Veileder — ${retrieval.offeringCount} offerings, ${assistant.modelName ? `model ${assistant.modelName}` : 'local understanding (no model configured)'}. Learner "${userId}". Type /quit to leave.\n\n`,
      );
      const lines = createInterface({ input, output, terminal: Boolean(input.isTTY) });
      // A terminal gets a prompt per line; piped input (scripts, tests) is read line by line as it comes.
      const turns = input.isTTY ? prompted(lines) : lines[Symbol.asyncIterator]();
      for (let next = await turns.next(); !next.done; next = await turns.next()) {
        const line = next.value.trim();
        if (line === '/quit') break;
        if (line === '') continue;
        const reply = await assistant.handleTurn({
          channel: 'terminal',
          userId,
          text: line,
          ...(values.session ? { sessionId: values.session } : {}),
        });
        output.write(`\n${render(reply)}\n\n`);
      }
      lines.close();
    } finally {
      await database.close();
    }
  },
};

async function* prompted(lines: ReturnType<typeof createInterface>): AsyncGenerator<string> {
  let closed = false;
  lines.once('close', () => (closed = true));
  while (!closed) {
    // Ctrl-D closes the interface, which rejects the pending question: that is the end of the chat.
    const line = await lines.question('du> ').catch(() => null);
    if (line === null) return;
    yield line;
  }
}

function readOptions(args: string[]): { user?: string; session?: string } {
  try {
    return parseArgs({ args, options: { user: { type: 'string' }, session: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(`veileder chat [--user NAME] [--session KEY]: ${(error as Error).message}`);
  }
}

function render(reply: Reply): string {
  const buttons = reply.actions?.length ? `\n[${reply.actions.map((action) => action.label).join('] [')}]` : '';
  return `veileder> ${reply.text}${buttons}`;
}
