import { ConfigurationError } from '../configuration.js';
import { VeilederError } from '../../src/errors.js';
import { MigrationError } from '../storage/migrate.js';
import { UsageError } from './commands/command.js';
import { commands } from './commands/index.js';

// `veileder <command> [options]`. Each command lives in its own file under commands/ and is listed in
// commands/index.ts; this file only dispatches and turns known errors into a clear message and exit code.

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;

if (!command) {
  const list = Object.entries(commands)
    .map(([commandName, entry]) => `  ${commandName.padEnd(18)} ${entry.summary}`)
    .join('\n');
  const unknown = name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n` : '';
  process.stderr.write(`${unknown}Usage: veileder <command> [options]\n\nCommands:\n${list}\n`);
  process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0);
}

try {
  const code = await command.run(args);
  if (typeof code === 'number' && code !== 0) process.exitCode = code;
} catch (error) {
  const known = knownFailure(error);
  if (!known) throw error;
  process.stderr.write(`veileder ${name}: ${known.message}\n`);
  process.exit(known.exitCode);
}

/**
 * Errors the operator can act on become one clear message and an exit code: 2 for a wrong command line or
 * configuration (fix how it is called), 1 for everything else. Anything unknown keeps its stack trace:
 * that is a bug, and the trace is what finds it.
 */
function knownFailure(error: unknown): { message: string; exitCode: number } | undefined {
  if (error instanceof UsageError || error instanceof ConfigurationError)
    return { message: error.message, exitCode: 2 };
  if (error instanceof VeilederError)
    return {
      message: error.userMessage,
      exitCode: error.code === 'invalid_request' || error.code === 'invalid_configuration' ? 2 : 1,
    };
  if (error instanceof MigrationError) return { message: error.message, exitCode: 1 };
  return undefined;
}
