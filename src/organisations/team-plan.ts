import type { CatalogueOffering } from '../catalogue/offering.js';
import type { ScoredOffering } from '../retrieval/recommender.js';
import type { Organisation } from './organisation.js';
import { organisationFit, type OrganisationFacts } from './organisation-fit.js';
import { teachesSkill } from './skill-match.js';

/**
 * The team plan: for each role of an organisation, the skills that matter and the offerings that teach
 * them, ranked for this organisation, and the gaps where the catalogue has nothing.
 *
 * Skills come from ESCO: the role's STYRK-08 group is ISCO-08's unit group (same code, or a named
 * departure), whose ESCO occupations list essential skills. A group holds several occupations (7115 holds
 * carpenter, door installer, staircase installer …), so a skill matters for the role when it is essential
 * to at least `minimumSkillShare` of them; the most widely essential come first, at most `skillsPerRole`.
 *
 * Offerings for a skill: the retrieval core searched with the skill's label and with ESCO's alternative
 * labels, kept only when the offering teaches the skill under one of them (skill-match.ts: its words close together) or is linked to the skill's concept; then ranked by fit to the
 * organisation (organisation-fit.ts). With a small budget per person, free offerings come first.
 */

export type RoleSkills = {
  styrkLabel: string | null;
  occupations: { id: string; label: string }[];
  /** Essential skills of the group's ESCO occupations, with how many occupations list each. */
  skills: { id: string; label: string; altLabels: string[]; occupations: number }[];
};

export type TeamPlanSources = {
  skillsForOccupationGroup(styrkCode: string): Promise<RoleSkills>;
  search(options: { query: string; limit: number }): Promise<ScoredOffering[]>;
  /** Offerings linked to skill concepts (offering_concept); may return an empty map. */
  offeringsLinkedToSkills(skillIds: string[]): Promise<Map<string, CatalogueOffering[]>>;
};

export type TeamPlanSettings = {
  skillsPerRole: number;
  minimumSkillShare: number;
  offeringsPerSkill: number;
  /** Search hits read per skill before the teaches-the-skill check. */
  candidatesPerSkill: number;
  /** A learning budget per person below this (NOK) puts free offerings first. */
  smallBudgetNok: number;
};

export const defaultTeamPlanSettings: TeamPlanSettings = { skillsPerRole: 15, minimumSkillShare: 0.25, offeringsPerSkill: 3, candidatesPerSkill: 20, smallBudgetNok: 5_000 };

export type PlanOffering = {
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

export type PlanSkill = { id: string; label: string; share: number; offerings: PlanOffering[] };
export type Coverage = { skills: number; covered: number; share: number };

export type RolePlan = {
  roleId: string;
  title: string;
  styrkCode: string;
  styrkLabel: string | null;
  headcount: number;
  occupations: string[];
  skills: PlanSkill[];
  gaps: { id: string; label: string }[];
  /** Offerings for the occupation as a whole (searched with the role's Norwegian names). */
  roleOfferings: PlanOffering[];
  coverage: Coverage;
};

export type TeamPlan = {
  organisation: { id: string; name: string; county: string | null; learningBudgetNok: number | null; hoursPerWeek: number | null };
  freeFirst: boolean;
  roles: RolePlan[];
  /** Over the distinct skills of all roles. */
  coverage: Coverage;
};

export async function buildTeamPlan(options: { organisation: Organisation; sources: TeamPlanSources; settings?: Partial<TeamPlanSettings> }): Promise<TeamPlan> {
  const settings = { ...defaultTeamPlanSettings, ...options.settings };
  const { organisation, sources } = options;
  const facts: OrganisationFacts = { learningBudgetNok: organisation.learningBudgetNok, hoursPerWeek: organisation.hoursPerWeek, county: organisation.county };
  const freeFirst = organisation.learningBudgetNok !== null && organisation.learningBudgetNok < settings.smallBudgetNok;
  const rank = (offerings: CatalogueOffering[]) => rankForOrganisation({ offerings, facts, freeFirst });
  const skillResults = new Map<string, PlanOffering[]>();

  const roles: RolePlan[] = [];
  for (const role of organisation.roles) {
    const group = await sources.skillsForOccupationGroup(role.styrkCode);
    const needed = Math.max(1, Math.ceil(group.occupations.length * settings.minimumSkillShare));
    const chosen = group.skills
      .filter((skill) => skill.occupations >= needed)
      .sort((left, right) => right.occupations - left.occupations || left.label.localeCompare(right.label))
      .slice(0, settings.skillsPerRole);
    const linked = await sources.offeringsLinkedToSkills(chosen.filter((skill) => !skillResults.has(skill.id)).map((skill) => skill.id));
    const skills: PlanSkill[] = [];
    for (const skill of chosen) {
      let offerings = skillResults.get(skill.id);
      if (!offerings) {
        // ESCO's own synonyms count: "work ergonomically" is also "use ergonomic principles".
        const phrasings = [skill.label, ...skill.altLabels]; // alternatives matched strictly (skill-match.ts)
        const hits = await sources.search({ query: skill.label, limit: settings.candidatesPerSkill });
        if (skill.altLabels.length) hits.push(...(await sources.search({ query: skill.altLabels.join('. '), limit: settings.candidatesPerSkill })));
        const teaching = hits.map((hit) => hit.offering).filter((offering) => phrasings.some((phrasing, index) => teachesSkill({ skillLabel: phrasing, offering, strict: index > 0 })));
        const byId = new Map([...(linked.get(skill.id) ?? []), ...teaching].map((offering) => [offering.id, offering]));
        offerings = rank([...byId.values()]).slice(0, settings.offeringsPerSkill);
        skillResults.set(skill.id, offerings);
      }
      skills.push({ id: skill.id, label: skill.label, share: group.occupations.length ? skill.occupations / group.occupations.length : 0, offerings });
    }
    const roleQuery = [role.title, group.styrkLabel].filter(Boolean).join(' ');
    const roleHits = await sources.search({ query: roleQuery, limit: settings.candidatesPerSkill });
    const covered = skills.filter((skill) => skill.offerings.length > 0).length;
    roles.push({
      roleId: role.id,
      title: role.title,
      styrkCode: role.styrkCode,
      styrkLabel: group.styrkLabel,
      headcount: role.headcount,
      occupations: group.occupations.map((occupation) => occupation.label),
      skills,
      gaps: skills.filter((skill) => skill.offerings.length === 0).map(({ id, label }) => ({ id, label })),
      roleOfferings: rank(roleHits.filter((hit) => hit.reasons.matchedTerms.length > 0).map((hit) => hit.offering)).slice(0, 5),
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
export function rankForOrganisation(options: { offerings: CatalogueOffering[]; facts: OrganisationFacts; freeFirst: boolean }): PlanOffering[] {
  return options.offerings
    .map((offering, index) => ({ offering, index, fit: organisationFit({ offering, organisation: options.facts }) }))
    .sort((left, right) => {
      if (options.freeFirst) {
        const free = Number(right.offering.isFree === true) - Number(left.offering.isFree === true);
        if (free) return free;
      }
      return right.fit.score - left.fit.score || left.index - right.index;
    })
    .map(({ offering, fit }) => ({
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
      fit: fit.reasons,
    }));
}
