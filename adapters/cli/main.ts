import { ConfigurationError } from '../../src/config.js';
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
  if (error instanceof ConfigurationError || (error instanceof Error && error.name === 'UsageError')) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
