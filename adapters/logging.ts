/**
 * A small line logger: human-readable lines on stderr (stdout stays free for command output such as
 * `--json`), filtered by VEILEDER_LOG_LEVEL. Fields are appended as key=value so lines stay greppable.
 */

export type LogLevel = 'silent' | 'error' | 'info' | 'debug';
type LogFields = Record<string, unknown>;
export type Logger = {
  error(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
};

const rank: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

export function createLogger(options: { level: LogLevel; write?: (line: string) => void }): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields) => {
    if (rank[level] > rank[options.level]) return;
    const suffix = fields
      ? Object.entries(fields)
          .map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join('')
      : '';
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}${suffix}`);
  };
  return { error: log('error'), info: log('info'), debug: log('debug') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
