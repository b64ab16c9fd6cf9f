import type { Command } from './command.js';
import { migrateCommand } from './migrate.js';

export const commands: Record<string, Command> = {
  migrate: migrateCommand,
};
