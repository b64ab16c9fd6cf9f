import { adviserCommand } from './adviser.js';
import { chatCommand } from './chat.js';
import type { Command } from './command.js';
import { credentialCommand, credentialKeysCommand, providerKeyCommand } from './credentials.js';
import { feedCommand } from './feed.js';
import { importCommand } from './import.js';
import { importTaxonomyCommand } from './import-taxonomy.js';
import { migrateCommand } from './migrate.js';
import { purgeCommand } from './purge.js';
import { remindMandatoryCommand } from './remind-mandatory.js';
import { serveCommand } from './serve.js';
import { teamPlanCommand } from './team-plan.js';

export const commands: Record<string, Command> = {
  migrate: migrateCommand,
  import: importCommand,
  'import-taxonomy': importTaxonomyCommand,
  serve: serveCommand,
  chat: chatCommand,
  adviser: adviserCommand,
  purge: purgeCommand,
  'provider-key': providerKeyCommand,
  feed: feedCommand,
  'credential-keys': credentialKeysCommand,
  credential: credentialCommand,
  'team-plan': teamPlanCommand,
  'remind-mandatory': remindMandatoryCommand,
};
