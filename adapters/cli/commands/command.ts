export type Command = {
  summary: string;
  /** Returns the exit code (0 when omitted). */
  run(args: string[]): Promise<number | void>;
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
