import type { Shown } from '../privacy/demand-suppression.js';

/**
 * The port for demand the catalogue does not meet, as suppressed aggregates (implemented in
 * adapters/storage/analytics). A count is null when too few organisations or learners stand behind it.
 */

/** A skill needed and taught by no offering, overall or within a county and/or industry. */
export type SkillGapDemand = {
  skillId: string;
  skill: string;
  county: string | null;
  industryCode: string | null;
  industry: string | null;
  organisations: Shown;
  people: Shown;
  learners: Shown;
};

/** A topic learners asked for that the catalogue answered badly. */
export type UnmetNeed = {
  topic: string;
  learners: number;
  noSuggestions: Shown;
  weakMatch: Shown;
  ratedLow: Shown;
};

export type DemandFigures = {
  skillGaps(input: { minimumOrganisations: number }): Promise<SkillGapDemand[]>;
  unmetNeeds(input: { from: Date; to: Date; minimumCount: number }): Promise<UnmetNeed[]>;
};
