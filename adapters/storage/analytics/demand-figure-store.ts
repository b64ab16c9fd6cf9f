import type pg from 'pg';
import type { DemandFigures } from '../../../src/demand/demand-figures.js';
import { demandByCounty, demandByOccupation, demandByTopic, ratingsByWeek, unmetNeeds } from './demand-queries.js';
import { skillGapDemand } from './skill-gap-demand.js';

/** The demand port (src/demand/demand-figures.ts) over PostgreSQL. */
export function createDemandFigures(options: { pool: pg.Pool }): DemandFigures {
  return {
    skillGaps: (input) => skillGapDemand(options.pool, input),
    unmetNeeds: (period) => unmetNeeds(options.pool, period),
    topics: (period) => demandByTopic(options.pool, period),
    occupations: (period) => demandByOccupation(options.pool, period),
    counties: (period) => demandByCounty(options.pool, period),
    ratingsByWeek: (period) => ratingsByWeek(options.pool, period),
  };
}
