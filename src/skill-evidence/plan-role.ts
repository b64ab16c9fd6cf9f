import type { CatalogueOffering } from '../catalogue/offering.js';
import type { ScoredOffering } from '../retrieval/recommender.js';
import { conceptsOfSkill, type Phrase } from './close-concepts.js';
import { rolePathOf, type RolePath } from './role-path.js';
import { chooseRoleSuggestions, roleRouteContext, routeQueries, type RouteEvidence } from './role-routes.js';
import { skillContentTerms, teachingEvidence, type TeachingEvidence } from './skill-evidence.js';

/**
 * What one role should learn, on evidence: the skills that matter for its STYRK-08 group (ESCO essential
 * skills shared by enough of the group's occupations), for each the offerings that teach it
 * (skill-evidence.ts) or none — a gap, never the nearest neighbour — and suggestions for the role as a
 * whole of the kind its path calls for (role-routes.ts). Shared by the organisations' team plans and a
 * learner asking "hva bør jeg lære i jobben min?"; the caller ranks offerings for its own situation.
 */

export type RoleSkills = {
  styrkLabel: string | null;
  occupations: { id: string; label: string }[];
  /** Essential skills of the group's ESCO occupations, with how many occupations list each. */
  skills: { id: string; label: string; altLabels: string[]; occupations: number }[];
};

export type SkillEvidenceSources = {
  skillsForOccupationGroup(styrkCode: string): Promise<RoleSkills>;
  search(options: { query: string; limit: number }): Promise<ScoredOffering[]>;
  /** Offerings linked to skill concepts (offering_concept); may return an empty map. */
  offeringsLinkedToSkills(skillIds: string[]): Promise<Map<string, CatalogueOffering[]>>;
};

export type RolePlanSettings = {
  skillsPerRole: number;
  minimumSkillShare: number;
  offeringsPerSkill: number;
  /** Search hits read per query before the evidence check. */
  candidatesPerSkill: number;
  suggestionsPerRole: number;
};

const defaultRolePlanSettings: RolePlanSettings = {
  skillsPerRole: 15,
  minimumSkillShare: 0.25,
  offeringsPerSkill: 3,
  candidatesPerSkill: 20,
  suggestionsPerRole: 5,
};

type TaughtBy = { offering: CatalogueOffering; evidence: TeachingEvidence };
type RoleSkillPlan = { id: string; label: string; share: number; taughtBy: TaughtBy[] };
type RoleSuggestion = { offering: CatalogueOffering; route: RouteEvidence };

export type RoleLearningPlan = {
  styrkLabel: string | null;
  path: RolePath;
  occupations: string[];
  skills: RoleSkillPlan[];
  gaps: { id: string; label: string }[];
  suggestions: RoleSuggestion[];
};

/** Orders offerings for the one who asks (an organisation's budget and county, a learner's wishes). */
export type RankOfferings = (offerings: CatalogueOffering[]) => CatalogueOffering[];

/** A skill's candidates (searched and linked) are the same for every role: kept per call of a whole plan. */
export type SkillAnswerCache = Map<string, { candidates: CatalogueOffering[]; linkedIds: Set<string> }>;

