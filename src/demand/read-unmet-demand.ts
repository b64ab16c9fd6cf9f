import type { DemandFigures, SkillGapDemand, UnmetNeed } from './demand-figures.js';

/**
 * Demand the catalogue does not meet, published as open data (/api/demand): skill gaps, and the topics
 * learners asked for over the last `days` that the catalogue answered badly; groups under `minimumGroup`
 * left out.
 */
export async function readUnmetDemand(options: {
  now: Date;
  days: number;
  minimumGroup: number;
  figures: DemandFigures;
}): Promise<{ from: Date; to: Date; skills: SkillGapDemand[]; topics: UnmetNeed[] }> {
  const to = options.now;
  const from = new Date(to.getTime() - options.days * 86_400_000);
  return {
    from,
    to,
    skills: await options.figures.skillGaps({ minimumOrganisations: options.minimumGroup }),
    topics: await options.figures.unmetNeeds({ from, to, minimumCount: options.minimumGroup }),
  };
}
