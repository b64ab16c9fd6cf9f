/**
 * The ports for acting on a learner's GDPR rights (access, portability, erasure), declared here and
 * implemented in adapters/storage/privacy: the records themselves, and the short-lived export links the
 * assistant hands out in chat.
 */

/** What an admin sees of a learner when finding them: ids and counts, nothing they said. */
export type LearnerSummary = {
  learnerId: string;
  identities: { channel: string; externalId: string }[];
  createdAt: Date;
  lastSeenAt: Date;
  consent: 'given' | 'declined' | 'not_answered';
  conversations: number;
  ratings: number;
};

/** Everything stored about one learner, as one JSON document (GDPR art. 15 and 20). */
export type LearnerDataExport = {
  format: 'veileder-learner-export';
  version: 1;
  exportedAt: string;
  learnerId: string;
  /** Table name → its rows about the learner, each column as stored. */
  tables: Record<string, Record<string, unknown>[]>;
};

export type LearnerRecords = {
  /** Learners matching a learner id or a channel id; each look-up audited with `actorId`. */
  find(input: { query: string; actorId: string }): Promise<LearnerSummary[]>;
  /** Null when there is no such learner. */
  export(input: { learnerId: string }): Promise<LearnerDataExport | null>;
  /** False when there was no such learner; the deletion is audited with `actorId`. */
  delete(input: { learnerId: string; actorId: string }): Promise<boolean>;
};

export type ExportLinks = {
  /** The learner a live export token names; null when unknown or expired. */
  learnerFor(token: string): Promise<string | null>;
};
