import { invalidRequest, notFound } from '../errors.js';
import type { CredentialIssuing, LearnerDirectory, OfferingAchievements } from './completion-ports.js';
import type { IssuedCredential } from './issue-credential.js';
import type { AchievementType } from './open-badge.js';

/** A completion as a provider reports it (POST /api/providers/:providerId/completions, parsed at the edge). */
export type ProviderCompletion = {
  learnerId?: string | undefined;
  recipient: { name: string; email?: string | undefined };
  /** One of the provider's offerings; without it `achievement` says what was achieved. */
  offeringId?: string | undefined;
  achievement?:
    | {
        name: string;
        description: string;
        criteria: string;
        achievementType: AchievementType;
        escoSkills?: { uri: string; label: string }[] | undefined;
      }
    | undefined;
  completedAt?: Date | undefined;
  validUntil?: Date | undefined;
  evidence?: { url?: string | undefined; name?: string | undefined; narrative?: string | undefined }[] | undefined;
};

// The criteria a provider's credential states when the report gives none: the credential is shown to
// Norwegian employers and learners first, like the rest of Læringsportalen.
const defaultCriteria = 'Fullført kurset hos tilbyderen.';

/**
 * Issues the Open Badges credential for a completion a provider reports: the offering (when named) must be
 * the provider's own and the learner (when named) must exist; what the report leaves out is taken from the
 * offering in the catalogue (name, description, ESCO skills).
 */
export async function recordProviderCompletion(options: {
  providerId: string;
  completion: ProviderCompletion;
  offerings: OfferingAchievements;
  learners: LearnerDirectory;
  issuing: CredentialIssuing;
}): Promise<IssuedCredential> {
  const { providerId, completion } = options;
  const offering = completion.offeringId ? await options.offerings.read(completion.offeringId) : null;
  if (completion.offeringId && !offering) throw notFound({ what: 'Offering', id: completion.offeringId });
  if (offering && offering.providerId !== providerId)
    throw invalidRequest({ message: `Offering ${completion.offeringId} belongs to another provider.` });
  if (completion.learnerId && !(await options.learners.exists(completion.learnerId)))
    throw notFound({ what: 'Learner', id: completion.learnerId });
  const achievement = completion.achievement;
  const name = achievement?.name ?? offering?.title;
  const description = achievement?.description ?? offering?.description;
  if (name === undefined || description === undefined)
    throw invalidRequest({
      message: 'Give offeringId (one of your offerings) or achievement { name, description, criteria }.',
    });
  return options.issuing.issue({
    learnerId: completion.learnerId ?? null,
    recipient: completion.recipient,
    offeringId: offering?.offeringId ?? null,
    achievement: {
      id: offering ? options.issuing.achievementIdFor(offering.offeringId) : undefined,
      name,
      description,
      criteriaNarrative: achievement?.criteria ?? defaultCriteria,
      achievementType: achievement?.achievementType ?? 'Course',
      skills:
        achievement?.escoSkills?.map((skill) => ({ uri: skill.uri, label: skill.label })) ?? offering?.skills ?? [],
    },
    validFrom: completion.completedAt,
    validUntil: completion.validUntil ?? null,
    evidence: completion.evidence ?? [],
    source: 'provider',
    providerId,
  });
}
