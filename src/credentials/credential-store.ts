import type { AchievementType } from './open-badge.js';

/** What Veileder keeps about each credential it issued (the port; adapters/storage/credential-store.ts). */
export type IssuedCredentialRecord = {
  id: string;
  learnerId: string | null;
  subjectId: string;
  recipientName: string | null;
  offeringId: string | null;
  achievementId: string;
  achievementName: string;
  achievementType: AchievementType;
  source: 'provider' | 'adviser';
  providerId: string | null;
  issuedByAdviserId: string | null;
  keyId: string;
  statusListId: string;
  statusIndex: number;
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** Veileder's copy of the signed credential; null once the learner asked to be forgotten. */
  jwt: string | null;
};

export type CredentialStore = {
  /** The learner's pseudonymous credentialSubject.id, when an earlier credential gave them one. */
  subjectIdForLearner(learnerId: string): Promise<string | null>;
  /** Takes the next free bit of a revocation status list (a new list when the current one is full). */
  reserveStatusIndex(): Promise<{ listId: string; index: number }>;
  saveIssued(record: IssuedCredentialRecord & { jwt: string }): Promise<void>;
  findById(id: string): Promise<IssuedCredentialRecord | null>;
  listForLearner(learnerId: string): Promise<IssuedCredentialRecord[]>;
  /**
   * Puts a credential issued to no learner (a provider reported it without one) into this learner's wallet,
   * found by the exact signed JWT they hold. False when it is already someone's, or Veileder has no copy.
   */
  attachToLearner(options: { jwt: string; learnerId: string }): Promise<IssuedCredentialRecord | null>;
  /** Sets revoked_at (once) and returns the record, or null when there is no such credential. */
  markRevoked(options: { id: string; reason: string | null; now: Date }): Promise<IssuedCredentialRecord | null>;
  /** Status indexes set in a list, and its size. */
  statusListBits(listId: string): Promise<{ sizeBits: number; setIndexes: number[] } | null>;
  savePublishedStatusList(options: { listId: string; jwt: string; now: Date }): Promise<void>;
  publishedStatusList(listId: string): Promise<string | null>;
};
