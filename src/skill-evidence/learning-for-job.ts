import type { CatalogueOffering } from '../catalogue/offering.js';
import { gapSentence, type GapLanguage } from './gap-sentence.js';
import { planRoleLearning, type RankOfferings, type RolePlanSettings, type SkillEvidenceSources } from './plan-role.js';
import type { RouteEvidence } from './role-routes.js';
import type { EvidenceBasis } from './skill-evidence.js';

/**
 * "Hva bør jeg lære i jobben min?" for one learner: the team plan's evidence rules for the learner's own
 * occupation (a STYRK-08 code, as the interview finds it), so the chat never offers a course for a skill
 * it does not teach and names the gaps plainly. Fewer skills and offerings than a team plan: a chat reply
 * is read on a phone. The caller ranks offerings for the learner (their budget, place, pace) or keeps the
 * search order.
 */

export type JobLearningAnswer = {
  styrkCode: string;
  occupation: string | null;
  /** Skills with at least one offering that teaches them, and why each offering counts. */
  taught: { skill: string; offerings: { offering: CatalogueOffering; basis: EvidenceBasis }[] }[];
  /** Skills no offering teaches (ESCO id and label), and the sentence that says so. */
  gaps: { id: string; label: string }[];
  gapSentence: string;
  /** For the occupation as a whole, of the kind its path calls for (trade routes, certificates, leadership). */
  routes: ({ offering: CatalogueOffering } & RouteEvidence)[];
};

const chatLearningSettings: Partial<RolePlanSettings> = {
  skillsPerRole: 8,
  offeringsPerSkill: 2,
  suggestionsPerRole: 3,
};

export async function learningForJob(options: {
  styrkCode: string;
  title: string;
  language: GapLanguage;
  sources: SkillEvidenceSources;
  rank?: RankOfferings;
  settings?: Partial<RolePlanSettings>;
}): Promise<JobLearningAnswer> {
  const plan = await planRoleLearning({
    styrkCode: options.styrkCode,
    title: options.title,
    sources: options.sources,
    rank: options.rank ?? ((offerings) => offerings),
    settings: { ...chatLearningSettings, ...options.settings },
  });
  return {
    styrkCode: options.styrkCode,
    occupation: plan.styrkLabel,
    taught: plan.skills
      .filter((skill) => skill.taughtBy.length)
      .map((skill) => ({
        skill: skill.label,
        offerings: skill.taughtBy.map(({ offering, evidence }) => ({ offering, basis: evidence.basis })),
      })),
    gaps: plan.gaps,
    gapSentence: gapSentence({ labels: plan.gaps.map((gap) => gap.label), language: options.language }),
    routes: plan.suggestions.map(({ offering, route }) => ({ offering, ...route })),
  };
}
