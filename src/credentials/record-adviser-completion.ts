import { invalidRequest, notFound } from '../errors.js';
import type { CredentialIssuing, LearnerDirectory, OfferingAchievements } from './completion-ports.js';
import type { IssuedCredential } from './issue-credential.js';
import type { AchievementType } from './open-badge.js';

/** A completion an adviser records in the workspace (the form, parsed at the edge). */
export type AdviserCompletion = {
  learnerId: string;
  recipient: { name: string; email?: string | undefined };
  /** An offering in the catalogue; without it `achievementName` says what was achieved. */
  offeringId?: string | undefined;
  achievementName?: string | undefined;
  description?: string | undefined;
  criteria: string;
  achievementType: AchievementType;
  completedAt?: Date | undefined;
  validUntil?: Date | undefined;
  evidence: { url?: string | undefined; name?: string | undefined; narrative?: string | undefined }[];
};

/**
 * Issues the Open Badges credential for a completion an adviser records for a learner: the learner and the
 * offering (when named) must exist; the offering fills in what the adviser left out (name, description,
 * ESCO skills).
 */
export async function recordAdviserCompletion(options: {
  adviserId: string;
  completion: AdviserCompletion;
  offerings: OfferingAchievements;
  learners: LearnerDirectory;
  issuing: CredentialIssuing;
}): Promise<IssuedCredential> {
  const { completion } = options;
  if (!(await options.learners.exists(completion.learnerId)))
    throw notFound({ what: 'Learner', id: completion.learnerId });
  const offering = completion.offeringId ? await options.offerings.read(completion.offeringId) : null;
  if (completion.offeringId && !offering) throw notFound({ what: 'Offering', id: completion.offeringId });
  const name = completion.achievementName ?? offering?.title;
  if (!name) throw invalidRequest({ message: 'Give an offering id or the name of what was achieved.' });
  return options.issuing.issue({
    learnerId: completion.learnerId,
    recipient: completion.recipient,
    offeringId: offering?.offeringId ?? null,
    achievement: {
      id: offering ? options.issuing.achievementIdFor(offering.offeringId) : undefined,
      name,
      description: completion.description ?? offering?.description ?? name,
      criteriaNarrative: completion.criteria,
      achievementType: completion.achievementType,
      skills: offering?.skills ?? [],
    },
    validFrom: completion.completedAt,
    validUntil: completion.validUntil ?? null,
    evidence: completion.evidence.filter((item) => item.url || item.name || item.narrative),
    source: 'adviser',
    issuedByAdviserId: options.adviserId,
  });
}
