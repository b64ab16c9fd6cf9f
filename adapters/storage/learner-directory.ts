import type pg from 'pg';
import type { LearnerDirectory } from '../../src/credentials/completion-ports.js';

/** Whether a learner exists, for use cases that act on a learner someone named (src/credentials/completion-ports.ts). */
export function createLearnerDirectory(options: { pool: Pick<pg.Pool, 'query'> }): LearnerDirectory {
  return {
    async exists(learnerId) {
      const { rows } = await options.pool.query('SELECT 1 FROM learner WHERE id = $1', [learnerId]);
      return rows.length > 0;
    },
  };
}
