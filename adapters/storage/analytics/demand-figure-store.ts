import type pg from 'pg';
import type { DemandFigures } from '../../../src/demand/demand-figures.js';
import { unmetNeeds } from './demand-queries.js';
import { skillGapDemand } from './skill-gap-demand.js';

/** The demand port (src/demand/demand-figures.ts) over PostgreSQL. */
export function createDemandFigures(options: { pool: pg.Pool }): DemandFigures {
  return {
    skillGaps: (input) => skillGapDemand(options.pool, input),
    unmetNeeds: (input) => unmetNeeds(options.pool, input),
  };
}
