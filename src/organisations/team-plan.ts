import type { CatalogueOffering } from '../catalogue/offering.js';
import {
  planRoleLearning,
  type RoleSkills,
  type SkillAnswerCache,
  type SkillEvidenceSources,
} from '../skill-evidence/plan-role.js';
import type { RolePath } from '../skill-evidence/role-path.js';
import type { RouteEvidence } from '../skill-evidence/role-routes.js';
import type { TeachingEvidence } from '../skill-evidence/skill-evidence.js';
import type { Organisation } from './organisation.js';
import { organisationFit, type OrganisationFacts } from './organisation-fit.js';

/**
 * The team plan: for each role of an organisation, the skills that matter and the offerings that teach
 * them, ranked for this organisation, the gaps where the catalogue has nothing that teaches a skill, and
 * suggestions for the role as a whole of the kind its level and path call for. What a role should learn and
 * on what evidence is src/skill-evidence (plan-role.ts), shared with the learner's chat; this file ranks for
 * the organisation (organisation-fit.ts; free first on a small budget) and counts coverage.
 */

export type { RoleSkills };
export type TeamPlanSources = SkillEvidenceSources;

export type TeamPlanSettings = {
  skillsPerRole: number;
  minimumSkillShare: number;
  offeringsPerSkill: number;
  /** Search hits read per query before the evidence check. */
  candidatesPerSkill: number;
  suggestionsPerRole: number;
  /** A learning budget per person below this (NOK) puts free offerings first. */
  smallBudgetNok: number;
};

const defaultTeamPlanSettings: TeamPlanSettings = {
  skillsPerRole: 15,
  minimumSkillShare: 0.25,
  offeringsPerSkill: 3,
  candidatesPerSkill: 20,
  suggestionsPerRole: 5,
  smallBudgetNok: 5_000,
};

type PlanOffering = {
  id: string;
  title: string;
  provider: string;
  url: string | null;
  isFree: boolean | null;
  priceNok: number | null;
  mode: CatalogueOffering['mode'];
  schedule: CatalogueOffering['schedule'];
  hoursPerWeek: number | null;
  counties: string[];
  accreditedBy: string | null;
  fit: string[];
};

/** An offering shown for a skill, with where it says it teaches the skill. */
type SkillOffering = PlanOffering & { evidence: Pick<TeachingEvidence, 'basis' | 'phrase' | 'where' | 'score'> };
/** An offering shown for the role as a whole, with the kind of route and why it fits. */
type RoleOffering = PlanOffering & { route: RouteEvidence };

type PlanSkill = { id: string; label: string; share: number; offerings: SkillOffering[] };
type Coverage = { skills: number; covered: number; share: number };

type RolePlan = {
  roleId: string;
  title: string;
  styrkCode: string;
  styrkLabel: string | null;
  headcount: number;
  /** The role's level and path (src/skill-evidence/role-path.ts): what kind of learning fits it. */
  path: RolePath;
  occupations: string[];
  skills: PlanSkill[];
  gaps: { id: string; label: string }[];
  /** Offerings for the role as a whole, of the kind its path calls for; empty when the catalogue has none. */
  roleOfferings: RoleOffering[];
  coverage: Coverage;
};

export type TeamPlan = {
  organisation: {
    id: string;
    name: string;
    county: string | null;
    learningBudgetNok: number | null;
    hoursPerWeek: number | null;
  };
  freeFirst: boolean;
  roles: RolePlan[];
  /** Over the distinct skills of all roles. */
  coverage: Coverage;
};

export async function buildTeamPlan(options: {
  organisation: Organisation;
  sources: TeamPlanSources;
  settings?: Partial<TeamPlanSettings>;
}): Promise<TeamPlan> {
  const settings = { ...defaultTeamPlanSettings, ...options.settings };
  const { organisation, sources } = options;
  const facts: OrganisationFacts = {
    learningBudgetNok: organisation.learningBudgetNok,
    hoursPerWeek: organisation.hoursPerWeek,
    county: organisation.county,
  };
  const freeFirst = organisation.learningBudgetNok !== null && organisation.learningBudgetNok < settings.smallBudgetNok;
  const rank = (offerings: CatalogueOffering[]) => rankForOrganisation({ offerings, facts, freeFirst });
  const cache: SkillAnswerCache = new Map();

  const roles: RolePlan[] = [];
  for (const role of organisation.roles) {
    const learning = await planRoleLearning({
      styrkCode: role.styrkCode,
      title: role.title,
      sources,
      rank,
      settings,
      cache,
    });
    const skills: PlanSkill[] = learning.skills.map((skill) => ({
      id: skill.id,
      label: skill.label,
      share: skill.share,
      offerings: skill.taughtBy.map(({ offering, evidence }) => ({
        ...planOffering(offering, facts),
        evidence: { basis: evidence.basis, phrase: evidence.phrase, where: evidence.where, score: evidence.score },
      })),
    }));
    const covered = skills.filter((skill) => skill.offerings.length > 0).length;
    roles.push({
      roleId: role.id,
      title: role.title,
      styrkCode: role.styrkCode,
      styrkLabel: learning.styrkLabel,
      headcount: role.headcount,
      path: learning.path,
      occupations: learning.occupations,
      skills,
      gaps: learning.gaps,
      roleOfferings: learning.suggestions.map(({ offering, route }) => ({ ...planOffering(offering, facts), route })),
      coverage: coverageOf(skills.length, covered),
    });
  }
  const distinct = new Map(roles.flatMap((role) => role.skills).map((skill) => [skill.id, skill.offerings.length > 0]));
  return {
    organisation: { id: organisation.id, name: organisation.name, ...facts },
    freeFirst,
    roles,
    coverage: coverageOf(distinct.size, [...distinct.values()].filter(Boolean).length),
  };
}

function coverageOf(skills: number, covered: number): Coverage {
  return { skills, covered, share: skills ? covered / skills : 0 };
}

/** Search order kept as the tie-breaker; fit first; free ones ahead of the rest when freeFirst. */
function rankForOrganisation(options: {
  offerings: CatalogueOffering[];
  facts: OrganisationFacts;
  freeFirst: boolean;
}): CatalogueOffering[] {
  return options.offerings
    .map((offering, index) => ({ offering, index, fit: organisationFit({ offering, organisation: options.facts }) }))
    .sort((left, right) => {
      if (options.freeFirst) {
        const free = Number(right.offering.isFree === true) - Number(left.offering.isFree === true);
        if (free) return free;
      }
      return right.fit.score - left.fit.score || left.index - right.index;
    })
    .map(({ offering }) => offering);
}

function planOffering(offering: CatalogueOffering, facts: OrganisationFacts): PlanOffering {
  return {
    id: offering.id,
    title: offering.title,
    provider: offering.provider.name,
    url: offering.url,
    isFree: offering.isFree,
    priceNok: offering.priceNok,
    mode: offering.mode,
    schedule: offering.schedule,
    hoursPerWeek: offering.hoursPerWeek,
    counties: offering.counties,
    accreditedBy: offering.provider.accreditedBy,
    fit: organisationFit({ offering, organisation: facts }).reasons,
  };
}
