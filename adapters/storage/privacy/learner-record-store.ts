import type pg from 'pg';
import type { ExportLinks, LearnerRecords } from '../../../src/privacy/learner-records.js';
import { exportLearnerData } from './export-learner-data.js';
import { learnerForExportToken } from './export-link-store.js';
import { deleteLearner, findLearners } from './learner-admin.js';

/** The privacy ports (src/privacy/learner-records.ts) over PostgreSQL. */
export function createLearnerRecords(options: { pool: pg.Pool }): LearnerRecords {
  const { pool } = options;
  return {
    find: (input) => findLearners({ pool, ...input }),
    export: (input) => exportLearnerData({ pool, ...input }),
    delete: (input) => deleteLearner({ pool, ...input }),
  };
}

export function createExportLinks(options: { pool: pg.Pool }): ExportLinks {
  return { learnerFor: (token) => learnerForExportToken({ pool: options.pool, token }) };
}
