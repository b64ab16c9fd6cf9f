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

export type TopicDemand = { topic: string; learners: number; concept: string | null; offerings: number };
export type OccupationDemand = { code: string; label: string | null; learners: number; offerings: number };
export type CountyDemand = { county: string; learners: number; offerings: number };
export type WeeklyRatings = { week: string; ratings: Shown; average: number | null };

/** A period of learners' turns; a group under `minimumCount` learners (default 3) is left out. */
export type DemandPeriod = { from: Date; to: Date; minimumCount?: number | undefined };

export type DemandFigures = {
  skillGaps(input: {
    from?: Date | undefined;
    to?: Date | undefined;
    minimumOrganisations?: number | undefined;
  }): Promise<SkillGapDemand[]>;
  unmetNeeds(period: DemandPeriod): Promise<UnmetNeed[]>;
  topics(period: DemandPeriod): Promise<TopicDemand[]>;
  occupations(period: DemandPeriod): Promise<OccupationDemand[]>;
  counties(period: DemandPeriod): Promise<CountyDemand[]>;
  ratingsByWeek(period: DemandPeriod): Promise<WeeklyRatings[]>;
};
