import type { IssueCredentialInput, IssuedCredential } from './issue-credential.js';
import type { EscoSkill } from './open-badge.js';

/**
 * What recording a completion needs from outside the domain: the catalogue's word on an offering, whether a
 * learner exists, and the issuer. Declared here, implemented in adapters/storage (the first two) and
 * adapters/credentials (the issuer), put together once in adapters/credentials/credential-use-cases.ts.
 */

/** What a credential for an offering says about the achievement. */
export type OfferingAchievement = {
  offeringId: string;
  providerId: string;
  providerName: string;
  title: string;
  description: string;
  url: string | null;
  skills: EscoSkill[];
};

export type OfferingAchievements = {
  /** The offering's achievement, or null when there is no such offering. */
  read(offeringId: string): Promise<OfferingAchievement | null>;
};

export type LearnerDirectory = {
  exists(learnerId: string): Promise<boolean>;
};

export type CredentialIssuing = {
  /** The stable achievement id of every credential for this offering. */
  achievementIdFor(offeringId: string): string;
  issue(input: IssueCredentialInput): Promise<IssuedCredential>;
};