export async function planRoleLearning(options: {
  styrkCode: string;
  /** The role's own name ("Tømrer", "Anleggsleder"). */
  title: string;
  sources: SkillEvidenceSources;
  rank: RankOfferings;
  settings?: Partial<RolePlanSettings>;
  cache?: SkillAnswerCache;
}): Promise<RoleLearningPlan> {
  const settings = { ...defaultRolePlanSettings, ...options.settings };
  const { sources, rank } = options;
  const cache: SkillAnswerCache = options.cache ?? new Map();
  const group = await sources.skillsForOccupationGroup(options.styrkCode);
  const needed = Math.max(1, Math.ceil(group.occupations.length * settings.minimumSkillShare));
  const chosen = group.skills
    .filter((skill) => skill.occupations >= needed)
    .sort((left, right) => right.occupations - left.occupations || left.label.localeCompare(right.label))
    .slice(0, settings.skillsPerRole);
  const linked = await sources.offeringsLinkedToSkills(
    chosen.filter((skill) => !cache.has(skill.id)).map((skill) => skill.id),
  );

  const path = rolePathOf(options.styrkCode);
  const context = roleRouteContext({ path, styrkCode: options.styrkCode, title: options.title });
  const skills: RoleSkillPlan[] = [];
  for (const skill of chosen) {
    let found = cache.get(skill.id);
    if (!found) {
      found = await findCandidates({ skill, linked: linked.get(skill.id) ?? [], sources, settings });
      cache.set(skill.id, found);
    }
    const taughtBy = keepTeaching({ skill, ...found, field: context.field, rank, limit: settings.offeringsPerSkill });
    skills.push({
      id: skill.id,
      label: skill.label,
      share: group.occupations.length ? skill.occupations / group.occupations.length : 0,
      taughtBy,
    });
  }

  const names = [options.title, ...(group.styrkLabel ? [group.styrkLabel] : [])];
  const candidates = new Map<string, CatalogueOffering>();
  for (const query of routeQueries({ context, names })) {
    for (const hit of await sources.search({ query, limit: settings.candidatesPerSkill * 2 }))
      candidates.set(hit.offering.id, hit.offering);
  }
  const suggestions = chooseRoleSuggestions({
    context,
    candidates: rank([...candidates.values()]).map((offering) => ({ offering })),
    limit: settings.suggestionsPerRole,
  });

  return {
    styrkLabel: group.styrkLabel,
    path,
    occupations: group.occupations.map((occupation) => occupation.label),
    skills,
    gaps: skills.filter((skill) => skill.taughtBy.length === 0).map(({ id, label }) => ({ id, label })),
    suggestions,
  };
}

/**
 * Candidates from the search under every way the skill is said — its label, ESCO's alternative labels and
 * its close concepts' teaching phrases (the Norwegian words) — plus offerings linked to the skill.
 */
async function findCandidates(options: {
  skill: RoleSkills['skills'][number];
  linked: CatalogueOffering[];
  sources: SkillEvidenceSources;
  settings: RolePlanSettings;
}): Promise<{ candidates: CatalogueOffering[]; linkedIds: Set<string> }> {
  const { skill, sources, settings } = options;
  const queries = [skill.label];
  if (skill.altLabels.length) queries.push(skill.altLabels.join('. '));
  for (const concept of conceptsOfSkill({ label: skill.label, contentTerms: skillContentTerms(skill.label) })) {
    queries.push(concept.teaching.map((phrase) => phrase.text.replace(/\*/g, '')).join(' '));
  }
  const candidates = new Map<string, CatalogueOffering>();
  for (const query of queries)
    for (const hit of await sources.search({ query, limit: settings.candidatesPerSkill }))
      candidates.set(hit.offering.id, hit.offering);
  for (const offering of options.linked) candidates.set(offering.id, offering);
  return { candidates: [...candidates.values()], linkedIds: new Set(options.linked.map((offering) => offering.id)) };
}

/** The candidates with evidence above the threshold for this role's field: strongest evidence first, then the caller's ranking. */
function keepTeaching(options: {
  skill: RoleSkills['skills'][number];
  candidates: CatalogueOffering[];
  linkedIds: Set<string>;
  field: Phrase[];
  rank: RankOfferings;
  limit: number;
}): TaughtBy[] {
  const evidenced = new Map<string, TeachingEvidence>();
  for (const offering of options.candidates) {
    const evidence = teachingEvidence({
      skill: options.skill,
      offering,
      coded: options.linkedIds.has(offering.id),
      context: { field: options.field },
    });
    if (evidence) evidenced.set(offering.id, evidence);
  }
  const ranked = options.rank(options.candidates.filter((offering) => evidenced.has(offering.id)));
  const order = new Map(ranked.map((offering, index) => [offering.id, index]));
  return ranked
    .map((offering) => ({ offering, evidence: evidenced.get(offering.id)! }))
    .sort(
      (left, right) =>
        evidenceTier(right.evidence) - evidenceTier(left.evidence) ||
        order.get(left.offering.id)! - order.get(right.offering.id)!,
    )
    .slice(0, options.limit);
}

/** Evidence in bands, so a small difference in score never outranks the organisation's own ranking. */
function evidenceTier(evidence: TeachingEvidence): number {
  return evidence.score >= 0.85 ? 2 : evidence.score >= 0.7 ? 1 : 0;
}
