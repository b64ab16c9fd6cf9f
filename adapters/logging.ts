import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';

/**
 * Structured logs: one JSON object a line (pino) on stderr — stdout stays free for command output such as
 * `--json` — filtered by VEILEDER_LOG_LEVEL. Every line carries the process id, and a line written while a
 * request is handled carries that request's id (X-Request-Id), so one chat turn's lines can be picked out of
 * several processes' interleaved output. Call sites stay `log.info(message, fields)`.
 */

export type LogLevel = 'silent' | 'error' | 'info' | 'debug';
type LogFields = Record<string, unknown>;
export type Logger = {
  error(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
};

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (and everything it awaits) as part of the request `requestId`: its log lines name it. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

export function createLogger(options: { level: LogLevel; write?: (line: string) => void }): Logger {
  const { write } = options;
  const logger = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not pino's numbers: the lines are read by people as often as by machines.
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => requestScope.getStore() ?? {},
    },
    write ? { write: (line: string) => write(line.replace(/\n$/, '')) } : pino.destination({ dest: 2, sync: true }),
  );
  // Fields first, as pino wants them; a field named like pino's own (level, time, pid, msg) is kept under `fields`.
  const log = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields) => {
    if (!fields) logger[level](message);
    else if (['level', 'time', 'pid', 'msg'].some((key) => key in fields)) logger[level]({ fields }, message);
    else logger[level](fields, message);
  };
  return { error: log('error'), info: log('info'), debug: log('debug') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
