import { type ParseArgsConfig, parseArgs } from 'node:util';

export type Command = {
  summary: string;
  /** Returns the exit code (0 when omitted). */
  run(args: string[]): Promise<number | undefined>;
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `parseArgs` whose complaints reach the operator as a usage error, with the command's usage beside them. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}
