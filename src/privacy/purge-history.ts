/**
 * The port for what the retention purge left on record (adapters/storage/privacy/purge-history-store.ts
 * reads it from the audit log, where the purge writes it).
 */

/** One purge: when it ran, the retention it applied, and how much it removed. */
export type PurgeRecord = {
  at: Date;
  detail: { retentionDays?: number; conversations?: number; learners?: number };
};

export type PurgeHistory = {
  /** The most recent purge, or undefined when none has run. */
  latest(): Promise<PurgeRecord | undefined>;
};
