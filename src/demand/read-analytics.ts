import type {
  CountyDemand,
  DemandFigures,
  DemandPeriod,
  OccupationDemand,
  SkillGapDemand,
  TopicDemand,
  UnmetNeed,
  WeeklyRatings,
} from './demand-figures.js';

/** Every table of the advisers' analytics page for one period (also what its CSV downloads hold). */
export type AnalyticsData = {
  topics: TopicDemand[];
  occupations: OccupationDemand[];
  counties: CountyDemand[];
  unmet: UnmetNeed[];
  skillGaps: SkillGapDemand[];
  ratings: WeeklyRatings[];
};

/** One query after another: the embedded database serves a single connection. */
export async function readAnalytics(options: { period: DemandPeriod; figures: DemandFigures }): Promise<AnalyticsData> {
  const { period, figures } = options;
  return {
    topics: await figures.topics(period),
    occupations: await figures.occupations(period),
    counties: await figures.counties(period),
    unmet: await figures.unmetNeeds(period),
    skillGaps: await figures.skillGaps({ from: period.from, to: period.to, minimumOrganisations: period.minimumCount }),
    ratings: await figures.ratingsByWeek(period),
  };
}
